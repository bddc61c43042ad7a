"""An event's sentence is shown under its summary only when it says more than the summary and
the date heading above it: "5 May 2025: The board met." is not repeated under "The board met."
in the 5 May 2025 section."""

from __future__ import annotations

from pathlib import Path

from briefing.pipeline import load_chronology
from briefing.views import _says_the_same, build_timeline

ARTICLE = """---
title: T
date: 2025-06-01
---

| Date | Event |
|---|---|
| 5 May 2025 | The board met. |

On March 1, 2025, the council of Paris met for session 0.
"""


def test_a_sentence_is_not_repeated_for_its_date_alone(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    timeline = build_timeline(load_chronology(tmp_path), "T", "x")
    shown = {e.summary: e.sentence for y in timeline.years for m in y.months for d in m.days
             for e in d.events}
    assert shown["The board met."] is None
    assert shown["The council of Paris met for session 0."] is None


def test_a_sentence_saying_more_is_shown() -> None:
    assert _says_the_same("5 May 2025: The board met.", "The board met.", "5 May 2025")
    assert not _says_the_same("5 May 2025: The board met, and then it voted to close the "
                              "northern port for a year.", "The board met.", "5 May 2025")
    assert _says_the_same("The board met.", "The board met.", None)
