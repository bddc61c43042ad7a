"""Speed of `briefing.extract.extract_events` apart from `find_dates`, before and after a change.

Run: .venv/bin/python benchmarks/extract_speed.py [--corpus DIR] [--before DIR] [--base DIR]
     [--repeat N] [--check DIR ...]

`--before` names a frozen copy of an earlier `briefing` package (required; e.g.
`git archive HEAD~1 briefing | tar -x -C DIR` gives DIR/briefing),
`--base` the package whose other modules both use (default: that same frozen copy, so that
what others are changing in the working tree, dates.py or the readers, plays no part; give
`--base briefing` for the working tree's). The base is imported under another name
(`_base`); the old extract.py, actors.py and text.py (of --before) and the new ones (of this
working tree) are imported over it, so that the old and the new extract_events build the same
Event classes and are timed in the same process, in turn, on the same Source objects (read
once). `find_dates` is taken out of both: each extract module's `find_dates` is replaced by
one lookup of mentions found beforehand (by the base's find_dates), so both see the same
mentions at no cost. Each figure is the best of --repeat passes, in CPU time of the process
(the machine is shared: compare ratios, not seconds).

The sets timed are the sources of --corpus (a generated corpus, `benchmarks/corpus.py`) and the
real articles (tests/data/articles, sources).

`--check DIR ...` compares instead, for every source of each folder, the events and undated
items of the old and the new extract_events (dataclass equality), and the chronologies that the
base's `pipeline.load_chronology` builds of the folder with the one and the other; it prints
the counts compared and exits with status 1 on any difference.
"""

from __future__ import annotations

import argparse
import atexit
import gc
import importlib
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
REAL = (ROOT / "tests" / "data" / "articles", ROOT / "sources")
CHANGED = ("text", "actors", "extract")
"""The modules of the change, in the order they import one another."""


def _renamed(code: str, package: str, own: dict[str, str]) -> str:
    """`code` importing `package` instead of briefing, and the modules of `own` under the names
    given there (`briefing.actors` -> `_base.actors_new`)."""
    for module, name in own.items():
        code = re.sub(rf"\bbriefing\.{module}\b", f"{package}.{name}", code)
    code = re.sub(r"(?m)^(\s*(?:from|import)\s+)briefing\b", rf"\g<1>{package}", code)
    return re.sub(r"\"briefing\.(\w+)\"", rf'"{package}.\1"', code)


def load_base(folder: Path, package: str = "_base") -> ModuleType:
    """The package at `folder`, imported as `package` (a copy in a temporary folder)."""
    tmp = Path(tempfile.mkdtemp(prefix="extract_speed_"))
    atexit.register(shutil.rmtree, tmp, True)
    shutil.copytree(folder, tmp / package, ignore=shutil.ignore_patterns("__pycache__"))
    for path in (tmp / package).rglob("*.py"):
        path.write_text(_renamed(path.read_text("utf-8"), package, {}), "utf-8")
    sys.path.insert(0, str(tmp))
    return importlib.import_module(package)


def load_extract(folder: Path, suffix: str, package: str = "_base") -> ModuleType:
    """extract.py of `folder` with its own actors.py and text.py, over the base package, as
    `{package}.extract{suffix}` (and actors{suffix}, text{suffix})."""
    own = {name: name + suffix for name in CHANGED}
    module = None
    for name in CHANGED:
        path = folder / f"{name}.py"
        module = ModuleType(f"{package}.{name}{suffix}")
        module.__file__ = str(path)
        sys.modules[module.__name__] = module  # its dataclasses look their module up
        code = _renamed(path.read_text("utf-8"), package, own)
        exec(compile(code, str(path), "exec"), module.__dict__)
    assert module is not None
    return module


def read(base: ModuleType, folders: Iterable[Path]) -> list[Any]:
    """The sources of the folders (recursively, with the base's readers), read once; files
    that cannot be read are left out."""
    sources = importlib.import_module(f"{base.__name__}.sources")
    found = []
    for folder in folders:
        for path in sorted(p for p in Path(folder).rglob("*") if p.is_file()):
            reader = sources.reader_for(path)
            if reader is not None:
                source, _ = sources.read_admitted(path, reader)
                if source is not None:
                    found.append(source)
    return found


class Mentions:
    """`find_dates` answered from memory: each text's mentions found once (by the base's
    find_dates), then returned at no cost to every caller, old and new alike."""

    def __init__(self, find_dates: Callable[..., Any]) -> None:
        self.find_dates = find_dates
        self.found: dict[tuple[str, Any, str], Any] = {}
        self.seconds = 0.0  # spent in the real find_dates
        self.bytes = 0

    def __call__(self, text: str, reference: Any = None, lang: str = "en") -> Any:
        key = (text, reference, lang)
        found = self.found.get(key)
        if found is None:
            started = time.perf_counter()
            found = self.found[key] = self.find_dates(text, reference, lang)
            self.seconds += time.perf_counter() - started
            self.bytes += len(text.encode("utf-8"))
        return found


def timed(extract_events: Callable[[Any], Any], sources: list[Any], loops: int) -> float:
    """CPU seconds of this process for `loops` passes (less disturbed than wall-clock time by
    other processes on a shared machine; the code timed is single-threaded and CPU-bound)."""
    gc.collect()
    started = time.process_time()
    for _ in range(loops):
        for source in sources:
            extract_events(source)
    return time.process_time() - started


def bench(name: str, sources: list[Any], old: ModuleType, new: ModuleType,
          repeat: int) -> None:
    size = sum(len(b.text.encode("utf-8")) for s in sources for b in s.blocks) / 1e6
    loops = max(1, round(2 / max(size, 1e-6)))  # a small set is passed over to 2 MB
    for source in sources:  # fill the memory of mentions (and warm both up)
        old.extract_events(source)
        new.extract_events(source)
    best = {old: float("inf"), new: float("inf")}
    for i in range(repeat):  # in turn, so that both see the same load of the machine
        for module in (old, new) if i % 2 else (new, old):
            best[module] = min(best[module], timed(module.extract_events, sources, loops) / loops)
    before, after = best[old], best[new]
    print(f"{name}: {len(sources)} sources, {size:.2f} MB of text; extract_events without "
          f"find_dates: before {before * 1e3:.1f} ms ({size / before:.2f} MB/s), after "
          f"{after * 1e3:.1f} ms ({size / after:.2f} MB/s), ratio {before / after:.2f}x",
          flush=True)


def check(base: ModuleType, folder: Path, old: ModuleType, new: ModuleType) -> bool:
    """Old and new extract_events agree on every source of `folder`, and so do the
    chronologies built with each."""
    pipeline = importlib.import_module(f"{base.__name__}.pipeline")
    sources = read(base, [folder])
    events = undated = 0
    same = True
    for source in sources:
        after = new.extract_events(source)
        if after != old.extract_events(source):
            same = False
            print(f"  DIFFERENT: {source.path}", flush=True)
        events += len(after[0])
        undated += len(after[1])
    chronologies = []
    kept = pipeline.extract_events
    for module in (old, new):
        pipeline.extract_events = module.extract_events  # what pipeline._extract calls
        chronologies.append(pipeline.load_chronology(folder))
    pipeline.extract_events = kept
    if chronologies[0] != chronologies[1]:
        same = False
        print(f"  DIFFERENT chronology of {folder}", flush=True)
    chronology = chronologies[1]
    print(f"{folder}: {len(sources)} sources, {events} events, {undated} undated items; "
          f"chronology: {len(chronology.events)} events, {len(chronology.undated)} undated, "
          f"{len(chronology.problems)} problems: {'identical' if same else 'DIFFERENT'}",
          flush=True)
    return same


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="folder of a generated corpus (default: "
                    "1,000 documents of benchmarks/corpus.py, seed 0, generated)")
    ap.add_argument("--before", type=Path, required=True,
                    help="a frozen copy of the earlier briefing package")
    ap.add_argument("--base", type=Path, help="the package of the other modules (default: "
                    "--before; `briefing` for the working tree's)")
    ap.add_argument("--repeat", type=int, default=5, help="passes; the best one counts")
    ap.add_argument("--check", type=Path, nargs="+", help="compare outputs on these folders")
    args = ap.parse_args()
    base = load_base(args.base or args.before)
    old = load_extract(args.before, "_old")
    new = load_extract(ROOT / "briefing", "_new")
    mentions = Mentions(importlib.import_module(f"{base.__name__}.dates").find_dates)
    old.find_dates = new.find_dates = mentions  # type: ignore[attr-defined]
    if args.check:
        results = [check(base, folder, old, new) for folder in args.check]
        sys.exit(0 if all(results) else 1)
    if args.corpus is None:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from corpus import write_corpus

        folder = tempfile.mkdtemp()
        atexit.register(shutil.rmtree, folder, True)
        args.corpus, _, _ = write_corpus(Path(folder) / "corpus", 1000, seed=0)
    for name, folders in (("generated corpus", [args.corpus]), ("real articles", REAL)):
        bench(name, read(base, folders), old, new, args.repeat)
    print(f"(find_dates itself, for scale: {mentions.bytes / 1e6:.2f} MB in "
          f"{mentions.seconds:.2f} s)")


if __name__ == "__main__":
    main()
