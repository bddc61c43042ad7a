"""Per-source cache: a source whose file has not changed is not read or parsed again.

Entries live under `out/.cache/sources/`, one JSON file per source, keyed by a hash of the
file's bytes, its path, the as-of date and the code of briefing itself, so any change to
either invalidates them. JSON, not pickle: a cache folder never runs code. msgspec writes and
reads them straight from and into the model's dataclasses (typed, checked, in C): on a re-run
over 10,000 sources, reading the entries back is most of the work besides rendering. Values of
`Source.metadata` come back as JSON gives them (a front matter date as its ISO string).
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import msgspec

from briefing.atomic import write_atomically
from briefing.model import Event, Problem, Source, UndatedItem

log = logging.getLogger(__name__)
PACKAGE = Path(__file__).resolve().parent


@cache
def code_fingerprint() -> str:
    """A hash of briefing's own code and templates: a new version invalidates every cache."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".html", ".css", ".docx"):
            digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Entry:
    """What one source gave: the source as cited (`as_cited`), its events and undated items,
    and the warnings about impossible dates found in its text."""

    source: Source
    events: tuple[Event, ...]
    undated: tuple[UndatedItem, ...]
    impossible: tuple[Problem, ...] = ()


_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(Entry)


def as_cited(source: Source) -> Source:
    """The source without its text and ready-made events: all the chronology keeps of it once
    its events are extracted (a corpus of 10,000 articles must not sit in memory twice)."""
    return replace(source, blocks=(), events=()) if source.blocks or source.events else source


def entry_bytes(source: Source, events: Sequence[Event], undated: Sequence[UndatedItem],
                impossible: Sequence[Problem] = ()) -> bytes:
    """The cache entry of an extracted source; TypeError if its metadata cannot be encoded."""
    return _ENCODER.encode(Entry(as_cited(source), tuple(events), tuple(undated),
                                 tuple(impossible)))


class SourceCache:
    """Sources already extracted, by the hash of the source file (and the salt)."""

    def __init__(self, folder: Path, salt: str, digests: Mapping[str, str] | None = None) -> None:
        """`digests`: the sha256 of source files already hashed in this run (by `str(path)`,
        as `manifest.fingerprint` fills them); the others are read and hashed here."""
        self.folder = folder
        self.salt = f"{code_fingerprint()}|{salt}"
        self._digests = digests or {}
        self._keys: dict[Path, str] = {}  # a missed entry is stored under the same key later
        self.hits = 0

    def key(self, path: Path) -> str:
        if path not in self._keys:
            content = self._digests.get(str(path))
            if content is None:
                content = hashlib.sha256(path.read_bytes()).hexdigest()
            self._keys[path] = hashlib.sha256(
                f"{self.salt}|{path}\0{content}".encode()).hexdigest()
        return self._keys[path]

    def get(self, path: Path) -> Entry | None:
        """The entry of `path` if its file has not changed since it was stored; None when there
        is none or it cannot be read back (it is then simply made again). OSError when the
        source file itself cannot be read."""
        file = os.path.join(self.folder, f"{self.key(path)}.json")  # not a Path: 10,000 a run
        try:
            with open(file, "rb") as handle:
                entry = _DECODER.decode(handle.read())
        except FileNotFoundError:
            return None
        except (OSError, msgspec.DecodeError) as error:
            log.warning("ignoring unreadable cache entry %s: %s", file, error)
            return None
        self.hits += 1
        return entry

    def put_bytes(self, path: Path, data: bytes) -> None:
        """Store an entry made by `entry_bytes` (e.g. in a worker process) for `path`."""
        try:
            write_atomically(self.folder / f"{self.key(path)}.json", data)
        except OSError as error:
            log.warning("could not cache %s: %s", path, error)
