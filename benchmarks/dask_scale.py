"""Extraction on a Dask cluster against local processes, on a generated corpus (run on demand,
not in CI; needs `briefing[dask]`):

    .venv/bin/python benchmarks/dask_scale.py [--sources 2000] [--workers 2] [--batch 100]

Generates SOURCES news-like articles (benchmarks/corpus.py), then times `load_chronology` (read
+ dates + events + chronology) in one process, with a pool of WORKERS processes (`--jobs`), and
on a `distributed.LocalCluster` of WORKERS single-threaded worker processes (`--executor
dask://…`), checking that every run gives the same chronology. It also times the parse alone
sent to the cluster as one task per source and as one task per BATCH sources, and the parts
that stay on the client (reading the files, merging the chronology), which is what the
README's extrapolation to a million articles is made from. One run, wall-clock seconds on a
shared machine: compare ratios, not seconds.
"""

from __future__ import annotations

import argparse
import math
import pickle
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))


def _extract_batch(sources: list) -> list:
    """One cluster task: the events of a batch of sources."""
    from briefing.pipeline import _extract

    return [_extract(source) for source in sources]


def _noop(i: int) -> int:
    return i


def _timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()

    from corpus import generate
    from distributed import LocalCluster

    import briefing.pipeline as pipeline
    from briefing.chronology import build_chronology, merge_events, unify_actors
    from briefing.executors import executor_for
    from briefing.pipeline import load_chronology
    from briefing.sources import read_sources

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "sources"
        key = generate(folder, args.sources)
        mb = key["bytes"] / 1e6
        files = sorted(folder.iterdir())
        load_chronology(files[:20])  # warm up: imports, compiled patterns

        cpu = time.process_time()
        serial, t_serial = _timed(load_chronology, folder)
        cpu_serial = time.process_time() - cpu  # what it costs a core of its own
        (read, _), t_read = _timed(read_sources, folder)

        with executor_for("process", args.workers) as pool:
            load_chronology(files[:20], executor=pool)  # start the workers
            local, t_pool = _timed(load_chronology, folder, executor=pool)
        assert local == serial, "the process pool's chronology differs"

        start = time.perf_counter()
        with LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster:
            t_start = time.perf_counter() - start
            address = cluster.scheduler_address.replace("tcp://", "dask://")
            with executor_for(address) as executor:
                load_chronology(files[:20], executor=executor)  # warm the workers
                on_dask, t_dask = _timed(load_chronology, folder, executor=executor)
                client = executor._client  # type: ignore[attr-defined]
                per_task, t_tasks = _timed(
                    lambda: client.gather(client.map(pipeline._extract, read, pure=False)))
                batches = [read[i:i + args.batch] for i in range(0, len(read), args.batch)]
                batched, t_batched = _timed(
                    lambda: [r for batch in client.gather(
                        client.map(_extract_batch, batches, pure=False)) for r in batch])
                _, t_noop = _timed(
                    lambda: client.gather(client.map(_noop, range(len(read)), pure=False)))
        assert on_dask == serial, "the Dask cluster's chronology differs"
        assert per_task == batched

    # the merge on the client (actors unified, events merged and sorted), at growing sizes
    per_source = [(source, *result) for source, result in zip(read, per_task, strict=True)
                  if not isinstance(result, str)]
    merges = []
    for part in (4, 2, 1):
        head = per_source[: len(per_source) // part]
        _, seconds = _timed(build_chronology, head)
        merges.append((len(head), seconds))
    (n_small, t_small), _, (n_all, merge_time) = merges
    exponent = math.log(merge_time / t_small) / math.log(n_all / n_small)
    all_events = [e for _, source_events, _ in per_source for e in source_events]
    mentions = sum(len(e.actors) for e in all_events)
    names = len({a for e in all_events for a in e.actors})
    unified, t_unify = _timed(unify_actors, all_events)
    _, t_fold = _timed(merge_events, unified)

    events = len(serial.events)
    result_bytes = len(pickle.dumps(per_task))
    chronology_bytes = len(pickle.dumps(serial))
    parse_serial = t_serial - t_read - merge_time
    n = args.sources
    w = args.workers
    print(f"corpus: {n} sources, {mb:.1f} MB, {events} events; {w} workers "
          "(a shared 2-core machine: one run, ratios matter)")
    print(f"{'load_chronology':<44}{'s':>8}{'MB/s':>8}{'× 1 proc':>10}")
    for label, seconds in (("1 process (--jobs 1)", t_serial),
                           (f"{w} processes (--jobs {w})", t_pool),
                           (f"LocalCluster, {w} workers (--executor dask://)", t_dask)):
        print(f"{label:<44}{seconds:8.2f}{mb / seconds:8.2f}{t_serial / seconds:10.2f}")
    print(f"{'parse only, on the cluster':<44}")
    for label, seconds in (("one task per source", t_tasks),
                           (f"one task per {args.batch} sources", t_batched)):
        print(f"  {label:<42}{seconds:8.2f}{mb / seconds:8.2f}{parse_serial / seconds:10.2f}")
    print(f"on the client: read {t_read:.2f} s ({t_read / n * 1e3:.2f} ms/source), "
          f"parse in 1 process {parse_serial:.2f} s ({parse_serial / n * 1e3:.2f} ms/source), "
          f"merge into the chronology {merge_time:.2f} s ({merge_time / n * 1e3:.3f} "
          "ms/source)")
    print("merge on the client: " + ", ".join(f"{k} sources {t:.2f} s" for k, t in merges)
          + f" (time ∝ sources^{exponent:.2f})")
    print(f"  of which actors unified {t_unify:.2f} s ({mentions:,} mentions of {names:,} "
          f"distinct names), events merged {t_fold:.2f} s")
    print(f"cluster start-up {t_start:.2f} s; {n} empty tasks {t_noop:.2f} s "
          f"({t_noop / n * 1e3:.2f} ms per task)")
    print(f"results shipped back {result_bytes / n / 1e3:.1f} KB/source; chronology "
          f"{chronology_bytes / 1e6:.1f} MB pickled ({chronology_bytes / max(1, events):.0f} "
          "B/event)")
    per_core = (cpu_serial - merge_time) / n  # CPU seconds of one core per source (read+parse)
    print(f"CPU time in 1 process: {cpu_serial:.2f} s for {t_serial:.2f} s of wall-clock time "
          f"({per_core * 1e3:.2f} ms per source to read and parse, merge excluded)")
    million = 1_000_000
    print("extrapolation to 1,000,000 sources (an extrapolation, not a measurement: the "
          "per-source figures above, times a million; parse from the CPU time per source, "
          "as on cores of its own):")
    for workers in (2, 16, 64, 256):
        parse = million * per_core / workers
        tasks = million / args.batch * t_noop / n
        print(f"  {workers:>4} worker cores: parse ≈ {parse / 3600:6.2f} h in "
              f"{million // args.batch:,} tasks of {args.batch} (scheduling ≈ {tasks:.0f} s)")
    linear = merge_time / n * million
    fitted = merge_time * (million / n) ** max(1.0, exponent)
    print(f"  on the client: merge ≈ {linear / 60:.0f} min if linear, ≈ {fitted / 3600:.1f} h "
          f"at the fitted sources^{max(1.0, exponent):.2f}; results received ≈ "
          f"{result_bytes / n * million / 1e9:.1f} GB, chronology ≈ "
          f"{chronology_bytes / n * million / 1e9:.1f} GB pickled "
          f"({events / n * million:,.0f} events)")

if __name__ == "__main__":
    main()
