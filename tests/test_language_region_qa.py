"""A source's language keeps its region, so that numeric dates are read in its order: a
British page's 9/1/2025 is 9 January (it was read 1 September: the region was cut off before
the date parser saw it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.pipeline import load_chronology
from briefing.sources.base import language_tag

PAGE = """<!doctype html><html lang="{lang}"><head><title>Resignation</title>
<meta property="article:published_time" content="2025-02-10"></head><body><article>
<h1>Resignation</h1><p>The government fell after a long crisis over the budget.</p>
<table><tr><th>Date</th><th>Event</th></tr>
<tr><td>9/1/2025</td><td>Macron accepted the resignation of the prime minister.</td></tr>
<tr><td>3/2/2025</td><td>A new cabinet was named.</td></tr></table></article></body></html>
"""


@pytest.mark.parametrize(("value", "tag"), [
    ("en-GB", "en-GB"), ("en_gb", "en-GB"), ("EN", "en"), ("pt_BR", "pt-BR"),
    ("zh-Hans-CN", "zh-CN"), ("es-419", "es-419"), (" de-AT ", "de-AT"), ("x", "en"),
    (None, "en"), (3, "en"),
])
def test_language_tags_keep_their_region(value: object, tag: str) -> None:
    assert language_tag(value) == tag


def _dates(folder: Path) -> dict[str, str]:
    return {e.summary: e.date.value for e in load_chronology(folder).events}


def test_a_british_page_reads_day_first(tmp_path: Path) -> None:
    (tmp_path / "page.html").write_text(PAGE.format(lang="en-GB"), encoding="utf-8")
    dates = _dates(tmp_path)
    assert dates["Macron accepted the resignation of the prime minister."] == "2025-01-09"
    assert dates["A new cabinet was named."] == "2025-02-03"


def test_markdown_and_word_keep_the_region(tmp_path: Path) -> None:
    (tmp_path / "note.md").write_text("---\ntitle: Note\ndate: 2025-02-10\nlang: en-GB\n---\n\n"
                                      "On 9/1/2025 the minister resigned.\n", encoding="utf-8")
    from docx import Document

    document = Document()
    document.core_properties.language = "en-GB"
    document.core_properties.created = __import__("datetime").datetime(2025, 2, 10)
    document.add_paragraph("On 3/2/2025 the cabinet was named.")
    document.save(str(tmp_path / "memo.docx"))
    chronology = load_chronology(tmp_path)
    assert {s.name: s.lang for s in chronology.sources} == {"memo.docx": "en-GB",
                                                            "note.md": "en-GB"}
    dates = {e.sentence: e.date.value for e in chronology.events}
    assert dates["On 9/1/2025 the minister resigned."] == "2025-01-09"
    assert dates["On 3/2/2025 the cabinet was named."] == "2025-02-03"
