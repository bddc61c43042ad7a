"""Throughput of `briefing.dates.find_dates` on the texts extraction gives it, before and after.

Run: .venv/bin/python benchmarks/find_dates_speed.py [--corpus DIR] [--docs N] [--before FILE]
     [--repeat N] [--save FILE] [--texts FILE]

The texts are the (block text, reference, lang) that `briefing.extract.extract_events` passes
to `find_dates` while `briefing.pipeline.load_chronology` reads a folder: the paragraphs of a
generated corpus (`benchmarks/corpus.py`, written to --corpus when it is not there yet) and of
the real articles (tests/data/articles, sources). `--save` pickles them, `--texts` reads such a
pickle instead of collecting them again.

`--before` names a frozen copy of an earlier briefing/dates.py: it is imported under another
module name and timed in the same process, the two in turn, text set by text set, so that the
ratio compares two runs on the same machine at the same time (the machine is shared: compare
ratios, not MB/s, and repeat). Each figure is the best of --repeat passes over the texts (a
set smaller than 1 MB is passed over several times in one).
"""

from __future__ import annotations

import argparse
import importlib.util
import pickle
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

Call = tuple[str, Any, str]
"""(text, reference, lang) of one call of `find_dates`."""


def collect(folder: Path) -> list[Call]:
    """The calls of `find_dates` made while the chronology of `folder` is built."""
    import briefing.extract as extract
    from briefing.pipeline import load_chronology

    calls: list[Call] = []
    find_dates = extract.find_dates

    def recorder(text: str, reference: Any, lang: str = "en", **kw: Any) -> Any:
        calls.append((text, reference, lang))
        return find_dates(text, reference, lang, **kw)

    extract.find_dates = recorder  # type: ignore[assignment]
    try:
        load_chronology(folder)
    finally:
        extract.find_dates = find_dates  # type: ignore[assignment]
    return calls


def texts(corpus: Path, docs: int) -> dict[str, list[Call]]:
    if not (corpus / "sources").is_dir():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), str(corpus),
                        "--docs", str(docs)], check=True, stdout=subprocess.DEVNULL)
    real: list[Call] = []
    for folder in (ROOT / "tests" / "data" / "articles", ROOT / "sources"):
        if folder.is_dir():
            real += collect(folder)
    return {"generated corpus": collect(corpus / "sources"), "real articles": real}


def load_module(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def timed(find_dates: Callable[..., Any], calls: list[Call], loops: int) -> float:
    """Seconds to pass `loops` times over `calls`."""
    started = time.perf_counter()
    for _ in range(loops):
        for text, reference, lang in calls:
            find_dates(text, reference, lang)
    return time.perf_counter() - started


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=Path("/tmp/find_dates_speed"),
                    help="folder of the generated corpus (written when missing)")
    ap.add_argument("--docs", type=int, default=1000, help="documents of a new generated corpus")
    ap.add_argument("--before", type=Path, help="a frozen copy of an earlier briefing/dates.py")
    ap.add_argument("--repeat", type=int, default=5, help="passes; the best one counts")
    ap.add_argument("--save", type=Path, help="pickle the collected texts there")
    ap.add_argument("--texts", type=Path, help="read the texts from such a pickle")
    args = ap.parse_args()
    if args.texts:
        sets: dict[str, list[Call]] = pickle.loads(args.texts.read_bytes())
    else:
        sets = texts(args.corpus, args.docs)
    if args.save:
        args.save.write_bytes(pickle.dumps(sets))
    from briefing.dates import find_dates

    before = load_module(args.before, "dates_before").find_dates if args.before else None
    for name, calls in sets.items():
        size = sum(len(text.encode("utf-8")) for text, _, _ in calls) / 1e6
        loops = max(1, round(1 / max(size, 1e-6)))  # a small set is passed over to 1 MB
        mb = size * loops
        after = old = float("inf")
        for _ in range(args.repeat):  # in turn, so that both see the same load of the machine
            after = min(after, timed(find_dates, calls, loops))
            if before is not None:
                old = min(old, timed(before, calls, loops))
        line = f"{name}: {len(calls)} texts, {size:.2f} MB: after {mb / after:.2f} MB/s"
        if before is not None:
            line += f", before {mb / old:.2f} MB/s, ratio {old / after:.2f}x"
        print(line, flush=True)


if __name__ == "__main__":
    main()
