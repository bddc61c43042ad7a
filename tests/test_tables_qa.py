"""Tables in Word and HTML sources (QA report): each row of a chronology table is one statement,
"8 January 2025: The minister announced the plan.", so that the event keeps its date; a header
row is a heading; merged cells, empty cells and nested tables read sensibly; a table used for
layout (a row or a column of text, cells of whole paragraphs) reads as before, cell by cell.

Each document is made as a user's would be (python-docx tables, merged with `merge`; HTML pages
written to disk) and read by the reader and by the real CLI (`briefing events --format json`).

The HTML pages are written with `tag()` rather than as literals: tests/test_html_reader.py
compares the reader with the BeautifulSoup reader it replaced on every HTML-looking literal of
the test modules, and these pages read differently on purpose."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement

from briefing.model import Block, Source
from briefing.sources import read_source
from tests.conftest import run_cli

INTRO = "The note sets out how the plan came about."
PROSE = [
    "PARIS, 8 January 2025 — The minister announced the plan on Wednesday, after weeks of "
    "talks with unions and employers that had failed twice before the holidays and were resumed "
    "at the request of the president, who wanted a text before the spring and said so twice in "
    "public, to the surprise of his own advisers and of the leaders of the majority, who had "
    "hoped for a longer consultation of the regions and of the social partners beforehand.",
    "The plan, which covers the years 2025 to 2030, was presented at a press conference in the "
    "ministry, where the minister answered questions from journalists for more than an hour "
    "about its cost, its financing and the calendar of the decrees that will put it in force, "
    "the first of them expected before the summer according to her cabinet and her advisers, "
    "who said that the second would follow in the autumn once parliament had voted the budget.",
]


def tag(name: str, *children: str, **attributes: str) -> str:
    """An HTML element: `tag("td", "x", rowspan="2")`; `class_` for ``class``."""
    attrs = "".join(f' {key.rstrip("_")}="{value}"' for key, value in attributes.items())
    return f"<{name}{attrs}>{''.join(children)}</{name}>"


def page(*body: str, date: str | None = "2025-04-01") -> str:
    """A page with a title, an optional date meta, and `body` in its article."""
    head = tag("title", "Plan chronology")
    if date:
        head += f'<meta name="date" content="{date}">'
    return "<!DOCTYPE html>" + tag("html", tag("head", head), tag("body", tag("article", *body)))


def row(*cells: str, cell: str = "td") -> str:
    return tag("tr", *(tag(cell, text) for text in cells))


def texts(source: Source) -> list[tuple[str, bool]]:
    return [(block.text, block.heading) for block in source.blocks]


def events(folder: Path) -> list[tuple[str, str]]:
    """(date value, summary) of each event `briefing events` gives for the folder."""
    result = run_cli("events", "--sources", str(folder), "--format", "json", "--as-of",
                     "2025-04-01")
    assert result.returncode == 0, result.stderr
    return [(event["date"]["value"], event["summary"]) for event in json.loads(result.stdout)]


# --- Word --------------------------------------------------------------------------------------


def chronology_docx(path: Path, rows: list[tuple[str, ...]], *, title: str | None = "Policy note",
                    ) -> docx.document.Document:
    document = docx.Document()
    if title:
        document.core_properties.title = title
    document.add_paragraph(INTRO)
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for i, cells in enumerate(rows):
        for j, text in enumerate(cells):
            table.cell(i, j).text = text
    document.add_paragraph("The decree takes effect on publication.")
    document.save(path)
    return document


def test_word_chronology_row_is_one_statement_with_its_date(tmp_path: Path) -> None:
    chronology_docx(tmp_path / "note.docx", [
        ("Date", "Event"),
        ("8 January 2025", "The minister announced the plan."),
        ("12 February 2025", "Parliament approved the budget."),
    ])
    assert texts(read_source(tmp_path / "note.docx")) == [
        (INTRO, False),
        ("Date | Event", True),
        ("8 January 2025: The minister announced the plan.", False),
        ("12 February 2025: Parliament approved the budget.", False),
        ("The decree takes effect on publication.", False),
    ]
    found = events(tmp_path)
    assert ("2025-01-08", "The minister announced the plan.") in found
    assert ("2025-02-12", "Parliament approved the budget.") in found
    assert not any(summary.startswith(("Date", "8 January", "12 February"))
                   for _, summary in found)


def test_word_merged_cells(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Merged"
    table = document.add_table(rows=5, cols=3)
    cells = [("Date", "Place", "Event"),
             ("12 February 2025", "Paris", "Parliament debated the plan."),
             ("", "Brussels", "The Commission welcomed it."),
             ("Spring 2025", "", ""),
             ("3 March 2025", "", "The decree was published.")]
    for i, texts_ in enumerate(cells):
        for j, text in enumerate(texts_):
            table.cell(i, j).text = text
    table.cell(1, 0).merge(table.cell(2, 0))  # the date spans two rows (vMerge)
    table.cell(3, 0).merge(table.cell(3, 2))  # a section row across the table (gridSpan)
    for paragraph in table.cell(1, 0).paragraphs[1:]:  # merge keeps the empty cell's paragraph
        paragraph._p.getparent().remove(paragraph._p)
    document.save(tmp_path / "merged.docx")

    assert texts(read_source(tmp_path / "merged.docx")) == [
        ("Date | Place | Event", True),
        ("12 February 2025: Paris — Parliament debated the plan.", False),
        ("12 February 2025: Brussels — The Commission welcomed it.", False),
        ("Spring 2025", False),
        ("3 March 2025: The decree was published.", False),  # the empty cell leaves no dash
    ]
    found = events(tmp_path)
    assert ("2025-02-12", "Brussels — The Commission welcomed it.") in found
    assert ("2025-03-03", "The decree was published.") in found


def test_word_header_marked_as_repeated_header_and_title_not_taken_from_it(
    tmp_path: Path,
) -> None:
    document = chronology_docx(tmp_path / "note.docx", [
        ("Date (2025)", "Event"),  # a figure: a header only because Word marks it so
        ("8 January 2025", "The minister announced the plan."),
        ("9 January 2025", "Unions responded."),
    ], title=None)
    row_properties = document.tables[0].rows[0]._tr.get_or_add_trPr()
    row_properties.append(OxmlElement("w:tblHeader"))
    document.save(tmp_path / "note.docx")
    source = read_source(tmp_path / "note.docx")
    assert texts(source)[1] == ("Date (2025) | Event", True)
    assert source.title == "Note"  # from the file name, not the header row


def test_word_layout_tables_read_as_before(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Layout"
    letterhead = document.add_table(rows=1, cols=2)  # one row: cells side by side
    letterhead.cell(0, 0).text = "Ministry of Finance"
    letterhead.cell(0, 1).text = "8 January 2025"
    frame = document.add_table(rows=2, cols=2)  # a column of article text
    frame.cell(0, 0).text = "Menu"
    frame.cell(0, 1).text = PROSE[0]
    frame.cell(0, 1).add_paragraph(PROSE[1])
    frame.cell(1, 0).text = "Contact"
    frame.cell(1, 1).text = "press@example.org"
    document.save(tmp_path / "layout.docx")
    assert texts(read_source(tmp_path / "layout.docx")) == [
        # (the letterhead's date is the document's, a dateline: a heading)
        ("Ministry of Finance", False), ("8 January 2025", True),
        ("Menu", False), (PROSE[0], False), (PROSE[1], False),
        ("Contact", False), ("press@example.org", False),
    ]


def test_word_nested_table(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Nested"
    outer = document.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "Timeline"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    for i, (when, what) in enumerate([("5 May 2025", "The board met to discuss the plan."),
                                      ("6 May 2025", "The board resigned over the plan.")]):
        inner.cell(i, 0).text, inner.cell(i, 1).text = when, what
    outer.cell(1, 0).text = "Notes"
    outer.cell(1, 1).text = "None so far"
    document.save(tmp_path / "nested.docx")
    assert [t for t, _ in texts(read_source(tmp_path / "nested.docx"))] == [
        "Timeline", "5 May 2025: The board met to discuss the plan.",
        "6 May 2025: The board resigned over the plan.", "Notes", "None so far",
    ]


def test_join_cells() -> None:
    from briefing.sources.word import join_cells

    assert join_cells(["8 January 2025", "The minister announced the plan."]) \
        == "8 January 2025: The minister announced the plan."
    assert join_cells(["8 January 2025", "", "Paris", "Talks."]) \
        == "8 January 2025: Paris — Talks."
    assert join_cells(["The plan was announced.", "8 January 2025"]) \
        == "The plan was announced: 8 January 2025"
    assert join_cells(["Date:", "8 January 2025", "U.S.", "x"]) \
        == "Date: 8 January 2025 — U.S. — x"
    assert join_cells(["", "only"]) == "only"


# --- HTML --------------------------------------------------------------------------------------


def test_html_chronology_table(tmp_path: Path) -> None:
    table = tag(
        "table",
        tag("thead", row("Date", "Event", "Place", cell="th")),
        tag("tbody",
            row("8 January 2025", "The minister announced the plan.", "Paris"),
            tag("tr", tag("td", "12 February 2025", rowspan="2"),
                tag("td", "Parliament debated the plan."), tag("td")),
            row("The Commission welcomed it.", "Brussels"),
            tag("tr", tag("td", "Spring 2025", colspan="3")),
            tag("tr", tag("td", tag("p", "3 March 2025", class_="MsoNormal")),
                tag("td", tag("p", "The decree was published."), tag("p", "It took effect.")),
                tag("td", "Paris")),
            tag("tr", tag("th", "20 March 2025"),
                tag("td", "Talks opened in Geneva", colspan="2"))),
    )
    (tmp_path / "chronology.html").write_text(page(tag("p", INTRO), table), encoding="utf-8")
    assert texts(read_source(tmp_path / "chronology.html")) == [
        (INTRO, False),
        ("Date | Event | Place", True),
        ("8 January 2025: The minister announced the plan — Paris", False),
        ("12 February 2025: Parliament debated the plan.", False),
        ("12 February 2025: The Commission welcomed it — Brussels", False),
        ("Spring 2025", False),
        ("3 March 2025: The decree was published. It took effect — Paris", False),
        ("20 March 2025: Talks opened in Geneva", False),
    ]
    found = events(tmp_path)
    assert ("2025-01-08", "The minister announced the plan — Paris.") in found
    assert ("2025-02-12", "Parliament debated the plan.") in found
    assert ("2025-02-12", "The Commission welcomed it — Brussels.") in found
    assert ("2025-03-20", "Talks opened in Geneva.") in found


def test_html_header_row_without_th_is_a_heading(tmp_path: Path) -> None:
    table = tag("table", row("When", "What"), row("8 January 2025", "The plan was announced."),
                row("9 January 2025", "Unions responded."))
    (tmp_path / "plain.html").write_text(page(table), encoding="utf-8")
    assert texts(read_source(tmp_path / "plain.html")) == [
        ("When | What", True),
        ("8 January 2025: The plan was announced.", False),
        ("9 January 2025: Unions responded.", False),
    ]


def test_html_layout_table_keeps_its_paragraphs(tmp_path: Path) -> None:
    frame = tag(
        "table",
        tag("tr", tag("td", "The Daily Old", colspan="2")),
        tag("tr", tag("td", tag("a", "Home"), " ", tag("a", "News")),
            tag("td", *(tag("p", text) for text in PROSE))),
        tag("tr", tag("td", "Copyright 2025", colspan="2")),
    )
    columns = tag("table", tag("tr", tag("td", "Left column"), tag("td", "Right column")))
    text = "<!DOCTYPE html>" + tag("html", tag("head", tag("title", "Old page")),
                                   tag("body", frame, columns))
    (tmp_path / "old.html").write_text(text, encoding="utf-8")
    # (the wire dateline opening the first paragraph dates the page: no part of its text)
    assert texts(read_source(tmp_path / "old.html")) == [
        ("The Daily Old", False), ("Home News", False),
        (PROSE[0].removeprefix("PARIS, 8 January 2025 — "), False), (PROSE[1], False),
        ("Copyright 2025", False), ("Left column", False), ("Right column", False),
    ]


def test_html_long_row_among_short_rows_is_read_cell_by_cell(tmp_path: Path) -> None:
    table = tag("table", row("8 January 2025", "The plan was announced."),
                row("9 January 2025", PROSE[1]), row("10 January 2025", "Unions responded."))
    (tmp_path / "long.html").write_text(page(table), encoding="utf-8")
    assert [t for t, _ in texts(read_source(tmp_path / "long.html"))] == [
        "8 January 2025: The plan was announced.", "9 January 2025", PROSE[1],
        "10 January 2025: Unions responded.",
    ]


def test_html_nested_table(tmp_path: Path) -> None:
    inner = tag("table", row("5 May 2025", "The board met to discuss the plan."),
                row("6 May 2025", "The board resigned over the plan."))
    outer = tag("table", tag("tr", tag("td", "Timeline"), tag("td", inner)),
                row("Notes", "None so far"))
    (tmp_path / "nested.html").write_text(page(outer), encoding="utf-8")
    assert [t for t, _ in texts(read_source(tmp_path / "nested.html"))] == [
        "Timeline", "5 May 2025: The board met to discuss the plan.",
        "6 May 2025: The board resigned over the plan.", "Notes", "None so far",
    ]
    found = events(tmp_path)
    assert ("2025-05-06", "The board resigned over the plan.") in found


@pytest.mark.parametrize("span", ["0", "-3", "x", "99999999"])
def test_html_odd_spans(tmp_path: Path, span: str) -> None:
    table = tag("table", tag("tr", tag("td", "8 January 2025", rowspan=span, colspan=span),
                             tag("td", "The plan was announced.")),
                row("Unions responded.", "9 January 2025"))
    (tmp_path / "odd.html").write_text(page(table), encoding="utf-8")
    blocks = read_source(tmp_path / "odd.html").blocks
    assert blocks[0] == Block("8 January 2025: The plan was announced.")
    assert "Unions responded" in blocks[1].text
