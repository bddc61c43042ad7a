"""The BeautifulSoup HTML reader (once `briefing/sources/htmlsoup.py`), kept verbatim as the
reference that `briefing/sources/htmltree.py` must match (tests/test_html_reader.py,
benchmarks/html_reader.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from bs4.element import CData, Declaration, Doctype, ProcessingInstruction

from briefing.sources.base import (
    build_source,
    language_tag,
    make_blocks,
    normalize_space,
    text_or_none,
)
from briefing.sources.dates_meta import parse_metadata_date

if TYPE_CHECKING:
    from pathlib import Path

    from briefing.model import DateValue, Source

_DROPPED = (
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "template", "button", "select", "dialog", "object", "embed", "canvas", "audio", "video",
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements whose text is one block, unless they hold other blocks (a <li> with <p>s inside).
_LEAF_BLOCKS = frozenset({
    *_HEADINGS, "p", "li", "blockquote", "pre", "dt", "dd", "figcaption", "caption", "td", "th",
    "address", "summary", "legend",
})
# Elements that break a run of stray text but are not blocks themselves.
_CONTAINERS = frozenset({
    "html", "body", "main", "article", "section", "div", "ul", "ol", "dl", "table", "thead",
    "tbody", "tfoot", "tr", "figure", "details", "fieldset", "center", "hgroup", "header",
    "footer", "menu", "hr", "br",
})
_BLOCK_NAMES = _LEAF_BLOCKS | (_CONTAINERS - {"br"})
_SKIPPED_STRINGS = (Comment, CData, Declaration, Doctype, ProcessingInstruction)
_DATE_METAS = (
    ("property", "article:published_time"),
    ("name", "date"),
    ("name", "dc.date"),
    ("name", "dc.date.issued"),
    ("name", "dcterms.date"),
    ("name", "dcterms.issued"),
)
_EXTRA_METAS = {
    "author": ("name", "author"),
    "description": ("name", "description"),
    "keywords": ("name", "keywords"),
    "modified": ("property", "article:modified_time"),
    "section": ("property", "article:section"),
}


def _meta(soup: BeautifulSoup, attribute: str, value: str) -> str | None:
    """The content of the first ``<meta {attribute}="{value}">`` (case-insensitive name)."""
    for tag in soup.find_all("meta"):
        if str(tag.get(attribute, "")).strip().lower() == value and tag.get("content"):
            return str(tag["content"]).strip()
    return None


def _text_of(element: Tag) -> str:
    """The text of an element, ``<br>`` read as a space, comments skipped."""
    parts: list[str] = []
    for node in element.descendants:
        if isinstance(node, NavigableString) and not isinstance(node, _SKIPPED_STRINGS):
            parts.append(str(node))
        elif isinstance(node, Tag) and node.name == "br":
            parts.append(" ")
    return "".join(parts)


def _holds_blocks(element: Tag) -> bool:
    return element.find(_BLOCK_NAMES) is not None


def _walk(element: Tag, items: list[tuple[str, bool]]) -> None:
    stray: list[str] = []

    def flush() -> None:
        if stray:
            items.append(("".join(stray), False))
            stray.clear()

    for child in element.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, _SKIPPED_STRINGS):
                stray.append(str(child))
        elif isinstance(child, Tag):
            if child.name in _LEAF_BLOCKS and not (
                child.name not in _HEADINGS and _holds_blocks(child)
            ):
                flush()
                items.append((_text_of(child), child.name in _HEADINGS))
            elif child.name in _CONTAINERS or _holds_blocks(child):
                flush()
                _walk(child, items)
            else:  # inline element: part of the stray text around it
                stray.append(_text_of(child))
    flush()


def _remove_boilerplate(root: Tag) -> None:
    for element in root.find_all(_DROPPED):
        if element.decomposed:
            continue
        # An <article>'s own <header> holds its headline and byline, not site navigation.
        if element.name == "header" and element.find_parent("article") is not None:
            continue
        element.decompose()
    for element in root.find_all(attrs={"role": re.compile(r"^\s*navigation\s*$", re.I)}):
        if not element.decomposed:
            element.decompose()
    for element in root.find_all(attrs={"hidden": True}):
        if not element.decomposed:
            element.decompose()


def _find_date(soup: BeautifulSoup, article: Tag | None) -> tuple[DateValue | None, str | None]:
    """The page's publication date, and the raw value of a date that could not be read."""
    invalid: str | None = None
    candidates = [_meta(soup, attribute, value) for attribute, value in _DATE_METAS]
    for element in soup.find_all(attrs={"itemprop": "datePublished"}):
        candidates.append(
            element.get("content") or element.get("datetime") or element.get_text(" ", strip=True)
        )
    scope = article if article is not None else soup
    for element in scope.find_all("time", attrs={"datetime": True}):
        candidates.append(element.get("datetime"))
    for raw in candidates:
        if not raw:
            continue
        value = parse_metadata_date(str(raw))
        if value is not None:
            return value, None
        invalid = invalid or str(raw)
    return None, invalid


def _find_title(soup: BeautifulSoup, site_name: str | None) -> str | None:
    title = text_or_none(_meta(soup, "property", "og:title"))
    if title:
        return title
    if soup.title is not None:
        title = text_or_none(soup.title.get_text())
        if title and site_name:
            for separator in (" | ", " - ", " – ", " — ", " :: "):
                if title.endswith(separator + site_name):
                    return title[: -len(separator + site_name)]
        if title:
            return title
    h1 = soup.find("h1")
    return text_or_none(h1.get_text(" ")) if h1 is not None else None


def _canonical_url(soup: BeautifulSoup) -> str | None:
    for link in soup.find_all("link", href=True):
        rel = link.get("rel") or []
        rels = rel if isinstance(rel, list) else str(rel).split()
        if "canonical" in (r.lower() for r in rels):
            return text_or_none(link["href"])
    return text_or_none(_meta(soup, "property", "og:url"))


def page_source(text: str, path: Path) -> Source:
    """The source of an HTML page (decoded `text`): boilerplate dropped; the article (else
    main, else body) read as blocks; title, date, publisher, URL and language from its tags."""
    soup = BeautifulSoup(text, "lxml")
    articles = soup.find_all("article")
    article = max(articles, key=lambda a: len(a.get_text()), default=None)
    site_name = text_or_none(_meta(soup, "property", "og:site_name"))
    reference, invalid = _find_date(soup, article)
    title = _find_title(soup, site_name)
    metadata: dict[str, Any] = {}
    for key, (attribute, value) in _EXTRA_METAS.items():
        found = _meta(soup, attribute, value)
        if found:
            metadata[key] = normalize_space(found)
    if invalid is not None and reference is None:
        metadata["date_invalid"] = invalid
    html_tag = soup.find("html")
    lang = language_tag(html_tag.get("lang") if html_tag is not None else None)

    _remove_boilerplate(soup)
    items: list[tuple[str, bool]] = []
    for root in (soup.find("article"), soup.find("main"), soup.body):
        if root is None:
            continue
        if root.name == "article":  # the longest article, now cleaned
            root = max(soup.find_all("article"), key=lambda a: len(a.get_text()))
        _walk(root, items)
        if any(text.strip() for text, _ in items):
            break
        items = []
    return build_source(
        path,
        title=title,
        blocks=make_blocks(items),
        reference=reference,
        publisher=site_name or text_or_none(_meta(soup, "name", "publisher")),
        url=_canonical_url(soup),
        lang=lang,
        metadata=metadata,
    )
