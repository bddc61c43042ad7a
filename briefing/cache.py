"""Per-source cache: a source whose file has not changed is not read or parsed again.

Entries live under `out/.cache/sources/`, one JSON file per source, keyed by a hash of the
file's bytes, its path and the code of briefing itself, so any change to either invalidates
them; the entry of a source without a date of its own also records the as-of date its events
were read against, and is made again under another (`Entry.as_of`). A run over the whole
corpus removes the entries it did not use (`SourceCache.prune`). JSON, not pickle: a cache
folder never runs code. msgspec writes and reads them straight from and into the model's
dataclasses (typed, checked, in C): on a re-run over 10,000 sources, reading the entries back
is most of the work besides rendering. Values of `Source.metadata` come back as JSON gives
them (a front matter date as its ISO string).
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import msgspec

from briefing.atomic import remove_unused, write_atomically
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
    as_of: str = ""
    """The as-of date its events were extracted against: that of the run, for a source with
    no date of its own (it is then its reference); "" for a source with one (no as-of date
    changes what it gives, so a run with another one, as_of = "today" each night, reuses it)."""


_ENCODER = msgspec.json.Encoder()
_DECODER = msgspec.json.Decoder(Entry)


def as_cited(source: Source) -> Source:
    """The source without its text and ready-made events: all the chronology keeps of it once
    its events are extracted (a corpus of 10,000 articles must not sit in memory twice)."""
    return replace(source, blocks=(), events=()) if source.blocks or source.events else source


def entry_bytes(source: Source, events: Sequence[Event], undated: Sequence[UndatedItem],
                impossible: Sequence[Problem] = (), as_of: str = "") -> bytes:
    """The cache entry of an extracted source (`as_of`: the run's as-of date, kept only for a
    source without a date of its own); TypeError if its metadata cannot be encoded."""
    return _ENCODER.encode(Entry(as_cited(source), tuple(events), tuple(undated),
                                 tuple(impossible), as_of if source.reference is None else ""))


class SourceCache:
    """Sources already extracted, by the hash of the source file (and the salt)."""

    def __init__(self, folder: Path, as_of: str, digests: Mapping[str, str] | None = None) -> None:
        """`as_of`: the run's as-of date ("" for none). `digests`: the sha256 of source files
        already hashed in this run (by `str(path)`, as `manifest.fingerprint` fills them); the
        others are read and hashed here."""
        self.folder = folder
        self.salt = code_fingerprint()
        self.as_of = as_of
        self._digests = digests or {}
        self._keys: dict[Path, str] = {}  # a missed entry is stored under the same key later
        self.used: set[str] = set()
        self.started = time.time()
        self.hits = 0

    def key(self, path: Path, content: str | None = None) -> str:
        """The key of `path`'s entry: of the file as it is, or of the bytes whose sha256 is
        `content` (those a parse read)."""
        if content is not None:
            return self._key(path, content)
        if path not in self._keys:
            content = self._digests.get(str(path))
            if content is None:
                content = hashlib.sha256(path.read_bytes()).hexdigest()
            self._keys[path] = self._key(path, content)
        return self._keys[path]

    def _key(self, path: Path, content: str) -> str:
        key = hashlib.sha256(f"{self.salt}|{path}\0{content}".encode()).hexdigest()
        self.used.add(key)
        return key

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
        if entry.as_of != (self.as_of if entry.source.reference is None else ""):
            return None  # an undated source, made against another as-of date: made again
        self.hits += 1
        return entry

    def put_bytes(self, path: Path, data: bytes, content: str | None = None) -> None:
        """Store an entry made by `entry_bytes` (e.g. in a worker process) for `path`, under
        the sha256 `content` of the bytes it was made from when known (the file may have
        changed since it was hashed for the key)."""
        try:
            write_atomically(self.folder / f"{self.key(path, content)}.json", data)
        except OSError as error:
            log.warning("could not cache %s: %s", path, error)

    def prune(self) -> None:
        """Remove the entries no source of this run asked for (of files changed or gone),
        those older than the run: the folder holds about one corpus' worth."""
        remove_unused(self.folder, self.used, self.started, ("json",))
