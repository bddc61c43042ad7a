"""The span a document covers reads in days: the first event's start to the last one's end,
never their times nor their whole ranges ("3 March 2024, 07:00–22:00 – 24 January 2025, 23:00
– 25 January 2025, 02:00" was printed on page 1)."""

from __future__ import annotations

from pathlib import Path

from briefing.pipeline import load_chronology
from briefing.views import build_briefing, build_timeline


def _span(tmp_path: Path, body: str) -> str | None:
    (tmp_path / "a.md").write_text(f"---\ntitle: T\ndate: 2025-01-30\n---\n\n{body}\n",
                                   encoding="utf-8")
    chronology = load_chronology(tmp_path)
    span = build_timeline(chronology, "T", "x").span
    assert build_briefing(chronology, "T", "x").span == span
    return span


def test_span_of_timed_ranges_reads_in_days(tmp_path: Path) -> None:
    assert _span(tmp_path, "Voting took place from 7 a.m. to 10 p.m. on 3 March 2024.\n\n"
                 "The road was closed from 11 p.m. to 2 a.m. on 24 January 2025.") \
        == "3 March 2024 – 25 January 2025"


def test_span_runs_from_the_first_start_to_the_last_end(tmp_path: Path) -> None:
    assert _span(tmp_path, "The talks ran from 2019 to 2021.\n\n"
                 "The summit was held on 8–10 January 2025.") == "2019 – 10 January 2025"
    assert _span(tmp_path, "The summit was held on 8–10 January 2025.") == "8–10 January 2025"
    assert _span(tmp_path, "The summit opened at 9 a.m. on 8 January 2025.") == "8 January 2025"
