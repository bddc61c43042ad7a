"""Exports: JSON (round trip), CSV, iCalendar, TimelineJS, Markdown; and reading them back."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from briefing.export import from_json, to_csv, to_ics, to_json, to_markdown, to_timelinejs
from briefing.model import Chronology, Citation, DateValue, Event, Precision, Quote
from briefing.pipeline import load_chronology
from briefing.sources import read_source
from briefing.views import date_label
from tests.conftest import DEMO_SOURCES, run_cli, write_tree


@pytest.fixture(scope="module")
def demo() -> Chronology:
    return load_chronology(DEMO_SOURCES)


def _event(value: str, precision: Precision, start: date, end: date, summary: str,
           **flags: bool) -> Event:
    return Event(
        date=DateValue(value, precision, start, end, **flags), summary=summary,
        sentence=f"{summary}, the sentence.",
        citations=(Citation("notes.md", "Notes", 1, "Example News", "https://example.org/n",
                            DateValue("2025-02", Precision.MONTH, date(2025, 2, 1),
                                      date(2025, 2, 28))),),
        date_text=value, actors=("Antony Blinken",),
        quotes=(Quote("We stand together", "Antony Blinken"),), details=("A detail.",),
    )


# One event per kind of date: day, month, year, range, approximate, quarter, minute.
EVENTS = (
    _event("2024", Precision.YEAR, date(2024, 1, 1), date(2024, 12, 31), "A year"),
    _event("2025-Q1", Precision.QUARTER, date(2025, 1, 1), date(2025, 3, 31), "A quarter"),
    _event("2025-01", Precision.MONTH, date(2025, 1, 1), date(2025, 1, 31), "A month"),
    _event("2025-01-08", Precision.DAY, date(2025, 1, 8), date(2025, 1, 8), "A day"),
    _event("2025-01-08/2025-01-10", Precision.DAY, date(2025, 1, 8), date(2025, 1, 10),
           "A range = risky <b>text</b> | [link]"),
    _event("2025-01-09T14:30", Precision.MINUTE, date(2025, 1, 9), date(2025, 1, 9),
           "A press conference"),
    _event("2025-02", Precision.MONTH, date(2025, 2, 1), date(2025, 2, 10), "Early February",
           approximate=True),
)
SMALL = Chronology(events=EVENTS, undated=(), sources=())


def test_json_round_trip_of_the_demo(demo: Chronology) -> None:
    exported = to_json(demo, title="Demo")
    text = json.dumps(exported, ensure_ascii=False)
    assert from_json(text) == list(demo.events)
    assert from_json(json.loads(text)) == list(demo.events)
    assert exported["title"] == "Demo"
    assert {s["name"] for s in exported["sources"]} == {s.name for s in demo.sources}
    assert len(exported["undated"]) == len(demo.undated)


def test_json_round_trip_of_every_kind_of_date() -> None:
    assert from_json(json.dumps(to_json(SMALL, title="t"))) == list(EVENTS)


def test_from_json_reads_the_cli_list(demo: Chronology) -> None:
    result = run_cli("events", "--sources", str(DEMO_SOURCES), "--format", "json")
    events = from_json(result.stdout)
    assert [(e.date, e.summary, e.sentence, e.actors, e.quotes, e.details) for e in events] == [
        (e.date, e.summary, e.sentence, e.actors, e.quotes, e.details) for e in demo.events]


def test_from_json_names_a_bad_event() -> None:
    with pytest.raises(ValueError, match="event 2 cannot be read"):
        from_json({"version": 1, "events": [to_json(SMALL, "t")["events"][0], {"summary": "x"}]})


def test_csv_parses_back(demo: Chronology) -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(demo))))
    assert [r["date"] for r in rows] == [e.date.value for e in demo.events]
    assert [r["summary"] for r in rows] == [e.summary for e in demo.events]
    assert [r["date_label"] for r in rows] == [date_label(e.date) for e in demo.events]
    assert rows[0]["sources"] == "; ".join(demo.events[0].sources)


def test_csv_cells_are_not_formulas() -> None:
    event = _event("2025-01-08", Precision.DAY, date(2025, 1, 8), date(2025, 1, 8),
                   "=HYPERLINK(\"http://evil\")")
    rows = list(csv.DictReader(io.StringIO(to_csv(Chronology((event,), (), ())))))
    assert rows[0]["summary"].startswith("'=")


def _calendar_events(ics: str) -> dict[str, object]:
    calendar = Calendar.from_ical(ics)
    return {str(c.get("summary")): c for c in calendar.walk("VEVENT")}


def test_ics_dates_at_their_real_precision() -> None:
    found = _calendar_events(to_ics(SMALL, title="Test"))
    assert len(found) == len(EVENTS)

    def span(summary: str) -> tuple[object, object]:
        item = found[summary]
        return item.decoded("dtstart"), item.decoded("dtend")

    assert span("A day") == (date(2025, 1, 8), date(2025, 1, 9))
    assert span("A month") == (date(2025, 1, 1), date(2025, 2, 1))
    assert span("A year") == (date(2024, 1, 1), date(2025, 1, 1))
    assert span("A quarter") == (date(2025, 1, 1), date(2025, 4, 1))
    assert span("A range = risky <b>text</b> | [link]") == (date(2025, 1, 8), date(2025, 1, 11))
    assert span("Early February") == (date(2025, 2, 1), date(2025, 2, 11))
    timed = found["A press conference"].decoded("dtstart")
    assert isinstance(timed, datetime) and (timed.hour, timed.minute) == (14, 30)
    day = found["A day"]
    assert "VALUE=DATE" in day.to_ical().decode()
    assert "8 January 2025" in str(day.get("description"))
    assert str(day.get("url")) == "https://example.org/n"


def test_ics_is_reproducible_with_stable_uids(monkeypatch: pytest.MonkeyPatch,
                                              demo: Chronology) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = to_ics(demo)
    assert first == to_ics(demo)
    uids = [str(c.get("uid")) for c in Calendar.from_ical(first).walk("VEVENT")]
    assert len(uids) == len(set(uids)) == len(demo.events)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamped = Calendar.from_ical(to_ics(demo))
    stamps = {c.decoded("dtstamp") for c in stamped.walk("VEVENT")}
    assert {s.timestamp() for s in stamps} == {1700000000}
    assert [str(c.get("uid")) for c in stamped.walk("VEVENT")] == uids


def test_an_event_keeps_its_uid_when_another_source_reports_it_too(demo: Chronology) -> None:
    """A calendar subscribed to the ICS would otherwise show the event twice (or lose it)."""
    from dataclasses import replace

    event = demo.events[0]
    corroborated = replace(event, citations=(*event.citations, Citation(
        source="another-wire.md", title="Another wire", paragraph=3)))
    before = Calendar.from_ical(to_ics(Chronology((event,), (), demo.sources)))
    after = Calendar.from_ical(to_ics(Chronology((corroborated,), (), demo.sources)))
    assert [str(c.get("uid")) for c in before.walk("VEVENT")] == \
        [str(c.get("uid")) for c in after.walk("VEVENT")]


def test_timelinejs_structure() -> None:
    document = to_timelinejs(SMALL, title="Test <timeline>")
    assert document["title"]["text"]["headline"] == "Test &lt;timeline&gt;"
    assert "start_date" not in document["title"]
    slides = {s["display_date"]: s for s in document["events"]}
    assert len(document["events"]) == len(EVENTS)
    for slide in document["events"]:
        assert set(slide) <= {"start_date", "end_date", "text", "media", "group",
                              "display_date", "background", "autolink", "unique_id"}
        assert isinstance(slide["start_date"]["year"], int)
        assert set(slide["text"]) == {"headline", "text"}
    assert len({s["unique_id"] for s in document["events"]}) == len(EVENTS)
    assert slides["8 January 2025"]["start_date"] == {"year": 2025, "month": 1, "day": 8}
    assert "end_date" not in slides["8 January 2025"]
    assert slides["January 2025"]["start_date"] == {"year": 2025, "month": 1}
    assert slides["2024"]["start_date"] == {"year": 2024}
    range_slide = slides["8–10 January 2025"]
    assert range_slide["end_date"] == {"year": 2025, "month": 1, "day": 10}
    assert "&lt;b&gt;" in range_slide["text"]["headline"]
    quarter = slides[date_label(EVENTS[1].date)]
    assert quarter["start_date"] == {"year": 2025, "month": 1}
    assert quarter["end_date"] == {"year": 2025, "month": 3}
    timed = slides[date_label(EVENTS[5].date)]["start_date"]
    assert timed == {"year": 2025, "month": 1, "day": 9, "hour": 14, "minute": 30}
    assert slides["about February 2025"]["start_date"] == {"year": 2025, "month": 2}
    text = slides["8 January 2025"]["text"]["text"]
    assert '<a href="https://example.org/n">Notes</a>' in text
    json.dumps(document)  # plain JSON data


def test_timelinejs_export_reads_back(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tl.json": json.dumps(to_timelinejs(SMALL, title="Again"))})
    source = read_source(tmp_path / "tl.json")
    assert source.title == "Again"
    assert sorted(e.summary for e in source.events) == sorted(e.summary for e in EVENTS)
    by_summary = {e.summary: e.date for e in source.events}
    assert by_summary["A day"].value == "2025-01-08"
    assert by_summary["A range = risky <b>text</b> | [link]"].value == "2025-01-08/2025-01-10"


def test_markdown_renders_as_written_quotes_closed_and_no_list_made_by_the_text() -> None:
    """A viewer (CommonMark) must not run the citations into a quote above them, nor make a
    list of a sentence that begins "- " or "1. "."""
    from markdown_it import MarkdownIt

    day = DateValue("2025-01-08", Precision.DAY, date(2025, 1, 8), date(2025, 1, 8))
    events = (Event(date=day, summary="- Talks resumed", sentence="1. Talks resumed in Doha.",
                    citations=(Citation(source="a.md", title="Wire", paragraph=1),),
                    quotes=(Quote("We are close", "A. Negotiator"),), date_text="x"),)
    markdown = to_markdown(Chronology(events, (), ()))
    tokens = MarkdownIt("commonmark").parse(markdown)
    depth, lists, in_quote_text = 0, 0, []
    for token in tokens:
        depth += token.nesting if token.type.startswith("blockquote") else 0
        lists += token.type in ("bullet_list_open", "ordered_list_open")
        if token.type == "inline" and depth:
            in_quote_text.append(token.content)
    assert in_quote_text == ["“We are close” — A. Negotiator"]
    assert lists == 1  # the events' own list, nothing nested from the text
    html = MarkdownIt("commonmark").render(markdown)
    assert "— - Talks resumed" in html and "1. Talks resumed in Doha." in html


def test_markdown_has_every_date_label_and_citation(demo: Chronology) -> None:
    for chronology in (demo, SMALL):
        text = to_markdown(chronology, title="T")
        for event in chronology.events:
            assert date_label(event.date) in text
            for citation in event.citations:
                assert citation.source.replace("_", "\\_") in text
    text = to_markdown(SMALL, title="T")
    assert "## 2024" in text and "## 2025" in text
    assert "<b>" not in text and "\\<b\\>" in text
    assert "[Notes](<https://example.org/n>)" in text


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_reads_back_as_a_source(fmt: str, tmp_path: Path, demo: Chronology) -> None:
    """The structured round trip: export, put the file in a sources folder, read it back."""
    result = run_cli("events", "--sources", str(DEMO_SOURCES), "--format", fmt)
    assert result.returncode == 0, result.stderr
    folder = write_tree(tmp_path / "again", {f"chronology.{fmt}": result.stdout})
    again = load_chronology(folder)
    assert [(e.summary, e.date.value) for e in again.events] == [
        (e.summary, e.date.value) for e in demo.events]
    assert [e.actors for e in again.events] == [e.actors for e in demo.events]


def test_full_json_export_reads_back_as_a_source(tmp_path: Path) -> None:
    folder = write_tree(tmp_path / "again", {"c.json": json.dumps(to_json(SMALL, title="T"))})
    again = load_chronology(folder)
    got = {e.summary: e for e in again.events}
    assert len(got) == len(EVENTS)
    for event in EVENTS:  # the chronology orders them its own way
        assert got[event.summary].date == event.date
        assert got[event.summary].quotes == event.quotes
        assert got[event.summary].details == event.details
        assert got[event.summary].date_text == event.date_text


def test_small_csv_reads_back(tmp_path: Path) -> None:
    folder = write_tree(tmp_path / "again", {"c.csv": to_csv(SMALL)})
    again = load_chronology(folder)
    got = {e.summary: e for e in again.events}
    for event in EVENTS:
        assert got[event.summary].date.value == event.date.value
        assert got[event.summary].quotes == event.quotes
        assert got[event.summary].details == event.details
        assert got[event.summary].date_text == event.date_text
    assert got["Early February"].date.approximate


@pytest.mark.parametrize("fmt", ["csv", "ics", "timelinejs", "md"])
def test_cli_formats(fmt: str) -> None:
    result = run_cli("events", "--sources", str(DEMO_SOURCES), "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    if fmt == "ics":
        assert Calendar.from_ical(result.stdout).walk("VEVENT")
    if fmt == "timelinejs":
        assert json.loads(result.stdout)["events"]


def test_ics_dtend_follows_interval_end() -> None:
    for event in EVENTS:
        if event.date.precision in (Precision.MINUTE, Precision.HOUR):
            continue
        item = _calendar_events(to_ics(Chronology((event,), (), ()), "t"))[event.summary]
        assert item.decoded("dtend") - item.decoded("dtstart") == (
            event.date.end - event.date.start + timedelta(days=1))


def test_json_round_trip_keeps_conflicts_and_spans():
    from datetime import date

    from briefing.export import from_json, to_json
    from briefing.model import Chronology, Citation, Conflict, DateValue, Event, Precision

    d8 = DateValue("2025-01-08", Precision.DAY, date(2025, 1, 8), date(2025, 1, 8))
    d9 = DateValue("2025-01-09", Precision.DAY, date(2025, 1, 9), date(2025, 1, 9))
    event = Event(date=d8, summary="S.", sentence="S.", date_text="January 8",
                  citations=(Citation("a.md", "A", 1, span=(3, 20)),),
                  conflicts=(Conflict(d9, "b.md"),))
    assert from_json(to_json(Chronology((event,), (), ()))) == [event]
