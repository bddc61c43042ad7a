"""Extraction throughput (read + dates + events + chronology), serial and parallel, against
dateparser's search_dates on the same text. Run on demand:

    .venv/bin/python benchmarks/extraction.py [--sources N] [--corpus demo|news] [--repeat R]

`demo`: the demo articles, each copy with its own date (the corpus of the issue's first
figures); `news`: varied news-like articles from benchmarks/corpus.py (Markdown, plain text and
HTML, many more dates). Each figure is the best of R runs, the pool's processes started
beforehand; the chronologies must be identical. Prints MB/s and ratios from one run (the
machine is shared: compare ratios, not seconds).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_corpus(folder: Path, count: int) -> int:
    """`count` sources made from the demo articles, each with its own date; returns bytes."""
    demos = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "sources").glob("*.md"))]
    total = 0
    for i in range(count):
        text = demos[i % len(demos)].replace("date: 2025-01", f"date: 2025-{i % 12 + 1:02}")
        path = folder / f"s{i:04}.md"
        path.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
    return total


def make_news_corpus(folder: Path, count: int) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from corpus import generate

    return int(generate(folder, count)["bytes"])


def best(function: Callable[[], object], repeat: int) -> tuple[float, object]:
    """The shortest of `repeat` timed calls of `function`, and its last result."""
    seconds, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        seconds = min(seconds, time.perf_counter() - start)
    return seconds, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sources", type=int, default=400)
    parser.add_argument("--corpus", choices=("demo", "news"), default="demo")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    from briefing.pipeline import load_chronology, parallel

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        make = make_news_corpus if args.corpus == "news" else make_corpus
        mb = make(folder, args.sources) / 1e6
        files = sorted(p for p in folder.iterdir() if p.is_file())
        load_chronology(files[:20])  # warm up (imports, compiled patterns)
        cpu = time.process_time()
        t1, serial = best(lambda: load_chronology(folder), args.repeat)
        cpu = (time.process_time() - cpu) / args.repeat
        with parallel(args.workers) as pool:  # what `--jobs N` uses
            load_chronology(files[:20], executor=pool)  # start the workers
            main_cpu = time.process_time()
            t2, parallel = best(lambda: load_chronology(folder, executor=pool), args.repeat)
            main_cpu = (time.process_time() - main_cpu) / args.repeat
        assert parallel == serial, "parallel output differs from serial"

        from dateparser.search import search_dates

        sample = files[:: max(1, len(files) // max(1, len(files) // 10))]  # a tenth: slow
        texts = [p.read_text(encoding="utf-8") for p in sample]
        sample_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
        search_dates(texts[0][:200], languages=["en"])
        start, sd_cpu = time.perf_counter(), time.process_time()
        for text in texts:
            search_dates(text, languages=["en"])
        sd_rate = sample_mb / (time.perf_counter() - start)
        sd_cpu_rate = sample_mb / (time.process_time() - sd_cpu)

    print(f"corpus: {args.corpus}, {len(files)} sources, {mb:.2f} MB, "
          f"{len(serial.events)} events (best of {args.repeat})")  # type: ignore[attr-defined]
    print(f"briefing, 1 process        {t1:7.2f} s  {mb / t1:6.2f} MB/s  "
          f"(cpu {cpu:.2f} s, {mb / cpu:.2f} MB/s)")
    print(f"briefing, {args.workers} processes      {t2:7.2f} s  {mb / t2:6.2f} MB/s  "
          f"speed-up ×{t1 / t2:.2f}, identical output")
    print(f"  (this process's cpu while the workers parse: {main_cpu:.2f} s, the part that "
          f"stays serial)")
    print(f"search_dates (en), 1 proc            {sd_rate:6.2f} MB/s  "
          f"(cpu {sd_cpu_rate:.2f} MB/s; dates only, {len(texts)} files)")
    print(f"briefing 1 process vs search_dates: ×{mb / t1 / sd_rate:.1f} "
          f"(cpu time: ×{mb / cpu / sd_cpu_rate:.1f})")


if __name__ == "__main__":
    main()
