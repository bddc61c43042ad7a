"""Pages per second and MB/s of the HTML reader (briefing/sources/htmltree.py) against the
BeautifulSoup reader it replaced (tests/html_reference.py), on the HTML pages of the generated
news corpus:

    .venv/bin/python benchmarks/html_reader.py [--docs 1000] [--repeat 3]

Both read the same decoded text (`page_source`); the outputs must be identical. Each figure is
the best of R runs, from one run of this script (the machine is shared: compare the ratio, not
the seconds). The last line is the whole reader, decoding the bytes included.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import generate  # noqa: E402
from extraction import best  # noqa: E402

from briefing.sources.base import decode_bytes  # noqa: E402
from briefing.sources.htmlpage import HtmlReader, _declared_charset  # noqa: E402
from briefing.sources.htmltree import page_source  # noqa: E402
from tests.html_reference import page_source as reference_source  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=1000, help="corpus documents (15%% HTML)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # bs4's warnings about odd markup

    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), args.docs)
        paths = sorted(Path(tmp).glob("*.html"))
        pages = [(path, path.read_bytes()) for path in paths]
    texts = [(path, decode_bytes(data, _declared_charset(data))) for path, data in pages]
    mb = sum(len(data) for _, data in pages) / 1e6

    def read_with(reader: Callable[..., object]) -> Callable[[], list[object]]:
        return lambda: [reader(text, path) for path, text in texts]

    old, old_sources = best(read_with(reference_source), args.repeat)
    new, new_sources = best(read_with(page_source), args.repeat)
    assert new_sources == old_sources, "the reader's output differs from the reference"
    whole, _ = best(lambda: [HtmlReader().parse(data, path) for path, data in pages],
                    args.repeat)

    count = len(pages)
    print(f"{count} HTML pages, {mb:.2f} MB (best of {args.repeat})")
    for name, seconds in (("bs4 (reference)", old), ("htmltree", new)):
        print(f"{name:<18} {count / seconds:8.0f} pages/s {mb / seconds:7.2f} MB/s "
              f"{seconds / count * 1e3:6.2f} ms/page")
    print(f"htmltree vs bs4: ×{old / new:.1f}, identical output")
    print(f"HtmlReader.parse   {count / whole:8.0f} pages/s {mb / whole:7.2f} MB/s "
          "(decoding included)")


if __name__ == "__main__":
    main()
