"""Word links to thousands of URLs: each link's relationship is its own URL's, made once per
URL (python-docx's `relate_to` walks every relationship for each new one: 3 s for 4,000
links, minutes for a timeline of 10,000 events each citing its own article)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml.ns import qn

from briefing.pipeline import load_chronology
from briefing.render.docx import _link, render_timeline_docx
from briefing.views import build_timeline


def test_each_link_has_its_urls_relationship_once(monkeypatch: pytest.MonkeyPatch) -> None:
    document = Document()
    paragraph = document.add_paragraph("x")
    document.part.relate_to("https://example.org/7", RT.HYPERLINK, is_external=True)
    urls = [f"https://example.org/{i % 1500}" for i in range(3000)]

    def walks_every_relationship(*args: object, **kwargs: object) -> str:
        raise AssertionError("relate_to walks every relationship for each link: quadratic")

    monkeypatch.setattr(Part, "relate_to", walks_every_relationship)
    for url in urls:
        _link(paragraph, "a", url=url)
    rels = document.part.rels
    targets = [rels[link.get(qn("r:id"))].target_ref
               for link in paragraph._p.iter(qn("w:hyperlink"))]
    assert targets == urls
    external = [r for r in rels.values() if r.is_external and r.reltype == RT.HYPERLINK]
    assert len(external) == 1500  # the one made before (example.org/7) is reused
    assert len({r.rId for r in rels.values()}) == len(rels)


def test_a_timeline_of_rows_each_citing_its_article(tmp_path: Path) -> None:
    rows = ["date,summary,publisher,url"] + [
        f"2024-{i % 12 + 1:02}-{i % 28 + 1:02},Event {i} happened.,Outlet {i % 7},"
        f"https://news.example.org/{i}" for i in range(2000)]
    (tmp_path / "list.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    view = build_timeline(load_chronology(tmp_path), "T", "x")
    data = render_timeline_docx(view, created=datetime(2025, 1, 1, tzinfo=UTC))
    document = Document(io.BytesIO(data))
    rels = document.part.rels
    linked = {}
    for paragraph in document.paragraphs:
        for link in paragraph._p.iter(qn("w:hyperlink")):
            if link.get(qn("r:id")):
                linked[paragraph.text.split(" ")[1]] = rels[link.get(qn("r:id"))].target_ref
    assert len(linked) == 2000
    assert all(url == f"https://news.example.org/{n}" for n, url in linked.items())
