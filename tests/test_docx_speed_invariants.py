"""The Word renderer's fast paragraph builder (briefing/render/docx.py `_add`,
`_keep_with_next`, cached style ids) writes exactly the XML python-docx's own calls write, so
the speed-up cannot change a document. Speed itself: benchmarks/docx_timeline.py."""

from __future__ import annotations

import docx
import pytest
from lxml import etree

from briefing.render import docx as render

TEXTS = ["", "plain", " leading", "trailing ", "tab\there", "line\nbreak\r\nand\rmore", "\t",
         "bad \x00\x0b char", "“quotes” — and ünïcode"]
STYLES = ["Normal", "Event", "Event Detail", "Heading 1", "Caption", "TOC 2", "List Bullet"]


def _xml(element) -> bytes:  # type: ignore[no-untyped-def]
    return etree.tostring(element)


@pytest.mark.parametrize("house", [True, False], ids=["house-style", "bare-reference"])
def test_add_writes_what_python_docx_writes(house: bool) -> None:
    fast, slow = docx.Document(), docx.Document()
    if house:
        for document in (fast, slow):
            render._house_style(document, render._TIMELINE_LOOKS, "A4",
                                render.TIMELINE_MARGINS_MM)
    for style in STYLES:
        for text in TEXTS:
            mine = render._add(fast, text, style)
            theirs = slow.add_paragraph(render.clean(text), style=render._style(slow, style))
            assert _xml(mine._p) == _xml(theirs._p), (style, text)
            if text == "plain":
                render._keep_with_next(mine)
                theirs.paragraph_format.keep_with_next = True
                assert _xml(mine._p) == _xml(theirs._p), style
    assert _xml(fast.element) == _xml(slow.element)
    assert _xml(fast.styles.element) == _xml(slow.styles.element)  # styles made alike
