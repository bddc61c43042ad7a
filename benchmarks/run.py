"""Every figure of issue 8 from one run, printed as one table with its target and baseline.

    .venv/bin/python benchmarks/run.py [--quick] [--only NAME …] [--repeat N] [--timeout S]

Measures (names for `--only`):

- startup: cold `python -c pass`, the baseline "Python plus the four libraries imported"
  (dateparser, jinja2, weasyprint, docx) and weasyprint alone, cold `briefing --help`,
  `briefing dates` (one sentence on stdin), `briefing events` and `briefing make --format pdf
  --kind briefing` (into a fresh folder each time) on the bundled `sources/`: medians of
  `--repeat` runs, each a new process.
- imports: whether `--help`, `dates` and `events` import weasyprint (`sys.modules` at exit).
- extraction: on the generated 1,000-document corpus (`benchmarks/corpus.py`), in a fresh
  process: MB/s of source text per core (read + dates + events + chronology, one process),
  next to `dateparser.search.search_dates(text, languages=['en'])` on a sample of the same
  files; `--jobs 2` against `--jobs 1` (a pool of 2 processes, its start-up included) and
  whether the chronologies are identical; recall of the corpus' known dates among the events.
- docx: `benchmarks/docx_timeline.py` at 10,000 events.
- long: `benchmarks/long_timeline.py --json --baseline` at 10,000 events (PDF in parts against
  one weasyprint pass: time, pages, peak memory of the whole process tree; then the same make
  again after one source changed, with the parts laid out the first time kept).
- incremental: `briefing make --kind briefing` on the generated 10,000-document corpus, cold;
  then again after one source changed (sources re-parsed = new entries in the per-source
  cache), against the render alone (the same documents rendered from the loaded chronology,
  in a fresh process, as `build` renders them: briefing view and documents, with the
  collector's generations frozen); and again with nothing changed. These runs use a copy of
  the `briefing` package taken when the measure starts: the cache is keyed by briefing's code,
  so edits to the checkout during the run would otherwise invalidate it.
- long100k: `long_timeline.py` at 100,000 events, without the one-pass baseline (skipped by
  --quick).

`--quick`: 1,000 documents, 2,000 events, no 100,000-event run. Peak memory is the largest
process's maximum RSS (`wait4`, as `/usr/bin/time -v` counts it) unless said otherwise. A
process running longer than `--timeout` seconds is stopped and its measure reported as not
finished. The machine may be shared: compare ratios more than seconds. Exit status 0 unless
a measure crashed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402

PY = sys.executable
MEASURES = ("startup", "imports", "extraction", "docx", "long", "incremental", "long100k")

# Floors measured when the issue was written (2 cores, medians): the baseline column.
ISSUE_LIBS_S = 0.58
ISSUE_WEASYPRINT_S = 0.48
ISSUE_SEARCH_DATES_MBS = 0.18
ISSUE_DOCX_10K_PARAGRAPHS_S = 0.55


@dataclass
class Row:
    measure: str
    figure: str
    target: str = "—"
    baseline: str = "—"
    met: bool | None = None


@dataclass
class Child:
    seconds: float
    rss_mb: float
    """Largest maximum RSS of the process and its waited-for descendants."""
    returncode: int
    stdout: str
    stderr: str


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    env.update(extra)
    return env


class TooLong(Exception):
    """A measure ran past its time limit (`--timeout`)."""


TIMEOUT = [1800.0]
"""Seconds any one child process may run (set from --timeout)."""


def run_child(args: Sequence[str], stdin: str | None = None, cwd: Path = ROOT,
              env: dict[str, str] | None = None) -> Child:
    """Run one process to its end: wall seconds, peak RSS (wait4), exit code and output.

    A process still running after TIMEOUT seconds is killed with its whole group."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(
            list(args), cwd=cwd, env=env if env is not None else clean_env(),
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=out, stderr=err, start_new_session=True)
        if stdin is not None:
            assert process.stdin is not None
            process.stdin.write(stdin.encode("utf-8"))
            process.stdin.close()
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > TIMEOUT[0]:
                os.killpg(process.pid, 9)
                os.wait4(process.pid, 0)
                process.returncode = -9
                raise TooLong(f"a process did not finish within {TIMEOUT[0]:.0f} s "
                              "(--timeout)")
            time.sleep(0.01)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Child(seconds, usage.ru_maxrss / 1024, process.returncode,
                     out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def median_child(args: Sequence[str], repeat: int, stdin: str | None = None,
                 before: Callable[[], None] | None = None) -> Child:
    """The median wall time of `repeat` cold runs (the last run's output, the largest RSS)."""
    runs = []
    for _ in range(repeat):
        if before is not None:
            before()
        runs.append(run_child(args, stdin))
    last = runs[-1]
    return Child(statistics.median(r.seconds for r in runs), max(r.rss_mb for r in runs),
                 last.returncode, last.stdout, last.stderr)


def briefing_command() -> list[str]:
    """The installed `briefing` script next to this Python, else `python -m briefing`."""
    script = Path(PY).with_name("briefing")
    return [str(script)] if script.exists() else [PY, "-m", "briefing"]


def s(seconds: float) -> str:
    return f"{seconds:.2f} s" if seconds >= 0.1 else f"{seconds * 1000:.0f} ms"


def checked(child: Child, what: str) -> Child:
    if child.returncode not in (0, 1):
        raise RuntimeError(f"{what} failed (exit {child.returncode}): "
                           f"{child.stderr.strip()[-500:]}")
    return child


# --------------------------------------------------------------------------------------------
# Measures
# --------------------------------------------------------------------------------------------

SENTENCE = "On 8 January 2025, Secretary Blinken met President Macron in Paris.\n"


def measure_startup(ctx: Context) -> list[Row]:
    repeat = ctx.repeat
    cli = briefing_command()
    bare = median_child([PY, "-c", "pass"], repeat)
    libs = checked(median_child([PY, "-c", "import dateparser, jinja2, weasyprint, docx"],
                                repeat), "importing the four libraries")
    weasy = checked(median_child([PY, "-c", "import weasyprint"], repeat), "import weasyprint")
    ctx.libs_seconds, ctx.weasyprint_seconds = libs.seconds, weasy.seconds
    rows = [
        Row("cold `python -c pass`", s(bare.seconds)),
        Row("baseline: Python + dateparser, jinja2, weasyprint, docx imported",
            f"{s(libs.seconds)}, {libs.rss_mb:.0f} MB", "—",
            f"issue: {ISSUE_LIBS_S} s (×{libs.seconds / ISSUE_LIBS_S:.2f})"),
        Row("baseline: Python + weasyprint imported", s(weasy.seconds), "—",
            f"issue: {ISSUE_WEASYPRINT_S} s (×{weasy.seconds / ISSUE_WEASYPRINT_S:.2f})"),
    ]

    def vs_libs(seconds: float) -> str:
        return f"×{seconds / libs.seconds:.2f} of the baseline ({s(libs.seconds)})"

    helped = checked(median_child([*cli, "--help"], repeat), "briefing --help")
    rows.append(Row("cold `briefing --help`", f"{s(helped.seconds)}, {helped.rss_mb:.0f} MB",
                    "no weasyprint", vs_libs(helped.seconds)))
    dated = checked(median_child([*cli, "dates", "--ref", "2025-01-10"], repeat, SENTENCE),
                    "briefing dates")
    rows.append(Row("cold `briefing dates` (one sentence on stdin)",
                    f"{s(dated.seconds)}, {dated.rss_mb:.0f} MB", "no weasyprint",
                    vs_libs(dated.seconds)))
    events = checked(median_child([*cli, "events", "--sources", str(ROOT / "sources")], repeat),
                     "briefing events")
    rows.append(Row("cold `briefing events` on `sources/`",
                    f"{s(events.seconds)}, {events.rss_mb:.0f} MB", "< 0.4 s",
                    vs_libs(events.seconds), events.seconds < 0.4))
    out = ctx.tmp / "make-briefing"

    def fresh() -> None:
        shutil.rmtree(out, ignore_errors=True)

    made = checked(median_child(
        [*cli, "make", "--format", "pdf", "--kind", "briefing", "--sources",
         str(ROOT / "sources"), "--out", str(out)], repeat, before=fresh),
        "briefing make --format pdf --kind briefing")
    rows.append(Row("`briefing make --format pdf --kind briefing` on `sources/` (empty out/)",
                    f"{s(made.seconds)}, {made.rss_mb:.0f} MB", "< 1.0 s",
                    f"{vs_libs(made.seconds)}; issue: libraries + 0.23 s render = "
                    f"{ISSUE_LIBS_S + 0.23:.2f} s", made.seconds < 1.0))
    return rows


_IMPORT_PROBE = """
import atexit, sys
def report():
    sys.stderr.write("\\nIMPORTED " + " ".join(
        m for m in ("weasyprint", "docx", "dateparser", "jinja2") if m in sys.modules) + "\\n")
atexit.register(report)
sys.argv = ["briefing", *sys.argv[1:]]
from briefing.cli import main
main()
"""


def measure_imports(ctx: Context) -> list[Row]:
    cases = {
        "--help": (["--help"], None),
        "dates": (["dates", "--ref", "2025-01-10"], SENTENCE),
        "events": (["events", "--sources", str(ROOT / "sources")], None),
    }
    imported: dict[str, list[str]] = {}
    for name, (args, stdin) in cases.items():
        child = checked(run_child([PY, "-c", _IMPORT_PROBE, *args], stdin), f"probe {name}")
        found = re.findall(r"^IMPORTED ?(.*)$", child.stderr, re.M)
        if not found:
            raise RuntimeError(f"probe {name}: no report ({child.stderr.strip()[-300:]})")
        imported[name] = found[-1].split()
    weasy = [name for name, modules in imported.items() if "weasyprint" in modules]
    figure = "; ".join(f"{name}: {', '.join(mods) or 'none of the four'}"
                       for name, mods in imported.items())
    return [Row("libraries imported by `--help`, `dates`, `events`", figure,
                "never weasyprint", "weasyprint import alone: "
                + (s(ctx.weasyprint_seconds) if ctx.weasyprint_seconds else "see above"),
                not weasy)]


def _extraction_child(sources: str, key_file: str, sample_every: str) -> None:
    """In a fresh process: extraction throughput, search_dates, --jobs 2, recall (JSON out)."""
    from briefing.pipeline import load_chronology, parallel

    folder = Path(sources)
    files = sorted(p for p in folder.iterdir() if p.is_file())
    size = sum(p.stat().st_size for p in files)
    load_chronology(files[:5])  # warm up: imports, compiled patterns
    start = time.perf_counter()
    serial = load_chronology(folder)
    t1 = time.perf_counter() - start
    start = time.perf_counter()
    with parallel(2) as pool:  # what `--jobs 2` uses
        in_parallel = load_chronology(folder, executor=pool)
    t2 = time.perf_counter() - start
    same = in_parallel == serial
    same_json = [e.to_dict() for e in in_parallel.events] == [e.to_dict() for e in serial.events]

    from dateparser.search import search_dates

    sample = files[:: int(sample_every)]
    texts = [p.read_text(encoding="utf-8") for p in sample]
    sample_size = sum(len(t.encode("utf-8")) for t in texts)
    search_dates("On 8 January 2025 it rained.", languages=["en"])  # warm up
    start = time.perf_counter()
    for text in texts:
        search_dates(text, languages=["en"])
    t_sd = time.perf_counter() - start

    # The real articles bundled (public news and press releases, tests/data/articles and the
    # demo sources): their dates are sparser than the generated corpus's.
    real = sorted((ROOT / "tests" / "data" / "articles").glob("*.md")) + sorted(
        (ROOT / "sources").glob("*.md"))
    real_size = sum(p.stat().st_size for p in real)
    rounds, start = 0, time.perf_counter()
    while rounds < 5 or time.perf_counter() - start < 2.0:
        load_chronology(real)
        rounds += 1
    real_s = (time.perf_counter() - start) / rounds
    real_texts = [p.read_text(encoding="utf-8") for p in real]
    start = time.perf_counter()
    for text in real_texts:
        search_dates(text, languages=["en"])
    real_sd_s = time.perf_counter() - start

    key = json.loads(Path(key_file).read_text(encoding="utf-8"))
    score = corpus.recall(key, serial.events)
    print(json.dumps({
        "real_documents": len(real), "real_bytes": real_size, "real_s": real_s,
        "real_search_dates_s": real_sd_s,
        "documents": len(files), "bytes": size, "events": len(serial.events),
        "serial_s": t1, "jobs2_s": t2, "identical": same and same_json,
        "sample_documents": len(sample), "sample_bytes": sample_size, "search_dates_s": t_sd,
        "recall": score,
    }))


def measure_extraction(ctx: Context) -> list[Row]:
    sources, key_file = ctx.corpus(1000)
    child = checked(run_child([PY, __file__, "_child", "extraction", str(sources),
                               str(key_file), "20" if not ctx.quick else "40"]),
                    "extraction")
    data = json.loads(child.stdout.strip().splitlines()[-1])
    mb = data["bytes"] / 1e6
    ours = mb / data["serial_s"]
    theirs = data["sample_bytes"] / 1e6 / data["search_dates_s"]
    speedup = data["serial_s"] / data["jobs2_s"]
    real = data["real_bytes"] / 1e6 / data["real_s"]
    real_theirs = data["real_bytes"] / 1e6 / data["real_search_dates_s"]
    score = data["recall"]
    kinds = ", ".join(f"{k} {f:,} of {n:,}" for k, (f, n) in sorted(score["kinds"].items())
                      if f < n)
    return [
        Row(f"extraction, 1 process ({data['documents']:,} generated documents, {mb:.1f} MB, "
            f"{data['events']:,} events)",
            f"{ours:.2f} MB/s ({s(data['serial_s'])}), {child.rss_mb:.0f} MB", "≥ 2 MB/s",
            f"issue: search_dates ~{ISSUE_SEARCH_DATES_MBS} MB/s", ours >= 2),
        Row("extraction vs `search_dates(text, languages=['en'])` on the same files",
            f"×{ours / theirs:.1f}", "≥ ×10",
            f"search_dates {theirs:.2f} MB/s ({data['sample_documents']} files, "
            f"{data['sample_bytes'] / 1e3:.0f} KB)", ours / theirs >= 10),
        Row(f"extraction, 1 process, the {data['real_documents']} real articles bundled "
            f"({data['real_bytes'] / 1e3:.0f} KB: tests/data/articles, sources/)",
            f"{real:.2f} MB/s", "≥ 2 MB/s",
            f"search_dates {real_theirs:.2f} MB/s on the same files: ×{real / real_theirs:.1f}",
            real >= 2),
        Row("`--jobs 2` vs `--jobs 1` (pool start-up included), same chronology",
            f"×{speedup:.2f} ({s(data['serial_s'])} → {s(data['jobs2_s'])}), "
            f"{'identical' if data['identical'] else 'DIFFERENT'}",
            "≥ ×1.7, identical", f"--jobs 1: {s(data['serial_s'])}",
            speedup >= 1.7 and data["identical"]),
        Row("recall of the corpus' known dates (an event citing the document, same value)",
            f"{score['recall']:.1%} ({score['found']:,}/{score['total']:,}); "
            f"{score['spurious']} spurious date(s)" + (f"; found {kinds}" if kinds else ""),
            "—", "answer key of `benchmarks/corpus.py`"),
    ]


def measure_docx(ctx: Context) -> list[Row]:
    events = 2_000 if ctx.quick else 10_000
    child = checked(run_child([PY, str(BENCH / "docx_timeline.py"), "--events", str(events),
                               "--repeat", "3"]), "docx_timeline.py")
    found = re.search(r"median\s+([\d.]+) s", child.stdout)
    if not found:
        raise RuntimeError(f"docx_timeline.py printed no median: {child.stdout!r}")
    seconds = float(found[1])
    size = re.search(r"\((\d+) KB\)", child.stdout)
    return [Row(f"DOCX timeline, {events:,} events (`render_timeline_docx`, median of 3)",
                s(seconds) + (f", {int(size[1]):,} KB" if size else ""), "< 3 s",
                f"issue: python-docx 10,000 paragraphs {ISSUE_DOCX_10K_PARAGRAPHS_S} s "
                f"(×{seconds / ISSUE_DOCX_10K_PARAGRAPHS_S:.1f})", seconds < 3)]


def _long_timeline(events: int, baseline: bool) -> tuple[dict[str, Any], str]:
    """`long_timeline.py` figures: its --json object, else parsed from its printed lines."""
    args = [PY, str(BENCH / "long_timeline.py"), "--events", str(events)]
    child = run_child([*args, "--json", "--baseline" if baseline else "--no-baseline"])
    if child.returncode == 0:
        for line in reversed(child.stdout.strip().splitlines()):
            if line.startswith("{"):
                return json.loads(line), "json"
    if "unrecognized arguments" not in child.stderr:
        raise RuntimeError(f"long_timeline.py failed: {child.stderr.strip()[-500:]}")
    # a version without --json: read its printed lines
    child = checked(run_child([*args, *(["--baseline"] if baseline else [])]),
                    "long_timeline.py")
    out = child.stdout
    data: dict[str, Any] = {"events": events}
    if found := re.search(r"pages (\d+)", out):
        data["pages"] = int(found[1])
    if found := re.search(r"PDF in parts\s+([\d.]+) s.*?largest process\s+(\d+) MB.*?"
                          r"whole tree\s+(\d+) MB", out):
        data["seconds_chunked"] = float(found[1])
        data["peak_rss_mb_largest_process"] = float(found[2])
        data["peak_rss_mb"] = float(found[3])
    if found := re.search(r"weasyprint one pass\s+([\d.]+) s.*?peak:\s+(\d+) MB", out):
        data["seconds_single_pass"] = float(found[1])
        data["peak_rss_mb_single_pass"] = float(found[2])
    if data.get("seconds_chunked") and data.get("seconds_single_pass"):
        data["ratio"] = data["seconds_chunked"] / data["seconds_single_pass"]
    return data, "text"


def measure_long(ctx: Context, events: int, baseline: bool) -> list[Row]:
    data, origin = _long_timeline(events, baseline)
    seconds, pages = data.get("seconds_chunked"), data.get("pages")
    tree, largest = data.get("peak_rss_mb"), data.get("peak_rss_mb_largest_process")
    single, ratio = data.get("seconds_single_pass"), data.get("ratio")
    measure = f"timeline PDF, {events:,} events, in parts (`long_timeline.py`)" \
        + ("" if origin == "json" else " (read from its printed lines)")
    if seconds is None:
        return [Row(measure, "no figures (see long_timeline.py)", met=False)]
    figure = f"{s(seconds)}, {pages:,} pages, peak {tree:.0f} MB" \
        + (f" (largest process {largest:.0f} MB)" if largest else "")
    if not baseline:
        return [Row(measure, figure, "completes (no out-of-memory)",
                    "issue: one pass 12.7 GB at 1,500 pages", True)]
    base = "—"
    if single:
        single_peak = data.get("peak_rss_mb_single_pass")
        cpu = data.get("cpu_ratio")
        base = (f"one weasyprint pass {s(single)}"
                + (f", {single_peak:.0f} MB" if single_peak else "")
                + (f": ×{ratio:.2f}" if ratio is not None else "")
                + (f" (CPU time ×{cpu:.2f})" if cpu is not None else ""))
    met = None if ratio is None or tree is None else tree < 600 and ratio <= 1.3
    rows = [Row(measure, figure, "peak < 600 MB; ≤ ×1.3 one pass", base, met)]
    rerun = data.get("seconds_rerun")
    if rerun is not None:
        rows.append(Row(
            "the same PDF after one source changed (laid-out parts kept in OUT/.cache/parts)",
            f"{s(rerun)}, {data.get('parts_reused')} of {data.get('parts_rerun')} parts "
            "taken as laid out", "—", f"×{rerun / seconds:.2f} of the first run"))
    return rows


_RENDER_ALONE = """
import sys, time
from pathlib import Path
from briefing import pipeline
from briefing.views import build_briefing
sources, cache, out = map(Path, sys.argv[1:4])
settings = pipeline.Settings(sources=sources, out=out, kinds=("briefing",), jobs=1)
chronology = pipeline.load_chronology(sources, None, cache)
start = time.perf_counter()
with pipeline.gc_paused(freeze=True):  # what `build` does once the chronology is loaded
    title = pipeline.default_title(chronology)
    as_of = pipeline.as_of_label(chronology, None)
    briefing = build_briefing(chronology, title, as_of)
pipeline._render(settings, chronology, title, as_of, pipeline.created_time(), briefing)
print(time.perf_counter() - start)
"""


def measure_incremental(ctx: Context) -> list[Row]:
    docs = 1_000 if ctx.quick else 10_000
    sources, _ = ctx.corpus(docs)
    work = ctx.tmp / f"incremental-{docs}"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(sources, work / "sources")
    # The cache is keyed by briefing's own code too: run a snapshot of the package (from a
    # folder outside the checkout), so that edits made meanwhile do not invalidate it.
    shutil.copytree(ROOT / "briefing", work / "code" / "briefing",
                    ignore=shutil.ignore_patterns("__pycache__"))
    env = clean_env(PYTHONPATH=str(work / "code"))
    sources, out = work / "sources", work / "out"
    cache = out / ".cache" / "sources"
    make = [PY, "-m", "briefing", "make", "--kind", "briefing", "--sources", str(sources),
            "--out", str(out), "--quiet"]
    cold = checked(run_child(make, cwd=work, env=env), "make (cold)")
    before_rerun = {p.name for p in cache.glob("*.json")}
    changed = sorted(sources.glob("*.md"))[len(list(sources.glob("*.md"))) // 2]
    with changed.open("a", encoding="utf-8") as handle:
        handle.write("\nOn 2 January 2023, the mayor opened a new bridge over the river.\n")
    rerun = checked(run_child(make, cwd=work, env=env), "make (one source changed)")
    # re-parsed: entries the re-run wrote (it also removes the changed source's old one)
    reparsed = len({p.name for p in cache.glob("*.json")} - before_rerun)
    unchanged = checked(run_child(make, cwd=work, env=env), "make (nothing changed)")
    render = checked(run_child([PY, "-c", _RENDER_ALONE, str(sources), str(cache),
                                str(work / "render-alone")], cwd=work, env=env),
                     "render alone")
    render_s = float(render.stdout.strip().splitlines()[-1])
    ratio = rerun.seconds / render_s
    return [
        Row(f"`briefing make --kind briefing`, {docs:,} generated sources, cold",
            f"{s(cold.seconds)}, {cold.rss_mb:.0f} MB", "—",
            f"{docs / cold.seconds:.0f} sources/s"),
        Row("the same after one source changed",
            f"{s(rerun.seconds)}, {reparsed} of {docs:,} sources re-parsed",
            "1 re-parsed; ≈ render alone (≤ ×1.5)",
            f"render alone {s(render_s)} (from the loaded chronology): ×{ratio:.2f}",
            reparsed == 1 and ratio <= 1.5),
        Row("the same with nothing changed (previous outputs reused)",
            s(unchanged.seconds), "—", f"×{unchanged.seconds / cold.seconds:.3f} of cold"),
    ]


# --------------------------------------------------------------------------------------------


@dataclass
class Context:
    tmp: Path
    quick: bool
    repeat: int
    libs_seconds: float | None = None
    weasyprint_seconds: float | None = None

    def corpus(self, docs: int) -> tuple[Path, Path]:
        """The generated corpus of `docs` documents (seed 0), written once per run."""
        folder = self.tmp / f"corpus-{docs}"
        if not (folder / "answers.json").exists():
            sources, key_file, _ = corpus.write_corpus(folder, docs, seed=0)
            return sources, key_file
        return folder / "sources", folder / "answers.json"


def print_table(rows: list[Row]) -> None:
    header = ("measure", "figure", "target", "baseline / ratio", "met?")
    lines = [[r.measure, r.figure, r.target, r.baseline,
              "—" if r.met is None else ("yes" if r.met else "**no**")] for r in rows]
    widths = [max(len(h), *(len(line[i]) for line in lines)) if lines else len(h)
              for i, h in enumerate(header)]

    def fmt(cells: Sequence[str]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    print(fmt(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for line in lines:
        print(fmt(line))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:2] == ["_child", "extraction"]:
        _extraction_child(*argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="smaller sizes (10 and 1,000 documents, 2,000 events, no 100k)")
    parser.add_argument("--only", action="append", choices=MEASURES, metavar="NAME",
                        help=f"run only this measure (repeatable): {', '.join(MEASURES)}")
    parser.add_argument("--repeat", type=int, default=None,
                        help="cold runs per short measure (default 5, 3 with --quick)")
    parser.add_argument("--timeout", type=float, default=1800,
                        help="seconds any one process may run before its measure is given up "
                             "(default 1800)")
    options = parser.parse_args(argv)
    TIMEOUT[0] = options.timeout
    chosen = options.only or [m for m in MEASURES if not (options.quick and m == "long100k")]
    repeat = options.repeat or (3 if options.quick else 5)
    rows: list[Row] = []
    crashed = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        ctx = Context(Path(tmp), options.quick, repeat)
        measures: dict[str, Callable[[], list[Row]]] = {
            "startup": lambda: measure_startup(ctx),
            "imports": lambda: measure_imports(ctx),
            "extraction": lambda: measure_extraction(ctx),
            "docx": lambda: measure_docx(ctx),
            "long": lambda: measure_long(ctx, 2_000 if ctx.quick else 10_000, baseline=True),
            "long100k": lambda: measure_long(ctx, 100_000, baseline=False),
            "incremental": lambda: measure_incremental(ctx),
        }
        for name in MEASURES:
            if name not in chosen:
                continue
            print(f"[{time.perf_counter() - started:6.0f} s] {name} …", file=sys.stderr,
                  flush=True)
            done = len(rows)
            try:
                rows.extend(measures[name]())
            except TooLong as error:
                rows.append(Row(name, f"not finished: {error}", "", "", False))
            except Exception as error:  # one broken measure must not hide the others
                crashed.append(name)
                rows.append(Row(name, f"CRASHED: {type(error).__name__}: {error}"[:300]))
            for row in rows[done:]:  # as it goes, in case the run is cut short
                print(f"    {row.measure}: {row.figure} ({row.baseline})", file=sys.stderr,
                      flush=True)
    print(f"\nbriefing benchmarks ({'quick' if options.quick else 'full'}; {os.cpu_count()} "
          f"cores; Python {sys.version.split()[0]}; {time.perf_counter() - started:.0f} s)\n")
    print_table(rows)
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main())
