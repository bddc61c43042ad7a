"""Events of every source -> one chronology: merged across sources, ordered, undated kept."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import chain

from briefing.actors import canonical_actors
from briefing.model import Chronology, Conflict, DateValue, Event, Problem, Source, UndatedItem

MERGE_MIN_SIMILARITY = 0.5
"""Two reports are one event when their content words overlap this much (Jaccard) and their
dates are compatible (equal, or one contains the other: "January 2025" and "8 January 2025")."""
CONFLICT_MIN_SIMILARITY = 0.6
"""Two reports this alike whose dates cannot both be right are flagged, not merged."""
RARE_WORD_MAX_EVENTS = 50
"""Candidates for merging share a content word used by at most this many events (keeps the
comparison near-linear for large corpora; common words say nothing about sameness)."""

_WORD = re.compile(r"[^\W\d_]{3,}")
_STOPWORDS = frozenset(
    """the and for with that this from their have has had was were are been will would about
    into also which while where when they them his her its our your who whom what said says
    """.split()
)


_ASCII_WORD = re.compile(r"[a-z]{3,}")
"""`_WORD` in lower-case ASCII text: there, a letter is [A-Za-z] and lowering one keeps it a
letter, so `_ASCII_WORD.findall(text.lower())` lists `_WORD.findall(text)` lowered."""


class _Words(dict[str, frozenset[str]]):
    """The content words of each sentence, computed once: merging compares each event with
    many candidates, each time by its words."""

    def __missing__(self, sentence: str) -> frozenset[str]:
        if sentence.isascii():  # most sentences: lower the text once, not word by word
            found = frozenset(_ASCII_WORD.findall(sentence.lower()))
        else:
            found = frozenset(map(str.lower, _WORD.findall(sentence)))
        words = self[sentence] = found - _STOPWORDS
        return words


def similarity(a: Event, b: Event, words: _Words | None = None) -> float:
    """Jaccard overlap of the content words of two events' sentences."""
    words = _Words() if words is None else words
    wa, wb = words[a.sentence], words[b.sentence]
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / len(wa | wb)


def compatible(a: DateValue, b: DateValue) -> bool:
    """The same date, or one interval inside the other ("January 2025" ⊃ "8 January 2025")."""
    return a.value == b.value or (a.start <= b.start and b.end <= a.end) or (
        b.start <= a.start and a.end <= b.end)


def _dated_in_text(event: Event) -> bool:
    # An event dated only by its source's publication date says nothing about when it happened.
    return event.date_text is not None


def _different_actors(a: Event, b: Event) -> bool:
    """Both name who acted, and no one in common: "the union opened talks last year, and
    Minister Lindqvist said …" is not "the regulator opened talks on April 6, and Governor
    Keller said …", however many words they share."""
    return bool(a.actors and b.actors and not set(a.actors) & set(b.actors))


def same_event(a: Event, b: Event, words: _Words | None = None) -> bool:
    """Reported by different sources, at compatible dates, in largely the same words, by or
    about someone in common when both name anyone.

    Events dated by their source's publication date merge only at the very same date."""
    if set(a.sources) & set(b.sources) or _different_actors(a, b):
        return False
    if a.date.value != b.date.value and not (
            _dated_in_text(a) and _dated_in_text(b) and compatible(a.date, b.date)):
        return False
    return similarity(a, b, words) >= MERGE_MIN_SIMILARITY


def disagree(a: Event, b: Event, words: _Words | None = None) -> bool:
    """Clearly one happening (very alike, a shared actor when both name any), but dated
    incompatibly by different sources: keep both, flag both."""
    if set(a.sources) & set(b.sources) or not (_dated_in_text(a) and _dated_in_text(b)):
        return False
    if compatible(a.date, b.date) or _different_actors(a, b):
        return False
    return similarity(a, b, words) >= CONFLICT_MIN_SIMILARITY


def _narrower(a: DateValue, b: DateValue) -> DateValue:
    return b if (b.end - b.start) < (a.end - a.start) else a


def _merge(a: Event, b: Event) -> Event:
    date = _narrower(a.date, b.date)
    lead = b if date is b.date and date is not a.date else a
    return replace(
        lead, date=date,
        citations=a.citations + b.citations,
        actors=tuple(dict.fromkeys(a.actors + b.actors)),
        quotes=a.quotes + tuple(q for q in b.quotes if q not in a.quotes),
        details=a.details + tuple(d for d in b.details if d not in a.details),
        conflicts=a.conflicts + tuple(c for c in b.conflicts if c not in a.conflicts),
    )


def _candidates(events: Sequence[Event], words: _Words) -> list[set[int]]:
    """For each event, the earlier events sharing a rare content word with it.

    Words are counted first (in C: most events share no rare word with any other, and most
    words are either used once or by many events), then only the rare words are indexed."""
    word_sets = [words[e.sentence] for e in events]
    counts = Counter(chain.from_iterable(word_sets))
    rare = frozenset(w for w, n in counts.items() if 1 < n <= RARE_WORD_MAX_EVENTS)
    index: dict[str, list[int]] = {}
    for i, ws in enumerate(word_sets):
        if not ws.isdisjoint(rare):
            for w in ws:  # in the set's order, as the sets of `found` are filled in order
                if w in rare:
                    index.setdefault(w, []).append(i)
    found: list[set[int]] = [set() for _ in events]
    for ids in index.values():
        for k, j in enumerate(ids):
            found[j].update(ids[:k])
    return found


def merge_events(events: Iterable[Event]) -> list[Event]:
    """Fold events reported by several sources into one event with several citations, and
    flag events that sources date differently (kept apart, never silently resolved)."""
    events = list(events)
    words = _Words()  # a merged event's sentence is one of `events`': all computed once
    candidates = _candidates(events, words)
    merged: list[Event] = []
    home: dict[int, int] = {}  # event index -> index in `merged`
    for i, event in enumerate(events):
        for j in sorted(candidates[i]) if candidates[i] else ():
            k = home[j]
            if same_event(merged[k], event, words):
                merged[k] = _merge(merged[k], event)
                home[i] = k
                break
        else:
            home[i] = len(merged)
            merged.append(event)
    for i in range(len(events)):
        for j in candidates[i]:
            a, b = home[i], home[j]
            if a != b and disagree(merged[a], merged[b], words):
                merged[a] = _flag(merged[a], merged[b])
                merged[b] = _flag(merged[b], merged[a])
    return merged


def _flag(event: Event, other: Event) -> Event:
    new = tuple(Conflict(other.date, s) for s in other.sources
                if Conflict(other.date, s) not in event.conflicts)
    return replace(event, conflicts=event.conflicts + new) if new else event


def unify_actors(events: Sequence[Event]) -> list[Event]:
    """One spelling per actor across sources ("Antony Blinken" -> "Antony J. Blinken")."""
    names = [a for e in events for a in e.actors]
    names += [q.speaker for e in events for q in e.quotes if q.speaker]
    canonical = canonical_actors(names)
    respelled = {name for name, spelling in canonical.items() if spelling != name}
    return [e if len(set(e.actors)) == len(e.actors) and (not respelled or (
        respelled.isdisjoint(e.actors) and not any(q.speaker in respelled for q in e.quotes)))
            else _unified(e, canonical) for e in events]  # most events: nothing to respell


def _unified(event: Event, canonical: dict[str, str]) -> Event:
    """`event` with every actor and speaker spelled the canonical way (itself if it was)."""
    actors = tuple(dict.fromkeys(canonical.get(a, a) for a in event.actors))
    speakers = [canonical.get(q.speaker, q.speaker) if q.speaker else q.speaker
                for q in event.quotes]
    if actors == event.actors and all(
            s == q.speaker for s, q in zip(speakers, event.quotes, strict=True)):
        return event
    quotes = tuple(q if s == q.speaker else replace(q, speaker=s)
                   for s, q in zip(speakers, event.quotes, strict=True))
    return replace(event, actors=actors, quotes=quotes)


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
