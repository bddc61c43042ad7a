"""What a reader sees: date labels, importance, the one-page trimming order."""

from __future__ import annotations

from datetime import date

import pytest

from briefing.model import DateValue, Precision
from briefing.views import date_label


def dv(value: str, precision: Precision, start: str, end: str, **flags: bool) -> DateValue:
    return DateValue(value, precision, date.fromisoformat(start), date.fromisoformat(end),
                     **flags)


@pytest.mark.parametrize(("value", "expected"), [
    (dv("2025-01-08", Precision.DAY, "2025-01-08", "2025-01-08"), "8 January 2025"),
    (dv("2025-01-08T15:00", Precision.MINUTE, "2025-01-08", "2025-01-08"),
     "8 January 2025, 15:00"),
    (dv("2025-01", Precision.MONTH, "2025-01-01", "2025-01-31"), "January 2025"),
    (dv("2025", Precision.YEAR, "2025-01-01", "2025-12-31"), "2025"),
    (dv("2025-Q1", Precision.QUARTER, "2025-01-01", "2025-03-31"), "Q1 2025"),
    (dv("2024-SU", Precision.SEASON, "2024-06-01", "2024-08-31"), "Summer 2024"),
    (dv("199X", Precision.DECADE, "1990-01-01", "1999-12-31"), "1990s"),
    (dv("18XX", Precision.CENTURY, "1800-01-01", "1899-12-31"), "19th century"),
    (dv("2025-01-08/2025-01-10", Precision.DAY, "2025-01-08", "2025-01-10"),
     "8–10 January 2025"),
    (dv("2024-12-30/2025-01-02", Precision.DAY, "2024-12-30", "2025-01-02"),
     "30 December 2024 – 2 January 2025"),
    (dv("2024-03/2024-05", Precision.MONTH, "2024-03-01", "2024-05-31"), "March–May 2024"),
    (dv("2019/2021", Precision.YEAR, "2019-01-01", "2021-12-31"), "2019–2021"),
    (dv("2025", Precision.YEAR, "2025-01-01", "2025-04-30", approximate=True), "about 2025"),
    # a time range on one day ("from 9 a.m. to 5 p.m. on Tuesday"), and one over midnight
    (dv("2025-01-14T09:00/2025-01-14T17:00", Precision.HOUR, "2025-01-14", "2025-01-14"),
     "14 January 2025, 09:00–17:00"),
    (dv("2025-01-14T22:00/2025-01-15T02:00", Precision.HOUR, "2025-01-14", "2025-01-15"),
     "14 January 2025, 22:00 – 15 January 2025, 02:00"),
])
def test_date_labels_show_the_real_precision(value, expected):
    assert date_label(value) == expected


def _chronology(n_sources: int):
    from briefing.model import Chronology, Citation, Event, Quote, Source

    sources = tuple(Source(path=f"s{i}.md", name=f"s{i}.md", title=f"S{i}", blocks=())
                    for i in range(n_sources))
    events = []
    for i in range(n_sources):
        d = date(2024, 1, 1 + i % 28)
        events.append(Event(
            date=DateValue(d.isoformat(), Precision.DAY, d, d),
            summary=f"Event {i}.", sentence=f"Event {i}.", date_text="x",
            citations=(Citation(source=f"s{i}.md", title=f"S{i}", paragraph=1),),
            actors=(f"Person {i % 5}",),
            quotes=(Quote(f"Quote number {i} is long enough", f"Person {i % 5}"),) if i % 3 == 0
            else (),
        ))
    events.sort(key=lambda e: e.date.sort_key())
    return Chronology(tuple(events), (), sources)


def test_briefing_lists_every_source_it_cites_at_every_trim_step():
    from briefing.views import briefing_trims, build_briefing

    full = build_briefing(_chronology(30), "T", "now")
    steps = [full, *briefing_trims(full)]
    assert len(steps) > 5
    for b in steps:
        listed = {s.number for s in b.sources}
        cited = {r for e in b.key_dates for r in e.refs} | {r for q in b.quotes for r in q.refs}
        assert cited <= listed
        assert len(b.sources) + b.more_sources == 30
    smallest = steps[-1]
    # at the smallest, no source is listed for nothing (a key date dropped after the uncited
    # sources were takes the sources only it cited along)
    assert {s.number for s in smallest.sources} == _cited(smallest)
    assert len(smallest.key_dates) == 1 and not smallest.quotes
    # the key date kept last is the most important one
    assert smallest.key_dates[0].importance == max(e.importance for e in full.key_dates)


def _cited(b) -> set[int]:
    return {r for e in b.key_dates for r in e.refs} | {r for q in b.quotes for r in q.refs}


def test_key_dates_are_in_date_order_and_the_most_important():
    from briefing.views import BRIEFING_KEY_DATES, build_briefing

    b = build_briefing(_chronology(30), "T", "now")
    assert len(b.key_dates) == BRIEFING_KEY_DATES
    values = [e.date_value for e in b.key_dates]
    assert values == sorted(values)


def test_briefing_shows_the_entries_the_timeline_computes_for_its_events():
    """The briefing builds entries only for the events it shows: they are the top-ranked
    entries of the whole chronology, built exactly as the timeline builds them."""
    from briefing.views import (
        BRIEFING_KEY_DATES,
        _event_entries,
        _few_refs,
        _source_entries,
        build_briefing,
    )

    chronology = _chronology(40)
    numbers = {s.name: s.number for s in _source_entries(chronology)}
    entries = _event_entries(chronology, numbers)
    ranked = sorted(range(len(entries)), key=lambda i: (-entries[i].importance, -i))
    b = build_briefing(chronology, "T", "now")
    assert b.key_dates == tuple(_few_refs(entries[i])
                                for i in sorted(ranked[:BRIEFING_KEY_DATES]))
    latest = [i for i, e in enumerate(entries) if not e.dated_by_source][-1]
    lines = [f"Latest: {entries[latest].summary} ({entries[latest].date_label})"]
    if ranked[0] != latest:
        top = entries[ranked[0]]
        lines.append(f"Most significant: {top.summary} ({top.date_label})")
    assert list(b.bottom_line[:len(lines)]) == lines
    assert [q.speaker for q in b.quotes] == [
        q.speaker for i in ranked for q in entries[i].quotes if q.speaker][:len(b.quotes)]


def test_one_sentence_with_two_dates_is_one_key_date_not_the_same_words_twice():
    from dataclasses import replace

    from briefing.model import Chronology
    from briefing.views import BRIEFING_KEY_DATES, build_briefing

    chronology = _chronology(30)
    events = list(chronology.events)
    # one sentence, reported by three sources, naming two days: two events, both top ranked
    top = events[5]
    corroborated = tuple(replace(top.citations[0], source=f"s{n}.md") for n in (1, 2, 3))
    events[5] = top = replace(top, citations=corroborated)
    d = date(2023, 6, 1)
    twin = replace(top, date=DateValue(d.isoformat(), Precision.DAY, d, d))
    events = sorted([*events, twin], key=lambda e: e.date.sort_key())
    b = build_briefing(Chronology(tuple(events), (), chronology.sources), "T", "now")
    summaries = [e.summary for e in b.key_dates]
    assert len(summaries) == len(set(summaries)) == BRIEFING_KEY_DATES
