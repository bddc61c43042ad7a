"""HTML reader: the article's text as blocks, its metadata from meta tags."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from briefing.sources.base import Reader, build_source, decode_bytes, register
from briefing.sources.plaintext import parse_text

if TYPE_CHECKING:
    from pathlib import Path

    from briefing.model import Source

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_LOOKS_LIKE_HTML = re.compile(r"<\s*/?\s*[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?\s*>|<!--")


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    return match[1].decode("ascii") if match else None


@register
class HtmlReader(Reader):
    """HTML pages: boilerplate dropped; the article (else main, else body) read as blocks."""

    file_extensions = (".html", ".htm", ".xhtml")

    def parse(self, data: bytes, path: Path) -> Source:
        text = decode_bytes(data, declared=_declared_charset(data))
        if not _LOOKS_LIKE_HTML.search(text):
            return build_source(path, title=None, blocks=parse_text(text, markdown=False).blocks)

        from briefing.sources.htmltree import page_source  # lxml only when a page is read

        return page_source(text, path)
