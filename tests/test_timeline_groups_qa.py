"""Where the timeline files an event: under a month only when its date lies within that month;
a season, quarter, year, week or range across months directly under the year, with its own
label, in date order (QA: "Autumn 2023" read as a day of "July 2023", "about 2024" as part of
"June 2024")."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from briefing.dates import find_dates, parse_ref
from briefing.model import Chronology, Citation, DateValue, Event, Precision, Source
from briefing.render import chunked
from briefing.views import Timeline, YearGroup, build_timeline, date_label

SOURCE = Source(path="s.md", name="s.md", title="Source", blocks=(),
                reference=DateValue("2025-01-01", Precision.DAY, date(2025, 1, 1),
                                    date(2025, 1, 1)),
                reference_origin="metadata")
REF = parse_ref("2025-01-01")


def day(iso: str) -> DateValue:
    d = date.fromisoformat(iso)
    return DateValue(iso, Precision.DAY, d, d)


def found(text: str, ref: DateValue = REF) -> DateValue:
    """The one date `find_dates` reads in `text` (as the pipeline dates an event)."""
    [mention] = find_dates(text, ref)
    return mention.date


def event(when: DateValue, summary: str) -> Event:
    return Event(date=when, summary=summary, sentence=summary,
                 citations=(Citation(source=SOURCE.name, title=SOURCE.title, paragraph=1),),
                 date_text=when.value)


def timeline(*dated: tuple[DateValue, str]) -> Timeline:
    """The timeline of these events, sorted as the chronology sorts them."""
    events = sorted((event(d, s) for d, s in dated), key=lambda e: e.date.sort_key())
    return build_timeline(Chronology(events=tuple(events), undated=(), sources=(SOURCE,)),
                          "T", "today")


def year(view: Timeline, label: str) -> YearGroup:
    [found_year] = [y for y in view.years if y.label == label]
    return found_year


def layout(group: YearGroup) -> list[tuple[str | None, list[tuple[str | None, list[str]]]]]:
    """(month heading, [(day heading, [event summaries])]) of a year, in order."""
    return [(m.label, [(d.label, [e.summary for e in d.events]) for d in m.days])
            for m in group.months]


def where(view: Timeline, summary: str) -> tuple[str, str | None, str | None]:
    """(year, month, day) headings an event is shown under."""
    [place] = [(y.label, m.label, d.label) for y in view.years for m in y.months
               for d in m.days for e in d.events if e.summary == summary]
    return place


# --- the two QA cases -------------------------------------------------------------------------


def test_autumn_after_july_is_its_own_group_under_the_year_not_a_day_of_july():
    autumn = found("in autumn 2023")
    assert (autumn.value, autumn.precision) == ("2023-FA", Precision.SEASON)
    view = timeline((day("2023-06-20"), "june"), (day("2023-07-10"), "july"),
                    (parse_ref("2023-W28"), "week"), (autumn, "autumn"),
                    (found("in October 2023"), "october"))
    assert layout(year(view, "2023")) == [
        ("June 2023", [("20 June 2023", ["june"])]),
        ("July 2023", [("10 July 2023", ["july"]), ("week of 10 July 2023", ["week"])]),
        ("Autumn 2023", [(None, ["autumn"])]),
        ("October 2023", [(None, ["october"])]),
    ]


def test_about_2024_after_june_is_its_own_group_under_the_year():
    # as in /tmp/qa_docs/in_quotes: "before the end of the year", in a source of 14 June 2024
    late = found("the loan comes before the end of the year", parse_ref("2024-06-14"))
    assert late.precision == Precision.YEAR and late.approximate
    assert late.start > date(2024, 6, 30)
    view = timeline((found("in the 1990s"), "nineties"), (day("2024-06-13"), "opened"),
                    (day("2024-06-14"), "closed"), (late, "loan"),
                    (found("in June 2025"), "next"))
    assert layout(year(view, "2024")) == [
        ("June 2024", [("13 June 2024", ["opened"]), ("14 June 2024", ["closed"])]),
        ("about 2024", [(None, ["loan"])]),
    ]
    assert where(view, "nineties") == ("1990s", None, None)
    assert where(view, "next") == ("2025", "June 2025", None)


# --- every kind of date not within one month, after a month of the same year -----------------


NOT_WITHIN_A_MONTH = [
    ("in autumn 2023", "Autumn 2023"),
    ("in the spring of 2023", "Spring 2023"),
    ("in Q3 2023", "Q3 2023"),
    ("in the first half of 2023", "January–June 2023"),
    ("in H2 2023", "July–December 2023"),
    ("around 2023", "about 2023"),
    ("in mid-2023", "about 2023"),
    ("in late 2023", "about 2023"),
    ("from March to May 2023", "March–May 2023"),
    ("between 28 July and 3 August 2023", "28 July – 3 August 2023"),
    ("2023-W31", "week of 31 July 2023"),  # Monday 31 July to Sunday 6 August
    ("2023-FA", "Autumn 2023"),
]


@pytest.mark.parametrize(("text", "label"), NOT_WITHIN_A_MONTH)
def test_a_date_not_within_one_month_follows_the_month_with_its_own_label(text, label):
    when = parse_ref(text) if re.fullmatch(r"\d{4}-\w+", text) else found(text)
    assert date_label(when) == label
    assert (when.start.year, when.start.month) != (when.end.year, when.end.month)
    # a day-dated event the same day sorts first: a month heading stands before it
    first = day(when.start.isoformat())
    view = timeline((first, "first"), (when, "coarse"))
    month = f"{first.start:%B %Y}"
    assert layout(year(view, "2023")) == [
        (month, [(f"{first.start.day} {month}", ["first"])]),
        (label, [(None, ["coarse"])]),
    ]


@pytest.mark.parametrize(("text", "label", "month"), [
    ("in winter 2023", "Winter 2023", "December 2023"),  # December 2023 to February 2024
    ("from 20 December 2023 to 5 January 2024", "20 December 2023 – 5 January 2024",
     "December 2023"),
    ("in November 2023 to February 2024", "November 2023 – February 2024", "November 2023"),
])
def test_a_range_across_years_stays_in_its_first_year_under_the_year(text, label, month):
    when = found(text)
    assert date_label(when) == label
    view = timeline((day(when.start.isoformat()), "first"), (when, "coarse"),
                    (day("2024-01-02"), "next year"))
    assert [m.label for m in year(view, "2023").months] == [month, label]
    assert where(view, "coarse") == ("2023", label, None)
    assert where(view, "next year") == ("2024", "January 2024", "2 January 2024")


def test_a_day_range_across_years_is_not_filed_under_its_first_month():
    """"10 September 2001 – 10 September 2018" (tests/data/articles) was a day of September
    2001; it stays in 2001, directly under the year."""
    span = DateValue("2001-09-10/2018-09-10", Precision.DAY, date(2001, 9, 10),
                     date(2018, 9, 10))
    view = timeline((found("in 2001"), "year"), (span, "span"))
    assert layout(year(view, "2001")) == [
        (None, [(None, ["year"]), ("10 September 2001 – 10 September 2018", ["span"])]),
    ]


# --- what stays as it was ---------------------------------------------------------------------


def test_dates_within_one_month_stay_under_the_month():
    view = timeline((day("2023-07-03"), "day"), (found("from July 10 to 12, 2023"), "days"),
                    (parse_ref("2023-W28"), "week"), (found("in July 2023"), "month"),
                    (found("in early July 2023"), "early"))
    [july] = year(view, "2023").months
    assert july.label == "July 2023"
    assert {e.summary for e in july.events} == {"day", "days", "week", "month", "early"}


def test_year_level_dates_before_any_month_stay_first_without_a_heading():
    """Directly under the year: the year itself first (no heading), then the others as
    before, each with its label as a day-level heading."""
    view = timeline((found("in Q1 2023"), "q1"), (found("in 2023"), "year"),
                    (found("around 2023"), "about"), (day("2023-03-05"), "march"))
    assert layout(year(view, "2023")) == [
        (None, [(None, ["year"]), ("Q1 2023", ["q1"]), ("about 2023", ["about"])]),
        ("March 2023", [("5 March 2023", ["march"])]),
    ]


def test_the_year_itself_never_follows_a_month():
    """An event dated to the year only has no heading of its own: after "January 2023" it read
    as part of January; it goes first, directly under the year heading."""
    view = timeline((day("2023-01-01"), "new year"), (found("in 2023"), "year"),
                    (found("in autumn 2023"), "autumn"))
    assert layout(year(view, "2023")) == [
        (None, [(None, ["year"])]),
        ("January 2023", [("1 January 2023", ["new year"])]),
        ("Autumn 2023", [(None, ["autumn"])]),
    ]


def test_decades_and_centuries_keep_their_own_groups():
    view = timeline((found("in the 1990s"), "nineties"), (found("in the 20th century"), "c20"),
                    (found("from 2019 to 2021"), "span"), (day("2019-05-01"), "may"))
    assert [(y.label, [m.label for m in y.months]) for y in view.years] == [
        ("20th century", [None]), ("1990s", [None]), ("2019", [None, "May 2019"])]
    assert where(view, "span") == ("2019", None, "2019–2021")


# --- date order at the year's level -----------------------------------------------------------


def test_groups_under_a_year_are_in_date_order_of_their_first_event():
    view = timeline((day("2023-07-10"), "july"), (found("in autumn 2023"), "autumn"),
                    (found("in autumn 2023"), "autumn again"), (day("2023-09-05"), "september"),
                    (found("in Q3 2023"), "q3"), (day("2023-07-01"), "canada day"),
                    (found("in late 2023"), "late"), (day("2023-11-02"), "november"))
    assert layout(year(view, "2023")) == [
        ("July 2023", [("1 July 2023", ["canada day"]), ("10 July 2023", ["july"])]),
        ("Q3 2023", [(None, ["q3"])]),
        ("Autumn 2023", [(None, ["autumn", "autumn again"])]),
        ("about 2023", [(None, ["late"])]),
        ("September 2023", [("5 September 2023", ["september"])]),
        ("November 2023", [("2 November 2023", ["november"])]),
    ]


def test_a_month_first_dated_on_the_day_a_season_starts_comes_before_it():
    view = timeline((day("2023-09-01"), "first of september"), (found("in autumn 2023"), "autumn"),
                    (day("2023-09-20"), "september"))
    assert [m.label for m in year(view, "2023").months] == ["September 2023", "Autumn 2023"]
    assert [e.summary for e in year(view, "2023").months[0].events] == [
        "first of september", "september"]


# --- the whole timeline and its parts ---------------------------------------------------------


def mixed() -> list[tuple[DateValue, str]]:
    """Two years of days with a season, quarter, week, range or vague year now and then."""
    coarse = ["in autumn {y}", "in Q2 {y}", "in late {y}", "between 28 July and 3 August {y}",
              "{y}-W05", "from March to May {y}", "in winter {y}", "in the spring of {y}"]
    items: list[tuple[DateValue, str]] = []
    d = date(2022, 1, 3)
    for i in range(160):
        d += timedelta(days=(i * 5) % 9)
        items.append((day(d.isoformat()), f"day {i}"))
        if i % 10 == 0:
            text = coarse[(i // 10) % len(coarse)].format(y=d.year)
            when = parse_ref(text) if text[0].isdigit() else found(text)
            items.append((when, f"coarse {i}"))
    return items


def test_only_a_years_first_group_lacks_a_heading_and_months_hold_only_their_month():
    items = mixed()
    view = timeline(*items)
    dates = {s: d for d, s in items}
    shown = [e.summary for y in view.years for m in y.months for d in m.days for e in d.events]
    assert sorted(shown) == sorted(dates)  # every event once
    for y in view.years:
        assert all(m.label is not None for m in y.months[1:]), y.label
        for m in y.months:
            assert m.events == tuple(e for d in m.days for e in d.events)
            for e in m.events:
                d = dates[e.summary]
                month = f"{d.start:%B %Y}"
                within = d.precision.rank <= Precision.MONTH.rank and \
                    (d.start.year, d.start.month) == (d.end.year, d.end.month)
                if within:
                    assert m.label == month, e.summary
                else:
                    assert m.label in (None, e.date_label), e.summary
                    assert y.label == str(d.start.year)


def test_parts_keep_the_order_and_the_headings_of_groups_under_the_year():
    view = timeline(*mixed())
    parts = chunked.plan_parts(view, 12)
    assert len(parts) > 5
    seen = [e.summary for v, _ in parts for y in v.years for m in y.months for d in m.days
            for e in d.events]
    assert seen == [e.summary for y in view.years for m in y.months for d in m.days
                    for e in d.events]
    headed = [m.label for v, _ in parts for y in v.years for m in y.months if m.label]
    assert headed == [m.label for y in view.years for m in y.months if m.label]
    assert "Autumn 2022" in headed and "about 2023" in headed


def test_word_heads_a_season_after_a_month_at_the_months_level():
    from briefing.render.docx import build_timeline_document

    view = timeline((day("2023-07-10"), "july"), (found("in autumn 2023"), "autumn"),
                    (found("in October 2023"), "october"))
    document = build_timeline_document(view)
    headings = [(p.style.name, p.text) for p in document.paragraphs
                if p.style.name.startswith("Heading")]
    assert headings[:5] == [("Heading 1", "2023"), ("Heading 2", "July 2023"),
                            ("Heading 3", "10 July 2023"), ("Heading 2", "Autumn 2023"),
                            ("Heading 2", "October 2023")]
