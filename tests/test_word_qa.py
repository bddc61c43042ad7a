"""Text Word shows that python-docx's `paragraph.text` misses (QA reports on the Word reader):
tracked changes, content controls, fields, smart tags, hyperlinks inside them and text boxes.

Each document is made with python-docx, the OOXML under test put into its body as written
below (the namespace declarations are added by `_element`)."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.parts.document import DocumentPart

from briefing.model import Block
from briefing.sources import read_source

NAMESPACES = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}.items())
CHANGE = 'w:author="QA" w:date="2025-02-01T00:00:00Z"'


def _element(xml: str):  # type: ignore[no-untyped-def]
    """An lxml element from OOXML written with the usual prefixes (w:, mc:, wp:, a:, wps:, v:)."""
    return parse_xml(re.sub(r"^<([\w:]+)", rf"<\1 {NAMESPACES}", xml.strip()))


def make_docx(tmp_path: Path, *body: str) -> Path:
    """A .docx whose body is these elements, in this order."""
    document = docx.Document()
    section = document.element.body.find(qn("w:sectPr"))
    for xml in body:
        section.addprevious(_element(xml))
    path = tmp_path / "qa.docx"
    document.save(str(path))
    return path


def r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def p(*content: str, style: str | None = None) -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{properties}{''.join(content)}</w:p>"


def texts(path: Path) -> list[str]:
    return [block.text for block in read_source(path).blocks]


def blocks(path: Path) -> list[Block]:
    return list(read_source(path).blocks)


# --- tracked changes: read as Word shows them with the changes accepted --------------------


def test_tracked_change_reads_the_insertion_not_the_deletion(tmp_path: Path) -> None:
    path = make_docx(tmp_path, p(
        r("The board approved the merger on "),
        f'<w:del w:id="1" {CHANGE}><w:r><w:delText>3 January 2025</w:delText></w:r></w:del>',
        f'<w:ins w:id="2" {CHANGE}>{r("5 January 2025")}</w:ins>',
        r("."),
    ))
    assert texts(path) == ["The board approved the merger on 5 January 2025."]


def test_paragraph_wholly_inserted_is_read_and_wholly_deleted_is_not(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path,
        p(r("Before.")),
        p(f'<w:ins w:id="3" {CHANGE}>{r("On 20 January 2025 the regulator opened an inquiry.")}'
          "</w:ins>"),
        p(f'<w:del w:id="4" {CHANGE}><w:r><w:delText>On 21 January 2025 nothing happened.'
          "</w:delText></w:r></w:del>"),
        p(r("After.")),
    )
    assert texts(path) == [
        "Before.", "On 20 January 2025 the regulator opened an inquiry.", "After.",
    ]


def test_tracked_move_reads_the_text_where_it_was_moved_to(tmp_path: Path) -> None:
    moved = "On 3 February 2025 the talks resumed."
    path = make_docx(
        tmp_path,
        p(r("First paragraph."),
          f'<w:moveFrom w:id="5" {CHANGE}>{r(" " + moved)}</w:moveFrom>'),
        p(r("Second paragraph. "), f'<w:moveTo w:id="6" {CHANGE}>{r(moved)}</w:moveTo>'),
    )
    assert texts(path) == ["First paragraph.", f"Second paragraph. {moved}"]


def test_table_row_deleted_with_tracked_changes_is_left_out(tmp_path: Path) -> None:
    def row(text: str, deleted: bool = False) -> str:
        mark = f'<w:trPr><w:del w:id="7" {CHANGE}/></w:trPr>' if deleted else ""
        return f"<w:tr>{mark}<w:tc>{p(r(text))}</w:tc></w:tr>"

    path = make_docx(tmp_path, "<w:tbl><w:tblGrid><w:gridCol/></w:tblGrid>"
                     + row("Kept row.") + row("Deleted row.", deleted=True) + "</w:tbl>")
    assert texts(path) == ["Kept row."]


# --- content controls --------------------------------------------------------------------------


def test_block_content_control_is_read_in_body_order(tmp_path: Path) -> None:
    table = ("<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>"
             f"<w:tc>{p(r('Cell one.'))}</w:tc><w:tc>{p(r('Cell two.'))}</w:tc></w:tr></w:tbl>")
    path = make_docx(
        tmp_path,
        p(r("Intro paragraph with no date.")),
        '<w:sdt><w:sdtPr><w:alias w:val="Summary"/></w:sdtPr><w:sdtContent>'
        + p(r("Report"), style="Heading1")
        + p(r("On 5 April 2025 the agency published its report."))
        + table + "</w:sdtContent></w:sdt>",
        p(r("Closing paragraph.")),
    )
    assert [(block.text, block.heading) for block in blocks(path)] == [
        ("Intro paragraph with no date.", False),
        ("Report", True),
        ("On 5 April 2025 the agency published its report.", False),
        ("Cell one.", False),
        ("Cell two.", False),
        ("Closing paragraph.", False),
    ]


def test_inline_content_control_is_read_in_its_paragraph(tmp_path: Path) -> None:
    path = make_docx(tmp_path, p(
        r("Inline control: "),
        "<w:sdt><w:sdtPr/><w:sdtContent>"
        + r("the treaty was signed on 6 April 2025") + "</w:sdtContent></w:sdt>",
        r("."),
    ))
    assert texts(path) == ["Inline control: the treaty was signed on 6 April 2025."]


def test_content_control_showing_its_placeholder_is_not_read(tmp_path: Path) -> None:
    path = make_docx(tmp_path, p(
        r("Signed on "),
        "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent>"
        + r("Click or tap to enter a date.") + "</w:sdtContent></w:sdt>",
    ))
    assert texts(path) == ["Signed on"]


def test_table_rows_and_cells_in_content_controls_are_read(tmp_path: Path) -> None:
    def cell(text: str) -> str:
        return f"<w:tc>{p(r(text))}</w:tc>"

    path = make_docx(
        tmp_path,
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid>"
        f"<w:tr>{cell('Date')}{cell('Event')}</w:tr>"
        # a repeating section: rows in a content control; a cell in one
        "<w:sdt><w:sdtPr/><w:sdtContent>"
        f"<w:tr>{cell('7 April 2025')}{cell('Talks opened')}</w:tr>"
        f"<w:tr>{cell('8 April 2025')}<w:sdt><w:sdtPr/><w:sdtContent>{cell('Talks ended')}"
        "</w:sdtContent></w:sdt></w:tr>"
        "</w:sdtContent></w:sdt></w:tbl>",
    )
    # a row is one statement ("date: event"), the header row a heading
    assert texts(path) == [
        "Date | Event", "7 April 2025: Talks opened", "8 April 2025: Talks ended",
    ]


# --- fields: the result Word shows, never the instruction -------------------------------------


def test_simple_field_shows_its_result(tmp_path: Path) -> None:
    path = make_docx(tmp_path, p(
        r("Field: the memo dated "),
        '<w:fldSimple w:instr=" CREATEDATE \\@ &quot;d MMMM yyyy&quot; ">'
        + r("7 April 2025") + "</w:fldSimple>",
        r(" was leaked."),
    ))
    assert texts(path) == ["Field: the memo dated 7 April 2025 was leaked."]


def test_complex_field_shows_its_result_never_its_instruction(tmp_path: Path) -> None:
    def char(kind: str) -> str:
        return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'

    def instruction(text: str) -> str:
        return f'<w:r><w:instrText xml:space="preserve">{text}</w:instrText></w:r>'

    path = make_docx(tmp_path, p(
        r("The vote was "),
        # { IF { DOCPROPERTY Status } = "final" "held on 9 April 2025" "postponed" }: the
        # inner field's result ("final") is part of the outer field's instruction.
        char("begin"), instruction(" IF "),
        char("begin"), instruction(" DOCPROPERTY Status "), char("separate"), r("final"),
        char("end"),
        instruction(' = "final" "held on 9 April 2025" "postponed" '),
        char("separate"), r("held on 9 April 2025"), char("end"),
        r("."),
    ))
    assert texts(path) == ["The vote was held on 9 April 2025."]


# --- smart tags and hyperlinks ---------------------------------------------------------------


def test_smart_tag_text_is_read(tmp_path: Path) -> None:
    path = make_docx(tmp_path, p(
        '<w:smartTag w:uri="urn:x" w:element="date">' + r("On 8 April 2025")
        + '<w:smartTag w:uri="urn:x" w:element="place">' + r(" in Rome") + "</w:smartTag>"
        + "</w:smartTag>",
        r(" the talks resumed."),
    ))
    assert texts(path) == ["On 8 April 2025 in Rome the talks resumed."]


def test_hyperlink_text_is_read_wherever_the_link_is(tmp_path: Path) -> None:
    def link(text: str) -> str:
        return f'<w:hyperlink w:anchor="x">{r(text)}</w:hyperlink>'

    path = make_docx(tmp_path, p(
        link("The report"),
        f'<w:ins w:id="8" {CHANGE}>{link(" of 10 April 2025")}</w:ins>',
        "<w:sdt><w:sdtPr/><w:sdtContent>" + link(" was cited") + "</w:sdtContent></w:sdt>",
        '<w:smartTag w:uri="urn:x" w:element="place">' + link(" in Paris") + "</w:smartTag>",
        r("."),
    ))
    assert texts(path) == ["The report of 10 April 2025 was cited in Paris."]


# --- text boxes: their paragraphs after the paragraph that anchors them -----------------------


def _drawing_text_box(xml: str) -> str:
    return (
        "<w:drawing><wp:anchor><wp:extent cx='2000000' cy='500000'/><wp:docPr id='1' name='Box'/>"
        "<a:graphic><a:graphicData uri='http://schemas.microsoft.com/office/word/2010/"
        f"wordprocessingShape'><wps:wsp><wps:txbx><w:txbxContent>{xml}</w:txbxContent>"
        "</wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>"
    )


def _vml_text_box(xml: str) -> str:
    return (f"<w:pict><v:shape id='box' style='width:200pt;height:50pt'><v:textbox>"
            f"<w:txbxContent>{xml}</w:txbxContent></v:textbox></v:shape></w:pict>")


def test_text_box_is_read_once_after_its_anchor(tmp_path: Path) -> None:
    box = p(r("Sidebar: on 4 March 2025 the minister resigned.")) + p(r("Second line."))
    path = make_docx(
        tmp_path,
        p(r("Main body: the committee met on 2 March 2025."),
          # what Word writes: a DrawingML shape, and the same box in VML for older readers
          "<w:r><mc:AlternateContent><mc:Choice Requires='wps'>" + _drawing_text_box(box)
          + "</mc:Choice><mc:Fallback>" + _vml_text_box(box)
          + "</mc:Fallback></mc:AlternateContent></w:r>",
          r(" Anchor text goes on.")),
        p(r("Next paragraph.")),
    )
    assert texts(path) == [
        "Main body: the committee met on 2 March 2025. Anchor text goes on.",
        "Sidebar: on 4 March 2025 the minister resigned.",
        "Second line.",
        "Next paragraph.",
    ]


@pytest.mark.parametrize("shape", [_drawing_text_box, _vml_text_box], ids=["drawing", "vml"])
def test_text_box_alone_is_read(tmp_path: Path, shape) -> None:  # type: ignore[no-untyped-def]
    path = make_docx(
        tmp_path,
        p(r("Main body.")),
        p(f"<w:r>{shape(p(r('Sidebar: on 4 March 2025 the minister resigned.')))}</w:r>"),
    )
    assert texts(path) == ["Main body.", "Sidebar: on 4 March 2025 the minister resigned."]


# --- speed: a paragraph's style is looked up once per style, not once per paragraph ----------


def test_heading_styles_are_looked_up_once_per_style(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = docx.Document()
    for number in range(100):
        document.add_heading(f"Part {number}", level=1)
        document.add_paragraph(f"Paragraph {number}.")
        document.add_paragraph(f"Quote {number}.", style="Quote")
    path = tmp_path / "long.docx"
    document.save(str(path))
    lookups = []
    get_style = DocumentPart.get_style

    def counted(self, style_id, style_type):  # type: ignore[no-untyped-def]
        lookups.append(style_id)
        return get_style(self, style_id, style_type)

    monkeypatch.setattr(DocumentPart, "get_style", counted)
    found = blocks(path)
    assert len(found) == 300
    assert [block.text for block in found if block.heading] == [f"Part {n}" for n in range(100)]
    assert sorted(lookups, key=str) == sorted({"Heading1", None, "Quote"}, key=str)


# --- breaks ----------------------------------------------------------------------------------


def test_page_break_between_runs_separates_their_words(tmp_path: Path) -> None:
    path = make_docx(tmp_path, p(
        r("The session closed."), '<w:r><w:br w:type="page"/></w:r>', r("Voting began."),
        '<w:r><w:br w:type="column"/></w:r>', r("It ended."), "<w:r><w:br/></w:r>",
        r("Line two."),
    ))
    assert texts(path) == ["The session closed. Voting began. It ended. Line two."]
