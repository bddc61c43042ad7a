"""Writing files so that a crash or Ctrl-C never leaves a truncated one behind."""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary file beside `path`, then rename: never a truncated document.

    The file gets the permissions of the file it replaces (a document someone made private
    stays private), else those of any program's new file: 0666 less the umask, so readable by
    others with the usual umask 022, as a colleague's share or a web server needs (a temporary
    file made by `tempfile.mkstemp` would be 0600 whatever the umask)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode: int | None = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:  # none yet (or unreadable: the rename below says what is wrong)
        mode = None
    fd, tmp = _new_file_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


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
