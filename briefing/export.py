"""Exports of a chronology to the formats other tools read, and the JSON import.

* `to_json` — the full model (events with every field, undated items, sources, problems);
  `from_json` reads it back into the same `Event` objects (it also reads the list printed by
  ``briefing events --format json``).
* `to_csv` — one row per event; the file reads back as an event list (``.csv`` source).
* `to_ics` — iCalendar (RFC 5545): all-day events spanning the real interval of each date
  (a day is one day, "January 2025" the whole month, a range from its start to its end); a
  date with a time of day is a timed event. UIDs are stable and DTSTAMP comes from
  SOURCE_DATE_EPOCH or from the data, so the same chronology gives the same bytes.
* `to_timelinejs` — Knight Lab TimelineJS JSON, opened by TimelineJS as it is.
* `to_markdown` — a readable chronology grouped by year, with citations.

Every exporter is a pure function of the chronology: no clock, no network, no files.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import html
import io
import json
import os
import re
from itertools import groupby
from typing import Any

from briefing.model import (
    Chronology,
    Citation,
    DateValue,
    Event,
    Precision,
    Source,
    UndatedItem,
)
from briefing.sources.structured import escape_cell, parse_event_date
from briefing.views import date_label, safe_url

__all__ = [
    "FORMAT_VERSION",
    "from_json",
    "to_csv",
    "to_ics",
    "to_json",
    "to_markdown",
    "to_timelinejs",
]

FORMAT_VERSION = 1
"""Version of the `to_json` document; `from_json` reads this version and the plain list."""

_TIMED = (Precision.MINUTE, Precision.HOUR)


def _title(chronology: Chronology, title: str | None) -> str:
    if title:
        return title
    from briefing.pipeline import default_title

    return default_title(chronology)


# --- JSON ---------------------------------------------------------------------------------------


def _citation_dict(citation: Citation) -> dict[str, Any]:
    return {
        "source": citation.source, "title": citation.title, "paragraph": citation.paragraph,
        "publisher": citation.publisher, "url": citation.url,
        "source_date": citation.source_date.to_dict() if citation.source_date else None,
        "span": list(citation.span) if citation.span else None,
    }


def event_dict(event: Event) -> dict[str, Any]:
    """`Event.to_dict()` with the citations' source dates: every field of the event."""
    data = event.to_dict()
    data["citations"] = [_citation_dict(c) for c in event.citations]
    return data


def _source_dict(source: Source, events: int) -> dict[str, Any]:
    return {
        "name": source.name, "path": source.path, "title": source.title,
        "reference": source.reference.to_dict() if source.reference else None,
        "reference_origin": source.reference_origin, "publisher": source.publisher,
        "url": source.url, "lang": source.lang, "events": events,
        "metadata": source.metadata,
    }


def to_json(chronology: Chronology, title: str | None = None) -> dict[str, Any]:
    """The whole chronology as plain JSON data (``json.dumps`` it as it is)."""
    counts = chronology.events_per_source
    return {
        "format": "briefing-chronology",
        "version": FORMAT_VERSION,
        "title": _title(chronology, title),
        "events": [event_dict(e) for e in chronology.events],
        "undated": [{"text": u.text, "citation": _citation_dict(u.citation)}
                    for u in chronology.undated],
        "sources": [_source_dict(s, counts.get(s.name, 0)) for s in chronology.sources],
        "problems": [{"path": p.path, "message": p.message, "severity": str(p.severity)}
                     for p in chronology.problems],
    }


def from_json(data: dict[str, Any] | list[Any] | str | bytes) -> list[Event]:
    """The events of a `to_json` document (or of the ``events --format json`` list).

    Raises ValueError naming the first event that cannot be read.
    """
    if isinstance(data, str | bytes):
        data = json.loads(data)
    if isinstance(data, dict):
        version = data.get("version", FORMAT_VERSION)
        if version != FORMAT_VERSION:
            raise ValueError(f"unsupported chronology version {version!r} "
                             f"(this briefing reads version {FORMAT_VERSION})")
        items = data.get("events")
    else:
        items = data
    if not isinstance(items, list):
        raise ValueError("expected a chronology object with an 'events' list, or a list")
    events = []
    for number, item in enumerate(items, 1):
        try:
            events.append(Event.from_dict(item))
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise ValueError(f"event {number} cannot be read: {type(error).__name__}: "
                             f"{error}") from None
    return events


def undated_from_json(data: dict[str, Any]) -> list[UndatedItem]:
    """The undated items of a `to_json` document."""
    return [UndatedItem(str(u["text"]), Citation.from_dict(u["citation"]))
            for u in data.get("undated", ())]


# --- CSV ----------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "date", "date_label", "date_text", "precision", "interval_start", "interval_end", "approximate",
    "summary", "sentence", "actors", "quotes", "details", "publisher", "url", "sources",
    "citations",
)
"""Columns of `to_csv`. ``date`` is the TIMEX value (a range is ``start/end``); the interval
columns are not named start/end because an event list reads those as a range."""


def _cite_short(citation: Citation) -> str:
    return f"{citation.source} ¶{citation.paragraph}"


def to_csv(chronology: Chronology) -> str:
    """One row per event, in chronological order; reads back as a ``.csv`` event list."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for event in chronology.events:
        first = event.citations[0] if event.citations else None
        quotes = json.dumps([{"text": q.text, "speaker": q.speaker} for q in event.quotes],
                            ensure_ascii=False) if event.quotes else ""
        row = [
            event.date.value, date_label(event.date), event.date_text or "",
            str(event.date.precision),
            event.date.start.isoformat(), event.date.end.isoformat(),
            "yes" if event.date.approximate else "",
            event.summary, event.sentence, "; ".join(event.actors), quotes,
            "\n".join(event.details),
            (first.publisher or "") if first else "", (first.url or "") if first else "",
            "; ".join(event.sources), "; ".join(_cite_short(c) for c in event.citations),
        ]
        writer.writerow([escape_cell(cell) for cell in row])
    return out.getvalue()


# --- iCalendar ----------------------------------------------------------------------------------


def event_id(event: Event) -> str:
    """A stable identifier: a hash of the date value, the summary and where it was first
    reported (source and paragraph), not of every source: a calendar keeps the event when
    another source comes to report it too (a new UID would show it twice)."""
    first = event.citations[0] if event.citations else None
    key = "\0".join((event.date.value, event.summary, first.source if first else "",
                     str(first.paragraph) if first else ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def _unique_ids(events: tuple[Event, ...]) -> list[str]:
    seen: dict[str, int] = {}
    ids = []
    for event in events:
        base = event_id(event)
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


def stamp_time(chronology: Chronology) -> dt.datetime:
    """SOURCE_DATE_EPOCH when set; else midnight UTC of the latest date in the data."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    days = [s.reference.end for s in chronology.sources if s.reference is not None]
    days += [e.date.start for e in chronology.events]
    latest = max(days, default=dt.date(2000, 1, 1))
    return dt.datetime(latest.year, latest.month, latest.day, tzinfo=dt.UTC)


def _time_of(value: str) -> dt.datetime | None:
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})", value)
    if not m:
        return None
    try:
        return dt.datetime.fromisoformat(f"{m[1]}T{m[2]}:{m[3]}")
    except ValueError:
        return None


def _plain_description(event: Event) -> str:
    lines = [f"Date: {date_label(event.date)}" + (" (approximate)" if event.date.approximate
                                                   else "")]
    if event.sentence != event.summary:
        lines.append(event.sentence)
    lines.extend(event.details)
    lines.extend(f"“{q.text}”" + (f" — {q.speaker}" if q.speaker else "") for q in event.quotes)
    if event.actors:
        lines.append("Actors: " + ", ".join(event.actors))
    for citation in event.citations:
        where = ", ".join(x for x in (citation.publisher, f"{citation.source} ¶"
                                      f"{citation.paragraph}") if x)
        url = safe_url(citation.url)
        lines.append(f"Source: {citation.title} ({where})" + (f" {url}" if url else ""))
    return "\n".join(lines)


def to_ics(chronology: Chronology, title: str | None = None) -> str:
    """An iCalendar file: one VEVENT per event, at the real precision of its date."""
    from icalendar import Calendar
    from icalendar import Event as CalendarEvent

    from briefing import __version__

    calendar = Calendar()
    calendar.add("prodid", f"-//briefing//briefing {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _title(chronology, title))
    stamp = stamp_time(chronology)
    for event, uid in zip(chronology.events, _unique_ids(chronology.events), strict=True):
        item = CalendarEvent()
        item.add("uid", f"{uid}@briefing")
        item.add("dtstamp", stamp)
        item.add("summary", event.summary)
        first, _, last = event.date.value.partition("/")
        when = _time_of(first) if event.date.precision in _TIMED else None
        until = _time_of(last) if when is not None and last else None
        if when is not None:  # a time (a range of times: "from 9 a.m. to 5 p.m.")
            item.add("dtstart", when)
            if until is not None and until > when:
                item.add("dtend", until)
            elif event.date.precision == Precision.HOUR:
                item.add("dtend", when + dt.timedelta(hours=1))
        else:
            item.add("dtstart", event.date.start)
            item.add("dtend", event.date.end + dt.timedelta(days=1))
        item.add("description", _plain_description(event))
        url = next((u for c in event.citations if (u := safe_url(c.url))), None)
        if url:
            item.add("url", url)
        if event.date.approximate:
            item.add("status", "TENTATIVE")
        calendar.add_component(item)
    return calendar.to_ical().decode("utf-8")


# --- TimelineJS ---------------------------------------------------------------------------------


def _tl_date(day: dt.date, precision: Precision, value: str = "") -> dict[str, Any]:
    """A TimelineJS date object holding exactly the parts the precision knows."""
    parts: dict[str, Any] = {"year": day.year}
    if precision in (Precision.YEAR, Precision.DECADE, Precision.CENTURY):
        return parts
    parts["month"] = day.month
    if precision in (Precision.MONTH, Precision.QUARTER, Precision.SEASON):
        return parts
    parts["day"] = day.day
    when = _time_of(value) if precision in _TIMED else None
    if when is not None:
        parts["hour"] = when.hour
        parts["minute"] = when.minute
    return parts


def _end_precision(date: DateValue) -> tuple[Precision, str]:
    """Precision and value of the last part of a range (the start's when it cannot be read)."""
    last = date.value.split("/", 1)[1]
    try:
        return parse_event_date(last).precision, last
    except ValueError:
        return date.precision, last


def _slide_dates(date: DateValue) -> dict[str, Any]:
    first = date.value.split("/", 1)[0]
    dates: dict[str, Any] = {"start_date": _tl_date(date.start, date.precision, first)}
    if date.is_range:
        precision, last = _end_precision(date)
        if precision in _TIMED:  # the end's own day, not the interval's last day
            dates["end_date"] = _tl_date(date.end, precision, last)
        else:
            dates["end_date"] = _tl_date(date.end, precision)
    elif date.precision in (Precision.WEEK, Precision.QUARTER, Precision.SEASON,
                            Precision.DECADE, Precision.CENTURY):
        # TimelineJS knows years, months and days: show the interval these cover.
        narrower = {Precision.WEEK: Precision.DAY, Precision.QUARTER: Precision.MONTH,
                    Precision.SEASON: Precision.MONTH}.get(date.precision, Precision.YEAR)
        dates["start_date"] = _tl_date(date.start, narrower)
        dates["end_date"] = _tl_date(date.end, narrower)
    return dates


def _escape(text: str) -> str:
    """HTML text content (TimelineJS renders headline and text as HTML)."""
    return html.escape(text, quote=False)


def _slide_text(event: Event) -> str:
    e = _escape
    parts = []
    if event.sentence != event.summary:
        parts.append(f"<p>{e(event.sentence)}</p>")
    parts.extend(f"<p>{e(d)}</p>" for d in event.details)
    parts.extend(f"<blockquote>“{e(q.text)}”" + (f" — {e(q.speaker)}" if q.speaker else "")
                 + "</blockquote>" for q in event.quotes)
    if event.actors:
        parts.append(f"<p>Actors: {e(', '.join(event.actors))}</p>")
    cites = []
    for citation in event.citations:
        url = safe_url(citation.url)
        name = f'<a href="{html.escape(url)}">{e(citation.title)}</a>' if url \
            else e(citation.title)
        extra = ", ".join(x for x in (citation.publisher, f"{citation.source} ¶"
                                      f"{citation.paragraph}") if x)
        cites.append(f"{name} ({e(extra)})")
    if cites:
        parts.append("<p>Sources: " + "; ".join(cites) + "</p>")
    return "".join(parts)


def to_timelinejs(chronology: Chronology, title: str | None = None) -> dict[str, Any]:
    """A TimelineJS JSON document: a title slide and one slide per dated event.

    Undated items cannot be placed on a timeline: the title slide counts them.
    """
    e = _escape
    sources = len(chronology.sources)
    intro = f"{len(chronology.events)} events from {sources} source{'s' * (sources != 1)}."
    if chronology.undated:
        intro += f" {len(chronology.undated)} undated item(s) are not shown on the timeline."
    slides = []
    for event, uid in zip(chronology.events, _unique_ids(chronology.events), strict=True):
        slide: dict[str, Any] = _slide_dates(event.date)
        slide["display_date"] = date_label(event.date)
        slide["text"] = {"headline": e(event.summary), "text": _slide_text(event)}
        slide["unique_id"] = f"event-{uid}"
        slides.append(slide)
    return {
        "title": {"text": {"headline": e(_title(chronology, title)), "text": f"<p>{intro}</p>"},
                  "unique_id": "title"},
        "events": slides,
    }


# --- Markdown -----------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
_MD_LIST_START = re.compile(r"^(\d{0,9})([-+.)])(?=\s|$)")


def _md(text: str) -> str:
    """Text safe inside Markdown: no markup, no HTML, one line, and none read as the start of
    a list where it begins a line ("- x", "+ x", "1. x")."""
    return _MD_LIST_START.sub(r"\1\\\2", _MD_SPECIAL.sub(r"\\\1", " ".join(text.split())))


def _md_citation(citation: Citation) -> str:
    url = safe_url(citation.url)
    name = f"[{_md(citation.title)}](<{url}>)" if url and ">" not in url else _md(citation.title)
    extra = ", ".join(_md(x) for x in (citation.publisher, f"{citation.source} ¶"
                                       f"{citation.paragraph}") if x)
    return f"{name} ({extra})"


def to_markdown(chronology: Chronology, title: str | None = None) -> str:
    """A readable chronology: one section per year, each event with its date and citations."""
    lines = [f"# {_md(_title(chronology, title))}", ""]
    for year, events in groupby(chronology.events, key=lambda ev: ev.date.start.year):
        lines += [f"## {year}", ""]
        for event in events:
            label = date_label(event.date)
            lines.append(f"- **{label}** — {_md(event.summary)}")
            if event.sentence != event.summary:
                lines.append(f"  {_md(event.sentence)}")
            lines.extend(f"  - {_md(d)}" for d in event.details)
            lines.extend(f"  > “{_md(q.text)}”" + (f" — {_md(q.speaker)}" if q.speaker else "")
                         for q in event.quotes)
            if event.quotes:
                lines.append("")  # the quote ends: what follows is not part of it
            if event.actors:
                lines.append(f"  *Actors:* {_md(', '.join(event.actors))}")
            lines.append("  *Sources:* " + "; ".join(_md_citation(c) for c in event.citations))
        lines.append("")
    if chronology.undated:
        lines += ["## Undated", ""]
        lines.extend(f"- {_md(u.text)} — {_md_citation(u.citation)}" for u in chronology.undated)
        lines.append("")
    if chronology.sources:
        lines += ["## Sources", ""]
        for number, source in enumerate(chronology.sources, 1):
            url = safe_url(source.url)
            name = f"[{_md(source.title)}](<{url}>)" if url and ">" not in url \
                else _md(source.title)
            extra = [_md(x) for x in (source.publisher,) if x]
            if source.reference is not None:
                extra.append(date_label(source.reference))
            extra.append(_md(source.name))
            lines.append(f"{number}. {name} — {', '.join(extra)}")
        lines.append("")
    return "\n".join(lines)
