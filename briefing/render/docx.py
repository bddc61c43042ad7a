"""View models -> Word documents with python-docx, using real Word styles.

Everything a reader sees is set through named styles (Title, Subtitle, Heading 1–3, List Bullet,
Quote, Caption, Hyperlink, TOC 1–2 and two of our own, "Event" and "Event Detail"), never through
direct formatting, so a `reference.docx` in a templates folder restyles the whole document
without code (like pandoc's `--reference-doc`).

Fonts: the house style names Times New Roman and Arial, which every copy of Word has; on Linux
they resolve to Liberation Serif and Liberation Sans, which have the same metrics, so a page laid
out by LibreOffice here breaks its lines where Word does.

The one-page briefing is kept to one page by measuring the built document (`briefing_height`,
`briefing_fits`): every paragraph is word-wrapped with the real advance widths of its font and
its style's size, spacing and indents, against the section's page size and margins.
"""

from __future__ import annotations

import functools
import io
import re
import shutil
import subprocess
import weakref
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.parser import oxml_parser
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph

from briefing.views import Briefing, EventEntry, Origin, SourceEntry, Timeline, cites_line

PAPER_SIZES = {"A4": (Mm(210), Mm(297)), "LETTER": (Mm(215.9), Mm(279.4))}
REFERENCE_DOCX = "reference.docx"
"""A Word file in a templates folder whose styles (and page set-up) the output takes."""

SERIF = "Times New Roman"
SANS = "Arial"
INK = RGBColor(0x1A, 0x1A, 0x1A)
NAVY = RGBColor(0x0B, 0x25, 0x45)
BLUE = RGBColor(0x13, 0x31, 0x5C)
GREY = RGBColor(0x55, 0x55, 0x55)
RED = RGBColor(0x8D, 0x08, 0x01)

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Text python-docx accepts: characters XML 1.0 forbids and lone surrogates removed."""
    return _XML_FORBIDDEN.sub("", text)


# --- styles -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Look:
    font: str
    size: float
    bold: bool = False
    italic: bool = False
    caps: bool = False
    color: RGBColor = INK
    before: float = 0
    after: float = 3
    line: float = 1.15
    """Line spacing, a multiple of the font's single line."""
    left: float = 0
    keep_next: bool = False
    border: RGBColor | None = None
    """A rule under the paragraph (section headings)."""


_BRIEFING_LOOKS = {
    "Normal": _Look(SERIF, 10.5),
    "Title": _Look(SANS, 20, bold=True, color=NAVY, after=2, line=1.0),
    "Subtitle": _Look(SANS, 9, color=GREY, after=6),
    "Heading 1": _Look(SANS, 10, bold=True, caps=True, color=BLUE, before=10, after=4,
                       keep_next=True, border=BLUE),
    "Heading 2": _Look(SANS, 10.5, bold=True, color=BLUE, before=8, after=3, keep_next=True),
    "Heading 3": _Look(SANS, 9.5, bold=True, color=NAVY, before=6, after=1, keep_next=True),
    "List Bullet": _Look(SERIF, 10.5, after=2),
    "Quote": _Look(SERIF, 10.5, italic=True, color=INK, after=4, left=10),
    "Caption": _Look(SERIF, 9, color=GREY, after=1),
    "Event": _Look(SERIF, 10.5, after=3),
    "Event Detail": _Look(SERIF, 9.5, color=RGBColor(0x33, 0x33, 0x33), after=2, left=8),
    "Header": _Look(SANS, 9, color=GREY, after=0),
    "Footer": _Look(SANS, 9, color=GREY, after=0),
    "TOC Heading": _Look(SANS, 10, bold=True, caps=True, color=BLUE, before=6, after=4,
                         border=BLUE),
    "TOC 1": _Look(SANS, 10, bold=True, color=NAVY, after=1),
    "TOC 2": _Look(SANS, 9.5, color=INK, after=1, left=12),
}
_TIMELINE_LOOKS = {
    **_BRIEFING_LOOKS,
    "Heading 1": _Look(SANS, 13, bold=True, color=NAVY, before=14, after=4, keep_next=True,
                       border=BLUE),
    "Heading 2": _Look(SANS, 11, bold=True, color=BLUE, before=10, after=3, keep_next=True),
    "Event": _Look(SERIF, 10.5, bold=True, after=2),
    "Caption": _Look(SANS, 9, color=RED, after=1, keep_next=True),
}
_CUSTOM = {"Event": "Normal", "Event Detail": "Normal", "TOC 1": "Normal", "TOC 2": "Normal"}
"""Styles the default Word template lacks: (name, based on). Made when missing."""


def _style(document: DocumentType, name: str) -> BaseStyle:
    """The named paragraph style, created (plain, based on Normal) when the document lacks it,
    so a reference document does not need to define our own styles."""
    styles = document.styles
    try:
        return styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[_CUSTOM.get(name, "Normal")]
        style.hidden = False
        style.quick_style = True
        return style


class _StyleIds:
    """Per document: paragraph style name -> the id a paragraph's w:pStyle gets (None for the
    default paragraph style, which python-docx leaves implicit), and the Hyperlink style's id.
    `document.styles[name]` and the default-style check are linear searches of styles.xml, far
    too slow once per paragraph of a long timeline."""

    def __init__(self) -> None:
        self.paragraph: dict[str, str | None] = {}
        self.hyperlink: str | None = None


_STYLE_IDS: weakref.WeakKeyDictionary[object, _StyleIds] = weakref.WeakKeyDictionary()


def _style_ids(document: DocumentType) -> _StyleIds:
    ids = _STYLE_IDS.get(document.part)
    if ids is None:
        ids = _STYLE_IDS[document.part] = _StyleIds()
    return ids


def _style_id(document: DocumentType, name: str) -> str | None:
    """What `paragraph.style = _style(document, name)` writes into w:pStyle (None: nothing)."""
    ids = _style_ids(document)
    try:
        return ids.paragraph[name]
    except KeyError:
        style_id = document.part.get_style_id(_style(document, name), WD_STYLE_TYPE.PARAGRAPH)
        ids.paragraph[name] = style_id
        return style_id


def _hyperlink_style(document: DocumentType) -> str:
    ids = _style_ids(document)
    if ids.hyperlink is None:
        ids.hyperlink = _hyperlink_style_lookup(document)
    return ids.hyperlink


def _hyperlink_style_lookup(document: DocumentType) -> str:
    styles = document.styles
    try:
        return styles["Hyperlink"].style_id
    except KeyError:
        style = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        style.font.color.rgb = BLUE
        style.font.underline = False
        return style.style_id


def _apply_look(style: BaseStyle, look: _Look) -> None:
    font = style.font
    font.name = look.font
    r_fonts = style.element.get_or_add_rPr().find(qn("w:rFonts"))
    if r_fonts is not None:  # theme fonts would win over the named font: drop them
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            r_fonts.attrib.pop(qn(attr), None)
        r_fonts.set(qn("w:cs"), look.font)
        r_fonts.set(qn("w:eastAsia"), look.font)
    rpr = style.element.get_or_add_rPr()
    for old in rpr.findall(qn("w:spacing")):  # character spacing (Title, Subtitle): none
        rpr.remove(old)
    font.size = Pt(look.size)
    font.bold = look.bold
    font.italic = look.italic
    font.all_caps = look.caps
    font.color.rgb = look.color
    fmt = style.paragraph_format
    fmt.space_before = Pt(look.before)
    fmt.space_after = Pt(look.after)
    fmt.line_spacing = look.line
    fmt.left_indent = Pt(look.left) if look.left else None
    fmt.keep_with_next = look.keep_next or None
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")):
        ppr.remove(old)
    if look.border is not None:
        border = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("w:val", "single"), ("w:sz", "8"), ("w:space", "2"),
                           ("w:color", str(look.border))):
            bottom.set(qn(key), value)
        border.append(bottom)
        _insert_ppr_child(ppr, border)


_PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
              "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr")


def _insert_ppr_child(ppr, element) -> None:  # type: ignore[no-untyped-def]
    """Insert into w:pPr after the children the schema puts before it (pBdr comes early)."""
    before = {qn(t) for t in _PPR_ORDER}
    index = 0
    for i, child in enumerate(ppr):
        if child.tag in before:
            index = i + 1
    ppr.insert(index, element)


def _house_style(document: DocumentType, looks: dict[str, _Look], paper: str,
                 margins_mm: tuple[float, float, float, float]) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAPER_SIZES.get(paper.upper(), PAPER_SIZES["A4"])
    top, right, bottom, left = margins_mm
    section.top_margin, section.right_margin = Mm(top), Mm(right)
    section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
    section.header_distance = section.footer_distance = Mm(8)
    for name, look in looks.items():
        _apply_look(_style(document, name), look)
    _hyperlink_style(document)


def _new_document(user_dirs: Sequence[Path], looks: dict[str, _Look], paper: str,
                  margins_mm: tuple[float, float, float, float]) -> DocumentType:
    """The user's reference.docx (its styles and page set-up, its body emptied), else ours."""
    for folder in user_dirs:
        reference = Path(folder) / REFERENCE_DOCX
        if reference.is_file():
            document = Document(str(reference))
            body = document.element.body
            for child in list(body):
                if child.tag != qn("w:sectPr"):
                    body.remove(child)
            return document
    document = Document()
    _house_style(document, looks, paper, margins_mm)
    return document


# --- building blocks --------------------------------------------------------------------------


@functools.cache
def _tag(nsptag: str) -> tuple[str, dict[str, str]]:
    tag = NamespacePrefixedTag(nsptag)
    return tag.clark_name, tag.nsmap


def _new(nsptag: str):  # type: ignore[no-untyped-def]
    """`OxmlElement(nsptag)` (same element class, same namespace declaration) without
    re-parsing the tag every time: tens of thousands of elements in a long timeline."""
    clark, nsmap = _tag(nsptag)
    return oxml_parser.makeelement(clark, nsmap=nsmap)


_SECT_PR = qn("w:sectPr")
_XML_SPACE = qn("xml:space")
_VAL = qn("w:val")


def _add(document: DocumentType, text: str, style: str = "Normal") -> Paragraph:
    """`document.add_paragraph(clean(text), style=_style(document, style))`, the same XML made
    in constant time: python-docx looks the style up by name and finds the body's w:sectPr by
    scanning every paragraph before it (quadratic over a long document)."""
    body = document.element.body
    p = _new("w:p")
    ppr = _new("w:pPr")  # python-docx always adds one, empty for the default style
    style_id = _style_id(document, style)
    if style_id is not None:
        p_style = _new("w:pStyle")
        p_style.set(_VAL, style_id)
        ppr.append(p_style)
    p.append(ppr)
    try:  # not len(body): lxml counts the children
        last = body[-1]
    except IndexError:
        last = None
    if last is not None and last.tag == _SECT_PR:
        last.addprevious(p)
    else:
        body.append(p)
    text = clean(text)
    if text:
        r = _new("w:r")
        p.append(r)
        if "\t" in text or "\n" in text or "\r" in text:
            r.text = text  # CT_R.text: tabs and line breaks become w:tab / w:br
        else:
            t = _new("w:t")
            t.text = text
            r.append(t)
            if len(text.strip()) < len(text):
                t.set(_XML_SPACE, "preserve")
    return Paragraph(p, document._body)


def _keep_with_next(paragraph: Paragraph) -> None:
    """`paragraph.paragraph_format.keep_with_next = True` for a paragraph made by `_add`."""
    ppr = paragraph._p.get_or_add_pPr()
    if ppr.find(qn("w:keepNext")) is not None:
        return
    keep = _new("w:keepNext")
    if len(ppr) and ppr[0].tag == qn("w:pStyle"):
        ppr[0].addnext(keep)
    else:
        ppr.insert(0, keep)


def _refs(refs: Sequence[int], more: int = 0) -> str:
    return "".join(f"[{r}]" for r in refs) + (f" +{more} more" if more else "")


def _run(paragraph: Paragraph, text: str, char_style: str | None = None) -> None:
    run = paragraph.add_run(clean(text))
    if char_style:
        run.style = paragraph.part.document.styles[char_style]


def _link(paragraph: Paragraph, text: str, *, url: str | None = None,
          anchor: str | None = None) -> None:
    """A hyperlink run: to a URL (external relationship) or a bookmark in the document."""
    link = _new("w:hyperlink")
    if url is not None:
        link.set(qn("r:id"), _hyperlink_id(paragraph.part, url))
    if anchor is not None:
        link.set(qn("w:anchor"), anchor)
    link.set(qn("w:history"), "1")
    run = _new("w:r")
    rpr = _new("w:rPr")
    rstyle = _new("w:rStyle")
    rstyle.set(qn("w:val"), _hyperlink_style(paragraph.part.document))
    rpr.append(rstyle)
    run.append(rpr)
    t = _new("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = clean(text)
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


_LINK_IDS: weakref.WeakKeyDictionary[Part, dict[str, str]] = weakref.WeakKeyDictionary()
"""Each document part's external links: relationship id by URL."""


def _hyperlink_id(part: Part, url: str) -> str:
    """The relationship id of an external link to `url` in `part`, added once per URL.

    python-docx's `relate_to` looks for an existing relationship, then for a free id, by
    walking them all: quadratic, 3 s for 4,000 links, minutes for a timeline of 10,000 events
    each citing its own article. The ids made here are kept by part and URL."""
    known = _LINK_IDS.get(part)
    rels = part.rels
    if known is None:
        known = _LINK_IDS[part] = {rel.target_ref: rel.rId for rel in rels.values()
                                   if rel.is_external and rel.reltype == RT.HYPERLINK}
    rid = known.get(url)
    if rid is None:
        number = len(rels) + 1
        while f"rId{number}" in rels:
            number += 1
        rid = known[url] = f"rId{number}"
        rels.add_relationship(RT.HYPERLINK, url, rid, is_external=True)
    return rid


class _Bookmarks:
    """Word bookmarks (targets of internal links); ids are numbered in document order."""

    def __init__(self) -> None:
        self.next_id = 0

    def wrap(self, paragraph: Paragraph, name: str) -> None:
        start = _new("w:bookmarkStart")
        start.set(qn("w:id"), str(self.next_id))
        start.set(qn("w:name"), name)
        end = _new("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.next_id))
        self.next_id += 1
        ppr = paragraph._p.pPr
        paragraph._p.insert(1 if ppr is not None else 0, start)
        paragraph._p.append(end)


def _source_anchor(number: int) -> str:
    return f"source_{number}"  # Word bookmark names: letters, digits and underscores only


def _add_field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES …) Word computes when the document is shown."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None),
                       (None, placeholder), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


def _field_char(paragraph: Paragraph, kind: str, instruction: str | None = None) -> None:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    paragraph._p.append(run)
    if instruction:
        run = OxmlElement("w:r")
        instr = OxmlElement("w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = f" {instruction} "
        run.append(instr)
        paragraph._p.append(run)


def _update_fields_on_open(document: DocumentType) -> None:
    """`w:updateFields` in settings.xml: Word refreshes the TOC and page numbers on opening."""
    settings = document.settings.element
    for old in settings.findall(qn("w:updateFields")):
        settings.remove(old)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    # schema order: after w:zoom … w:documentProtection …; python-docx's template is happy with
    # it right after w:zoom (or first)
    zoom = settings.find(qn("w:zoom"))
    if zoom is not None:
        zoom.addnext(update)
    else:
        settings.insert(0, update)


def _set_properties(document: DocumentType, title: str, subject: str, author: str,
                    keywords: str, created: datetime) -> None:
    props = document.core_properties
    props.title = clean(title)
    props.subject = clean(subject)
    props.author = author
    props.last_modified_by = author
    props.keywords = clean(keywords)
    props.comments = "Made by briefing"
    props.created = created
    props.modified = created
    props.last_printed = created
    props.revision = 1


def _save(document: DocumentType, created: datetime) -> bytes:
    """Save with fixed zip timestamps so the same input gives the same bytes."""
    raw = io.BytesIO()
    document.save(raw)
    stamp = (max(created.year, 1980), created.month, created.day,
             created.hour, created.minute, created.second)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _source_line(s: SourceEntry, compact: bool) -> str:
    parts = [s.title]
    if s.publisher:
        parts.append(s.publisher)
    if s.date_label:
        parts.append(s.date_label + (" (date assumed)" if s.date_guessed else ""))
    line = ", ".join(parts) + "."
    if not compact:
        line += f" File {s.name}; {s.event_count} event(s)."
    return line


# --- the briefing -----------------------------------------------------------------------------

BRIEFING_MARGINS_MM = (16, 16, 14, 16)
"""Top, right, bottom, left: as the PDF's @page."""


def build_briefing_document(briefing: Briefing, *, paper: str = "A4",
                            user_dirs: Sequence[Path] = ()) -> DocumentType:
    """The one-page briefing as a python-docx Document (same content as the PDF)."""
    document = _new_document(user_dirs, _BRIEFING_LOOKS, paper, BRIEFING_MARGINS_MM)
    _add(document, briefing.title, "Title")
    meta = f"Briefing · as of {briefing.as_of}"
    if briefing.span:
        meta += f" · covers {briefing.span}"
    _add(document, meta, "Subtitle")
    if briefing.bottom_line:
        _add(document, "Bottom line", "Heading 1")
        for point in briefing.bottom_line:
            _add(document, point, "List Bullet")
    _add(document, "Key dates", "Heading 1")
    if not briefing.key_dates:
        _add(document, "No dated events were found in the sources.", "Caption")
    for event in briefing.key_dates:
        paragraph = _add(document, "", "Event")
        _run(paragraph, event.date_label, "Strong")
        _run(paragraph, f" — {event.summary} {_refs(event.refs, event.more_refs)}")
        _add_origins(paragraph, event.origins)
    if briefing.key_people:
        _add(document, "Key people and organisations", "Heading 1")
        _add(document, " · ".join(briefing.key_people))
    if briefing.quotes:
        _add(document, "Quotes", "Heading 1")
        for quote in briefing.quotes:
            speaker = f" — {quote.speaker}" if quote.speaker else ""
            _add(document, f"“{quote.text}”{speaker} {_refs(quote.refs)}", "Quote")
    _add(document, "Sources", "Heading 1")
    for s in briefing.sources:
        paragraph = _add(document, f"[{s.number}] {_source_line(s, compact=True)}", "Caption")
        if s.url:
            paragraph.add_run(" ")
            _link(paragraph, s.site or s.url, url=s.url)
    if briefing.more_sources:
        _add(document, f"and {briefing.more_sources} more source(s): see the full timeline.",
             "Caption")
    return document


def render_briefing_docx(briefing: Briefing, *, paper: str = "A4", author: str = "briefing",
                         created: datetime, user_dirs: Sequence[Path] = ()) -> bytes:
    """The one-page briefing as Word file bytes."""
    document = build_briefing_document(briefing, paper=paper, user_dirs=user_dirs)
    _set_properties(document, briefing.title, f"One-page briefing, as of {briefing.as_of}",
                    author, ", ".join(("briefing", "chronology", *briefing.key_people[:5])),
                    created)
    return _save(document, created)


# --- the timeline -----------------------------------------------------------------------------

TIMELINE_MARGINS_MM = (20, 18, 18, 18)


def _add_toc(document: DocumentType, entries: list[tuple[int, str, str]]) -> None:
    """A TOC field (headings 1–2, hyperlinked) whose shown result is already filled in, so the
    contents read right before Word updates the field (it does on opening: updateFields)."""
    _add(document, "Contents", "TOC Heading")
    if not entries:
        return
    paragraphs = []
    for level, text, anchor in entries:
        paragraph = _add(document, "", f"TOC {level}")
        paragraphs.append((paragraph, text, anchor))
    first = paragraphs[0][0]
    _field_char(first, "begin", 'TOC \\o "1-2" \\h \\z \\u')
    _field_char(first, "separate")
    for paragraph, text, anchor in paragraphs:
        _link(paragraph, text, anchor=anchor)
    _field_char(paragraphs[-1][0], "end")


def build_timeline_document(timeline: Timeline, *, paper: str = "A4",
                            user_dirs: Sequence[Path] = ()) -> DocumentType:
    """The full timeline: Heading 1 per year, 2 per month, 3 per day; numbered citations
    linked to the sources appendix; a table of contents; page X of Y in the footer."""
    document = _new_document(user_dirs, _TIMELINE_LOOKS, paper, TIMELINE_MARGINS_MM)
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = clean(f"{timeline.title} — Timeline")
    header.style = _style(document, "Header")
    footer = section.footer.paragraphs[0]
    footer.style = _style(document, "Footer")
    footer.add_run("Page ")
    _add_field(footer, "PAGE")
    footer.add_run(" of ")
    _add_field(footer, "NUMPAGES")
    bookmarks = _Bookmarks()

    _add(document, timeline.title, "Title")
    _add(document, f"Timeline · as of {timeline.as_of}", "Subtitle")
    summary = f"{timeline.event_count} dated event(s) from {timeline.source_count} source(s)"
    if timeline.span:
        summary = f"Covers {timeline.span}: " + summary
    if timeline.undated:
        summary += f", {len(timeline.undated)} undated item(s)"
    _add(document, summary + ".")
    if timeline.guessed_sources:
        _add(document, "Reference date assumed (not given by the source) for: " + "; ".join(
            f"[{s.number}] {s.title}" for s in timeline.guessed_sources) + ".")
    if timeline.problems:
        _add(document, f"{len(timeline.problems)} source problem(s): see the end of this "
                       "document.")

    toc: list[tuple[int, str, str]] = []
    summary_end = document.paragraphs[-1]._p  # the TOC goes here, once the headings are known

    def heading(text: str, level: int) -> None:
        paragraph = _add(document, text, f"Heading {level}")
        if level <= 2:
            anchor = f"_Toc{len(toc) + 1:06d}"
            bookmarks.wrap(paragraph, anchor)
            toc.append((level, text, anchor))

    for year in timeline.years:
        heading(year.label, 1)
        for month in year.months:
            if month.label:
                heading(month.label, 2)
            for day in month.days:
                if day.label:
                    _add(document, day.label, "Heading 3")
                for event in day.events:
                    _add_timeline_event(document, event)
    if timeline.undated:
        heading("Undated", 1)
        for item in timeline.undated:
            paragraph = _add(document, item.text + " ", "List Bullet")
            _cite(paragraph, item.refs)
    heading("Sources", 1)
    for s in timeline.sources:
        paragraph = _add(document, f"[{s.number}] {_source_line(s, compact=False)}")
        bookmarks.wrap(paragraph, _source_anchor(s.number))
        if s.url:
            paragraph.add_run(" ")
            _link(paragraph, s.url, url=s.url)
        if s.cites:
            paragraph.add_run(" " + cites_line(s))
    if timeline.problems:
        heading("Problems with the sources", 1)  # errors (not read) and warnings
        for problem in timeline.problems:
            _add(document, problem, "List Bullet")

    # the TOC goes after the summary: add it at the end, then move its paragraphs up
    body = document.element.body
    first_new = len(body) - 1  # body ends with w:sectPr; paragraphs are added before it
    _add_toc(document, toc)
    place = summary_end
    for element in list(body)[first_new:len(body) - 1]:
        place.addnext(element)
        place = element
    _update_fields_on_open(document)
    return document


def _cite(paragraph: Paragraph, refs: Iterable[int]) -> None:
    for r in refs:
        _link(paragraph, f"[{r}]", anchor=_source_anchor(r))


def _add_origins(paragraph: Paragraph, origins: Sequence[Origin]) -> None:
    """" (Reuters, AP)" after an event's citations: the publishers its event-list rows cite,
    each linked to its URL when it has one."""
    if not origins:
        return
    paragraph.add_run(" (")
    for i, origin in enumerate(origins):
        if i:
            paragraph.add_run(", ")
        if origin.url:
            _link(paragraph, origin.label, url=origin.url)
        else:
            paragraph.add_run(origin.label)
    paragraph.add_run(")")


def _add_timeline_event(document: DocumentType, event: EventEntry) -> None:
    if event.dated_by_source:
        _add(document, "Dated by the source’s publication date", "Caption")
    paragraph = _add(document, event.summary + " ", "Event")
    _cite(paragraph, event.refs)
    _add_origins(paragraph, event.origins)
    if event.sentence or event.details:
        # kept with its context; not a style property: chained "keep with next" paragraphs
        # (heading, event, heading, event …) would make whole pages unbreakable
        _keep_with_next(paragraph)
    if event.disagreement:
        _add(document, event.disagreement, "Caption")
    if event.sentence:
        _add(document, event.sentence, "Event Detail")
    if event.details:
        more = f" (+{event.more_details} more sentence(s) of context in source " \
               f"{_refs(event.refs)})" if event.more_details else ""
        _add(document, " ".join(event.details) + more, "Event Detail")


def render_timeline_docx(timeline: Timeline, *, paper: str = "A4", author: str = "briefing",
                         created: datetime, user_dirs: Sequence[Path] = ()) -> bytes:
    """The full timeline as Word file bytes."""
    document = build_timeline_document(timeline, paper=paper, user_dirs=user_dirs)
    _set_properties(
        document, timeline.title,
        f"Timeline of {timeline.event_count} events from {timeline.source_count} sources, "
        f"as of {timeline.as_of}", author,
        ", ".join(("timeline", "chronology", *timeline.key_people[:5])), created)
    return _save(document, created)


# --- measuring a Word document ----------------------------------------------------------------

BRIEFING_FILL = 0.94
"""Share of the page's text area the briefing may fill by our measure: the rest absorbs the
differences between word processors (line heights, kerning, spacing rules)."""

_FALLBACK_FONTS = {
    "sans": "/usr/share/fonts/truetype/liberation2/LiberationSans-{}.ttf",
    "serif": "/usr/share/fonts/truetype/liberation2/LiberationSerif-{}.ttf",
}
_SANS_HINTS = ("sans", "arial", "helvetica", "calibri", "verdana", "segoe", "gill", "futura",
               "franklin", "tahoma", "aptos", "carlito", "roboto", "open", "lato", "inter")


class _Metrics:
    """Advance widths and line height of one font file, in ems."""

    def __init__(self, path: str | None) -> None:
        self.widths: dict[int, float] = {}
        self.default = 0.6
        self.line = 1.2
        if path is None:
            return
        from fontTools.ttLib import TTFont  # a weasyprint dependency

        font = TTFont(path, lazy=True)
        upem = font["head"].unitsPerEm
        hmtx = font["hmtx"].metrics
        for code, glyph in font.getBestCmap().items():
            self.widths[code] = hmtx[glyph][0] / upem
        os2, hhea = font["OS/2"], font["hhea"]
        self.line = max((os2.usWinAscent + os2.usWinDescent) / upem,
                        (hhea.ascent - hhea.descent + hhea.lineGap) / upem)
        self.default = max(self.widths.get(ord("n"), 0.5), 0.5)

    def width(self, text: str) -> float:
        return sum(self.widths.get(ord(ch), self.default) for ch in text)


@functools.cache
def _font_file(family: str, bold: bool, italic: bool) -> str | None:
    """The file a word processor here would use for `family` (fontconfig's choice)."""
    if shutil.which("fc-match"):
        pattern = family + (":bold" if bold else "") + (":italic" if italic else "")
        try:
            found = subprocess.run(["fc-match", "-f", "%{file}", pattern], capture_output=True,
                                   text=True, timeout=10, check=False).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            found = ""
        if found and Path(found).is_file():
            return found
    kind = "sans" if any(h in family.lower() for h in _SANS_HINTS) else "serif"
    face = {(False, False): "Regular", (True, False): "Bold", (False, True): "Italic",
            (True, True): "BoldItalic"}[bold, italic]
    path = _FALLBACK_FONTS[kind].format(face)
    return path if Path(path).is_file() else None


@functools.cache
def _metrics(family: str, bold: bool, italic: bool) -> _Metrics:
    return _Metrics(_font_file(family, bold, italic))


def _chain(style: BaseStyle | None) -> Iterable[BaseStyle]:
    seen = 0
    while style is not None and seen < 20:
        yield style
        style = style.base_style
        seen += 1


def _first(styles: Iterable[BaseStyle], get):  # type: ignore[no-untyped-def]
    for style in styles:
        value = get(style)
        if value is not None:
            return value
    return None


@dataclass
class _Defaults:
    font: str
    size: float


def _doc_defaults(document: DocumentType) -> _Defaults:
    rpr = document.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/"
                                       + qn("w:rPr"))
    font, size = "Calibri", 10.0
    if rpr is not None:
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None and fonts.get(qn("w:ascii")):
            font = fonts.get(qn("w:ascii"))
        sz = rpr.find(qn("w:sz"))
        if sz is not None and sz.get(qn("w:val"), "").isdigit():
            size = int(sz.get(qn("w:val"))) / 2
    return _Defaults(font, size)


def _paragraph_height(paragraph: Paragraph, width_pt: float, defaults: _Defaults) -> float:
    styles = list(_chain(paragraph.style))
    fmt = paragraph.paragraph_format
    family = _first(styles, lambda s: s.font.name) or defaults.font
    size_len = _first(styles, lambda s: s.font.size)
    size = size_len.pt if size_len is not None else defaults.size
    bold = bool(_first(styles, lambda s: s.font.bold))
    italic = bool(_first(styles, lambda s: s.font.italic))
    caps = bool(_first(styles, lambda s: s.font.all_caps))
    before = fmt.space_before or _first(styles, lambda s: s.paragraph_format.space_before)
    after = fmt.space_after or _first(styles, lambda s: s.paragraph_format.space_after)
    left = fmt.left_indent or _first(styles, lambda s: s.paragraph_format.left_indent)
    right = fmt.right_indent or _first(styles, lambda s: s.paragraph_format.right_indent)
    indent = (left.pt if left else 0) + (right.pt if right else 0)
    if left is None and any(s.element.find(qn("w:pPr") + "/" + qn("w:numPr")) is not None
                            for s in styles):
        indent += 18  # a list level's usual indent
    spacing = fmt.line_spacing or _first(styles, lambda s: s.paragraph_format.line_spacing)
    rule = fmt.line_spacing_rule or _first(styles,
                                           lambda s: s.paragraph_format.line_spacing_rule)

    # words, each as (width, width of the space after it), in points
    words: list[tuple[float, float]] = []
    current = 0.0
    largest = size
    for item in paragraph.iter_inner_content():
        text = item.text
        run_bold, run_italic = bold, italic
        if hasattr(item, "bold"):  # a Run: its own style and direct formatting count too
            char_styles = list(_chain(item.style)) if item.style is not None else []
            run_bold = item.bold if item.bold is not None else bool(
                _first(char_styles, lambda s: s.font.bold) or bold)
            run_italic = item.italic if item.italic is not None else italic
            if item.font.size is not None:
                largest = max(largest, item.font.size.pt)
        metrics = _metrics(family, run_bold, run_italic)
        text = text.upper() if caps else text
        for piece in re.split(r"( )", text):
            if piece == " ":
                words.append((current, metrics.width(" ") * size))
                current = 0.0
            elif piece:
                current += metrics.width(piece) * size
    words.append((current, 0.0))

    available = max(width_pt - indent, 36.0)
    lines, used = 1, 0.0
    for word, space in words:
        if used > 0 and used + word > available:
            lines += 1
            used = 0.0
        while word > available:  # a word longer than the line (a URL) breaks anywhere
            lines += 1
            word -= available
        used += word + space

    single = _metrics(family, bold, italic).line * largest
    if isinstance(spacing, float):
        line_height = single * spacing
    elif spacing is not None and rule == WD_LINE_SPACING.EXACTLY:
        line_height = spacing.pt
    elif spacing is not None:
        line_height = max(single, spacing.pt)
    else:
        line_height = single
    border = 3.0 if any(s.element.find(qn("w:pPr") + "/" + qn("w:pBdr")) is not None
                        for s in styles) else 0.0
    return ((before.pt if before else 0) + lines * line_height + (after.pt if after else 0)
            + border)


def document_height(document: DocumentType) -> tuple[float, float]:
    """(measured height of the body's paragraphs, height of the first section's text area),
    in points. Paragraph spacing is added, never collapsed, so the measure errs long."""
    section = document.sections[0]
    width = (section.page_width - section.left_margin - section.right_margin) / Pt(1)
    area = (section.page_height - section.top_margin - section.bottom_margin) / Pt(1)
    defaults = _doc_defaults(document)
    height = sum(_paragraph_height(p, width, defaults) for p in document.paragraphs)
    return height, area


def briefing_fits(briefing: Briefing, *, paper: str = "A4",
                  user_dirs: Sequence[Path] = ()) -> bool:
    """Whether the Word briefing stays on one page (within BRIEFING_FILL of its text area)."""
    height, area = document_height(build_briefing_document(briefing, paper=paper,
                                                           user_dirs=user_dirs))
    return height <= area * BRIEFING_FILL
