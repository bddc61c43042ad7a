"""A source dated after the as-of date is warned about: the documents would say "as of" a
date before news they report."""

from __future__ import annotations

from pathlib import Path

from briefing.dates import parse_ref
from briefing.model import Severity
from briefing.pipeline import load_chronology


def _write(folder: Path, name: str, date: str) -> None:
    (folder / name).write_text(f"---\ntitle: {name}\ndate: {date}\n---\n\nOn 3 March 2024, the "
                               "council approved the budget.\n", encoding="utf-8")


def test_source_after_as_of_is_warned(tmp_path: Path) -> None:
    _write(tmp_path, "early.md", "2024-03-04")
    _write(tmp_path, "late.md", "2025-02-10")
    _write(tmp_path, "month.md", "2024-12")  # the as-of month itself: not after it
    chronology = load_chronology(tmp_path, parse_ref("2024-12-20"))
    warned = [p for p in chronology.problems if "after the as-of date" in p.message]
    assert [(Path(p.path).name, p.severity) for p in warned] == [("late.md", Severity.WARNING)]
    assert "2025-02-10" in warned[0].message and "2024-12-20" in warned[0].message


def test_no_warning_without_as_of_or_before_it(tmp_path: Path) -> None:
    _write(tmp_path, "early.md", "2024-03-04")
    for as_of in (None, parse_ref("2024-03-04"), parse_ref("2024")):
        chronology = load_chronology(tmp_path, as_of)
        assert not [p for p in chronology.problems if "as-of" in p.message]
