"""Source readers: one per file type, chosen by extension; ``read_sources`` reads a folder."""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable, Sequence
from operator import itemgetter
from pathlib import Path

from briefing.manifest import is_output_folder
from briefing.model import Problem, Severity, Source
from briefing.sources import htmlpage, markdown, plaintext, structured, word
from briefing.sources.base import READERS, Reader, SourceError, register
from briefing.sources.dates_meta import parse_metadata_date

__all__ = [
    "READERS",
    "SUPPORTED_EXTENSIONS",
    "Reader",
    "SourceError",
    "admit",
    "is_event_list",
    "nothing_readable",
    "parse_metadata_date",
    "read_admitted",
    "read_failure",
    "read_source",
    "read_sources",
    "reader_for",
    "register",
    "source_paths",
    "source_problems",
]

log = logging.getLogger(__name__)

# imported for their registrations
_READER_MODULES = (plaintext, markdown, htmlpage, word, structured)

SUPPORTED_EXTENSIONS: tuple[str, ...] = tuple(sorted(READERS))
"""Extensions a reader handles, lower case with the dot: ``(".docx", ".htm", ...)``."""

DEFAULT_MAX_BYTES = 50_000_000

# Files that are never sources and not worth a warning.
_JUNK_NAMES = frozenset({".gitkeep", ".keep", ".ds_store", "thumbs.db", "desktop.ini"})
_JUNK_DIRS = frozenset({"__pycache__", "node_modules"})
_HINTS = {
    ".doc": "save it as .docx",
    ".rtf": "save it as .docx",
    ".odt": "save it as .docx",
    ".pdf": "convert it to .txt or .docx",
}


def reader_for(path: Path) -> Reader | None:
    """The reader for a file, chosen by its extension (case-insensitive), or None."""
    cls = READERS.get((path if isinstance(path, Path) else Path(path)).suffix.lower())
    return cls() if cls is not None else None


def read_source(path: Path) -> Source:
    """Read one file; raise ``SourceError`` saying why it cannot be read."""
    path = Path(path)
    reader = reader_for(path)
    if reader is None:
        raise SourceError(_unsupported_message(path))
    return reader.read(path)


def read_sources(
    folder_or_paths: Path | Sequence[Path], *, max_bytes: int = DEFAULT_MAX_BYTES,
    cached: Callable[[Path], Source | None] | None = None,
) -> tuple[list[Source], list[Problem]]:
    """Read every source of a folder (recursively, by name) or of a list of paths.

    A file that cannot be read gives a Problem and the others are still read; files of a type
    no reader handles give a warning. Raises ``SourceError`` when the folder does not exist or
    nothing at all could be read (its ``problems`` attribute then lists what went wrong).
    ``cached`` may return the Source of an unchanged file, which is then not read again.

    The steps are public so that a caller can spread the reading over processes with the
    same result: ``source_paths``, then for each path ``admit`` and ``read_admitted``, then
    ``nothing_readable`` when no source came out.
    """
    problems: list[Problem] = []
    sources: list[Source] = []
    for path in source_paths(folder_or_paths, problems):
        admitted = admit(path, max_bytes)
        if isinstance(admitted, Problem):
            problems.append(admitted)
            continue
        source, found = read_admitted(path, admitted, cached)
        problems.extend(found)
        if source is not None:
            sources.append(source)
    if not sources:
        raise nothing_readable(folder_or_paths, problems)
    return sources, problems


def source_paths(folder_or_paths: Path | Sequence[Path], problems: list[Problem]) -> list[Path]:
    """The files to read, in reading order, without junk (editor backups, .DS_Store ...).

    Missing paths of a list are added to ``problems``; a missing folder raises SourceError.
    """
    paths = []
    for path in _collect(folder_or_paths, problems):
        if _is_junk(path):
            continue
        name = str(path)
        try:
            name.encode("utf-8")
        except UnicodeEncodeError:  # bytes of another encoding: no text could cite it
            shown = name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            problems.append(Problem(shown, "the file name is not valid UTF-8 (bytes of another "
                                           "encoding); not read: rename it"))
            continue
        paths.append(path)
    return paths


def is_event_list(source: Source) -> bool:
    """An event list (.csv, .json, .yaml) dates every event itself: it needs no date of its
    own. Known by its reader, as a source cited or cached has lost its events (`as_cited`)."""
    return bool(source.events) or isinstance(reader_for(Path(source.path)),
                                             structured.EVENT_LIST_READERS)


def admit(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Reader | Problem:
    """The reader for a listed file, or the problem that keeps it from being read (a type no
    reader handles, a file that cannot be opened or is above ``max_bytes``)."""
    reader = reader_for(path)
    if reader is None:
        return Problem(str(path), _unsupported_message(path), Severity.WARNING)
    try:
        status = path.stat()
    except OSError as error:
        return Problem(str(path), f"cannot read file: {error.strerror or error}")
    if not stat.S_ISREG(status.st_mode):  # a pipe would block the run, a device never end
        return Problem(str(path), "not a regular file (a pipe, a device or a link to one); "
                                  "not read")
    size = status.st_size
    if size > max_bytes:
        return Problem(
            str(path),
            f"file is {size:,} bytes, above the limit of {max_bytes:,}; not read "
            "(raise max_bytes to read it)",
        )
    return reader


def read_admitted(
    path: Path, reader: Reader, cached: Callable[[Path], Source | None] | None = None,
) -> tuple[Source | None, list[Problem]]:
    """Read an admitted file (or take it from ``cached``): the source, or None, and the
    problems met (why it could not be read, or warnings about its metadata). Never raises."""
    try:
        source = (cached(path) if cached else None) or reader.read(path)
    except Exception as error:  # a reader bug or a library choking: one file, not the run
        return None, [read_failure(path, error)]
    return source, source_problems(path, source, reader)


def read_failure(path: Path, error: Exception) -> Problem:
    """The problem for a file whose reading raised `error` (call it in the except block)."""
    if isinstance(error, SourceError):
        return Problem(str(path), str(error))
    log.exception("unexpected error reading %s", path)
    return Problem(str(path), f"could not be read ({type(error).__name__}: {error})")


def source_problems(path: Path, source: Source, reader: Reader) -> list[Problem]:
    """Warnings about what was read: a metadata date that is not a date, skipped rows."""
    problems = []
    invalid = source.metadata.get("date_invalid")
    if invalid is not None:
        problems.append(Problem(
            str(path),
            f"{reader.date_label} date '{invalid}' is not a date; the source is read without "
            "its own date (write it as YYYY, YYYY-MM or YYYY-MM-DD)",
            Severity.WARNING,
        ))
    for row_problem in source.metadata.get("row_problems") or ():
        problems.append(Problem(str(path), f"{row_problem}; the row is skipped",
                                Severity.WARNING))
    return problems


def nothing_readable(folder_or_paths: Path | Sequence[Path],
                     problems: list[Problem]) -> SourceError:
    """The error when no source at all could be read, listing the first problems."""
    where = str(folder_or_paths) if isinstance(folder_or_paths, str | Path) else "the paths"
    detail = "; ".join(str(problem) for problem in problems[:5])
    return SourceError(
        f"no readable source in {where}"
        + (f": {detail}" if detail else f" (supported: {', '.join(SUPPORTED_EXTENSIONS)})"),
        problems=problems,
    )


def _collect(folder_or_paths: Path | Sequence[Path], problems: list[Problem]) -> list[Path]:
    if isinstance(folder_or_paths, str | os.PathLike):
        root = Path(folder_or_paths)
        if root.is_dir():
            return _walk(root)
        if not root.exists():
            raise SourceError(f"folder not found: {root}")
        return [root]
    paths: list[Path] = []
    for item in folder_or_paths:
        path = Path(item)
        if path.is_dir():
            paths.extend(_walk(path))
        elif path.exists():
            paths.append(path)
        else:
            problems.append(Problem(str(path), "file not found"))
    return paths


def _walk(root: Path) -> list[Path]:
    """Every non-hidden file under ``root``, sorted by relative path (no symlinked folders)."""
    found: list[tuple[tuple[str, ...], Path]] = []  # (relative parts, path)
    for directory, dirnames, filenames in os.walk(root):
        dirnames[:] = [
            name for name in dirnames if not name.startswith(".") and name not in _JUNK_DIRS
            and not is_output_folder(os.path.join(directory, name))  # `--sources .`: out/
        ]
        folder = Path(directory)
        parts = folder.relative_to(root).parts  # once a folder, not once a file
        found.extend(((*parts, name), folder / name)
                     for name in filenames if not name.startswith("."))
    found.sort(key=itemgetter(0))
    return [path for _, path in found]


def _is_junk(path: Path) -> bool:
    name = path.name
    return (
        name.lower() in _JUNK_NAMES
        or name.startswith(("~$", "._"))  # Office lock files, macOS resource forks
        or name.endswith(("~", ".swp", ".tmp", ".bak"))
    )


def _unsupported_message(path: Path) -> str:
    hint = _HINTS.get(path.suffix.lower())
    suffix = f"; {hint}" if hint else f" (supported: {', '.join(SUPPORTED_EXTENSIONS)})"
    return f"unsupported file type, skipped{suffix}"
