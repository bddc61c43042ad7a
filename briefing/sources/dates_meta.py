"""Normalize the dates found in a source's metadata or dateline into ``DateValue``s."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from typing import TYPE_CHECKING

from briefing.model import DateValue, Precision

if TYPE_CHECKING:
    from collections.abc import Iterable

    from briefing.model import Block

MONTHS: dict[str, int] = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
}
MONTHS["sept"] = 9

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
# A time of day after a written date ("8 January 2025, 10:30 GMT"): accepted and ignored.
_TIME = (
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\.\d+)?\s*(?:[ap]\.?m\.?)?"
    r"\s*(?:[A-Z]{1,5}|[+-]\d{2}:?\d{2})?)?"
)
_WEEKDAY = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+", re.IGNORECASE)
_ISO = re.compile(
    r"^(?P<year>\d{4})(?:(?P<sep>[-/.])(?P<month>\d{1,2})(?:(?P=sep)(?P<day>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?)?)?$",
    re.IGNORECASE,
)
_WRITTEN = [
    re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}{_TIME}$", re.IGNORECASE),
    re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}$", re.IGNORECASE),
    re.compile(rf"^{_MONTH},?\s+{_YEAR}$", re.IGNORECASE),
]


def day_value(day: date) -> DateValue:
    """A DateValue for one known day."""
    return DateValue(day.isoformat(), Precision.DAY, day, day)


def month_value(year: int, month: int) -> DateValue:
    """A DateValue for a whole month."""
    last = calendar.monthrange(year, month)[1]
    return DateValue(
        f"{year:04d}-{month:02d}", Precision.MONTH, date(year, month, 1), date(year, month, last)
    )


def year_value(year: int) -> DateValue:
    """A DateValue for a whole year."""
    return DateValue(f"{year:04d}", Precision.YEAR, date(year, 1, 1), date(year, 12, 31))


def _build(year: int, month: int | None, day: int | None) -> DateValue | None:
    try:
        if month is None:
            return year_value(year) if year >= 1 else None
        if day is None:
            return month_value(year, month)
        return day_value(date(year, month, day))
    except (ValueError, calendar.IllegalMonthError):
        return None


def parse_metadata_date(value: object) -> DateValue | None:
    """Normalize a metadata date at the precision it is written; None if it is not a date.

    Accepts ``date``/``datetime`` objects (day precision), a year as an int, and strings such as
    ``2025``, ``2025-01``, ``2025-01-08``, ``2025-01-08T10:00:00+01:00`` (the date as written,
    not converted to UTC), ``January 2025``, ``8 January 2025``, ``January 8, 2025``,
    ``Wed, 08 Jan 2025 10:00:00 GMT``. Impossible dates ("2025-02-30") give None.
    Numeric day/month orders such as ``08/01/2025`` are ambiguous and give None.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return day_value(value.date())
    if isinstance(value, date):
        return day_value(value)
    if isinstance(value, int):
        return _build(value, None, None) if 1000 <= value <= 9999 else None
    if not isinstance(value, str):
        return None
    text = " ".join(value.split()).strip(" ,;")
    text = _WEEKDAY.sub("", text)
    if not text:
        return None
    match = _ISO.match(text)
    if match:
        month = match["month"]
        day = match["day"]
        return _build(int(match["year"]), int(month) if month else None, int(day) if day else None)
    for pattern in _WRITTEN:
        match = pattern.match(text)
        if match:
            groups = match.groupdict()
            day = groups.get("day")
            return _build(
                int(groups["year"]), MONTHS[groups["month"].lower()], int(day) if day else None
            )
    return None


_DATELINE_PREFIX = re.compile(
    r"^(?P<label>(?:first\s+|last\s+)?(?:published|posted|updated|released|issued|dated|date)"
    r"(?:\s+(?:on|at))?)\s*[:\-–—]?\s*",
    re.IGNORECASE,
)
_DATELINE_SPLIT = re.compile(r"\s+[—–\-|·•]\s+|\s*[|•·]\s*")
MAX_DATELINE_CHARS = 80


def parse_dateline(text: str) -> tuple[DateValue, str] | None:
    """Read a short dateline such as "Published 8 January 2025" or "8 January 2025 — PARIS".

    Returns the date and its label ("published", "updated", ... or "" when unlabeled), or None
    when the line is not a dateline. The whole line must be the date plus a label and/or a place
    or byline set apart by a dash or bar, so prose that merely mentions a date is not taken.
    """
    line = " ".join(text.split())
    if not line or len(line) > MAX_DATELINE_CHARS:
        return None
    label = ""
    prefix = _DATELINE_PREFIX.match(line)
    if prefix:
        label = prefix["label"].lower()
        line = line[prefix.end():]
    for piece in _DATELINE_SPLIT.split(line):
        piece = piece.strip(" ,;()[]")
        candidates = [piece]
        if "," in piece:  # "PARIS, 8 January 2025"
            candidates.append(piece.split(",", 1)[1])
        for candidate in candidates:
            found = parse_metadata_date(candidate)
            if found is not None:
                return found, label
    return None


def find_dateline(blocks: Iterable[Block], limit: int = 3) -> tuple[DateValue, int] | None:
    """The source's own date from a dateline in its first ``limit`` blocks, and that block's index.

    A "published" dateline is preferred to an "updated" one when both appear.
    """
    found: list[tuple[DateValue, str, int]] = []
    for index, block in enumerate(blocks):
        if index >= limit:
            break
        parsed = parse_dateline(block.text)
        if parsed is not None:
            found.append((parsed[0], parsed[1], index))
    if not found:
        return None
    for value, label, index in found:
        if "updated" not in label:
            return value, index
    return found[0][0], found[0][2]
