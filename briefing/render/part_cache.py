"""Parts of long timelines laid out by an earlier run, kept to be joined again.

A long timeline is laid out in parts (`briefing.render.chunked`), and laying them out is
nearly all of its time (10,000 events: 24 parts, 22 of 24 s). When a nightly run finds one new
article, most parts are the same HTML as the night before: their PDFs are taken from here
instead of being laid out again. A part is kept under a hash of its HTML and of everything
else its layout depends on: briefing's code and bundled templates, the folders of the user's
templates (stylesheets, images, fonts), the versions of weasyprint and pydyf, and the fonts
installed on the machine (paths, sizes, times). The metadata of a part (the
`<title>` and `<meta>` elements of its head: creation time, description, which change at each
run) is left out of the hash of every part but the first: the join keeps only the first
part's, and they change nothing on the pages. So a new event changes its own part and the
first (the description counts the events), and the creation time the first alone.

Entries: `<key>.pdf` (the part as `_lay_out_part` writes it) and `<key>.json` (its page count
and bookmarks), under `OUT/.cache/parts/`. An entry is taken only whole; one that cannot be read
is laid out again. After a run, the entries it did not use are removed (those older than the
run only: another run may be writing into the same folder), so the folder holds about one
document's worth of parts.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Sequence
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from briefing.atomic import remove_unused, write_atomically

log = logging.getLogger(__name__)

Bookmark = tuple[int, int, str, float, float]
"""(page index in the part, level, label, x, y in PDF points from the bottom left)."""

_METADATA = re.compile(r"<meta\b[^>]*>|<title\b[^>]*>.*?</title\s*>", re.IGNORECASE | re.DOTALL)
"""What of a head only makes the PDF's metadata (weasyprint reads nothing else there)."""

FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "/etc/fonts", "~/.fonts",
                "~/.local/share/fonts")
"""Where fontconfig finds fonts and its configuration on Linux (its defaults)."""


def _font_files_digest(digest: hashlib._Hash, folder: Path) -> None:
    """Feed `digest` every file under `folder`, in order: its path, size and modification
    time (a font installed, removed or updated changes it; reading them all would be slow)."""
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            digest.update(path.encode("utf-8", "surrogateescape")
                          + f"\0{stat.st_size} {stat.st_mtime_ns}\0".encode())


def _version(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "?"


@cache
def _fonts() -> str:
    digest = hashlib.sha256()
    data_home = os.environ.get("XDG_DATA_HOME")
    folders = [*FONT_FOLDERS, *([os.path.join(data_home, "fonts")] if data_home else [])]
    for folder in folders:
        _font_files_digest(digest, Path(os.path.expanduser(folder)))
    return digest.hexdigest()


class PartCache:
    """Parts laid out by earlier runs into the folder `folder`, for templates in `dirs`."""

    def __init__(self, folder: Path, dirs: Sequence[Path]) -> None:
        from briefing.cache import code_fingerprint
        from briefing.manifest import files_under, sha256_file

        self.folder = folder
        digest = hashlib.sha256()
        digest.update(f"{code_fingerprint()}|{_version('weasyprint')}|{_version('pydyf')}|"
                      f"{_fonts()}".encode())
        for folder_path in dirs:  # the templates, stylesheets, images and fonts they hold
            for path in files_under(Path(folder_path).resolve()):
                digest.update(os.fsencode(path) + f"\0{sha256_file(path)}\n".encode())
        self.salt = digest.hexdigest()
        self.started = time.time()
        self.used: set[str] = set()
        self.hits = 0

    def key(self, html: str, first: bool) -> str:
        if not first:  # its metadata is not kept: the pages are what counts
            body = html.find("<body")
            html = _METADATA.sub("", html[:body]) + html[body:]
        key = hashlib.sha256(f"{self.salt}|{int(first)}|".encode() + html.encode()).hexdigest()
        self.used.add(key)
        return key

    def pdf(self, key: str) -> str:
        """Where the part of `key` is (or is to be written)."""
        return os.path.join(self.folder, f"{key}.pdf")

    def get(self, key: str) -> tuple[int, list[Bookmark]] | None:
        """(pages, bookmarks) of the part of `key` when it is here whole, else None."""
        try:
            with open(os.path.join(self.folder, f"{key}.json"), "rb") as handle:
                entry = json.loads(handle.read())
            pages = entry["pages"]
            bookmarks = [(int(n), int(level), str(label), float(x), float(y))
                         for n, level, label, x, y in entry["bookmarks"]]
            if not (isinstance(pages, int) and pages > 0 and os.path.getsize(self.pdf(key))):
                return None
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("ignoring unreadable laid-out part %s: %s", key, error)
            return None
        self.hits += 1
        return pages, bookmarks

    def put(self, key: str, pages: int, bookmarks: Sequence[Bookmark]) -> None:
        """Record a part whose PDF was written to `pdf(key)` (after it, never before)."""
        try:
            write_atomically(Path(self.folder) / f"{key}.json", json.dumps(
                {"pages": pages, "bookmarks": [list(b) for b in bookmarks]}).encode())
        except OSError as error:
            log.warning("could not keep laid-out part %s: %s", key, error)

    def prune(self) -> None:
        """Remove the entries this run did not use, those older than the run."""
        remove_unused(self.folder, self.used, self.started, ("pdf", "json"))
