"""The `briefing` command: a thin shell over the Python API.

Exit codes: 0 everything read and written; 1 some sources could not be read (the documents
were still made from the others); 2 usage error (bad flag, missing sources folder).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from briefing import __version__

if TYPE_CHECKING:
    from briefing.model import Chronology, DateValue, Problem
    from briefing.sources import SourceError

EXIT_OK, EXIT_SOURCES_FAILED, EXIT_USAGE = 0, 1, 2


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
    """No readable source at all: exit 1 when files were there but failed, else usage (2)."""
    if error.problems:
        _report(error.problems)
        click.echo(f"briefing: {error}", err=True)
        sys.exit(EXIT_SOURCES_FAILED)
    raise click.UsageError(str(error))


def _load(sources: Path, as_of: DateValue | None) -> Chronology:
    from briefing.pipeline import load_chronology
    from briefing.sources import SourceError

    try:
        return load_chronology(sources, as_of)
    except SourceError as error:
        _no_sources(error)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefing")
def cli() -> None:
    """Turn a folder of source documents into a dated chronology, rendered as a one-page
    briefing and a full timeline (PDF and Word)."""


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["pdf", "docx", "all"]), default="all",
              show_default=True, help="Document format(s) to write.")
@click.option("--kind", type=click.Choice(["briefing", "timeline", "all"]), default="all",
              show_default=True, help="Document(s) to write.")
@click.option("--sources", type=click.Path(path_type=Path), default=Path("sources"),
              show_default=True, help="Folder of source documents.")
@click.option("--out", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="Folder to write the documents to.")
@click.option("--title", help="Document title (default: made from the most named actors).")
@click.option("--as-of", "as_of", metavar="DATE",
              help="As-of date (YYYY-MM-DD, YYYY-MM, YYYY); also the reference of undated "
                   "sources.")
@click.option("--templates", type=click.Path(path_type=Path, file_okay=False, exists=True),
              multiple=True, help="Folder whose templates override the bundled ones.")
@click.option("--paper", type=click.Choice(["A4", "Letter"], case_sensitive=False),
              default="A4", show_default=True, help="Paper size.")
def make(fmt: str, kind: str, sources: Path, out: Path, title: str | None, as_of: str | None,
         templates: tuple[Path, ...], paper: str) -> None:
    """Write the briefing and timeline documents; prints one line per file written."""
    from briefing.pipeline import FORMATS, KINDS, Settings, build
    from briefing.sources import SourceError

    settings = Settings(
        sources=sources, out=out, title=title, as_of=_parse_date_option(as_of, "--as-of"),
        templates=templates, formats=FORMATS if fmt == "all" else (fmt,),
        kinds=KINDS if kind == "all" else (kind,),
        paper="Letter" if paper.lower() == "letter" else "A4",
    )
    try:
        result = build(settings)
    except SourceError as error:
        _no_sources(error)
    _report(result.problems)
    for output in result.outputs:
        pages = f" ({output.pages} page{'s' if output.pages != 1 else ''})" if output.pages \
            else ""
        click.echo(f"{output.path}{pages}")
    sys.exit(EXIT_SOURCES_FAILED if result.failed_sources else EXIT_OK)


@cli.command()
@click.option("--sources", type=click.Path(path_type=Path), default=Path("sources"),
              show_default=True, help="Folder of source documents.")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="json",
              show_default=True)
@click.option("--as-of", "as_of", metavar="DATE", help="Reference date of undated sources.")
def events(sources: Path, fmt: str, as_of: str | None) -> None:
    """Print the chronology: every event in order, as JSON or a table."""
    from briefing.model import Severity

    chronology = _load(sources, _parse_date_option(as_of, "--as-of"))
    _report(chronology.problems)
    if fmt == "json":
        click.echo(json.dumps([e.to_dict() for e in chronology.events], ensure_ascii=False,
                              indent=2))
    else:
        from briefing.views import date_label

        for event in chronology.events:
            label = date_label(event.date)
            click.echo(f"{label:<24} {event.summary}  [{', '.join(event.sources)}]")
        for item in chronology.undated:
            click.echo(f"{'(undated)':<24} {item.text}  [{item.citation.source}]")
    failed = any(p.severity == Severity.ERROR for p in chronology.problems)
    sys.exit(EXIT_SOURCES_FAILED if failed else EXIT_OK)


@cli.command()
@click.option("--ref", required=True, metavar="DATE",
              help="Reference date the text is written at (YYYY-MM-DD, YYYY-MM or YYYY).")
@click.option("--lang", default="en", show_default=True, help="Language of the text.")
@click.option("--prefer", type=click.Choice(["past", "future"]), default="past",
              show_default=True, help="Resolve year-less dates towards the past or future.")
def dates(ref: str, lang: str, prefer: str) -> None:
    """Read text on stdin; print the time expressions found as a JSON list."""
    from briefing.dates import find_dates

    reference = _parse_date_option(ref, "--ref")
    text = sys.stdin.read()
    mentions = find_dates(text, reference, lang, prefer=prefer)
    click.echo(json.dumps([m.to_dict() for m in mentions], ensure_ascii=False, indent=2))


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
