"""Extraction throughput (read + dates + events + chronology), serial and parallel, against
dateparser's search_dates on the same text. Run on demand:

    .venv/bin/python benchmarks/extraction.py [--sources N]

Prints MB/s and ratios from one run (the machine is shared: compare ratios, not seconds).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sources", type=int, default=400)
    count = parser.parse_args().sources
    from briefing.pipeline import load_chronology

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        size = make_corpus(folder, count)
        mb = size / 1e6
        load_chronology(folder)  # warm up (imports, compiled patterns)
        start = time.perf_counter()
        serial = load_chronology(folder)
        t1 = time.perf_counter() - start
        with ProcessPoolExecutor(max_workers=2) as pool:
            load_chronology(folder, executor=pool)  # warm the workers
            start = time.perf_counter()
            parallel = load_chronology(folder, executor=pool)
            t2 = time.perf_counter() - start
        assert parallel == serial, "parallel output differs from serial"

        from dateparser.search import search_dates

        texts = [p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())]
        sample = texts[: max(1, len(texts) // 10)]  # search_dates is slow: time a tenth
        search_dates(sample[0][:200], languages=["en"])
        start = time.perf_counter()
        for text in sample:
            search_dates(text, languages=["en"])
        t_sd = (time.perf_counter() - start) * len(texts) / len(sample)

    print(f"corpus: {count} sources, {mb:.2f} MB, {len(serial.events)} events")
    print(f"briefing, 1 process        {t1:7.2f} s  {mb / t1:6.2f} MB/s")
    print(f"briefing, 2 processes      {t2:7.2f} s  {mb / t2:6.2f} MB/s  speed-up ×{t1 / t2:.2f}")
    print(f"search_dates (en), 1 proc  {t_sd:7.2f} s  {mb / t_sd:6.2f} MB/s  (dates only)")
    print(f"briefing 1 process vs search_dates: ×{t_sd / t1:.1f}")


if __name__ == "__main__":
    main()
