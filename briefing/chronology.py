"""Events of every source -> one chronology: merged across sources, ordered, undated kept."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from briefing.actors import canonical_actors
from briefing.model import Chronology, Event, Problem, Source, UndatedItem

MERGE_MIN_SIMILARITY = 0.5
"""Two events on the same date are one when their content words overlap this much (Jaccard)."""

_WORD = re.compile(r"[^\W\d_]{3,}")
_STOPWORDS = frozenset(
    """the and for with that this from their have has had was were are been will would about
    into also which while where when they them his her its our your who whom what said says
    """.split()
)


def _words(event: Event) -> frozenset[str]:
    return frozenset(w.lower() for w in _WORD.findall(event.sentence)) - _STOPWORDS


def similarity(a: Event, b: Event) -> float:
    """Jaccard overlap of the content words of two events' sentences."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def same_event(a: Event, b: Event) -> bool:
    """Same date value, from different sources, and largely the same words."""
    if a.date.value != b.date.value or set(a.sources) & set(b.sources):
        return False
    return similarity(a, b) >= MERGE_MIN_SIMILARITY


def _merge(a: Event, b: Event) -> Event:
    return Event(
        date=a.date, summary=a.summary, sentence=a.sentence,
        citations=a.citations + b.citations, date_text=a.date_text,
        actors=tuple(dict.fromkeys(a.actors + b.actors)),
        quotes=a.quotes + tuple(q for q in b.quotes if q not in a.quotes),
        details=a.details + tuple(d for d in b.details if d not in a.details),
    )


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Fold events reported by several sources into one event with several citations."""
    merged: list[Event] = []
    by_value: dict[str, list[int]] = {}  # only events with the same date value can merge
    for event in events:
        candidates = by_value.setdefault(event.date.value, [])
        for i in candidates:
            if same_event(merged[i], event):
                merged[i] = _merge(merged[i], event)
                break
        else:
            candidates.append(len(merged))
            merged.append(event)
    return merged


def unify_actors(events: Sequence[Event]) -> list[Event]:
    """One spelling per actor across sources ("Antony Blinken" -> "Antony J. Blinken")."""
    names = [a for e in events for a in e.actors]
    names += [q.speaker for e in events for q in e.quotes if q.speaker]
    canonical = canonical_actors(names)
    return [
        replace(
            e,
            actors=tuple(dict.fromkeys(canonical.get(a, a) for a in e.actors)),
            quotes=tuple(replace(q, speaker=canonical.get(q.speaker, q.speaker))
                         if q.speaker else q for q in e.quotes),
        )
        for e in events
    ]


def build_chronology(
    per_source: Sequence[tuple[Source, list[Event], list[UndatedItem]]],
    problems: Sequence[Problem] = (),
) -> Chronology:
    """Merge, then order by date interval start, narrower precision first, then source order.

    Python's sort is stable, so events with equal keys keep source order and text order.
    """
    events = unify_actors([e for _, source_events, _ in per_source for e in source_events])
    events = merge_events(events)
    events.sort(key=lambda e: e.date.sort_key())
    undated = tuple(item for _, _, items in per_source for item in items)
    return Chronology(
        events=tuple(events),
        undated=undated,
        sources=tuple(source for source, _, _ in per_source),
        problems=tuple(problems),
    )
