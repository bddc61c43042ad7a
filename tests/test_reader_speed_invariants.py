"""The shortcuts that make the Markdown and text readers faster give exactly what the plain
route gives (benchmarks/reader_speed.py measures them). No timing is asserted here: only
equalities with the plain route, and that the premises of each shortcut hold:

* `_simple_front_matter` (briefing/sources/markdown.py): whenever it answers, it answers what
  python-frontmatter and the YAML library answer (`_split_with_yaml`, and the fields as both
  PyYAML and libyaml load them), on many generated headers with tricky keys and values;
* `has_control` (briefing/sources/base.py): it is `_CONTROL.search`, on every code point and
  on generated strings;
* `parse_text` (briefing/sources/plaintext.py): it reads texts exactly as the parser it
  replaced (kept below as `reference_parse_text`); a line whose first character is not in
  `_MARKUP_FIRST` nor a decimal digit is matched by none of its patterns (worked out from the
  patterns themselves); `str.strip` removes what `\\s` matches and `\\d` is `str.isdecimal`;
  `clean_text` is idempotent, so `squash_space` is `normalize_space` on a cleaned text; and
  `strip_inline_markdown` of a cleaned text without "&" needs no cleaning.
"""

from __future__ import annotations

import inspect
import random
import re
import sys
from pathlib import Path
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any

import pytest
import yaml

from briefing.model import Block
from briefing.sources import base, markdown, plaintext
from briefing.sources.base import clean_text, has_control, make_blocks, normalize_space
from briefing.sources.plaintext import (
    _ATX,
    _BULLET,
    _FENCE,
    _LINK_DEFINITION,
    _QUOTE_MARK,
    _RULE,
    _SETEXT,
    _TABLE_RULE,
    ParsedText,
    _continues,
    is_heading_line,
    parse_text,
    squash_space,
    strip_inline_markdown,
)
from briefing.sources.word import TableRow, read_table
from tests.conftest import ROOT

DATA = Path(__file__).resolve().parent / "data"
ALL_CHARACTERS = [chr(code) for code in range(sys.maxunicode + 1)]


# --- front matter ----------------------------------------------------------------------------

KEYS = ["title", "date", "publisher", "url", "lang", "note", "tags", "Title", "x-y", "_k", "k_2",
        "yes", "No", "on", "OFF", "true", "False", "null", "Null", "y", "n", "content",
        "handler", "self", "1", "é", "a b", "key:", "-k", "<<", "~", "date_published"]
VALUES = [
    # text
    "Talks in Paris", "O'Neil", "a:b", "a#b", "http://x.y/z?q=1#frag", "x # y", "a: b", "a:",
    "café", "日本語", "😀 emoji", "\u00a0nbsp", "x  y", "x\u3000y", "Wednesday, 8 January 2025",
    "8 January", "unknown", "n/a", "en-GB", "a,b", "[x", "x]", "x}", "a\\b", "a|b", "a>b",
    "a%b", "a@b", "a`b", "a!b", "a&b", "a*b", "...", ".x", "a'", 'a"', "x\u2028y", "x\x85y",
    "x\ufeffy", "x\x01y", "x\ty", "\u200bx", "\ue000", "\ud7ff\ufffd",
    # numbers, booleans, null
    "42", "-5", "+3", "0x1F", "0o17", "017", "1_000", "1:30", "190:20:30", "3.5", "1e5",
    "1.5e+3", ".5", ".inf", "-.Inf", ".NaN", "0b101", "yes", "No", "TRUE", "off", "on", "y",
    "n", "", "~", "null", "NULL", "Null",
    # dates
    "2025-01-08", "2025-02-30", "2025-1-8", "2025-01-08T10:30:00Z", "2025-01-08 10:30:00 +02:00",
    "2025-01-08t10:30:00.5", "2025-01-08T10:30", "2025-13-01", "0000-01-01", "2025-01", "2025",
    "08/01/2025",
    # YAML syntax
    "[a, b]", "{a: 1}", "- a", "&a x", "*a", "!x", "!!str 1", "|", ">", "%x", "@x", "`x`",
    "?", "? x", "-", "-x", ":x", "<<", "=", ",a", "#c", "'", '"',
]
QUOTED_INSIDE = ["", "x", "Quoted: with colon", "a # b", "it''s", "it's", 'say "hi"', "\\n",
                 '\\"', "2025-01-08", "yes", "42", "~", " lead", "trail ", "é 日本", "[a]",
                 "{b}", "- x", "x\ty"]
ODD_ALPHABET = "ab :#'\"\\-?,[]{}&*!|>%@`~=<.01 é\u00a0\t\u2028😀"


def _value(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.5:
        return rng.choice(VALUES)
    if kind < 0.65:
        return '"' + rng.choice(QUOTED_INSIDE) + '"'
    if kind < 0.8:
        return "'" + rng.choice(QUOTED_INSIDE) + "'"
    return "".join(rng.choices(ODD_ALPHABET, k=rng.randint(1, 8)))


def _header_line(rng: random.Random, tidy: bool) -> str:
    if tidy:  # "key: value", the value anything a key may hold (the shortcut reads most)
        return rng.choice(KEYS[:11]) + rng.choice((": ", ": ", ":  ")) + _value(rng) \
            + rng.choice(("", "", "", " "))
    if rng.random() < 0.8:  # the same shape with one of its variants now and then
        key = rng.choice(KEYS[:11]) if rng.random() < 0.8 else rng.choice(KEYS)
        return key + rng.choice((": ", ": ", ": ", ":  ", ":")) + _value(rng) \
            + rng.choice(("", "", "", "", " ", "  ", "\t", " # c", "#c"))
    return rng.choice(("", "", " ", "# comment", "  - a", "- a", "  more", "key :value",
                       " title: x", "title:value", "title:\tx", "title:", "...", "%YAML 1.1",
                       "---x", "title: |", "  x", "? k", "[a]: b", "title: x: y"))


def generated_front_matter(rng: random.Random) -> str:
    tidy = rng.random() < 0.6
    lines = [rng.choice(("---", "---", "---", "----", "--- ", "---\t"))]
    count = rng.randint(1, 4) if tidy else rng.randint(0, 7)
    lines += [_header_line(rng, tidy) for _ in range(count)]
    lines.append(rng.choice(("---", "---", "---", "-----", "--- ", "...")))
    lines.append(rng.choice(("", "Body text.", "# Heading\n\nBody.", "---\nafter a rule")))
    text = rng.choice(("\n", "\n", "\n", "\r\n")).join(lines)
    return rng.choice(("", "", "", "\n", "  \n", "\ufeff")) + text


def typed(fields: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Fields with their values' types: 1, 1.0 and True are equal, but not the same value."""
    return [(key, type(value).__name__, repr(value)) for key, value in fields.items()]


def test_simple_front_matter_agrees_with_the_yaml_library() -> None:
    rng = random.Random(20250108)
    answered = 0
    cases = 40_000
    for _ in range(cases):
        text = generated_front_matter(rng)
        simple = markdown._simple_front_matter(text)
        if simple is None:
            continue
        answered += 1
        fields, body = simple
        try:
            expected_fields, expected_body = markdown._split_with_yaml(text)
        except Exception as error:  # (the YAML route refusing is a difference)
            pytest.fail(f"{text!r}: read as {fields!r}, the YAML route raises {error!r}")
        assert (typed(fields), body) == (typed(expected_fields), expected_body), text
        header = markdown._BOUNDARY.split(text.replace("\r\n", "\n").strip(), 2)[1]
        for loader in (markdown._FrontMatterLoader, markdown._FastLoader):
            if loader is not None:
                assert typed(yaml.load(header, Loader=loader)) == typed(fields), (text, loader)
    assert answered > cases // 8  # the generator reaches the shortcut often enough to test it


@pytest.mark.parametrize("text", [
    "---\ntitle: Talks\ndate: 2025-01-08\n---\nBody",
    '---\ntitle: "Blinken in Paris: talks"\npublisher: THX News\ndate: 2025-01\nlang: en\n---\n',
    "---\r\ntitle: 'It''s here'\r\nurl: http://x.y/a#b\r\n---\r\n\r\nBody\r\n",
    "---\ntitle: x\ntitle: y\nn: 3\nempty:\n---\nBody",
])
def test_simple_front_matter_reads_the_common_shapes(text: str) -> None:
    simple = markdown._simple_front_matter(text)
    assert simple is not None
    assert typed(simple[0]) == typed(markdown._split_with_yaml(text)[0])
    assert simple[1] == markdown._split_with_yaml(text)[1]


@pytest.mark.parametrize("text", [
    "---\ntrue: x\n---\nBody",  # a key that YAML reads as a boolean
    "---\ntitle: a: b\n---\nBody",  # malformed
    "---\ntitle: x # comment\n---\nBody",
    "---\ntitle:\tx\n---\nBody",
    "---\n  title: x\n---\nBody",
    "---\ntitle: \"a\\nb\"\n---\nBody",  # an escape
    "---\ntags: [a, b]\n---\nBody",
    "---\n---\nBody",  # no fields
    "No front matter.\n\n---\n\nA rule, then text.\n\n---\n\nAnother.",
    "---\ntitle: x\n",  # never closed
])
def test_simple_front_matter_leaves_the_rest_to_yaml(text: str) -> None:
    assert markdown._simple_front_matter(text) is None


# --- control characters ----------------------------------------------------------------------


def test_has_control_is_the_control_regex_on_every_code_point() -> None:
    differ = [c for c in ALL_CHARACTERS
              if has_control(c) != (base._CONTROL.search(c) is not None)]
    assert not differ, [hex(ord(c)) for c in differ[:20]]


def test_has_control_is_the_control_regex_on_generated_strings() -> None:
    rng = random.Random(7)
    alphabet = ("a", "é", "\u00a0", "\u2019", "\u201c", "\x85", "\x9f", "\xa0", "\u200b",
                "\u200c", "\ufeff", "\ufffd", "\ufffe", "\uffff", "\x00", "\x1f", "\x7f",
                "\t", "\n", "\r", "😀", "\ud800", "\u0100", "\u0080", "\u00c2", "\u008b")
    for _ in range(20_000):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 12)))
        assert has_control(text) == (base._CONTROL.search(text) is not None), repr(text)


def test_clean_text_of_a_long_text_is_the_plain_cleaning() -> None:
    filler = "Talks in Paris “quoted” — café. " * 80
    for odd in ("", "\x00", "\x0c", "\u200b", "\ufeff", "\x85", "\r\n", "\u2028", "\u2029"):
        text = filler + odd + filler
        assert len(text) > base._LONG_TEXT
        assert clean_text(text) == base._CONTROL.sub("", plain_newlines(text))


def plain_newlines(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2028", "\n").replace("\u2029", "\n\n")


# --- parse_text --------------------------------------------------------------------------------


class _ReferenceBuilder:
    """`_BlockBuilder` as it was before the shortcuts: every text normalized from scratch."""

    def __init__(self, markdown: bool) -> None:
        self.markdown = markdown
        self.items: list[tuple[str, bool]] = []
        self.marked: list[str] = []
        self.lines: list[str] = []
        self.list_item = False

    def inline(self, text: str) -> str:
        return strip_inline_markdown(text) if self.markdown else text

    def flush(self) -> None:
        if self.lines:
            text = normalize_space(self.inline(" ".join(self.lines)))
            heading = len(self.lines) == 1 and not self.list_item and is_heading_line(text)
            self.items.append((text, heading))
        self.lines = []
        self.list_item = False

    def heading(self, text: str) -> None:
        self.flush()
        text = normalize_space(self.inline(text))
        if text:
            self.items.append((text, True))
            self.marked.append(text)

    def block(self, text: str) -> None:
        self.flush()
        self.items.append((self.inline(text), False))

    def table(self, rows: list[TableRow]) -> None:
        read = read_table(rows)
        for index, row in enumerate(rows):
            item = read[index] if read is not None else None
            if item is None:
                self.block(" | ".join(row.filled))
            elif item[1]:
                self.flush()
                self.items.append((normalize_space(self.inline(item[0])), True))
            else:
                self.block(item[0])

    def line(self, text: str, *, list_item: bool = False) -> None:
        if list_item or not self.lines or not _continues(self.lines[-1], text):
            self.flush()
            self.list_item = list_item
        self.lines.append(text)


def reference_cells(line: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in line.strip("|").split("|"))


def reference_parse_text(text: str, *, markdown: bool) -> ParsedText:
    """`parse_text` as it was before the shortcuts: every pattern tried on every line."""
    builder = _ReferenceBuilder(markdown)
    fence: str | None = None
    fenced: list[str] = []
    in_comment = False
    table: list[TableRow] = []
    for raw in plain_clean(text).split("\n"):
        if fence is not None:
            if raw.strip().startswith(fence):
                builder.block(" ".join(fenced))
                fence, fenced = None, []
            else:
                fenced.append(raw)
            continue
        line = raw.strip()
        if table:
            # a row goes on while lines hold a "|" (a table needs no outer pipes), and no
            # other block opens
            if "|" in line and (line.startswith("|") or (
                    line[0] not in "#>`~<" and not _BULLET.match(line))):
                if not _TABLE_RULE.match(line):
                    table.append(TableRow(reference_cells(line)))
                elif len(table) == 1:  # the rule under a table's first row: its header
                    table[0] = TableRow(table[0].cells, header=True)
                continue
            builder.table(table)
            table = []
        if markdown and in_comment:
            in_comment = "-->" not in line
            continue
        if markdown and line.startswith("<!--"):
            in_comment = "-->" not in line
            continue
        if markdown and (match := _FENCE.match(raw)):
            builder.flush()
            fence = match[1]
            continue
        if not line:
            builder.flush()
            continue
        if (match := _ATX.match(raw)) and (markdown or match[2]):
            builder.heading(match[2] or "")
            continue
        if _SETEXT.match(raw) and builder.lines and not builder.list_item:
            heading_text = " ".join(builder.lines)
            builder.lines = []
            builder.heading(heading_text)
            continue
        if _RULE.match(raw):
            builder.flush()
            continue
        if markdown and _LINK_DEFINITION.match(raw):
            continue
        if markdown and "|" in line and builder.lines and not builder.list_item \
                and "|" in builder.lines[-1] and _TABLE_RULE.match(line) \
                and len(reference_cells(line)) == len(reference_cells(builder.lines[-1])):
            # "Event | Date" over "--- | ---": a table without outer pipes, and its header
            header = reference_cells(builder.lines.pop())
            builder.flush()
            table = [TableRow(header, header=True)]
            continue
        if markdown and line.startswith("|"):
            if not _TABLE_RULE.match(line):
                builder.flush()
                table.append(TableRow(reference_cells(line)))
            elif len(table) == 1:
                table[0] = TableRow(table[0].cells, header=True)
            continue
        if markdown and (match := _QUOTE_MARK.match(raw)):
            line = raw[match.end():].strip()
            if not line:
                builder.flush()
                continue
        if match := _BULLET.match(line):
            builder.line(line[match.end():], list_item=True)
            continue
        builder.line(line)
    if table:
        builder.table(table)
    if fenced:
        builder.block(" ".join(fenced))
    builder.flush()
    return ParsedText(make_blocks(builder.items), builder.marked)


def plain_clean(text: str) -> str:
    return base._CONTROL.sub("", plain_newlines(text))


LINE_STARTS = ("", "", "", "", "", "# ", "## ", "### x ", "#", "####### ", "  # ", "    # ", "> ",
               ">> ", "> > ", ">", "- ", "* ", "+ ", "• ", "▪ ", "1. ", "12) ", "1234. ", "٣. ",
               "---", "***", "___", "- - -", "===", "--", "```", "~~~", "````", "<!-- ", "-->",
               "[a]: http://x", "[a]:", "| a | b |", "|---|---|", "\t", " ", "   ", "\u00a0",
               "\u3000", "\x1c", "\x85", "Published ", "Updated: ", "2025 ", "“", "(", "«")
WORDS = ("Paris", "talks", "the", "minister", "said", "Ukraine’s", "café", "2025", "8", "—",
         "“quoted”", "a:b", "#tag", "O'Neil", "[link](http://x.y/(a))", "**bold**", "_it_",
         "`code`", "<b>tag</b>", "&amp;", "&#12;", "&#x200b;", "&#13;", "&#x2028;", "&nbsp;",
         "&ZeroWidthSpace;", "\\*", "~~gone~~", "[^1]", "![img](a.png)", "<https://a.b>",
         "\u00a0", "\t", "  ", "日本", "😀", "\x0c", "\x85", "\u2028", "\u200b", "\ufeff", "\x00",
         "-", "|", "-->", "<!--", "Published 8 January 2025", "PARIS, 8 January 2025 —",
         "\ue0000\ue001", "and", "in", "of")


def generated_text(rng: random.Random) -> str:
    lines = []
    for _ in range(rng.randint(1, 30)):
        words = rng.choices(WORDS, k=rng.randint(0, 12))
        lines.append(rng.choice(LINE_STARTS) + " ".join(words)
                     + rng.choice(("", "", ".", ".", ":", ",", " ", "  #", " --", "\t", "\r")))
    return rng.choice(("\n", "\n", "\n\n", "\r\n", "\u2029")).join(lines)


def parse_or_error(parse: Any, text: str, markdown: bool) -> object:
    try:
        return parse(text, markdown=markdown)
    except Exception as error:  # (the same error is the same result)
        return type(error)


@pytest.mark.parametrize("markdown", [True, False])
def test_parse_text_reads_generated_texts_as_the_reference(markdown: bool) -> None:
    rng = random.Random(11 + markdown)
    for _ in range(1_200):
        text = generated_text(rng)
        expected = parse_or_error(reference_parse_text, text, markdown)
        assert parse_or_error(parse_text, text, markdown) == expected, repr(text)


def real_texts() -> list[str]:
    paths = [*sorted(DATA.rglob("*.md")), *sorted(DATA.rglob("*.txt")),
             *sorted((ROOT / "sources").glob("*"))]
    return [base.decode_bytes(path.read_bytes()) for path in paths
            if path.is_file() and path.stat().st_size > 0 and path.name != "binary.txt"]


@pytest.mark.parametrize("markdown", [True, False])
def test_parse_text_reads_real_texts_as_the_reference(markdown: bool) -> None:
    for text in real_texts():
        assert parse_text(text, markdown=markdown) == \
            reference_parse_text(text, markdown=markdown)


def _is_space(item: tuple[Any, Any]) -> bool:
    return item in ((sre.LITERAL, ord(" ")), (sre.IN, [(sre.CATEGORY, sre.CATEGORY_SPACE)]))


def first_characters(items: list[tuple[Any, Any]]) -> set[str]:
    """What a match of a parsed pattern can start with once its whitespace is skipped: single
    characters, and "\\d" for any decimal digit. Fails on a construct it does not know."""
    found: set[str] = set()
    for op, av in items:
        if op is sre.AT:
            continue
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            low, _, body = av
            if all(_is_space(item) for item in body):
                continue  # whitespace: what str.strip removes
            found |= first_characters(list(body))
            if low == 0:
                continue  # optional: what follows may start the match
            return found
        if op is sre.SUBPATTERN:
            return found | first_characters(list(av[3]))
        if op is sre.BRANCH:
            for branch in av[1]:
                found |= first_characters(list(branch))
            return found
        if op is sre.LITERAL:
            return found | {chr(av)}
        if op is sre.IN:
            for kind, value in av:
                if kind is sre.LITERAL:
                    found.add(chr(value))
                elif kind is sre.RANGE:
                    found.update(chr(code) for code in range(value[0], value[1] + 1))
                elif (kind, value) == (sre.CATEGORY, sre.CATEGORY_DIGIT):
                    found.add("\\d")
                else:
                    raise AssertionError(f"unknown set item {kind} {value}")
            return found
        raise AssertionError(f"unknown construct {op}")
    raise AssertionError("the pattern matches an empty or blank line")


def test_every_pattern_of_parse_text_starts_with_a_markup_character() -> None:
    source = inspect.getsource(parse_text)
    names = set(re.findall(r"\b(_[A-Z_]+)\.match\(", source)) - {"_TABLE_RULE"}
    # (_TABLE_RULE is only tried on lines that start with "|")
    assert names == {"_FENCE", "_ATX", "_SETEXT", "_RULE", "_LINK_DEFINITION", "_QUOTE_MARK",
                     "_BULLET"}
    allowed = plaintext._MARKUP_FIRST | {"\\d"}
    for name in names:
        pattern = getattr(plaintext, name)
        first = first_characters(list(sre_parse.parse(pattern.pattern, pattern.flags)))
        assert first <= allowed, (name, first - allowed)
    for literal in re.findall(r"line\.startswith\(\"(.+?)\"\)", source):
        assert literal[0] in plaintext._MARKUP_FIRST, literal


def test_strip_removes_what_backslash_s_matches_and_backslash_d_is_isdecimal() -> None:
    space, digit = re.compile(r"\s"), re.compile(r"\d")
    assert [c for c in ALL_CHARACTERS if (space.match(c) is not None) != c.isspace()] == []
    assert [c for c in ALL_CHARACTERS if (digit.match(c) is not None) != c.isdecimal()] == []
    assert [c for c in ALL_CHARACTERS if c.isspace() and (c + "x").strip() != "x"] == []


def test_clean_text_is_idempotent_so_squash_space_is_normalize_space() -> None:
    rng = random.Random(3)
    for _ in range(5_000):
        text = generated_text(rng)
        cleaned = clean_text(text)
        assert clean_text(cleaned) == cleaned, repr(text)
        assert squash_space(cleaned) == normalize_space(cleaned), repr(text)


def test_inline_markdown_needs_cleaning_again_only_with_an_ampersand() -> None:
    rng = random.Random(5)
    for _ in range(5_000):
        cleaned = clean_text(generated_text(rng)).replace("&", "").replace("\ue000", "")
        stripped = strip_inline_markdown(cleaned)  # ("\ue000" marks its own placeholders)
        assert clean_text(stripped) == stripped, repr(cleaned)


def test_the_builder_keeps_only_normalized_texts() -> None:
    rng = random.Random(9)
    for _ in range(300):
        for markdown_mode in (True, False):
            text = generated_text(rng).replace("\ue000", "")  # (see above)
            blocks = parse_text(text, markdown=markdown_mode).blocks
            assert blocks == make_blocks((block.text, block.heading) for block in blocks)
            assert all(isinstance(block, Block) and block.text for block in blocks)
