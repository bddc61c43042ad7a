"""The `briefing` command: a thin shell over the Python API.

Exit codes: 0 everything read and written; 1 some sources could not be read (the documents
were still made from the others), or a warning under --strict; 2 usage or configuration error
(bad flag, missing sources folder, invalid briefing.toml key).
"""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import click

from briefing import __version__
from briefing.model import Severity

if TYPE_CHECKING:
    from briefing.model import Chronology, DateValue, Problem
    from briefing.sources import SourceError

EXIT_OK, EXIT_SOURCES_FAILED, EXIT_USAGE = 0, 1, 2
EXIT_NOTHING_MADE = 3
"""No document was made: no source could be read, or the documents could not be written; the
previous documents are left as they were (a CI job must not mail them as new)."""
EXIT_NOT_DELIVERED = 1


def _parse_date_option(value: str | None, flag: str) -> DateValue | None:
    if value is None:
        return None
    from briefing.dates import parse_ref

    try:
        return parse_ref(value)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint=flag) from None


def _report(problems: Iterable[Problem]) -> None:
    for problem in problems:
        click.echo(str(problem), err=True)


def _no_sources(error: SourceError) -> NoReturn:
    """No readable source at all: exit 3 when files were there but failed, else usage (2)."""
    if error.problems:
        _report(error.problems)
        click.echo(f"briefing: {error}", err=True)
        sys.exit(EXIT_NOTHING_MADE)
    raise click.UsageError(str(error))


def _load(sources: Path, as_of: DateValue | None, max_bytes: int,
          executor: str | None = None, jobs: int = 1) -> Chronology:
    from briefing.executors import ExecutorError, executor_for
    from briefing.pipeline import load_chronology
    from briefing.sources import SourceError

    try:
        with executor_for(executor, jobs) as pool:
            return load_chronology(sources, as_of, max_bytes=max_bytes, executor=pool)
    except SourceError as error:
        _no_sources(error)
    except ExecutorError as error:
        raise click.UsageError(str(error)) from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def cli() -> None:
    """Turn a folder of source documents into a dated chronology, rendered as a one-page
    briefing and a full timeline (PDF and Word)."""


def _config(config_file: Path | None, **flags: object) -> dict[str, Any]:
    """Settings: defaults < briefing.toml / [tool.briefing] < BRIEFING_* < flags."""
    from briefing.config import ConfigError, load

    try:
        return load(Path.cwd(), config_file=config_file, flags=flags)
    except ConfigError as error:
        raise click.UsageError(f"configuration: {error}") from None


def _as_of(value: str | None, flag: str = "--as-of") -> DateValue | None:
    """`today` or a date; today is the machine's local date."""
    if value is not None and value.strip().lower() == "today":
        value = date.today().isoformat()
    return _parse_date_option(value, flag)


_CONFIG_OPTION = click.option(
    "--config", "config_file", type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="Config file (default: briefing.toml, else [tool.briefing] in pyproject.toml).")
_JOBS_OPTION = click.option(
    "--jobs", "-j", help="Processes that parse sources in parallel (a number or 'auto').  "
                         "[default: auto]")
_EXECUTOR_OPTION = click.option(
    "--executor", metavar="process|dask://HOST:PORT",
    help="Where sources are parsed: local processes (see --jobs) or a Dask cluster's "
         "scheduler (needs briefing[dask]; also BRIEFING_DASK_SCHEDULER).  [default: process]")
_SOURCES_OPTION = click.option(
    "--sources", help="Folder of source documents.  [default: sources]")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["pdf", "docx", "all"]),
              help="Document format(s) to write.  [default: all]")
@click.option("--kind", type=click.Choice(["briefing", "timeline", "all"]),
              help="Document(s) to write.  [default: all]")
@_SOURCES_OPTION
@click.option("--out", help="Folder to write the documents to.  [default: out]")
@click.option("--title", help="Document title (default: made from the most named actors).")
@click.option("--as-of", "as_of", metavar="DATE",
              help="As-of date (YYYY-MM-DD, YYYY-MM, YYYY or 'today'); also the reference of "
                   "undated sources.")
@click.option("--templates", type=click.Path(file_okay=False, exists=True), multiple=True,
              help="Folder whose templates override the bundled ones (repeatable).")
@click.option("--paper", type=click.Choice(["A4", "Letter"], case_sensitive=False),
              help="Paper size.  [default: A4]")
@click.option("--strict/--no-strict", default=None,
              help="Fail with exit code 1 on warnings too (undated source, guessed date, "
                   "skipped file).")
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed.")
@_JOBS_OPTION
@_EXECUTOR_OPTION
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the manifest (outputs, sources, problems) as JSON.")
@_CONFIG_OPTION
def make(fmt: str | None, kind: str | None, sources: str | None, out: str | None,
         title: str | None, as_of: str | None, templates: tuple[str, ...], paper: str | None,
         strict: bool | None, force: bool, jobs: str | None, executor: str | None,
         quiet: bool, as_json: bool, config_file: Path | None) -> None:
    """Write the briefing and timeline documents; prints one line per file written.

    Also writes OUT/manifest.json. Exit codes: 0 done; 1 some sources could not be read (or,
    with --strict, any warning); 2 usage or configuration error.
    """
    from briefing.executors import ExecutorError
    from briefing.pipeline import Settings, build
    from briefing.sources import SourceError

    values = _config(config_file, formats=fmt, kinds=kind, sources=sources, out=out,
                     title=title, as_of=as_of, templates=list(templates) or None, paper=paper,
                     strict=strict, jobs=jobs, executor=executor)
    settings = Settings(
        sources=Path(values["sources"]), out=Path(values["out"]), title=values["title"],
        as_of=_as_of(values["as_of"]), templates=tuple(Path(t) for t in values["templates"]),
        formats=values["formats"], kinds=values["kinds"], paper=values["paper"],
        author=values["author"], max_source_bytes=values["max_source_bytes"],
        jobs=values["jobs"], executor=values["executor"], file_names=values["file_names"],
    )
    try:
        result = build(settings, force=force)
    except SourceError as error:
        _no_sources(error)
    except ExecutorError as error:
        raise click.UsageError(str(error)) from None
    except BrokenPipeError:
        raise
    except OSError as error:  # the out folder is a file, read-only, full...
        where = f" ({error.filename})" if error.filename else ""
        click.echo(f"briefing: the documents could not be written to {settings.out}: "
                   f"{error.strerror or error}{where}; the previous ones are left as they were",
                   err=True)
        sys.exit(EXIT_NOTHING_MADE)
    failed = result.failed_sources or (values["strict"] and result.warnings)
    if not quiet or values["strict"]:  # under --strict, warnings are why the run fails
        _report(result.problems)
    else:
        _report(p for p in result.problems if p.severity == Severity.ERROR)
    if as_json:
        click.echo(json.dumps(result.manifest, ensure_ascii=False, indent=2))
    elif not quiet:
        if result.reused:
            click.echo("nothing changed since the last run: outputs reused (--force rebuilds)",
                       err=True)
        for output in result.outputs:
            pages = f" ({output.pages} page{'s' if output.pages != 1 else ''})" \
                if output.pages else ""
            click.echo(f"{output.path}{pages}")
    if values["strict"] and result.warnings and not result.failed_sources:
        click.echo(f"briefing: {result.warnings} warning(s) and --strict: failing", err=True)
    sys.exit(EXIT_SOURCES_FAILED if failed else EXIT_OK)


@cli.command()
@_SOURCES_OPTION
@click.option("--format", "fmt",
              type=click.Choice(["json", "table", "csv", "ics", "timelinejs", "md"]),
              default="json", show_default=True,
              help="json: the events as a list; table: one line each; csv; ics: iCalendar; "
                   "timelinejs: Knight Lab TimelineJS JSON; md: Markdown.")
@click.option("--as-of", "as_of", metavar="DATE",
              help="Reference date of undated sources (or 'today').")
@click.option("--executor", metavar="process|dask://HOST:PORT",
              help="Parse sources in local processes (see --jobs of `make`) or on a Dask "
                   "cluster (needs briefing[dask]).  [default: in this process]")
@_CONFIG_OPTION
def events(sources: str | None, fmt: str, as_of: str | None, executor: str | None,
           config_file: Path | None) -> None:
    """Print the chronology: every event in order, as JSON, a table, CSV, iCalendar,
    TimelineJS JSON or Markdown."""
    values = _config(config_file, sources=sources, as_of=as_of, executor=executor)
    chronology = _load(Path(values["sources"]), _as_of(values["as_of"]),
                       values["max_source_bytes"], values["executor"],
                       values["jobs"] if values["executor"] else 1)
    _report(chronology.problems)
    if fmt == "json":
        click.echo(json.dumps([e.to_dict() for e in chronology.events], ensure_ascii=False,
                              indent=2))
    elif fmt == "table":
        from briefing.views import date_label

        for event in chronology.events:
            label = date_label(event.date)
            click.echo(f"{label:<24} {event.summary}  [{', '.join(event.sources)}]")
        for item in chronology.undated:
            click.echo(f"{'(undated)':<24} {item.text}  [{item.citation.source}]")
    else:
        from briefing import export

        if fmt == "csv":
            click.echo(export.to_csv(chronology), nl=False)
        elif fmt == "ics":
            click.echo(export.to_ics(chronology), nl=False)
        elif fmt == "timelinejs":
            click.echo(json.dumps(export.to_timelinejs(chronology), ensure_ascii=False,
                                  indent=2))
        else:
            click.echo(export.to_markdown(chronology), nl=False)
    failed = any(p.severity == Severity.ERROR for p in chronology.problems)
    sys.exit(EXIT_SOURCES_FAILED if failed else EXIT_OK)


@cli.command()
@click.option("--ref", metavar="DATE",
              help="Reference date the text is written at (YYYY-MM-DD, YYYY-MM or YYYY). "
                   "Required, except with --jsonl (there: the default for lines without one).")
@click.option("--lang", default="en", show_default=True, help="Language of the text.")
@click.option("--prefer", type=click.Choice(["past", "future"]), default="past",
              show_default=True, help="Resolve year-less dates towards the past or future.")
@click.option("--jsonl", is_flag=True,
              help='Read JSON lines {"text": ..., "ref": "YYYY-MM-DD", "lang": "en"} (ref: also '
                   "YYYY-MM or YYYY; lang optional); print one JSON list of mentions per line.")
def dates(ref: str | None, lang: str, prefer: str, jsonl: bool) -> None:
    """Read text on stdin; print the time expressions found as a JSON list.

    With --jsonl, each input line is one document and gives one output line, in the same order.
    A bad line (not JSON, no "text" string, a bad "ref" or "lang") is reported on stderr with
    its line number and gives `[]`, so the lines stay aligned; the exit code is then 1.
    A line without "ref" uses --ref, else no reference (only dates that state their year).
    """
    from briefing.dates import find_dates, known_language, parse_ref

    if not known_language(lang):
        raise click.UsageError(f"--lang {lang!r}: not a language whose dates can be read "
                               "(a code such as en, fr, de, pt-BR)")
    if not jsonl:
        if ref is None:
            raise click.UsageError("--ref is required (unless --jsonl is given)")
        reference = _parse_date_option(ref, "--ref")
        text = sys.stdin.read()
        mentions = find_dates(text, reference, lang, prefer=prefer)
        click.echo(json.dumps([m.to_dict() for m in mentions], ensure_ascii=False, indent=2))
        return

    default_ref = _parse_date_option(ref, "--ref")
    refs: dict[str, DateValue] = {}
    out = sys.stdout.buffer
    bad = 0
    for number, raw in enumerate(sys.stdin.buffer, 1):
        try:
            try:
                doc = json.loads(raw.decode("utf-8-sig"))
            except json.JSONDecodeError as error:
                raise ValueError(f"not valid JSON ({error.msg}, column {error.colno})") from None
            if not isinstance(doc, dict):
                raise ValueError("expected a JSON object")
            text = doc.get("text")
            if not isinstance(text, str):
                raise ValueError('"text" must be a string')
            line_lang = doc.get("lang", lang)
            if not isinstance(line_lang, str) or not known_language(line_lang):
                raise ValueError(f'"lang" {line_lang!r} is not a language whose dates can be '
                                 'read (a code such as "en", "fr", "pt-BR")')
            reference = default_ref
            if doc.get("ref") is not None:
                key = doc["ref"]
                if not isinstance(key, str):
                    raise ValueError('"ref" must be a string (YYYY-MM-DD, YYYY-MM or YYYY)')
                if key not in refs:
                    refs[key] = parse_ref(key)
                reference = refs[key]
            found = [m.to_dict() for m in find_dates(text, reference, line_lang, prefer=prefer)]
        except (ValueError, UnicodeDecodeError) as error:
            click.echo(f"briefing dates: line {number}: {error}", err=True)
            bad += 1
            found = []
        except Exception as error:  # a parser bug must not break the alignment of the output
            click.echo(f"briefing dates: line {number}: internal error: {error!r}", err=True)
            bad += 1
            found = []
        out.write(json.dumps(found, ensure_ascii=False).encode("utf-8") + b"\n")
        out.flush()
    if bad:
        click.echo(f"briefing dates: {bad} bad line(s)", err=True)
    sys.exit(EXIT_SOURCES_FAILED if bad else EXIT_OK)


def _addresses(values: Iterable[str]) -> list[str]:
    """Repeated flags as given, blank ones dropped: each may hold a comma-separated list, cut
    by `mail.parse_address_list`, which knows a comma in a quoted name from one between
    addresses."""
    return [value for value in values if value.strip()]


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, exists=True,
                                                    path_type=Path))
@click.option("--to", "to", multiple=True,
              help='Recipient (repeatable, or comma-separated; quote a name with a comma: '
                   '\'"Doe, Jane" <jane@example.org>\').')
@click.option("--cc", "cc", multiple=True, help="Copy recipient (repeatable).")
@click.option("--from", "sender", help="Sender address.")
@click.option("--subject", help="Subject (default: the title and the as-of date).")
@click.option("--smtp", "smtp", metavar="HOST:PORT", help="SMTP server.")
@click.option("--tls", type=click.Choice(["starttls", "ssl", "none"]),
              help="Connection security.  [default: starttls]")
@click.option("--user", help="SMTP user; the password comes only from BRIEFING_SMTP_PASSWORD "
                             "or BRIEFING_SMTP_PASSWORD_FILE.")
@click.option("--eml", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
              help="Write the message to this file ('-': standard output) instead of "
                   "sending it.")
@click.option("--out", help="Folder whose manifest.json names the documents.  [default: out]")
@_CONFIG_OPTION
def mail(files: tuple[Path, ...], to: tuple[str, ...], cc: tuple[str, ...],
         sender: str | None, subject: str | None, smtp: str | None, tls: str | None,
         user: str | None, eml: Path | None, out: str | None, config_file: Path | None) -> None:
    """Mail the documents (FILES, default: those `briefing make` last wrote to OUT).

    The body gives the title, the as-of date and the briefing's bottom line. Exit codes: 0 sent
    (or written with --eml); 1 not delivered (server refused, unreachable, too large …);
    2 usage or configuration error. Nothing is sent to anyone unless every recipient is
    accepted.
    """
    import os
    from datetime import UTC, datetime

    from briefing import mail as mailer
    from briefing.manifest import MANIFEST, read_json

    values = _config(config_file, mail_to=_addresses(to) or None,
                     mail_cc=_addresses(cc) or None, mail_from=sender, mail_subject=subject,
                     smtp=smtp, smtp_tls=tls, smtp_user=user, out=out)
    record = read_json(Path(values["out"]) / MANIFEST) or {}
    attachments = list(files) or _made_documents(Path(values["out"]), record)
    if not values["mail_to"]:
        raise click.UsageError("no recipient: give --to (or mail.to in briefing.toml, "
                               "or BRIEFING_MAIL_TO)")
    if not values["mail_from"]:
        raise click.UsageError("no sender: give --from (or mail.from in briefing.toml, "
                               "or BRIEFING_MAIL_FROM)")
    if not attachments:
        raise click.UsageError(f"nothing to send: name the files, or run `briefing make` "
                               f"first (no documents listed in {values['out']}/{MANIFEST})")
    title = record.get("title") or values["title"] or "Briefing"
    as_of = record.get("as_of") or ""
    # SOURCE_DATE_EPOCH (often set for a whole CI job) fixes the date only of an .eml file,
    # made to be compared: mail sent, or streamed to a mailer (--eml -), has today's date and
    # a Message-ID of its own, or servers would drop each night's mail as a duplicate.
    to_file = eml is not None and mailer.eml_is_a_file(eml)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip() if to_file else ""
    try:
        text, html = mailer.briefing_body(title, as_of, record.get("bottom_line", []),
                                          attachments)
        message = mailer.build_message(
            sender=values["mail_from"],
            to=[str(a) for a in mailer.parse_address_list(values["mail_to"], "recipient")],
            cc=[str(a) for a in mailer.parse_address_list(values["mail_cc"], "copy recipient")],
            subject=values["mail_subject"] or (f"{title} — as of {as_of}" if as_of else title),
            text=text, html=html, attachments=attachments,
            date=datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else None)
        if eml is not None:
            mailer.write_eml(message, eml)
            if to_file:  # a stream may be standard output itself: the message alone goes there
                click.echo(str(eml))
            return
        settings = mailer.SmtpSettings.from_env(
            os.environ, host_port=values["smtp"], tls=values["smtp_tls"],
            user=values["smtp_user"])
        mailer.send(message, settings)
    except mailer.MailUsageError as error:
        raise click.UsageError(str(error)) from None
    except mailer.MailError as error:
        click.echo(f"briefing: mail not sent: {error}", err=True)
        sys.exit(EXIT_NOT_DELIVERED)
    recipients = len(mailer.envelope_recipients(message))
    click.echo(f"sent {len(attachments)} file(s) to {recipients} recipient(s) "
               f"via {settings.address}")


def _made_documents(out: Path, record: dict[str, Any]) -> list[Path]:
    """The documents the manifest lists, in `out` itself (where `make` writes them, whatever
    folder it ran from), each checked against the sha256 the manifest gives: a file missing
    or changed since is never sent as the run's (exit 1, naming it)."""
    from briefing.manifest import sha256_file

    outputs = record.get("outputs")
    found = []
    for output in outputs if isinstance(outputs, list) else []:
        if not isinstance(output, dict) or not isinstance(output.get("path"), str):
            continue
        path = out / Path(output["path"]).name
        try:
            digest = sha256_file(path)
        except OSError as error:
            _not_sent(f"{path}, listed in {out / 'manifest.json'}, cannot be read "
                      f"({error.strerror or error}): run `briefing make` again")
        if output.get("sha256") not in (None, digest):
            _not_sent(f"{path} changed since `briefing make` wrote it (its sha256 is not the "
                      "manifest's): run `briefing make` again")
        found.append(path)
    return found


def _not_sent(reason: str) -> NoReturn:
    click.echo(f"briefing: not sent: {reason}", err=True)
    sys.exit(EXIT_NOT_DELIVERED)


def main() -> None:
    signal.signal(signal.SIGTERM, _terminated)
    cli()


def _terminated(signum: int, frame: object) -> NoReturn:
    """SIGTERM (a cancelled CI job, `timeout`): stop as Ctrl-C stops, so temporary folders are
    removed and worker processes ended on the way out; exit status 128 + 15, as a shell
    reports a process killed by it."""
    raise SystemExit(128 + signum)


if __name__ == "__main__":
    main()
