"""Tests of the source readers: one test per behaviour, on small files built in tmp_path."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import docx
import pytest

from briefing.model import Block, DateValue, Precision, Severity
from briefing.sources import (
    SUPPORTED_EXTENSIONS,
    SourceError,
    read_source,
    read_sources,
    reader_for,
)
from briefing.sources.dates_meta import parse_dateline, parse_metadata_date
from briefing.sources.plaintext import parse_text
from tests.conftest import write_tree

DEMO = Path(__file__).resolve().parent.parent / "sources"


make_folder = write_tree


def write(root: Path, name: str, content: str | bytes) -> Path:
    make_folder(root, {name: content})
    return root / name


def texts(blocks: tuple[Block, ...]) -> list[str]:
    return [block.text for block in blocks]


def headings(blocks: tuple[Block, ...]) -> list[str]:
    return [block.text for block in blocks if block.heading]


def make_docx(path: Path, *, created: datetime | None = None, title: str = "") -> Path:
    document = docx.Document()
    document.add_heading("Talks in Paris", level=1)
    document.add_paragraph("The ministers met on 8 January 2025.")
    document.add_paragraph("")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Cell one."
    table.rows[0].cells[1].text = "Cell two."
    document.add_paragraph("After the table.")
    document.core_properties.title = title
    document.core_properties.author = "Jane Reporter"
    if created is not None:
        document.core_properties.created = created
    document.save(str(path))
    return path


# --- the demo sources --------------------------------------------------------------------------


def test_demo_sources_read_with_titles_dates_and_publisher() -> None:
    sources, problems = read_sources(DEMO)
    assert problems == []
    by_name = {source.name: source for source in sources}
    nexter = by_name["2024-04-02-blinken-lecornu-nexter.md"]
    paris = by_name["2025-01-blinken-paris-legion-honneur.md"]

    assert nexter.title == (
        "US-France Defense Collaboration: Blinken and Lecornu at Nexter Headquarters"
    )
    assert paris.title == "Blinken in Paris: Légion d'honneur and talks with Macron and Barrot"
    assert nexter.reference == DateValue("2024-04-02", Precision.DAY, date(2024, 4, 2),
                                         date(2024, 4, 2))
    assert paris.reference == DateValue("2025-01", Precision.MONTH, date(2025, 1, 1),
                                        date(2025, 1, 31))
    assert nexter.reference_origin == paris.reference_origin == "metadata"
    assert nexter.publisher == "THX News"
    assert nexter.lang == "en"
    assert "note" in nexter.metadata


def test_demo_source_blocks_and_headings() -> None:
    nexter = read_source(DEMO / "2024-04-02-blinken-lecornu-nexter.md")
    assert nexter.blocks[0].text.startswith("In the evolving tapestry")
    assert not nexter.blocks[0].heading
    assert headings(nexter.blocks) == [
        "US-France Defense Collaboration",
        "Strengthening the NATO Alliance Through Unified Support for Ukraine",
        "Investment in Defense Capabilities",
        "Strategic Defense Partnerships",
        "A Unified Front for a Secure Tomorrow",
    ]
    assert nexter.blocks[-1] == Block("Sources: THX News & US Department of State.")
    paris = read_source(DEMO / "2025-01-blinken-paris-legion-honneur.md")
    assert headings(paris.blocks) == ["Supporting Ukraine’s defence"]
    assert paris.blocks[0].text.startswith("On January 8, outgoing")


# --- Markdown ----------------------------------------------------------------------------------


def test_markdown_front_matter_fields_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", (
        "---\ntitle: Talks\npublisher: Wire\nurl: https://example.org/a\ndate: 2025-01-08\n"
        "lang: fr-FR\nauthor: Jane\nupdated: 2025-01-09\ntags: [a, b]\n---\nBody text.\n"
    ))
    source = read_source(path)
    assert (source.title, source.publisher, source.url, source.lang) == (
        "Talks", "Wire", "https://example.org/a", "fr-FR"  # the region: day-first dates
    )
    assert source.reference == parse_metadata_date("2025-01-08")
    assert source.metadata == {"author": "Jane", "updated": "2025-01-09", "tags": ["a", "b"]}
    json.dumps(source.metadata)


def test_markdown_syntax_reduced_to_text(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", (
        "# The *Big* Meeting\n\n"
        "Ministers **met** in [Paris](https://example.org/paris) and _agreed_ on `terms`.\n\n"
        "## Next steps ##\n\n"
        "- first item\n"
        "- second item\n\n"
        "> A quoted line.\n\n"
        "Underlined heading\n------------------\n\n"
        "snake_case_name stays, 2 * 3 * 4 stays.\n"
    ))
    source = read_source(path)
    assert texts(source.blocks) == [
        "The Big Meeting",
        "Ministers met in Paris and agreed on terms.",
        "Next steps",
        "first item",
        "second item",
        "A quoted line.",
        "Underlined heading",
        "snake_case_name stays, 2 * 3 * 4 stays.",
    ]
    assert headings(source.blocks) == ["The Big Meeting", "Next steps", "Underlined heading"]
    assert source.title == "The Big Meeting"


def test_soft_wrapped_lines_join_into_one_paragraph() -> None:
    parsed = parse_text(
        "The minister said on Tuesday that the talks\n"
        "would continue next week, and that both sides\n"
        "had agreed.\n"
        "Short Heading Here\n"
        "A new paragraph starts.\n",
        markdown=True,
    )
    assert texts(parsed.blocks) == [
        "The minister said on Tuesday that the talks would continue next week, and that both "
        "sides had agreed.",
        "Short Heading Here",
        "A new paragraph starts.",
    ]
    assert headings(parsed.blocks) == ["Short Heading Here"]


@pytest.mark.parametrize(("line", "heading"), [
    ("A Unified Front for a Secure Tomorrow", True),
    ("Supporting Ukraine’s defence", True),
    ("Background", True),
    ("background", False),
    ("The talks ended.", False),
    ("“We agree,” he said", False),
    ("Who is next?", False),
])
def test_heading_heuristic(line: str, heading: bool) -> None:
    parsed = parse_text(f"{line}\nA following paragraph.\n", markdown=True)
    assert parsed.blocks[0].heading is heading


def test_markdown_title_falls_back_to_first_heading_then_file_name(tmp_path: Path) -> None:
    first = write(tmp_path, "one.md", "Intro paragraph.\n\n# Real Title\n\nText.\n")
    assert read_source(first).title == "Real Title"
    second = write(tmp_path, "paris_visit-notes.md", "Only a paragraph.\n")
    assert read_source(second).title == "Paris visit notes"


def test_malformed_front_matter_is_a_problem_and_others_are_read(tmp_path: Path) -> None:
    make_folder(tmp_path, {
        "bad.md": "---\ntitle: [unclosed\ndate: 2025-01-08\n---\nBody.\n",
        "good.md": "---\ntitle: Good\n---\nBody.\n",
    })
    sources, problems = read_sources(tmp_path)
    assert [source.name for source in sources] == ["good.md"]
    assert len(problems) == 1
    assert problems[0].path.endswith("bad.md")
    assert problems[0].severity is Severity.ERROR
    assert "malformed front matter" in problems[0].message


def test_front_matter_fields_python_frontmatter_cannot_take_are_read(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "x.md", "---\ncontent: x\nhandler: y\nself: z\n"
                               "1: one\ntitle: T\n---\nBody.\n"))
    assert source.title == "T"
    assert source.metadata == {"content": "x", "handler": "y", "self": "z", "1": "one"}


@pytest.mark.parametrize("content", [
    "Intro, on 8 January 2025.\n\n---\n\nMiddle: the talks.\n\n---\n\nEnd.\n",
    "Intro, on 8 January 2025.\n\n---\n\ntitle: [not front matter\n\n---\n\nEnd.\n",
])
def test_markdown_rules_without_front_matter_lose_no_text(tmp_path: Path, content: str) -> None:
    """Front matter opens the file or there is none: two "---" rules further down are rules,
    and the text above them is read (python-frontmatter would split there)."""
    source = read_source(write(tmp_path, "x.md", content))
    text = "\n".join(block.text for block in source.blocks)
    assert "Intro, on 8 January 2025." in text and "End." in text
    assert not {k: v for k, v in source.metadata.items() if k != "date_invalid"}


@pytest.mark.parametrize("content", [
    "---\n- a\n- b\n---\nBody.\n",
    "---\ntitle: Never closed\nBody.\n",
    "---\n----\nx: [\n---\nBody.\n",  # empty by its first rule, broken YAML by "---"
])
def test_front_matter_that_is_not_fields_is_refused(tmp_path: Path, content: str) -> None:
    with pytest.raises(SourceError, match="malformed front matter"):
        read_source(write(tmp_path, "x.md", content))


def test_bad_front_matter_date_warns_and_source_is_still_read(tmp_path: Path) -> None:
    make_folder(tmp_path, {"a.md": "---\ntitle: A\ndate: soon\n---\nBody.\n"})
    sources, problems = read_sources(tmp_path)
    assert sources[0].reference is None
    assert sources[0].reference_origin == "none"
    assert sources[0].metadata["date_invalid"] == "soon"
    assert [(p.severity, p.message.split(";")[0]) for p in problems] == [
        (Severity.WARNING, "front-matter date 'soon' is not a date")
    ]


def test_impossible_front_matter_date_warns(tmp_path: Path) -> None:
    make_folder(tmp_path, {"a.md": "---\ndate: 2025-02-30\n---\nBody.\n"})
    sources, problems = read_sources(tmp_path)
    assert sources[0].reference is None
    assert "'2025-02-30' is not a date" in problems[0].message


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "value", "precision", "start", "end"), [
    ("2025", "2025", Precision.YEAR, date(2025, 1, 1), date(2025, 12, 31)),
    (2025, "2025", Precision.YEAR, date(2025, 1, 1), date(2025, 12, 31)),
    ("2025-01", "2025-01", Precision.MONTH, date(2025, 1, 1), date(2025, 1, 31)),
    ("2024-02", "2024-02", Precision.MONTH, date(2024, 2, 1), date(2024, 2, 29)),
    ("2025-01-08", "2025-01-08", Precision.DAY, date(2025, 1, 8), date(2025, 1, 8)),
    ("2025-01-08T10:00:00Z", "2025-01-08", Precision.DAY, date(2025, 1, 8), date(2025, 1, 8)),
    ("2025-01-08T23:30:00+01:00", "2025-01-08", Precision.DAY, date(2025, 1, 8),
     date(2025, 1, 8)),
    ("January 2025", "2025-01", Precision.MONTH, date(2025, 1, 1), date(2025, 1, 31)),
    ("8 January 2025", "2025-01-08", Precision.DAY, date(2025, 1, 8), date(2025, 1, 8)),
    ("January 8, 2025", "2025-01-08", Precision.DAY, date(2025, 1, 8), date(2025, 1, 8)),
    ("Jan 8, 2025", "2025-01-08", Precision.DAY, date(2025, 1, 8), date(2025, 1, 8)),
    ("Wed, 08 Jan 2025 10:00:00 GMT", "2025-01-08", Precision.DAY, date(2025, 1, 8),
     date(2025, 1, 8)),
    (date(2025, 1, 8), "2025-01-08", Precision.DAY, date(2025, 1, 8), date(2025, 1, 8)),
    (datetime(2025, 1, 8, 22, 5), "2025-01-08", Precision.DAY, date(2025, 1, 8),
     date(2025, 1, 8)),
])
def test_parse_metadata_date(raw: object, value: str, precision: Precision, start: date,
                             end: date) -> None:
    assert parse_metadata_date(raw) == DateValue(value, precision, start, end)


@pytest.mark.parametrize("raw", [
    "2025-02-30", "2025-13", "soon", "", "08/01/2025", "January 32, 2025", None, True, 3.5,
])
def test_parse_metadata_date_refuses_non_dates(raw: object) -> None:
    assert parse_metadata_date(raw) is None


@pytest.mark.parametrize(("line", "value"), [
    ("Published 8 January 2025", "2025-01-08"),
    ("January 8, 2025", "2025-01-08"),
    ("Updated: 2025-01-08", "2025-01-08"),
    ("8 January 2025 — PARIS", "2025-01-08"),
    ("PARIS, January 8, 2025", "2025-01-08"),
    ("By Jane Doe | Jan 8, 2025", "2025-01-08"),
])
def test_dateline(line: str, value: str) -> None:
    parsed = parse_dateline(line)
    assert parsed is not None
    assert parsed[0].value == value


def test_prose_mentioning_a_date_is_not_a_dateline() -> None:
    assert parse_dateline("On January 8, Blinken visited Paris.") is None


def test_dateline_in_text_gives_the_reference(tmp_path: Path) -> None:
    path = write(tmp_path, "note.txt", "Talks in Paris\nPublished 8 January 2025\nThey met.\n")
    source = read_source(path)
    assert source.reference == parse_metadata_date("2025-01-08")
    assert source.reference_origin == "text"


def test_dateline_is_not_body_text_nor_the_title(tmp_path: Path) -> None:
    path = write(tmp_path, "note.txt", "Wednesday, January 8, 2025\nTalks in Paris\nThey met.\n")
    source = read_source(path)
    assert source.title == "Talks in Paris"
    assert source.blocks[0] == Block("Wednesday, January 8, 2025", heading=True)
    assert source.reference_origin == "text"


def test_front_matter_date_wins_over_dateline(tmp_path: Path) -> None:
    path = write(tmp_path, "a.md", "---\ndate: 2025-01\n---\nPublished 9 January 2025\n\nText.\n")
    source = read_source(path)
    assert source.reference == parse_metadata_date("2025-01")
    assert source.reference_origin == "metadata"
    assert source.title == "A"


def test_dateline_beyond_the_first_three_blocks_is_ignored(tmp_path: Path) -> None:
    path = write(tmp_path, "note.txt", "One.\nTwo.\nThree.\n8 January 2025\n")
    source = read_source(path)
    assert source.reference is None
    assert source.reference_origin == "none"


# --- plain text and encodings ------------------------------------------------------------------


def test_cp1252_text_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path, "news.txt", "café – “quoted”\n".encode("cp1252"))
    assert texts(read_source(path).blocks) == ["café – “quoted”"]


def test_longer_cp1252_news_text_is_decoded(tmp_path: Path) -> None:
    text = "Le café était fermé — « citation » à Noël.\nThe minister’s visit – “a success”."
    path = write(tmp_path, "news.txt", text.encode("cp1252"))
    assert texts(read_source(path).blocks) == text.split("\n")


def test_utf8_bom_is_stripped_and_title_from_first_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bom.txt", "\ufeffTalks in Paris\nThey met.\n".encode())
    source = read_source(path)
    assert source.title == "Talks in Paris"
    assert source.blocks[0] == Block("Talks in Paris", heading=True)


def test_utf16_with_bom_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path, "wide.txt", "They met in Orléans.\n".encode("utf-16"))
    assert texts(read_source(path).blocks) == ["They met in Orléans."]


def test_utf16_without_bom_is_decoded(tmp_path: Path) -> None:
    path = write(tmp_path, "wide.txt", "They met in Orléans.\n".encode("utf-16-le"))
    assert texts(read_source(path).blocks) == ["They met in Orléans."]


def test_text_title_is_file_stem_when_first_line_is_prose(tmp_path: Path) -> None:
    path = write(tmp_path, "field-report.txt", "They met.\n")
    assert read_source(path).title == "Field report"


def test_control_characters_removed_and_whitespace_normalized(tmp_path: Path) -> None:
    path = write(tmp_path, "c.txt", b"They\x00 met\x07  in\tParis.\r\nSecond\x0b line.\r\n")
    assert texts(read_source(path).blocks) == ["They met in Paris.", "Second line."]


def test_invalid_utf8_is_still_read(tmp_path: Path) -> None:
    path = write(tmp_path, "mixed.txt", b"Talks in Paris ended.\n\xff\xfe\xfa ok.\n")
    source = read_source(path)
    assert source.blocks[0].text == "Talks in Paris ended."


@pytest.mark.parametrize("content", [b"", b"   \n\n", b"\x00\x00\x00", "---\ntitle: X\n---\n"])
def test_file_without_text_is_refused(tmp_path: Path, content: str | bytes) -> None:
    with pytest.raises(SourceError, match="no text found"):
        read_source(write(tmp_path, "empty.md", content))


def test_empty_file_is_a_problem(tmp_path: Path) -> None:
    make_folder(tmp_path, {"empty.txt": "", "ok.txt": "Fine."})
    sources, problems = read_sources(tmp_path)
    assert [source.name for source in sources] == ["ok.txt"]
    assert [(p.severity, "no text found" in p.message) for p in problems] == [
        (Severity.ERROR, True)
    ]


# --- HTML --------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Talks in Paris | Example News</title>
  <meta property="og:title" content="Blinken in Paris">
  <meta property="og:site_name" content="Example News">
  <meta property="article:published_time" content="2025-01-08T10:00:00+01:00">
  <meta name="author" content="Jane Reporter">
  <link rel="canonical" href="https://example.org/paris">
  <style>p { color: red }</style>
  <script>var tracking = "SCRIPT TEXT";</script>
</head>
<body>
  <header><a href="/">Example News home</a></header>
  <nav><ul><li>World</li><li>Politics</li></ul></nav>
  <div role="navigation">Breadcrumbs here</div>
  <article>
    <h1>Blinken in Paris</h1>
    <p>Ministers <b>met</b> in <a href="/paris">Paris</a>
       on Wednesday.</p>
    <p>Line one<br>line two.</p>
    <ul><li>First point.</li><li><p>Second point.</p></li></ul>
    <blockquote>A quote.</blockquote>
    <div>Stray text in a div.</div>
    <script>document.write("INLINE SCRIPT")</script>
    <aside>Related: other story</aside>
    <footer>Tags: diplomacy</footer>
  </article>
  <footer>Copyright Example News</footer>
</body>
</html>
"""


def test_html_boilerplate_dropped_and_metadata_read(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "page.html", PAGE))
    assert texts(source.blocks) == [
        "Blinken in Paris",
        "Ministers met in Paris on Wednesday.",
        "Line one line two.",
        "First point.",
        "Second point.",
        "A quote.",
        "Stray text in a div.",
    ]
    assert headings(source.blocks) == ["Blinken in Paris"]
    assert source.title == "Blinken in Paris"
    assert source.reference == parse_metadata_date("2025-01-08")
    assert source.reference_origin == "metadata"
    assert source.publisher == "Example News"
    assert source.url == "https://example.org/paris"
    assert source.lang == "en-GB"  # <html lang="en-GB">: its numeric dates are day first
    assert source.metadata == {"author": "Jane Reporter"}


def test_html_date_fallbacks_in_order(tmp_path: Path) -> None:
    page = (
        '<html><head><meta name="DC.date.issued" content="2024-03-01">'
        "<title>T</title></head><body><main><p>Text.</p>"
        '<article><time datetime="2023-05-05">5 May</time><p>Body.</p></article>'
        "</main></body></html>"
    )
    source = read_source(write(tmp_path, "p.html", page))
    assert source.reference is not None
    assert source.reference.value == "2024-03-01"
    page_time = page.replace('<meta name="DC.date.issued" content="2024-03-01">', "")
    source = read_source(write(tmp_path, "q.html", page_time))
    assert source.reference is not None
    assert source.reference.value == "2023-05-05"
    assert texts(source.blocks) == ["5 May", "Body."]  # the article, not the rest of main


def test_html_title_from_title_tag_without_site_suffix(tmp_path: Path) -> None:
    page = (
        '<html><head><meta property="og:site_name" content="Wire">'
        "<title>Talks end | Wire</title></head><body><p>Text.</p></body></html>"
    )
    source = read_source(write(tmp_path, "p.htm", page))
    assert source.title == "Talks end"
    assert source.reference is None


def test_html_meta_charset_is_honoured(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Café</title></head>'
        "<body><p>Café – “quoted”.</p></body></html>"
    ).encode("cp1252")
    source = read_source(write(tmp_path, "p.html", page))
    assert texts(source.blocks) == ["Café – “quoted”."]
    assert source.title == "Café"


def test_text_that_is_not_html_still_gives_blocks(tmp_path: Path) -> None:
    source = read_source(write(tmp_path, "plain.html", "First paragraph.\n\nSecond one.\n"))
    assert texts(source.blocks) == ["First paragraph.", "Second one."]


def test_html_without_text_is_refused(tmp_path: Path) -> None:
    page = "<html><body><nav>Menu</nav><script>x()</script></body></html>"
    with pytest.raises(SourceError, match="no text found"):
        read_source(write(tmp_path, "p.html", page))


# --- Word --------------------------------------------------------------------------------------


def test_docx_paragraphs_headings_tables_and_core_properties(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "memo.docx", created=datetime(2025, 1, 9, 8, 30))
    source = read_source(path)
    assert texts(source.blocks) == [
        "Talks in Paris",
        "The ministers met on 8 January 2025.",
        "Cell one.",
        "Cell two.",
        "After the table.",
    ]
    assert headings(source.blocks) == ["Talks in Paris"]
    assert source.title == "Talks in Paris"
    assert source.reference == parse_metadata_date("2025-01-09")
    assert source.reference.precision is Precision.DAY
    assert source.reference_origin == "metadata"
    assert source.publisher is None
    assert source.metadata["author"] == "Jane Reporter"
    json.dumps(source.metadata)


def test_docx_core_title_wins(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "memo.docx", created=datetime(2025, 1, 9), title="Memo")
    assert read_source(path).title == "Memo"


def test_docx_with_python_docx_template_date_has_no_reference(tmp_path: Path) -> None:
    source = read_source(make_docx(tmp_path / "memo.docx"))
    assert source.reference is None


def test_corrupt_docx_is_a_problem_and_others_are_read(tmp_path: Path) -> None:
    make_folder(tmp_path, {
        "broken.docx": b"this is not a zip file at all",
        "ok.md": "Fine.",
    })
    sources, problems = read_sources(tmp_path)
    assert [source.name for source in sources] == ["ok.md"]
    assert len(problems) == 1
    assert problems[0].severity is Severity.ERROR
    assert "not a valid Word .docx file" in problems[0].message


# --- read_sources ------------------------------------------------------------------------------


def test_unsupported_extension_warns_and_junk_and_hidden_files_are_skipped(
    tmp_path: Path,
) -> None:
    make_folder(tmp_path, {
        "a.md": "Fine.",
        "data.xyz": "??",
        "old.doc": "??",
        ".gitkeep": "",
        ".hidden.md": "Hidden.",
        ".git/config.txt": "Hidden folder.",
        "~$lock.docx": "lock",
        "Thumbs.db": "x",
    })
    sources, problems = read_sources(tmp_path)
    assert [source.name for source in sources] == ["a.md"]
    assert [(Path(p.path).name, p.severity) for p in problems] == [
        ("data.xyz", Severity.WARNING),
        ("old.doc", Severity.WARNING),
    ]
    assert all(p.message.startswith("unsupported file type, skipped") for p in problems)
    assert "save it as .docx" in problems[1].message


def test_folder_is_read_recursively_in_name_order(tmp_path: Path) -> None:
    make_folder(tmp_path, {"b.txt": "B.", "a/z.txt": "AZ.", "A.TXT": "Upper.", "c.md": "C."})
    sources, _ = read_sources(tmp_path)
    assert [Path(s.path).relative_to(tmp_path).as_posix() for s in sources] == [
        "A.TXT", "a/z.txt", "b.txt", "c.md"
    ]


def test_reader_for_is_case_insensitive() -> None:
    assert type(reader_for(Path("X.MD"))) is type(reader_for(Path("x.md")))
    assert reader_for(Path("x.md")) is not None
    assert reader_for(Path("x.pdf")) is None
    assert {".md", ".markdown", ".txt", ".html", ".htm", ".docx"} <= set(SUPPORTED_EXTENSIONS)


def test_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="not found"):
        read_sources(tmp_path / "nope")


def test_folder_without_readable_source_raises_with_problems(tmp_path: Path) -> None:
    make_folder(tmp_path, {"empty.txt": "", "x.xyz": "?"})
    with pytest.raises(SourceError, match="no readable source") as caught:
        read_sources(tmp_path)
    assert len(caught.value.problems) == 2


def test_empty_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no readable source"):
        read_sources(tmp_path)


def test_file_above_max_bytes_is_a_problem(tmp_path: Path) -> None:
    make_folder(tmp_path, {"big.txt": "x" * 200 + ".", "small.txt": "Small."})
    sources, problems = read_sources(tmp_path, max_bytes=100)
    assert [source.name for source in sources] == ["small.txt"]
    assert "above the limit" in problems[0].message
    assert problems[0].severity is Severity.ERROR


def test_list_of_paths_with_a_missing_one(tmp_path: Path) -> None:
    make_folder(tmp_path, {"a.txt": "A.", "b.txt": "B."})
    sources, problems = read_sources([tmp_path / "b.txt", tmp_path / "gone.txt"])
    assert [source.name for source in sources] == ["b.txt"]
    assert [(Path(p.path).name, p.message) for p in problems] == [("gone.txt", "file not found")]


def test_read_source_refuses_unsupported_type(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="unsupported file type"):
        read_source(write(tmp_path, "x.pdf", "%PDF"))


def test_binary_file_with_a_text_extension_is_refused(tmp_path: Path) -> None:
    data = bytes(range(256)) * 4
    with pytest.raises(SourceError, match="looks binary"):
        read_source(write(tmp_path, "image.txt", data))


def test_a_dateline_is_never_joined_with_the_next_line(tmp_path):
    path = write(tmp_path, "d.txt",
                 "Published 4 March 2025\nword word word. On March 3, it ended.\n")
    source = read_source(path)
    assert source.reference is not None and source.reference.value == "2025-03-04"
    assert source.reference_origin == "text"
    assert source.blocks[-1].text == "word word word. On March 3, it ended."


def test_front_matter_values_are_typed_as_yaml_types_them(tmp_path: Path) -> None:
    # Simple "key: value" lines are read without the YAML library (briefing/sources/markdown.py,
    # _simple_front_matter): the values must still be what YAML makes of them.
    header = (
        "---\r\ntitle: \"Talks: day two\"\r\npublisher: 'O''Neil Wire'\r\ndate: 2025-01-08\r\n"
        "count: 3\r\nshare: 0.5\r\nflag: yes\r\nnothing:\r\nupdated: 2025-01-09T10:30:00Z\r\n"
        "note: a#b, http://x.y/z\r\nimpossible: 2025-02-30\r\n---\r\nBody text.\r\n"
    )
    source = read_source(write(tmp_path, "a.md", header))
    assert (source.title, source.publisher) == ("Talks: day two", "O'Neil Wire")
    assert source.reference == parse_metadata_date("2025-01-08")
    assert source.metadata == {
        "count": 3, "share": 0.5, "flag": True, "nothing": None,
        "updated": "2025-01-09T10:30:00+00:00", "note": "a#b, http://x.y/z",
        "impossible": "2025-02-30",
    }
    assert texts(source.blocks) == ["Body text."]


@pytest.mark.parametrize(("text", "expected"), [
    ("a \ue0000\ue001 b", "a \ue0000\ue001 b"),
    ("x \ue0005\ue001 *y* \\* `z`", "x \ue0005\ue001 y * z"),
    ("&#xe000;0&#xe001; and `code`", "\ue0000\ue001 and code"),
])
def test_inline_markdown_keeps_private_use_text_as_written(text: str, expected: str) -> None:
    """The characters strip_inline_markdown marks its placeholders with, in the text itself,
    are text: never an error, never another piece of the text put in their place."""
    from briefing.sources.plaintext import strip_inline_markdown

    assert strip_inline_markdown(text) == expected


@pytest.mark.parametrize(("opening", "date"), [
    ("NAIROBI, 4 May 2023 (Reuters) - Kenyan President William Ruto on Thursday ordered "
     "an inquiry.", "2023-05-04"),
    ("WASHINGTON, Jan. 8, 2025 /PRNewswire/ -- The company said on Wednesday it would "
     "close.", "2025-01-08"),
    ("NEW YORK, March 3, 2021 — Stocks fell on Wednesday.", "2021-03-03"),
    ("GENEVA, May 4 (Reuters) - Talks resumed on Thursday.", None),  # no year: no date
    ("PARIS (AFP) - Talks resumed on Thursday.", None),
])
def test_a_wire_dateline_opening_the_story_dates_it(tmp_path, opening, date):
    """The date of "NAIROBI, 4 May 2023 (Reuters) - …" is the story's, and the paragraph stays
    the story's first (it is not a heading), without the dateline once it dated the source
    (a dateline without its year dates nothing and stays)."""
    path = tmp_path / "wire.txt"
    path.write_text(f"Kenya orders inquiry\n\n{opening}\n\nMore text followed.\n", encoding="utf-8")
    source = read_source(path)
    assert (source.reference.value if source.reference else None) == date
    story = opening.split(" - ", 1)[-1].split(" -- ", 1)[-1].split(" — ", 1)[-1] \
        if date else opening
    assert any(b.text == story and not b.heading for b in source.blocks)
