"""A time range on one day ("from 9 a.m. to 5 p.m.") is exported to iCalendar as a timed event
from its first time to its last, not as an all-day event."""

from __future__ import annotations

from pathlib import Path

from icalendar import Calendar

from briefing.export import to_ics
from briefing.pipeline import load_chronology

ARTICLE = """---
title: Closures
date: 2025-01-15
---

The embassy will be closed from 9 a.m. to 5 p.m. on Tuesday, January 21.

The road will be closed from 11 p.m. to 2 a.m. on Friday, January 24.

The minister will speak at 3 p.m. on January 22.
"""


def test_timed_ranges_are_timed_events(tmp_path: Path) -> None:
    (tmp_path / "closures.md").write_text(ARTICLE, encoding="utf-8")
    calendar = Calendar.from_ical(to_ics(load_chronology(tmp_path)))
    times = {str(e["summary"])[:20]: (e.decoded("dtstart").isoformat(),
                                      e.decoded("dtend").isoformat())
             for e in calendar.walk("VEVENT")}
    assert times == {
        "The embassy will be ": ("2025-01-21T09:00:00", "2025-01-21T17:00:00"),
        "The minister will sp": ("2025-01-22T15:00:00", "2025-01-22T16:00:00"),
        "The road will be clo": ("2025-01-24T23:00:00", "2025-01-25T02:00:00"),
    }
