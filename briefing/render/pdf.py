"""HTML -> PDF with weasyprint; nothing is fetched but the template folders' own assets."""

from __future__ import annotations

import contextlib
import io
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

if TYPE_CHECKING:
    from weasyprint.document import Document

log = logging.getLogger(__name__)


def import_weasyprint() -> None:
    """Import weasyprint, about a third faster than a plain import on Linux.

    Its import opens its C libraries (GObject, Pango, HarfBuzz, Fontconfig) with cffi, trying
    several names for each ("libgobject-2.0-0", "gobject-2.0-0", "gobject-2.0" …): 22 calls
    of ctypes.util.find_library, which reads `ldconfig -p` for each name and, for every name
    not found there, runs gcc and ld as well (0.15 s of a 0.4 s import on the development
    machine). While weasyprint is imported the first time, a name is looked up in the dynamic
    linker's cache only: where gcc or ld could find a library that cache does not know
    (LD_LIBRARY_PATH or LIBRARY_PATH set), or where that lookup is not available, the import
    is the plain one; and if weasyprint cannot load its libraries that way, it is imported
    again the plain way (its complaint about missing libraries is then its own)."""
    if "weasyprint" in sys.modules:
        return
    with _libraries_from_linker_cache() as fast:
        if fast:
            try:
                with contextlib.redirect_stdout(io.StringIO()):  # where it prints failures
                    import weasyprint
                return
            except OSError:  # a library the linker's cache does not know: the plain way
                for name in [m for m in sys.modules if m.partition(".")[0] == "weasyprint"]:
                    del sys.modules[name]
    import weasyprint  # noqa: F401


@contextlib.contextmanager
def _libraries_from_linker_cache() -> Iterator[bool]:
    """ctypes.util.find_library answering from `ldconfig -p` alone, when that is equivalent
    (see import_weasyprint); yields whether it does."""
    import ctypes.util

    from_cache = getattr(ctypes.util, "_findSoname_ldconfig", None)
    if (sys.platform != "linux" or from_cache is None
            or os.environ.get("LD_LIBRARY_PATH") or os.environ.get("LIBRARY_PATH")):
        yield False
        return
    find_library = ctypes.util.find_library
    ctypes.util.find_library = from_cache
    try:
        yield True
    finally:
        ctypes.util.find_library = find_library


def _fetcher(allowed_dirs: Sequence[Path]):
    """A weasyprint URL fetcher that serves `data:` URLs and files inside `allowed_dirs` only.

    Everything else (http, https, ftp, file outside the template folders) is refused and
    logged, whatever a source or template asks for.
    """
    import_weasyprint()  # imported lazily: weasyprint is slow to import
    from weasyprint.urls import URLFetcher

    roots = [Path(d).resolve() for d in allowed_dirs]

    class TemplateAssetFetcher(URLFetcher):
        def fetch(self, url: str, headers=None):  # type: ignore[no-untyped-def]
            parsed = urlparse(url)
            if parsed.scheme == "data":
                return super().fetch(url, headers)
            if parsed.scheme == "file":
                path = Path(unquote(parsed.path)).resolve()
                if any(path.is_relative_to(root) for root in roots) and path.is_file():
                    return super().fetch(url, headers)
            log.warning("refused to fetch %s while rendering (only template assets allowed)",
                        url[:200])
            raise ValueError(f"briefing does not fetch {url[:200]}")

    return TemplateAssetFetcher(allowed_protocols=("data", "file"), allow_redirects=False)


def layout(html: str, allowed_dirs: Sequence[Path], stylesheets: Sequence[str] = ()
           ) -> Document:
    """Lay out an HTML document; the result knows its pages and writes the PDF.

    `stylesheets` are CSS texts added as user stylesheets (our own, never a source's: the
    chunked timeline leaves its parts' page margins empty, and numbers its margins documents).
    """
    import_weasyprint()
    from weasyprint import CSS, HTML

    base = Path(allowed_dirs[0]).resolve() if allowed_dirs else None
    fetcher = _fetcher(allowed_dirs)
    return HTML(
        string=html,
        base_url=str(base) + "/" if base else None,
        url_fetcher=fetcher,
    ).render(stylesheets=[CSS(string=css, url_fetcher=fetcher) for css in stylesheets])


PDF_VARIANT = "pdf/ua-1"
"""Tagged, accessible PDF (PDF/UA-1): structure tree, document language, title shown."""


def write_pdf(document: Document) -> bytes:
    """PDF bytes of a laid-out document: tagged (PDF/UA-1), fonts embedded as subsets.

    Metadata (title, author, subject, keywords, dates) comes from the HTML head; its
    `dcterms.created`/`dcterms.modified` dates keep the variant's XMP metadata from stamping the
    current time, and SOURCE_DATE_EPOCH fixes the fonts' subset stamps, so the same inputs give
    the same bytes.
    """
    return document.write_pdf(pdf_variant=PDF_VARIANT)
