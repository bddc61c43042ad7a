"""Plain-text reader, and the line-based paragraph/heading parser shared with Markdown."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from briefing.model import Block
from briefing.sources.base import (
    Reader,
    build_source,
    clean_text,
    decode_bytes,
    leading_heading,
    normalize_space,
    register,
)
from briefing.sources.dates_meta import parse_dateline
from briefing.sources.word import TableRow, read_table

if TYPE_CHECKING:
    from pathlib import Path

    from briefing.model import Source

# A line ending with one of these closes its paragraph (quotes close a quoted sentence).
_TERMINAL = tuple(".!?:;…”\"’»)")
# A line ending with one of these cannot end a paragraph.
_DANGLING = tuple(",(–—-/&")
_QUOTES_OPEN = tuple("“\"‘'«„")
MAX_HEADING_CHARS = 80

_ATX = re.compile(r"^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-{2,})\s*$")
_RULE = re.compile(r"^ {0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_BULLET = re.compile(r"^\s*(?:[-*+•▪◦‣]|\d{1,3}[.)])\s+")
_QUOTE_MARK = re.compile(r"^\s*(?:>\s?)+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+")


def is_heading_line(text: str) -> bool:
    """Whether a lone line reads as a heading: short, no final punctuation, not a quote.

    "A Unified Front for a Secure Tomorrow" and "Supporting Ukraine’s defence" are headings;
    a long line of mostly lower-case words without final punctuation is wrapped prose.
    """
    text = text.strip()
    if not text or len(text) >= MAX_HEADING_CHARS:
        return False
    if text.endswith(_TERMINAL) or text.endswith(_DANGLING) or text.startswith(_QUOTES_OPEN):
        return False
    words = text.split()
    title_case = words[0][:1].isupper() or words[0][:1].isdigit()
    if len(words) < 2 and not title_case:
        return False
    return not _looks_like_prose(text)


def _looks_like_prose(text: str) -> bool:
    """A long line whose longer words are mostly lower case: a line of wrapped prose."""
    if len(text) < 60:
        return False
    long_words = [w for w in text.split() if len(w) > 3]
    capitalized = sum(1 for w in long_words if w[:1].isupper())
    return capitalized < 0.5 * len(long_words)


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` continues the paragraph ending with ``previous`` (soft-wrapped prose)."""
    previous = previous.rstrip()
    if previous.endswith(_TERMINAL) or parse_dateline(previous) is not None:
        return False  # a dateline ("Published 4 March 2025") stands alone
    if line[:1].islower() or previous.endswith(_DANGLING):
        return True
    return _looks_like_prose(previous)


_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_FOOTNOTE = re.compile(r"\[\^[^\]]+\]")
_AUTOLINK = re.compile(r"<((?:https?|ftp|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS_STAR = re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")
_EMPHASIS_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|~<])")


_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")
"""Where strip_inline_markdown set a piece of text aside (its number in the group)."""


def strip_inline_markdown(text: str) -> str:
    """Plain text from Markdown inline syntax: emphasis, links, images, code, tags, escapes."""
    protected: list[str] = []

    def protect(value: str) -> str:
        protected.append(value)
        return f"\ue000{len(protected) - 1}\ue001"

    if "\ue000" in text:  # the placeholders' own mark, in the text itself: kept as text
        text = text.replace("\ue000", protect("\ue000"))
    # Each pattern needs a character of its own; most paragraphs have none of them.
    if "\\" in text:
        text = _ESCAPE.sub(lambda m: protect(m[1]), text)
    if "`" in text:
        text = _CODE_SPAN.sub(lambda m: protect(m[2].strip()), text)
    if "[" in text:
        text = _IMAGE.sub(r"\1", text)
        text = _LINK.sub(r"\1", text)
        text = _REF_LINK.sub(r"\1", text)
        text = _FOOTNOTE.sub("", text)
    if "<" in text:
        text = _AUTOLINK.sub(lambda m: protect(m[1]), text)
        text = _TAG.sub("", text)
    for _ in range(2):  # nested emphasis: ***both*** or **bold _and italic_**
        star, underscore = "*" in text, "_" in text
        if star or underscore:
            text = _STRONG.sub(r"\2", text)
        if star:
            text = _EMPHASIS_STAR.sub(r"\1", text)
        if underscore:
            text = _EMPHASIS_UNDERSCORE.sub(r"\1", text)
        if "~" in text:
            text = _STRIKE.sub(r"\1", text)
    if not protected:
        return html.unescape(text)
    # Entities are decoded around the placeholders, never into one ("&#xe000;0&#xe001;")
    parts = _PLACEHOLDER.split(text)
    return "".join(protected[int(part)] if i % 2 else html.unescape(part)
                   for i, part in enumerate(parts))


@dataclass
class ParsedText:
    """Blocks of a text body, with the headings that were marked as such (``#``, underline)."""

    blocks: tuple[Block, ...]
    marked_headings: list[str] = field(default_factory=list)


def squash_space(text: str) -> str:
    """``normalize_space`` for a text already through ``clean_text``: collapse whitespace.

    ``clean_text`` is idempotent and what it removes or rewrites cannot appear again by
    splitting, joining or removing substrings, so on such a text both give the same string
    (tests/test_reader_speed_invariants.py).
    """
    return " ".join(text.split())


class _BlockBuilder:
    """Collects (text, heading) pairs from the lines of a text through ``clean_text``.

    Every text it keeps is normalized as ``normalize_space`` would: its pieces come from the
    cleaned text, and ``strip_inline_markdown`` can only add characters that ``clean_text``
    acts on by unescaping HTML references ("&#12;"), so a Markdown text holding a "&" is
    cleaned again.
    """

    def __init__(self, markdown: bool) -> None:
        self.markdown = markdown
        self.items: list[tuple[str, bool]] = []
        self.marked: list[str] = []
        self.lines: list[str] = []
        self.list_item = False

    def normalized(self, text: str) -> str:
        """``normalize_space(self.inline(text))`` for a piece of the cleaned text."""
        if not self.markdown:
            return squash_space(text)
        if "&" in text:
            return normalize_space(strip_inline_markdown(text))
        return squash_space(strip_inline_markdown(text))

    def flush(self) -> None:
        lines = self.lines
        if lines:
            text = self.normalized(lines[0] if len(lines) == 1 else " ".join(lines))
            heading = len(lines) == 1 and not self.list_item and is_heading_line(text)
            self.items.append((text, heading))
            self.lines = []
        self.list_item = False

    def heading(self, text: str) -> None:
        self.flush()
        text = self.normalized(text)
        if text:
            self.items.append((text, True))
            self.marked.append(text)

    def block(self, text: str) -> None:
        self.flush()
        self.items.append((self.normalized(text), False))

    def table(self, rows: list[TableRow]) -> None:
        """A Markdown table: each row one statement ("8 January 2025: The minister announced
        the plan."), its header row a heading (never the title), as Word and HTML tables read
        (`read_table`); a table of one row or column, or of prose, a block per row."""
        read = read_table(rows)
        for index, row in enumerate(rows):
            item = read[index] if read is not None else None
            if item is None:
                self.block(" | ".join(row.filled))
            elif item[1]:
                self.flush()
                self.items.append((self.normalized(item[0]), True))
            else:
                self.block(item[0])

    def line(self, text: str, *, list_item: bool = False) -> None:
        if list_item or not self.lines or not _continues(self.lines[-1], text):
            self.flush()
            self.list_item = list_item
        self.lines.append(text)

    def blocks(self) -> tuple[Block, ...]:
        """``make_blocks(self.items)``: the texts are already normalized, empty ones dropped."""
        return tuple(Block(text, heading) for text, heading in self.items if text)


# The first character of every line that the Markdown and structure patterns of `parse_text`
# can match (after the spaces `str.strip` removes, which are those `\s` matches), a decimal
# digit aside (`_BULLET`'s `\d`): any other line is a line of text. Worked out from the
# patterns themselves in tests/test_reader_speed_invariants.py.
_MARKUP_FIRST = frozenset("<`~#=-*_[|>+•▪◦‣:")


def _table_cells(line: str) -> tuple[str, ...]:
    """The cells of a line of a Markdown table, outer pipes or not: "| a | b |", "a | b"."""
    return tuple(cell.strip() for cell in line.strip("|").split("|"))


def parse_text(text: str, *, markdown: bool) -> ParsedText:
    """Split a text body into paragraph and heading blocks, in reading order.

    Paragraphs are separated by blank lines, and each line is also its own paragraph unless it
    is soft-wrapped prose (see ``_continues``): news copy pasted from the web often has one
    paragraph per line with short unpunctuated headings between them. Markdown syntax (``#``
    and underlined headings, lists, quotes, fences, tables, inline markup) is reduced to text;
    plain text keeps its inline characters but has its structure read the same way.
    """
    builder = _BlockBuilder(markdown)
    fence: str | None = None
    fenced: list[str] = []
    in_comment = False
    table: list[TableRow] = []  # the rows of a Markdown table being read
    for raw in clean_text(text).split("\n"):
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
                    table.append(TableRow(_table_cells(line)))
                elif len(table) == 1:  # the rule under a table's first row: its header
                    table[0] = TableRow(table[0].cells, header=True)
                continue
            builder.table(table)
            table = []
        if markdown and in_comment:
            in_comment = "-->" not in line
            continue
        if not line:
            builder.flush()
            continue
        first = line[0]
        if first not in _MARKUP_FIRST and not first.isdecimal():
            builder.line(line)  # prose: no pattern below can match (the common case)
            continue
        if markdown and line.startswith("<!--"):
            in_comment = "-->" not in line
            continue
        if markdown and (match := _FENCE.match(raw)):
            builder.flush()
            fence = match[1]
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
                and len(_table_cells(line)) == len(_table_cells(builder.lines[-1])):
            # "Event | Date" over "--- | ---": a table without outer pipes, and its header
            header = _table_cells(builder.lines.pop())
            builder.flush()
            table = [TableRow(header, header=True)]
            continue
        if markdown and line.startswith("|"):
            if not _TABLE_RULE.match(line):
                builder.flush()
                table.append(TableRow(_table_cells(line)))
            elif len(table) == 1:  # the rule under a table's first row: its header
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
    return ParsedText(builder.blocks(), builder.marked)


@register
class TextReader(Reader):
    """Plain text: decoded whatever its encoding; title from a first line that is a heading."""

    file_extensions = (".txt", ".text")

    def parse(self, data: bytes, path: Path) -> Source:
        parsed = parse_text(decode_bytes(data), markdown=False)
        return build_source(
            path, title=None, blocks=parsed.blocks,
            fallback_title=lambda: leading_heading(parsed.blocks),
        )
