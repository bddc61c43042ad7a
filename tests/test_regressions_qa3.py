"""Regressions a QA pass found in the day's new reading rules (helper-43), each read as before
the rules came in: anniversary leads are no wire datelines, a year label dates only its own
statement, "was likely in February" speaks of the future, headlines are no bylines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.dates import find_dates, parse_ref
from briefing.pipeline import load_chronology
from briefing.sources import read_source
from briefing.sources.base import byline_author
from briefing.sources.dates_meta import split_wire_dateline


@pytest.mark.parametrize("text", [
    "Brexit, 31 January 2020 — the day Britain left the European Union — still divides the "
    "country, a new poll found on Tuesday.",
    "Christmas Day, 25 December 2024 — The family gathered around the table as usual.",
    "Black Monday, Oct. 19, 1987 — the worst day in the history of the exchange — is back.",
])
def test_a_named_day_and_its_date_is_no_wire_dateline(text: str) -> None:
    assert split_wire_dateline(text) is None


def test_places_in_title_case_still_open_wire_stories() -> None:
    found = split_wire_dateline("Paris, 8 January 2025 — The minister met his counterpart.")
    assert found is not None and found.date is not None and found.date.value == "2025-01-08"


def test_an_anniversary_lead_keeps_its_sentence(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Brexit, 31 January 2020 — the day Britain left the European Union — still divides "
        "the country, a new poll found on Tuesday.\n\nThe survey of 2,000 adults was carried "
        "out last week.\n", encoding="utf-8")
    chronology = load_chronology(tmp_path)
    assert chronology.sources[0].reference is None
    assert [e.sentence[:19] for e in chronology.events] == ["Brexit, 31 January "]


def _values(text: str) -> list[str]:
    return [m.date.value for m in find_dates(text, parse_ref("2025-01-08"))]


def test_a_year_label_dates_only_its_statement() -> None:
    assert _values("2016: the year Britain voted to leave. Ministers will set out the new "
                   "trade rules in March, the government said.") == ["2016", "2025-03"]
    assert _values("1998: The company was founded in Lyon on March 3.") == ["1998",
                                                                          "1998-03-03"]
    # a year opening a sentence as its subject, before a dash, is no label
    assert _values("2008 – the year of the crash – still haunts investors, the bank said in "
                   "a report published in December.") == ["2024-12"]
    assert _values("2024 – The deficit reached 6.1% of GDP.") == ["2024"]


@pytest.mark.parametrize("sentence", [
    "Analysts said a cut was likely in February.",
    "The governor said cuts were likely in February.",
    "Officials said a deal was possible in February.",
])
def test_likely_speaks_of_the_future(sentence: str) -> None:
    assert _values(sentence) == ["2025-02"]


def test_past_clauses_stay_past() -> None:
    assert _values("The vote was held in February.") == ["2024-02"]


@pytest.mark.parametrize("line", [
    "Trump Names Fox Host, Former Army Major, as Defence Chief",
    "Washington Post Names Matt Murray, Former WSJ Editor, as Executive Editor",
    "By Royal Appointment", "By Popular Demand, Museum Reopens", "By Rail Across Europe",
    "Local Businesses, Staff Shortages",
])
def test_headlines_are_no_bylines(line: str) -> None:
    assert byline_author(line) is None


@pytest.mark.parametrize(("line", "names"), [
    ("By Jane Doe", "Jane Doe"), ("By Jane Doe, CNN", "Jane Doe"),
    ("By Jane Doe, Political Editor", "Jane Doe"), ("Jane Doe, Political Editor", "Jane Doe"),
    ("Jane Doe, Bureau Chief, Nairobi", "Jane Doe"), ("By Jane Doe in Paris", "Jane Doe"),
    ("By Jane Doe, John Roe and Ann Lee", "Jane Doe, John Roe and Ann Lee"),
])
def test_bylines_still_read(line: str, names: str) -> None:
    assert byline_author(line) == names


def test_a_headline_stays_the_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Trump Names Fox Host, Former Army Major, as Defence Chief\n\n"
                    "Published 13 November 2024\n\nPresident-elect Donald Trump on Tuesday "
                    "named Pete Hegseth as his choice for defence secretary.\n", encoding="utf-8")
    source = read_source(path)
    assert source.title == "Trump Names Fox Host, Former Army Major, as Defence Chief"
    assert "author" not in source.metadata
    json.dumps(source.metadata)
