"""QA round 4 of briefing.dates: past clauses take no month of grace, present-simple plans read
forward, time ranges across days, compound number words, a year labelling a statement, and the
order of numeric dates (each case gave a wrong date in a document)."""

from __future__ import annotations

import pytest

from briefing.dates import find_dates, parse_ref

REF = "2025-01-15"  # a Wednesday


def values(text: str, reference: str = REF, lang: str = "en") -> list[tuple[str, str]]:
    found = find_dates(text, parse_ref(reference), lang)
    for m in found:
        assert text[m.start:m.end] == m.text
    return [(m.text, m.date.value) for m in found]


# --- 1. what today's future reading got wrong -------------------------------------------------


@pytest.mark.parametrize(("text", "reference", "expected"), [
    # a past clause: no date after the reference (the month of grace is for the unsaid)
    ("The new rules applied from January 1.", "2025-12-29", [("January 1", "2025-01-01")]),
    ("The law is in force since January 2.", "2025-12-30", [("January 2", "2025-01-02")]),
    ("The law has been in force since early January.", "2025-12-30",
     [("early January", "2025-01")]),
    ("The vote was held in February.", "2025-01-05", [("February", "2024-02")]),
    ("The exhibition ran from January 3 to January 7.", "2025-12-20",
     [("from January 3 to January 7", "2025-01-03/2025-01-07")]),
    # ... which nothing past marks keep
    ("The new rules will apply from January 1.", "2025-12-29", [("January 1", "2026-01-01")]),
    ("The new rules apply from January 1.", "2025-12-29", [("January 1", "2026-01-01")]),
    ("Officials announced on Monday that the rules take effect on January 1.", "2025-12-29",
     [("Monday", "2025-12-29"), ("January 1", "2026-01-01")]),
    ("The vote is due in February.", "2025-01-05", [("February", "2025-02")]),
    # the plan is the data's release; the December is what it measures
    ("Data due next week is expected to show inflation eased in December.", "2025-01-03",
     [("next week", "2025-W02"), ("December", "2024-12")]),
    ("The survey is expected to show that prices will rise in March.", "2025-01-03",
     [("March", "2025-03")]),
])
def test_past_clauses_and_reports(text: str, reference: str,
                                  expected: list[tuple[str, str]]) -> None:
    assert values(text, reference) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The strike is scheduled from 6 p.m. Thursday to 6 a.m. Saturday.",
     [("from 6 p.m. Thursday to 6 a.m. Saturday", "2025-01-16T18:00/2025-01-18T06:00")]),
    ("The strike runs from Thursday 6 p.m. to Saturday 6 a.m.",
     [("from Thursday 6 p.m. to Saturday 6 a.m.", "2025-01-16T18:00/2025-01-18T06:00")]),
    ("The strike ran from 6 p.m. Monday to 6 a.m. Wednesday.",
     [("from 6 p.m. Monday to 6 a.m. Wednesday", "2025-01-13T18:00/2025-01-15T06:00")]),
    ("It lasted from 10 p.m. Friday until 2 a.m. Saturday.",
     [("from 10 p.m. Friday until 2 a.m. Saturday", "2025-01-10T22:00/2025-01-11T02:00")]),
    ("The talks were held between Monday at 9 a.m. and Tuesday at noon.",
     [("between Monday at 9 a.m. and Tuesday at noon", "2025-01-13T09:00/2025-01-14T12:00")]),
    ("The strike is scheduled from 6 p.m. on January 16 to 6 a.m. on January 18.",
     [("from 6 p.m. on January 16 to 6 a.m. on January 18",
       "2025-01-16T18:00/2025-01-18T06:00")]),
    # "January 16 to 6" is no range of days (it was read as "January" alone; "fell": the one
    # before the reference)
    ("Sales fell on January 16 to 6 million.", [("January 16", "2024-01-16")]),
    # "and" without "between" joins nothing
    ("Monday at 9 a.m. and Tuesday at noon were the slots.",
     [("Monday at 9 a.m.", "2025-01-13T09:00"), ("Tuesday at noon", "2025-01-14T12:00")]),
])
def test_a_time_range_across_days_ends_after_it_starts(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected
    for m in find_dates(text, parse_ref(REF)):
        assert m.date.start <= m.date.end


# --- 2. plans in the present simple -----------------------------------------------------------


@pytest.mark.parametrize(("text", "reference", "expected"), [
    ("The trial begins on March 3.", REF, [("March 3", "2025-03-03")]),
    ("Voting takes place from 7 a.m. to 10 p.m. on March 3.", REF,
     [("from 7 a.m. to 10 p.m. on March 3", "2025-03-03T07:00/2025-03-03T22:00")]),
    ("The measure is effective from March 1.", REF, [("March 1", "2025-03-01")]),
    ("Talks resume on Friday.", "2025-01-08", [("Friday", "2025-01-10")]),
    ("The summit opens on Monday", REF, [("Monday", "2025-01-20")]),
    ("The summit opens on Monday.", REF, [("Monday", "2025-01-20")]),
    ("Parliament votes on Tuesday", REF, [("Tuesday", "2025-01-21")]),
    ("Parliament votes on the bill on Tuesday.", REF, [("Tuesday", "2025-01-21")]),
    ("The minister travels to Kyiv on Thursday", REF, [("Thursday", "2025-01-16")]),
    ("The minister addresses parliament on Thursday.", REF, [("Thursday", "2025-01-16")]),
    ("He holds talks with Xi on Friday.", REF, [("Friday", "2025-01-17")]),
    ("The offer expires on Friday.", REF, [("Friday", "2025-01-17")]),
    ("Schools reopen on Monday after the holidays.", REF, [("Monday", "2025-01-20")]),
    ("The fiscal year ends in March.", REF, [("March", "2025-03")]),
    ("The trial of the man accused of murder begins on March 3.", REF,
     [("March 3", "2025-03-03")]),
    ("Talks resume on Friday, officials said.", REF, [("Friday", "2025-01-17")]),
    ("The strike is scheduled from Thursday to Saturday.", REF,
     [("from Thursday to Saturday", "2025-01-16/2025-01-18")]),
    ("The exhibition runs from January 3 to January 7.", "2025-12-20",
     [("from January 3 to January 7", "2026-01-03/2026-01-07")]),
    # a range read back that has not ended is the one meant
    ("Talks run from Tuesday to Friday.", REF, [("from Tuesday to Friday",
                                                 "2025-01-14/2025-01-17")]),
])
def test_plans_in_the_present_simple_read_forward(
        text: str, reference: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, reference) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # headline/caption verbs that are no verbs of schedules
    ("Biden signs bill on Monday", [("Monday", "2025-01-13")]),
    # nouns, not verbs
    ("Housing starts in December fell 4%.", [("December", "2024-12")]),
    ("The votes on Sunday were counted by hand.", [("Sunday", "2025-01-12")]),
    ("Opposition parties won 30% of the votes on Sunday.", [("Sunday", "2025-01-12")]),
    ("His visits on Monday drew crowds.", [("Monday", "2025-01-13")]),
    ("The company got off to a strong start in January.", [("January", "2025-01")]),
    # a market report, a past marker in the clause or after the date
    ("Stocks close higher on Monday.", [("Monday", "2025-01-13")]),
    ("The session, which opens on Monday, will focus on energy.", [("Monday", "2025-01-13")]),
    ("Talks resume on Friday after negotiations collapsed.", [("Friday", "2025-01-10")]),
    ("They failed to resume on Friday.", [("Friday", "2025-01-10")]),
    ("The minister did not travel to Kyiv on Thursday.", [("Thursday", "2025-01-09")]),
    ("The party secured more votes on Sunday.", [("Sunday", "2025-01-12")]),
    # a verb of an act without -s ("we meet on Monday at 2.30" is also said of last Monday)
    ("They meet on Friday.", [("Friday", "2025-01-10")]),
])
def test_present_tense_that_is_no_plan_stays_past(text: str,
                                                  expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


# --- 3. compound numbers in words -------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("Twenty-four years ago, the towers fell.", [("Twenty-four years ago", "2001")]),
    ("Twenty four years ago, the towers fell.", [("Twenty four years ago", "2001")]),
    ("It happened thirty-one years ago.", [("thirty-one years ago", "1994")]),
    ("It happened thirteen years ago.", [("thirteen years ago", "2012")]),
    ("It happened forty years ago.", [("forty years ago", "1985")]),
    ("It happened a hundred years ago.", [("a hundred years ago", "1925")]),
    ("Twenty-three years ago on Sept. 11 the towers fell.",
     [("Twenty-three years ago on Sept. 11", "2002-09-11")]),
    # a date with its year is the date written, one mention (no year counted next to it)
    ("Twenty-three years ago on Sept. 11, 2001 the towers fell.",
     [("Twenty-three years ago on Sept. 11, 2001", "2001-09-11")]),
    ("On March 3 it began. Twenty-one days later it ended.",
     [("March 3", "2025-03-03"), ("Twenty-one days later", "2025-03-24")]),
    ("It ended in the past twenty-four months.",
     [("the past twenty-four months", "2023-09-11/2025-09-11")]),
    ("twenty-two Sundays from now", [("twenty-two Sundays from now", "2026-02-08")]),
])
def test_compound_numbers_are_read_whole(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text, "2025-09-11") == expected


# --- 4. a year labelling a statement ----------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("1998: The company was founded in Lyon.", [("1998", "1998")]),
    ("2024: The deficit reached 6.1% of GDP.", [("2024", "2024")]),
    ("2024 – The deficit reached 6.1% of GDP.", [("2024", "2024")]),
    ("2024 - The deficit reached 6.1% of GDP.", [("2024", "2024")]),
    ("1998: The company was founded in Lyon on March 3.",
     [("1998", "1998"), ("March 3", "1998-03-03")]),
    ("1998-2001: Growth.", [("1998-2001", "1998/2001")]),
    ("Early January: Talks began in Geneva.", [("Early January", "2025-01")]),
    ("Mid-February 2025: Talks began in Geneva.", [("Mid-February 2025", "2025-02")]),
    ("Spring 2024: Talks began in Geneva.", [("Spring 2024", "2024-SP")]),
    # no label
    ("2024 people attended.", []),
    ("2024:", []),
    ("3000: The company was founded.", []),
    ("The deficit fell. 2024: a record.", []),
])
def test_a_year_label_opening_a_statement(text: str, expected: list[tuple[str, str]]) -> None:
    assert values(text) == expected


# --- 5. numeric dates and the language's region -----------------------------------------------


@pytest.mark.parametrize(("lang", "value"), [
    ("en-GB", "2025-01-09"), ("en_GB", "2025-01-09"), ("en-IE", "2025-01-09"),
    ("en-AU", "2025-01-09"), ("en-NZ", "2025-01-09"), ("en-IN", "2025-01-09"),
    ("en-ZA", "2025-01-09"), ("fr-FR", "2025-01-09"),
    ("en", "2025-09-01"), ("en-US", "2025-09-01"), ("EN-us", "2025-09-01"),
])
def test_a_region_chooses_the_order_of_numeric_dates(lang: str, value: str) -> None:
    [m] = find_dates("The meeting on 9/1/2025 was held.", parse_ref(REF), lang)
    assert m.date.value == value
    assert m.date.ambiguous == (lang == "en")


@pytest.mark.parametrize(("text", "expected", "ambiguous"), [
    ("The meeting on 25/01/2025 and on 10/01/2025 was held.",
     [("25/01/2025", "2025-01-25"), ("10/01/2025", "2025-01-10")], False),
    ("The meeting on 10/01/2025 and on 25/01/2025 was held.",
     [("10/01/2025", "2025-01-10"), ("25/01/2025", "2025-01-25")], False),
    ("From 2/1/2025-5/1/2025, then on 13.1.2025.",
     [("From 2/1/2025-5/1/2025", "2025-01-02/2025-01-05"), ("13.1.2025", "2025-01-13")], False),
    ("The meeting on 01/25/2025 and on 10/01/2025 was held.",
     [("01/25/2025", "2025-01-25"), ("10/01/2025", "2025-10-01")], False),
    # no evidence, or evidence both ways: month first, flagged
    ("The meeting on 10/01/2025 was held.", [("10/01/2025", "2025-10-01")], True),
    ("On 25/01/2025, 01/25/2025 and 10/01/2025.",
     [("25/01/2025", "2025-01-25"), ("01/25/2025", "2025-01-25"), ("10/01/2025", "2025-10-01")],
     True),
])
def test_one_day_first_date_decides_the_others(
        text: str, expected: list[tuple[str, str]], ambiguous: bool) -> None:
    assert values(text) == expected
    found = find_dates(text, parse_ref(REF))
    assert any(m.date.ambiguous for m in found) == ambiguous
