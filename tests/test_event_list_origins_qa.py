"""An event list whose rows cite their own publisher and URL (a spreadsheet of events, each
taken from an article): the documents say where each event comes from, not only the file."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from pypdf import PdfReader

from briefing.dates import parse_ref
from briefing.pipeline import Settings, build, load_chronology
from briefing.views import SOURCE_CITES, Cited, Origin, build_briefing, build_timeline

ROWS = """date,event,source,url
2025-01-08,The minister announced the flood relief plan.,Reuters,https://www.reuters.com/world/plan
2025-01-10,Parliament approved the relief budget.,AP,https://apnews.com/article/budget
2025-01-12,The first relief convoys reached the north.,Reuters,javascript:alert(1)
2025-01-14,The opposition called for an inquiry.,,
"""


def _sources(folder: Path) -> Path:
    folder.mkdir()
    (folder / "events.csv").write_text(ROWS, encoding="utf-8")
    (folder / "note.md").write_text(
        "---\ntitle: Note\ndate: 2025-01-15\npublisher: Desk\nurl: https://example.org/n\n---\n\n"
        "On 9 January 2025, the council met the mayor.\n", encoding="utf-8")
    return folder


def test_an_event_column_is_a_summary(tmp_path: Path) -> None:
    chronology = load_chronology(_sources(tmp_path / "s"))
    assert not chronology.problems
    assert len(chronology.events) == 5


def test_views_carry_each_rows_publisher_and_url(tmp_path: Path) -> None:
    chronology = load_chronology(_sources(tmp_path / "s"))
    timeline = build_timeline(chronology, "T", "15 January 2025")
    events = {e.summary: e for y in timeline.years for m in y.months for d in m.days
              for e in d.events}
    reuters = Origin("Reuters", "https://www.reuters.com/world/plan")
    assert events["The minister announced the flood relief plan."].origins == (reuters,)
    assert events["Parliament approved the relief budget."].origins == (
        Origin("AP", "https://apnews.com/article/budget"),)
    # a URL no reader should follow is dropped; the publisher stays
    assert events["The first relief convoys reached the north."].origins == (
        Origin("Reuters", None),)
    assert events["The opposition called for an inquiry."].origins == ()
    listed = {s.name: s for s in timeline.sources}
    # a source of prose cites itself: its publisher is in the Sources list already
    from_note = [e for e in events.values() if listed["note.md"].number in e.refs]
    assert from_note and not any(e.origins for e in from_note)
    assert listed["events.csv"].cites == (Cited("Reuters", 2), Cited("AP", 1))
    assert listed["note.md"].cites == ()
    briefing = build_briefing(chronology, "T", "15 January 2025")
    assert Origin("AP", "https://apnews.com/article/budget") in [
        o for e in briefing.key_dates for o in e.origins]


def test_documents_name_the_rows_publishers(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(Settings(sources=_sources(tmp_path / "s"), out=out))
    timeline = "\n".join(p.extract_text() for p in PdfReader(out / "timeline.pdf").pages)
    flat = " ".join(timeline.split())
    assert "The minister announced the flood relief plan. [1] (Reuters)" in flat
    assert "Its rows cite Reuters (2 events); AP (1 event)." in flat
    links = {a["/A"]["/URI"] for page in PdfReader(out / "timeline.pdf").pages
             for a in (x.get_object() for x in page.get("/Annots", []))
             if "/A" in a and "/URI" in a["/A"]}
    assert "https://apnews.com/article/budget" in links
    briefing = " ".join(PdfReader(out / "briefing.pdf").pages[0].extract_text().split())
    assert "(AP)" in briefing
    for name in ("timeline.docx", "briefing.docx"):
        text = "\n".join(p.text for p in Document(str(out / name)).paragraphs)
        assert "relief budget." in text and "(AP)" in text, name
    text = "\n".join(p.text for p in Document(str(out / "timeline.docx")).paragraphs)
    assert "Its rows cite Reuters (2 events); AP (1 event)." in text


def test_a_long_list_cites_its_publishers_briefly(tmp_path: Path) -> None:
    """300 rows from 40 publishers, spelled two ways: the Sources entry names the most cited
    few, counted, not 300 URLs (6 pages of them)."""
    rows = ["date,summary,publisher,url"]
    for i in range(300):
        name = f"Outlet {i % 40}" if i % 2 else f"outlet {i % 40}"
        rows.append(f"2024-{i % 12 + 1:02}-{i % 28 + 1:02},Event number {i} happened.,{name},"
                    f"https://example.org/{i}")
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "list.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    chronology = load_chronology(folder)
    entry = build_timeline(chronology, "T", "x").sources[0]
    assert len(entry.cites) == SOURCE_CITES and entry.more_cites == 40 - SOURCE_CITES
    assert sum(c.events for c in entry.cites) <= 300 and entry.cites[0].events >= 7
    assert len({c.label.casefold() for c in entry.cites}) == SOURCE_CITES  # one per outlet


def test_a_lists_own_publisher_is_not_repeated_and_no_as_of_date_is_its_date(
        tmp_path: Path) -> None:
    folder = tmp_path / "s"
    folder.mkdir()
    (folder / "list.json").write_text(
        '{"title": "Wire events", "publisher": "Reuters", "url": "https://reuters.com/list",'
        ' "events": [{"date": "2024-05-01", "summary": "The port reopened.",'
        ' "publisher": "reuters"},'
        ' {"date": "2024-05-02", "summary": "Ships left the port.", "publisher": "AP"}]}',
        encoding="utf-8")
    chronology = load_chronology(folder, parse_ref("2025-12-31"))
    timeline = build_timeline(chronology, "T", "x")
    entry = timeline.sources[0]
    assert (entry.publisher, entry.url) == ("Reuters", "https://reuters.com/list")
    assert entry.date_label is None  # 31 December 2025 is the run's as-of date, not the list's
    assert entry.cites == (Cited("AP", 1),)
    events = {e.summary: e for y in timeline.years for m in y.months for d in m.days
              for e in d.events}
    assert events["The port reopened."].origins == ()
    # its own publisher, the list's URL (a row without one cites the list's)
    assert events["Ships left the port."].origins == (Origin("AP", None),)
