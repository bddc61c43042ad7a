"""What a run made and met, for machines: the manifest, and the inputs' fingerprint.

The manifest (`out/manifest.json`, and `briefing make --json`) lists every output file (kind,
format, size, sha256, pages), every source (status, reference date, events) and every
problem. The fingerprint hashes everything a run's output depends on, so an unchanged run can
reuse the previous outputs.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from briefing import __version__
from briefing.model import Chronology, Problem, Severity

MANIFEST = "manifest.json"
CACHE_DIR = ".cache"
FINGERPRINT = "fingerprint.json"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def is_output_folder(folder: str) -> bool:
    """A folder `briefing make` wrote into (it holds OUT/.cache/fingerprint.json): its
    documents are never sources, even when it sits in the sources folder (`--sources .`)."""
    return os.path.isfile(os.path.join(folder, CACHE_DIR, FINGERPRINT))


def files_under(folder: Path) -> list[Path]:
    """The input files under `folder`, sorted: not hidden, not in a folder `make` wrote."""
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        return []
    found = []
    for directory, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".")
                             and not is_output_folder(os.path.join(directory, d)))
        found.extend(Path(directory, f) for f in filenames if not f.startswith("."))
    return sorted(found)


def fingerprint(settings: dict[str, Any], folders: Iterable[Path],
                digests: dict[str, str] | None = None) -> str:
    """A hash of briefing's code, the settings, SOURCE_DATE_EPOCH and every input file.

    `digests`: filled with the sha256 of each file hashed, by `str(path)`, so that the source
    cache can key its entries without reading and hashing every file a second time."""
    from briefing.cache import code_fingerprint

    digest = hashlib.sha256()
    digest.update(f"briefing {__version__} {code_fingerprint()}\n".encode())
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    digest.update(f"\nSOURCE_DATE_EPOCH={os.environ.get('SOURCE_DATE_EPOCH', '')}\n".encode())
    for folder in folders:
        for path in files_under(Path(folder)):
            file_digest = _input_digest(path)
            if digests is not None and file_digest is not None:
                digests[str(path)] = file_digest
            digest.update(os.fsencode(path) + f"\0{file_digest}\n".encode())
    return digest.hexdigest()


def _input_digest(path: Path) -> str | None:
    """The sha256 of a regular file; None for what is not one or cannot be read (a dangling
    link, a pipe, a device: the run reports it, naming it, and goes on)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        return sha256_file(path)
    except OSError:
        return None


def output_entry(path: Path, kind: str, fmt: str, pages: int | None,
                 written: tuple[int, str] | None = None) -> dict[str, Any]:
    """`written`: the (size, sha256) of the bytes written, else the file is read."""
    size, sha256 = written or (path.stat().st_size, sha256_file(path))
    return {"path": str(path), "kind": kind, "format": fmt, "bytes": size, "sha256": sha256,
            "pages": pages}


def source_entries(chronology: Chronology) -> list[dict[str, Any]]:
    """Every source: read (with its date and events), failed or skipped."""
    counts = chronology.events_per_source
    undated: dict[str, int] = {}
    for item in chronology.undated:
        undated[item.citation.source] = undated.get(item.citation.source, 0) + 1
    entries: list[dict[str, Any]] = [
        {
            "path": source.path, "status": "ok",
            "reference": source.reference.to_dict() if source.reference else None,
            "reference_origin": source.reference_origin,
            "events": counts.get(source.name, 0),
            "undated": undated.get(source.name, 0),
        }
        for source in chronology.sources
    ]
    read = {source.path for source in chronology.sources}
    for problem in chronology.problems:
        if problem.path in read:
            continue
        status = "failed" if problem.severity == Severity.ERROR else "skipped"
        entries.append({"path": problem.path, "status": status, "reference": None,
                        "reference_origin": None, "events": 0, "undated": 0})
        read.add(problem.path)
    return entries


def problem_entries(problems: Sequence[Problem]) -> list[dict[str, str]]:
    return [{"path": p.path, "severity": str(p.severity), "message": p.message}
            for p in problems]


def read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def outputs_intact(manifest: dict[str, Any]) -> bool:
    """Every output the manifest lists is still there, unchanged."""
    outputs = manifest.get("outputs")
    if not isinstance(outputs, list) or not outputs:
        return False
    for entry in outputs:
        path = Path(entry.get("path", ""))
        if not path.is_file() or sha256_file(path) != entry.get("sha256"):
            return False
    return True
