"""Long timelines to PDF in bounded memory: laid out in parts, in worker processes, then joined.

weasyprint holds a whole document in memory while it lays it out (about 1.2 MB a page here:
10,000 events, 820 pages, took 1 GB) and slows down as a document grows. A timeline of at
least `CHUNKED_MIN_EVENTS` events is therefore cut into parts of about `PART_EVENTS` events,
at month boundaries where possible (else at a day, else between events), and each part is laid
out once by weasyprint in a worker process; the parts are then joined. Smaller timelines (the
demo, a few hundred events) keep the single pass of `briefing.render.pdf`.

What a reader sees of the join:

* each part starts on a new page (a part boundary reads like a page break before a month);
  the title block opens the first part, the Undated and Sources appendices close the last;
  a year (or month, day) cut in two is not headed again in the part that continues it;
* the page margins (running title, "Timeline", "Page X of Y") are not drawn by the parts
  (`PARTS_CSS` leaves every margin box empty, which changes nothing else of the layout) but by
  small "margins documents" laid out once the page count is known: the template's head with
  empty pages, numbered from their first page (``@page :first { counter-reset: page N }``)
  with a literal total in the footer, since weasyprint's ``counter(pages)`` only knows its own
  document; each of their pages becomes a form drawn, as an artifact (PDF/UA: page furniture
  is not content), over the page of the same number; their text is read after the page's, as
  in a single pass;
* the running title (``string(doctitle)``, set by the ``h1``) is given to every page by the
  margins documents' stylesheet;
* citations ``[n]`` link to the sources appendix in the last part: the other parts carry them as
  ``briefing-source:n`` URIs, turned into links to the named destination ``source-n`` when
  joined;
* the outline (bookmarks per year and month, appendices) is rebuilt over the whole document
  from each part's bookmarks; the metadata (title, author, subject, keywords, dates, XMP) of the
  first part is kept and the tagged structure (PDF/UA) of the parts is joined into one: their
  elements under one Document element, their parent trees as the leaves of one number tree.

The join streams: it copies each part's objects as bytes, renumbered (weasyprint escapes every
parenthesis in its strings, so a reference ``n 0 R`` is never mistaken inside a string), to a
file, and keeps only a few numbers a page (page and structure element numbers, the offsets of
the objects). pypdf only reads the cross-reference tables and the named destinations.

The output is the same bytes for the same inputs when SOURCE_DATE_EPOCH is set (the parts are,
and the join adds nothing time- or random-dependent: the file identifier is a hash of the joined
bytes), whether its parts were laid out by this run or taken from an earlier one
(`briefing.render.part_cache`: a nightly run lays out only the parts whose HTML changed).

Memory: a worker holds one part at a time (about 60 MB a part of `PART_EVENTS` events, on top
of its ~70 MB of libraries); the main process holds the timeline, one part's PDF while joining,
and, at the end, the joined file's bytes.
"""

from __future__ import annotations

import hashlib
import io
import logging
import multiprocessing
import os
import re
import tempfile
import time
import zlib
from array import array
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from briefing.atomic import write_atomically
from briefing.render.part_cache import Bookmark, PartCache
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


# --- stylesheets: the parts without margins, the margins without the parts --------------


MARGIN_BOXES = tuple(f"{side}-{where}" for side, where in (
    *((s, w) for s in ("top", "bottom") for w in ("left-corner", "left", "center", "right",
                                                  "right-corner")),
    *((s, w) for s in ("left", "right") for w in ("top", "middle", "bottom"))))
"""The sixteen page-margin boxes of CSS paged media."""

PARTS_CSS = "@page { " + " ".join(f"@{box} {{ content: none !important; }}"
                                  for box in MARGIN_BOXES) + " }\n"
"""User stylesheet of a part: no margin boxes (the running title and "Page X of Y" come from
the margins document, once the whole document's page count is known)."""

MARGIN_PAGES = 120
"""Pages a margins document lays out (weasyprint's time per page grows with a document's
length even when its pages are empty: ~5 ms a page at 100-200 pages, ~12 ms at 800)."""

FOOTER_NAME = "BriefingMargins"
"""The page resource name of the form that draws a page's margin boxes."""


def margins_css(first_page: int, total: int, title: str) -> str:
    """User stylesheet of a margins document: its pages are pages `first_page`... of `total`,
    every page knows the running title, and nothing but the margin boxes is painted."""
    return (f"@page :first {{ counter-reset: page {first_page} !important; }}\n"
            f'@page {{ background: none !important; @bottom-center {{ content: "Page " '
            f'counter(page) " of {total}" !important; }} }}\n'
            f"html {{ string-set: doctitle {_css_string(title)} !important; }}\n"
            "html, body { background: none !important; }\n")


def margins_html(part_html: str, pages: int) -> str:
    """A document of `pages` empty pages with the head (the stylesheets) of a part."""
    head = part_html[:part_html.index("<body")]
    body = part_html[part_html.index("<body"):]
    body = body[:body.index(">") + 1]
    return (head + body + '<div style="break-after: page"></div>' * (pages - 1)
            + "<div></div></body></html>")


def _css_string(text: str) -> str:
    """A CSS string literal of any text (every character not a letter, digit or space is
    written as a hex escape, so a title can never close the string or the rule)."""
    return '"' + "".join(ch if ch.isalnum() or ch == " " else f"\\{ord(ch):x} "
                         for ch in text) + '"'


# --- work done in the worker processes ----------------------------------------------------




@dataclass(frozen=True)
class _PartJob:
    html: str
    """The HTML, or for a part the path of a file holding it."""
    dirs: tuple[str, ...]
    path: str
    """Where the worker writes the PDF."""


def _lay_out_part(job: _PartJob) -> tuple[int, list[Bookmark]]:
    """Lay out a part once and write its PDF to `job.path`: (pages, bookmarks)."""
    from briefing.render.pdf import layout, write_pdf

    html = Path(job.html).read_text(encoding="utf-8")
    document = layout(html, [Path(d) for d in job.dirs], stylesheets=(PARTS_CSS,))
    scale = 0.75  # CSS px -> PDF pt, as weasyprint writes its own outline
    bookmarks = [(n, level, label, x * scale, (page.height - y) * scale)
                 for n, page in enumerate(document.pages)
                 for level, label, (x, y), _state in page.bookmarks]
    write_atomically(Path(job.path), write_pdf(document))  # maybe into the cache of parts
    return len(document.pages), bookmarks


def _lay_out_margins(job: _PartJob) -> int:
    """Lay out a margins document (not tagged: what it draws is marked as an artifact when
    joined) and write it to `job.path`."""
    from briefing.render.pdf import layout

    html, css = job.html.split("\0", 1)
    document = layout(html, [Path(d) for d in job.dirs], stylesheets=(css,))
    Path(job.path).write_bytes(document.write_pdf())
    return len(document.pages)


# --- the whole ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChunkedPdf:
    data: bytes
    pages: int
    parts: int


def render_timeline_pdf(timeline: Timeline, part_html: Callable[[Timeline, Part], str],
                        dirs: Sequence[Path], jobs: int | None = None,
                        size: int | None = None, executor: Executor | None = None,
                        cache: PartCache | None = None) -> ChunkedPdf:
    """The timeline's PDF laid out in parts by `jobs` worker processes and joined.

    `part_html` renders a part's view to HTML (the template sees the Part as `chunk`).
    `cache`: parts laid out by earlier runs are taken from it (when their HTML and all else
    is the same), the others are added to it, and what this run did not use is removed.
    """
    parts = plan_parts(timeline, size or PART_EVENTS)
    folders = tuple(str(Path(d).resolve()) for d in dirs)
    log.info("timeline of %d events: %d parts", timeline.event_count, len(parts))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="briefing-parts-") as tmp:
        first_html = ""
        part_paths: list[str] = []  # the PDF of each part, in order
        laid_out: list[tuple[int, list[Bookmark]] | None] = []  # None: to be laid out
        part_jobs: list[_PartJob] = []
        keys: list[str] = []  # the cache keys of the parts to lay out
        for view, part in parts:  # to files: the HTML of 100,000 events is ~150 MB
            html = _source_links(part_html(view, part), part)
            if part.first:  # its head (stylesheets) and body tag make the margins documents
                first_html = html[:html.index(">", html.index("<body")) + 1]
            path = os.path.join(tmp, f"part-{part.index}")
            if cache is not None:
                key = cache.key(html, part.first)
                found = cache.get(key)
                if found is not None:
                    part_paths.append(cache.pdf(key))
                    laid_out.append(found)
                    continue
                keys.append(key)
                part_paths.append(cache.pdf(key))
            else:
                part_paths.append(path + ".pdf")
            Path(path + ".html").write_text(html, encoding="utf-8")
            part_jobs.append(_PartJob(path + ".html", folders, part_paths[-1]))
            laid_out.append(None)
        del parts
        if cache is not None:
            os.makedirs(cache.folder, exist_ok=True)
            log.info("%d of %d parts laid out by an earlier run", cache.hits, len(laid_out))
        times = [time.perf_counter() - started]
        jobs = max(1, min(jobs or os.cpu_count() or 1, len(part_jobs)))

        def run(pool: Executor) -> list[_PartJob]:
            fresh = list(pool.map(_lay_out_part, part_jobs))
            if cache is not None:
                for key, (pages, marks) in zip(keys, fresh, strict=True):
                    cache.put(key, pages, marks)
            found = iter(fresh)
            for i, done in enumerate(laid_out):
                if done is None:
                    laid_out[i] = next(found)
            total = sum(pages for pages, _ in _all(laid_out))
            times.append(time.perf_counter() - started)
            margin_jobs = []
            for first in range(0, total, MARGIN_PAGES):
                count = min(MARGIN_PAGES, total - first)
                margin_jobs.append(_PartJob(
                    margins_html(first_html, count) + "\0"
                    + margins_css(first + 1, total, timeline.title),
                    folders, os.path.join(tmp, f"margins-{first}.pdf")))
            counts = list(pool.map(_lay_out_margins, margin_jobs))
            times.append(time.perf_counter() - started)
            if sum(counts) != total:
                raise RuntimeError(f"margins laid out on {sum(counts)} pages, not {total}")
            return margin_jobs

        if executor is not None:
            margin_jobs = run(executor)
        else:
            from briefing.executors import process_pool

            with process_pool(jobs, _context()) as pool:
                margin_jobs = run(pool)
        log.info("%d worker(s) laid out %d parts", jobs, len(part_jobs))
        done = _all(laid_out)
        # joined once the workers are gone: their memory and the join's never add up
        margins = []
        first = 0
        for job in margin_jobs:
            count = min(MARGIN_PAGES, sum(p for p, _ in done) - first)
            margins.append((job.path, first, count))
            first += count
        with tempfile.TemporaryFile(dir=tmp) as file:
            joiner = _Joiner(file, margins)
            bookmarks: list[Bookmark] = []
            offset = 0
            for index, (path, (pages, marks)) in enumerate(zip(part_paths, done, strict=True)):
                joiner.add_part(path, first=index == 0)
                bookmarks.extend((offset + n, level, label, x, y)
                                 for n, level, label, x, y in marks)
                offset += pages
            joiner.finish(bookmarks)
            file.seek(0)
            data = file.read()
            times.append(time.perf_counter() - started)
    if cache is not None:
        cache.prune()
    log.info("%d pages in %d parts: HTML %.1f s, parts laid out at %.1f s, margins at %.1f s, "
             "joined at %.1f s", offset, len(part_paths), *times)
    return ChunkedPdf(data, offset, len(part_paths))


def _all(laid_out: list[tuple[int, list[Bookmark]] | None]) -> list[tuple[int, list[Bookmark]]]:
    """Every part laid out (none left to do)."""
    assert all(done is not None for done in laid_out)
    return laid_out  # type: ignore[return-value]


def _context() -> Any:
    """Forked workers (they start at once, with the timeline's memory shared copy-on-write).
    A forkserver would start them smaller, but re-imports the main module of any script that
    calls this without an ``if __name__ == "__main__"`` guard, and hides the workers from the
    caller's resource accounting."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    return multiprocessing.get_context("fork")


def _source_links(html: str, part: Part) -> str:
    """Citations in a part without the sources appendix leave it as `SOURCE_URI` links (the
    template escapes every attribute value, so no source text can contain this markup)."""
    if part.last:
        return html
    return html.replace('href="#source-', f'href="{SOURCE_URI}')


# --- joining the parts, streamed ----------------------------------------------------------


class _Output:
    """A PDF file written object by object: only the objects' offsets stay in memory. Its
    identifier is a hash of what was written (so the same document, however its parts were
    made, cached or not, has the same identifier)."""

    def __init__(self, file: Any, header: bytes) -> None:
        self.file = file
        self.offsets = array("q", [0])
        self.digest = hashlib.md5(usedforsecurity=False)
        self._put(header + b"\n%\xb5\xed\xae\xfb\n")

    def _put(self, data: bytes) -> None:
        self.file.write(data)
        self.digest.update(data)

    def reserve(self) -> int:
        self.offsets.append(-1)
        return len(self.offsets) - 1

    def write(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.file.tell()
        self._put(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def add(self, body: bytes) -> int:
        number = self.reserve()
        self.write(number, body)
        return number

    def finish(self, root: int, info: int | None) -> None:
        start = self.file.tell()
        lines = [b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets)]
        lines.extend(b"%010d 00000 n \n" % offset if offset >= 0 else b"0000000000 65535 f \n"
                     for offset in self.offsets[1:])
        self._put(b"".join(lines))
        ident = self.digest.hexdigest().encode()
        trailer = b"/Size %d /Root %d 0 R " % (len(self.offsets), root)
        if info is not None:
            trailer += b"/Info %d 0 R " % info
        trailer += b"/ID [<%s> <%s>]" % (ident, ident)
        self.file.write(b"trailer\n<<%s>>\nstartxref\n%d\n%%%%EOF\n" % (trailer, start))


_TOKENS = re.compile(rb"\((?:[^\\()]|\\.)*\)|(\d+) (\d+) R", re.S)
"""A literal string (skipped: weasyprint escapes every parenthesis in one) or a reference."""
_SOURCE_ACTION = re.compile(
    rb"/A\s*<<[^<>]*/URI\s*\(" + re.escape(SOURCE_URI.encode()) + rb"(\d+)\)[^<>]*>>")
_SOURCE_CONTENTS = re.compile(rb"/Contents\s*\(" + re.escape(SOURCE_URI.encode()) + rb"(\d+)\)")
_STRUCT_PARENT = re.compile(rb"/StructParent\s+(\d+)")
_STREAM = re.compile(rb">>\s*stream\r?\n")


class _Pdf:
    """The objects of a PDF written by weasyprint, as bytes (pypdf reads the cross-reference
    table and a few small dictionaries; the bulk is never parsed into Python objects)."""

    def __init__(self, data: bytes) -> None:
        from pypdf import PdfReader

        self.data = data
        self.reader = PdfReader(io.BytesIO(data))
        self.offsets = self.reader.xref.get(0, {})
        self.in_streams = self.reader.xref_objStm
        self.streams: dict[int, tuple[bytes, list[int]]] = {}

    def raw(self, number: int) -> tuple[bytes, bytes | None]:
        """(dictionary or other body, stream data or None) of an object."""
        where = self.in_streams.get(number)
        if where is not None:
            stream, index = where
            if stream not in self.streams:
                head, data = self.raw(stream)
                assert data is not None and b"/FlateDecode" in head
                data = zlib.decompress(data)
                first = int(re.search(rb"/First\s+(\d+)", head).group(1))  # type: ignore[union-attr]
                numbers = data[:first].split()
                self.streams[stream] = (data, [first + int(n) for n in numbers[1::2]]
                                        + [len(data)])
            data, starts = self.streams[stream]
            return data[starts[index]:starts[index + 1]].strip(), None
        start = self.offsets[number]
        start = self.data.index(b"obj", start) + 3
        end = self.data.index(b"endobj", start)
        stream = _STREAM.search(self.data, start, end)
        if stream is None:
            return self.data[start:end].strip(), None
        head = self.data[start:stream.start() + 2].strip()
        length = int(re.search(rb"/Length\s+(\d+)", head).group(1))  # type: ignore[union-attr]
        return head, self.data[stream.end():stream.end() + length]


class _Copier:
    """Copies objects of one `_Pdf` into an `_Output`, numbered anew on first mention; `fixed`
    sends some of its objects to objects of the output instead."""

    def __init__(self, out: _Output, pdf: _Pdf, fixed: dict[int, int],
                 key_offset: int = 0) -> None:
        import collections

        self.out, self.pdf = out, pdf
        self.numbers = dict(fixed)
        self.queue: collections.deque[int] = collections.deque()
        self.key_offset = key_offset

    def ref(self, number: int) -> int:
        new = self.numbers.get(number)
        if new is None:
            new = self.numbers[number] = self.out.reserve()
            self.queue.append(number)
        return new

    def _sub(self, match: re.Match[bytes]) -> bytes:
        if match.group(1) is None:
            return match.group(0)
        return b"%d 0 R" % self.ref(int(match.group(1)))

    def renumber(self, body: bytes) -> bytes:
        """Object text with its references numbered anew (and a part's annotations fixed)."""
        if self.key_offset and b"/StructParent" in body:
            body = _STRUCT_PARENT.sub(
                lambda m: b"/StructParent %d" % (int(m.group(1)) + self.key_offset), body)
        if SOURCE_URI.encode() in body:
            # a citation to the sources appendix, in a part without it
            body = _SOURCE_CONTENTS.sub(rb"/Contents (source-\1)", body)
            body = _SOURCE_ACTION.sub(rb"/Dest (source-\1)", body)
        return _TOKENS.sub(self._sub, body)

    @staticmethod
    def body(head: bytes, data: bytes | None) -> bytes:
        if data is None:
            return head
        return head + b"\nstream\n" + data + b"\nendstream"

    def drain(self, special: Callable[[int, bytes], bytes | None] | None = None) -> None:
        """Write every object mentioned so far (and those they mention)."""
        while self.queue:
            number = self.queue.popleft()
            head, data = self.pdf.raw(number)
            body = special(number, head) if special is not None else None
            if body is None:
                body = self.body(self.renumber(head), data)
            self.out.write(self.numbers[number], body)


def _entry(head: bytes, key: bytes) -> bytes | None:
    """The value of a dictionary entry that is a reference, a number or a name."""
    match = re.search(rb"/" + key + rb"\s*(\d+ \d+ R|-?[\d.]+|/[^\s/<>\[\]()]+)", head)
    return match.group(1) if match else None


def _array(head: bytes, key: bytes) -> bytes | None:
    match = re.search(rb"/" + key + rb"\s*(\[[^\]]*\])", head)
    return match.group(1) if match else None


def _drop(head: bytes, key: bytes, value: bytes) -> bytes:
    """A dictionary without an entry read by `_entry` or `_array`."""
    dropped, count = re.subn(rb"/" + key + rb"\s*" + re.escape(value), b"", head, count=1)
    assert count == 1, key
    return dropped


def _refs(text: bytes) -> list[int]:
    return [int(m.group(1)) for m in _TOKENS.finditer(text) if m.group(1) is not None]


class _Joiner:
    """The joined document, written part after part: pages (under one page node a part),
    structure elements, parent tree (one leaf a part), named destinations and the margins
    forms; the catalog, outline and structure tree root at the end."""

    def __init__(self, file: Any, margins: Sequence[tuple[str, int, int]]) -> None:
        self.file = file
        self.out: _Output | None = None
        self.margins = list(margins)  # (path, first page index, pages), in order
        self.margin_forms: dict[int, int] = {}
        self.page_nodes: list[tuple[int, int]] = []  # (page node, pages)
        self.pages: list[int] = []
        self.document_kids: list[int] = []
        self.tree_leaves: list[tuple[int, int, int]] = []  # (leaf, first key, last key)
        self.key_offset = 0
        self.dests: list[tuple[bytes, bytes]] = []
        self.catalog_extra = b""
        self.info: int | None = None

    def start(self, header: bytes) -> None:
        self.out = _Output(self.file, header)
        self.pages_root = self.out.reserve()
        self.struct_root = self.out.reserve()
        self.document = self.out.reserve()
        self.open_q = self.out.add(b"<</Length 2>>\nstream\nq\n\nendstream")
        draw = b"Q /Artifact BMC q /%s Do Q EMC\n" % FOOTER_NAME.encode()
        self.close_q = self.out.add(b"<</Length %d>>\nstream\n%s\nendstream" % (len(draw), draw))

    def add_part(self, path: str, first: bool) -> None:
        pdf = _Pdf(Path(path).read_bytes())
        if self.out is None:
            self.start(pdf.reader.pdf_header.encode("ascii"))
        out = self.out
        assert out is not None
        root = pdf.reader.trailer.raw_get("/Root").idnum
        catalog, _ = pdf.raw(root)
        node = out.reserve()
        pages_ref = _entry(catalog, b"Pages")
        assert pages_ref is not None
        page_tree, _ = pdf.raw(int(pages_ref.split()[0]))
        fixed = {int(pages_ref.split()[0]): node}
        tree_ref = _entry(catalog, b"StructTreeRoot")
        tree = document = None
        if tree_ref is not None:
            tree_number = int(tree_ref.split()[0])
            tree, _ = pdf.raw(tree_number)
            document_number = _refs(_array(tree, b"K") or _entry(tree, b"K") or b"")[0]
            document, _ = pdf.raw(document_number)
            fixed[tree_number] = self.struct_root
            fixed[document_number] = self.document
        copier = _Copier(out, pdf, fixed, self.key_offset)
        first_page = len(self.pages)
        page_numbers = {}
        kids = _refs(_array(page_tree, b"Kids") or b"")
        for n, number in enumerate(kids):
            page_numbers[number] = first_page + n
            self.pages.append(copier.ref(number))
        self.page_nodes.append((node, len(kids)))
        keys = 0
        if tree is not None and document is not None:
            self.document_kids.extend(copier.ref(n) for n in _refs(_array(document, b"K") or b""))
            parent_tree = _entry(tree, b"ParentTree")
            assert parent_tree is not None
            nums, _ = pdf.raw(int(parent_tree.split()[0]))
            keys = self._tree_leaf(copier, nums)
        if b"/Names" in catalog:  # named destinations: small, read by pypdf
            names = pdf.reader.root_object["/Names"].get("/Dests")
            pairs = names.get_object().get("/Names", []) if names is not None else []
            for i in range(0, len(pairs), 2):
                name = str(pairs[i])
                page, *rest = pairs[i + 1]
                self.dests.append((name.encode("utf-8"), b"(%s) [%d 0 R %s]" % (
                    re.sub(rb"([\\()])", rb"\\\1", name.encode("utf-8")),
                    copier.ref(page.idnum), b" ".join(_pdf_value(v) for v in rest))))
        if first:
            for key in (b"Lang", b"ViewerPreferences", b"MarkInfo", b"Metadata", b"PageMode"):
                value = re.search(rb"/" + key + rb"\s*(\([^)]*\)|<<[^<>]*>>|\d+ \d+ R|/\w+)",
                                  catalog)
                if value is not None:
                    self.catalog_extra += b"/" + key + b" " + copier.renumber(value.group(1))
            info = pdf.reader.trailer.raw_get("/Info")
            if info is not None:
                self.info = out.add(copier.renumber(pdf.raw(info.idnum)[0]))

        def special(number: int, head: bytes) -> bytes | None:
            index = page_numbers.get(number)
            return None if index is None else self._page(copier, head, node, index)

        copier.drain(special)
        self.key_offset += keys
        out.write(node, b"<</Type /Pages /Parent %d 0 R /Kids [%s] /Count %d>>" % (
            self.pages_root, b" ".join(b"%d 0 R" % p for p in self.pages[first_page:]),
            len(kids)))

    def _tree_leaf(self, copier: _Copier, nums: bytes) -> int:
        """Writes the part's parent tree (a flat /Nums array) as a leaf of the joined one, its
        keys after the previous parts'; returns the part's number of keys."""
        start = nums.index(b"/Nums")
        start = nums.index(b"[", start)
        depth, i, key = 0, start, True
        entries: list[bytes] = []
        keys = 0
        for match in re.finditer(rb"\[|\]|(\d+) \d+ R|(\d+)", nums[start:]):
            token = match.group(0)
            if token == b"[":
                depth += 1
                if depth == 2:
                    i = start + match.start()
                continue
            if token == b"]":
                depth -= 1
                if depth == 1:
                    entries.append(copier.renumber(nums[i:start + match.end()]))
                    key = True
                if depth == 0:
                    break
                continue
            if depth != 1:
                continue
            if key and match.group(2) is not None:
                number = int(match.group(2))
                keys = max(keys, number + 1)
                entries.append(b"%d" % (number + self.key_offset))
                key = False
            elif not key and match.group(1) is not None:
                entries.append(b"%d 0 R" % copier.ref(int(match.group(1))))
                key = True
        if keys:
            assert self.out is not None
            leaf = self.out.add(b"<</Limits [%d %d] /Nums [%s]>>" % (
                self.key_offset, self.key_offset + keys - 1, b" ".join(entries)))
            self.tree_leaves.append((leaf, self.key_offset, self.key_offset + keys - 1))
        return keys

    def _page(self, copier: _Copier, page: bytes, node: int, index: int) -> bytes:
        form = self._margin_form(index)
        resources = _entry(page, b"Resources")
        if resources is not None and resources.endswith(b"R"):
            resources_dict, _ = copier.pdf.raw(int(resources.split()[0]))
            page = _drop(page, b"Resources", resources)
        else:
            match = re.search(rb"/Resources\s*(<<(?:[^<>]|<<(?:[^<>]|<<[^<>]*>>)*>>)*>>)", page)
            assert match is not None, page[:300]
            resources_dict = match.group(1)
            page = page[:match.start()] + page[match.end():]
        resources_dict = copier.renumber(resources_dict)
        xobject = _entry(resources_dict, b"XObject")
        entry = b"/%s %d 0 R " % (FOOTER_NAME.encode(), form)
        if xobject is not None and xobject.endswith(b"R"):  # an indirect dictionary: inlined
            inline = copier.pdf.raw(int(xobject.split()[0]))[0]
            resources_dict = resources_dict.replace(b"/XObject " + xobject,
                                                    b"/XObject " + copier.renumber(inline))
        if re.search(rb"/XObject\s*<<", resources_dict):
            resources_dict = re.sub(rb"/XObject\s*<<", b"/XObject <<" + entry,
                                    resources_dict, count=1)
        else:
            resources_dict = resources_dict[:-2] + b"/XObject <<" + entry + b">>>>"
        contents = _entry(page, b"Contents") or _array(page, b"Contents")
        assert contents is not None
        page = _drop(page, b"Contents", contents)
        contents = contents.strip(b"[]")
        parent = _entry(page, b"Parent")
        if parent is not None:
            page = _drop(page, b"Parent", parent)
        body = copier.renumber(page)
        struct_parents = _entry(page, b"StructParents")
        if struct_parents is not None:
            body = re.sub(rb"/StructParents\s+\d+",
                          b"/StructParents %d" % (int(struct_parents) + copier.key_offset), body)
        return body[:-2] + b"/Parent %d 0 R /Resources %s /Contents [%d 0 R %s %d 0 R]>>" % (
            node, resources_dict, self.open_q, copier.renumber(contents), self.close_q)

    def _margin_form(self, index: int) -> int:
        """The form drawing the margin boxes of page `index` (read from the margins document
        holding it when its first page is asked for)."""
        if index not in self.margin_forms:
            self.margin_forms.clear()
            path, first, _ = next(m for m in self.margins if m[1] <= index < m[1] + m[2])
            pdf = _Pdf(Path(path).read_bytes())
            assert self.out is not None
            copier = _Copier(self.out, pdf, {})
            catalog, _ = pdf.raw(pdf.reader.trailer.raw_get("/Root").idnum)
            pages_ref = _entry(catalog, b"Pages")
            assert pages_ref is not None
            page_tree, _ = pdf.raw(int(pages_ref.split()[0]))
            for n, number in enumerate(_refs(_array(page_tree, b"Kids") or b"")):
                page, _ = pdf.raw(number)
                contents, resources = _entry(page, b"Contents"), _entry(page, b"Resources")
                box = _array(page, b"MediaBox")
                assert contents is not None and resources is not None and box is not None
                head, stream = pdf.raw(int(contents.split()[0]))
                assert stream is not None
                filters = b""
                for key in (b"Filter", b"DecodeParms"):
                    value = _entry(head, key) or _array(head, key)
                    if value is not None:
                        filters += b" /" + key + b" " + value
                self.margin_forms[first + n] = self.out.add(
                    b"<</Type /XObject /Subtype /Form /BBox %s /Resources %s%s /Length %d>>"
                    b"\nstream\n%s\nendstream" % (box, copier.renumber(resources), filters,
                                                  len(stream), stream))
            copier.drain()
        return self.margin_forms[index]

    def finish(self, bookmarks: Sequence[tuple[int, int, str, float, float]]) -> None:
        """Outline (page index in the whole document, level, label, x, y), structure tree,
        page tree, catalog, cross-reference table."""
        out = self.out
        assert out is not None
        out.write(self.pages_root, b"<</Type /Pages /Kids [%s] /Count %d>>" % (
            b" ".join(b"%d 0 R" % n for n, _ in self.page_nodes), len(self.pages)))
        catalog = b"/Type /Catalog /Pages %d 0 R " % self.pages_root
        if self.tree_leaves or self.document_kids:
            out.write(self.document, b"<</Type /StructElem /S /Document /P %d 0 R /K [%s]>>" % (
                self.struct_root, b" ".join(b"%d 0 R" % n for n in self.document_kids)))
            parent_tree = out.add(b"<</Kids [%s]>>" % b" ".join(
                b"%d 0 R" % leaf for leaf, _, _ in self.tree_leaves))
            out.write(self.struct_root, b"<</Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R"
                      b" /ParentTreeNextKey %d>>" % (self.document, parent_tree, self.key_offset))
            catalog += b"/StructTreeRoot %d 0 R " % self.struct_root
        outline = self._outline(bookmarks)
        if outline is not None:
            catalog += b"/Outlines %d 0 R " % outline
        if self.dests:
            catalog += b"/Names <</Dests <</Names [%s]>>>> " % b" ".join(
                entry for _, entry in sorted(self.dests))
        root = out.add(b"<<" + catalog + self.catalog_extra + b">>")
        out.finish(root, self.info)

    def _outline(self, bookmarks: Sequence[tuple[int, int, str, float, float]]) -> int | None:
        from pypdf.generic import TextStringObject

        if not bookmarks:
            return None
        out = self.out
        assert out is not None
        top = out.reserve()
        # a tree of [number, label, dest, children]
        items: list[list[Any]] = []
        stack: list[tuple[int, list[Any]]] = []
        for page, level, label, x, y in bookmarks:
            while stack and stack[-1][0] >= level:
                stack.pop()
            item = [out.reserve(), label, b"[%d 0 R /XYZ %s %s 0]" % (
                self.pages[page], _number(x), _number(y)), []]
            (stack[-1][1][3] if stack else items).append(item)
            stack.append((level, item))
        buffer = io.BytesIO()

        def text(label: str) -> bytes:
            buffer.seek(0)
            buffer.truncate()
            TextStringObject(label).write_to_stream(buffer)
            return buffer.getvalue()

        def write(siblings: list[list[Any]], parent: int) -> int:
            count = 0
            for i, (number, label, dest, children) in enumerate(siblings):
                below = write(children, number)
                body = b"/Title %s /Parent %d 0 R /Dest %s" % (text(label), parent, dest)
                if i:
                    body += b" /Prev %d 0 R" % siblings[i - 1][0]
                if i + 1 < len(siblings):
                    body += b" /Next %d 0 R" % siblings[i + 1][0]
                if children:
                    body += b" /First %d 0 R /Last %d 0 R /Count %d" % (
                        children[0][0], children[-1][0], below)
                out.write(number, b"<<" + body + b">>")
                count += 1 + below
            return count

        count = write(items, top)
        out.write(top, b"<</Type /Outlines /First %d 0 R /Last %d 0 R /Count %d>>" % (
            items[0][0], items[-1][0], count))
        return top


def _pdf_value(value: Any) -> bytes:
    """A number or name of a destination array, as PDF text."""
    from pypdf.generic import FloatObject, NameObject, NullObject, NumberObject

    if isinstance(value, NumberObject):
        return b"%d" % value
    if isinstance(value, FloatObject):
        return _number(float(value))
    if isinstance(value, NameObject):
        return value.encode("ascii")
    if isinstance(value, NullObject):
        return b"null"
    raise ValueError(f"unexpected {value!r} in a destination")


def _number(value: float) -> bytes:
    return (b"%.4f" % value).rstrip(b"0").rstrip(b".") or b"0"
