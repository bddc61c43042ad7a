"""End to end: the CLI on real sources, checked the way a reader would check the documents."""

from __future__ import annotations

import json
import re
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from tests.conftest import DEMO_SOURCES, run_cli, write_tree


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def squash(text: str) -> str:
    """Whitespace folded: PDF text extraction breaks lines where the layout does."""
    return re.sub(r"\s+", " ", text)


def test_make_writes_the_four_documents_and_lists_them(demo_out):
    out, result = demo_out
    assert result.returncode == 0, result.stderr
    written = [line.split(" (")[0] for line in result.stdout.splitlines()]
    assert sorted(Path(p).name for p in written) == [
        "briefing.docx", "briefing.pdf", "timeline.docx", "timeline.pdf"]
    for name in ("briefing.pdf", "timeline.pdf", "briefing.docx", "timeline.docx"):
        assert (out / name).stat().st_size > 1000


def test_briefing_pdf_is_one_page_with_the_key_dates(demo_out):
    out, _ = demo_out
    reader = PdfReader(out / "briefing.pdf")
    assert len(reader.pages) == 1
    text = squash(pdf_text(out / "briefing.pdf"))
    assert "8 January 2025" in text
    assert "2 April 2024" in text
    assert "Blinken" in text
    assert reader.metadata.title


def test_timeline_pdf_lists_events_in_order_with_sources(demo_out):
    out, _ = demo_out
    text = squash(pdf_text(out / "timeline.pdf"))
    body = text.index("source(s).")  # past the summary line, which names the span covered
    nexter = text.index("2 April 2024", body)
    paris = text.index("8 January 2025", nexter)
    assert nexter < paris
    assert "Nexter" in text[nexter:paris]
    assert "Légion d’honneur" in text[paris:]
    # the sources appendix names both files (long names may wrap after a hyphen)
    unwrapped = text.replace("- ", "-")
    assert "2024-04-02-blinken-lecornu-nexter.md" in unwrapped
    assert "2025-01-blinken-paris-legion-honneur.md" in unwrapped
    assert re.search(r"Page 1 of \d+", text)


def test_docx_documents_show_the_same_events(demo_out):
    out, _ = demo_out
    timeline = docx_text(out / "timeline.docx")
    assert timeline.index("2 April 2024") < timeline.index("8 January 2025")
    assert "Nexter" in timeline
    pdf = squash(pdf_text(out / "timeline.pdf"))
    events = json.loads(run_cli("events", "--sources", str(DEMO_SOURCES)).stdout)
    for event in events:
        # every event's summary reaches both formats
        assert squash(event["summary"]) in squash(timeline)
        assert squash(event["summary"])[:60] in pdf
    briefing = docx_text(out / "briefing.docx")
    assert "8 January 2025" in briefing and "2 April 2024" in briefing
    assert docx.Document(str(out / "briefing.docx")).core_properties.title


def test_events_json_contract():
    result = run_cli("events", "--sources", str(DEMO_SOURCES), "--format", "json")
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    assert events, "the demo sources have events"
    for event in events:
        assert set(event["date"]) >= {"value", "precision", "start", "end"}
        assert isinstance(event["summary"], str) and event["summary"]
        assert isinstance(event["sentence"], str) and event["sentence"]
        assert all(isinstance(s, str) for s in event["sources"])
    starts = [e["date"]["start"] for e in events]
    assert starts == sorted(starts)
    by_value = {e["date"]["value"]: e for e in events}
    visit = by_value["2025-01-08"]
    assert visit["date"]["precision"] == "day"
    assert visit["date"]["inferred_year"] is True
    assert visit["sources"] == ["2025-01-blinken-paris-legion-honneur.md"]
    assert visit["summary"].startswith("Outgoing U.S. Secretary of State Antony Blinken visited")
    nexter = by_value["2024-04-02"]
    assert "Nexter" in nexter["summary"] + nexter["sentence"]
    assert nexter["sources"] == ["2024-04-02-blinken-lecornu-nexter.md"]


def test_events_table_format():
    result = run_cli("events", "--sources", str(DEMO_SOURCES), "--format", "table")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2 April 2024")
    assert any(line.startswith("8 January 2025") for line in lines)


def test_dates_contract():
    text = "On January 8, we met. Now it is time. For three years almost now we helped."
    result = run_cli("dates", "--ref", "2025-01", stdin=text)
    assert result.returncode == 0, result.stderr
    mentions = json.loads(result.stdout)
    assert len(mentions) == 1
    mention = mentions[0]
    start, end = mention["span"]
    assert text[start:end] == mention["text"] == "January 8"
    assert mention["value"] == "2025-01-08"
    assert mention["precision"] == "day"


def test_dates_rejects_a_bad_reference():
    result = run_cli("dates", "--ref", "not a date", stdin="On January 8.")
    assert result.returncode == 2
    assert "--ref" in result.stderr


def test_broken_source_fails_alone_with_exit_code_1(tmp_path):
    sources = write_tree(tmp_path / "sources", {
        "good.md": "---\ntitle: Good\ndate: 2025-03-04\n---\nOn March 3, the council met.\n",
        "broken.md": "---\ntitle: [unclosed\ndate: 2025-03-04\n---\nText.\n",
        "broken.docx": b"this is not a zip file",
    })
    out = tmp_path / "out"
    result = run_cli("make", "--sources", str(sources), "--out", str(out), "--format", "docx")
    assert result.returncode == 1
    assert "broken.md" in result.stderr and "broken.docx" in result.stderr
    assert (out / "timeline.docx").exists() and (out / "briefing.docx").exists()
    text = docx_text(out / "timeline.docx")
    assert "3 March 2025" in text
    assert "broken.docx" in text  # listed among the sources that could not be read


def test_undated_source_lands_in_undated_section(tmp_path):
    sources = write_tree(tmp_path / "sources", {
        "dated.md": "---\ntitle: Dated\ndate: 2025-03-04\n---\nOn March 3, the council met.\n",
        "notes.txt": "The committee discussed the budget at length.\n",
    })
    out = tmp_path / "out"
    result = run_cli("make", "--sources", str(sources), "--out", str(out), "--format", "pdf",
                     "--kind", "timeline")
    assert result.returncode == 0, result.stderr
    assert "notes.txt" in result.stderr and "warning" in result.stderr
    text = squash(pdf_text(out / "timeline.pdf"))
    assert "Undated" in text
    assert "The committee discussed the budget at length." in text


def test_as_of_dates_an_undated_source(tmp_path):
    sources = write_tree(tmp_path / "sources", {
        "notes.txt": "Yesterday the committee discussed the budget.\n",
    })
    result = run_cli("events", "--sources", str(sources), "--as-of", "2025-05-10")
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    assert [e["date"]["value"] for e in events] == ["2025-05-09"]


@pytest.mark.parametrize("args", [
    ["make", "--sources", "no-such-folder"],
    ["make", "--format", "odt"],
    ["events", "--sources", "no-such-folder"],
])
def test_usage_errors_exit_2(tmp_path, args):
    out = ["--out", str(tmp_path / "out")] if args[0] == "make" else []
    result = run_cli(*args, *out, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert not (tmp_path / "out").exists()


def test_letter_paper_and_title(tmp_path):
    out = tmp_path / "out"
    result = run_cli("make", "--sources", str(DEMO_SOURCES), "--out", str(out), "--format",
                     "pdf", "--kind", "briefing", "--paper", "Letter", "--title",
                     "Blinken & France")
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out / "briefing.pdf")
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert round(float(box.width)) == 612 and round(float(box.height)) == 792
    assert reader.metadata.title == "Blinken & France"
    assert "Blinken & France" in pdf_text(out / "briefing.pdf")


def test_only_broken_sources_exit_3_and_name_each_file(tmp_path):
    """3, not 1: no document was made (1 says the others made them)."""
    sources = write_tree(tmp_path / "sources", {"a.docx": b"not a zip", "b.md": "---\n- x\n---\n"})
    result = run_cli("make", "--sources", str(sources), "--out", str(tmp_path / "out"))
    assert result.returncode == 3
    assert "a.docx" in result.stderr and "b.md" in result.stderr


def test_empty_sources_folder_is_a_usage_error(tmp_path):
    (tmp_path / "sources").mkdir()
    result = run_cli("events", "--sources", str(tmp_path / "sources"))
    assert result.returncode == 2


_IMPORTED = """
import runpy, sys
sys.argv = ["briefing", *sys.argv[1:]]
try:
    runpy.run_module("briefing", run_name="__main__")
except SystemExit:
    pass
heavy = ("weasyprint", "bs4", "docx", "dateparser")
print(" ".join(m for m in heavy if m in sys.modules) or "-", file=sys.stderr)
"""


@pytest.mark.parametrize(("args", "expected"), [
    (["--help"], "-"),
    (["dates", "--ref", "2025-01-08"], "-"),
    (["events", "--sources", str(DEMO_SOURCES)], "-"),  # Markdown only: no bs4, no docx
])
def test_cold_commands_import_no_heavy_library_they_do_not_need(args, expected):
    import subprocess
    import sys

    from tests.conftest import clean_env

    result = subprocess.run([sys.executable, "-c", _IMPORTED, *args], input="On 8 January.",
                            capture_output=True, text=True, env=clean_env(), timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip().splitlines()[-1] == expected


def test_an_html_source_is_read_without_bs4(tmp_path):
    import subprocess
    import sys

    from tests.conftest import clean_env

    sources = write_tree(tmp_path / "s", {
        "a.html": "<html><body><p>On 8 January 2025 they met.</p></body></html>"})
    result = subprocess.run([sys.executable, "-c", _IMPORTED, "events", "--sources",
                             str(sources)], capture_output=True, text=True, env=clean_env(),
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert "bs4" not in result.stderr.splitlines()[-1]  # lxml's parser, ElementTree's tree
    assert "2025-01-08" in result.stdout


def test_a_date_read_one_way_of_several_is_a_warning_naming_the_reading(tmp_path):
    sources = write_tree(tmp_path / "s", {"a.md": (
        "---\ndate: 2025-04-10\n---\nThe board met on 03/04/2025 to review the plan.\n\n"
        "On Thursday, 8 January 2025, the minister resigned.\n\n"
        "On Wednesday, 8 January 2025, the cabinet met.\n")})
    result = run_cli("events", "--sources", str(sources), "--format", "table")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "more than one way" in line]
    assert len(warnings) == 2, result.stderr  # the weekday that fits its date is no warning
    assert "paragraph 1: '03/04/2025'" in warnings[0] and "dated 4 March 2025" in warnings[0]
    assert "paragraph 2: 'Thursday, 8 January 2025'" in warnings[1]
    assert "dated 8 January 2025" in warnings[1]
    strict = run_cli("make", "--sources", str(sources), "--out", str(tmp_path / "out"),
                     "--format", "docx", "--kind", "briefing", "--strict")
    assert strict.returncode == 1, strict.stderr
