"""Seconds `render_timeline_docx` takes for long timelines (issue 8: 10,000 events under 3 s).

    .venv/bin/python benchmarks/docx_timeline.py [--events 1000 10000] [--repeat 3]

Builds each timeline view from the seeded corpus of `benchmarks/long_timeline.py` (the same
corpus every run), then times the Word rendering alone, in this process, and prints the best
and median of `--repeat` runs with the document's size.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from long_timeline import write_corpus  # noqa: E402

from briefing.pipeline import load_chronology  # noqa: E402
from briefing.render.docx import render_timeline_docx  # noqa: E402
from briefing.views import build_timeline  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument("--repeat", type=int, default=3)
    options = parser.parse_args()
    created = datetime(2025, 1, 1, tzinfo=UTC)
    for events in options.events:
        with tempfile.TemporaryDirectory() as tmp:
            write_corpus(Path(tmp), events)
            view = build_timeline(load_chronology(Path(tmp)), "Benchmark", "today")
        times = []
        for _ in range(max(1, options.repeat)):
            start = time.perf_counter()
            data = render_timeline_docx(view, created=created)
            times.append(time.perf_counter() - start)
        print(f"DOCX timeline {events:>7,} events  best {min(times):6.2f} s  "
              f"median {statistics.median(times):6.2f} s  ({len(data) // 1024} KB)")


if __name__ == "__main__":
    main()
