"""Normalize the dates found in a source's metadata or dateline into ``DateValue``s."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from briefing.dates import parse_date_value
from briefing.model import DateValue, Precision
from briefing.places import PLACES

if TYPE_CHECKING:
    from collections.abc import Sequence

    from briefing.model import Block

def parse_metadata_date(value: object) -> DateValue | None:
    """Normalize a metadata date at the precision it is written; None if it is not a date.

    The date parser (`briefing.dates.parse_date_value`) does the reading; a source's own date
    is kept to the day (a time of publication is not an event time), and a numeric date whose
    day/month order is ambiguous (``08/01/2025``) is refused rather than guessed.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = _WEEKDAY.sub("", " ".join(value.split()).strip(" ,;"))
    parsed = parse_date_value(value)
    if parsed is None or parsed.ambiguous or parsed.is_range:
        return None
    if parsed.precision in (Precision.HOUR, Precision.MINUTE):
        return DateValue(parsed.start.isoformat(), Precision.DAY, parsed.start, parsed.start)
    if parsed.precision not in (Precision.DAY, Precision.MONTH, Precision.YEAR):
        return None
    return parsed


_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)


_DATELINE_PREFIX = re.compile(
    r"^(?P<label>(?:first\s+|last\s+)?(?:published|posted|updated|released|issued|dated|date)"
    r"(?:\s+(?:on|at))?)\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
_DATELINE_SPLIT = re.compile(r"\s+[—–\-|·•]\s+|\s*[|•·]\s*")
MAX_DATELINE_CHARS = 80
_DATE_WORDS = 8  # "3:45 PM EST, Thu January 9, 2025" has 7
_DIGIT = re.compile(r"\d")
_MONTH = re.compile(
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?:\s|$)", re.IGNORECASE)
"""Capitals that may be a date's own month ("JAN. 8, 2025", "MAY 4, 2023"): not a place."""


def _after_places(piece: str) -> str:
    """`piece` without the places in capitals that open it, each before a comma ("WASHINGTON,
    D.C., Jan. 8, 2025" -> "Jan. 8, 2025"); `piece` itself when it opens with none.

    The date is after them, and the line is then not read whole, which only the date parser's
    last resort (dateparser) would try, to fail: 0.3 ms a line, 0.1 s the first time."""
    while "," in piece:
        head, tail = piece.split(",", 1)
        head = head.strip()
        if not head.isupper() or len(head) > 40 or _MONTH.match(head) \
                or any(c.isdigit() for c in head):
            break
        piece = tail.strip()
    return piece


def parse_dateline(text: str) -> tuple[DateValue, str] | None:
    """Read a short dateline such as "Published 8 January 2025" or "8 January 2025 — PARIS".

    Returns the date and its label ("published", "updated", ... or "" when unlabeled), or None
    when the line is not a dateline. The whole line must be the date plus a label and/or a place
    or byline set apart by a dash or bar, so prose that merely mentions a date is not taken.
    """
    if len(text) > 3 * MAX_DATELINE_CHARS:
        return None  # (a paragraph: not worth splitting into words)
    line = " ".join(text.split())
    if not line or len(line) > MAX_DATELINE_CHARS or not _DIGIT.search(line):
        return None  # (a source's date has its year: a line without a figure has none)
    label = ""
    prefix = _DATELINE_PREFIX.match(line)
    if prefix:
        label = prefix["label"].lower()
        line = line[prefix.end():]
    pieces = _DATELINE_SPLIT.split(line)
    for number, piece in enumerate(pieces):
        piece = piece.strip(" ,;()[]")
        candidates = [_after_places(piece)] if "," in piece else [piece]
        if candidates[0] == piece and "," in piece:  # "Paris, 8 January 2025"
            candidates.append(piece.split(",", 1)[1])
        for candidate in candidates:
            if candidate.count(" ") >= _DATE_WORDS:
                continue  # no date alone: "June 10th, 2010. I'm Dan Harlow and this is …"
            found = parse_metadata_date(candidate)
            if found is not None:
                # "Paris, 8 January 2025 — The minister met …": a story, not a dateline
                if any(_is_sentence(other) for other in pieces[number + 1:]):
                    return None
                return found, label
    return None


def _is_sentence(piece: str) -> bool:
    """A piece of a line that reads as a sentence ("The summit opened today."), not a place, a
    label or a byline: two words or more, one in lower case, a final stop."""
    piece = piece.strip()
    return piece.endswith((".", "!", "?", "…")) and " " in piece \
        and any(word[:1].islower() for word in piece.split())


CAPITAL = "A-ZÀ-ÖØ-Þ"
"""The capital letters of the Latin scripts, as a regex class's ranges (places, names)."""
_MONTH_NAMES = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s"
_LOWER = "a-zß-öø-ÿ"
_WIRE_DATELINE = re.compile(
    rf"(?P<place>[{CAPITAL}][{CAPITAL}.'’\- ]{{1,40}}"
    rf"(?:,\s*(?!{_MONTH_NAMES})[{CAPITAL}][A-Za-zÀ-ÖØ-öø-ÿ.'’ ]{{1,30}})?"
    rf"|[{CAPITAL}][{_LOWER}'’.\-]+(?: [{CAPITAL}][{_LOWER}'’.\-]+){{0,3}})"
    r"(?P<separator>,\s+|\s+[-–—]\s+)"
    r"(?P<date>[A-Za-z0-9.,' ]{5,40}?)\s*(?:\([^()]{1,40}\)|/[^/]{1,40}/)?\s*"
    r"(?P<dash>[-–—]{1,2}|:)(?=\s|$)")
"""A wire story's opening: "NAIROBI, 4 May 2023 (Reuters) - …", "WASHINGTON, Jan. 8, 2025
/PRNewswire/ -- …", "RIO DE JANEIRO, BRAZIL - January 8, 2025 - …", "Paris, 8 January 2025 —
…", "NEW DELHI, Jan. 8, 2025: …": a place (in capitals, or a well-known place in title case
before a comma), the date, maybe the agency, a dash (or, after a place in capitals, a
colon)."""
_NOT_PLACES = frozenset({
    "on", "in", "at", "by", "from", "since", "until", "till", "before", "after", "last", "next",
    "this", "that", "the", "as", "of", "today", "yesterday", "tomorrow", "published", "posted",
    "updated", "released", "issued", "dated", "date", "update", "note", "edited", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})
_SENTENCE_END = tuple(".!?…\"”’»)")


@dataclass(frozen=True)
class WireDateline:
    """The dateline opening a wire story, and the story after it."""

    date: DateValue | None
    """The dateline's date when it states a full one (with its year)."""
    month_day: tuple[int, int] | None
    """(month, day) of a dateline without a year ("LONDON, Jan. 10 (Reuters) -")."""
    prefix: str
    """The dateline as written, its final dash or colon included."""
    rest: str
    """The text after it ("" for a dateline alone)."""


def split_wire_dateline(text: str) -> WireDateline | None:
    """The wire dateline opening `text` (`_WIRE_DATELINE`), with a date with or without its
    year; None when there is none or when what follows it is not a story (four words at
    least, or a sentence: "PARIS, 8 January 2025 — Reuters" is a dateline alone,
    `find_dateline`'s) nor nothing."""
    if len(text) < 8 or not text[0].isupper():
        return None
    if not text[1].isupper():  # a place in title case, before a comma and the date
        comma = text.find(", ", 0, 45)
        if comma < 0 or _DIGIT.search(text, comma, comma + 25) is None:
            return None
    elif "," not in text[:90] and " - " not in text[:90] and "—" not in text[:90] \
            and "–" not in text[:90]:
        return None
    match = _WIRE_DATELINE.match(text)
    if match is None:
        return None
    place = match["place"]
    if place.split()[0].strip(".").lower() in _NOT_PLACES or _MONTH.match(place + " "):
        return None
    if not place.isupper() and (match["separator"].strip() != "," or match["dash"] == ":"
                                or place.strip() not in PLACES):
        return None  # "Brexit, 31 January 2020 — the day …", "Christmas Day, …": no place
    rest = text[match.end():].strip()
    words = len(rest.split())
    if rest and words < 4 and not (words >= 2 and rest.endswith(_SENTENCE_END)):
        return None
    if not rest and match["dash"] == ":":
        return None
    raw = _after_places(match["date"].strip(" ,"))
    found = parse_metadata_date(raw)
    month_day = None
    if found is None:
        if not _MONTH.search(raw + " ") or not any(c.isdigit() for c in raw):
            return None
        in_leap_year = parse_metadata_date(f"{raw} 2000")
        if in_leap_year is None or in_leap_year.precision is not Precision.DAY:
            return None
        month_day = (in_leap_year.start.month, in_leap_year.start.day)
    return WireDateline(found, month_day, text[:match.end()].strip(), rest)


def wire_dateline(text: str) -> DateValue | None:
    """The date of a wire dateline opening `text`, when it states a full one (with its year)
    and the story goes on after the dash (`split_wire_dateline`)."""
    found = split_wire_dateline(text)
    return found.date if found is not None and found.rest else None


def is_dateline(text: str) -> bool:
    """Whether `text` is a date line and nothing else: a dateline (`parse_dateline`), or a
    wire dateline alone, with or without its year ("LONDON, Jan. 10 (Reuters) -")."""
    return parse_dateline(text) is not None or _wire_alone(text)


def _wire_alone(text: str) -> bool:
    """A wire dateline and nothing after it (`is_dateline`)."""
    if len(text) > MAX_DATELINE_CHARS or not _DIGIT.search(text):
        return False
    found = split_wire_dateline(text)
    return found is not None and not found.rest


def top_datelines(
    blocks: Sequence[Block], limit: int = 3,
) -> list[tuple[DateValue | None, str, int]]:
    """The date lines among the first `limit` blocks and those right after them (a byline's
    "Updated …" then "Published …"): each one's date (None for a wire dateline without its
    year), label ("published", "updated", … or "") and index."""
    found: list[tuple[DateValue | None, str, int]] = []
    for index, block in enumerate(blocks):
        if index >= limit and not (found and found[-1][2] == index - 1):
            break
        if len(block.text) > MAX_DATELINE_CHARS:  # (a block's text is whitespace-normalized)
            continue
        parsed = parse_dateline(block.text)
        if parsed is not None:
            found.append((parsed[0], parsed[1], index))
        elif _wire_alone(block.text):
            found.append((None, "", index))
    return found


def find_dateline(blocks: Sequence[Block], limit: int = 3) -> tuple[DateValue, int] | None:
    """The source's own date from a dateline in its first ``limit`` blocks (and the datelines
    right after them), and that block's index.

    A "published" dateline is preferred to an "updated" one when both appear.
    """
    found = [(value, label, index) for value, label, index in top_datelines(blocks, limit)
             if value is not None]
    if not found:
        return None
    for value, label, index in found:
        if "updated" not in label:
            return value, index
    return found[0][0], found[0][2]
