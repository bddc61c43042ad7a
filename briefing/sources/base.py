"""The reader base class, the extension registry and helpers shared by every reader."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

import charset_normalizer

from briefing.model import Block, DateValue, Problem, Source
from briefing.sources.dates_meta import (
    CAPITAL,
    MAX_DATELINE_CHARS,
    WireDateline,
    is_dateline,
    split_wire_dateline,
    top_datelines,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable


class SourceError(Exception):
    """A reader refuses a file; the message says why and, where useful, what to do."""

    def __init__(self, message: str, *, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems: list[Problem] = list(problems)
        """For ``read_sources`` finding nothing readable: what went wrong with each file."""


class Reader:
    """Reads one kind of file into a ``Source``. Subclasses declare ``file_extensions``."""

    file_extensions: ClassVar[tuple[str, ...]] = ()
    """Extensions handled, lower case, with the dot: ``(".md", ".markdown")``."""
    date_label: ClassVar[str] = "metadata"
    """How messages name this reader's date field ("front-matter date ...")."""

    def read(self, path: Path) -> Source:
        """Read ``path``; raise ``SourceError`` if it cannot be read as a source."""
        try:
            data = path.read_bytes()
        except OSError as error:
            raise SourceError(f"cannot read file: {error.strerror or error}") from error
        if not data.strip():
            raise SourceError("no text found (the file is empty)")
        return replace(self.parse(data, path), digest=hashlib.sha256(data).hexdigest())

    def parse(self, data: bytes, path: Path) -> Source:
        """Turn the file's bytes into a Source."""
        raise NotImplementedError


READERS: dict[str, type[Reader]] = {}
"""The registry: extension (lower case, with the dot) → reader class."""


def register(cls: type[Reader]) -> type[Reader]:
    """Class decorator: register a reader for each of its ``file_extensions``."""
    for extension in cls.file_extensions:
        READERS[extension.lower()] = cls
    return cls


# --- text decoding and cleaning -------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Bytes Windows-1252 leaves undefined: text containing them is not cp1252.
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode a text file: BOM, then a declared charset, then UTF-8, then a guess.

    Raises SourceError when the result is mostly control characters (a binary file).

    The guess favours Windows-1252 whenever charset-normalizer only hesitates between
    Latin-script single-byte code pages: on short news text it often answers cp1250 or
    mac_latin2 for Western text, which turns "café – “quoted”" into mojibake.
    """
    text = _decode(data, declared)
    text_lf = text.replace("\r", "")
    controls = len(_CONTROL.findall(text_lf)) if has_control(text_lf) else 0
    if controls > max(8, len(text) // 20):
        raise SourceError("no text found (the file looks binary, not text)")
    return text


def _decode(data: bytes, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    sample = data[:4096]
    # UTF-16 without a BOM is valid UTF-8 full of NULs: recognise it by where the NULs fall.
    if len(sample) >= 4 and sample.count(0) > len(sample) // 4:
        half = len(sample) // 2
        if sample[1::2].count(0) > 0.8 * half:
            return data.decode("utf-16-le", errors="replace")
        if sample[0::2].count(0) > 0.8 * half:
            return data.decode("utf-16-be", errors="replace")
    if declared:
        try:
            return data.decode(_codec_name(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    cp1252_ok = not (_CP1252_UNDEFINED & set(data))
    if best is None:
        return data.decode("cp1252" if cp1252_ok else "utf-8", errors="replace")
    guessed = str(best)
    if cp1252_ok and _is_latin_script(guessed):
        return data.decode("cp1252")
    return guessed


def _codec_name(declared: str) -> str:
    name = codecs.lookup(declared.strip().strip("\"'")).name
    # As browsers do (WHATWG Encoding): a page labelled Latin-1 or ASCII is read as cp1252.
    return "cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name


def _is_latin_script(text: str) -> bool:
    letters = [c for c in text if ord(c) > 127 and c.isalpha()]
    if not letters:
        return True
    latin = sum(1 for c in letters if unicodedata.name(c, "").startswith("LATIN"))
    return latin >= 0.8 * len(letters)


# C0 controls except tab and newline, DEL, C1 controls, and invisible characters.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\ufeff\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Normalize newlines and remove NUL and other control characters (keeping \\n and \\t)."""
    if "\r" in text:  # (a replace costs more than a look when there is nothing to replace)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    if len(text) > _LONG_TEXT and not has_control(text):
        return text
    return _CONTROL.sub("", text)


# Above this length `has_control` is faster than the regex (a whole document: parse_text).
_LONG_TEXT = 2000
# In UTF-8 (self-synchronizing: a byte below 0x80 is always a character of its own, a lead
# byte always starts one), the characters `_CONTROL` matches are the bytes of C0 controls and
# DEL, C2 80-9F (C1 controls), and the three-byte forms of U+200B, U+FEFF, U+FFFE and U+FFFF;
# surrogates do not encode. Checked on every code point (tests/test_reader_speed_invariants.py).
_C0_AND_DEL = bytes([*range(0x09), *range(0x0B, 0x20), 0x7F])
_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
_ZWSP_UTF8 = "\u200b".encode()
_EF_FORMS_UTF8 = tuple(c.encode() for c in "\ufeff\ufffe\uffff")


def has_control(text: str) -> bool:
    """Whether `_CONTROL` matches in `text`, found in its UTF-8 bytes: on a long text, about
    twice as fast as the regex, whose character class costs more per character than
    `bytes.translate` and the byte searches."""
    try:
        data = text.encode()
    except UnicodeEncodeError:  # a surrogate
        return True
    if len(data.translate(None, _C0_AND_DEL)) != len(data):
        return True
    if len(data) == len(text):  # ASCII
        return False
    # (a look for a rare byte first: searching a sequence costs more)
    return (
        (b"\xc2" in data and _C1_UTF8.search(data) is not None)
        or (b"\x8b" in data and _ZWSP_UTF8 in data)
        or (b"\xef" in data and any(form in data for form in _EF_FORMS_UTF8))
    )


def normalize_space(text: str) -> str:
    """Collapse every run of whitespace (including no-break spaces) to one space."""
    return " ".join(clean_text(text).split())


def make_blocks(items: Iterable[tuple[str, bool]]) -> tuple[Block, ...]:
    """Blocks from (text, heading) pairs: whitespace normalized, empty ones dropped."""
    blocks = []
    for text, heading in items:
        text = normalize_space(text)
        if text:
            blocks.append(Block(text, heading))
    return tuple(blocks)


def leading_heading(blocks: Iterable[Block]) -> str | None:
    """The text of the opening block if it is a heading, datelines and bylines before it
    skipped."""
    for block in blocks:
        if is_dateline(block.text) or byline_author(block.text) is not None:
            continue
        return block.text if block.heading else None
    return None


def first_heading(blocks: Iterable[Block]) -> str | None:
    """The text of the first heading that is not a dateline nor a byline."""
    return next((b.text for b in blocks if b.heading and not is_dateline(b.text)
                 and byline_author(b.text) is None), None)


def humanize_stem(path: Path) -> str:
    """A title made from a file name: ``blinken-paris_visit.md`` → ``Blinken paris visit``."""
    words = re.sub(r"[-_.\s]+", " ", path.stem).strip()
    if not words:
        return path.name
    return words[0].upper() + words[1:]


def primary_language(value: object, default: str = "en") -> str:
    """The primary subtag of a language tag, lower case: ``en-GB`` → ``en``."""
    if not isinstance(value, str):
        return default
    primary = re.split(r"[-_\s]", value.strip(), maxsplit=1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else default


def language_tag(value: object, default: str = "en") -> str:
    """A language tag as the date parser reads it: the primary subtag in lower case, with its
    region when one is given (``en-GB``, ``pt_BR`` → ``pt-BR``, ``zh-Hans-CN`` → ``zh-CN``):
    a British page writes 9/1/2025 for 9 January, an American one for 1 September."""
    primary = primary_language(value, "")
    if not primary or not isinstance(value, str):
        return default
    region = next((part for part in re.split(r"[-_\s]", value.strip())[1:]
                   if re.fullmatch(r"[A-Za-z]{2}|\d{3}", part)), None)
    return f"{primary}-{region.upper()}" if region else primary


def to_jsonable(value: Any) -> Any:
    """A plain, JSON-serializable copy of a metadata value (dates become ISO strings)."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): to_jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(item) for item in value]
    return str(value)


_NO_VALUE = frozenset({"", "unknown", "n/a", "na", "none", "null", "-", "?"})


def text_or_none(value: object) -> str | None:
    """A metadata string, whitespace-normalized; None when missing or a placeholder ("unknown")."""
    if value is None:
        return None
    text = normalize_space(str(value))
    return None if text.lower() in _NO_VALUE else text


def build_source(
    path: Path,
    *,
    title: str | None,
    blocks: tuple[Block, ...],
    reference: DateValue | None = None,
    publisher: str | None = None,
    url: str | None = None,
    lang: str = "en",
    metadata: dict[str, Any] | None = None,
    fallback_title: Callable[[], str | None] | None = None,
) -> Source:
    """Finish a Source the same way for every reader.

    Refuses a source without text, falls back to a dateline in the first blocks when the
    metadata gives no date, and makes the metadata JSON-serializable.
    """
    if not blocks:
        raise SourceError("no text found")
    metadata = dict(metadata or {})
    blocks = _drop_bylines(blocks, metadata)
    origin = "metadata" if reference is not None else "none"
    # "NAIROBI, 4 May 2023 (Reuters) - …": the story goes on in the paragraph (as body), the
    # dateline is the source's date, no part of its first sentence
    wire = next(((index, found) for index, block in enumerate(blocks[:3]) if not block.heading
                 and (found := split_wire_dateline(block.text)) is not None and found.rest),
                None)
    if wire is not None:
        index, found = wire
        if reference is None and found.date is not None:
            reference, origin = found.date, "text"
        if reference is not None and _same_day(found, reference):
            blocks = (*blocks[:index], Block(found.rest, False), *blocks[index + 1:])
            metadata.setdefault("dateline", found.prefix.rstrip(" -–—:"))
    # A date line is not body text ("Published 8 January 2025", "Updated 3:45 PM EST, Thu
    # January 9, 2025", "LONDON, Jan. 10 (Reuters) -"): each near the top is made a heading,
    # so that it is not read as a paragraph; the first, a published one before an updated
    # one, dates a source that metadata does not.
    datelines = top_datelines(blocks)
    if datelines:
        if reference is None:
            dated = [(value, label) for value, label, _ in datelines if value is not None]
            chosen = next((value for value, label in dated if "updated" not in label),
                          dated[0][0] if dated else None)
            if chosen is not None:
                reference, origin = chosen, "text"
        marked = {index for _, _, index in datelines if not blocks[index].heading}
        if marked:
            blocks = tuple(Block(block.text, True) if index in marked else block
                           for index, block in enumerate(blocks))
    title = normalize_space(title or "") or None
    if title is None and fallback_title is not None:
        title = fallback_title()
    return Source(
        path=str(path),
        name=path.name,
        title=title or humanize_stem(path),
        blocks=blocks,
        reference=reference,
        reference_origin=origin,
        publisher=publisher,
        url=url,
        lang=lang,
        metadata=to_jsonable(metadata),
    )


def _same_day(wire: WireDateline, reference: DateValue) -> bool:
    """Whether a wire dateline states the day `reference` is (with or without its year)."""
    if wire.date is not None:
        return wire.date.value == reference.value
    return reference.start == reference.end \
        and wire.month_day == (reference.start.month, reference.start.day)


# --- bylines -------------------------------------------------------------------------------

_NAME_WORD = rf"[{CAPITAL}][\w'’.\-]*"
_PARTICLE = r"(?:de|da|del|della|der|den|di|do|dos|du|la|le|van|von|bin|ibn|al|el|ter|ten|y)"
_NAME = rf"{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|{_PARTICLE})){{1,4}}"
_NAMES = rf"{_NAME}(?:(?:\s*,\s*|\s+and\s+|\s*&\s*){_NAME})*"
_AGENCIES = r"(?:Reuters|AFP|AP|Bloomberg|Xinhua|Agence France-Presse|(?:The )?Associated Press)"
_AFTER = r"(?:\s*[,|/—–-]\s*|\s+(?:in|for)\s+)(?P<role>[^.!?;:]{1,60})"
_AGENCY = re.compile(_AGENCIES)
_BY_LINE = re.compile(
    rf"[Bb][Yy]:?\s+(?P<names>{_NAMES}|{_AGENCIES})(?:{_AFTER})?")
_ROLE_LINE = re.compile(rf"(?P<names>{_NAMES})\s*[,|—–-]\s*(?P<role>[^.!?;:]{{1,60}})")
_ROLE_WORDS = frozenset({
    "editor", "correspondent", "reporter", "writer", "journalist", "columnist", "contributor",
    "staff", "analyst", "producer", "author", "chief", "critic", "commentator", "bureau",
    "editors", "correspondents", "reporters", "writers", "journalists", "contributors",
})
_WORD_SPLIT = re.compile(r"\W+")
# Words after "By" that open a sentence ("By Tuesday the talks had failed"), not a name.
_NOT_NAMES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "then", "now", "contrast", "comparison", "law", "far", "way",
    "default", "design", "order", "means", "noon", "midnight", "dawn", "night", "morning",
    "evening", "afternoon", "year", "end", "early", "late", "mid", "next", "last", "this",
    "that", "these", "those", "all", "most", "some", "many", "chance", "nature", "definition",
    "the", "a", "an", "today", "tomorrow", "tonight", "yesterday", "christmas", "easter", "summer",
    "winter", "spring", "autumn", "fall", "spending", "using", "making", "taking", "when",
    "royal", "popular", "public", "rail", "road", "air", "sea", "land", "hand", "invitation",
    "appointment", "request", "demand", "numbers", "accident", "any", "no", "our", "their",
    "his", "her", "its", "one", "two", "three", "every", "each", "special",
})
MAX_BYLINE_CHARS = 120
_FIGURE = re.compile(r"\d")
_BYLINE_BLOCKS = 5  # a byline is among the first blocks of a story


def byline_author(text: str) -> str | None:
    """The author(s) named by a byline ("By Jane Doe", "By Jane Doe and John Roe", "By Jane
    Doe, Reuters", "Jane Doe, Political Editor"), None when `text` is not one. Prose opening
    with "By" ("By Tuesday the talks had failed.") is not: a byline has names in capitals
    and no final stop."""
    if len(text) > 2 * MAX_BYLINE_CHARS:
        return None
    text = " ".join(text.split())
    if not text or len(text) > MAX_BYLINE_CHARS or text[-1] in ".!?;:" \
            or _FIGURE.search(text) is not None:
        return None  # (a line with a figure is a date line: "By Jane Doe | Jan 8, 2025")
    if text[:2].lower() == "by":
        match = _BY_LINE.fullmatch(text)
        if match is None or (match["names"].split()[0].lower() in _NOT_NAMES
                             and _AGENCY.fullmatch(match["names"]) is None):
            return None
        raw_names, raw_role = match["names"], (match["role"] or "").strip()
        if match["role"] is not None and \
                text[match.end("names"):match.start("role")].strip() in ("in", "for"):
            return raw_names  # "By Jane Doe in Paris", "By Jane Doe for Reuters"
        if not raw_role and ("," not in raw_names or " and " in raw_names.rsplit(",", 1)[1]):
            return raw_names  # "By Jane Doe", "By Jane Doe, John Roe and Ann Lee"
        # "By Jane Doe, Political Editor"; "By Popular Demand, Museum Reopens" is a headline
        names, role = _names_and_role(raw_names, raw_role)
        if "," in names or not (_is_role(role) or _AGENCY.fullmatch(role) or (
                len(role.split()) <= 4 and all(w[:1].isupper() for w in role.split()))):
            return None  # (a role, an agency, or a publisher: "By Jane Doe, CNN")
        return names
    if _ROLE_WORDS.isdisjoint(_WORD_SPLIT.split(text.lower())):
        return None
    match = _ROLE_LINE.fullmatch(text)
    if match is None:
        return None
    names, role = _names_and_role(match["names"], match["role"])
    if len(role.split()) > 5 or not _is_role(role):
        return None
    return names


def _names_and_role(names: str, role: str) -> tuple[str, str]:
    """The names of a byline and its role, when the names took the role's first parts ("Jane
    Doe, Bureau Chief, Nairobi": the names "Jane Doe", the role "Bureau Chief, Nairobi")."""
    role = role.strip()
    while "," in names and not (_is_role(role) or _AGENCY.fullmatch(role)):
        names, moved = names.rsplit(",", 1)
        role = f"{moved.strip()}, {role}" if role else moved.strip()
    return names.strip(), role


def _is_role(text: str) -> bool:
    """A byline's role ("Political Editor", "Staff Writer", "Bureau Chief, Nairobi"): parts
    that open with a capital, one ending with a role word. "as Defence Chief" (a headline's
    "Trump Names Fox Host, Former Army Major, as Defence Chief") and "Staff Shortages" are
    not."""
    parts = [part.strip() for part in text.split(",")]
    if not all(part and (part[0].isupper() or part[0] == "(") for part in parts):
        return False
    return any(part.split()[-1].strip("()").lower() in _ROLE_WORDS for part in parts)


def _drop_bylines(blocks: tuple[Block, ...], metadata: dict[str, Any]) -> tuple[Block, ...]:
    """`blocks` without the bylines among the first ones (no part of the story: their names
    are no actors, their text no event), the first kept in `metadata` ("byline", and "author"
    when the metadata names none). The blocks as they are when nothing else is left."""
    kept: list[Block] = []
    prose = 0
    for index, block in enumerate(blocks):
        if index >= _BYLINE_BLOCKS or prose >= 2:
            kept += blocks[index:]
            break
        author = byline_author(block.text) if len(block.text) <= MAX_BYLINE_CHARS else None
        if author is not None:
            metadata.setdefault("byline", block.text)
            if not metadata.get("author"):
                metadata["author"] = author
            continue
        kept.append(block)
        if not block.heading and (len(block.text) > MAX_DATELINE_CHARS
                                  or not is_dateline(block.text)):
            prose += 1
    if not kept or len(kept) == len(blocks):
        return blocks
    return tuple(kept)
