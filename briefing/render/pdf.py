"""HTML -> PDF with weasyprint; nothing is fetched but the template folders' own assets."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlparse

if TYPE_CHECKING:
    from weasyprint.document import Document

log = logging.getLogger(__name__)


def _fetcher(allowed_dirs: Sequence[Path]):
    """A weasyprint URL fetcher that serves `data:` URLs and files inside `allowed_dirs` only.

    Everything else (http, https, ftp, file outside the template folders) is refused and
    logged, whatever a source or template asks for.
    """
    from weasyprint.urls import URLFetcher  # imported lazily: weasyprint is slow to import

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
