"""The whole build, top to bottom: sources -> events -> chronology -> views -> documents."""

from __future__ import annotations

import gc
import logging
import os
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import msgspec

from briefing import __version__, manifest
from briefing.atomic import Staged, write_atomically
from briefing.cache import SourceCache, as_cited, entry_bytes
from briefing.chronology import build_chronology
from briefing.dates import impossible_dates
from briefing.extract import extract_events
from briefing.model import Chronology, DateValue, Event, Problem, Severity, Source, UndatedItem
from briefing.sources import (
    DEFAULT_MAX_BYTES,
    Reader,
    SourceError,
    admit,
    is_event_list,
    nothing_readable,
    read_admitted,
    read_failure,
    reader_for,
    source_paths,
    source_problems,
)
from briefing.views import Briefing, briefing_trims, build_briefing, build_timeline, date_label

if TYPE_CHECKING:
    from weasyprint.document import Document

log = logging.getLogger(__name__)

FORMATS = ("pdf", "docx")
KINDS = ("briefing", "timeline")
PAPERS = ("A4", "Letter")


@dataclass(frozen=True)
class Settings:
    """What to build; the CLI fills it from flags, a notebook or CI job directly."""

    sources: Path = Path("sources")
    """Folder of source documents."""
    out: Path = Path("out")
    """Folder the documents are written to (created if missing)."""
    title: str | None = None
    """Title of both documents; by default made from the most named actors."""
    as_of: DateValue | None = None
    """The date the documents speak as of, and the reference date of undated sources."""
    templates: tuple[Path, ...] = ()
    """Folders whose templates override the bundled ones, file by file."""
    formats: tuple[str, ...] = FORMATS
    kinds: tuple[str, ...] = KINDS
    paper: str = "A4"
    author: str = "briefing"
    max_source_bytes: int = DEFAULT_MAX_BYTES
    """Larger source files are refused (reported, not read)."""
    jobs: int = 1
    """Processes that parse sources in parallel (the output is the same for any number)."""
    executor: str | None = None
    """Where sources are parsed: None or "process" (a pool of `jobs` local processes) or a
    Dask scheduler, "dask://HOST:PORT" (see briefing.executors); the output is the same."""
    file_names: str = "{kind}"
    """Output file name without extension; may use {kind}, {slug} (of the title) and {as_of}
    (YYYY-MM-DD, YYYY-MM or YYYY): "{slug}-{as_of}-{kind}" → blinken-2025-01-briefing.pdf."""


@dataclass(frozen=True)
class Output:
    path: Path
    kind: str
    format: str
    pages: int | None
    """Page count (PDF only)."""


@dataclass
class BuildResult:
    outputs: list[Output]
    problems: tuple[Problem, ...]
    manifest: dict[str, Any]
    """What `out/manifest.json` holds for this run."""
    chronology: Chronology | None = None
    """None when the previous outputs were reused (nothing was read)."""
    reused: bool = False

    @property
    def failed_sources(self) -> int:
        return sum(1 for p in self.problems if p.severity == Severity.ERROR)

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if p.severity == Severity.WARNING)


def _date_sources(sources: list[Source], as_of: DateValue | None) -> tuple[list[Source],
                                                                           list[Problem]]:
    """Give undated sources the configured as-of date, saying so; never guess silently. A
    source dated after the as-of date is warned about."""
    dated, problems = [], []
    for source in sources:
        if source.reference is None and as_of is not None:
            source = replace(source, reference=as_of, reference_origin="as-of")
            if not is_event_list(source):
                problems.append(Problem(source.path, f"no date of its own; using the as-of "
                                        f"date {as_of.value} as its reference",
                                        Severity.WARNING))
        elif source.reference is not None and as_of is not None \
                and source.reference.start > as_of.end:
            # the documents would say "as of" a date before news they report
            problems.append(Problem(
                source.path, f"dated {source.reference.value}, after the as-of date "
                f"{as_of.value}: the documents would speak as of a date before this source; "
                "check the as-of date (--as-of)", Severity.WARNING))
        elif source.reference is None and "date_invalid" not in source.metadata \
                and not is_event_list(source):
            # (an invalid date was reported by the reader already: one problem, one message)
            problems.append(Problem(
                source.path, "no date of its own (front matter `date:`, HTML meta or a date "
                "line): its dates that need a reference and its undated text are listed under "
                "Undated; give it a date or run with --as-of", Severity.WARNING))
        dated.append(source)
    return dated, problems


def _impossible_dates(source: Source) -> list[Problem]:
    """A warning for each written date that does not exist; the parser ignores them."""
    problems = []
    paragraph = 0
    for block in source.blocks:
        paragraph += not block.heading
        for _, _, text in impossible_dates(block.text):
            problems.append(Problem(source.path, f"paragraph {paragraph}: '{text}' is not a "
                                    "real date and was ignored; check the source",
                                    Severity.WARNING))
    return problems


def _ambiguous_dates(source: Source, events: list[Event]) -> list[Problem]:
    """A warning for each date of the text that could be read more than one way ("03/04/2025"
    with no known day-month order, a weekday that contradicts its date): the reading taken is
    said, never silently."""
    return [
        Problem(source.path, f"paragraph {event.citations[0].paragraph}: '{event.date_text}' "
                f"can be read more than one way (day-month order, or a weekday that does not fit "
                f"the date); dated {date_label(event.date)}: check the source",
                Severity.WARNING)
        for event in events if event.date.ambiguous and event.date_text and event.citations
    ]


def _extract(source: Source) -> tuple[list[Event], list[UndatedItem]] | str:
    """Events of one source, or the reason extraction failed (a worker must not raise)."""
    try:
        return extract_events(source)
    except Exception as error:  # one bad source must not stop the others
        log.exception("extracting events from %s failed", source.path)
        return f"could not extract events: {type(error).__name__}: {error}"


@contextmanager
def gc_paused(freeze: bool = False) -> Iterator[None]:
    """The cyclic garbage collector off while building many objects that all stay alive (a
    chronology, its views): with 100,000 events its passes over the ever larger heap took a
    third of the time and freed nothing. Reference counting still frees everything else.

    Without `freeze`, what was built is moved to the oldest generation on the way out, not
    left in the youngest: the first allocation after `gc.enable` would otherwise start a
    collection of the youngest generation, which now holds every object built meanwhile
    (0.6 s after loading 10,000 cached sources, 0.2 s after merging their events).

    `freeze`: afterwards, move every object to the collector's permanent generation
    (`gc.freeze`), so that it never scans them again; its first pass over the new heap
    alone took 0.8 s. For a process that keeps what it built to the end (`build`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        elif enabled and gc.get_freeze_count() == 0:
            _promote_young_objects()
        if enabled:
            gc.enable()


def _promote_young_objects() -> None:
    """Move every object the collector tracks to its oldest generation without scanning any:
    `gc.freeze` moves them all to the permanent generation, `gc.unfreeze` all of that to the
    oldest one (which is why it is done only when nothing else was frozen)."""
    gc.freeze()
    gc.unfreeze()


@contextmanager
def parallel(jobs: int) -> Iterator[Executor | None]:
    """A process pool of `jobs` workers (None for one job); its processes start on first use."""
    if jobs <= 1:
        yield None
        return
    from briefing.executors import process_pool

    with process_pool(jobs) as executor:
        yield executor


PARALLEL_MIN_SOURCES = 8
"""Below this many sources to parse, a process pool costs more than it saves."""
BATCHES_PER_WORKER = 8
"""Tasks per worker while much is left: enough to even out unequal batches, few enough that
each is substantial. The last quarter of the work goes in ever smaller tasks (`_batches`)."""


class _Parsed(NamedTuple):
    """What one listed file gave: computed in a worker (or here), reassembled in path order."""

    source: Source | None
    """As cited (`as_cited`: without its text), before an as-of date is given; None when it
    was not read."""
    problems: list[Problem]
    """Why it was not read, or warnings about what was read."""
    impossible: list[Problem]
    found: tuple[list[Event], list[UndatedItem]] | str | None
    """Its events and undated items, or why extraction failed."""
    cache_entry: bytes | None = None
    """Its new cache entry, when asked for."""


def _dated(source: Source, as_of: DateValue | None) -> tuple[Source, list[Problem]]:
    dated, problems = _date_sources([source], as_of)
    return dated[0], problems


def _parse(path: Path, as_of: DateValue | None, make_cache_entry: bool,
           folder: Path | None = None) -> _Parsed:
    """Read an admitted file, find its impossible dates, extract its events; never raises.

    `folder`: where a relative `path` is, when not in this process's working folder (a worker
    started elsewhere); the file is read there and still reported as `path`."""
    try:
        reader = reader_for(path)
        if reader is None:  # admitted files have one
            raise SourceError(f"no reader for {path.suffix}")
        if folder is not None and not path.is_absolute():
            source, problems = read_admitted(folder / path, reader)
            if source is not None:
                source = replace(source, path=str(path))
            problems = [replace(problem, path=str(path)) for problem in problems]
        else:
            source, problems = read_admitted(path, reader)
        if source is None:
            return _Parsed(None, problems, [], None)
        found = _extract(_dated(source, as_of)[0])
        impossible = _impossible_dates(source)
        entry = None
        if make_cache_entry and not isinstance(found, str):
            try:
                entry = entry_bytes(source, *found, impossible, as_of.value if as_of else "")
            except TypeError as error:
                log.warning("could not cache %s: %s", path, error)
        return _Parsed(as_cited(source), problems, impossible, found, entry)
    except Exception as error:  # a bug here must not take the other sources with it
        return _Parsed(None, [read_failure(path, error)], [], None)


def _parse_batch(paths: list[str], as_of: DateValue | None, make_cache_entries: bool,
                 folder: str | None = None) -> list[_Parsed]:
    """One task for an executor's worker: `_parse` each of a batch of admitted files.

    `folder`: the working folder of the process that listed `paths` (relative ones are read
    from there by a worker whose working folder differs, on another machine for instance)."""
    elsewhere = Path(folder) if folder is not None and folder != os.getcwd() else None
    return [_parse(Path(path), as_of, make_cache_entries, elsewhere) for path in paths]


def _worker_count(executor: Executor) -> int:
    """How many tasks `executor` runs at once, as far as it says (else this machine's cores)."""
    workers = getattr(executor, "_max_workers", None)  # process and thread pools
    client = getattr(executor, "_client", None)  # a distributed.Client's executor
    if not workers and client is not None:
        try:
            workers = sum(client.nthreads().values())
        except Exception:  # only a hint for the batch size
            workers = None
    return max(1, workers or os.cpu_count() or 1)


def _batches(sizes: list[int], workers: int) -> list[range]:
    """`sizes` (bytes of each file, in order) cut into consecutive runs for `workers` workers
    that take them in turn: runs of 1/(BATCHES_PER_WORKER * workers) of the whole, until a
    quarter is left, then of half of what is left per worker, down to a quarter of the first
    runs' size (guided scheduling). The workers finish about together: the last tasks are
    small. Unequal batches of equal size left one worker alone for up to a batch's time."""
    total = sum(sizes)
    largest = total / (BATCHES_PER_WORKER * workers)
    smallest = largest / 4
    batches: list[range] = []
    start, size, left = 0, 0, total
    for i, file_size in enumerate(sizes):
        size += file_size
        if size >= min(largest, max(smallest, left / (2 * workers))) or i == len(sizes) - 1:
            batches.append(range(start, i + 1))
            start, left, size = i + 1, left - size, 0
    return batches


def _parse_all(paths: list[Path], as_of: DateValue | None, make_cache_entries: bool,
               executor: Executor | None) -> list[_Parsed]:
    """`_parse` every path, in order: in batches on `executor` when there are enough."""
    if executor is None or len(paths) < PARALLEL_MIN_SOURCES:
        return [_parse(path, as_of, make_cache_entries) for path in paths]
    sizes = []
    for path in paths:
        try:
            sizes.append(path.stat().st_size + 1)
        except OSError:
            sizes.append(1)
    batches = _batches(sizes, _worker_count(executor))
    here = os.getcwd()
    futures = [executor.submit(_parse_batch, [str(paths[i]) for i in batch], as_of,
                               make_cache_entries, here) for batch in batches]
    done: list[list[_Parsed] | None] = []
    # While waiting, the results are unpickled (by the pool's own thread): many objects, all
    # kept, which the collector would scan again and again (0.2-0.4 s of 1,000 sources' 0.07).
    with gc_paused():
        for batch, future in zip(batches, futures, strict=True):
            try:
                done.append(future.result())
            except Exception:  # a worker lost (killed, out of memory): parsed here below
                log.exception("a parallel task failed; parsing its %d sources here", len(batch))
                done.append(None)
    results: list[_Parsed] = []
    for batch, found in zip(batches, done, strict=True):
        if found is None:  # with the collector on, as every source is parsed
            found = _parse_batch([str(paths[i]) for i in batch], as_of, make_cache_entries)
        results.extend(found)
    return results


def _cached(path: Path, reader: Reader, cache: SourceCache) -> _Parsed | None:
    """What `path` gave last time, when its file is unchanged; None: parse it."""
    try:
        entry = cache.get(path)
    except Exception as error:  # as reading it would have
        return _Parsed(None, [read_failure(path, error)], [], None)
    if entry is None:
        return None
    return _Parsed(entry.source, source_problems(path, entry.source, reader),
                   list(entry.impossible), (list(entry.events), list(entry.undated)))


def load_chronology(sources: Path | Sequence[Path], as_of: DateValue | None = None,
                    cache_dir: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                    executor: Executor | None = None,
                    digests: dict[str, str] | None = None,
                    prune_cache: bool = False) -> Chronology:
    """Read every source and build the chronology; problems are collected, not raised.

    With `cache_dir`, a source whose file is unchanged since the last run is neither read nor
    parsed again: its source and events come from the cache. With `executor` (any
    `concurrent.futures.Executor`: a process pool, a Dask client …), the other sources are
    read and parsed in parallel, in batches of files; the chronology is the same as without it.
    Raises SourceError when the folder does not exist or no source at all can be read.

    The cyclic garbage collector is paused while cache entries are loaded and while the
    chronology is built (many objects, all kept), never while sources are parsed (an HTML
    page's tree is cyclic garbage once read).

    `digests`: the sha256 of source files this run has already hashed (by `str(path)`, see
    `manifest.fingerprint`), so that the cache does not read and hash them again. A file
    parsed from other bytes (it changed since) is warned about, its digest replaced by that
    of the bytes parsed, and its cache entry keyed by them. `prune_cache`: `sources` is the
    whole corpus; the cache entries it did not use are removed.
    """
    cache = SourceCache(cache_dir, as_of.value if as_of else "", digests) if cache_dir else None
    problems: list[Problem] = []
    paths = source_paths(sources, problems)
    parsed: list[_Parsed | None] = []
    todo: list[int] = []
    with gc_paused():
        for i, path in enumerate(paths):
            admitted = admit(path, max_bytes)
            if isinstance(admitted, Problem):
                parsed.append(_Parsed(None, [admitted], [], None))
                continue
            found = _cached(path, admitted, cache) if cache is not None else None
            parsed.append(found)
            if found is None:
                todo.append(i)
    fresh = _parse_all([paths[i] for i in todo], as_of, cache is not None, executor)
    for i, result in zip(todo, fresh, strict=True):
        parsed[i] = result
        read = result.source.digest if result.source is not None else None
        hashed = digests.get(str(paths[i])) if digests is not None else None
        if digests is not None and hashed is not None and read is not None and hashed != read:
            # written to while this run read it: what was parsed is not what was hashed
            digests[str(paths[i])] = read  # (`build` then keeps no fingerprint)
            problems.append(Problem(str(paths[i]), "the file changed while it was being read; "
                                    "the documents may not match it: run again",
                                    Severity.WARNING))
        if cache is not None and result.cache_entry is not None:
            cache.put_bytes(paths[i], result.cache_entry, read)  # keyed by what was parsed
    if cache is not None and prune_cache:
        cache.prune()

    with gc_paused():
        return _assemble(sources, parsed, problems, as_of, cache)


def _assemble(sources: Path | Sequence[Path], parsed: list[_Parsed | None],
              problems: list[Problem], as_of: DateValue | None,
              cache: SourceCache | None) -> Chronology:
    """The chronology of every parsed file, with every problem met on the way."""
    done = [result for result in parsed if result is not None]
    problems.extend(p for result in done for p in result.problems)
    read = [result for result in done if result.source is not None]
    if not read:
        raise nothing_readable(sources, problems)
    dated = []
    for result in read:
        assert result.source is not None
        source, dating_problems = _dated(result.source, as_of)
        dated.append(source)
        problems.extend(dating_problems)
    problems.extend(p for result in read for p in result.impossible)

    per_source: list[tuple[Source, list[Event], list[UndatedItem]]] = []
    for source, result in zip(dated, read, strict=True):
        if isinstance(result.found, str) or result.found is None:
            problems.append(Problem(source.path, result.found or "could not extract events"))
            continue
        problems.extend(_ambiguous_dates(source, result.found[0]))
        per_source.append((source, *result.found))
    if cache:
        log.info("%d of %d sources taken from the cache", cache.hits, len(read))
    return build_chronology(per_source, problems)


def default_title(chronology: Chronology) -> str:
    names = [name for name, _ in chronology.actor_counts.most_common(2)]
    return "Chronology: " + " and ".join(names) if names else "Chronology"


def as_of_label(chronology: Chronology, as_of: DateValue | None) -> str:
    """The as-of date shown: the configured one, else the newest source date."""
    if as_of is not None:
        return date_label(as_of)
    dates = [s.reference for s in chronology.sources if s.reference is not None]
    if not dates:
        return "date unknown"
    return date_label(max(dates, key=lambda d: (d.end, d.start)))


def created_time() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC)
    return datetime.now(UTC).replace(microsecond=0)


def fit_briefing(briefing: Briefing, lay_out: Callable[[Briefing], Document],
                 also_fits: Callable[[Briefing], bool] | None = None
                 ) -> tuple[Briefing, Document]:
    """The fullest briefing whose laid-out PDF is one page (least important items go first)
    and which `also_fits` accepts (the Word briefing's measure), so both formats carry the
    same content on one page each."""
    candidates = (briefing, *briefing_trims(briefing))
    for candidate in candidates:
        if also_fits is not None and not also_fits(candidate):
            continue
        document = lay_out(candidate)
        if len(document.pages) == 1:
            return candidate, document
    if also_fits is not None:  # e.g. a reference.docx with huge type: the PDF still fits
        log.warning("the Word briefing may run over one page even at its smallest; "
                    "check the reference document's type sizes")
        for candidate in candidates:
            document = lay_out(candidate)
            if len(document.pages) == 1:
                return candidate, document
    raise RuntimeError("the briefing does not fit on one page even at its smallest; "
                       "shorten the title or the templates' type sizes")


_NOT_IN_KEY = frozenset({"executor"})
"""Settings that change where the work is done, never its result."""


def _settings_key(settings: Settings) -> dict[str, Any]:
    return {k: str(v) for k, v in asdict(settings).items() if k not in _NOT_IN_KEY}


def _reusable(settings: Settings, key: str) -> BuildResult | None:
    """The previous run's result when its fingerprint matches and its outputs are intact."""
    stored = manifest.read_json(settings.out / manifest.CACHE_DIR / manifest.FINGERPRINT)
    previous = manifest.read_json(settings.out / manifest.MANIFEST)
    if not stored or stored.get("fingerprint") != key or not previous:
        return None
    if not manifest.outputs_intact(previous):
        return None
    try:
        outputs = [Output(Path(o["path"]), o["kind"], o["format"], o.get("pages"))
                   for o in previous["outputs"]]
        problems = tuple(Problem(p["path"], p["message"], Severity(p["severity"]))
                         for p in previous.get("problems", []))
    except (KeyError, TypeError, ValueError):
        return None
    return BuildResult(outputs, problems, {**previous, "reused": True}, reused=True)


@contextmanager
def _one_run_at_a_time(out: Path) -> Iterator[None]:
    """Runs into one out folder take turns (a lock on OUT/.cache/lock, released by the system
    when a run ends, however): two at once could leave one's briefing beside the other's
    timeline and manifest, and have a later run reuse that mix."""
    try:
        import fcntl
    except ImportError:  # not on this system: no lock
        yield
        return
    folder = out / manifest.CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "lock", "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log.warning("another briefing run is writing to %s: waiting for it to end", out)
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def build(settings: Settings, *, force: bool = False) -> BuildResult:
    """Build the documents asked for; returns what was written and every problem met.

    When nothing the outputs depend on has changed since the last run into the same folder
    (sources, templates, settings, package version, SOURCE_DATE_EPOCH) and the outputs are
    intact, they are reused as they are, unless `force` is set. Runs into one folder take
    turns.
    """
    if not Path(settings.sources).exists():  # fails before writing anything: no folder made
        return _build(settings, force)
    with _one_run_at_a_time(settings.out):
        return _build(settings, force)


def _build(settings: Settings, force: bool) -> BuildResult:
    from briefing.render.html import template_dirs

    dirs = template_dirs(settings.templates)
    digests: dict[str, str] = {}
    key = manifest.fingerprint(_settings_key(settings), [settings.sources, *dirs], digests)
    if not force and (previous := _reusable(settings, key)) is not None:
        write_atomically(settings.out / manifest.MANIFEST, _json_bytes(previous.manifest))
        return previous

    from briefing.executors import executor_for

    hashed = dict(digests)
    with executor_for(settings.executor, settings.jobs) as executor:
        chronology = load_chronology(settings.sources, settings.as_of,
                                     settings.out / manifest.CACHE_DIR / "sources",
                                     settings.max_source_bytes, executor, digests,
                                     prune_cache=True)
    stable = digests == hashed  # else a source changed while it was read: no reuse next time
    with gc_paused(freeze=True):  # this process keeps the chronology to its end
        title = settings.title or default_title(chronology)
        as_of = as_of_label(chronology, settings.as_of)
        briefing = build_briefing(chronology, title, as_of)
    created = created_time()
    stage = Staged()  # every document, the manifest and the fingerprint put in place at once
    try:
        outputs = _render(settings, chronology, title, as_of, created, briefing, stage)
        record = _record(settings, chronology, title, as_of, created, briefing, outputs,
                         stage, key if stable else None)
        stage.commit()
    finally:
        stage.discard()  # what a stopped run had written: removed, the old files left as were
    return BuildResult(outputs, chronology.problems, record, chronology)


def _record(settings: Settings, chronology: Chronology, title: str, as_of: str,
            created: datetime, briefing: Briefing, outputs: list[Output], stage: Staged,
            key: str | None) -> dict[str, Any]:
    """Stage the manifest of a run and its fingerprint (None: never to be reused)."""
    record = {
        "briefing": __version__,
        "title": title,
        "as_of": as_of,
        "created": created.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "reused": False,
        "bottom_line": list(briefing.bottom_line),
        "outputs": [manifest.output_entry(o.path, o.kind, o.format, o.pages,
                                          stage.digests.get(o.path)) for o in outputs],
        "sources": manifest.source_entries(chronology),
        "problems": manifest.problem_entries(chronology.problems),
    }
    stage.write(settings.out / manifest.MANIFEST, _json_bytes(record))
    stage.write(settings.out / manifest.CACHE_DIR / manifest.FINGERPRINT,
                _json_bytes({"fingerprint": key}))
    return record


def _json_bytes(data: dict[str, Any]) -> bytes:
    """`data` as json.dumps(data, ensure_ascii=False, indent=2) writes it, plus a newline;
    msgspec is 20× faster (a manifest of 10,000 sources)."""
    return msgspec.json.format(msgspec.json.encode(data), indent=2) + b"\n"


def slugify(text: str, max_chars: int = 60) -> str:
    """A file-name-safe, lower-case ASCII title: "Blinken in Paris!" → blinken-in-paris."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_chars].rstrip("-") or "briefing"


def output_path(settings: Settings, kind: str, fmt: str, title: str,
                chronology: Chronology) -> Path:
    """Where a document is written: OUT/<file_names pattern>.<format>."""
    as_of = settings.as_of
    if as_of is None:
        dates = [s.reference for s in chronology.sources if s.reference is not None]
        as_of = max(dates, key=lambda d: (d.end, d.start)) if dates else None
    name = settings.file_names.format(
        kind=kind, slug=slugify(title), as_of=as_of.value[:10] if as_of else "undated")
    return settings.out / f"{name}.{fmt}"


def _render(settings: Settings, chronology: Chronology, title: str, as_of: str,
            created: datetime, briefing: Briefing | None = None,
            stage: Staged | None = None) -> list[Output]:
    """Write every document asked for (into `stage`, when given, to be put in place with the
    others); the briefing (`briefing`: its view, when already built) is fitted to one page
    first."""
    from briefing.render.html import render_html, template_dirs

    dirs = template_dirs(settings.templates)
    context = {"paper": settings.paper, "author": settings.author, "version": __version__,
               "created": created.strftime("%Y-%m-%dT%H:%M:%SZ")}
    outputs: list[Output] = []

    def html_for(kind: str, view: object) -> str:
        return render_html(kind, {**context, kind: view}, settings.templates)

    for kind in settings.kinds:
        if kind == "briefing":
            from briefing.render.docx import briefing_fits
            from briefing.render.pdf import layout

            if briefing is None:
                with gc_paused():
                    briefing = build_briefing(chronology, title, as_of)
            view, document = fit_briefing(
                briefing, lambda b: layout(html_for("briefing", b), dirs),
                lambda b: briefing_fits(b, paper=settings.paper, user_dirs=settings.templates))
        else:
            with gc_paused():
                view = build_timeline(chronology, title, as_of)
            document = None
        for fmt in settings.formats:
            path = output_path(settings, kind, fmt, title, chronology)
            pages = None
            if fmt == "pdf":
                from briefing.render import chunked
                from briefing.render.pdf import layout, write_pdf

                if kind == "timeline" and document is None \
                        and view.event_count >= chunked.CHUNKED_MIN_EVENTS:  # type: ignore[union-attr]
                    # long: laid out in parts by worker processes, in bounded memory
                    from briefing.render.part_cache import PartCache

                    result = chunked.render_timeline_pdf(
                        view,  # type: ignore[arg-type]
                        lambda part_view, part: render_html(
                            "timeline", {**context, "timeline": part_view, "chunk": part},
                            settings.templates),
                        dirs, jobs=settings.jobs,
                        cache=PartCache(settings.out / manifest.CACHE_DIR / "parts", dirs))
                    pages, data = result.pages, result.data
                else:
                    if document is None:
                        document = layout(html_for(kind, view), dirs)
                    pages = len(document.pages)
                    data = write_pdf(document)
            else:
                from briefing.render import docx

                render = docx.render_briefing_docx if kind == "briefing" \
                    else docx.render_timeline_docx
                data = render(view, paper=settings.paper, author=settings.author,  # type: ignore[arg-type]
                              created=created, user_dirs=settings.templates)
            if stage is not None:
                stage.write(path, data)
            else:
                write_atomically(path, data)
            outputs.append(Output(path, kind, fmt, pages))
    return outputs
