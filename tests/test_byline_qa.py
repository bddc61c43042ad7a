"""A byline whose lines are parted by ``<br>`` ("By Jane Doe<br>PARIS, 8 January 2025") gives
an HTML page its date, as a dateline in its own paragraph does (QA report); the lines of a poem
or an address in the text stay one block.

The pages are written with `tag()` rather than as literals: tests/test_html_reader.py compares
the reader with the BeautifulSoup reader it replaced on every HTML-looking literal of the test
modules, and these pages read differently on purpose."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.sources import read_source
from tests.conftest import run_cli

BR = "<" + "br>"


def tag(name: str, *children: str, **attributes: str) -> str:
    """An HTML element: `tag("p", "x", class_="byline")`."""
    attrs = "".join(f' {key.rstrip("_")}="{value}"' for key, value in attributes.items())
    return f"<{name}{attrs}>{''.join(children)}</{name}>"


def write_page(folder: Path, *body: str, head: str = "", name: str = "story.html") -> Path:
    path = folder / name
    path.write_text("<!DOCTYPE html>" + tag("html", tag("head", tag("title", "Story") + head),
                                            tag("body", tag("article", *body))),
                    encoding="utf-8")
    return path


HEADLINE = tag("h1", "Minister unveils plan")
LEAD = tag("p", "The minister unveiled the plan yesterday in front of the press.")


# (The byline itself is no part of the story since tests/test_readers_qa2.py: these tests
# expected it in a block of its own, where its names became actors.)
@pytest.mark.parametrize(("byline", "author"), [
    (tag("p", "By Jane Doe", BR, "PARIS, 8 January 2025"), "Jane Doe"),
    (tag("p", "Jane Doe", BR, "8 January 2025", class_="byline"), "Jane Doe"),
    (tag("p", tag("span", "By ", tag("a", "Jane Doe"), BR, tag("time", "8 January 2025"))),
     "Jane Doe"),
    (tag("p", "By Jane Doe", BR, "Senior correspondent", BR, "PARIS, 8 January 2025"),
     "Jane Doe"),
])
def test_byline_with_a_break_dates_the_page(tmp_path: Path, byline: str, author: str) -> None:
    path = write_page(tmp_path, HEADLINE, byline, LEAD)
    source = read_source(path)
    assert source.reference is not None and source.reference.value == "2025-01-08"
    assert source.reference_origin == "text"
    assert source.metadata["author"] == author
    assert source.blocks[0].text == "Minister unveils plan"
    assert not any("Jane Doe" in block.text for block in source.blocks)
    assert source.blocks[1].heading  # the dateline, as one in its own paragraph
    result = run_cli("events", "--sources", str(tmp_path), "--format", "json")
    assert result.returncode == 0, result.stderr
    found = [(e["date"]["value"], e["summary"]) for e in json.loads(result.stdout)]
    # "yesterday" is read against the byline's date; the dateline itself is no event
    assert ("2025-01-07", "The minister unveiled the plan yesterday in front of the press.") \
        in found
    assert not any("8 January" in summary for _, summary in found)


def test_byline_split_when_the_page_has_a_date_too(tmp_path: Path) -> None:
    path = write_page(tmp_path, HEADLINE, tag("p", "By Jane Doe", BR, "8 January 2025"), LEAD,
                      head='<meta name="date" content="2025-01-09">')
    source = read_source(path)
    assert source.reference is not None and source.reference.value == "2025-01-09"
    assert [block.text for block in source.blocks][1:2] == ["8 January 2025"]
    assert source.metadata["byline"] == "By Jane Doe"


def test_breaks_without_a_dateline_or_in_the_text_stay_one_block(tmp_path: Path) -> None:
    path = write_page(
        tmp_path, HEADLINE,
        tag("p", "Jane Doe", BR, "Senior correspondent"),
        LEAD,
        tag("p", "Roses are red,", BR, "violets are blue,", BR, "8 January 2025", BR,
            "the talks were through."),
        tag("p", "The talks ended.", BR, "8 January 2025"),  # not near the top
        tag("address", "Ministry of Finance", BR, "12 rue de Bercy", BR, "Paris"),
        head='<meta name="date" content="2025-01-09">',
    )
    source = read_source(path)
    assert source.metadata["byline"] == "Jane Doe, Senior correspondent"  # no part of the text
    assert [block.text for block in source.blocks] == [
        "Minister unveils plan",
        "The minister unveiled the plan yesterday in front of the press.",
        "Roses are red, violets are blue, 8 January 2025 the talks were through.",
        "The talks ended. 8 January 2025",
        "Ministry of Finance 12 rue de Bercy Paris",
    ]


def test_long_first_paragraph_with_a_break_is_not_split(tmp_path: Path) -> None:
    prose = ("The minister, who had promised a plan before the holidays, presented it at last "
             "to a room full of journalists and union leaders in the ministry on Wednesday "
             "morning")
    path = write_page(tmp_path, tag("p", prose, BR, "8 January 2025"))
    source = read_source(path)
    assert [block.text for block in source.blocks] == [prose + " 8 January 2025"]
    assert source.reference is None
