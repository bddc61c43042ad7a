"""Chronology -> what a reader sees: the Briefing and Timeline view models, format-neutral.

Both renderers (PDF and DOCX) take these view models, so both formats carry the same content.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from itertools import islice
from urllib.parse import urlsplit

from briefing.model import Chronology, Citation, DateValue, Event, Precision, Source
from briefing.text import excerpt

_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
_SEASONS = {"SP": "Spring", "SU": "Summer", "FA": "Autumn", "WI": "Winter"}


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _single_label(value: str, precision: Precision, start: date) -> str:
    time = value.split("T", 1)[1] if "T" in value else None
    match precision:
        case Precision.DAY | Precision.HOUR | Precision.MINUTE:
            label = f"{start.day} {_MONTHS[start.month - 1]} {start.year}"
            return f"{label}, {time}" if time else label
        case Precision.WEEK:
            return f"week of {start.day} {_MONTHS[start.month - 1]} {start.year}"
        case Precision.MONTH:
            return f"{_MONTHS[start.month - 1]} {start.year}"
        case Precision.QUARTER:
            return f"{value[5:7]} {value[:4]}"
        case Precision.SEASON:
            return f"{_SEASONS.get(value[5:7], value[5:7])} {value[:4]}"
        case Precision.YEAR:
            return value[:4]
        case Precision.DECADE:
            return f"{value[:3]}0s"
        case Precision.CENTURY:
            return f"{_ordinal(int(value[:2]) + 1)} century"
    return value


def date_label(d: DateValue) -> str:
    """A date as a reader writes it, at its real precision: "8 January 2025", "January 2025",
    "8–10 January 2025", "March–May 2024", "2019–2021", "14 January 2025, 09:00–17:00"; "about"
    when approximate."""
    if d.is_range:
        first, last = d.value.split("/", 1)
        if "T" in first and "T" in last and first[:10] == last[:10]:  # 09:00–17:00 on one day
            label = f"{_single_label(first, d.precision, d.start)}–{last[11:16]}"
        elif d.precision in (Precision.DAY, Precision.HOUR, Precision.MINUTE) \
                and "T" not in d.value:
            s, e = d.start, d.end
            if (s.year, s.month) == (e.year, e.month):
                label = f"{s.day}–{e.day} {_MONTHS[s.month - 1]} {s.year}"
            elif s.year == e.year:
                label = f"{s.day} {_MONTHS[s.month - 1]} – {e.day} {_MONTHS[e.month - 1]} {s.year}"
            else:
                label = f"{_single_label(first, d.precision, s)} – " \
                        f"{_single_label(last, d.precision, e)}"
        elif d.precision == Precision.MONTH and d.start.year == d.end.year:
            label = f"{_MONTHS[d.start.month - 1]}–{_MONTHS[d.end.month - 1]} {d.start.year}"
        elif d.precision == Precision.YEAR:
            label = f"{first[:4]}–{last[:4]}"
        else:
            end_precision = d.precision
            label = f"{_single_label(first, d.precision, d.start)} – " \
                    f"{_single_label(last, end_precision, _end_start(last, d.end))}"
    else:
        label = _single_label(d.value, d.precision, d.start)
    return f"about {label}" if d.approximate else label


def _end_start(value: str, end: date) -> date:
    """The first day of the last part of a range (for labelling it)."""
    if len(value) >= 10:
        return date.fromisoformat(value[:10])
    if len(value) == 7 and value[4] == "-" and value[5:].isdigit():
        return date(int(value[:4]), int(value[5:]), 1)
    return end


# --- view models ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """Where a row of an event list comes from, when it says so: its own publisher and URL (a
    spreadsheet of events, each row citing the article it is taken from)."""

    publisher: str | None
    url: str | None

    @property
    def label(self) -> str:
        """The publisher, else the URL's host."""
        return self.publisher or _host(self.url) or ""


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url).hostname or url
    return host.removeprefix("www.")


SOURCE_CITES = 12
"""Publishers listed under an event list in the timeline's Sources: a list of 300 rows from
as many sites would otherwise fill pages."""


@dataclass(frozen=True)
class Cited:
    """A publisher the rows of an event list cite, and how many of its events."""

    label: str
    events: int


@dataclass(frozen=True)
class SourceEntry:
    number: int
    name: str
    title: str
    publisher: str | None
    url: str | None
    date_label: str | None
    date_guessed: bool
    event_count: int
    cites: tuple[Cited, ...] = ()
    """An event list's: the publishers its rows cite (their URLs are linked at each event),
    most cited first, at most `SOURCE_CITES`."""
    more_cites: int = 0
    """How many more publishers its rows cite."""

    @property
    def site(self) -> str | None:
        """The URL's host ("example.org"): the briefing links it instead of printing the
        whole URL, which the timeline's appendix shows."""
        return _host(self.url)


@dataclass(frozen=True)
class QuoteEntry:
    text: str
    speaker: str | None
    refs: tuple[int, ...]


@dataclass(frozen=True)
class EventEntry:
    date_label: str
    date_value: str
    summary: str
    sentence: str | None
    """The full sentence, when it says more than the summary."""
    details: tuple[str, ...]
    """Sentences that continue the event, the first `TIMELINE_DETAILS` of them."""
    more_details: int
    """How many more sentences of context the sources hold (in the JSON export)."""
    refs: tuple[int, ...]
    """Numbers of the sources that report it (SourceEntry.number)."""
    actors: tuple[str, ...]
    quotes: tuple[QuoteEntry, ...]
    dated_by_source: bool
    """No date in the text: dated by the publication date of its source."""
    importance: float
    more_refs: int = 0
    """Sources that also report it but are not cited here for lack of room (briefing)."""
    disagreement: str | None = None
    """"Sources disagree: [3] gives 9 January 2025" when another source dates it otherwise."""
    origins: tuple[Origin, ...] = ()
    """The publishers and URLs its event-list rows cite (a row's own, not its file's)."""


@dataclass(frozen=True)
class DayGroup:
    label: str | None
    """The events' date as written ("8 January 2025", "8–10 January 2025"); None when it would
    only repeat the month or year heading above it (events dated to the month or year)."""
    events: tuple[EventEntry, ...]


@dataclass(frozen=True)
class MonthGroup:
    label: str | None
    """"January 2025" for the events within that month; for events directly under the year
    (not within one month) their own date label ("Autumn 2023", "about 2024") when they follow
    a month, else None: only the first group of a year has no heading (build_timeline)."""
    events: tuple[EventEntry, ...]
    days: tuple[DayGroup, ...] = ()
    """The same events grouped by date label, in order (a heading per day in both formats)."""


@dataclass(frozen=True)
class YearGroup:
    label: str
    months: tuple[MonthGroup, ...]


@dataclass(frozen=True)
class UndatedEntry:
    text: str
    refs: tuple[int, ...]


@dataclass(frozen=True)
class Timeline:
    title: str
    as_of: str
    span: str | None
    event_count: int
    source_count: int
    guessed_sources: tuple[SourceEntry, ...]
    years: tuple[YearGroup, ...]
    undated: tuple[UndatedEntry, ...]
    sources: tuple[SourceEntry, ...]
    problems: tuple[str, ...]
    key_people: tuple[str, ...] = ()
    """The most named actors (document keywords)."""


@dataclass(frozen=True)
class Briefing:
    title: str
    as_of: str
    span: str | None
    bottom_line: tuple[str, ...]
    key_dates: tuple[EventEntry, ...]
    """Most important events, shown in date order."""
    key_people: tuple[str, ...]
    quotes: tuple[QuoteEntry, ...]
    sources: tuple[SourceEntry, ...]
    more_sources: int = 0
    """Sources not listed for lack of room (all are in the timeline)."""
    all_sources: tuple[SourceEntry, ...] = ()
    """Every source, to choose the listed ones from."""


# --- building them ----------------------------------------------------------------------------


SENTENCE_MAX_CHARS = 600
"""A longer sentence is shown as an excerpt around its date (the export keeps it whole)."""
TIMELINE_DETAILS = 3
"""Sentences of context shown under an event; the rest is counted, never silently dropped."""


def importance(event: Event, recency: float) -> float:
    """How much an event matters for the one-page briefing, explained term by term:

    - corroboration: 3 points per source that reports it;
    - a date written in the text (not only the source's publication date): 2 points;
    - named actors: 1 point each, up to 3;
    - a direct quote attached: 1 point;
    - day precision (a concrete happening): 1 point;
    - recency: up to 2 points, linear in the event's rank by date (latest = 2).
    """
    score = 3.0 * len(event.sources)
    score += 2.0 if event.date_text is not None else 0.0
    score += min(len(event.actors), 3)
    score += 1.0 if event.quotes else 0.0
    score += 1.0 if event.date.precision in (Precision.DAY, Precision.HOUR, Precision.MINUTE) \
        else 0.0
    return score + 2.0 * recency


def safe_url(url: str | None) -> str | None:
    """A source's URL only when it is http(s): a `javascript:` or `file:` link is dropped."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


def _source_entries(chronology: Chronology) -> list[SourceEntry]:
    from briefing.sources import is_event_list

    counts = chronology.events_per_source
    cited = _row_publishers(chronology)
    entries = []
    for i, s in enumerate(chronology.sources, start=1):
        cites = cited.get(s.name, [])
        # an event list's rows carry their dates: nothing is assumed for it, and the as-of
        # date given to one without a date of its own is no date of it
        listed = is_event_list(s)
        entries.append(SourceEntry(
            number=i, name=s.name, title=s.title, publisher=s.publisher, url=safe_url(s.url),
            date_label=date_label(s.reference) if s.reference and not (
                listed and s.reference_is_guess) else None,
            date_guessed=s.reference_is_guess and not listed,
            event_count=counts.get(s.name, 0),
            cites=tuple(cites[:SOURCE_CITES]), more_cites=max(0, len(cites) - SOURCE_CITES),
        ))
    return entries


def cites_line(source: SourceEntry) -> str:
    """"Its rows cite Reuters (120 events); AP (80 events); and 3 more." (Word's Sources; the
    timeline template writes the same)."""
    listed = "; ".join(f"{c.label} ({c.events} event{'s' if c.events != 1 else ''})"
                       for c in source.cites)
    more = f"; and {source.more_cites} more" if source.more_cites else ""
    return f"Its rows cite {listed}{more}."


def _event_lists(chronology: Chronology) -> dict[str, Source]:
    """The event lists among the sources, by name: only their rows cite publishers of their
    own."""
    from briefing.sources import is_event_list

    return {s.name: s for s in chronology.sources if is_event_list(s)}


def _origin(citation: Citation, lists: dict[str, Source]) -> Origin | None:
    """The publisher and URL a row of an event list cites, other than its file's; None for a
    citation of any other source."""
    source = lists.get(citation.source)
    if source is None:
        return None
    publisher = citation.publisher if _folded(citation.publisher) != _folded(
        source.publisher) else None
    url = safe_url(citation.url) if citation.url != source.url else None
    return Origin(publisher, url) if publisher or url else None


def _folded(name: str | None) -> str | None:
    """A publisher's name as compared: "Reuters" and "reuters " are one."""
    return " ".join(name.split()).casefold() if name else None


def _origins(event: Event, lists: dict[str, Source]) -> tuple[Origin, ...]:
    """The publishers and URLs `event`'s rows of event lists cite, other than their file's;
    each once, however it is spelled ("Reuters", "reuters")."""
    found: dict[tuple[str | None, str | None], Origin] = {}
    for citation in event.citations:
        if (origin := _origin(citation, lists)) is not None:
            found.setdefault((_folded(origin.publisher), origin.url), origin)
    return tuple(found.values())


def _row_publishers(chronology: Chronology) -> dict[str, list[Cited]]:
    """For each event list, the publishers its rows cite (a URL's site for a row naming
    none), with the number of events citing each, most cited first, however each is spelled
    ("Reuters", "reuters"); none without event lists (a corpus of articles is not walked for
    nothing)."""
    lists = _event_lists(chronology)
    if not lists:
        return {}
    counts: dict[str, Counter[str]] = {}
    spelled: dict[str, str] = {}  # the first spelling of each folded label
    for event in chronology.events:
        counted: set[tuple[str, str]] = set()  # (list, folded label): once per event
        for citation in event.citations:
            origin = _origin(citation, lists)
            if origin is None or not (folded := _folded(origin.label)) \
                    or (citation.source, folded) in counted:
                continue
            counted.add((citation.source, folded))
            spelled.setdefault(folded, " ".join(origin.label.split()))
            counts.setdefault(citation.source, Counter())[folded] += 1
    return {name: [Cited(spelled[label], n) for label, n in found.most_common()]
            for name, found in counts.items()}


def _event_entries(chronology: Chronology, numbers: dict[str, int]) -> list[EventEntry]:
    total = len(chronology.events)
    lists = _event_lists(chronology)
    return [_event_entry(event, numbers, _recency(rank, total), lists)
            for rank, event in enumerate(chronology.events)]


def _recency(rank: int, total: int) -> float:
    """0 for the earliest of `total` events in date order, 1 for the latest."""
    return rank / (total - 1) if total > 1 else 1.0


def _event_entry(event: Event, numbers: dict[str, int], recency: float,
                 lists: dict[str, Source] | None = None) -> EventEntry:
    """`lists`: the event lists among the sources (`_event_lists`), whose rows may cite
    publishers of their own."""
    refs = tuple(numbers[s] for s in event.sources)
    return EventEntry(
        date_label=date_label(event.date),
        date_value=event.date.value,
        summary=event.summary,
        sentence=None if _says_the_same(event.sentence, event.summary, event.date_text)
        else excerpt(event.sentence, _offset(event), SENTENCE_MAX_CHARS),
        details=tuple(excerpt(d, 0, SENTENCE_MAX_CHARS)
                      for d in event.details[:TIMELINE_DETAILS]),
        more_details=max(0, len(event.details) - TIMELINE_DETAILS),
        refs=refs,
        actors=event.actors,
        quotes=tuple(QuoteEntry(q.text, q.speaker, refs) for q in event.quotes),
        dated_by_source=event.date_text is None,
        disagreement=_disagreement(event, numbers),
        importance=importance(event, recency),
        origins=_origins(event, lists) if lists else (),
    )


def _disagreement(event: Event, numbers: dict[str, int]) -> str | None:
    """The other dates given for what looks like the same event, as a reader's note."""
    if not event.conflicts:
        return None
    others = "; ".join(f"[{numbers[c.source]}] gives {date_label(c.date)}"
                       for c in event.conflicts if c.source in numbers)
    return f"Sources disagree on the date: {others}." if others else None


def _offset(event: Event) -> int:
    """Where the event's date expression stands in its sentence (0 when unknown)."""
    return max(0, event.sentence.find(event.date_text)) if event.date_text else 0


_NOT_ALNUM = re.compile(r"[\W_]+")
"""What str.isalnum() rejects: \\w is exactly the characters isalnum() accepts, and "_"."""


def _alnum(text: str) -> str:
    """The letters and digits of `text`, lower-cased ("Jan. 8, 2025" → "jan82025")."""
    return _NOT_ALNUM.sub("", text.lower())


def _says_the_same(sentence: str, summary: str, date_text: str | None = None) -> bool:
    """The summary is the sentence, or nearly all of it besides its date (`date_text`, which
    the date heading above shows): "5 May 2025: The board met." says no more than "The board
    met." under "5 May 2025"."""
    s, m = _alnum(sentence), _alnum(summary.rstrip("…"))
    if date_text and date_text in sentence:
        s = _alnum(sentence.replace(date_text, " ", 1))
    return m in s and len(m) >= 0.75 * len(s)


def _span(chronology: Chronology) -> str | None:
    if not chronology.events:
        return None
    first = min(chronology.events, key=lambda e: e.date.start).date
    last = max(chronology.events, key=lambda e: e.date.end).date
    if first == last and "T" not in first.value:
        return date_label(first)  # one date, or one range: "8–10 January 2025"
    a, b = _bound_label(first, 0), _bound_label(last, -1)
    return a if a == b else f"{a} – {b}"


def _bound_label(d: DateValue, which: int) -> str:
    """One end of a span: the start (`which` 0) or the end (-1) of `d`, at its precision but
    never finer than a day ("Covers 3 March 2024 – 25 January 2025", not the times or the
    whole ranges of the first and last events)."""
    part = d.value.split("/")[which]
    precision = d.precision
    if "T" in part:
        part, precision = part[:10], Precision.DAY
    label = _single_label(part, precision, d.start if which == 0 else _end_start(part, d.end))
    return f"about {label}" if d.approximate else label


_BY_DECADE = frozenset({Precision.DECADE, Precision.CENTURY})


def _group_key(event: Event) -> str:
    if event.date.precision in _BY_DECADE:
        return date_label(replace(event.date, approximate=False))
    return str(event.date.start.year)


def build_timeline(chronology: Chronology, title: str, as_of: str) -> Timeline:
    """Every event, grouped by year and month, with numbered citations and appendices."""
    sources = _source_entries(chronology)
    numbers = {s.name: s.number for s in sources}
    entries = _event_entries(chronology, numbers)
    years: list[YearGroup] = []
    by_year: dict[str, list[tuple[Event, EventEntry]]] = {}
    for event, entry in zip(chronology.events, entries, strict=True):
        by_year.setdefault(_group_key(event), []).append((event, entry))
    for label, items in by_year.items():
        groups = _month_groups(label, items)
        years.append(YearGroup(label, tuple(
            MonthGroup(k, tuple(v), _days(v, {k, label})) for k, v in groups)))
    undated = tuple(
        UndatedEntry(item.text, (numbers[item.citation.source],)) for item in chronology.undated
    )
    return Timeline(
        title=title, as_of=as_of, span=_span(chronology),
        event_count=len(chronology.events), source_count=len(chronology.sources),
        guessed_sources=tuple(s for s in sources if s.date_guessed),
        years=tuple(years), undated=undated, sources=tuple(sources),
        problems=tuple(str(p) for p in chronology.problems),
        key_people=key_people(chronology),
    )


def _within_month(d: DateValue) -> bool:
    """The date lies within one calendar month (month precision or finer, a range inside the
    month): filed under that month's heading."""
    return d.precision.rank <= Precision.MONTH.rank \
        and (d.start.year, d.start.month) == (d.end.year, d.end.month)


def _month_groups(label: str, items: list[tuple[Event, EventEntry]]
                  ) -> list[tuple[str | None, list[EventEntry]]]:
    """A year's events as the groups under its heading, in date order (a group where its first
    event is): a month's events under the month ("July 2023"); an event not within one month
    (a season, quarter, year, a range or week across months) directly under the year.

    Events directly under the year come first, in one group without a heading, until the first
    month; after a month they need a heading of the month's level, or they would read as part
    of that month: consecutive ones with the same date label ("Autumn 2023", "about 2024") are
    a group headed by that label. Those dated only to the year itself (their label is the
    year's) always go in the first group: they have no heading of their own."""
    groups: list[tuple[str | None, list[EventEntry]]] = []
    months: dict[str, list[EventEntry]] = {}
    last_by_label: list[EventEntry] | None = None  # the last group, when headed by its label
    for event, entry in items:
        d = event.date
        if _within_month(d):
            key = f"{_MONTHS[d.start.month - 1]} {d.start.year}"
            if key not in months:
                months[key] = []
                groups.append((key, months[key]))
                last_by_label = None
            months[key].append(entry)
        elif not months or entry.date_label == label:
            if not groups or groups[0][0] is not None:
                groups.insert(0, (None, []))
            groups[0][1].append(entry)
        elif last_by_label is not None and groups[-1][0] == entry.date_label:
            last_by_label.append(entry)
        else:
            last_by_label = [entry]
            groups.append((entry.date_label, last_by_label))
    return groups


def _days(events: list[EventEntry], headings: set[str | None]) -> tuple[DayGroup, ...]:
    """Consecutive events with the same date label under one heading. A label that only repeats
    the month or year heading above becomes None (no heading of its own): those events, dated
    no more finely than the month (or year), come first, so that none of them reads as if it
    belonged to the day above it."""
    days: list[DayGroup] = []
    unlabelled = [e for e in events if e.date_label in headings]
    for event in unlabelled + [e for e in events if e.date_label not in headings]:
        label = None if event.date_label in headings else event.date_label
        if days and days[-1].label == label:
            days[-1] = DayGroup(label, (*days[-1].events, event))
        else:
            days.append(DayGroup(label, (event,)))
    return tuple(days)


BRIEFING_KEY_DATES = 8
BRIEFING_PEOPLE = 8
BRIEFING_QUOTES = 2
BRIEFING_SOURCES = 8
BRIEFING_REFS = 3
"""Citations shown per key date or quote on the briefing; the rest are counted ("+17")."""
QUOTE_MAX_CHARS = 320


def _short_quote(text: str) -> str:
    """A quote kept whole when short; else cut at a sentence end inside it, never mid-word."""
    if len(text) <= QUOTE_MAX_CHARS:
        return text
    cut = text[:QUOTE_MAX_CHARS]
    end = max(cut.rfind(". "), cut.rfind("? "), cut.rfind("! "))
    if end > 60:
        return cut[:end + 1] + " …"
    return cut.rsplit(" ", 1)[0].rstrip(",;:") + " …"


def build_briefing(chronology: Chronology, title: str, as_of: str) -> Briefing:
    """The one-page briefing at its fullest; `briefing_trims` gives smaller versions to fit.

    Only the events it shows are turned into entries: with 100,000 events, ranking them is
    cheap, writing an excerpt of each is not."""
    sources = _source_entries(chronology)
    numbers = {s.name: s.number for s in sources}
    lists = _event_lists(chronology)
    events = chronology.events
    total = len(events)
    scores = [importance(e, _recency(i, total)) for i, e in enumerate(events)]
    ranked = sorted(range(total), key=lambda i: (-scores[i], -i))
    built: dict[int, EventEntry] = {}

    def entry(i: int) -> EventEntry:
        if i not in built:
            built[i] = _event_entry(events[i], numbers, _recency(i, total), lists)
        return built[i]

    key_dates = tuple(_few_refs(entry(i)) for i in sorted(_distinct(ranked, events)))
    bottom: list[str] = []
    if events:
        dated = [i for i, e in enumerate(events) if e.date_text is not None]
        latest, top = entry((dated or [total - 1])[-1]), entry(ranked[0])
        bottom.append(f"Latest: {latest.summary} ({latest.date_label})")
        if top is not latest:
            bottom.append(f"Most significant: {top.summary} ({top.date_label})")
        corroborated = sum(1 for e in events if len(e.sources) > 1)
        if corroborated:
            bottom.append(f"{corroborated} event(s) reported by more than one source.")
    people = key_people(chronology)
    if people:
        bottom.append("Most named: " + ", ".join(people[:3]) + ".")
    span = _span(chronology)
    bottom.append(
        f"{total} dated event(s) from {len(sources)} source(s)"
        + (f", {span}." if span else ".")
    )

    quotes: list[QuoteEntry] = []
    for i in ranked:
        if len(quotes) >= BRIEFING_QUOTES:
            break
        if any(q.speaker for q in events[i].quotes):
            quotes.extend(QuoteEntry(_short_quote(q.text), q.speaker, q.refs[:BRIEFING_REFS])
                          for q in entry(i).quotes if q.speaker)
    return _cite(Briefing(
        title=title, as_of=as_of, span=span, bottom_line=tuple(bottom[:5]),
        key_dates=key_dates, key_people=people, quotes=tuple(quotes[:BRIEFING_QUOTES]),
        sources=(), all_sources=tuple(sources),
    ))


def key_people(chronology: Chronology) -> tuple[str, ...]:
    """The people and organisations most named, the most named first: the well-known places
    among the actors ("Ukraine", "Paris": where things happened) are no one, however often
    named."""
    from briefing.actors import is_place

    people = (name for name, _ in chronology.actor_counts.most_common() if not is_place(name))
    return tuple(islice(people, BRIEFING_PEOPLE))


def _distinct(ranked: list[int], events: Sequence[Event]) -> list[int]:
    """The first BRIEFING_KEY_DATES of `ranked` that say something new: one sentence naming
    two dates ("since 10 September 2001 … on 10 September 2018") is two events, but it is one
    key date (the higher ranked), not the same words twice on one page."""
    chosen: list[int] = []
    seen: set[str] = set()
    for i in ranked:
        if len(chosen) >= BRIEFING_KEY_DATES:
            break
        if events[i].summary not in seen:
            seen.add(events[i].summary)
            chosen.append(i)
    return chosen


def _few_refs(entry: EventEntry) -> EventEntry:
    """At most BRIEFING_REFS citations (the first sources), the others counted: an event
    reported by 40 sources must not fill the page with their list."""
    if len(entry.refs) <= BRIEFING_REFS:
        return entry
    return replace(entry, refs=entry.refs[:BRIEFING_REFS], origins=entry.origins[:BRIEFING_REFS],
                   more_refs=entry.more_refs + len(entry.refs) - BRIEFING_REFS)


def _cite(briefing: Briefing) -> Briefing:
    """List the sources the page cites (every [n] shown resolves on the page), then, while
    there is room, the sources reporting most events."""
    cited = _cited_numbers(briefing)
    listed = [s for s in briefing.all_sources if s.number in cited]
    others = sorted((s for s in briefing.all_sources if s.number not in cited and s.event_count),
                    key=lambda s: (-s.event_count, s.number))
    listed += others[:max(0, BRIEFING_SOURCES - len(listed))]
    listed.sort(key=lambda s: s.number)
    return replace(briefing, sources=tuple(listed),
                   more_sources=len(briefing.all_sources) - len(listed))


def briefing_trims(briefing: Briefing) -> Iterator[Briefing]:
    """Ever smaller versions of a briefing, least important items dropped first.

    Order: key dates down to 3 (least important first), quotes down to 1, people down to 4,
    uncited sources dropped, bottom line down to 3 points, then key dates to 1 and no quote,
    each with the sources only it cited (no source is listed for nothing from then on).
    Sources cited by what remains on the page are always listed.
    """
    current = briefing

    def drop_least_important(b: Briefing) -> Briefing:
        worst = min(range(len(b.key_dates)), key=lambda i: (b.key_dates[i].importance, -i))
        return replace(b, key_dates=b.key_dates[:worst] + b.key_dates[worst + 1:])

    steps = [
        (lambda b: len(b.key_dates) > 3, drop_least_important),
        (lambda b: len(b.quotes) > 1, lambda b: replace(b, quotes=b.quotes[:-1])),
        (lambda b: len(b.key_people) > 4, lambda b: replace(b, key_people=b.key_people[:-1])),
        (lambda b: len(b.sources) > len(_cited_numbers(b)), _drop_uncited_source),
        (lambda b: len(b.bottom_line) > 3, lambda b: replace(b, bottom_line=b.bottom_line[:-1])),
        (lambda b: len(b.key_dates) > 1, lambda b: _only_cited(drop_least_important(b))),
        (lambda b: len(b.quotes) > 0, lambda b: _only_cited(replace(b, quotes=b.quotes[:-1]))),
    ]
    for can, step in steps:
        while can(current):
            current = step(current)
            yield current


def _cited_numbers(briefing: Briefing) -> set[int]:
    return {r for e in briefing.key_dates for r in e.refs} | {
        r for q in briefing.quotes for r in q.refs}


def _only_cited(briefing: Briefing) -> Briefing:
    """Without the listed sources nothing on the page cites any more."""
    cited = _cited_numbers(briefing)
    kept = tuple(s for s in briefing.sources if s.number in cited)
    return replace(briefing, sources=kept,
                   more_sources=briefing.more_sources + len(briefing.sources) - len(kept))


def _drop_uncited_source(briefing: Briefing) -> Briefing:
    cited = _cited_numbers(briefing)
    last = max(i for i, s in enumerate(briefing.sources) if s.number not in cited)
    return replace(briefing, sources=briefing.sources[:last] + briefing.sources[last + 1:],
                   more_sources=briefing.more_sources + 1)
