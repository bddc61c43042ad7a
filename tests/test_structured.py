"""Event lists as sources: CSV, JSON, YAML, TimelineJS JSON and the TimelineJS sheet."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from briefing.extract import extract_events
from briefing.model import Precision, Quote, Severity
from briefing.sources import SUPPORTED_EXTENSIONS, read_source, read_sources
from briefing.sources.base import SourceError
from briefing.sources.structured import parse_event_date
from tests.conftest import DEMO_SOURCES, run_cli, write_tree

PLAIN_CSV = (
    "date,summary,sentence,actors,source,url\n"
    '2025-01-08,Blinken visits Paris,"Antony Blinken visited Paris on 8 January.",'
    "Antony Blinken; Emmanuel Macron,Reuters,https://example.org/a\n"
    "2025-01,Talks continue,,,,\n"
)


def test_extensions_are_registered() -> None:
    assert {".csv", ".json", ".yaml", ".yml"} <= set(SUPPORTED_EXTENSIONS)


def test_plain_csv(tmp_path: Path) -> None:
    write_tree(tmp_path, {"paris.csv": PLAIN_CSV})
    source = read_source(tmp_path / "paris.csv")
    assert source.title == "Paris"
    assert [b.text for b in source.blocks] == ["Blinken visits Paris", "Talks continue"]
    first, second = source.events
    assert first.date.value == "2025-01-08" and first.date.precision == Precision.DAY
    assert first.summary == "Blinken visits Paris"
    assert first.sentence == "Antony Blinken visited Paris on 8 January."
    assert first.actors == ("Antony Blinken", "Emmanuel Macron")
    citation = first.citations[0]
    assert (citation.source, citation.title, citation.paragraph) == ("paris.csv", "Paris", 1)
    assert (citation.publisher, citation.url) == ("Reuters", "https://example.org/a")
    assert second.date.value == "2025-01" and second.date.precision == Precision.MONTH
    assert second.sentence == "Talks continue"  # defaults to the summary
    assert second.citations[0].paragraph == 2
    # The events are given, not extracted from the text.
    assert extract_events(source) == (list(source.events), [])


def test_csv_range_semicolons_and_legacy_encoding(tmp_path: Path) -> None:
    text = "start;end;summary;description\n8 January 2025;10 January 2025;Café summit;Long\n"
    write_tree(tmp_path, {"s.csv": text.encode("cp1252")})
    (event,) = read_source(tmp_path / "s.csv").events
    assert event.summary == "Café summit"
    assert event.sentence == "Long"
    assert event.date.value == "2025-01-08/2025-01-10"
    assert event.date.precision == Precision.DAY
    assert (event.date.start, event.date.end) == (date(2025, 1, 8), date(2025, 1, 10))


def test_range_takes_start_precision_and_end_of_end() -> None:
    value = parse_event_date("2024", "2025-03")
    assert value.value == "2024/2025-03"
    assert value.precision == Precision.YEAR
    assert (value.start, value.end) == (date(2024, 1, 1), date(2025, 3, 31))
    assert parse_event_date("2025-01-08/2025-01-10").end == date(2025, 1, 10)
    for timex, precision, start, end in [
        ("2025-W02", Precision.WEEK, date(2025, 1, 6), date(2025, 1, 12)),
        ("2025-SU", Precision.SEASON, date(2025, 6, 1), date(2025, 8, 31)),
        ("2025-Q1", Precision.QUARTER, date(2025, 1, 1), date(2025, 3, 31)),
        ("199X", Precision.DECADE, date(1990, 1, 1), date(1999, 12, 31)),
    ]:
        value = parse_event_date(timex)
        assert (value.value, value.precision, value.start, value.end) == (
            timex, precision, start, end)
    with pytest.raises(ValueError, match="before the start"):
        parse_event_date("2025-02", "2025-01")


def test_bad_rows_are_warnings_naming_the_row(tmp_path: Path) -> None:
    write_tree(tmp_path, {"list.csv": (
        "date,summary\n"
        "2025-01-08,Good one\n"
        "2025-01-09,\n"
        ",No date\n"
        "soon,Vague\n"
        "2025-02-30,Impossible\n"
        "2025-03-01,Good two\n"
    )})
    sources, problems = read_sources(tmp_path)
    (source,) = sources
    assert [e.summary for e in source.events] == ["Good one", "Good two"]
    assert all(p.severity == Severity.WARNING for p in problems)
    messages = [p.message for p in problems]
    assert any(m.startswith("row 2: no summary") for m in messages)
    assert any(m.startswith("row 3: no date") for m in messages)
    assert any(m.startswith("row 4: date 'soon' is not a date") for m in messages)
    assert any(m.startswith("row 5: date '2025-02-30' is not a date") for m in messages)
    assert len(messages) == 4


def test_missing_columns_is_an_error_naming_them(tmp_path: Path) -> None:
    write_tree(tmp_path, {"events.csv": "when,what\n2025-03-01,Something\n"})
    with pytest.raises(SourceError) as error:
        read_source(tmp_path / "events.csv")
    message = str(error.value)
    assert "when, what" in message
    assert "date" in message and "summary" in message


def test_every_row_bad_is_an_error(tmp_path: Path) -> None:
    write_tree(tmp_path, {"l.csv": "date,summary\nsoon,Vague\n"})
    with pytest.raises(SourceError, match="row 1: date 'soon' is not a date"):
        read_source(tmp_path / "l.csv")


def test_json_list_and_object(tmp_path: Path) -> None:
    plain = [{"date": "2025-01-08", "summary": "A", "actors": ["X", "Y"],
              "quotes": [{"text": "Hello", "speaker": "X"}, "Bare quote"]}]
    wrapped = {"title": "Paris week", "date": "2025-01", "events": [
        {"start": "2025-01-08", "end": "2025-01-10", "summary": "B", "publisher": "AFP"}]}
    write_tree(tmp_path, {"plain.json": json.dumps(plain), "wrapped.json": json.dumps(wrapped)})
    (a,) = read_source(tmp_path / "plain.json").events
    assert a.actors == ("X", "Y")
    assert a.quotes == (Quote("Hello", "X"), Quote("Bare quote"))
    source = read_source(tmp_path / "wrapped.json")
    assert source.title == "Paris week"
    assert source.reference is not None and source.reference.value == "2025-01"
    (b,) = source.events
    assert b.date.value == "2025-01-08/2025-01-10"
    assert b.citations[0].title == "Paris week"
    assert b.citations[0].publisher == "AFP"
    assert b.citations[0].source_date == source.reference


def test_yaml_list(tmp_path: Path) -> None:
    write_tree(tmp_path, {"l.yml": (
        "title: YAML week\n"
        "events:\n"
        "  - date: 2025-01-08\n"      # a YAML date object
        "    summary: A\n"
        "  - date: 2025\n"            # a YAML int: year precision
        "    summary: B\n"
        "    actors: X; Y\n"
        "  - date: 2025-02-30\n"      # impossible: stays a string, reported
        "    summary: C\n"
    )})
    sources, problems = read_sources(tmp_path)
    a, b = sources[0].events
    assert (a.date.value, a.date.precision) == ("2025-01-08", Precision.DAY)
    assert (b.date.value, b.date.precision) == ("2025", Precision.YEAR)
    assert b.actors == ("X", "Y")
    assert [p.message for p in problems] == [
        "row 3: date '2025-02-30' is not a date; the row is skipped"]


def test_json_without_events_is_refused(tmp_path: Path) -> None:
    write_tree(tmp_path, {"config.json": '{"name": "x", "version": 2}'})
    with pytest.raises(SourceError, match="keys found: name, version"):
        read_source(tmp_path / "config.json")
    write_tree(tmp_path, {"broken.json": '{"events": ['})
    with pytest.raises(SourceError, match="not valid JSON"):
        read_source(tmp_path / "broken.json")


TIMELINEJS = {
    "title": {"text": {"headline": "Blinken <i>in</i> Paris", "text": "<p>Intro</p>"}},
    "events": [
        {"start_date": {"year": "2025", "month": "1", "day": "8"},
         "text": {"headline": "Légion d&#x27;honneur", "text": "<p>Macron <b>awards</b> it.</p>"},
         "media": {"url": "https://example.org/photo", "credit": "AP"}},
        {"start_date": {"year": 2025, "month": 1},
         "text": {"headline": "Month event"}},
        {"start_date": {"year": "2024"}, "end_date": {"year": "2025", "month": "3"},
         "text": {"headline": "Long war"}},
        {"start_date": {"year": "2025", "month": "1", "day": "9", "hour": "14", "minute": "30"},
         "text": {"headline": "Press conference"}},
        {"start_date": {"month": "1"}, "text": {"headline": "No year"}},
    ],
}


def test_timelinejs_json(tmp_path: Path) -> None:
    write_tree(tmp_path, {"tl.json": json.dumps(TIMELINEJS)})
    sources, problems = read_sources(tmp_path)
    (source,) = sources
    assert source.title == "Blinken in Paris"
    assert source.metadata["format"] == "timelinejs"
    day, month, years, timed = source.events
    assert (day.date.value, day.date.precision) == ("2025-01-08", Precision.DAY)
    assert day.summary == "Légion d'honneur"
    assert day.sentence == "Macron awards it."
    assert day.citations[0].url == "https://example.org/photo"
    assert (month.date.value, month.date.precision) == ("2025-01", Precision.MONTH)
    assert years.date.value == "2024/2025-03"
    assert years.date.precision == Precision.YEAR
    assert years.date.end == date(2025, 3, 31)
    assert (timed.date.value, timed.date.precision) == ("2025-01-09T14:30", Precision.MINUTE)
    assert [p.message for p in problems] == ["row 5: no date; the row is skipped"]


SHEET = (
    "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,"
    "Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n"
    ",,,,,,,,,Sheet title,<p>Intro</p>,,,,,title,,\n"
    "2025,1,8,2:30 PM,,,,,,Paris visit,<p>Text here</p>,https://example.org/v,,,,,Diplomacy,\n"
    "2025,,,,,,,,,Year only,,,,,,,,\n"
    "2024,3,,,2024,5,,,spring,Spring talks,,,,,,,,\n"
    "someday,,,,,,,,,Bad year,,,,,,,,\n"
)


def test_timelinejs_sheet_csv(tmp_path: Path) -> None:
    write_tree(tmp_path, {"sheet.csv": SHEET})
    sources, problems = read_sources(tmp_path)
    (source,) = sources
    assert source.title == "Sheet title"
    assert source.metadata["format"] == "timelinejs-sheet"
    paris, year, spring = source.events
    assert (paris.date.value, paris.date.precision) == ("2025-01-08T14:30", Precision.MINUTE)
    assert paris.sentence == "Text here"
    assert paris.citations[0].paragraph == 2  # the title row is data row 1
    assert paris.citations[0].url == "https://example.org/v"
    assert (year.date.value, year.date.precision) == ("2025", Precision.YEAR)
    assert spring.date.value == "2024-03/2024-05"
    assert spring.date.end == date(2024, 5, 31)
    assert spring.date_text == "spring"
    assert [p.message for p in problems] == [
        "row 5: date 'someday' is not a date; the row is skipped"]


def test_list_without_date_is_read(tmp_path: Path) -> None:
    write_tree(tmp_path, {"l.json": json.dumps({"date": "soon", "events": [
        {"date": "2025-01-08", "summary": "A"}]})})
    sources, problems = read_sources(tmp_path)
    assert sources[0].reference is None
    assert [len(s.events) for s in sources] == [1]
    assert any("list date 'soon' is not a date" in p.message for p in problems)


@pytest.fixture(scope="module")
def mixed_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo articles plus an event list."""
    folder = tmp_path_factory.mktemp("mixed") / "sources"
    shutil.copytree(DEMO_SOURCES, folder)
    write_tree(folder, {"list.yaml": (
        "title: Analyst notes\n"
        "date: 2025-02\n"
        "events:\n"
        "  - date: 2024-12\n"
        "    summary: Analyst note for December\n"
        "  - date: 2025-01-09\n"
        "    summary: Analyst note for the day after the Paris visit\n"
        "  - start: 2023\n"
        "    end: 2024-03\n"
        "    summary: Analyst note on a long period\n"
    )})
    return folder


def test_make_and_events_with_an_event_list(mixed_folder: Path, tmp_path: Path) -> None:
    made = run_cli("make", "--sources", str(mixed_folder), "--out", str(tmp_path / "out"),
                   "--format", "docx", "--kind", "timeline")
    assert made.returncode == 0, made.stderr
    result = run_cli("events", "--sources", str(mixed_folder), "--format", "json")
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    summaries = [e["summary"] for e in events]
    for note in ("Analyst note for December", "Analyst note for the day after the Paris visit",
                 "Analyst note on a long period"):
        assert summaries.count(note) == 1
    # Merged with the prose events, in date order.
    assert any(e["sources"] != ["list.yaml"] for e in events)
    starts = [e["date"]["start"] for e in events]
    assert starts == sorted(starts)
    assert summaries.index("Analyst note on a long period") == 0
    december = summaries.index("Analyst note for December")
    assert all(e["date"]["start"] < "2024-12-01" for e in events[:december])
    assert events[summaries.index("Analyst note for the day after the Paris visit")][
        "citations"] == [{"source": "list.yaml", "title": "Analyst notes", "paragraph": 2,
                        "span": None,
                          "publisher": None, "url": None}]


@pytest.mark.parametrize(("written", "start", "end", "ambiguous"), [
    ("08/01/2025", date(2025, 8, 1), date(2025, 8, 1), True),  # as Excel writes: one day
    ("13/01/2025", date(2025, 1, 13), date(2025, 1, 13), False),
    ("12/25/2024", date(2024, 12, 25), date(2024, 12, 25), False),
    ("2025/01/08", date(2025, 1, 8), date(2025, 1, 8), False),
    ("2025-01-08/2025-01-10", date(2025, 1, 8), date(2025, 1, 10), False),  # TIMEX ranges
    ("2024/2025", date(2024, 1, 1), date(2025, 12, 31), False),
    ("2024-Q1/2024-Q3", date(2024, 1, 1), date(2024, 9, 30), False),
])
def test_a_slash_makes_a_range_only_between_two_dates_that_open_with_their_year(
        written: str, start: date, end: date, ambiguous: bool) -> None:
    """Not "08/01/2025" as "from 08 (the year 2000?) to 01/2025": a date of slashes is one day."""
    value = parse_event_date(written)
    assert (value.start, value.end, value.ambiguous) == (start, end, ambiguous)


@pytest.mark.parametrize("written", ["January 8", "9 Jan", "Jan-25"])
def test_a_row_without_a_year_is_skipped_saying_so_never_put_in_2000(written: str) -> None:
    with pytest.raises(ValueError, match="no year"):
        parse_event_date(written)


def test_a_metadata_date_without_a_year_is_no_date() -> None:
    """dateparser, the last resort, fills a missing year from its base (2000): refused."""
    from briefing.dates import parse_date_value
    from briefing.sources.dates_meta import parse_metadata_date

    for written in ("January 8", "8 janvier", "Jan 8 10:00"):
        assert parse_date_value(written) is None and parse_metadata_date(written) is None
    assert parse_date_value("08.01.25") is not None  # a two-digit year is a year


def test_an_event_list_needs_no_date_of_its_own_even_under_strict(tmp_path: Path) -> None:
    """Every row carries its date: no "no date of its own" warning, so --strict passes; and
    with --as-of no "using the as-of date" warning either (cached runs too)."""
    write_tree(tmp_path / "s", {"list.csv": "date,summary\n2025-03-01,Clean event\n",
                                "list.json": json.dumps([{"date": "2025-03-02",
                                                          "summary": "Another"}])})
    for extra in ((), ("--as-of", "2025-06-01")):
        for _ in range(2):  # the second run takes the sources from the cache
            made = run_cli("make", "--sources", str(tmp_path / "s"), "--out",
                           str(tmp_path / "out"), "--kind", "briefing", "--format", "docx",
                           "--strict", "--force", *extra)
            assert made.returncode == 0, made.stderr
            assert "no date of its own" not in made.stderr


def test_an_event_list_is_never_shown_with_its_date_assumed(tmp_path: Path) -> None:
    from briefing.pipeline import load_chronology
    from briefing.views import build_briefing, build_timeline

    write_tree(tmp_path, {"list.csv": PLAIN_CSV, "notes.txt": "The committee met at length.\n"})
    chronology = load_chronology(tmp_path)
    for view in (build_briefing(chronology, "T", "now"), build_timeline(chronology, "T", "now")):
        guessed = {s.name: s.date_guessed for s in
                   getattr(view, "all_sources", None) or view.sources}
        assert guessed == {"list.csv": False, "notes.txt": True}
