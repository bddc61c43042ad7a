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

import json
import re
from itertools import chain, islice, pairwise
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import Element, TreeBuilder

from lxml import etree

from briefing.sources.base import (
    build_source,
    byline_author,
    language_tag,
    make_blocks,
    normalize_space,
    text_or_none,
)
from briefing.sources.dates_meta import find_dateline, is_dateline, parse_metadata_date
from briefing.sources.word import CELL_CHARS, TableRow, join_paragraphs, read_table

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping
    from pathlib import Path

    from briefing.model import Block, DateValue, Source

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
_MAIN_ROLE = re.compile(r"^\s*main\s*$", re.I)
# Site furniture in plain boxes, known by a word of a class or id ("site-header", "most-read").
_BOXES = frozenset({"div", "section", "ul", "ol"})
_FURNITURE_WORDS = frozenset({
    "header", "masthead", "footer", "nav", "navbar", "navigation", "menu", "breadcrumb",
    "breadcrumbs", "sidebar", "related", "trending", "mostread", "mostpopular", "mostviewed",
})
_FURNITURE_PHRASES = (("most", "read"), ("most", "popular"), ("most", "viewed"))
_HEADER_WORDS = frozenset({"header", "masthead"})
# Words of a layout box that holds furniture among other things ("has-sidebar", "nav-wrapper").
_LAYOUT_WORDS = frozenset({"has", "with", "no", "wrap", "wrapper", "container", "layout"})
_WORD_SPLIT = re.compile(r"[^a-z0-9]+")
_LINKED_DATA = "application/ld+json"
# How a <time> is marked as the publication date or as an update: itemprop, class and id words,
# and a label just before it ("Updated <time>") or opening its text.
_PUBLISHED_MARKS = frozenset({
    "datepublished", "datecreated", "published", "publish", "publication", "posted", "pubdate",
    "created", "issued", "released",
})
_UPDATED_MARKS = frozenset({"datemodified", "updated", "update", "modified", "revised", "lastmod"})
_BYLINE_CHARS = 160  # a block with a labelled <time>, longer than a byline, is prose
_TOP_BLOCKS = 3  # where a byline is, and where `find_dateline` looks for the page's date
_ROW_GROUPS = frozenset({"thead", "tbody", "tfoot"})
# What a page marking a byline holds (`_byline_marks`): rel="author", itemprop='author',
# class="byline" (or "article-byline", "byline__name" ...), in either case. (Looked for as
# substrings: a regex, or the page in lower case, takes ten times as long.)
_BYLINE_MARKS = ("uthor", "UTHOR", "yline", "YLINE")
_CELLS = frozenset({"td", "th"})
_MAX_COLSPAN, _MAX_ROWSPAN = 1_000, 65_534  # as browsers clamp them
_INLINE_DEPTH = 20  # a <time> deeper in inline elements than this is in no byline
_LABEL_WORDS = r"published|posted|created|issued|released|updated|modified|revised"
_LABEL_BEFORE = re.compile(rf"\b({_LABEL_WORDS})(?:\s+(?:on|at))?[\s:\-–—]*$", re.I)
_LABEL_OPENING = re.compile(rf"^\W*(?:first\s+|last\s+)?({_LABEL_WORDS})\b", re.I)
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


class _Top:
    """What `_walk` notes for `_split_bylines`: the leaf blocks parted by a ``<br>`` and the
    items of byline elements, each by its index in the items."""

    def __init__(self, marks: set[Element], holders: set[Element]) -> None:
        self.marks = marks
        """The elements marked as a byline (`_byline_marks`)."""
        self.holders = holders
        """Those and the elements that hold one (``<p>By <a rel="author">``)."""
        self.broken: dict[int, Element] = {}
        self.bylines: set[int] = set()


def _walk(
    element: Element, items: list[tuple[str, bool]],
    rows: Mapping[Element, tuple[str, bool]] | None = None,
    top: _Top | None = None,
) -> None:
    """Add the (text, heading) items of the blocks below `element` to `items`: each row of a
    table in `rows` as the one item given there (`_table_rows`), and, in `top`, the leaf
    blocks (not headings) parted by a ``<br>`` and the items of bylines (`_split_bylines`)."""
    stray: list[str] = [element.text] if element.text else []

    def flush() -> None:
        if stray:
            items.append(("".join(stray), False))
            stray.clear()

    for child in element:
        name = child.tag
        if not isinstance(name, str):  # an empty comment: its tail only
            pass
        elif rows and child in rows:
            flush()
            items.append(rows[child])
        elif name in _LEAF_BLOCKS and not (name not in _HEADINGS and _holds_blocks(child)):
            flush()
            if top is not None and name not in _HEADINGS:
                if next(child.iter("br"), None) is not None:
                    top.broken[len(items)] = child
                if child in top.holders:
                    top.bylines.add(len(items))
            items.append((_text_of(child), name in _HEADINGS))
        elif name in _CONTAINERS or _holds_blocks(child):
            flush()
            start = len(items)
            _walk(child, items, _table_rows(child) if name == "table" else rows, top)
            if top is not None and child in top.marks:
                top.bylines.update(range(start, len(items)))
        elif top is not None and child in top.marks:  # an inline byline: a block of its own
            flush()
            top.bylines.add(len(items))
            items.append((_text_of(child), False))
        else:  # inline element: part of the stray text around it
            stray.append(_text_of(child))
        if child.tail:
            stray.append(child.tail)
    flush()


def _span(cell: Element, attribute: str, most: int, zero: int) -> int:
    """A cell's colspan or rowspan as browsers read it: 1 when unset or unreadable, `zero`
    for 0 (a rowspan of 0 runs to the end of the table), at most `most`."""
    raw = cell.get(attribute)
    if raw is None:
        return 1
    try:
        value = int(raw.strip())
    except ValueError:
        return 1
    return zero if value == 0 else min(max(value, 1), most)


def _cell_text(cell: Element) -> tuple[str, bool]:
    """A cell's text as one field of a row ("" when it holds none), and whether it is no field
    but prose or a nested table, to be read block by block as before (its text then "": never
    repeated in the rows a rowspan covers)."""
    if not _holds_blocks(cell):  # (the common case, and then no table either)
        text = normalize_space(_text_of(cell))
    elif next(cell.iter("table"), None) is not None:
        return "", True
    else:
        pieces: list[tuple[str, bool]] = []
        _walk(cell, pieces)
        text = join_paragraphs([normalize_space(t) for t, _ in pieces])
    return ("", True) if len(text) > CELL_CHARS else (text, False)


def _table_rows(table: Element) -> dict[Element, tuple[str, bool]]:
    """The rows of a table that read as one item each: "8 January 2025: The minister announced
    the plan.", a header row ("Date | Event") a heading (`read_table`, which the Word reader
    shares). A table of layout gives none: its cells are read as before, each a block.

    The rows are the table's own (not those of a table nested in a cell); a cell spanning
    several rows (``rowspan``) gives its text to each of them, so that each keeps its date."""
    found: list[tuple[Element, bool]] = []  # (row, in <thead>)
    for child in table:
        if child.tag == "tr":
            found.append((child, False))
        elif child.tag in _ROW_GROUPS:
            found += [(tr, child.tag == "thead") for tr in child if tr.tag == "tr"]
    if len(found) < 2:
        return {}
    rows: list[TableRow] = []
    above: dict[int, tuple[int, str, int]] = {}  # the cells spanning rows down (`_grid_row`)
    for tr, in_head in found:
        row, above = _grid_row(tr, above, len(found), in_head)
        rows.append(row)
    read = read_table(rows)
    if read is None:
        return {}
    return {tr: item for (tr, _), item in zip(found, read, strict=True) if item is not None}


def _grid_row(
    tr: Element, above: dict[int, tuple[int, str, int]], most_rows: int, in_head: bool,
) -> tuple[TableRow, dict[int, tuple[int, str, int]]]:
    """A table row, with the cells that span it from the rows above (`above`: by first column,
    the rows they still span, their text and their colspan) in their columns, and what spans
    the rows below it. A spanning cell is one entry, not one per column: a page of colspans
    of 1,000 costs no more than any other."""
    cells: list[str] = []
    below = {c: (left - 1, text, span) for c, (left, text, span) in above.items() if left > 1}
    whole, headers, own, column = False, True, False, 0
    for cell in tr:
        if cell.tag not in _CELLS:
            continue
        while column in above:
            cells.append(above[column][1])
            column += above[column][2]
        text, prose = _cell_text(cell)
        whole, headers, own = whole or prose, headers and cell.tag == "th", True
        colspan = _span(cell, "colspan", _MAX_COLSPAN, 1)
        rowspan = _span(cell, "rowspan", _MAX_ROWSPAN, most_rows)
        if rowspan > 1:
            below[column] = (rowspan - 1, text, colspan)
        cells.append(text)
        column += colspan
    cells += [above[c][1] for c in sorted(above) if c >= column]  # after the row's last cell
    return TableRow(tuple(cells), in_head or (headers and own), whole), below


def _split_bylines(
    items: list[tuple[str, bool]], top: _Top,
) -> tuple[list[tuple[str, bool]], list[str]]:
    """The items with each short block near the top whose lines (parted by ``<br>``) hold a
    dateline or a byline split, and the bylines marked as such (``class="byline"``,
    ``rel="author"``, ``itemprop="author"``) left out but for their date lines; and the text
    of those left out.

    "By Jane Doe<br>PARIS, 8 January 2025" reads as "By Jane Doe" and "PARIS, 8 January 2025",
    a dateline in its own block, which gives the page its date when nothing else does
    (`build_source`), as one in its own paragraph does, and "By Jane Doe" a byline in its own
    block, which `build_source` leaves out of the story. The lines of a byline that are no
    date line make one block, parted by commas ("Jane Doe<br>Political Editor" reads as "Jane
    Doe, Political Editor"). Only the first blocks, short as a byline is: the lines of a poem or
    an address in the text stay one block, as they are read."""
    if not top.broken and not top.bylines:
        return items, []
    split: list[tuple[str, bool]] = []
    authors: list[str] = []
    seen = 0
    for index, item in enumerate(items):
        if seen == _TOP_BLOCKS:
            return split + items[index:], authors
        text = normalize_space(item[0])
        seen += bool(text)
        short = len(text) <= _BYLINE_CHARS
        element = top.broken.get(index)
        lines = _lines(element) if element is not None and short else [text]
        if index in top.bylines and short and not item[1]:
            split += [(line, False) for line in lines if is_dateline(line)]
            author = ", ".join(line for line in lines if line and not is_dateline(line))
            if author:
                authors.append(author)
            continue
        parts = _byline_parts(lines) if element is not None and short else None
        if parts is None:
            split.append(item)
        else:
            split += parts
    return split, authors


def _lines(element: Element) -> list[str]:
    """The lines of a block parted by ``<br>``, whitespace normalized, empty ones left out."""
    lines: list[list[str]] = [[]]
    for text, container in _strings(element, None):
        if container == _BREAK:
            lines.append([])
        else:
            lines[-1].append(text)
    return [line for line in (normalize_space("".join(pieces)) for pieces in lines) if line]


def _byline_parts(lines: list[str]) -> list[tuple[str, bool]] | None:
    """The lines of a block, each date line among them a block of its own, the lines between
    them one block each (a byline's lines parted by commas: "Jane Doe, Political Editor");
    None when none is a date line or a byline."""
    parts: list[tuple[str, bool]] = []
    others: list[str] = []
    found = False

    def add_others() -> bool:
        if not others:
            return False
        bylined = ", ".join(others)
        if byline_author(bylined) is not None:
            parts.append((bylined, False))
        elif len(others) > 1 and byline_author(others[0]) is not None:
            parts.extend([(others[0], False), (" ".join(others[1:]), False)])
        else:
            parts.append((" ".join(others), False))
            others.clear()
            return False
        others.clear()
        return True

    for line in lines:
        if is_dateline(line):
            found = True
            add_others()
            parts.append((line, False))
        else:
            others.append(line)
    found = add_others() or found
    return parts if found else None


def _byline_marks(
    kept: list[Element], parents: dict[Element, Element], text: str,
) -> _Top:
    """The elements of the text kept marked as a byline: a class word "byline",
    ``rel="author"``, ``itemprop="author"`` (a long one, which holds more than a byline, left
    out). `text` is the page's, to look for the marks only in a page that has them."""
    marks: set[Element] = set()
    if any(mark in text for mark in _BYLINE_MARKS):
        for element in chain.from_iterable(root.iter() for root in kept):
            attributes = element.attrib
            if not attributes:
                continue
            rel, prop, kind = (attributes.get(name) for name in ("rel", "itemprop", "class"))
            if (rel and "author" in rel.lower().split()) \
                    or (prop and "author" in prop.lower().split()) \
                    or (kind and "yline" in kind.lower()
                        and "byline" in _WORD_SPLIT.split(kind.lower())):
                marks.add(element)
    most = 2 * _BYLINE_CHARS
    marks = {mark for mark in marks if len(_opening(mark, most)) <= most}
    return _Top(marks, _with_ancestors(marks, parents))


def _is_boilerplate(element: Element, parents: dict[Element, Element]) -> bool:
    if element.get("hidden") is not None or _NAVIGATION_ROLE.search(element.get("role", "")):
        return True
    # An <article>'s own <header> holds its headline and byline, not site navigation.
    return element.tag in _DROPPED and not (
        element.tag == "header" and any(a.tag == "article" for a in _ancestors(element, parents))
    )


def _is_main(element: Element) -> bool:
    return element.tag == "main" or bool(_MAIN_ROLE.search(element.get("role") or ""))


def _furniture_words(element: Element) -> frozenset[str]:
    """The furniture words of an element's class and id tokens. A token counts by whole words
    ("site-header", "sidebar-related", "most-read"), never by a substring ("subheader"), and
    not when it names a layout box that holds more than furniture ("has-sidebar")."""
    found: set[str] = set()
    for token in [*(element.get("class") or "").split(), element.get("id") or ""]:
        words = [w for w in _WORD_SPLIT.split(token.lower()) if w]
        if _LAYOUT_WORDS.isdisjoint(words):
            found.update(_FURNITURE_WORDS.intersection(words))
            pairs = set(pairwise(words))
            found.update("most" + second for first, second in _FURNITURE_PHRASES
                         if (first, second) in pairs)
    return frozenset(found)


def _furniture(
    page: Element, parents: dict[Element, Element], article: Element | None,
) -> list[Element]:
    """The boxes (divs, sections, lists) that are site furniture by their class or id: never
    one that holds the main content or the longest article, and a header box only outside the
    article and main content and without an ``<h1>`` (a header box there holds the headline
    and byline, as an article's ``<header>`` does)."""
    boxes = [(e, words) for e in page.iter() if e.tag in _BOXES
             for words in (_furniture_words(e),) if words]
    if not boxes:
        return []
    cores = [e for e in page.iter() if e.tag == "article" or _is_main(e)]
    holders = _with_ancestors([e for e in cores if e.tag != "article" or e is article], parents)
    headline_boxes: set[Element] = set()
    if any(words <= _HEADER_WORDS for _, words in boxes):
        headline_boxes = _with_ancestors(page.iter("h1"), parents)
        inside: set[Element] = set()
        for core in cores:  # in document order: an outer one comes before those it holds
            if core not in inside:
                inside.update(core.iter())
        headline_boxes |= inside
    return [box for box, words in boxes
            if box not in holders and not (words <= _HEADER_WORDS and box in headline_boxes)]


def _with_ancestors(elements: Iterable[Element], parents: dict[Element, Element]) -> set[Element]:
    """The elements and all their ancestors."""
    found: set[Element] = set()
    for element in elements:
        for e in chain((element,), _ancestors(element, parents)):
            if e in found:
                break
            found.add(e)
    return found


def _remove_boilerplate(
    page: Element, parents: dict[Element, Element], article: Element | None,
) -> None:
    """Empty and rename each boilerplate element, its tail left in place."""
    dropped = [e for e in page.iter() if _is_boilerplate(e, parents)]
    for element in dropped + _furniture(page, parents, article):
        tail = element.tail
        element.clear()
        element.tail, element.tag = tail, _EMPTIED


def _linked_data(page: Element) -> list[dict[str, Any]]:
    """The objects of the page's JSON-LD scripts, in order: each object at the top of a script,
    in a list there, or in an ``@graph`` (not those nested deeper: an article's list of other
    articles is not the page)."""
    objects: list[dict[str, Any]] = []
    for script in page.iter("script"):
        if (script.get("type") or "").split(";")[0].strip().lower() != _LINKED_DATA:
            continue
        try:
            data = json.loads(script.text or "")
        except (ValueError, RecursionError):
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict):
                graph = item.get("@graph")
                objects += [item, *(g for g in (graph if isinstance(graph, list) else [graph])
                                    if isinstance(g, dict))]
    return objects


def _linked_data_dates(page: Element) -> tuple[list[str], list[str]]:
    """The page's JSON-LD dates: its publication dates (``datePublished``, else
    ``dateCreated``) and, apart, its ``dateModified`` ones (a last resort: an update is not
    when the text was written)."""
    objects = _linked_data(page)

    def values(key: str) -> list[str]:
        return [o[key] for o in objects if isinstance(o.get(key), str)]

    return values("datePublished") + values("dateCreated"), values("dateModified")


def _first_date(candidates: Iterable[str | None]) -> tuple[DateValue | None, str | None]:
    """The first candidate that reads as a date, and the first raw one that did not."""
    invalid: str | None = None
    for raw in candidates:
        if not raw:
            continue
        value = parse_metadata_date(raw)
        if value is not None:
            return value, None
        invalid = invalid or raw
    return None, invalid


class _TimeMarks:
    """How the ``<time>`` elements of the text kept are marked: `rank` gives 0 for one marked
    as the publication date, 2 for one marked as an update, 1 for one not marked. A published
    mark wins (WordPress marks a post never updated ``class="published updated"``)."""

    def __init__(self, kept: list[Element], parents: dict[Element, Element]) -> None:
        self.parents = parents
        self.previous = {b: a for root in kept for e in root.iter() for a, b in pairwise(e)}
        self.short: dict[Element, bool] = {}

    def rank(self, time: Element) -> int:
        marks = {m.lower() for m in (time.get("itemprop") or "").split()}
        for attribute in ("class", "id"):
            marks.update(w for w in _WORD_SPLIT.split((time.get(attribute) or "").lower()) if w)
        if time.get("pubdate") is not None:
            marks.add("pubdate")
        label = self._label(time)
        if label:
            marks.add(label)
        if not _PUBLISHED_MARKS.isdisjoint(marks):
            return 0
        return 2 if not _UPDATED_MARKS.isdisjoint(marks) else 1

    def _label(self, time: Element) -> str | None:
        """The label written just before the time or opening its text, in a byline (in
        prose, "published on <time>" tells of another text)."""
        if not self._in_short_block(time):
            return None
        label = _LABEL_BEFORE.search(self._text_before(time)[-60:]) \
            or _LABEL_OPENING.search(_opening(time, 60))
        return label[1].lower() if label else None

    def _in_short_block(self, element: Element) -> bool:
        block = next((a for a in islice(_ancestors(element, self.parents), _INLINE_DEPTH)
                      if a.tag in _BLOCK_NAMES), None)
        if block is None:
            return False
        if block not in self.short:
            self.short[block] = len(_opening(block, _BYLINE_CHARS + 1)) <= _BYLINE_CHARS
        return self.short[block]

    def _text_before(self, element: Element) -> str:
        """The text just before an element in its block: up through the inline elements it
        opens ("Posted on <a><time>"), back over one inline sibling ("<b>Updated:</b>")."""
        parent = self.parents.get(element)
        while parent is not None:
            before = self.previous.get(element)
            if before is not None:
                inline = isinstance(before.tag, str) and before.tag not in _BLOCK_NAMES
                return (_opening(before, 1_000) if inline else "") + (before.tail or "")
            if (parent.text or "").strip() or parent.tag in _BLOCK_NAMES:
                return parent.text or ""
            element, parent = parent, self.parents.get(parent)
        return ""


def _opening(element: Element, size: int) -> str:
    """About the first `size` characters of an element's text, blank runs as one space."""
    pieces: list[str] = []
    length = 0
    for text in element.itertext():
        piece = " ".join(text.split())
        if piece:
            pieces.append(piece)
            length += len(piece) + 1
            if length > size:
                break
    return " ".join(pieces)


def _declared_dates(
    page: Element, parents: dict[Element, Element], metas: dict[tuple[str, str], str],
    linked: list[str],
) -> list[tuple[str | None, Element | None]]:
    """The dates the page declares, in order: the date metas, ``article:published_time`` and
    the JSON-LD publication dates (`linked`) first, then each element marked
    ``itemprop="datePublished"``, read before the boilerplate is dropped (as its text was) and
    given with the element when it is a ``<time>``, which counts only if it is not dropped."""
    declared: list[tuple[str | None, Element | None]] = [
        (raw, None) for raw in (metas.get(_DATE_METAS[0]), *linked)]
    declared += [(metas.get(key), None) for key in _DATE_METAS[1:]]
    declared += [
        (e.get("content") or e.get("datetime") or _get_text(e, parents, " ", strip=True),
         e if e.tag == "time" else None)
        for e in page.iter() if e.get("itemprop") == "datePublished"
    ]
    return declared


def _find_date(
    declared: list[tuple[str | None, Element | None]], parents: dict[Element, Element],
    kept: list[Element],
) -> tuple[DateValue | None, str | None]:
    """The page's publication date, and the raw value of a date that could not be read.

    The dates the page declares come first (a ``<time>`` among them only if it is not in the
    dropped boilerplate: a date there is another story's), then a ``<time>`` of the text
    kept (`kept`, once the boilerplate is dropped): one marked as published before one not
    marked, and that before one marked as an update."""
    candidates = [raw for raw, time in declared if time is None or not _dropped(time, parents)]
    times = [t for root in kept for t in root.iter("time") if t.get("datetime")]
    if times:
        times.sort(key=_TimeMarks(kept, parents).rank)
    return _first_date([*candidates, *(t.get("datetime") for t in times)])


def _dropped(element: Element, parents: dict[Element, Element]) -> bool:
    return any(e.tag == _EMPTIED for e in chain((element,), _ancestors(element, parents)))


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


def _articles(
    page: Element, parents: dict[Element, Element], main: Element | None,
) -> list[Element]:
    """The longest article, with the articles beside it when they are inside the main content
    (the posts of a live blog or of a list): all of them, in order."""
    longest = _longest_article(page, parents)
    if longest is None:
        return []
    parent = parents.get(longest)
    if parent is None or main is None or (parent is not main
                                          and main not in _ancestors(parent, parents)):
        return [longest]
    return [e for e in parent if e.tag == "article"]


def _read_blocks(
    page: Element, parents: dict[Element, Element], text: str,
) -> tuple[list[Element], list[tuple[str, bool]], list[str]]:
    """The elements read and their (text, heading) items: the longest article (and the
    articles beside it in the main content), else the main content (``<main>`` or
    ``role="main"``), else the body; and the bylines left out of the items
    (`_split_bylines`)."""
    main = next((e for e in page.iter() if _is_main(e)), None)
    for roots in (_articles(page, parents, main), [main], [next(page.iter("body"), None)]):
        kept = [root for root in roots if root is not None]
        items: list[tuple[str, bool]] = []
        top = _byline_marks(kept, parents, text)
        for root in kept:
            _walk(root, items, top=top)
        if any(item.strip() for item, _ in items):
            return kept, *_split_bylines(items, top)
    return [], [], []


def _last_resort_date(
    modified: list[str], blocks: tuple[Block, ...],
) -> tuple[DateValue | None, str | None]:
    """The JSON-LD ``dateModified``, for a page dated by nothing else, not even a dateline."""
    if not modified or find_dateline(blocks) is not None:
        return None, None
    return _first_date(modified)


def page_source(text: str, path: Path) -> Source:
    """The source of an HTML page (decoded `text`): boilerplate dropped; the article (with the
    articles beside it in the main content), else the main content, else the body read as
    blocks; title, date, publisher, URL and language from its tags and JSON-LD."""
    page, parents = _parse(text)
    metas = _metas(page)
    site_name = text_or_none(metas.get(("property", "og:site_name")))
    published, modified = _linked_data_dates(page)
    declared = _declared_dates(page, parents, metas, published)
    title = _find_title(page, parents, metas, site_name)
    metadata: dict[str, Any] = {}
    for key, meta in _EXTRA_METAS.items():
        found = metas.get(meta)
        if found:
            metadata[key] = normalize_space(found)
    html_tag = next(page.iter("html"), None)
    lang = language_tag(html_tag.get("lang") if html_tag is not None else None)

    _remove_boilerplate(page, parents, _longest_article(page, parents))
    kept, items, bylines = _read_blocks(page, parents, text)
    blocks = make_blocks(items)
    if bylines:
        metadata.setdefault("byline", normalize_space(bylines[0]))
        if not metadata.get("author"):
            metadata["author"] = byline_author(metadata["byline"]) or metadata["byline"]
    reference, invalid = _find_date(declared, parents, kept)
    if reference is None:
        reference, invalid_modified = _last_resort_date(modified, blocks)
        invalid = invalid or invalid_modified
    if invalid is not None and reference is None:
        metadata["date_invalid"] = invalid
    metas = _metas(page)  # those left in the page
    return build_source(
        path,
        title=title,
        blocks=blocks,
        reference=reference,
        publisher=site_name or text_or_none(metas.get(("name", "publisher"))),
        url=_canonical_url(page, metas),
        lang=lang,
        metadata=metadata,
    )
