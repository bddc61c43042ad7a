"""The data model shared by every stage: sources, dates, events, chronology."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import Any


class Precision(StrEnum):
    """How much of a date is known, narrowest first."""

    MINUTE = "minute"
    HOUR = "hour"
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    QUARTER = "quarter"
    YEAR = "year"
    DECADE = "decade"
    CENTURY = "century"

    @property
    def rank(self) -> int:
        """0 for the narrowest precision; used to order a narrower date first."""
        return _PRECISION_RANK[self]


_PRECISION_RANK = {precision: i for i, precision in enumerate(Precision)}


@dataclass(frozen=True)
class DateValue:
    """A normalized date: a TIMEX3-style value, its precision and the interval it covers."""

    value: str
    """TIMEX3-style value: ``2025-01-08``, ``2025-01``, ``2025-Q1``, ``199X``, ``2025-01-08T15:00``;
    a range is ``start/end`` of two such values."""
    precision: Precision
    """Precision of the expression (of its start, for a range)."""
    start: date
    """First day of the interval covered."""
    end: date
    """Last day of the interval covered (inclusive)."""
    approximate: bool = False
    """The text hedges: "about", "early", "late", "mid-"."""
    inferred_year: bool = False
    """The year was not written; it was taken from the reference date."""
    relative: bool = False
    """Resolved against the reference date ("yesterday", "last week")."""
    ambiguous: bool = False
    """More than one reading was possible (e.g. 03/04/2025 with no known day/month order)."""

    @property
    def is_range(self) -> bool:
        return "/" in self.value

    def sort_key(self) -> tuple[date, int, date, str]:
        """Order by start, then narrower interval first, then value."""
        return (self.start, self.precision.rank, self.end, self.value)

    def to_dict(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "precision": str(self.precision),
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "approximate": self.approximate,
            "inferred_year": self.inferred_year,
            "relative": self.relative,
            "ambiguous": self.ambiguous,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateValue:
        """Read back `to_dict()`; ValueError (or KeyError/TypeError) when it is not one."""
        start, end = date.fromisoformat(str(data["start"])), date.fromisoformat(str(data["end"]))
        if end < start:
            raise ValueError(f"date {data['value']!r} ends before it starts")
        return cls(
            value=str(data["value"]), precision=Precision(data["precision"]), start=start,
            end=end, approximate=bool(data.get("approximate", False)),
            inferred_year=bool(data.get("inferred_year", False)),
            relative=bool(data.get("relative", False)),
            ambiguous=bool(data.get("ambiguous", False)),
        )


@dataclass(frozen=True)
class DateMention:
    """A time expression found in a text, with its normalized date."""

    text: str
    """The expression as written."""
    start: int
    """Offset of its first character in the text."""
    end: int
    """Offset just after its last character ([start, end))."""
    date: DateValue

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "span": [self.start, self.end],
            **self.date.to_dict(),
        }


class Severity(StrEnum):
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input, reported to the user; never fatal to the whole run."""

    path: str
    """The file concerned (as given to the reader)."""
    message: str
    """What went wrong and, where useful, what to do about it."""
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.path}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class Block:
    """One paragraph or heading of a source's body text."""

    text: str
    heading: bool = False


@dataclass(frozen=True)
class Source:
    """One input document as read: its text and what we know about it."""

    path: str
    """Path as found (used in messages)."""
    name: str
    """File name, used to cite the source."""
    title: str
    blocks: tuple[Block, ...]
    """Body text as paragraphs and headings, in reading order."""
    reference: DateValue | None = None
    """The source's own date (publication date), at the precision it is known."""
    reference_origin: str = "none"
    """Where the reference date comes from: metadata | text | as-of | none."""
    publisher: str | None = None
    url: str | None = None
    lang: str = "en"
    metadata: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """Every other metadata field, as read."""
    events: tuple[Event, ...] = ()
    """Ready-made events of a structured source (an event list: .csv, .json, .yaml); a
    source of prose has none and its events are extracted from its text."""
    digest: str | None = field(default=None, compare=False)
    """The sha256 of the file's bytes as they were read (a file may change while a run reads
    it: the cache keys what was parsed by these bytes)."""

    @property
    def reference_is_guess(self) -> bool:
        """True when the date was not given by the source itself."""
        return self.reference_origin in ("as-of", "none")


@dataclass(frozen=True)
class Citation:
    """Where an event is reported: one source, one paragraph."""

    source: str
    """File name of the source."""
    title: str
    paragraph: int
    """1-based paragraph number in the source."""
    publisher: str | None = None
    url: str | None = None
    source_date: DateValue | None = None
    span: tuple[int, int] | None = None
    """[start, end) character offsets of the sentence in its paragraph's text."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Citation:
        source_date = data.get("source_date")
        return cls(
            source=str(data["source"]), title=str(data["title"]),
            paragraph=int(data["paragraph"]), publisher=data.get("publisher"),
            url=data.get("url"),
            source_date=DateValue.from_dict(source_date) if source_date else None,
            span=(int(data["span"][0]), int(data["span"][1])) if data.get("span") else None,
        )


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Conflict:
    """A source that dates the same happening differently ("sources disagree")."""

    date: DateValue
    source: str


@dataclass(frozen=True)
class Event:
    """Something that happened at a date, as reported by one or more sources."""

    date: DateValue
    summary: str
    """One line: the clause that carries the date, trimmed."""
    sentence: str
    """The full sentence the event comes from."""
    citations: tuple[Citation, ...]
    date_text: str | None = None
    """The expression that dates the event; None when it is dated by its source's own date."""
    actors: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    details: tuple[str, ...] = ()
    """Following sentences with no date of their own that continue this event."""
    conflicts: tuple[Conflict, ...] = ()
    """Other sources that report what looks like the same event at an incompatible date."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """Read back `to_dict()` (or `dataclasses.asdict`); the sentence defaults to the
        summary."""
        return cls(
            date=DateValue.from_dict(data["date"]),
            summary=str(data["summary"]),
            sentence=str(data.get("sentence") or data["summary"]),
            citations=tuple(Citation.from_dict(c) for c in data.get("citations", ())),
            date_text=data.get("date_text"),
            actors=tuple(str(a) for a in data.get("actors", ())),
            quotes=tuple(Quote(str(q["text"]), q.get("speaker"))
                         for q in data.get("quotes", ())),
            details=tuple(str(d) for d in data.get("details", ())),
            conflicts=tuple(Conflict(DateValue.from_dict(c["date"]), str(c["source"]))
                            for c in data.get("conflicts", ())),
        )

    @cached_property  # asked for often (views, merging); an Event never changes
    def sources(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.source for c in self.citations))

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.to_dict(),
            "date_text": self.date_text,
            "summary": self.summary,
            "sentence": self.sentence,
            "sources": list(self.sources),
            "actors": list(self.actors),
            "quotes": [{"text": q.text, "speaker": q.speaker} for q in self.quotes],
            "details": list(self.details),
            "conflicts": [{"date": c.date.to_dict(), "source": c.source}
                          for c in self.conflicts],
            "citations": [
                {"source": c.source, "title": c.title, "paragraph": c.paragraph,
                 "span": list(c.span) if c.span else None,
                 "publisher": c.publisher, "url": c.url}
                for c in self.citations
            ],
        }


@dataclass(frozen=True)
class UndatedItem:
    """Material with no date at all: kept, shown in the Undated section."""

    text: str
    citation: Citation


@dataclass(frozen=True)
class Chronology:
    """Every event of every source, ordered; undated material kept beside it."""

    events: tuple[Event, ...]
    undated: tuple[UndatedItem, ...]
    sources: tuple[Source, ...]
    """As cited: what is known about each source, without its text (see cache.as_cited)."""
    problems: tuple[Problem, ...] = ()

    @cached_property  # the default title, the briefing and the timeline each ask
    def actor_counts(self) -> Counter[str]:
        """How many events name each actor, in the order actors are first named."""
        return Counter(a for e in self.events for a in e.actors)

    @cached_property  # the manifest, the views and the JSON export each ask
    def events_per_source(self) -> dict[str, int]:
        """How many events cite each source (by name), an event once however often."""
        counts: dict[str, int] = {}
        for event in self.events:
            # most events have one citation: no tuple of its sources to make
            names = (event.citations[0].source,) if len(event.citations) == 1 else event.sources
            for name in names:
                counts[name] = counts.get(name, 0) + 1
        return counts
