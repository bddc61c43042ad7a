"""Long timelines to PDF in bounded memory: laid out in parts, in worker processes, then joined.

weasyprint holds a whole document in memory while it lays it out (about 1.4 MB a page here:
10,000 events, 820 pages, took 1.1 GB) and slows down as a document grows. A timeline of at
least `CHUNKED_MIN_EVENTS` events is therefore cut into parts of about `PART_EVENTS` events,
at month boundaries where possible (else at a day, else between events), and each part is laid
out by weasyprint in a worker process; pypdf joins the parts. Smaller timelines (the demo, a few
hundred events) keep the single pass of `briefing.render.pdf`.

What a reader sees of the join:

* each part starts on a new page (a part boundary reads like a page break before a month);
  the title block opens the first part, the Undated and Sources appendices close the last;
  a year (or month, day) cut in two is not headed again in the part that continues it;
* "Page X of Y" runs over the whole document: every part is laid out twice, first to count its
  pages, then with its first page number and the total set by a user stylesheet
  (``@page :first { counter-reset: page N }`` and a literal total in the footer), since
  weasyprint's ``counter(pages)`` only knows the part's own pages;
* the running title (``string(doctitle)``, set by the ``h1`` of the first part) is given to the
  later parts by the same stylesheet;
* citations ``[n]`` link to the sources appendix in the last part: the other parts carry them as
  ``briefing-source:n`` URIs, turned into links to the named destination ``source-n`` when
  joined;
* the outline (bookmarks per year and month, appendices) is rebuilt over the whole document
  from each part's bookmarks; the metadata (title, author, subject, keywords, dates, XMP) and
  the tagged structure (PDF/UA) of the parts are joined into one.

The output is the same bytes for the same inputs when SOURCE_DATE_EPOCH is set (the parts are,
and the join adds nothing time- or random-dependent: the file identifier is a hash).

Memory: a worker holds one part at a time (about 60 MB a part of `PART_EVENTS` events, on top
of its ~70 MB of libraries); the main process holds the parts' PDF bytes and the joined file.
"""

from __future__ import annotations

import hashlib
import io
import logging
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from briefing.views import DayGroup, EventEntry, MonthGroup, Timeline, YearGroup

log = logging.getLogger(__name__)

CHUNKED_MIN_EVENTS = 1500
"""Timelines with fewer events are laid out in one pass (at 1,000 events: 81 pages, ~4 s,
~190 MB); from this many on, in parts."""
PART_EVENTS = 400
"""Events per part (about 33 pages here): small enough to keep a worker near 150 MB, large
enough that a part's fixed cost (stylesheets, fonts) stays a few per cent of its time."""
SOURCE_URI = "briefing-source:"
"""How citations to the sources appendix leave a part that lacks the appendix."""


@dataclass(frozen=True)
class Part:
    """Where a part stands in the whole document; the template sees it as `chunk`."""

    index: int
    first: bool
    """Opens the document: the title block is shown."""
    last: bool
    """Closes the document: the appendices (Undated, Sources, problems) are shown."""
    continues_year: bool
    """Its first year began in the previous part: that year's heading is not repeated."""
    events: int


# --- cutting the timeline into parts ------------------------------------------------------


def _walk(timeline: Timeline) -> Iterator[tuple[int, int, int, EventEntry]]:
    for y, year in enumerate(timeline.years):
        for m, month in enumerate(year.months):
            for d, day in enumerate(month.days):
                for event in day.events:
                    yield y, m, d, event


def plan_parts(timeline: Timeline, size: int = PART_EVENTS) -> list[tuple[Timeline, Part]]:
    """The timeline cut into parts of about `size` events, each a Timeline of its own years.

    A part closes at the first month boundary after `size` events, or at a day boundary after
    2 × `size`, or anywhere after 3 × `size` (a single day of thousands of events).
    """
    size = max(1, size)
    cuts: list[int] = [0]  # index of the first event of each part
    previous: tuple[int, int, int] | None = None
    count = 0
    for i, (y, m, d, _) in enumerate(_walk(timeline)):
        if previous is not None:
            new_month = previous[:2] != (y, m)
            new_day = previous != (y, m, d)
            if (count >= size and new_month) or (count >= 2 * size and new_day) \
                    or count >= 3 * size:
                cuts.append(i)
                count = 0
        previous = (y, m, d)
        count += 1
    total = sum(1 for _ in _walk(timeline))
    bounds = list(zip(cuts, [*cuts[1:], total], strict=True))
    parts = []
    for index, (start, stop) in enumerate(bounds):
        years, continues_year = _slice(timeline, start, stop)
        first, last = index == 0, index == len(bounds) - 1
        parts.append((replace(timeline, years=years),
                      Part(index, first, last, continues_year, stop - start)))
    return parts


def _slice(timeline: Timeline, start: int, stop: int) -> tuple[tuple[YearGroup, ...], bool]:
    """The year groups holding events [start, stop); headings of groups begun before `start`
    are dropped (label None for months and days, `continues_year` for the year)."""
    years: list[YearGroup] = []
    i = 0
    continues_year = False
    for year in timeline.years:
        months: list[MonthGroup] = []
        year_started = i < start
        for month in year.months:
            days: list[DayGroup] = []
            month_started = i < start
            for day in month.days:
                day_started = i < start
                picked = tuple(e for k, e in enumerate(day.events, start=i) if start <= k < stop)
                i += len(day.events)
                if picked:
                    days.append(DayGroup(None if day_started else day.label, picked))
            if days:
                label = None if month_started else month.label
                months.append(MonthGroup(label, tuple(e for d in days for e in d.events),
                                         tuple(days)))
        if months:
            if year_started and not years:
                continues_year = True
            years.append(YearGroup(year.label, tuple(months)))
        if i >= stop:
            break
    return tuple(years), continues_year


# --- the stylesheet that numbers a part's pages -------------------------------------------


def _css_string(text: str) -> str:
    """A CSS string literal of any text (every character not a letter, digit or space is
    written as a hex escape, so a title can never close the string or the rule)."""
    return '"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} "
                         for ch in text) + '"'


def part_css(part: Part, first_page: int, total: int, title: str) -> str:
    """User stylesheet of a part: page numbers continue from the parts before it, the footer
    names the whole document's page count, and later parts get the running title."""
    css = (f"@page :first {{ counter-reset: page {first_page} !important; }}\n"
           f'@page {{ @bottom-center {{ content: "Page " counter(page) " of {total}" '
           "!important; } }\n")
    if not part.first:
        css += f"@page {{ @top-left {{ content: {_css_string(title)} !important; }} }}\n"
    return css


# --- work done in the worker processes ----------------------------------------------------


@dataclass(frozen=True)
class _Job:
    html: str
    css: str
    dirs: tuple[str, ...]


def _lay_out(job: _Job):  # type: ignore[no-untyped-def]
    from briefing.render.pdf import layout

    return layout(job.html, [Path(d) for d in job.dirs], stylesheets=(job.css,))


def _count_pages(job: _Job) -> int:
    return len(_lay_out(job).pages)


Bookmark = tuple[int, int, str, float, float]
"""(page index in the part, level, label, x, y in PDF points from the bottom left)."""


def _render_part(job: _Job) -> tuple[bytes, list[Bookmark]]:
    from briefing.render.pdf import write_pdf

    document = _lay_out(job)
    scale = 0.75  # CSS px -> PDF pt, as weasyprint writes its own outline
    bookmarks = [(n, level, label, x * scale, (page.height - y) * scale)
                 for n, page in enumerate(document.pages)
                 for level, label, (x, y), _state in page.bookmarks]
    return write_pdf(document), bookmarks


# --- the whole ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChunkedPdf:
    data: bytes
    pages: int
    parts: int


def render_timeline_pdf(timeline: Timeline, part_html: Callable[[Timeline, Part], str],
                        dirs: Sequence[Path], jobs: int | None = None,
                        size: int | None = None, executor: Executor | None = None
                        ) -> ChunkedPdf:
    """The timeline's PDF laid out in parts by `jobs` worker processes and joined.

    `part_html` renders a part's view to HTML (the template sees the Part as `chunk`).
    """
    parts = plan_parts(timeline, size or PART_EVENTS)
    folders = tuple(str(Path(d).resolve()) for d in dirs)
    html = [_source_links(part_html(view, part), part) for view, part in parts]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(parts)))
    log.info("timeline of %d events: %d parts, %d worker(s)", timeline.event_count,
             len(parts), jobs)

    def run(pool: Executor) -> tuple[list[tuple[bytes, list[Bookmark]]], list[int]]:
        probe = [_Job(h, part_css(p, 1, 99999, timeline.title), folders)
                 for h, (_, p) in zip(html, parts, strict=True)]
        counts = list(pool.map(_count_pages, probe))
        total = sum(counts)
        starts = [1 + sum(counts[:i]) for i in range(len(counts))]
        final = [_Job(h, part_css(p, s, total, timeline.title), folders)
                 for h, (_, p), s in zip(html, parts, starts, strict=True)]
        return list(pool.map(_render_part, final)), counts

    if executor is not None:
        rendered, counts = run(executor)
    else:
        context = multiprocessing.get_context("fork") if "fork" in \
            multiprocessing.get_all_start_methods() else None
        with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
            rendered, counts = run(pool)
    # joined once the workers are gone: their memory and the join's never add up
    return ChunkedPdf(join_parts(rendered, counts), sum(counts), len(parts))


def _source_links(html: str, part: Part) -> str:
    """Citations in a part without the sources appendix leave it as `SOURCE_URI` links (the
    template escapes every attribute value, so no source text can contain this markup)."""
    if part.last:
        return html
    return html.replace('href="#source-', f'href="{SOURCE_URI}')


# --- joining the parts --------------------------------------------------------------------


def join_parts(rendered: Sequence[tuple[bytes, list[Bookmark]]], counts: Sequence[int]) -> bytes:
    """One PDF of the parts: pages, named destinations and links, outline, metadata, and the
    tagged structure; byte-reproducible."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, Fit, NameObject, TextStringObject

    writer = PdfWriter()
    structure = _Structure(writer)
    offsets = []
    first_metadata: dict[str, Any] = {}
    page_offset = 0
    for index, ((data, _), expected) in enumerate(zip(rendered, counts, strict=True)):
        reader = PdfReader(io.BytesIO(data))
        if len(reader.pages) != expected:
            raise RuntimeError(f"a part laid out to {expected} pages, then {len(reader.pages)}")
        writer.append(reader, import_outline=False)
        if index == 0:
            _copy_catalog(writer, reader)
            first_metadata = dict(reader.metadata or {})
        structure.add(reader, page_offset)
        # forget the part: pypdf would keep every object of every part read until the end
        writer._id_translated.pop(id(reader), None)
        getattr(writer, "_merged_in_pages", {}).clear()
        for page in writer.pages[page_offset:]:
            if hasattr(page, "original_page"):
                del page.original_page
        del reader
        offsets.append(page_offset)
        page_offset += expected
    structure.finish()

    # citations to the appendix: URI actions -> named destinations (in the last part)
    for page in writer.pages:
        for ref in page.get("/Annots", ()):
            annot = ref.get_object()
            action = annot.get("/A")
            uri = action.get_object().get("/URI") if action is not None else None
            if isinstance(uri, str) and uri.startswith(SOURCE_URI):
                number = uri[len(SOURCE_URI):]
                del annot[NameObject("/A")]
                annot[NameObject("/Dest")] = TextStringObject(f"source-{number}")
                if "/Contents" in annot:
                    annot[NameObject("/Contents")] = TextStringObject(f"source-{number}")

    # the outline, over the whole document
    stack: list[tuple[int, Any]] = []
    for (_, bookmarks), offset in zip(rendered, offsets, strict=True):
        for n, level, label, x, y in bookmarks:
            while stack and stack[-1][0] >= level:
                stack.pop()
            parent = stack[-1][1] if stack else None
            item = writer.add_outline_item(title=label, page_number=offset + n, parent=parent,
                                           fit=Fit.xyz(x, y, 0))
            stack.append((level, item))

    digest = hashlib.md5(b"".join(hashlib.md5(d).digest() for d, _ in rendered),
                         usedforsecurity=False).digest()
    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])
    writer.add_metadata(first_metadata)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _copy_catalog(writer: Any, reader: Any) -> None:
    """Language, display title, marked content and the XMP metadata of the first part."""
    from pypdf.generic import NameObject

    root = reader.root_object
    for key in ("/Lang", "/ViewerPreferences", "/MarkInfo", "/Metadata"):
        if key in root:
            writer._root_object[NameObject(key)] = root[key].clone(writer)


class _Structure:
    """One structure tree (PDF/UA tags) for the joined document: the parts' top elements under
    one Document element, their parent trees renumbered after each other."""

    def __init__(self, writer: Any) -> None:
        from pypdf.generic import ArrayObject, DictionaryObject, NameObject

        self.writer = writer
        self.root = DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")})
        self.root_ref = writer._add_object(self.root)
        self.kids = ArrayObject()
        self.document_ref = writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject(
                "/Document"), NameObject("/P"): self.root_ref, NameObject("/K"): self.kids}))
        self.root[NameObject("/K")] = ArrayObject([self.document_ref])
        self.nums = ArrayObject()
        self.key_offset = 0
        self.tagged = False

    def add(self, reader: Any, page_offset: int) -> None:
        from pypdf.generic import NameObject, NumberObject

        tree = reader.root_object.get("/StructTreeRoot")
        if tree is None:
            return
        self.tagged = True
        writer = self.writer
        tree = tree.get_object()
        kids = tree["/K"]
        part_document = (kids[0] if isinstance(kids, list) else kids).get_object()
        # the part's Document element and tree root become the joined ones when cloned
        translated = writer._id_translated.setdefault(id(reader), {"PreventGC": reader})
        translated[part_document.indirect_reference.idnum] = self.document_ref.idnum
        translated[tree.indirect_reference.idnum] = self.root_ref.idnum
        for kid in part_document["/K"]:
            self.kids.append(kid.clone(writer).indirect_reference)
        part_nums = tree["/ParentTree"].get_object()["/Nums"]
        keys = 0
        for i in range(0, len(part_nums), 2):
            key = int(part_nums[i])
            self.nums.append(NumberObject(key + self.key_offset))
            self.nums.append(part_nums[i + 1].clone(writer))
            keys = max(keys, key + 1)
        for n, original in enumerate(reader.pages):
            page = writer.pages[page_offset + n]
            if "/StructParents" in original:  # pypdf drops it when it copies a page
                page[NameObject("/StructParents")] = NumberObject(
                    int(original["/StructParents"]) + self.key_offset)
            for ref in page.get("/Annots", ()):
                annot = ref.get_object()
                if "/StructParent" in annot:
                    annot[NameObject("/StructParent")] = NumberObject(
                        int(annot["/StructParent"]) + self.key_offset)
        self.key_offset += keys

    def finish(self) -> None:
        from pypdf.generic import DictionaryObject, NameObject

        if not self.tagged:
            return
        self.root[NameObject("/ParentTree")] = self.writer._add_object(
            DictionaryObject({NameObject("/Nums"): self.nums}))
        self.writer._root_object[NameObject("/StructTreeRoot")] = self.root_ref
