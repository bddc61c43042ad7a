"""View models -> Word documents with python-docx, using real Word styles."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from briefing.views import Briefing, EventEntry, Timeline

PAPER_SIZES = {"A4": (Mm(210), Mm(297)), "LETTER": (Mm(215.9), Mm(279.4))}
REFERENCE_DOCX = "reference.docx"
"""A Word file in a templates folder whose styles (and page set-up) the output takes."""

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(text: str) -> str:
    """Text python-docx accepts: characters XML 1.0 forbids and lone surrogates removed."""
    return _XML_FORBIDDEN.sub("", text)


def _new_document(user_dirs: Sequence[Path], paper: str, margins_mm: float) -> DocumentType:
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
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAPER_SIZES.get(paper.upper(), PAPER_SIZES["A4"])
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(margins_mm))
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Liberation Serif"
    normal.font.size = Pt(10.5)
    normal.paragraph_format.space_after = Pt(3)
    for name, size in (("Title", 20), ("Heading 1", 13), ("Heading 2", 11.5), ("Heading 3", 10.5)):
        style = styles[name]
        style.font.name = "Liberation Sans"
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0x0B, 0x25, 0x45)
        style.paragraph_format.space_before = Pt(8 if name != "Title" else 0)
        style.paragraph_format.space_after = Pt(3)
    styles["Caption"].font.size = Pt(9)
    styles["Caption"].font.italic = False
    styles["Caption"].font.color.rgb = RGBColor(0x55, 0x55, 0x55)
    return document


def _add(document: DocumentType, text: str, style: str | None = None) -> Paragraph:
    return document.add_paragraph(clean(text), style=style)


def _refs(refs: Sequence[int]) -> str:
    return "".join(f"[{r}]" for r in refs)


def _add_field(paragraph: Paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES, TOC …) Word computes when the document is opened."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, placeholder, end):
        run._r.append(element)


def _set_properties(document: DocumentType, title: str, subject: str, author: str,
                    keywords: str, created: datetime) -> None:
    props = document.core_properties
    props.title = clean(title)
    props.subject = clean(subject)
    props.author = author
    props.last_modified_by = author
    props.keywords = clean(keywords)
    props.created = created
    props.modified = created
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


def render_briefing_docx(briefing: Briefing, *, paper: str = "A4", author: str = "briefing",
                         created: datetime, user_dirs: Sequence[Path] = ()) -> bytes:
    """The one-page briefing as a Word document (same content as the PDF)."""
    document = _new_document(user_dirs, paper, margins_mm=16)
    _add(document, briefing.title, "Title")
    meta = f"Briefing · as of {briefing.as_of}"
    if briefing.span:
        meta += f" · covers {briefing.span}"
    _add(document, meta, "Caption")
    if briefing.bottom_line:
        _add(document, "Bottom line", "Heading 1")
        for point in briefing.bottom_line:
            _add(document, point, "List Bullet")
    _add(document, "Key dates", "Heading 1")
    if not briefing.key_dates:
        _add(document, "No dated events were found in the sources.", "Caption")
    for event in briefing.key_dates:
        _add_event_line(document, event)
    if briefing.key_people:
        _add(document, "Key people and organisations", "Heading 1")
        _add(document, ", ".join(briefing.key_people) + ".")
    if briefing.quotes:
        _add(document, "Quotes", "Heading 1")
        for quote in briefing.quotes:
            speaker = f" — {quote.speaker}" if quote.speaker else ""
            _add(document, f"“{quote.text}”{speaker} {_refs(quote.refs)}", "Quote")
    _add_sources(document, briefing.sources, compact=True)
    if briefing.more_sources:
        _add(document, f"and {briefing.more_sources} more source(s): see the full timeline.",
             "Caption")
    _set_properties(document, briefing.title, f"Briefing as of {briefing.as_of}", author,
                    ", ".join(("briefing", *briefing.key_people[:5])), created)
    return _save(document, created)


def _add_event_line(document: DocumentType, event: EventEntry) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(clean(event.date_label) + " — ").bold = True
    paragraph.add_run(clean(event.summary) + " " + _refs(event.refs))


def _add_sources(document: DocumentType, sources: Sequence, compact: bool) -> None:
    _add(document, "Sources", "Heading 1")
    for s in sources:
        parts = [f"[{s.number}] {s.title}"]
        if s.publisher:
            parts.append(s.publisher)
        if s.date_label:
            parts.append(s.date_label + (" (date assumed)" if s.date_guessed else ""))
        line = ", ".join(parts) + "."
        if not compact:
            line += f" File {s.name}; {s.event_count} event(s)."
        if s.url:
            line += f" {s.url}"
        _add(document, line, "Caption" if compact else None)


def render_timeline_docx(timeline: Timeline, *, paper: str = "A4", author: str = "briefing",
                         created: datetime, user_dirs: Sequence[Path] = ()) -> bytes:
    """The full timeline as a Word document: headings per year and month, page numbers."""
    document = _new_document(user_dirs, paper, margins_mm=18)
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run("Page ")
    _add_field(footer, "PAGE")
    footer.add_run(" of ")
    _add_field(footer, "NUMPAGES")
    document.sections[0].header.paragraphs[0].text = clean(f"{timeline.title} — Timeline")

    _add(document, timeline.title, "Title")
    _add(document, f"Timeline · as of {timeline.as_of}", "Caption")
    summary = f"{timeline.event_count} dated event(s) from {timeline.source_count} source(s)"
    if timeline.span:
        summary = f"Covers {timeline.span}: " + summary
    if timeline.undated:
        summary += f", {len(timeline.undated)} undated item(s)"
    _add(document, summary + ".")
    if timeline.guessed_sources:
        _add(document, "Reference date assumed (not given by the source) for: " + "; ".join(
            f"[{s.number}] {s.title}" for s in timeline.guessed_sources) + ".")
    for year in timeline.years:
        _add(document, year.label, "Heading 1")
        for month in year.months:
            if month.label:
                _add(document, month.label, "Heading 2")
            for event in month.events:
                _add_event_line(document, event)
                if event.dated_by_source:
                    _add(document, "(publication date of the source)", "Caption")
                if event.sentence:
                    _add(document, event.sentence)
                if event.details:
                    more = f" (+{event.more_details} more sentence(s) of context in source " \
                           f"{_refs(event.refs)})" if event.more_details else ""
                    _add(document, " ".join(event.details) + more)
    if timeline.undated:
        _add(document, "Undated", "Heading 1")
        for item in timeline.undated:
            _add(document, f"{item.text} {_refs(item.refs)}", "List Bullet")
    _add_sources(document, timeline.sources, compact=False)
    if timeline.problems:
        _add(document, "Sources that could not be read", "Heading 1")
        for problem in timeline.problems:
            _add(document, problem, "List Bullet")
    _set_properties(document, timeline.title, f"Timeline as of {timeline.as_of}", author,
                    "timeline, chronology", created)
    return _save(document, created)
