"""Per-source cache: a source whose file has not changed is not read or parsed again.

Entries live under `out/.cache/sources/`, one JSON file per source, keyed by a hash of the
file's bytes, its path, the as-of date and the code of briefing itself, so any change to
either invalidates them. JSON, not pickle: a cache folder never runs code.
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import asdict
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from briefing.atomic import write_atomically
from briefing.model import (
    Block,
    Citation,
    DateValue,
    Event,
    Source,
    UndatedItem,
)

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


def _default(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"cannot encode {type(value).__name__}")


def _optional_date(d: dict[str, Any] | None) -> DateValue | None:
    return DateValue.from_dict(d) if d is not None else None


def _source(d: dict[str, Any]) -> Source:
    return Source(
        path=d["path"], name=d["name"], title=d["title"],
        blocks=tuple(Block(**b) for b in d["blocks"]),
        reference=_optional_date(d["reference"]), reference_origin=d["reference_origin"],
        publisher=d["publisher"], url=d["url"], lang=d["lang"], metadata=d["metadata"],
        events=tuple(Event.from_dict(e) for e in d.get("events", ())),
    )


class SourceCache:
    """Read sources and their extracted events, by the hash of the source file."""

    def __init__(self, folder: Path, salt: str) -> None:
        self.folder = folder
        self.salt = f"{code_fingerprint()}|{salt}"
        self._keys: dict[str, str] = {}
        self._loaded: dict[str, dict[str, Any] | None] = {}
        self.hits = 0

    def key(self, path: Path) -> str:
        if str(path) not in self._keys:
            digest = hashlib.sha256(f"{self.salt}|{path}\0".encode())
            digest.update(path.read_bytes())
            self._keys[str(path)] = digest.hexdigest()
        return self._keys[str(path)]

    def _entry(self, path: Path) -> dict[str, Any] | None:
        key = self.key(path)
        if key not in self._loaded:
            file = self.folder / f"{key}.json"
            try:
                self._loaded[key] = json.loads(file.read_text(encoding="utf-8"))
            except FileNotFoundError:
                self._loaded[key] = None
            except (OSError, ValueError) as error:
                log.warning("ignoring unreadable cache entry %s: %s", file, error)
                self._loaded[key] = None
        return self._loaded[key]

    def source(self, path: Path) -> Source | None:
        """The source as read last time, if its file has not changed."""
        entry = self._entry(path)
        if entry is None:
            return None
        try:
            source = _source(entry["source"])
        except (KeyError, TypeError, ValueError):
            return None
        self.hits += 1
        return source

    def events(self, source: Source) -> tuple[list[Event], list[UndatedItem]] | None:
        entry = self._entry(Path(source.path))
        if entry is None:
            return None
        try:
            events = [Event.from_dict(e) for e in entry["events"]]
            undated = [UndatedItem(u["text"], Citation.from_dict(u["citation"]))
                       for u in entry["undated"]]
        except (KeyError, TypeError, ValueError):
            return None
        return events, undated

    def put(self, source: Source, events: list[Event], undated: list[UndatedItem]) -> None:
        try:
            data = entry_bytes(source, events, undated)
        except TypeError as error:
            log.warning("could not cache %s: %s", source.path, error)
            return
        self.put_bytes(Path(source.path), data)

    def put_bytes(self, path: Path, data: bytes) -> None:
        """Store an entry made by `entry_bytes` (e.g. in a worker process) for `path`."""
        try:
            key = self.key(path)
            write_atomically(self.folder / f"{key}.json", data)
        except OSError as error:
            log.warning("could not cache %s: %s", path, error)


def entry_bytes(source: Source, events: list[Event], undated: list[UndatedItem]) -> bytes:
    """The cache entry of a source as read and its extraction; TypeError if not encodable."""
    data = {
        "source": asdict(source),
        "events": [asdict(e) for e in events],
        "undated": [asdict(u) for u in undated],
    }
    return json.dumps(data, default=_default).encode("utf-8")
