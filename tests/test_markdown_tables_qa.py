"""Markdown tables read as Word and HTML tables do: each row one statement, so a chronology
table's event keeps its date (it used to read "| The minister announced …", dated by the row's
first cell only by luck of the separator)."""

from __future__ import annotations

from pathlib import Path

from briefing.pipeline import load_chronology
from briefing.sources.plaintext import parse_text

TABLE = """Intro paragraph.

| Date | Event |
|------|-------|
| 8 January 2025 | The minister announced the plan. |
| 12 February 2025 | Parliament debated **the plan**. |

After the table.
"""


def test_rows_are_statements_and_the_header_a_heading() -> None:
    blocks = [(b.text, b.heading) for b in parse_text(TABLE, markdown=True).blocks]
    assert blocks == [
        ("Intro paragraph.", False),
        ("Date | Event", True),
        ("8 January 2025: The minister announced the plan.", False),
        ("12 February 2025: Parliament debated the plan.", False),
        ("After the table.", False),
    ]


def test_a_table_of_one_row_or_one_column_reads_as_before() -> None:
    text = "| only one row | here |\n\n| a |\n| b |\n"
    blocks = [b.text for b in parse_text(text, markdown=True).blocks]
    assert blocks == ["only one row | here", "a", "b"]


def test_plain_text_pipes_are_prose() -> None:
    blocks = [b.text for b in parse_text("| not | a table |\n", markdown=False).blocks]
    assert blocks == ["| not | a table |"]


def test_events_of_a_markdown_table_keep_their_dates(tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text("---\ntitle: Chronology\ndate: 2025-03-01\n---\n\n"
                                      + TABLE, encoding="utf-8")
    events = {e.summary: e for e in load_chronology(tmp_path).events}
    assert events["The minister announced the plan."].date.value == "2025-01-08"
    assert events["Parliament debated the plan."].date.value == "2025-02-12"
