"""QA round 3 of briefing.dates: future clauses without "to", time ranges on one day, and
"N years ago on <date>" (each case gave a wrong date in a real news article)."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.dates import find_dates, parse_ref
from briefing.model import Precision

REF = "2025-01-15"  # a Wednesday


def values(text: str, reference: str = REF) -> list[tuple[str, str]]:
    found = find_dates(text, parse_ref(reference))
    for m in found:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.date.value) for m in found]


# --- 1. plans stated in the present: "is expected in March" -----------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("The report is expected in March.", [("March", "2025-03")]),
    ("The report is due in March.", [("March", "2025-03")]),
    ("Elections are expected in March.", [("March", "2025-03")]),
    ("The hearing is scheduled for March 3.", [("March 3", "2025-03-03")]),
    ("The vote is set for March 3.", [("March 3", "2025-03-03")]),
    ("The summit is planned for March 3.", [("March 3", "2025-03-03")]),
    ("The launch is slated for March.", [("March", "2025-03")]),
    ("The decision is expected by March.", [("March", "2025-03")]),
    ("The talks are now expected in early March.", [("early March", "2025-03")]),
    ("Payment is due by the end of March.", [("the end of March", "2025-03")]),
    ("The vote has been postponed until March 3.", [("March 3", "2025-03-03")]),
    ("The deadline is March 3.", [("March 3", "2025-03-03")]),
    ("The deadline for bids is March 3.", [("March 3", "2025-03-03")]),
    ("The next payment is next due on March 3.", [("March 3", "2025-03-03")]),
    ("The law takes effect on March 3.", [("March 3", "2025-03-03")]),
    ("The rules take effect on March 3.", [("March 3", "2025-03-03")]),
    ("The rule comes into force on March 3.", [("March 3", "2025-03-03")]),
    ("Officials said the report is expected in March.", [("March", "2025-03")]),
    ("The hearing is scheduled for Tuesday.", [("Tuesday", "2025-01-21")]),
    ("Results due in March.", [("March", "2025-03")]),
    ("The vote, scheduled for March 3, is the first since the war.",
     [("March 3", "2025-03-03")]),
])
def test_present_plans_are_read_forward(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The report, expected in March, was published on Monday.",
     [("March", "2024-03"), ("Monday", "2025-01-13")]),
    ("The report was expected in March.", [("March", "2024-03")]),
    ("The hearing had been scheduled for March 3.", [("March 3", "2024-03-03")]),
    ("The hearing was scheduled for March 3.", [("March 3", "2024-03-03")]),
    ("The vote had been postponed until March 3.", [("March 3", "2024-03-03")]),
    ("The deadline was March 3.", [("March 3", "2024-03-03")]),
    ("The law took effect on March 3.", [("March 3", "2024-03-03")]),
    ("The rules did not take effect on March 3.", [("March 3", "2024-03-03")]),
    ("The summit, planned for March 3, was cancelled.", [("March 3", "2024-03-03")]),
    ("The launch, slated for May, was cancelled.", [("May", "2024-05")]),
    ("Payments due in March were late.", [("March", "2024-03")]),
    ("The vote, scheduled for March 3, sparked protests.", [("March 3", "2024-03-03")]),
    ("Prices rose as expected in March.", [("March", "2024-03")]),
    ("Sales were lower than expected in March.", [("March", "2024-03")]),
    ("Members voted for May in 2016.", [("2016", "2016")]),
])
def test_past_plans_and_participles_still_look_back(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


# --- 2. time ranges on one day ---------------------------------------------------------------


@pytest.mark.parametrize(("text", "expr", "value"), [
    ("The meeting ran from 9 a.m. to 5 p.m. on Tuesday.", "from 9 a.m. to 5 p.m. on Tuesday",
     "2025-01-14T09:00/2025-01-14T17:00"),
    ("The meeting runs between 9:00 and 17:00 on 8 January.",
     "between 9:00 and 17:00 on 8 January", "2025-01-08T09:00/2025-01-08T17:00"),
    ("Polls are open 9am-5pm on Tuesday.", "9am-5pm on Tuesday",
     "2025-01-14T09:00/2025-01-14T17:00"),
    ("The meeting was held on Tuesday from 9 a.m. to 5 p.m.", "Tuesday from 9 a.m. to 5 p.m.",
     "2025-01-14T09:00/2025-01-14T17:00"),
    ("The meeting was held on Tuesday between 9:00 and 17:00.",
     "Tuesday between 9:00 and 17:00", "2025-01-14T09:00/2025-01-14T17:00"),
    ("The talks ran from 10:00 to 12:30 on January 8.", "from 10:00 to 12:30 on January 8",
     "2025-01-08T10:00/2025-01-08T12:30"),
    # the start's a.m./p.m. from the end's
    ("Polls were open from 9 to 11 a.m. on Tuesday.", "from 9 to 11 a.m. on Tuesday",
     "2025-01-14T09:00/2025-01-14T11:00"),
    ("Polls were open from 1 to 5 p.m. on Tuesday.", "from 1 to 5 p.m. on Tuesday",
     "2025-01-14T13:00/2025-01-14T17:00"),
    ("The show ran from 10 p.m. to 2 a.m. on Tuesday.", "from 10 p.m. to 2 a.m. on Tuesday",
     "2025-01-14T22:00/2025-01-15T02:00"),
])
def test_time_range_on_one_day(text: str, expr: str, value: str) -> None:
    [(found, v)] = values(text)
    assert (found, v) == (expr, value)


def test_time_range_interval_and_precision() -> None:
    [m] = find_dates("The meeting ran from 9 a.m. to 5 p.m. on Tuesday.", parse_ref(REF))
    d = m.date
    assert d.is_range and d.precision == Precision.HOUR and d.relative
    assert (d.start, d.end) == (dt.date(2025, 1, 14), dt.date(2025, 1, 14))


@pytest.mark.parametrize(("text", "expected"), [
    ("It happened at 5 p.m. on Tuesday.", [("5 p.m. on Tuesday", "2025-01-14T17:00")]),
    ("They met on Tuesday at 9 a.m. and 5 p.m.", [("Tuesday at 9 a.m.", "2025-01-14T09:00")]),
    ("Talks were held between 23 and 27 September 2021.",
     [("between 23 and 27 September 2021", "2021-09-23/2021-09-27")]),
    ("Talks were held from 8 to 10 January.", [("from 8 to 10 January", "2025-01-08/2025-01-10")]),
])
def test_single_times_and_day_ranges_unchanged(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


# --- 3. "17 years ago on September 11" -------------------------------------------------------


@pytest.mark.parametrize(("text", "reference", "expected"), [
    ("Tomorrow we honor the nearly 3,000 people who were killed in the terrorist attacks "
     "17 years ago on September 11.", "2018-09-10",
     [("Tomorrow", "2018-09-11"), ("17 years ago on September 11", "2001-09-11")]),
    ("Two years ago, on 3 May, the factory closed.", REF,
     [("Two years ago, on 3 May", "2023-05-03")]),
    ("He was elected 17 years ago in March.", REF, [("17 years ago in March", "2008-03")]),
    ("Ten years ago today, the wall fell.", REF, [("Ten years ago today", "2015-01-15")]),
    ("A year ago this month, prices peaked.", REF, [("A year ago this month", "2024-01")]),
    # the week holding the same day two years before (2023-01-15, a Sunday)
    ("Two years ago this week, the storm hit.", REF, [("Two years ago this week", "2023-W02")]),
    ("One year ago today the law passed.", "2024-02-29",
     [("One year ago today", "2023-02-28")]),
])
def test_years_ago_on_a_date(text: str, reference: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, reference) == expected


def test_years_ago_on_a_date_is_relative_day() -> None:
    [m] = find_dates("They were killed 17 years ago on September 11.", parse_ref("2018-09-10"))
    assert m.date.precision == Precision.DAY and m.date.relative
    assert not m.date.inferred_year


@pytest.mark.parametrize(("text", "expected"), [
    # a vague count, a weekday: no join (a date with its own year is joined, and is the date
    # written: tests/test_dates_qa4.py, "Twenty-three years ago on Sept. 11, 2001")
    ("Two years ago, on 3 May 2022, the factory closed.",
     [("Two years ago, on 3 May 2022", "2022-05-03")]),
    ("A few years ago on September 11 we met.",
     [("A few years ago", "2022"), ("September 11", "2024-09-11")]),
    ("Three weeks ago on Tuesday the plant closed.",
     [("Three weeks ago", "2024-12-25"), ("Tuesday", "2025-01-14")]),
])
def test_years_ago_not_joined(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected
