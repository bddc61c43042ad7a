"""Figures for long timelines: PDF in parts (time, peak memory) against weasyprint alone, DOCX.

    .venv/bin/python benchmarks/long_timeline.py [--events 10000] [--baseline] [--jobs N] [--json]

Writes a corpus of CSV event lists (100 events each, dates spread over events/400 years, seeded:
the same corpus every run) to a temporary folder, then runs `briefing make --kind timeline
--format pdf` as a child process and prints: events, pages, seconds, peak memory (max RSS of
the process and of its largest worker, as `/usr/bin/time -v` counts it, and the largest sum of
the whole process tree's RSS, sampled every 50 ms), pages per second. `--baseline` also lays
out the same timeline in one weasyprint pass (the path of small documents) in a child process,
for the ratio (wall clock; the CPU seconds of each process tree are printed too, since other
work on the machine skews wall clocks). The DOCX figure is `render_timeline_docx` alone, in this
process. `--json` ends the output with one line holding a JSON object of the figures (and runs
the baseline unless `--no-baseline`): events, pages, parts, seconds_chunked,
seconds_single_pass, ratio, cpu_seconds_chunked, cpu_seconds_single_pass, cpu_ratio,
peak_rss_mb (the whole process tree of the chunked run), peak_rss_mb_largest_process,
peak_rss_mb_single_pass, seconds_docx.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_NOUNS = ("council minister agency court board committee union company city port army "
          "parliament ministry regulator bank tribunal commission delegation envoy mayor "
          "governor inquiry").split()
_VERBS = ("announced approved rejected signed opened postponed published questioned suspended "
          "confirmed launched ended extended reviewed").split()
_MONTHS = ("January February March April May June July August September October November "
           "December").split()


def write_corpus(folder: Path, events: int, per_file: int = 100, first_year: int = 1990) -> None:
    """CSV event lists: `events` distinct events, `per_file` a file, ~400 events a year."""
    rnd = random.Random(42)
    folder.mkdir(parents=True, exist_ok=True)
    years = max(1, events // 400)
    written, number = 0, 0
    while written < events:
        number += 1
        with open(folder / f"list-{number:05d}.csv", "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(["date", "summary", "sentence", "actors", "publisher", "url"])
            for _ in range(min(per_file, events - written)):
                written += 1
                y = first_year + rnd.randrange(years)
                m, d = rnd.randrange(1, 13), rnd.randrange(1, 29)
                a, b = rnd.sample(_NOUNS, 2)
                out.writerow([
                    f"{y}-{m:02d}-{d:02d}",
                    f"The {a} {rnd.choice(_VERBS)} plan number {written} with the {b}",
                    f"On {d} {_MONTHS[m - 1]} {y} the {a} {rnd.choice(_VERBS)} plan number "
                    f"{written}, which the {b} had {rnd.choice(_VERBS)} after "
                    f"{rnd.randrange(2, 40)} weeks of talks about item {written} and its costs.",
                    f"Person {rnd.randrange(50)}; Org {rnd.randrange(20)}",
                    f"Publisher {number % 7}", f"https://example.org/list/{number}",
                ])


def _tree_rss(pid: int) -> int:
    """Sum of the RSS (bytes) of `pid` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def _cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_measured(args: list[str], env: dict[str, str]) -> tuple[float, int, int, str, float]:
    """(seconds, max RSS of the largest process as time -v counts it, peak tree sum, stdout,
    CPU seconds of the process tree)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    cpu = _cpu_children()
    start = time.perf_counter()
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(process.pid))
            done.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if process.returncode not in (0, 1):
        raise SystemExit(f"{args} failed with {process.returncode}")
    return seconds, max(before, after) * 1024, peak, out, _cpu_children() - cpu


_SINGLE_PASS = """
import sys, time
from pathlib import Path
from briefing.pipeline import load_chronology
from briefing.render.html import render_html, template_dirs
from briefing.render.pdf import layout, write_pdf
from briefing.views import build_timeline
view = build_timeline(load_chronology(Path(sys.argv[1])), "Benchmark", "today")
html = render_html("timeline", {"paper": "A4", "author": "b", "version": "0",
                                "created": "2025-01-01T00:00:00Z", "timeline": view})
start = time.perf_counter()
document = layout(html, template_dirs())
data = write_pdf(document)
print(len(document.pages), time.perf_counter() - start)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--jobs", default="auto")
    parser.add_argument("--baseline", action=argparse.BooleanOptionalAction, default=None,
                        help="also time one weasyprint pass over the whole timeline (default: "
                             "with --json)")
    parser.add_argument("--json", action="store_true",
                        help="end with one line: a JSON object of the figures")
    options = parser.parse_args()
    if options.baseline is None:
        options.baseline = options.json
    figures: dict[str, object] = {"events": options.events}
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    py = sys.executable
    mb = 1024 * 1024
    with tempfile.TemporaryDirectory() as tmp:
        sources, out = Path(tmp) / "sources", Path(tmp) / "out"
        write_corpus(sources, options.events)
        seconds, largest, tree, printed, cpu = run_measured(
            [py, "-m", "briefing", "make", "--kind", "timeline", "--format", "pdf", "--force",
             "--sources", str(sources), "--out", str(out), "--title", "Benchmark",
             "--jobs", options.jobs], env)
        from pypdf import PdfReader

        pages = len(PdfReader(out / "timeline.pdf").pages)
        print(f"events {options.events}  pages {pages}  (`briefing make`: {printed.strip()})")
        print(f"PDF in parts          {seconds:7.1f} s  {pages / seconds:5.1f} pages/s  "
              f"peak: largest process {largest / mb:6.0f} MB, whole tree {tree / mb:6.0f} MB  "
              f"(CPU {cpu:.1f} s)")
        figures.update(pages=pages, seconds_chunked=round(seconds, 2),
                       cpu_seconds_chunked=round(cpu, 2), peak_rss_mb=round(tree / mb),
                       peak_rss_mb_largest_process=round(largest / mb),
                       seconds_single_pass=None, ratio=None, cpu_seconds_single_pass=None,
                       cpu_ratio=None, peak_rss_mb_single_pass=None)
        # the next night: one more event in one list; the parts that come out the same are
        # taken from OUT/.cache/parts/ (untouched there: their files keep their times)
        middle = sorted(sources.glob("*.csv"))[len(list(sources.glob("*.csv"))) // 2]
        with open(middle, "a", newline="", encoding="utf-8") as f:
            csv.writer(f).writerow(["1995-06-15", "The council approved one more plan",
                                    "On 15 June 1995 the council approved one more plan.",
                                    "", "", ""])
        rerun_started = time.time()
        r_seconds, _, _, _, r_cpu = run_measured(
            [py, "-m", "briefing", "make", "--kind", "timeline", "--format", "pdf",
             "--sources", str(sources), "--out", str(out), "--title", "Benchmark",
             "--jobs", options.jobs], env)
        parts = list((out / ".cache" / "parts").glob("*.pdf"))
        reused = sum(1 for p in parts if p.stat().st_mtime < rerun_started)
        print(f"again, 1 source changed {r_seconds:7.1f} s  (CPU {r_cpu:.1f} s; {reused} of "
              f"{len(parts)} parts taken as the first run laid them out)")
        figures.update(seconds_rerun=round(r_seconds, 2), cpu_seconds_rerun=round(r_cpu, 2),
                       parts_reused=reused, parts_rerun=len(parts))
        if options.baseline:
            b_seconds, b_largest, _, b_out, b_cpu = run_measured(
                [py, "-c", _SINGLE_PASS, str(sources)], env)
            b_pages, b_render = b_out.split()
            print(f"weasyprint one pass   {b_seconds:7.1f} s  {int(b_pages) / b_seconds:5.1f} "
                  f"pages/s  peak: {b_largest / mb:6.0f} MB ({b_pages} pages; layout and "
                  f"write {float(b_render):.1f} s; CPU {b_cpu:.1f} s)")
            print(f"ratio (parts / one pass): wall clock {seconds / b_seconds:.2f}, "
                  f"CPU {cpu / b_cpu:.2f}")
            figures.update(seconds_single_pass=round(b_seconds, 2), ratio=round(
                seconds / b_seconds, 3), cpu_seconds_single_pass=round(b_cpu, 2),
                cpu_ratio=round(cpu / b_cpu, 3), peak_rss_mb_single_pass=round(b_largest / mb))

        from briefing.pipeline import load_chronology
        from briefing.render.docx import render_timeline_docx
        from briefing.views import build_timeline

        view = build_timeline(load_chronology(sources), "Benchmark", "today")
        from briefing.render import chunked

        figures["parts"] = len(chunked.plan_parts(view)) \
            if view.event_count >= chunked.CHUNKED_MIN_EVENTS else 1
        from datetime import UTC, datetime

        start = time.perf_counter()
        data = render_timeline_docx(view, created=datetime(2025, 1, 1, tzinfo=UTC))
        docx_seconds = time.perf_counter() - start
        print(f"DOCX                  {docx_seconds:7.2f} s  ({len(data) // 1024} KB)")
        figures["seconds_docx"] = round(docx_seconds, 2)
    if options.json:
        print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
