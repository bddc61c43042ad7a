"""Merging across sources and ordering."""

from __future__ import annotations

from datetime import date

from briefing.chronology import build_chronology, merge_events
from briefing.model import Citation, DateValue, Event, Precision, Source


def day(value: str) -> DateValue:
    d = date.fromisoformat(value)
    return DateValue(value, Precision.DAY, d, d)


MONTH = DateValue("2025-01", Precision.MONTH, date(2025, 1, 1), date(2025, 1, 31))


def event(when: DateValue, sentence: str, source: str) -> Event:
    return Event(date=when, summary=sentence, sentence=sentence,
                 citations=(Citation(source=source, title=source, paragraph=1),))


def test_same_event_from_two_sources_merges_into_one_with_two_citations():
    a = event(day("2025-01-08"), "Blinken visited Paris and met President Macron.", "a.md")
    b = event(day("2025-01-08"), "Blinken visited Paris, where he met President Macron.", "b.md")
    merged = merge_events([a, b])
    assert len(merged) == 1
    assert merged[0].sources == ("a.md", "b.md")


def test_different_events_on_the_same_day_stay_apart():
    a = event(day("2025-01-08"), "Blinken visited Paris and met President Macron.", "a.md")
    b = event(day("2025-01-08"), "Storms closed schools across northern Italy.", "b.md")
    assert len(merge_events([a, b])) == 2


def test_same_words_on_different_dates_stay_apart():
    a = event(day("2025-01-08"), "Blinken visited Paris and met President Macron.", "a.md")
    b = event(day("2025-01-09"), "Blinken visited Paris and met President Macron.", "b.md")
    assert len(merge_events([a, b])) == 2


def test_order_by_start_then_narrower_first_then_source_order():
    src = Source(path="s", name="s", title="s", blocks=())
    events = [
        event(day("2025-01-08"), "Late one.", "a.md"),
        event(MONTH, "Month one.", "a.md"),
        event(day("2024-04-02"), "Early one.", "b.md"),
        event(day("2025-01-01"), "New year.", "b.md"),
    ]
    chronology = build_chronology([(src, events, [])])
    assert [e.summary for e in chronology.events] == [
        "Early one.", "New year.", "Month one.", "Late one."]
