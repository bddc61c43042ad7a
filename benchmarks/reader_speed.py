"""Speed of the source readers (`briefing.sources.read_admitted`) against a frozen copy of the
readers as they were, per extension, and a check that both give identical results:

    .venv/bin/python benchmarks/reader_speed.py --before DIR/briefing [--repeat 5]
        [--corpus DIR] [--check DIR ...] [--tricky N]

(e.g. `git archive HEAD~1 briefing | tar -x -C DIR` for the copy). `--corpus`: the folder of
sources timed, by default 1,000 documents of benchmarks/corpus.py (seed 0), generated.

`--before` is a copy of the `briefing` package taken before the change; its `sources`
subpackage is imported as `briefing_before.sources` (imports of `briefing.sources` rewritten),
while both readers share the rest of the current package (model, dates): the Source and
Problem objects are then of the same classes, compared by dataclass equality, and the timing
isolates the readers from changes elsewhere (the date parser).

Timing: old and new read the same files in the same process, alternating, each figure the best
of `--repeat` passes, with the median of the passes' ratios beside (the machine is shared:
compare the ratios, not the seconds). Both read the files from disk at each pass, as
`read_admitted` does.

`--check DIR` compares old and new on every file under each DIR (recursively, any supported
type); `--tricky N` also on N generated Markdown/text files made to hit the readers' edge cases
(front matter variants, markup, control characters, encodings). Exits 1 on any difference.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing import sources as new_sources  # noqa: E402


def load_before(package: Path, into: Path) -> ModuleType:
    """The `sources` subpackage of the `briefing` copy at `package`, as briefing_before.sources."""
    target = into / "briefing_before"
    shutil.copytree(package / "sources", target / "sources",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (target / "__init__.py").write_text('"""The readers before the change."""\n')
    for path in (target / "sources").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"\bbriefing\.sources\b", "briefing_before.sources", text),
                        encoding="utf-8")
    sys.path.insert(0, str(into))
    import briefing_before.sources

    return briefing_before.sources


def read_all(module: ModuleType, paths: list[Path]) -> list[tuple[object, list[object]]]:
    """`read_admitted` on each path, as a pipeline worker does (reader from `admit`)."""
    results = []
    for path in paths:
        admitted = module.admit(path)
        if not hasattr(admitted, "read"):  # a Problem
            results.append((None, [admitted]))
            continue
        results.append(module.read_admitted(path, admitted))
    return results


def compare(old: ModuleType, paths: Iterable[Path]) -> tuple[int, list[str]]:
    """How many files were compared, and the names of those read differently."""
    count, differ = 0, []
    for path in paths:
        before, after = old.admit(path), new_sources.admit(path)
        if not hasattr(before, "read"):  # a Problem: no reader or not admitted
            same = before == after
        else:
            same = old.read_admitted(path, before) == new_sources.read_admitted(path, after)
        count += 1
        if not same:
            differ.append(str(path))
    return count, differ


def files_under(folder: Path) -> list[Path]:
    return sorted(Path(d, n) for d, _, names in os.walk(folder) for n in names)


def timed(old: ModuleType, groups: dict[str, list[Path]], repeat: int) -> None:
    print(f"{'files':<24}{'count':>6}{'MB':>6}{'before s':>10}{'after s':>9}{'ratio':>8}"
          f"{'median':>8}")
    for label, paths in groups.items():
        if not paths:
            continue
        mb = sum(p.stat().st_size for p in paths) / 1e6
        times: dict[str, list[float]] = {"old": [], "new": []}
        for _ in range(repeat):
            for name, module in (("old", old), ("new", new_sources)):
                start = time.perf_counter()
                read_all(module, paths)
                times[name].append(time.perf_counter() - start)
        best_old, best_new = min(times["old"]), min(times["new"])
        paired = statistics.median(o / n for o, n in zip(times["old"], times["new"], strict=True))
        print(f"{label:<24}{len(paths):>6}{mb:>6.2f}{best_old:>10.3f}{best_new:>9.3f}"
              f"{best_old / best_new:>7.2f}×{paired:>7.2f}×")
    print("ratio: of the best times; median: of the ratios of the passes (old then new)")


# --- generated tricky files -----------------------------------------------------------------

_WORDS = ("Paris", "talks", "the", "minister", "said", "Ukraine’s", "café", "2025", "8", "—",
          "“quoted”", "a:b", "x #y", "#tag", "'s", "O'Neil", "\"q\"", "[link](http://x.y/(a))",
          "**bold**", "_it_", "`code`", "<b>tag</b>", "&amp;", "&#12;", "&#x200b;", "\\*",
          "~~gone~~", "[^1]", "![img](a.png)", "<https://a.b>", "\u00a0", "\t", "  ", "é",
          "日本", "😀", "\x0c", "\x85", "\u2028", "\u200b", "\ufeff", "\x00", "\x1f", "-", "|",
          "Published 8 January 2025", "PARIS, 8 January 2025 —", "8 March", "yesterday")
_LINE_STARTS = ("", "", "", "", "# ", "## ", "### x ", "#", "####### ", "  # ", "    # ",
                "> ", ">> ", "> > ", "- ", "* ", "+ ", "• ", "1. ", "12) ", "1234. ", "٣. ",
                "---", "***", "___", "- - -", "===", "--", "```", "~~~", "````", "<!-- ",
                "-->", "[a]: http://x", "| a | b |", "|---|---|", "\t", " ", "   ", "\u00a0",
                "\u3000", "Published ", "Updated: ")
_KEYS = ("title", "date", "published", "pubdate", "date_published", "publisher", "url",
         "lang", "language", "author", "tags", "true", "null", "1", "y", "on", "Title", "x-y",
         "_k", "a b", "key:", "é")
_VALUES = ("Talks in Paris", "\"Quoted: with colon\"", "'single ''quoted'''", "\"esc \\\" q\"",
           "2025-01-08", "2025-02-30", "2025-1-8", "2025-01-08T10:30:00", "2025-01-08 10:30",
           "2025-01", "2025", "8 January 2025", "Wednesday, 8 January 2025", "08/01/2025",
           "yes", "no", "true", "False", "~", "null", "", " ", "42", "0x1F", "1:30", "3.5",
           ".inf", "[a, b]", "{a: 1}", "- item", "a: b", "a #comment", "a#b", "#c", "http://x.y",
           "en-GB", "fr", "unknown", "n/a", "&anchor x", "*alias", "!tag x", "|", ">", "%x",
           "@x", "`x`", "é café", "日本語", "😀 emoji", "\u00a0nbsp", "tab\there", "trail   ",
           "\"unclosed", "'unclosed", "\"a\" b", "x\u2028y", "?", "? x", "-", "-x", ":x", "<<",
           "=", "a,b", "[x", "x]", "{", "x}")


def tricky_text(rng: random.Random) -> str:
    lines = []
    tidy = rng.random() < 0.4  # "key: value" front matter, as people write it
    if tidy:
        lines.append(rng.choice(("---", "---", "----", "--- ")))
        for _ in range(rng.randint(1, 6)):
            value = rng.choice(_VALUES[:14] if rng.random() < 0.85 else _VALUES)
            lines.append(rng.choice(_KEYS[:10]) + rng.choice((": ", ": ", ":  "))
                         + value + rng.choice(("", "", "", " ")))
        lines.append(rng.choice(("---", "---", "---", "...", "-----")))
    elif rng.random() < 0.6:
        lines.append(rng.choice(("---", "---", "---", "----", "--- ", "---\t", "...", "+++")))
        for _ in range(rng.randint(0, 6)):
            kind = rng.random()
            if kind < 0.7:
                sep = rng.choice((": ", ": ", ": ", ":  ", ":", " : ", ":\t"))
                lines.append(rng.choice(("", "", "", " ", "  ")) + rng.choice(_KEYS) + sep
                             + rng.choice(_VALUES) + rng.choice(("", "", "", " ", "\t", "  #c")))
            elif kind < 0.8:
                lines.append(rng.choice(("", " ", "# comment", "  - a", "- a", "  more")))
            else:
                lines.append(rng.choice(_KEYS) + ":")
        if rng.random() < 0.9:
            lines.append(rng.choice(("---", "---", "...", "-----", "--- ", "---x")))
    for _ in range(rng.randint(1, 25)):
        words = rng.choices(_WORDS, k=rng.randint(0, 14))
        lines.append(rng.choice(_LINE_STARTS) + " ".join(words)
                     + rng.choice(("", "", ".", ".", ":", ",", " ", "  #", " --", "\t")))
    newline = rng.choice(("\n", "\n", "\n", "\r\n", "\r", "\n\n"))
    if tidy and newline == "\r":
        newline = "\n"
    return newline.join(lines) + rng.choice(("", "\n", "\r\n", "\n\n"))


def write_tricky(folder: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    paths = []
    for index in range(count):
        text = tricky_text(rng)
        extension = rng.choice((".md", ".md", ".txt", ".markdown", ".text", ".html"))
        encoding = rng.choice(("utf-8", "utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16",
                               "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1"))
        data = text.encode(encoding, errors="replace")
        if rng.random() < 0.03:
            data = data[: rng.randint(0, len(data))]  # cut mid-character
        if rng.random() < 0.02:
            data = rng.randbytes(rng.randint(1, 400))  # not text at all
        path = folder / f"t{index:05}{extension}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--check", type=Path, nargs="*", default=[])
    parser.add_argument("--tricky", type=int, default=0)
    parser.add_argument("--no-timing", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    import logging

    logging.disable(logging.CRITICAL)  # read_failure logs reader bugs: counted, not shown

    with tempfile.TemporaryDirectory() as tmp:
        old = load_before(args.before, Path(tmp))
        if not args.no_timing:
            if args.corpus is None:
                sys.path.insert(0, str(ROOT / "benchmarks"))
                from corpus import write_corpus

                args.corpus, _, _ = write_corpus(Path(tmp, "corpus"), 1000, seed=0)
            corpus = files_under(args.corpus)
            real = [p for p in files_under(ROOT / "tests" / "data" / "articles")
                    + files_under(ROOT / "sources") if p.suffix in (".md", ".txt", ".html")]
            groups = {f"corpus {ext}": [p for p in corpus if p.suffix == ext]
                      for ext in (".md", ".txt", ".html")}
            groups["corpus .md+.txt"] = groups["corpus .md"] + groups["corpus .txt"]
            groups["real articles (x20)"] = real * 20
            timed(old, groups, args.repeat)
        failures = 0
        checks = [(str(folder), files_under(folder)) for folder in args.check]
        if args.tricky:
            folder = Path(tmp, "tricky")
            folder.mkdir()
            checks.append((f"{args.tricky} generated tricky files", write_tricky(folder,
                                                                              args.tricky)))
        for label, paths in checks:
            count, differ = compare(old, paths)
            failures += len(differ)
            print(f"identity: {count - len(differ)}/{count} files read the same in {label}")
            for name in differ[:10]:
                print("  differs:", name)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
