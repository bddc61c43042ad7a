"""The part of the HTML reader that parses the page: imported only when a page is read, so that
commands which read no HTML start without lxml.

lxml's HTML parser (libxml2) hands its events to an ElementTree builder, as it handed them to
BeautifulSoup, on which the reader was built before (tests/html_reference.py, compared with
this one in tests/test_html_reader.py): the tree is the one bs4 built. lxml's own tree is not:
it drops a DOCTYPE met inside the page (bs4 kept it, parting the text around it), stops at a
depth of 256 elements or a text of 10 MB, and takes a time quadratic in the number of
attributes of a tag. bs4's ways of reading the tree are kept too: a string of ASCII whitespace
only reads as one space, and ``get_text()`` leaves out what is inside ``<script>``,
``<style>``, ``<template>``, ``<rt>`` and ``<rp>``.
"""

from __future__ import annotations

import re
from itertools import islice
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import Element, TreeBuilder

from lxml import etree

from briefing.sources.base import (
    build_source,
    make_blocks,
    normalize_space,
    primary_language,
    text_or_none,
)
from briefing.sources.dates_meta import parse_metadata_date

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping
    from pathlib import Path

    from briefing.model import DateValue, Source

_DROPPED = frozenset({
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "template", "button", "select", "dialog", "object", "embed", "canvas", "audio", "video",
})
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
# Elements whose strings get_text() reads only from the element itself (bs4's string containers).
_STRING_CONTAINERS = ("script", "style", "template", "rt", "rp")
_WHITESPACE_KEPT = ("pre", "textarea")
_ASCII_SPACES = " \n\t\f\r"
_BREAK = "br"  # the container _strings() gives the space a <br> reads as
_PAGE = "briefing-page"  # the element that holds the whole document
_EMPTIED = "briefing-dropped"  # what a boilerplate element becomes: found by no lookup
_NAVIGATION_ROLE = re.compile(r"^\s*navigation\s*$", re.I)
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


class _PageBuilder(TreeBuilder):
    """Parser target: the page as one element, built from the parser's events as bs4 built its
    tree from them. Comments, processing instructions and DOCTYPEs become empty comments."""

    def __init__(self) -> None:
        super().__init__(insert_comments=True)
        super().start(_PAGE, {})

    def start(self, tag: str, attrib: Mapping[str, str]) -> Element:
        attributes = dict(attrib)
        if "{" in "".join(attributes):
            attributes = {_attribute_name(name): value for name, value in attributes.items()}
        return super().start(tag, attributes)

    def comment(self, text: str | None) -> Element:
        return super().comment(None)

    def pi(self, target: str, text: str | None = None) -> Element:
        return self.comment(None)

    def doctype(self, name: str | None, pubid: str | None, system: str | None) -> None:
        self.comment(None)

    def close(self) -> Element:
        self.end(_PAGE)
        return super().close()


def _attribute_name(name: str) -> str:
    """The name bs4 gave an attribute: lxml's notation "{namespace}name" read as name (bs4
    named it "None" when empty: a name never looked up either way)."""
    if name.startswith("{") and "}" in name:
        return name.split("}", 1)[1]
    return name


def _parse(text: str) -> tuple[Element, dict[Element, Element]]:
    """The page, its strings of ASCII whitespace collapsed, and the parent of each element."""
    parser = etree.HTMLParser(target=_PageBuilder())
    parser.feed(text.removeprefix("\ufeff"))  # as bs4 does
    page = parser.close()
    _collapse_blank_strings(page)
    return page, {child: parent for parent in page.iter() for child in parent}


def _collapse_blank_strings(page: Element) -> None:
    """A string of ASCII whitespace only, outside ``<pre>`` and ``<textarea>``, becomes one
    space (bs4 keeps a newline instead of a space: the same once read)."""
    kept = {e for name in _WHITESPACE_KEPT for keeper in page.iter(name) for e in keeper.iter()}
    for parent in page.iter():
        if parent in kept:
            continue
        if parent.text is not None and not parent.text.strip(_ASCII_SPACES):
            parent.text = " "
        for child in parent:
            if child.tail is not None and not child.tail.strip(_ASCII_SPACES):
                child.tail = " "


def _ancestors(element: Element, parents: dict[Element, Element]) -> Iterator[Element]:
    parent = parents.get(element)
    while parent is not None:
        yield parent
        parent = parents.get(parent)


def _metas(page: Element) -> dict[tuple[str, str], str]:
    """{(attribute, value): content} of the first ``<meta>`` with a content for each
    ``property`` and ``name`` value, lower case."""
    found: dict[tuple[str, str], str] = {}
    for tag in page.iter("meta"):
        content = tag.get("content")
        if not content:
            continue
        for attribute in ("property", "name"):
            found.setdefault((attribute, tag.get(attribute, "").strip().lower()), content.strip())
    return found


def _get_text(
    element: Element, parents: dict[Element, Element], separator: str = "", strip: bool = False
) -> str:
    """The text of an element as BeautifulSoup's ``get_text()`` gives it."""
    inside = next((a.tag for a in _ancestors(element, parents) if a.tag in _STRING_CONTAINERS),
                  None)
    strings: Iterable[str]
    if inside is None and all(next(element.iter(n), None) is None for n in _STRING_CONTAINERS):
        strings = element.itertext()
    else:
        wanted = element.tag if element.tag in _STRING_CONTAINERS else None
        strings = (text for text, container in _strings(element, inside) if container == wanted)
    if strip:
        return separator.join(s for s in (string.strip() for string in strings) if s)
    return separator.join(strings)


def _strings(element: Element, inside: str | None) -> Iterator[tuple[str, str | None]]:
    """The strings below `element`, in order, each with its closest string container (`inside`
    for those of the element itself); a ``<br>`` gives a space in container `_BREAK`."""
    inside = element.tag if element.tag in _STRING_CONTAINERS else inside
    if element.text:
        yield element.text, inside
    stack: list[tuple[Iterator[Element], str | None, str | None]] = [(iter(element), inside, None)]
    while stack:
        children, inside, tail = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if tail:
                yield tail, stack[-1][1]
            continue
        if not isinstance(child.tag, str):  # an empty comment: its tail only
            if child.tail:
                yield child.tail, inside
            continue
        if child.tag == "br":
            yield " ", _BREAK
        container = child.tag if child.tag in _STRING_CONTAINERS else inside
        if child.text:
            yield child.text, container
        stack.append((iter(child), container, child.tail))


def _text_of(element: Element) -> str:
    """The text of an element, ``<br>`` read as a space, comments skipped."""
    if next(element.iter("br"), None) is None:
        return "".join(element.itertext())
    return "".join(text for text, _ in _strings(element, None))


def _holds_blocks(element: Element) -> bool:
    return any(d.tag in _BLOCK_NAMES for d in islice(element.iter(), 1, None))


def _walk(element: Element, items: list[tuple[str, bool]]) -> None:
    stray: list[str] = [element.text] if element.text else []

    def flush() -> None:
        if stray:
            items.append(("".join(stray), False))
            stray.clear()

    for child in element:
        name = child.tag
        if not isinstance(name, str):  # an empty comment: its tail only
            pass
        elif name in _LEAF_BLOCKS and not (name not in _HEADINGS and _holds_blocks(child)):
            flush()
            items.append((_text_of(child), name in _HEADINGS))
        elif name in _CONTAINERS or _holds_blocks(child):
            flush()
            _walk(child, items)
        else:  # inline element: part of the stray text around it
            stray.append(_text_of(child))
        if child.tail:
            stray.append(child.tail)
    flush()


def _is_boilerplate(element: Element, parents: dict[Element, Element]) -> bool:
    if element.get("hidden") is not None or _NAVIGATION_ROLE.search(element.get("role", "")):
        return True
    # An <article>'s own <header> holds its headline and byline, not site navigation.
    return element.tag in _DROPPED and not (
        element.tag == "header" and any(a.tag == "article" for a in _ancestors(element, parents))
    )


def _remove_boilerplate(page: Element, parents: dict[Element, Element]) -> None:
    """Empty and rename each boilerplate element, its tail left in place."""
    for element in [e for e in page.iter() if _is_boilerplate(e, parents)]:
        tail = element.tail
        element.clear()
        element.tail, element.tag = tail, _EMPTIED


def _find_date(
    page: Element, parents: dict[Element, Element], metas: dict[tuple[str, str], str],
    article: Element | None,
) -> tuple[DateValue | None, str | None]:
    """The page's publication date, and the raw value of a date that could not be read."""
    invalid: str | None = None
    candidates = [metas.get(key) for key in _DATE_METAS]
    candidates += [
        e.get("content") or e.get("datetime") or _get_text(e, parents, " ", strip=True)
        for e in page.iter() if e.get("itemprop") == "datePublished"
    ]
    scope = article if article is not None else page
    candidates += [e.get("datetime") for e in scope.iter("time")]
    for raw in candidates:
        if not raw:
            continue
        value = parse_metadata_date(raw)
        if value is not None:
            return value, None
        invalid = invalid or raw
    return None, invalid


def _find_title(
    page: Element, parents: dict[Element, Element], metas: dict[tuple[str, str], str],
    site_name: str | None,
) -> str | None:
    title = text_or_none(metas.get(("property", "og:title")))
    if title:
        return title
    title_tag = next(page.iter("title"), None)
    if title_tag is not None:
        title = text_or_none(_get_text(title_tag, parents))
        if title and site_name:
            for separator in (" | ", " - ", " – ", " — ", " :: "):
                if title.endswith(separator + site_name):
                    return title[: -len(separator + site_name)]
        if title:
            return title
    h1 = next(page.iter("h1"), None)
    return text_or_none(_get_text(h1, parents, " ")) if h1 is not None else None


def _canonical_url(page: Element, metas: dict[tuple[str, str], str]) -> str | None:
    for link in page.iter("link"):
        href = link.get("href")
        if href is not None and "canonical" in (r.lower() for r in link.get("rel", "").split()):
            return text_or_none(href)
    return text_or_none(metas.get(("property", "og:url")))


def _longest_article(page: Element, parents: dict[Element, Element]) -> Element | None:
    return max(page.iter("article"), key=lambda a: len(_get_text(a, parents)), default=None)


def _read_blocks(page: Element, parents: dict[Element, Element]) -> list[tuple[str, bool]]:
    """The (text, heading) items of the longest article, else of main, else of body."""
    for candidate in (_longest_article(page, parents), next(page.iter("main"), None),
                      next(page.iter("body"), None)):
        if candidate is None:
            continue
        items: list[tuple[str, bool]] = []
        _walk(candidate, items)
        if any(text.strip() for text, _ in items):
            return items
    return []


def page_source(text: str, path: Path) -> Source:
    """The source of an HTML page (decoded `text`): boilerplate dropped; the article (else
    main, else body) read as blocks; title, date, publisher, URL and language from its tags."""
    page, parents = _parse(text)
    metas = _metas(page)
    site_name = text_or_none(metas.get(("property", "og:site_name")))
    reference, invalid = _find_date(page, parents, metas, _longest_article(page, parents))
    title = _find_title(page, parents, metas, site_name)
    metadata: dict[str, Any] = {}
    for key, meta in _EXTRA_METAS.items():
        found = metas.get(meta)
        if found:
            metadata[key] = normalize_space(found)
    if invalid is not None and reference is None:
        metadata["date_invalid"] = invalid
    html_tag = next(page.iter("html"), None)
    lang = primary_language(html_tag.get("lang") if html_tag is not None else None)

    _remove_boilerplate(page, parents)
    items = _read_blocks(page, parents)
    metas = _metas(page)  # those left in the page
    return build_source(
        path,
        title=title,
        blocks=make_blocks(items),
        reference=reference,
        publisher=site_name or text_or_none(metas.get(("name", "publisher"))),
        url=_canonical_url(page, metas),
        lang=lang,
        metadata=metadata,
    )
