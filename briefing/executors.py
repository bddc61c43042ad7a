"""Where sources are parsed: this machine's processes, or a Dask cluster.

An executor spec (the `executor` setting, `--executor`, `BRIEFING_EXECUTOR` or
`BRIEFING_DASK_SCHEDULER`) is one of:

- None or "process": a pool of `jobs` local processes (none for one job);
- "dask://HOST:PORT" (or "tcp://HOST:PORT", or a bare "HOST:PORT"): the scheduler of a Dask
  distributed cluster; its workers parse the sources (they need briefing installed and the
  sources at the same path). Needs the optional extra: pip install 'briefing[dask]'.

Whichever executor parses, the chronology is the same. `distributed` is imported only when a
Dask spec is used.
"""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

PROCESS = "process"
DASK_SCHEME = "dask://"
CONNECT_TIMEOUT = 5.0
"""Seconds to wait for a Dask scheduler before giving up, unless Dask's own setting for it is
given in the environment (DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT, e.g. "30s")."""
_TIMEOUT_VARIABLE = "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT"

_ADDRESS = re.compile(r"(?:(dask|tcp)://)?(\[[0-9a-fA-F:.]+\]|[\w.-]+):(\d{1,5})")


class ExecutorError(RuntimeError):
    """The executor asked for cannot be used (extra not installed, scheduler unreachable)."""


def normalize(key: str, value: object) -> str:
    """A valid spec in its canonical form ("process" or "dask://HOST:PORT"); raises
    ValueError naming `key` otherwise."""
    text = value.strip() if isinstance(value, str) else ""
    if text.lower() in (PROCESS, "local"):
        return PROCESS
    match = _ADDRESS.fullmatch(text)
    if match is None or not 0 < int(match[3]) < 65536:
        raise ValueError(f"{key}: expected 'process' or a Dask scheduler as dask://HOST:PORT "
                         f"(or tcp://HOST:PORT), got {value!r}")
    return f"{DASK_SCHEME}{match[2]}:{match[3]}"


def scheduler_address(spec: str) -> str | None:
    """The tcp:// address of a Dask spec; None for the local process pool."""
    spec = normalize("executor", spec)
    return None if spec == PROCESS else "tcp://" + spec.removeprefix(DASK_SCHEME)


@contextmanager
def executor_for(spec: str | None, jobs: int = 1,
                 timeout: float | None = None) -> Iterator[Executor | None]:
    """The executor `spec` names, shut down (and its cluster connection closed) on exit.

    None or "process": a pool of `jobs` processes, None for one job (parse in this process).
    A Dask spec: a `distributed.Client` connected within `timeout` seconds (default: see
    CONNECT_TIMEOUT), as a `concurrent.futures.Executor`. Raises ExecutorError when that cannot
    be done.
    """
    try:
        address = scheduler_address(spec) if spec is not None else None
    except ValueError as error:
        raise ExecutorError(str(error)) from None
    if address is None:
        from briefing.pipeline import parallel

        with parallel(jobs) as executor:
            yield executor
        return
    try:
        from distributed import Client
    except ImportError:
        raise ExecutorError(f"executor {spec}: Dask is not installed; install the extra: "
                            "pip install 'briefing[dask]'") from None
    if timeout is None:
        timeout = CONNECT_TIMEOUT
        if os.environ.get(_TIMEOUT_VARIABLE, "").strip():
            from dask.utils import parse_timedelta

            try:
                timeout = float(parse_timedelta(os.environ[_TIMEOUT_VARIABLE], "s"))
            except (TypeError, ValueError, KeyError):
                raise ExecutorError(f"{_TIMEOUT_VARIABLE}: expected a duration such as 30s, "
                                    f"got {os.environ[_TIMEOUT_VARIABLE]!r}") from None
    try:
        client = Client(address, timeout=timeout, set_as_default=False)
    except (OSError, TimeoutError) as error:
        why = "" if "timed out" in str(error).lower() else f" ({error})"
        raise ExecutorError(f"executor {spec}: cannot reach the Dask scheduler at {address} "
                            f"within {timeout:g} s{why}; is it running, and is the address "
                            "right?") from None
    try:
        # pure=False: a task's result depends on the files, not only on its arguments (paths)
        with client.get_executor(pure=False) as executor:
            yield executor
    finally:
        client.close()


@contextmanager
def process_pool(workers: int, mp_context: Any = None) -> Iterator[ProcessPoolExecutor]:
    """A pool of `workers` local processes. Left by an exception (a stop asked by SIGTERM or
    Ctrl-C among them), it cancels the tasks not yet started instead of running them all
    first. Its workers take SIGTERM's default action, not the handler they inherit when
    forked (`briefing.cli` turns SIGTERM into a clean exit of the main process)."""
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=workers, mp_context=mp_context,
                               initializer=_worker_signals)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _worker_signals() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
