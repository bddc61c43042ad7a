"""Word reader: a .docx file's paragraphs, headings and tables, and its core properties.

The text is read from the XML as Word shows it, which python-docx's `paragraph.text` does not
give: tracked changes accepted, content controls, fields' results, smart tags, hyperlinks,
text boxes (after the paragraph that anchors them)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from briefing.sources.base import (
    Reader,
    SourceError,
    build_source,
    clean_text,
    first_heading,
    language_tag,
    make_blocks,
    normalize_space,
    register,
    text_or_none,
)
from briefing.sources.dates_meta import parse_metadata_date

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from docx.document import Document
    from lxml.etree import _Element

    from briefing.model import Source

# python-docx's own template carries this creation time: a document made with python-docx that
# never set `created` would otherwise claim to date from December 2013.
_PYTHON_DOCX_TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15, tzinfo=UTC)
_EXTRA_PROPERTIES = (
    "author", "last_modified_by", "modified", "subject", "keywords", "category", "comments",
    "identifier", "version", "content_status",
)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _R = _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "r"
_SDT, _SDT_CONTENT, _CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"
_SDT_PR, _SHOWING_PLACEHOLDER = _W + "sdtPr", _W + "showingPlcHdr"
_TXBX_CONTENT, _ALTERNATE_CONTENT = _W + "txbxContent", _MC + "AlternateContent"
_T, _FLD_CHAR, _FLD_CHAR_TYPE = _W + "t", _W + "fldChar", _W + "fldCharType"
# What Word shows for a run's other characters (w:br of every type and w:cr end a line).
_RUN_CHARACTERS = {
    _W + "tab": "\t", _W + "ptab": "\t", _W + "br": "\n", _W + "cr": "\n",
    _W + "noBreakHyphen": "-",
}
# Elements inside a paragraph whose runs are shown: accepted insertions and moves, links, smart
# tags, fields' results, custom XML and bidirectional embeddings. Deletions (w:del,
# w:moveFrom) are not: with the changes accepted they are gone.
_SHOWN_RUN_CONTAINERS = frozenset(
    _W + name for name in ("ins", "moveTo", "hyperlink", "smartTag", "fldSimple", "customXml",
                           "dir", "bdo")
)
# Run children that may hold a text box.
_DRAWINGS = frozenset((_W + "drawing", _W + "pict", _W + "object", _ALTERNATE_CONTENT))
_PPR, _PSTYLE, _VAL = _W + "pPr", _W + "pStyle", _W + "val"
_TRPR, _DEL, _TCPR, _VMERGE = _W + "trPr", _W + "del", _W + "tcPr", _W + "vMerge"
_GRID_SPAN, _GRID_BEFORE = _W + "gridSpan", _W + "gridBefore"
_TBL_HEADER = _W + "tblHeader"
_MAX_SPAN = 1_000  # a span wider than any real table: a broken or hostile file


# --- tables: each row one statement ------------------------------------------------------------
# Shared with the HTML reader (briefing/sources/htmltree.py), which imports them from here: the
# module is light (python-docx is imported only when a .docx is read).

CELL_CHARS = 400
"""A cell longer than this holds prose (a layout table's column of article text, a long note),
not one field of a statement: its row is read cell by cell, each paragraph a block."""
_LABEL_WORDS = 4  # a header cell is a label: "Date", "Event", "Date of decision"
_SENTENCE_END = re.compile(r"[a-z0-9)\]'\"’”]\.$")


@dataclass(frozen=True)
class TableRow:
    """One row of a table as the readers see it, to decide how it reads."""

    cells: tuple[str, ...]
    """Each cell's text in order, whitespace normalized ("" for an empty one); a cell merged
    down from a row above (rowspan, vMerge) repeats that cell's text in its column, so that
    the row keeps its date when the cell holding it spans several rows."""
    header: bool = False
    """Marked as a header row (``<th>`` cells only, ``<thead>``, Word's "repeat as header")."""
    whole: bool = False
    """A cell holds prose (longer than `CELL_CHARS`) or a nested table: the row is no
    statement and is read cell by cell, as any table was before."""

    @property
    def filled(self) -> list[str]:
        return [cell for cell in self.cells if cell]

    @property
    def statement(self) -> bool:
        return not self.whole and len(self.filled) >= 2


def join_cells(cells: Sequence[str]) -> str:
    """One statement from a row's cells: "8 January 2025: The minister announced the plan."

    The first two cells are joined by a colon, the others by a dash ("8 January 2025: Paris —
    The minister announced the plan."): the date parser and the event extractor then read the
    date and the event as one sentence whose summary is the event, and a short row near the
    top is not taken for the source's dateline, as a dash after the date would make it
    ("8 January 2025 — Talks"). A cell's final period goes before a separator ("The plan was
    announced: 8 January 2025"), where it would end the sentence and part the event from its
    date; a cell already ending with a colon, a dash or a comma is followed by a space only."""
    text = ""
    joined = 0
    for cell in cells:
        if not cell:
            continue
        if not text:
            text = cell
            continue
        if text[-1] in ":;,—–-":
            text += " " + cell
        else:
            if _SENTENCE_END.search(text[-2:]):
                text = text[:-1]
            text += (": " if joined == 0 else " — ") + cell
        joined += 1
    return text


def join_paragraphs(texts: Sequence[str]) -> str:
    """A cell's paragraphs as one text: a sentence follows a sentence after a space; lines
    without a final stop (a list, an address) are parted by semicolons, not run together."""
    parts: list[str] = []
    for piece in texts:
        if piece:
            if parts:
                parts.append(" " if parts[-1][-1] in ".!?:;,…" else "; ")
            parts.append(piece)
    return "".join(parts)


_COLUMN_NAMES = frozenset({
    "date", "dates", "day", "days", "time", "times", "year", "years", "month", "months", "week",
    "when", "period", "event", "events", "what", "description", "details", "detail",
    "milestone", "milestones", "action", "actions", "activity", "activities", "place",
    "location", "where", "venue", "who", "actor", "actors", "source", "sources", "notes", "note",
    "comment", "comments", "remarks", "link", "links", "url", "reference", "references", "title",
    "headline", "summary", "status", "outcome", "result", "item", "items", "country",
    "countries", "topic", "category",
})
"""The usual names of a table's columns: a first row of short labels among which one is made
of such names is a header, even when not marked as one."""
_LABEL_FILLERS = frozenset({"of", "and", "or", "the", "key", "main", "brief", "happened"})
_LABEL_SPLIT = re.compile(r"\W+")


def _is_label_row(cells: Sequence[str]) -> bool:
    """A first row of short labels, one of them usual column names ("Date | Event | Source",
    "When | What happened", "Date and time | Key events"): a header even when not marked as
    one (python-docx and most authors mark none). A first row of data ("Early January | Talks
    began in Geneva") is not, with or without a figure: a row is taken for a header only when
    it reads as one, so that no event is lost."""
    named = False
    for cell in cells:
        if not cell:
            continue
        words = [word for word in _LABEL_SPLIT.split(cell.lower()) if word]
        if not words or len(words) > _LABEL_WORDS or cell[-1] in ".!?;" \
                or any(c.isdigit() for c in cell):
            return False
        named = named or (not _COLUMN_NAMES.isdisjoint(words)
                          and all(w in _COLUMN_NAMES or w in _LABEL_FILLERS for w in words))
    return named


def read_table(rows: Sequence[TableRow]) -> list[tuple[str, bool] | None] | None:
    """How each row of a table reads: one (text, heading) item, or None for a row read cell by
    cell as before (a row of prose or nested tables, a row of one filled cell); None for the
    whole table when it is used for layout.

    A table is read row by row only when two rows or more are statements (two filled cells or
    more, none of prose): a table of one row or one column, or whose cells hold paragraphs of
    text, sets text side by side (a letterhead, a page's columns, an old page's frame), and
    gluing its cells would make one block of unrelated text. A header row ("Date | Event")
    becomes a heading: a label, never an event nor the context of one."""
    if sum(row.statement for row in rows) < 2:
        return None
    read: list[tuple[str, bool] | None] = []
    for index, row in enumerate(rows):
        if not row.statement:
            read.append(None)
        elif row.header or (index == 0 and _is_label_row(row.cells)):
            read.append((" | ".join(row.filled), True))
        else:
            read.append((join_cells(row.cells), False))
    return read


def _control_content(sdt: _Element) -> _Element | None:
    """A content control's content, None when it shows its placeholder ("Click or tap here to
    enter text."): a prompt to whoever fills the form in, not text of the document."""
    properties = sdt.find(_SDT_PR)
    if properties is not None and properties.find(_SHOWING_PLACEHOLDER) is not None:
        return None
    return sdt.find(_SDT_CONTENT)


def _content(element: _Element) -> Iterator[_Element]:
    """The children of `element`, those of content controls and custom XML in their place."""
    for child in element:
        tag = child.tag
        if tag == _SDT:
            inner = _control_content(child)
            if inner is not None:
                yield from _content(inner)
        elif tag == _CUSTOM_XML:
            yield from _content(child)
        else:
            yield child


class _Paragraph:
    """The text Word shows for one paragraph (tracked changes accepted, fields' results, not
    their instructions), and the text boxes anchored in it."""

    def __init__(self, p: _Element) -> None:
        self.parts: list[str] = []
        self.boxes: list[_Element] = []
        self._fields: list[bool] = []  # the fields open here: True once past the instruction
        self._runs(p)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def _runs(self, container: _Element) -> None:
        for child in container:
            tag = child.tag
            if tag == _R:
                self._run(child)
            elif tag in _SHOWN_RUN_CONTAINERS:
                self._runs(child)
            elif tag == _SDT:
                inner = _control_content(child)
                if inner is not None:
                    self._runs(inner)
            elif tag == _ALTERNATE_CONTENT and len(child):
                self._runs(child[0])  # the first choice: one branch, never both

    def _run(self, r: _Element) -> None:
        for child in r:
            tag = child.tag
            if tag == _FLD_CHAR:
                self._field(child.get(_FLD_CHAR_TYPE))
            elif False in self._fields:  # a field's instruction: never shown
                continue
            elif tag == _T:
                self.parts.append(child.text or "")
            elif tag in _RUN_CHARACTERS:
                self.parts.append(_RUN_CHARACTERS[tag])
            elif tag in _DRAWINGS:
                _text_boxes(child, self.boxes)

    def _field(self, kind: str | None) -> None:
        if kind == "begin":
            self._fields.append(False)
        elif kind == "separate" and self._fields:
            self._fields[-1] = True
        elif kind == "end" and self._fields:
            self._fields.pop()


def _text_boxes(element: _Element, found: list[_Element]) -> None:
    """Add the text boxes in `element` to `found`; of an mc:AlternateContent (a DrawingML
    shape and its VML fallback) only the first branch that holds one."""
    tag = element.tag
    if tag == _TXBX_CONTENT:
        found.append(element)
    elif tag == _ALTERNATE_CONTENT:
        branch = next((b for b in element if next(b.iter(_TXBX_CONTENT), None) is not None),
                      None)
        if branch is not None:
            _text_boxes(branch, found)
    else:
        for child in element:
            _text_boxes(child, found)


def _style_id(p: _Element) -> str | None:
    properties = p.find(_PPR)
    style = properties.find(_PSTYLE) if properties is not None else None
    return style.get(_VAL) if style is not None else None


def _is_heading_style(document: Document, style_id: str | None) -> bool:
    """Whether paragraphs of this style are headings (what python-docx's `Paragraph.style`
    gives: the document's default paragraph style for a missing or unknown id)."""
    from docx.enum.style import WD_STYLE_TYPE

    try:
        style = document.part.get_style(style_id, WD_STYLE_TYPE.PARAGRAPH)
    except (KeyError, ValueError):
        return False
    name = (style.name or "") if style is not None else ""
    return name.startswith(("Heading", "Title"))


def _is_deleted(properties: _Element | None) -> bool:
    """A table row deleted with tracked changes (from its ``w:trPr``): gone once they are
    accepted."""
    return properties is not None and properties.find(_DEL) is not None


def _number(properties: _Element | None, tag: str) -> int:
    """The ``w:val`` of a span property: gridSpan (1 when unset or unreadable) or gridBefore
    (the grid columns a row skips before its first cell: 0 when unset or unreadable)."""
    least = 1 if tag == _GRID_SPAN else 0
    element = properties.find(tag) if properties is not None else None
    if element is None:
        return least
    try:
        return min(max(int(element.get(_VAL, "")), least), _MAX_SPAN)
    except ValueError:
        return least


def _vertical_merge(properties: _Element | None) -> str | None:
    """"restart" for the first cell of a vertically merged cell, "continue" for those below
    it, None for a cell not merged (from the cell's ``w:tcPr``)."""
    merge = properties.find(_VMERGE) if properties is not None else None
    return None if merge is None else merge.get(_VAL, "continue")


def _is_header(properties: _Element | None) -> bool:
    """A row marked "repeat as header row at the top of each page" (from its ``w:trPr``)."""
    return properties is not None and properties.find(_TBL_HEADER) is not None


class _Walker:
    """(text, heading) of each paragraph of a document in reading order: table cells, content
    controls, then the text boxes anchored in a paragraph right after it."""

    def __init__(self, document: Document) -> None:
        self._document = document
        self._headings: dict[str | None, bool] = {}  # by style id: one style lookup each
        self._tables = 0  # the tables met so far: a cell that holds one holds no field
        self.table_headers: set[str] = set()
        """The header rows of the tables read ("Date | Event"): headings, but no title."""

    def items(self, container: _Element) -> Iterator[tuple[str, bool]]:
        for element in _content(container):
            tag = element.tag
            if tag == _P:
                yield from self._paragraph(element)
            elif tag == _TBL:
                yield from self._table(element)

    def _paragraph(self, p: _Element) -> Iterator[tuple[str, bool]]:
        paragraph = _Paragraph(p)
        yield clean_text(paragraph.text), self._is_heading(p)
        for box in paragraph.boxes:
            yield from self.items(box)

    def _table(self, tbl: _Element) -> Iterator[tuple[str, bool]]:
        """A table's rows: each one statement ("8 January 2025: The minister announced the
        plan."), a header row a heading; a layout table, a row of prose and the cells of a
        nested table as before, each paragraph of each cell a block (`read_table`)."""
        self._tables += 1
        rows: list[TableRow] = []
        by_cell: list[list[list[tuple[str, bool]]]] = []  # each row's cells' items, as before
        above: dict[int, str] = {}  # the text of the cell merged down into each column
        for tr in _content(tbl):
            if tr.tag != _TR:
                continue
            row_properties = tr.find(_TRPR)
            if _is_deleted(row_properties):
                continue
            cells: list[str] = []
            cell_items: list[list[tuple[str, bool]]] = []
            whole = False
            column = _number(row_properties, _GRID_BEFORE)
            for tc in _content(tr):
                if tc.tag != _TC:
                    continue
                properties = tc.find(_TCPR)
                span = _number(properties, _GRID_SPAN)
                merge = _vertical_merge(properties)
                if merge == "continue":
                    text = above.get(column, "")
                else:
                    tables = self._tables
                    items = list(self.items(tc))
                    cell_items.append(items)
                    text = join_paragraphs([normalize_space(t) for t, _ in items])
                    if len(text) > CELL_CHARS or self._tables != tables:
                        whole, text = True, ""  # prose: never repeated in the rows below
                if merge == "restart":
                    above[column] = text
                elif merge is None:
                    above.pop(column, None)
                cells.append(text)
                column += span
            rows.append(TableRow(tuple(cells), _is_header(row_properties), whole))
            by_cell.append(cell_items)
        read = read_table(rows)
        for index, cell_items in enumerate(by_cell):
            item = read[index] if read is not None else None
            if item is not None:
                if item[1]:
                    self.table_headers.add(normalize_space(item[0]))
                yield item
            else:
                for items in cell_items:
                    yield from items

    def _is_heading(self, p: _Element) -> bool:
        style_id = _style_id(p)
        known = self._headings.get(style_id)
        if known is None:
            known = self._headings[style_id] = _is_heading_style(self._document, style_id)
        return known


MAX_UNPACKED_BYTES = 200_000_000
"""A .docx unpacking to more than this is refused (a zip bomb, or no real document)."""
MAX_PARTS = 5_000


def _check_zip(data: bytes) -> None:
    """Refuse a zip bomb before python-docx unpacks it: its sizes are in the zip directory."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise SourceError(
            f"not a valid Word .docx file (not a zip archive: {error}); "
            "open it in Word and save it again as .docx"
        ) from error
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        raise SourceError(
            f"refused: the .docx would unpack to {unpacked:,} bytes in {len(entries):,} parts "
            f"(limit {MAX_UNPACKED_BYTES:,} bytes, {MAX_PARTS:,} parts); it looks like a zip "
            "bomb, not a document"
        )


def _open(data: bytes) -> Document:
    import docx  # here, not at the top: commands that read no .docx start 30 ms sooner

    _check_zip(data)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # zipfile, lxml and python-docx each fail in their own way
        raise SourceError(
            f"not a valid Word .docx file ({type(error).__name__}: {error}); "
            "open it in Word and save it again as .docx"
        ) from error


@register
class DocxReader(Reader):
    """Word .docx: Heading/Title styles make heading blocks; date from core ``created``."""

    file_extensions = (".docx",)

    def parse(self, data: bytes, path: Path) -> Source:
        document = _open(data)
        body = document.element.body
        walker = _Walker(document)
        items = list(walker.items(body)) if body is not None else []
        blocks = make_blocks(items)
        properties = document.core_properties

        created = properties.created
        if created is not None and created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        reference = None
        if created is not None and created != _PYTHON_DOCX_TEMPLATE_CREATED:
            reference = parse_metadata_date(created)

        metadata: dict[str, Any] = {}
        for key in _EXTRA_PROPERTIES:
            value = getattr(properties, key, None)
            if value not in (None, ""):
                metadata[key] = value
        if created is not None:
            metadata["created"] = created

        return build_source(
            path,
            title=text_or_none(properties.title),
            blocks=blocks,
            reference=reference,
            lang=language_tag(properties.language),
            metadata=metadata,
            fallback_title=lambda: first_heading(
                b for b in blocks if not (b.heading and b.text in walker.table_headers)),
        )
