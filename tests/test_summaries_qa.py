"""Summaries of table rows and wiki text (QA report: wrong text reached documents sent out).

A table row reads as one statement (sources/word.py `join_cells`): "8 January 2025: The minister
announced the plan.", further cells after " — ". The timeline shows each event's date as its
heading, so a summary drops a date cell exactly (never what follows it: "The minister, who was
in Paris, …" used to lose its subject to the leading-phrase rule), wherever the cell stands
(first, after a place, last); a last cell naming a news agency ("— Reuters") is the row's
source, neither part of the event nor one of its actors; Wikipedia footnote markers ("[1]",
"[a]", "¹") leave summaries and sentences. News prose keeps its own rules: "On 8 January, …",
"Paris — The minister …", "The deal — signed on 8 January — was …", colons and quotes.

Each rule is checked on `summarize` and through the real pipeline (`load_chronology`) on a
Markdown table and on a Word table made with python-docx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import docx
import pytest

from briefing import actors, extract
from briefing.dates import find_dates
from briefing.extract import extract_events, split_sentences, summarize
from briefing.model import Block, DateValue, Precision, Source
from briefing.pipeline import load_chronology

FEB_2025 = DateValue("2025-02-10", Precision.DAY, date(2025, 2, 10), date(2025, 2, 10))


def summary(sentence: str, date_text: str | None = None) -> str:
    """`summarize` of `sentence` for the date the date parser finds in it (the one written
    `date_text` where there are several), as extract_events calls it."""
    mentions = find_dates(sentence, FEB_2025, "en")
    mention = next(m for m in mentions if date_text is None or m.text == date_text)
    return summarize(sentence, mention.start, mention.end)


def source(*paragraphs: str) -> Source:
    return Source(path="x.md", name="x.md", title="Chronology",
                  blocks=tuple(Block(p) for p in paragraphs), reference=FEB_2025,
                  reference_origin="metadata")


# --- 1. a leading date cell goes exactly, nothing after it ------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("8 January 2025: The minister, who was in Paris, announced the plan.",
     "The minister, who was in Paris, announced the plan."),
    ("11 January 2025: The Prime Minister, François Bayrou, resigned.",
     "The Prime Minister, François Bayrou, resigned."),
    ("13 January: A new prime minister, François Bayrou, was appointed.",
     "A new prime minister, François Bayrou, was appointed."),
    ("8 January 2025 — The minister, who was in Paris, announced the plan.",
     "The minister, who was in Paris, announced the plan."),
    ("8 January 2025 - The minister, who was in Paris, announced the plan.",
     "The minister, who was in Paris, announced the plan."),
    ('8 January 2025: "We will act," the minister said.', '"We will act," the minister said.'),
])
def test_a_leading_date_label_is_dropped_exactly(sentence: str, expected: str) -> None:
    assert summary(sentence) == expected


def test_prose_opening_with_a_date_phrase_keeps_its_subject() -> None:
    """The comma closes a leading date phrase only after what can follow a date in it."""
    assert summary("On 8 January 2025, the minister announced the plan.") == \
        "The minister announced the plan."
    assert summary("On 8 January 2025 the minister, who was in Paris, announced the plan.") == \
        "The minister, who was in Paris, announced the plan."
    assert summary("On 8 January 2025 at 3 p.m., the minister announced the plan.") == \
        "The minister announced the plan."


# --- 2. no leading date, whatever its length or style ------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("5 May 2025: The board met.", "The board met."),
    ("Dec. 30, 2024: The draft was leaked to the press.", "The draft was leaked to the press."),
    ("January 9, 2025: Finance Minister Eric Lombard presented the budget.",
     "Finance Minister Eric Lombard presented the budget."),
    ("Monday, 13 January 2025: Talks resumed.", "Talks resumed."),
    ("13–14 January 2025: Talks held in Geneva.", "Talks held in Geneva."),
    ("8 January 2025: Paris — The minister announced the plan.",
     "Paris — The minister announced the plan."),
    # place | date | event: the place stays, as in date | place | event rows
    ("Tokyo: 7 January 2025 — Blinken met Ishiba.", "Tokyo — Blinken met Ishiba."),
    ("New York: 7 January 2025 — The council voted.", "New York — The council voted."),
])
def test_a_date_cell_is_not_repeated_in_the_summary(sentence: str, expected: str) -> None:
    assert summary(sentence) == expected


def test_a_long_row_is_cut_after_its_first_clause_not_at_its_place_cell() -> None:
    row = ("8 January 2025: Paris — The minister met union leaders at the ministry and talked "
           "for hours about pensions and wages; the unions left without an agreement, saying "
           "that they would strike again within a week if nothing changed.")
    assert summary(row) == ("Paris — The minister met union leaders at the ministry and talked "
                            "for hours about pensions and wages.")


# --- 3. a date cell at the end --------------------------------------------------------------

def test_a_date_cell_at_the_end_is_dropped() -> None:
    assert summary("The minister resigned: 12 January 2025.") == "The minister resigned."
    assert summary("The minister resigned — 12 January 2025.") == "The minister resigned."
    assert summary("The minister resigned: 12 January 2025 — Paris.") == \
        "The minister resigned — Paris."


def test_a_date_that_completes_the_sentence_stays() -> None:
    for sentence in ("The deadline is: 12 January 2025.", "The minister said: 12 January 2025."):
        assert summary(sentence) == sentence


# --- 4. a source column -------------------------------------------------------------------------

def test_a_news_agency_cell_leaves_the_summary() -> None:
    assert summary("14 January 2025: Paris — Prime Minister François Bayrou met union leaders "
                   "— Reuters.") == "Paris — Prime Minister François Bayrou met union leaders."
    assert summary("15 January 2025: The cabinet met — AFP.") == "The cabinet met."
    assert summary("The talks resumed on 16 January 2025 (AP).") == \
        "The talks resumed on 16 January 2025."
    # a last cell naming who acted is no source
    assert summary("8 January 2025: Talks held — Jean-Noël Barrot.") == \
        "Talks held — Jean-Noël Barrot."
    assert actors.is_news_publisher("Reuters") and not actors.is_news_publisher("Paris")


def test_a_news_agency_cell_names_no_actor() -> None:
    events, _ = extract_events(source(
        "14 January 2025: Paris — Prime Minister François Bayrou met union leaders — Reuters.",
        "15 January 2025: Paris — The cabinet met — AFP.",
        "16 January 2025: Journalists from Reuters were detained in Minsk.",
    ))
    named = {e.date.value: e.actors for e in events}
    assert "François Bayrou" in named["2025-01-14"]
    assert "Reuters" not in named["2025-01-14"] and "AFP" not in named["2025-01-15"]
    assert "Reuters" in named["2025-01-16"]  # elsewhere the agency is named as any other


# --- 5. footnote markers ------------------------------------------------------------------------

@pytest.mark.parametrize("marker", ["[1]", "[12]", "[a]", "¹", "[citation needed]"])
def test_footnote_markers_leave_summaries_and_sentences(marker: str) -> None:
    text = f"16 January 2025: The government survived a no-confidence vote.{marker}"
    assert summary(text) == "The government survived a no-confidence vote."
    assert summary(text + ".") == "The government survived a no-confidence vote."
    events, _ = extract_events(source(text + " Then it fell."))
    assert events[0].summary == "The government survived a no-confidence vote."
    assert marker not in events[0].sentence and all(marker not in d for d in events[0].details)
    at = events[0].citations[0].span
    assert at is not None and at[0] == 0  # the citation points to the text as read


def test_footnotes_end_sentences_and_units_stay() -> None:
    text = "The government survived a vote.[a] Then it fell.¹ An area of 30 km² was flooded."
    assert [text[s:e] for s, e in split_sentences(text)] == [
        "The government survived a vote.[a]", "Then it fell.¹", "An area of 30 km² was flooded."]
    assert extract.drop_footnotes("A vote [3] was held.[4][5]") == "A vote was held."
    flooded = "An area of 30 km² was flooded."
    assert extract.drop_footnotes(flooded) == flooded


# --- news prose is unchanged -------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "Paris — The minister announced the plan on 8 January 2025.",
    "The deal — signed on 8 January 2025 — was hailed by the unions.",
    "The minister said: 'We will act on 8 January 2025.'",
    "Two dates matter: 8 January 2025 – the vote – and the budget.",
    "8 January 2025 — a Wednesday — was the day the minister resigned.",
    "Reuters reported on 8 January 2025 that the minister had resigned.",
])
def test_news_prose_keeps_its_summary(sentence: str) -> None:
    assert summary(sentence) == sentence


# --- through the pipeline -------------------------------------------------------------------

ROWS = [
    ("8 January 2025", "The minister, who was in Paris, announced the plan.", ""),
    ("11 January 2025", "The Prime Minister, François Bayrou, resigned.", "Reuters"),
    ("5 May 2025", "The board met.", "AFP"),
    ("Dec. 30, 2024", "The draft was leaked to the press.[1]", ""),
]
EXPECTED = {
    "2025-01-08": ("The minister, who was in Paris, announced the plan.", ("Paris",)),
    "2025-01-11": ("The Prime Minister, François Bayrou, resigned.", ("François Bayrou",)),
    "2025-05-05": ("The board met.", ()),
    "2024-12-30": ("The draft was leaked to the press.", ()),
}


def _dated(folder: Path) -> dict[str, tuple[str, tuple[str, ...]]]:
    chronology = load_chronology(folder)
    for event in chronology.events:
        assert "[1]" not in event.sentence
    return {e.date.value: (e.summary, e.actors) for e in chronology.events if e.date_text}


def test_markdown_table_rows(tmp_path: Path) -> None:
    table = "\n".join(["| Date | Event | Source |", "|---|---|---|",
                       *(f"| {a} | {b} | {c} |" for a, b, c in ROWS)])
    (tmp_path / "note.md").write_text(f"---\ntitle: T\ndate: 2025-02-10\n---\n\n{table}\n",
                                      encoding="utf-8")
    assert _dated(tmp_path) == EXPECTED


def test_word_table_rows(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Chronology"
    document.add_paragraph("The note sets out how the plan came about.")
    table = document.add_table(rows=len(ROWS) + 1, cols=3)
    for i, cells in enumerate([("Date", "Event", "Source"), *ROWS]):
        for j, text in enumerate(cells):
            table.cell(i, j).text = text
    document.save(tmp_path / "note.docx")
    assert _dated(tmp_path) == EXPECTED


def test_word_table_with_the_date_last_or_after_a_place(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Chronology"
    table = document.add_table(rows=3, cols=3)
    for i, cells in enumerate([("Place", "Date", "Event"),
                               ("Tokyo", "7 January 2025", "Blinken met Ishiba."),
                               ("Seoul", "6 January 2025", "Blinken met Choi.")]):
        for j, text in enumerate(cells):
            table.cell(i, j).text = text
    table = document.add_table(rows=3, cols=2)
    for i, cells in enumerate([("Event", "Date"), ("The minister resigned.", "12 January 2025"),
                               ("The cabinet met.", "13 January 2025")]):
        for j, text in enumerate(cells):
            table.cell(i, j).text = text
    document.save(tmp_path / "note.docx")
    summaries = {e.date.value: e.summary for e in load_chronology(tmp_path).events}
    assert summaries["2025-01-07"] == "Tokyo — Blinken met Ishiba."
    assert summaries["2025-01-06"] == "Seoul — Blinken met Choi."
    assert summaries["2025-01-12"] == "The minister resigned."
    assert summaries["2025-01-13"] == "The cabinet met."
