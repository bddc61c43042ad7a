"""Writing files so that a crash or Ctrl-C never leaves a truncated one behind."""

from __future__ import annotations

import hashlib
import os
import secrets
import stat
from pathlib import Path

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


class Staged:
    """Files written beside their places and put in place together by `commit`: a run
    stopped before it (SIGTERM from a cancelled CI job, Ctrl-C, a full disk) leaves every
    previous file as it was, never a new briefing beside an old timeline and manifest."""

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path]] = []  # (temporary file, its place)
        self.digests: dict[Path, tuple[int, str]] = {}
        """(size, sha256) of each file written, by its place."""

    def write(self, path: Path, data: bytes) -> None:
        tmp = _write_beside(path, data)
        self._pending.append((tmp, path))
        self.digests[path] = (len(data), hashlib.sha256(data).hexdigest())

    def commit(self) -> None:
        """Put every file in place (renames: the window a stop could split is tiny)."""
        while self._pending:
            tmp, path = self._pending.pop(0)
            os.replace(tmp, path)

    def discard(self) -> None:
        while self._pending:
            self._pending.pop()[0].unlink(missing_ok=True)


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: never a truncated document.

    The file gets the permissions of the file it replaces (a document someone made private
    stays private), else those of any program's new file: 0666 less the umask, so readable by
    others with the usual umask 022, as a colleague's share or a web server needs (a temporary
    file made by `tempfile.mkstemp` would be 0600 whatever the umask)."""
    tmp = _write_beside(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_beside(path: Path, data: bytes) -> Path:
    """`data` in a new temporary file beside `path`, with the permissions `path` has or a
    new file gets (see `write_atomically`); nothing left behind if writing fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:  # none yet (or unreadable: the rename says what is wrong)
        mode = None
    fd, tmp = _new_file_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _new_file_beside(path: Path) -> tuple[int, Path]:
    """A new empty file in `path`'s folder, open for writing, hidden and named after `path`;
    created with mode 0666 for the umask to apply."""
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, _NEW_FILE, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def remove_unused(folder: Path | str, used: set[str], since: float,
                  suffixes: tuple[str, ...]) -> None:
    """Remove the files `<key>.<suffix>` of `folder` whose key is not in `used`, and what a
    stopped run left half-written there (".<name>.….tmp"), those older than `since` (the start
    of this run: another run may be writing into the folder)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        stem, _, suffix = name.partition(".")
        if stem in used or not (suffix in suffixes or name.endswith(".tmp")):
            continue
        path = os.path.join(folder, name)
        try:
            if os.path.getmtime(path) < since:
                os.remove(path)
        except OSError:
            continue
