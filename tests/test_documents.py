"""The documents as a reader gets them: one page in Word too (checked with LibreOffice), the
timeline's bookmarks, links, metadata and tags, Word styles, fields and a reference document,
the same events, dates and citations in both formats, and email-friendly sizes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from datetime import date, timedelta
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import RGBColor
from pypdf import PdfReader

from briefing.model import DateValue, Precision
from briefing.views import date_label
from tests.conftest import DEMO_SOURCES, run_cli, write_tree

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: .ci/run installs "
    "libreoffice-writer-nogui; the Word briefing's one-page check needs it")

_MONTHS = ("January February March April May June July August September October November "
           "December").split()
_PEOPLE = ("Minister Anna Berg", "Governor Paul Stone", "Senator Maria Lopez",
           "Ambassador Kenji Sato", "Director Olga Petrova", "Chancellor Hans Weber")
_PLACES = ("Geneva", "Vienna", "Brussels", "Oslo", "Lisbon", "Warsaw", "Athens")
_TOPICS = ("water rights", "fishing quotas", "the shared budget", "border crossings",
           "grain exports", "energy prices", "rail links", "tariffs on steel")


def corpus_500() -> dict[str, str]:
    """100 markdown sources, 5 dated sentences each (500 distinct events), one quote each."""
    start = date(2021, 1, 4)
    files = {}
    for i in range(100):
        paragraphs = []
        for j in range(5):
            day = start + timedelta(days=i * 5 + j)
            who, whom = _PEOPLE[(i + j) % 6], _PEOPLE[(i + j + 3) % 6]
            text = (f"On {_MONTHS[day.month - 1]} {day.day}, {day.year}, {who} met {whom} in "
                    f"{_PLACES[(i + j) % 7]} for round {i * 5 + j + 1} of the talks on "
                    f"{_TOPICS[(i + j) % 8]} and {_TOPICS[(i + 2 * j + 1) % 8]}.")
            if j == 2:
                text += (f" “Round {i * 5 + j + 1} moved us closer on {_TOPICS[(i + j) % 8]},” "
                         f"{who.split(' ', 1)[1]} said.")
            paragraphs.append(text)
        published = start + timedelta(days=i * 5 + 6)
        files[f"report-{i:03}.md"] = (
            f"---\ntitle: Report {i + 1} on the regional negotiations\n"
            f"date: {published.isoformat()}\npublisher: Regional Gazette\n"
            f"url: https://example.org/reports/{i + 1}\n---\n" + "\n\n".join(paragraphs) + "\n")
    return files


def crowded_corpus() -> dict[str, str]:
    """40 long-titled sources all reporting the same few events (each cited by many sources),
    with long names, long URLs and quotes: the briefing's worst crowding."""
    files = {}
    for i in range(40):
        files[f"wire-{i:02}.md"] = (
            f"---\ntitle: Special correspondent's extended report number {i} on the regional "
            f"negotiations over water rights and fishing quotas\ndate: 2024-03-{i % 5 + 10}\n"
            f"publisher: The International Gazette of Regional and Maritime Affairs {i}\n"
            f"url: https://example.org/news/2024/03/extended-report-{i}-on-the-regional-"
            f"negotiations-over-water-rights-and-fishing-quotas?ref=briefing-{i}\n---\n"
            f"On March 8, 2024, Minister Anna Berg-Karlsson and Governor Paul Stone-Whitaker met "
            f"delegates from eleven ministries in Geneva to discuss the long negotiation over "
            f"water rights and fishing quotas. On March 9, 2024, the delegations agreed on a "
            f"timetable. “We made real progress today on every single point of the agenda, and "
            f"I expect the treaty to be signed before the summer recess,” Anna Berg-Karlsson "
            f"said.\n")
    return files


@pytest.fixture(scope="session")
def corpus_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """`briefing make` (all formats and kinds) on the 500-event corpus: (sources, out)."""
    root = tmp_path_factory.mktemp("corpus500")
    sources = write_tree(root / "sources", corpus_500())
    out = root / "out"
    result = run_cli("make", "--sources", str(sources), "--out", str(out), "--title",
                     "Regional negotiations")
    assert result.returncode == 0, result.stderr
    return sources, out


def soffice_pdfs(documents: list[Path], workdir: Path) -> list[Path]:
    """`documents` converted to PDF by LibreOffice in one run, with a private profile (so
    parallel runs do not clash)."""
    profile = workdir / "lo-profile"
    outdir = workdir / "lo-pdf"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(outdir), *map(str, documents)],
        capture_output=True, timeout=120, check=True)
    pdfs = [outdir / (document.stem + ".pdf") for document in documents]
    for pdf in pdfs:
        assert pdf.is_file(), f"LibreOffice did not make {pdf.name}"
    return pdfs


def soffice_pdf(document: Path, workdir: Path) -> Path:
    return soffice_pdfs([document], workdir)[0]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# --- one page, in Word too --------------------------------------------------------------------


@needs_soffice
def test_word_briefing_is_one_page_in_libreoffice_demo(demo_out, tmp_path):
    out, result = demo_out
    assert result.returncode == 0, result.stderr
    pdf = soffice_pdf(out / "briefing.docx", tmp_path)
    assert len(PdfReader(pdf).pages) == 1
    assert "8 January 2025" in squash(PdfReader(pdf).pages[0].extract_text())


@needs_soffice
def test_word_briefing_is_one_page_in_libreoffice_500_events(corpus_out, tmp_path):
    sources, out = corpus_out
    events = json.loads(run_cli("events", "--sources", str(sources)).stdout)
    assert len(events) == 500
    assert len(PdfReader(out / "briefing.pdf").pages) == 1
    pdf = soffice_pdf(out / "briefing.docx", tmp_path)
    assert len(PdfReader(pdf).pages) == 1


@needs_soffice
def test_word_briefing_is_one_page_when_crowded_on_letter(tmp_path):
    sources = write_tree(tmp_path / "sources", crowded_corpus())
    out = tmp_path / "out"
    result = run_cli("make", "--sources", str(sources), "--out", str(out), "--kind", "briefing",
                     "--paper", "Letter")
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(out / "briefing.pdf").pages) == 1
    pdf = soffice_pdf(out / "briefing.docx", tmp_path)
    reader = PdfReader(pdf)
    assert len(reader.pages) == 1
    assert round(float(reader.pages[0].mediabox.width)) == 612
    # an event reported by 40 sources cites a few and counts the rest
    assert re.search(r"\[\d+\]\[\d+\]\[\d+\] \+\d+ more", docx_text(out / "briefing.docx"))
    assert "extended-report" not in docx_text(out / "briefing.docx")  # sites, not URLs


def _overfull_briefing():  # type: ignore[no-untyped-def]
    from briefing.views import Briefing, EventEntry, QuoteEntry, SourceEntry, _cite

    words = ("negotiations over the northern water treaty continued with delegations from "
             "eleven ministries present").split()

    def text(n: int, k: int) -> str:
        return " ".join(words[(i * 7 + k) % len(words)] for i in range(n)).capitalize() + "."

    events = tuple(EventEntry(f"{i + 1} March 2024", "2024-03-01", text(60, i), None, (), 0,
                              (i + 1, i + 2, i + 3), ("A",), (), False, 10.0 - i, more_refs=5)
                   for i in range(8))
    sources = tuple(SourceEntry(
        i, f"s{i}.md", f"A long report title about the negotiations over the treaty number {i}",
        "The International Gazette of Regional Affairs",
        f"https://example.org/a/very/long/path/to/report/{i}/with-a-slug-that-goes-on-and-on",
        "3 March 2024", False, 3) for i in range(1, 20))
    return _cite(Briefing(
        "Chronology: Minister Anna Berg-Karlsson and Governor Paul Stone-Whitaker and more",
        "8 January 2025", "1 March 2024 – 8 January 2025",
        tuple(text(40, i) for i in range(5)), events,
        tuple(f"Person Number {i} With A Long Name" for i in range(8)),
        tuple(QuoteEntry(text(55, i), "Anna Berg", (1,)) for i in range(2)), (),
        all_sources=sources))


@needs_soffice
def test_word_briefing_measure_errs_long(tmp_path):
    """Whenever the measure says the Word briefing fits, LibreOffice lays it out on one page;
    and it does not give away much room (it is a calibrated budget, not a guess)."""
    from datetime import UTC, datetime

    from briefing.render.docx import briefing_fits, render_briefing_docx
    from briefing.views import briefing_trims

    full = _overfull_briefing()
    versions = [full, *briefing_trims(full)]
    paths = []
    for i, version in enumerate(versions):
        paths.append(tmp_path / f"b{i:02}.docx")
        paths[-1].write_bytes(render_briefing_docx(version,
                                                   created=datetime(2025, 1, 1, tzinfo=UTC)))
    verdicts = []
    for i, (version, pdf) in enumerate(zip(versions, soffice_pdfs(paths, tmp_path),
                                           strict=True)):
        pages = len(PdfReader(pdf).pages)
        fits = briefing_fits(version)
        verdicts.append((fits, pages))
        assert not fits or pages == 1, f"version {i} measured as fitting but has {pages} pages"
    assert (False, 2) in verdicts and (True, 1) in verdicts
    assert sum(1 for fits, pages in verdicts if not fits and pages == 1) <= 1


def test_word_briefing_never_uses_text_below_9_points(demo_out):
    out, _ = demo_out
    document = docx.Document(str(out / "briefing.docx"))
    used = {p.style.name for p in document.paragraphs}
    for name in used:
        style = document.styles[name]
        while style is not None and style.font.size is None:
            style = style.base_style
        assert style is not None and style.font.size.pt >= 9, name


# --- the timeline PDF -------------------------------------------------------------------------


def _outline(reader: PdfReader) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []

    def walk(items, depth):  # type: ignore[no-untyped-def]
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title))
    walk(reader.outline, 0)
    return found


def test_timeline_pdf_bookmarks_years_and_months_only(corpus_out):
    _, out = corpus_out
    outline = _outline(PdfReader(out / "timeline.pdf"))
    years = [t for d, t in outline if d == 0 and t.isdigit()]
    assert years == ["2021", "2022"]
    months = [t for d, t in outline if d == 1]
    assert months[:3] == ["January 2021", "February 2021", "March 2021"]
    assert all(re.fullmatch(r"[A-Z][a-z]+ 20\d\d", m) for m in months)
    assert ("Sources", 0) in {(t, d) for d, t in outline}
    assert len(outline) < 40  # no bookmark per event (500) or per day


def test_timeline_pdf_metadata_tags_fonts_and_links(corpus_out):
    _, out = corpus_out
    reader = PdfReader(out / "timeline.pdf")
    meta = reader.metadata
    assert meta.title == "Regional negotiations"
    assert meta.author
    assert "500 events from 100 sources" in meta.subject
    assert "timeline" in meta["/Keywords"] and "Anna Berg" in meta["/Keywords"]
    assert meta.creation_date is not None and meta.modification_date is not None
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]  # tagged (PDF/UA-1)
    assert root["/Lang"] == "en"
    fonts = set()
    for page in reader.pages[:3]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = (font.get("/FontDescriptor") or
                          font["/DescendantFonts"][0].get_object()["/FontDescriptor"])
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # embedded
            fonts.add(str(font["/BaseFont"]))
    assert all("+" in name for name in fonts)  # subsets
    names = set(reader.named_destinations)
    internal, external = set(), set()
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            left, bottom, right, top = (float(x) for x in annot["/Rect"])
            # a reader can click it: it has an area (a citation's had none, line-height 0)
            assert abs(right - left) >= 4 and abs(top - bottom) >= 6, annot
            if "/Dest" in annot:
                internal.add(str(annot["/Dest"]))
            elif "/A" in annot and "/URI" in annot["/A"]:
                external.add(str(annot["/A"]["/URI"]))
    assert internal and internal <= names  # every citation lands on its source
    assert {f"source-{n}" for n in range(1, 101)} <= names
    assert "https://example.org/reports/1" in external and len(external) == 100


# --- the Word timeline ------------------------------------------------------------------------


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_word_timeline_styles_fields_links_and_properties(corpus_out):
    _, out = corpus_out
    path = out / "timeline.docx"
    document = docx.Document(str(path))
    by_style: dict[str, list[str]] = {}
    for p in document.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert by_style["Title"] == ["Regional negotiations"]
    assert by_style["Heading 1"][:2] == ["2021", "2022"]
    assert "Sources" in by_style["Heading 1"]
    assert by_style["Heading 2"][0] == "January 2021"
    assert by_style["Heading 3"][0] == "4 January 2021"  # a heading per day
    assert len(by_style["Heading 3"]) == 500 and len(by_style["Event"]) == 500
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode()
        settings = z.read("word/settings.xml").decode()
        footer = "".join(z.read(n).decode() for n in z.namelist() if "footer" in n)
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert 'TOC \\o "1-2" \\h \\z \\u' in body
    assert '<w:updateFields w:val="true"/>' in settings
    assert " PAGE " in footer and " NUMPAGES " in footer
    assert rels.count('TargetMode="External"') == 100
    assert "https://example.org/reports/100" in rels
    anchors = set(re.findall(r'w:anchor="([^"]+)"', body))
    bookmarks = set(re.findall(r'w:bookmarkStart w:id="\d+" w:name="([^"]+)"', body))
    assert anchors and anchors <= bookmarks  # citations and TOC entries land somewhere
    props = document.core_properties
    assert props.title == "Regional negotiations"
    assert props.subject.startswith("Timeline of 500 events")
    assert "Anna Berg" in props.keywords and props.author and props.created


def _reference_docx(path: Path) -> Path:
    reference = docx.Document()
    heading = reference.styles["Heading 1"]
    heading.font.color.rgb = RGBColor(0xC0, 0x00, 0x7F)
    heading.font.name = "DejaVu Sans Mono"
    reference.styles.add_style("Press Office", WD_STYLE_TYPE.PARAGRAPH)
    reference.add_paragraph("This text is dropped: only styles and page set-up are used.")
    reference.save(str(path))
    return path


def test_users_reference_docx_styles_the_word_documents(tmp_path):
    templates = tmp_path / "templates"
    templates.mkdir()
    _reference_docx(templates / "reference.docx")
    out = tmp_path / "out"
    result = run_cli("make", "--sources", str(DEMO_SOURCES), "--out", str(out), "--format",
                     "docx", "--templates", str(templates))
    assert result.returncode == 0, result.stderr
    for name in ("timeline.docx", "briefing.docx"):
        document = docx.Document(str(out / name))
        heading = document.styles["Heading 1"]
        assert heading.font.color.rgb == RGBColor(0xC0, 0x00, 0x7F), name
        assert heading.font.name == "DejaVu Sans Mono", name
        assert "Press Office" in [s.name for s in document.styles]
        assert any(p.style.name == "Heading 1" for p in document.paragraphs)
        assert "This text is dropped" not in docx_text(out / name)
    timeline = docx.Document(str(out / "timeline.docx"))
    assert [p.text for p in timeline.paragraphs if p.style.name == "Heading 1"][:2] == [
        "2024", "2025"]


# --- the same content in both formats ---------------------------------------------------------


def _label(event: dict) -> str:
    d = event["date"]
    return date_label(DateValue(d["value"], Precision(d["precision"]),
                                date.fromisoformat(d["start"]), date.fromisoformat(d["end"]),
                                approximate=d.get("approximate", False)))


def _source_numbers(timeline_docx: Path) -> dict[str, int]:
    """File name -> citation number, read from the Word timeline's sources appendix."""
    numbers = {}
    for p in docx.Document(str(timeline_docx)).paragraphs:
        if m := re.match(r"\[(\d+)\] .* File (.+?); \d+ event", p.text):
            numbers[m.group(2)] = int(m.group(1))
    return numbers


def _pdf_lines(path: Path) -> list[str]:
    lines = []
    for page in PdfReader(path).pages:
        lines += [squash(line) for line in page.extract_text().splitlines() if line.strip()]
    return lines


def _check_timeline_parity(events: list[dict], pdf: Path, word: Path) -> None:
    numbers = _source_numbers(word)
    labels = {_label(e) for e in events}
    labels |= {lab.split(" ", 1)[1] for lab in labels if re.match(r"\d+ [A-Z]", lab)}
    labels |= {e["date"]["start"][:4] for e in events}

    # Word: the nearest heading above each event is its date; its citations follow it
    paragraphs = docx.Document(str(word)).paragraphs
    heading_above: dict[str, str] = {}
    citations: dict[str, str] = {}
    last_heading = ""
    for p in paragraphs:
        if p.style.name.startswith("Heading"):
            last_heading = p.text
        elif p.style.name == "Event":
            heading_above[p.text] = last_heading
    for event in events:
        refs = "".join(f"[{numbers[s]}]" for s in event["sources"])
        text = f"{squash(event['summary'])} {refs}"
        assert text in heading_above, f"event missing from the Word timeline: {text}"
        assert heading_above[text] == _label(event)
        citations[squash(event["summary"])] = refs

    # PDF: the same, from the extracted lines (a heading is a line of its own)
    lines = _pdf_lines(pdf)
    joined, starts = "", []
    for line in lines:
        starts.append(len(joined))
        joined += line + " "
    for event in events:
        summary = squash(event["summary"])
        at = joined.find(summary)
        assert at >= 0, f"event missing from the PDF timeline: {summary}"
        line_no = max(i for i, s in enumerate(starts) if s <= at)
        above = next(lines[i] for i in range(line_no - 1, -1, -1) if lines[i] in labels)
        assert above == _label(event), summary
        after = joined[at + len(summary):at + len(summary) + 40].replace(" ", "")
        assert after.startswith(citations[summary]), (summary, after)


def test_timeline_text_parity_demo(demo_out):
    out, _ = demo_out
    events = json.loads(run_cli("events", "--sources", str(DEMO_SOURCES)).stdout)
    _check_timeline_parity(events, out / "timeline.pdf", out / "timeline.docx")


def test_timeline_text_parity_500_events(corpus_out):
    sources, out = corpus_out
    events = json.loads(run_cli("events", "--sources", str(sources)).stdout)
    _check_timeline_parity(events, out / "timeline.pdf", out / "timeline.docx")


@pytest.mark.parametrize("which", ["demo", "corpus"])
def test_briefing_key_dates_parity(which, demo_out, corpus_out):
    sources, out = (DEMO_SOURCES, demo_out[0]) if which == "demo" else corpus_out
    events = json.loads(run_cli("events", "--sources", str(sources)).stdout)
    known = {(_label(e), squash(e["summary"])) for e in events}
    word = [p.text for p in docx.Document(str(out / "briefing.docx")).paragraphs
            if p.style.name == "Event"]
    assert word, "the Word briefing lists key dates"
    pdf = squash(PdfReader(out / "briefing.pdf").pages[0].extract_text())
    for line in word:
        m = re.fullmatch(r"(.+?) — (.+?) ((?:\[\d+\])+)(?: \+\d+ more)?", line)
        assert m, line
        label, summary, refs = m.groups()
        assert (label, summary) in known
        at = pdf.find(f"{label} {summary}")
        assert at >= 0, f"key date missing from the PDF briefing: {label} {summary}"
        assert pdf[at + len(label) + len(summary) + 1:].replace(" ", "").startswith(refs)


# --- sizes ------------------------------------------------------------------------------------


def test_demo_documents_are_email_friendly(demo_out):
    out, _ = demo_out
    assert (out / "briefing.pdf").stat().st_size < 150_000
    assert (out / "timeline.pdf").stat().st_size < 300_000
    assert (out / "briefing.docx").stat().st_size < 150_000
    assert (out / "timeline.docx").stat().st_size < 300_000


def test_sources_that_disagree_are_flagged_in_both_formats(tmp_path):
    sources = write_tree(tmp_path / "sources", {
        "a.md": "---\ntitle: A\ndate: 2025-01-10\n---\nOn January 8, Antony Blinken visited "
                "Paris and met President Emmanuel Macron at the Elysee palace.\n",
        "b.md": "---\ntitle: B\ndate: 2025-01-10\n---\nOn January 9, Antony Blinken visited "
                "Paris and met President Emmanuel Macron at the Elysee palace.\n",
    })
    out = tmp_path / "out"
    result = run_cli("make", "--sources", str(sources), "--out", str(out), "--kind",
                     "timeline")
    assert result.returncode == 0, result.stderr
    pdf = " ".join(" ".join(p.extract_text().split())
                   for p in PdfReader(out / "timeline.pdf").pages)
    word = " ".join(p.text for p in docx.Document(str(out / "timeline.docx")).paragraphs)
    for text in (pdf, word):
        assert "Sources disagree on the date: [2] gives 9 January 2025." in text
        assert "Sources disagree on the date: [1] gives 8 January 2025." in text


def test_chinese_japanese_and_korean_names_are_drawn(tmp_path):
    """Not blank: setup.sh installs a CJK font (Noto), which the PDF embeds for them."""
    from tests.conftest import run_cli, write_tree

    sources = write_tree(tmp_path / "s", {"a.md": (
        "---\ntitle: Visit\ndate: 2024-03-10\n---\n"
        "On 3 March 2024 Foreign Minister Wang Yi (王毅) met Fumio Kishida (岸田文雄) and "
        "Cho Tae-yul (조태열) in Beijing.\n")})
    result = run_cli("make", "--sources", str(sources), "--out", str(tmp_path / "out"),
                     "--kind", "timeline", "--format", "pdf")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(tmp_path / "out" / "timeline.pdf")
    fonts = {str(font.get_object()["/BaseFont"]) for page in reader.pages
             for font in page["/Resources"]["/Font"].values()}
    assert any("CJK" in name for name in fonts), fonts
    assert "王毅" in reader.pages[0].extract_text() and "조태열" in reader.pages[0].extract_text()
