"""Readers of event lists: ``.csv``, ``.json``, ``.yaml``/``.yml``.

An event list is a structured source: its events are given, not extracted from prose. Three
shapes are recognised, by their headers or keys:

* a plain list, one event per row/item: ``date`` (or ``start`` and ``end`` for a range),
  ``summary`` (required), ``sentence``/``text``/``description``, ``actors`` (a list, or a
  ``;``-separated string), ``source``/``publisher``, ``url``, ``quotes``, ``details``,
  ``approximate``; in JSON/YAML either a bare list or ``{"title": …, "date": …, "events": […]}``;
* Knight Lab TimelineJS JSON (``{"title": {slide}, "events": [{"start_date": {"year": …},
  "text": {"headline": …, "text": …}, …}], "eras": […]}``);
* the TimelineJS Google-spreadsheet export (CSV columns ``Year, Month, Day, Time, End Year, …,
  Display Date, Headline, Text, Media, …, Type``); the row of type ``title`` titles the list.

Each event cites the file: source = file name, title = the list's title (else made from the file
name), paragraph = the 1-based number of its data row (or item). A row whose date or summary is
missing or invalid is skipped and reported in ``metadata["row_problems"]`` (``read_sources``
turns each into a warning); the other rows are read. A file with neither a date nor a summary
column is refused with a ``SourceError`` naming the columns found and expected.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, ClassVar

import yaml

from briefing.dates import find_dates, parse_date_value, parse_ref
from briefing.model import Block, Citation, DateValue, Event, Precision, Quote, Source
from briefing.sources.base import (
    Reader,
    SourceError,
    decode_bytes,
    humanize_stem,
    normalize_space,
    register,
    text_or_none,
    to_jsonable,
)

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["CsvEventsReader", "JsonEventsReader", "YamlEventsReader", "parse_event_date"]

# Accepted names of each field (keys are compared lower case, spaces and hyphens as "_").
DATE_KEYS = ("date", "start", "start_date")
END_KEYS = ("end", "end_date")
SUMMARY_KEYS = ("summary", "headline", "event", "title")
SENTENCE_KEYS = ("sentence", "text", "description")
PUBLISHER_KEYS = ("source", "publisher")
_TIMELINEJS_SHEET = frozenset({"year", "headline"})
_TRUE = frozenset({"true", "yes", "y", "1", "x"})


# --- dates --------------------------------------------------------------------------------------

_TIMEX_RANGE = re.compile(r"\d{4}(?:-[\dA-Z:.+-]*)?/\d{4}(?:-[\dA-Z:.+-]*)?")
"""A ``start/end`` range as TIMEX and ISO 8601 write it ("2025-01-08/2025-01-10", "2024/2025",
"2024-Q1/2024-Q3"): each end opens with its year. "08/01/2025" and "2025/01/08" are one day."""
_WEEK = re.compile(r"(\d{4})-W(\d{2})")
_SEASON = re.compile(r"(\d{4})-(SP|SU|FA|WI)")
_DECADE = re.compile(r"(\d{3})X")
_CENTURY = re.compile(r"(\d{2})XX")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def _last_day(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def _timex(text: str) -> DateValue | None:
    """The TIMEX3 values `parse_date_value` does not read: weeks, seasons, decades, centuries."""
    try:
        if m := _WEEK.fullmatch(text):
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return DateValue(text, Precision.WEEK, monday, monday + dt.timedelta(days=6))
        if m := _SEASON.fullmatch(text):
            year, season = int(m[1]), m[2]
            first, last = _SEASON_MONTHS[season]
            end = _last_day(year + 1, last) if season == "WI" else _last_day(year, last)
            return DateValue(text, Precision.SEASON, dt.date(year, first, 1), end)
        if m := _DECADE.fullmatch(text):
            year = int(m[1]) * 10
            return DateValue(text, Precision.DECADE, dt.date(max(year, 1), 1, 1),
                             dt.date(year + 9, 12, 31))
        if m := _CENTURY.fullmatch(text):
            year = int(m[1]) * 100
            return DateValue(text, Precision.CENTURY, dt.date(max(year, 1), 1, 1),
                             dt.date(year + 99, 12, 31))
    except ValueError:
        return None
    return None


def _single_date(value: object, lang: str) -> DateValue | None:
    if isinstance(value, str):
        found = _timex(value.strip())
        if found is not None:
            return found
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return parse_date_value(value, lang)


def _range(first: DateValue, last: DateValue) -> DateValue:
    """One DateValue for a range, built as the date parser builds one: start's precision."""
    return DateValue(
        f"{first.value}/{last.value}", first.precision, first.start, last.end,
        approximate=first.approximate or last.approximate,
        inferred_year=first.inferred_year or last.inferred_year,
        relative=first.relative or last.relative,
        ambiguous=first.ambiguous or last.ambiguous,
    )


def parse_event_date(value: object, end: object = None, lang: str = "en") -> DateValue:
    """The date of an event-list row: one date, a ``start/end`` TIMEX range, or start and end.

    Raises ValueError with a message for the user ("date 'soon' is not a date").
    """
    if isinstance(value, dict) and "value" in value:  # a DateValue as briefing exports it
        return date_value_from_dict(value)
    if isinstance(value, str) and _blank(end) and _TIMEX_RANGE.fullmatch(value.strip()):
        first_text, _, end = value.strip().partition("/")
        value = first_text
    first = _single_date(value, lang)
    if first is None:
        raise ValueError(f"date '{_shown(value)}' is not a date" + (
            " (it has no year: write it in full, as in 8 January 2025)"
            if _without_year(value, lang) else ""))
    if _blank(end):
        return first
    last = _single_date(end, lang)
    if last is None:
        raise ValueError(f"end date '{_shown(end)}' is not a date")
    if last.end < first.start:
        raise ValueError(f"end date '{_shown(end)}' is before the start '{_shown(value)}'")
    return _range(first, last)


def _without_year(value: object, lang: str) -> bool:
    """A date but for its year ("January 8", "9 Jan"): a row is never given a year it lacks."""
    if not isinstance(value, str):
        return False
    found = find_dates(value, parse_ref("2000-06-15"), lang)
    return len(found) == 1 and found[0].date.inferred_year


def date_value_from_dict(data: dict[str, Any]) -> DateValue:
    """A DateValue from its ``to_dict()`` form; ValueError (or KeyError/TypeError) when bad."""
    return DateValue.from_dict(data)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _shown(value: object) -> str:
    text = normalize_space(str(value))
    return text if len(text) <= 60 else text[:57] + "…"


# --- rows -------------------------------------------------------------------------------------


def _key(name: object) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower().lstrip("\ufeff"))


def _first(row: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        value = row.get(key)
        if not _blank(value):
            return value
    return None


def _text(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return text_or_none(value)


def _strip_html(value: object) -> str | None:
    """Text of a TimelineJS field, which may hold HTML."""
    text = _text(value)
    if text is None or ("<" not in text and "&" not in text):
        return text
    from bs4 import BeautifulSoup

    return text_or_none(BeautifulSoup(text, "html.parser").get_text(" "))


def _list(value: object, separator: str = ";") -> list[str]:
    if isinstance(value, list | tuple):
        items = [_text(item) for item in value]
    elif isinstance(value, str):
        items = [text_or_none(part) for part in value.split(separator)]
    else:
        items = [_text(value)]
    return list(dict.fromkeys(item for item in items if item))


def _quotes(value: object) -> list[Quote]:
    """Quotes: a list of strings or {text, speaker}; in a CSV cell, a JSON list or one quote."""
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.startswith("["):
            try:
                value = json.loads(stripped)
            except ValueError:
                value = [stripped]
        else:
            value = [stripped]
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return []
    quotes = []
    for item in value:
        if isinstance(item, dict):
            text = _text(item.get("text"))
            if text:
                quotes.append(Quote(text, _text(item.get("speaker"))))
        elif (text := _text(item)) is not None:
            quotes.append(Quote(text))
    return quotes


def _details(value: object) -> list[str]:
    """Detail sentences: a list, or one per line; kept as they are, repeats included."""
    if _blank(value):
        return []
    items = value if isinstance(value, list | tuple) else str(value).split("\n")
    return [text for item in items if (text := _text(item))]


@dataclass
class _Row:
    """One row in the common shape, whatever format it came from."""

    number: int
    date: object = None
    end: object = None
    date_text: str | None = None
    summary: str | None = None
    sentence: str | None = None
    actors: list[str] = field(default_factory=list)
    publisher: str | None = None
    url: str | None = None
    quotes: list[Quote] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    approximate: bool = False


def _plain_row(number: int, raw: dict[str, Any]) -> _Row:
    row = {_key(k): v for k, v in raw.items()}
    date = _first(row, DATE_KEYS)
    end = _first(row, END_KEYS)
    written = None if isinstance(date, dict) else _text(to_jsonable(date))
    if written and not _blank(end) and (end_text := _text(to_jsonable(end))):
        written = f"{written} – {end_text}"
    written = _text(row.get("date_text")) or written  # as briefing exports it
    approximate = row.get("approximate")
    return _Row(
        number=number, date=date, end=end, date_text=written,
        summary=_text(_first(row, SUMMARY_KEYS)),
        sentence=_text(_first(row, SENTENCE_KEYS)),
        actors=_list(row.get("actors")) if not _blank(row.get("actors")) else [],
        publisher=_text(_first(row, PUBLISHER_KEYS)),
        url=_text(row.get("url")),
        quotes=_quotes(row.get("quotes")) if not _blank(row.get("quotes")) else [],
        details=_details(row.get("details")),
        approximate=approximate is True or str(approximate).strip().lower() in _TRUE,
    )


_TIME = re.compile(r"(\d{1,2})(?::(\d{2}))?(?::\d{2}(?:\.\d+)?)?\s*([ap]\.?m\.?)?", re.IGNORECASE)


def _tl_date(parts: dict[str, Any]) -> tuple[object, str | None]:
    """A TimelineJS date object ({year, month, day, hour, minute, display_date}) → a date
    string our parser reads at the precision given, and how it is displayed."""
    def part(name: str) -> str | None:
        value = parts.get(name)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return None if _blank(value) else str(value).strip()

    year, month, day = part("year"), part("month"), part("day")
    display = _text(parts.get("display_date"))
    if year is None:
        return None, display
    if not year.lstrip("-").isdigit():
        return year, display
    if month is None:
        return year, display
    if not month.isdigit():  # a month name: "January"
        return normalize_space(f"{day or ''} {month} {year}"), display
    text = f"{int(year):04d}-{int(month):02d}"
    if day is None:
        return text, display
    if not day.isdigit():
        return f"{text}-{day}", display
    text += f"-{int(day):02d}"
    hour = part("hour")
    if hour is not None and hour.isdigit():
        minute = part("minute") or "0"
        if minute.isdigit() and (int(hour), int(minute)) != (0, 0):
            text += f"T{int(hour):02d}:{int(minute):02d}"
    return text, display


def _written_range(date: object, end: object) -> str | None:
    """How a TimelineJS date (and its end) reads: "2025-01-08 – 2025-01-10"."""
    written = _text(date)
    return f"{written} – {end}" if written and end is not None else written


def _tl_slide(number: int, slide: dict[str, Any]) -> _Row:
    start = slide.get("start_date")
    end = slide.get("end_date")
    date, display = _tl_date(start) if isinstance(start, dict) else (None, None)
    end_date, _ = _tl_date(end) if isinstance(end, dict) else (None, None)
    text = slide.get("text") if isinstance(slide.get("text"), dict) else {}
    media = slide.get("media") if isinstance(slide.get("media"), dict) else {}
    headline = _strip_html(text.get("headline"))
    body = _strip_html(text.get("text"))
    written = _written_range(date, end_date)
    return _Row(
        number=number, date=date, end=end_date,
        date_text=_text(slide.get("display_date")) or display or written,
        summary=headline or body, sentence=body,
        publisher=_text(slide.get("group")), url=_web_url(media.get("url")),
    )


def _sheet_date(row: dict[str, Any], prefix: str) -> tuple[object, str | None]:
    parts = {"year": row.get(f"{prefix}year"), "month": row.get(f"{prefix}month"),
             "day": row.get(f"{prefix}day")}
    time = _text(row.get(f"{prefix}time"))
    if time and (m := _TIME.fullmatch(time)):
        hour = int(m[1]) % 12 + (12 if m[3] and m[3].lower().startswith("p") else 0) \
            if m[3] else int(m[1])
        parts.update(hour=str(hour), minute=m[2] or "0")
    return _tl_date(parts)


def _sheet_row(number: int, raw: dict[str, Any]) -> _Row:
    row = {_key(k): v for k, v in raw.items()}
    date, _ = _sheet_date(row, "")
    end, _ = _sheet_date(row, "end_")
    headline = _strip_html(row.get("headline"))
    body = _strip_html(row.get("text"))
    written = _written_range(date, end)
    return _Row(
        number=number, date=date, end=end,
        date_text=_text(row.get("display_date")) or written,
        summary=headline or body, sentence=body,
        publisher=_text(row.get("group")), url=_web_url(row.get("media")),
    )


def _web_url(value: object) -> str | None:
    text = _text(value)
    return text if text and re.match(r"https?://", text, re.IGNORECASE) else None


# --- the list -----------------------------------------------------------------------------------


@dataclass
class _EventList:
    rows: list[_Row]
    title: str | None = None
    date: object = None
    form: str = "list"
    """list | timelinejs | timelinejs-sheet: the shape recognised."""
    problems: list[str] = field(default_factory=list)
    """Rows skipped before conversion (e.g. not an object)."""
    publisher: str | None = None
    url: str | None = None
    """The list's own publisher and URL (JSON/YAML `{publisher, url, events}`): those of each
    row that names none."""


def _to_source(event_list: _EventList, path: Path, lang: str = "en") -> Source:
    problems = list(event_list.problems)
    reference = None
    metadata: dict[str, Any] = {"format": event_list.form}
    if not _blank(event_list.date):
        reference = _single_date(event_list.date, lang)
        if reference is None:
            metadata["date_invalid"] = _shown(event_list.date)
    title = normalize_space(event_list.title or "") or humanize_stem(path)
    events: list[Event] = []
    for row in event_list.rows:
        if row.summary is None:
            problems.append(f"row {row.number}: no summary")
            continue
        if _blank(row.date):
            problems.append(f"row {row.number}: no date")
            continue
        try:
            date = parse_event_date(row.date, row.end, lang)
        except (ValueError, KeyError, TypeError) as error:
            problems.append(f"row {row.number}: {error}")
            continue
        if row.approximate and not date.approximate:
            date = replace(date, approximate=True)
        citation = Citation(
            source=path.name, title=title, paragraph=row.number,
            publisher=row.publisher or event_list.publisher, url=row.url or event_list.url,
            source_date=reference,
        )
        events.append(Event(
            date=date, summary=row.summary, sentence=row.sentence or row.summary,
            citations=(citation,), date_text=row.date_text, actors=tuple(row.actors),
            quotes=tuple(row.quotes), details=tuple(row.details),
        ))
    problems.sort(key=_row_number)
    if not events:
        detail = "; ".join(problems[:5]) if problems else "the list is empty"
        raise SourceError(f"no event could be read from this event list ({detail})")
    metadata["row_problems"] = problems
    return Source(
        path=str(path), name=path.name, title=title,
        blocks=tuple(Block(e.summary) for e in events),
        reference=reference, reference_origin="metadata" if reference else "none",
        publisher=event_list.publisher, url=event_list.url,
        lang=lang, metadata=to_jsonable(metadata), events=tuple(events),
    )


def _row_number(problem: str) -> int:
    m = re.match(r"row (\d+)", problem)
    return int(m[1]) if m else 0


def _check_columns(found: list[str]) -> None:
    """Refuse a table with no date column or no summary column, naming what it has."""
    missing = []
    if not any(name in found for name in DATE_KEYS):
        missing.append("a date column (date, or start and end)")
    if not any(name in found for name in SUMMARY_KEYS):
        missing.append("a summary column (summary, headline, event or title)")
    if missing:
        shown = ", ".join(found) if found else "none"
        raise SourceError(
            f"not an event list: columns found: {shown}; expected {' and '.join(missing)} "
            "(or the TimelineJS columns Year, Month, Day, Headline, Text …)")


def _from_records(data: object) -> _EventList:
    """A JSON/YAML document → the event list it holds, whatever its shape."""
    title: object = None
    date: object = None
    publisher = url = None
    eras: list[Any] = []
    if isinstance(data, dict):
        top = {_key(k): v for k, v in data.items()}
        if not isinstance(top.get("events"), list):
            keys = ", ".join(str(k) for k in data) or "none"
            raise SourceError(f"not an event list: keys found: {keys}; expected a list of "
                              "events, or an object with an 'events' list")
        title, date, items = top.get("title"), top.get("date"), top["events"]
        publisher, url = _text(_first(top, PUBLISHER_KEYS)), _text(top.get("url"))
        eras = top.get("eras") if isinstance(top.get("eras"), list) else []
    elif isinstance(data, list):
        items = data
    else:
        raise SourceError("not an event list: expected a list of events, or an object with an "
                          "'events' list")
    timelinejs = isinstance(title, dict) or any(
        isinstance(item, dict) and "start_date" in item and isinstance(item["start_date"], dict)
        for item in items)
    problems: list[str] = []
    rows: list[_Row] = []
    for number, item in enumerate([*items, *eras], 1):
        if not isinstance(item, dict):
            problems.append(f"row {number}: not an event (expected an object with keys)")
            continue
        rows.append(_tl_slide(number, item) if timelinejs else _plain_row(number, item))
    if not timelinejs:
        keys = list(dict.fromkeys(_key(k) for item in items if isinstance(item, dict)
                                  for k in item))
        if rows:
            _check_columns(keys)
    elif isinstance(title, dict):
        text = title.get("text") if isinstance(title.get("text"), dict) else {}
        title = _strip_html(text.get("headline"))
    return _EventList(rows, title=_text(title), date=date,
                      form="timelinejs" if timelinejs else "list", problems=problems,
                      publisher=publisher, url=url)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(text: str) -> str:
    """A CSV cell a spreadsheet will not run as a formula: "=…" is written "'=…"."""
    return f"'{text}" if text.startswith(_FORMULA_START) else text


def unescape_cell(text: str) -> str:
    """The inverse of `escape_cell`, so an exported CSV reads back as it was."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text


def _delimiter(text: str) -> str:
    """The separator of the header line: comma, semicolon (European spreadsheets) or tab."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    header = re.sub(r'"[^"]*"', "", header)  # separators inside quoted names do not count
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda sep: counts[sep])
    return best if counts[best] else ","


@register
class CsvEventsReader(Reader):
    """An event list as CSV: plain columns or the TimelineJS spreadsheet export."""

    file_extensions: ClassVar[tuple[str, ...]] = (".csv",)
    date_label: ClassVar[str] = "list"

    def parse(self, data: bytes, path: Path) -> Source:
        text = decode_bytes(data)
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        try:
            table = list(reader)
        except csv.Error as error:
            raise SourceError(f"not a valid CSV file ({error})") from None
        while table and not any(cell.strip() for cell in table[0]):
            table.pop(0)
        if not table:
            raise SourceError("no text found (the file is empty)")
        header = [_key(cell) for cell in table[0]]
        found = [h for h in header if h]
        sheet = set(header) >= _TIMELINEJS_SHEET
        if not sheet:
            _check_columns(found)
        title = None
        rows = []
        for number, cells in enumerate(table[1:], 1):
            if not any(cell.strip() for cell in cells):
                continue
            record = {name: unescape_cell(cell)
                      for name, cell in zip(header, cells, strict=False) if name}
            if sheet:
                if _key(record.get("type", "")) == "title":  # the title slide, not an event
                    title = _strip_html(record.get("headline")) or title
                    continue
                rows.append(_sheet_row(number, record))
            else:
                rows.append(_plain_row(number, record))
        return _to_source(_EventList(rows, title=title,
                                     form="timelinejs-sheet" if sheet else "list"), path)


@register
class JsonEventsReader(Reader):
    """An event list as JSON: a list, {"title", "date", "events"}, or TimelineJS JSON."""

    file_extensions: ClassVar[tuple[str, ...]] = (".json",)
    date_label: ClassVar[str] = "list"

    def parse(self, data: bytes, path: Path) -> Source:
        try:
            document = json.loads(decode_bytes(data))
        except json.JSONDecodeError as error:
            raise SourceError(f"not valid JSON ({error.msg}, line {error.lineno}, column "
                              f"{error.colno})") from None
        return _to_source(_from_records(document), path)


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader that keeps an impossible date ("2025-02-30") as a string instead of failing."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)  # type: ignore[arg-type]
        except ValueError:
            return self.construct_scalar(node)  # type: ignore[arg-type]


_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _SafeLoader.construct_yaml_timestamp)


@register
class YamlEventsReader(Reader):
    """An event list as YAML: the same shapes as JSON."""

    file_extensions: ClassVar[tuple[str, ...]] = (".yaml", ".yml")
    date_label: ClassVar[str] = "list"

    def parse(self, data: bytes, path: Path) -> Source:
        try:
            document = yaml.load(decode_bytes(data), Loader=_SafeLoader)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            where = f" at line {mark.line + 1}" if mark is not None else ""
            raise SourceError(f"not valid YAML{where}") from None
        return _to_source(_from_records(document), path)


EVENT_LIST_READERS = (CsvEventsReader, JsonEventsReader, YamlEventsReader)
"""The readers of event lists, whose rows carry their own dates."""
