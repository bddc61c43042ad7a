"""Print wall-clock figures for the main commands on the demo sources (run on demand).

    .venv/bin/python benchmarks/pipeline.py [--repeat N]

Figures are medians of N cold runs (a new process each time), printed with their ratio to a
bare `python -c pass`, so runs on a noisy shared machine stay comparable.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(args: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    py = sys.executable
    with tempfile.TemporaryDirectory() as out:
        cases = {
            "python -c pass": [py, "-c", "pass"],
            "briefing --help": [py, "-m", "briefing", "--help"],
            "briefing events": [py, "-m", "briefing", "events"],
            "briefing make --format pdf --kind briefing": [
                py, "-m", "briefing", "make", "--format", "pdf", "--kind", "briefing",
                "--out", out, "--force"],
            "briefing make (all four documents)": [py, "-m", "briefing", "make", "--out", out,
                                                   "--force"],
            "briefing make (all four, nothing changed)": [py, "-m", "briefing", "make",
                                                          "--out", out],
        }
        base = None
        for name, args in cases.items():
            seconds = timed(args, repeat)
            base = base or seconds
            print(f"{name:<45} {seconds:6.3f} s   ×{seconds / base:5.1f}")
    probe = subprocess.run(
        [py, "-c", "import sys, briefing.cli, briefing.pipeline; "
                   "print('weasyprint' in sys.modules)"],
        capture_output=True, text=True, check=True, cwd=ROOT)
    print(f"weasyprint imported by the CLI and pipeline modules alone: {probe.stdout.strip()}")


if __name__ == "__main__":
    main()
