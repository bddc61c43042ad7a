"""What QA found in the readers (second round): bylines read as story text (their names became
actors and the "Most named"), byline date lines (published preferred to updated, a date line
never an event), wire datelines left in the first sentence (two events for one sentence,
places in capitals as actors, a one-paragraph wire story without events), the first row of a
table taken for its header, and Markdown tables without outer pipes.

The HTML pages are written with `tag()` rather than as literals: tests/test_html_reader.py
compares the reader with the BeautifulSoup reader it replaced on every HTML-looking literal of
the test modules, and these pages read differently on purpose."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from briefing.model import Chronology, Source
from briefing.pipeline import load_chronology
from briefing.sources import read_source
from briefing.sources.plaintext import parse_text
from briefing.sources.word import TableRow, read_table

BR = "<" + "br>"
LEAD = "The minister met his counterpart yesterday in London, officials said."
MORE = "Talks will resume on 3 February 2025 in Geneva."


def tag(name: str, *children: str, **attributes: str) -> str:
    """An HTML element: `tag("p", "x", class_="byline")`."""
    attrs = "".join(f' {key.rstrip("_")}="{value}"' for key, value in attributes.items())
    return f"<{name}{attrs}>{''.join(children)}</{name}>"


def page(*body: str, date: str | None = None, meta: str = "") -> str:
    head = tag("title", "Story") + meta
    if date:
        head += f'<meta name="date" content="{date}">'
    return "<!DOCTYPE html>" + tag("html", tag("head", head),
                                   tag("body", tag("article", tag("h1", "Talks"), *body)))


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def chronology(folder: Path) -> Chronology:
    return load_chronology(folder)


def found(chrono: Chronology) -> list[tuple[str, str]]:
    return [(event.date.value, event.summary) for event in chrono.events]


def actors(chrono: Chronology) -> set[str]:
    return set(chrono.actor_counts)


def texts(source: Source) -> list[str]:
    return [block.text for block in source.blocks]


# --- 1. bylines are no part of the story ------------------------------------------------------


@pytest.mark.parametrize(("text", "author"), [
    ("By Jane Doe", "Jane Doe"),
    ("By Jane Doe and John Roe", "Jane Doe and John Roe"),
    ("By Jane Doe, Reuters", "Jane Doe"),
    ("BY JANE DOE", "JANE DOE"),
    ("Jane Doe, Political Editor", "Jane Doe"),
    ("By Jane Doe, John Roe and Ann Lee in Paris", "Jane Doe, John Roe and Ann Lee"),
    ("By Reuters", "Reuters"),
    ("By Jean-Luc de la Fontaine", "Jean-Luc de la Fontaine"),
])
def test_byline_author(text: str, author: str) -> None:
    from briefing.sources.base import byline_author

    assert byline_author(text) == author


@pytest.mark.parametrize("text", [
    "By Tuesday the talks had failed.", "By Tuesday, the talks had failed", "By then",
    "By January 2025 the plan was ready", "By Jane Doe.", "Jane Doe", "Paris, France",
    "By the end of the week", "By Monday Morning", "Talks, Political Editor's choice.",
    "The minister, a former editor, resigned.", "By The Numbers",
])
def test_not_a_byline(text: str) -> None:
    from briefing.sources.base import byline_author

    assert byline_author(text) is None


def test_html_byline_with_a_reuters_dateline(tmp_path: Path) -> None:
    write(tmp_path, "story.html", page(
        tag("p", "By Jane Doe", BR, "LONDON, Jan. 10 (Reuters) -"),
        tag("p", "The minister met his counterpart on January 9, 2025 in London."),
        tag("p", "She met the Chancellor on January 10, 2025 in London.")))
    source = read_source(tmp_path / "story.html")
    assert source.metadata["author"] == "Jane Doe"
    assert not any("Jane Doe" in text for text in texts(source))
    chrono = chronology(tmp_path)
    assert not any("Jane" in actor for actor in actors(chrono))
    assert not any("Reuters" in summary or "Jane" in summary for _, summary in found(chrono))
    assert ("2025-01-09", "The minister met his counterpart on January 9, 2025 in London.") \
        in found(chrono)


@pytest.mark.parametrize("byline", [
    tag("p", "By Jane Doe"),
    tag("p", "By Jane Doe and John Roe"),
    tag("p", "Jane Doe, Political Editor"),
    tag("p", "By Jane Doe, Reuters"),
    tag("p", "Jane Doe", class_="byline"),
    tag("div", tag("span", "Jane Doe", class_="byline__name")),
    tag("span", "Jane Doe", class_="article-byline"),
    tag("p", tag("a", "Jane Doe", rel="author", href="/jane")),
    tag("div", tag("span", "Jane Doe", itemprop="name"), itemprop="author"),
    tag("p", "Jane Doe", BR, "Senior correspondent"),
])
def test_html_bylines_are_no_actors_nor_events(tmp_path: Path, byline: str) -> None:
    write(tmp_path, "story.html", page(byline, tag("p", LEAD), tag("p", MORE), date="2025-01-10"))
    source = read_source(tmp_path / "story.html")
    assert texts(source) == ["Talks", LEAD, MORE]
    assert source.metadata["author"].startswith("Jane Doe")
    chrono = chronology(tmp_path)
    assert found(chrono) == [("2025-01-09", LEAD), ("2025-02-03", MORE)]
    assert not any("Jane" in actor for actor in actors(chrono))


@pytest.mark.parametrize("name", ["story.txt", "story.md"])
@pytest.mark.parametrize("byline", [
    "By Jane Doe", "By Jane Doe and John Roe", "Jane Doe, Political Editor", "By Jane Doe, Reuters",
])
def test_text_bylines_are_dropped(tmp_path: Path, name: str, byline: str) -> None:
    body = (f"Talks resume\n\n{byline}\n\nThe minister met his counterpart on 8 January 2025 in "
            f"London.\n\nBy Tuesday the talks had failed.\n")
    source = read_source(write(tmp_path, name, body))
    assert texts(source) == [
        "Talks resume", "The minister met his counterpart on 8 January 2025 in London.",
        "By Tuesday the talks had failed."]
    assert source.metadata["byline"] == byline
    assert source.title == "Talks resume"
    chrono = chronology(tmp_path)
    assert not any("Jane" in actor or "John" in actor for actor in actors(chrono))


def test_a_byline_opening_a_text_is_not_its_title(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "talks-london.txt", "By Jane Doe\n\nThe minister met "
                               "his counterpart on 8 January 2025 in London.\n"))
    assert source.title == "Talks london"
    assert texts(source) == ["The minister met his counterpart on 8 January 2025 in London."]


def test_prose_opening_with_by_stays(tmp_path: Path) -> None:
    write(tmp_path, "story.md", "# Talks\n\nBy Tuesday the talks had failed, said the minister "
          "on 8 January 2025.\n")
    assert texts(read_source(tmp_path / "story.md"))[1].startswith("By Tuesday")


# --- 2. byline date lines ---------------------------------------------------------------------


def test_published_is_preferred_to_updated_and_no_date_line_is_an_event(tmp_path: Path) -> None:
    write(tmp_path, "story.html", page(
        tag("p", "By Jane Doe", BR, "Updated Jan. 9, 2025", BR, "Published Jan. 8, 2025"),
        tag("p", LEAD)))
    source = read_source(tmp_path / "story.html")
    assert source.reference is not None and source.reference.value == "2025-01-08"
    chrono = chronology(tmp_path)
    assert found(chrono) == [("2025-01-07", LEAD)]
    assert not actors(chrono) & {"Jane Doe"}


def test_name_and_role_lines_over_a_date(tmp_path: Path) -> None:
    write(tmp_path, "story.html", page(
        tag("p", "Jane Doe", BR, "Political Editor", BR, "8 January 2025"), tag("p", LEAD)))
    source = read_source(tmp_path / "story.html")
    assert source.reference is not None and source.reference.value == "2025-01-08"
    assert source.metadata["author"] == "Jane Doe"
    chrono = chronology(tmp_path)
    assert found(chrono) == [("2025-01-07", LEAD)]
    assert not any("Jane" in actor for actor in actors(chrono))


def test_reuters_dateline_without_a_year(tmp_path: Path) -> None:
    """It dates nothing alone; with a publication date in the metadata it is no event, and
    opening the story it is no part of it."""
    published = tag("meta", property="article:published_time",
                    content="2025-01-10T08:00:00Z").replace("</meta>", "")
    write(tmp_path / "a", "story.html", page(
        tag("p", "By Jane Doe", BR, "LONDON, Jan. 10 (Reuters) -"), tag("p", LEAD),
        meta=published))
    write(tmp_path / "b", "story.html", page(
        tag("p", "LONDON, Jan. 10 (Reuters) - " + LEAD), meta=published))
    for folder in ("a", "b"):
        source = read_source(tmp_path / folder / "story.html")
        assert source.reference is not None and source.reference.value == "2025-01-10"
        assert found(chronology(tmp_path / folder)) == [("2025-01-09", LEAD)], folder
    write(tmp_path / "c", "story.html", page(
        tag("p", "By Jane Doe", BR, "LONDON, Jan. 10 (Reuters) -"), tag("p", MORE)))
    source = read_source(tmp_path / "c" / "story.html")
    assert source.reference is None
    assert found(chronology(tmp_path / "c")) == [("2025-02-03", MORE)]


@pytest.mark.parametrize("date", [None, "2025-01-09"])
def test_cnn_updated_line_is_no_event(tmp_path: Path, date: str | None) -> None:
    write(tmp_path, "story.html", page(
        tag("p", "By Jane Doe, CNN"), tag("p", "Updated 3:45 PM EST, Thu January 9, 2025"),
        tag("p", LEAD), tag("p", MORE), date=date))
    source = read_source(tmp_path / "story.html")
    assert source.reference is not None and source.reference.value == "2025-01-09"
    assert found(chronology(tmp_path)) == [("2025-01-08", LEAD), ("2025-02-03", MORE)]


def test_published_line_under_a_metadata_date_is_no_event(tmp_path: Path) -> None:
    write(tmp_path, "story.md", "---\ndate: 2025-01-08\n---\n# Talks\n\nPublished 8 January "
          "2025.\n\nThe minister met his counterpart yesterday in London, officials said.\n")
    assert found(chronology(tmp_path)) == [("2025-01-07", LEAD)]


# --- 3. wire datelines in text ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["wire.txt", "wire.md"])
def test_wire_dateline_dates_the_source_and_leaves_the_sentence(tmp_path: Path, name: str) -> None:
    write(tmp_path, name, "Talks in Washington\n\nWASHINGTON, D.C., Jan. 8, 2025 — The Secretary "
          "of State met his counterpart yesterday.\n")
    source = read_source(tmp_path / name)
    assert source.reference is not None and source.reference.value == "2025-01-08"
    assert texts(source) == ["Talks in Washington",
                             "The Secretary of State met his counterpart yesterday."]
    assert found(chronology(tmp_path)) == [
        ("2025-01-07", "The Secretary of State met his counterpart yesterday.")]


@pytest.mark.parametrize(("text", "event"), [
    ("RIO DE JANEIRO, BRAZIL - January 8, 2025 - The summit opened today.",
     ("2025-01-08", "The summit opened today.")),
    ("Paris, 8 January 2025 — The minister met his counterpart yesterday.",
     ("2025-01-07", "The minister met his counterpart yesterday.")),
    ("NEW DELHI, Jan. 8, 2025: The government said talks would resume on 3 February 2025.",
     ("2025-02-03", "The government said talks would resume on 3 February 2025.")),
    ("PARIS, 8 January 2025 — The talks opened.", ("2025-01-08", "The talks opened.")),
])
@pytest.mark.parametrize("name", ["wire.txt", "wire.md"])
def test_one_paragraph_wire_story_gives_its_event(
    tmp_path: Path, name: str, text: str, event: tuple[str, str],
) -> None:
    write(tmp_path, name, text + "\n")
    source = read_source(tmp_path / name)
    assert source.reference is not None and source.reference.value == "2025-01-08"
    assert [(b.text, b.heading) for b in source.blocks] == [(event[1], False)]
    chrono = chronology(tmp_path)
    assert event in found(chrono)
    assert not actors(chrono) & {"NEW DELHI", "RIO DE JANEIRO", "BRAZIL", "Paris", "PARIS"}


@pytest.mark.parametrize(("text", "places"), [
    ("NEW YORK, NY, Jan. 8, 2025 /PRNewswire/ -- Acme Corp said on Tuesday that it had agreed "
     "to buy Widget Inc.", {"NEW YORK", "NY", "PRNewswire"}),
    ("PORT-AU-PRINCE, HAITI, Jan. 8, 2025 — Gangs attacked the airport on Tuesday, the police "
     "said.", {"PORT-AU-PRINCE", "HAITI"}),
])
def test_wire_places_are_no_actors(tmp_path: Path, text: str, places: set[str]) -> None:
    write(tmp_path, "wire.txt", f"Headline here\n\n{text}\n")
    chrono = chronology(tmp_path)
    assert found(chrono) == [("2025-01-07", text.split(" -- ")[-1].split(" — ")[-1])]
    assert not actors(chrono) & places


def test_wire_dateline_parts() -> None:
    from briefing.sources.dates_meta import split_wire_dateline

    wire = split_wire_dateline("LONDON, Jan. 10 (Reuters) - The minister spoke.")
    assert wire is not None and wire.date is None and wire.month_day == (1, 10)
    assert wire.rest == "The minister spoke."
    assert split_wire_dateline("On Monday, Jan. 8, 2025 - the talks opened in Paris.") is None
    assert split_wire_dateline("Wednesday, 8 January 2025: The minister announced it.") is None
    assert split_wire_dateline("8 January 2025: The minister announced the plan.") is None


# --- 4. tables --------------------------------------------------------------------------------


def test_first_row_without_a_figure_is_data() -> None:
    rows = [TableRow(("Early January", "Talks began in Geneva")),
            TableRow(("Mid-February", "Talks resumed"))]
    assert read_table(rows) == [("Early January: Talks began in Geneva", False),
                                ("Mid-February: Talks resumed", False)]
    for header in (("Date", "Event"), ("When", "What happened"), ("date and time", "Key events"),
                   ("Event", "Place", "Source")):
        read = read_table([TableRow(header), *rows])
        assert read is not None and read[0] == (" | ".join(header), True), header


def test_word_table_without_header_keeps_its_first_row(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Talks"
    document.add_paragraph("The note sets out how the talks went.")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(table.rows, [("Early January", "Talks began in Geneva"),
                                       ("Mid-February", "Talks resumed")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.save(tmp_path / "note.docx")
    source = read_source(tmp_path / "note.docx")
    assert ("Early January: Talks began in Geneva", False) in \
        [(b.text, b.heading) for b in source.blocks]


def test_html_table_without_header_keeps_its_first_row(tmp_path: Path) -> None:
    rows = [("Early January", "Talks began in Geneva"), ("Mid-February", "Talks resumed")]
    table = tag("table", *(tag("tr", *(tag("td", c) for c in cells)) for cells in rows))
    write(tmp_path, "note.html", page(tag("p", "The note sets out how the talks went."), table,
                                      date="2025-04-01"))
    source = read_source(tmp_path / "note.html")
    assert ("Early January: Talks began in Geneva", False) in \
        [(b.text, b.heading) for b in source.blocks]


TABLE = """# Budget

Event | Date
--- | ---
The budget was tabled | 15 January 2025
The vote is expected | 3 February 2025

The end.
"""


def test_markdown_table_without_outer_pipes(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "budget.md", TABLE))
    assert [(b.text, b.heading) for b in source.blocks] == [
        ("Budget", True), ("Event | Date", True),
        ("The budget was tabled: 15 January 2025", False),
        ("The vote is expected: 3 February 2025", False), ("The end.", False)]
    assert source.title == "Budget"
    assert found(chronology(tmp_path)) == [("2025-01-15", "The budget was tabled."),
                                           ("2025-02-03", "The vote is expected.")]


@pytest.mark.parametrize("text", [
    "Intro line,\nEvent | Date\n:--- | ---:\nThe budget was tabled | 15 January 2025\n"
    "The vote is expected | 3 February 2025\n",
    "Event | Date\n|---|---|\nThe budget was tabled | 15 January 2025\n"
    "| The vote is expected | 3 February 2025 |\n",
])
def test_markdown_table_variants(text: str) -> None:
    blocks = [(b.text, b.heading) for b in parse_text(text, markdown=True).blocks]
    assert blocks[-3:] == [("Event | Date", True),
                           ("The budget was tabled: 15 January 2025", False),
                           ("The vote is expected: 3 February 2025", False)]


def test_pipes_in_prose_are_no_table() -> None:
    text = "Talks | Geneva\nThe minister said on 8 January 2025 that a | b.\n\n# Next | one\n"
    blocks = [b.text for b in parse_text(text, markdown=True).blocks]
    assert blocks == ["Talks | Geneva", "The minister said on 8 January 2025 that a | b.",
                      "Next | one"]
