"""Source -> events: sentences, the dates they carry, summaries, actors and quotes.

Rules (first version; each is tested in tests/test_extract.py):

1. A sentence with a time expression gives one event per distinct date it carries. The summary
   is the clause holding the expression, with a leading "On January 8," style phrase removed.
2. A sentence with no date of its own that follows a dated sentence in the same paragraph
   continues it: it becomes a detail of that event ("During their meeting, ..."). So does
   the next paragraph when it opens with a continuing word ("They also addressed ...",
   "Both leaders ...", see _CONTINUES) and no heading stands between them.
3. Every other sentence of a dated source is context reported at the source's own date: they
   form one event dated by the source (its lead sentence as summary, the rest as details), so a
   source whose text carries no date still appears at its publication date.
   3a. Except when the source's first paragraph opens with its lead event: a date to the day (or
   finer) that falls within the source's own date ("On January 8" in a January 2025 article,
   "this morning" in a readout). The report is then about that happening, and the other
   sentences (and their quotes) are its details rather than a second event at the same date.
4. A source with no date at all keeps its remaining sentences as undated items.
5. Actors are the names of each sentence (briefing/actors.py), plus any name the source gives
   elsewhere that the sentence repeats where the sentence rules alone miss it (a surname opening
   the sentence); short forms then take the fullest spelling of the source.
Headings never produce events; nothing else is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from briefing.actors import NOT_ACTORS, TITLES, canonical_actors, find_actors
from briefing.dates import find_dates
from briefing.model import (
    Citation,
    DateMention,
    DateValue,
    Event,
    Precision,
    Quote,
    Source,
    UndatedItem,
)
from briefing.text import excerpt

# Abbreviations that end with a period but do not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "gov", "sen", "rep", "col", "lt",
    "capt", "sgt", "adm", "cmdr", "maj", "pres", "amb", "hon", "rev", "no", "vs", "etc", "inc",
    "ltd", "co", "corp", "dept", "est", "approx", "fig", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat",
    "sun", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "i.e", "e.g",
}
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9À-Ý])")
_INITIAL_WORD = re.compile(r"(?:[A-Z]|(?:[A-Za-z]\.)+[A-Za-z])\.")
"""A word that is an initial ("J.") or initials ("D.C.")."""
_DAY_NUMBER = re.compile(r"[0-3]?\d\.")
_MONTHS_AFTER_A_DAY = frozenset("""
    januar jänner februar märz april mai juni juli august september oktober november dezember
    marts maj december mars desember
    tammikuuta helmikuuta maaliskuuta huhtikuuta toukokuuta kesäkuuta heinäkuuta elokuuta
    syyskuuta lokakuuta marraskuuta joulukuuta
    ledna února března dubna května června července srpna září října listopadu prosince
""".split())
"""Months written after a day and a dot, "am 9. Januar" (German, Danish, Norwegian, Finnish,
Czech): that dot ends no sentence."""


def _last_word(text: str, start: int, stop: int) -> str:
    """The last whitespace-separated word of text[start:stop], which ends with a non-space
    character, looked for in its last 24 characters unless the word is longer."""
    window = text[max(start, stop - 24):stop]
    word = window.rsplit(None, 1)[-1]
    if len(word) == len(window) and stop - 24 > start:  # no space in the window: look further
        word = text[start:stop].rsplit(None, 1)[-1]
    return word


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split a paragraph into sentences; returns [start, end) offsets, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        dot = match.start()
        if text[dot] == ".":  # an abbreviation or an initial does not end a sentence
            word = _last_word(text, start, dot + 1)
            if word.rstrip(".").lower() in _ABBREVIATIONS or _INITIAL_WORD.fullmatch(word):
                continue
            if _DAY_NUMBER.fullmatch(word) and text[match.end():].split(None, 1)[0].rstrip(
                    ",").lower() in _MONTHS_AFTER_A_DAY:
                continue
        end = match.end()
        spans.append((start, end))
        start = end
    spans.append((start, len(text)))
    trimmed = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


# --- summaries --------------------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?:and|but|while|whereas)\s+|\s+[–—]\s+")
_LEADING_COMMA_PHRASE = re.compile(r"^[^,“\"]{0,60},\s+")
_LEADING_DATE_WORD = re.compile(r"\s*(?:(?:on|in|at|during)\s+)?", re.IGNORECASE)


_SUBJECT_WORDS = {"we", "they", "he", "she", "it", "i", "you", "the", "a", "an", "our", "their",
                  "his", "her", "its", "this", "these", "those", "there"}


def _opens_clause(rest: str) -> bool:
    """What follows a leading date can stand alone: "Tomorrow we honor …" -> "We honor …", but
    not "Tomorrow also marks …" or "Today is …", where the date is the subject."""
    first = rest.lstrip(" ,").split(" ", 1)[0]
    return not first[:1].islower() or first.lower() in _SUBJECT_WORDS


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def summarize(sentence: str, date_start: int | None = None, date_end: int | None = None,
              max_chars: int = 160, drop_lead: bool = False) -> str:
    """The clause of `sentence` that carries the date at [date_start, date_end), trimmed.

    A leading date phrase ("On January 8, ...") is removed; a long sentence is cut to the clause
    holding the date, never mid-word. `drop_lead` removes a short leading phrase even when the
    sentence has no date ("In the evolving tapestry of global politics, X met Y" -> "X met Y").
    """
    text = sentence
    if date_start is not None and date_end is not None:
        # Keep the clause containing the date expression.
        if len(text) > max_chars:
            breaks = list(_CLAUSE_BREAK.finditer(text))
            bounds = [0] + [m.end() for m in breaks] + [len(text) + 1]
            starts = [0] + [m.start() for m in breaks] + [len(text)]
            for i in range(len(bounds) - 1):
                clause_start, clause_end = bounds[i], starts[i + 1]
                if clause_start <= date_start < clause_end:
                    text = text[clause_start:clause_end]
                    date_start -= clause_start
                    date_end -= clause_start
                    break
        if len(text) > max_chars and date_start > max_chars // 3:
            if date_end < max_chars:
                # No clause boundary near the date but the date is near the start: keep the
                # sentence's own opening (its subject) and cut the end, not the start.
                return _capitalize(excerpt(text, 0, max_chars))
            # The date is far in: start the summary just before it.
            return _capitalize(excerpt(text, date_start, max_chars, lead=40))
        # Drop a leading adverbial that holds the date: "On January 8, X did Y" -> "X did Y".
        # Only when nothing but a preposition stands before the date, and little after it
        # ("On Wednesday at 3 p.m., …"): "Negotiators returned on Wednesday, …" stays whole.
        if _LEADING_DATE_WORD.fullmatch(text[:date_start]) and len(text) - date_end > 20:
            lead = _LEADING_COMMA_PHRASE.match(text)
            if lead and date_end <= lead.end() <= date_end + 25:
                text = text[lead.end():]
            elif (not lead or lead.end() > date_end + 25) and _opens_clause(text[date_end:]):
                text = text[date_end:].lstrip(" ,")
    elif drop_lead:
        lead = _LEADING_COMMA_PHRASE.match(text)
        if lead and len(text) - lead.end() > 20:
            text = text[lead.end():]
    text = text.strip().strip(",;:–— ")
    text = _capitalize(text)
    if len(text) > max_chars:
        text = excerpt(text, 0, max_chars)
    elif text and text[-1] not in ".!?…”\"’":
        text += "."
    return text


# --- quotes -----------------------------------------------------------------------------------

_QUOTE = re.compile(r"[“\"]([^”\"]{12,}?)[”\"]")
_SAID = (
    r"(?:said|says|noted|added|told|stated|emphasi[sz]ed|highlighted|posted|wrote|declared|"
    r"stressed|explained|argued|warned|insisted|continued)"
)
_SPEAKER_AFTER = re.compile(rf"^[,\s]*(.+?)\s+{_SAID}\b")
# The clause after "said" or before it runs to a comma or a quote; a period ends it only where
# it ends a sentence, not in "U.S.", "Dr." or "St." (`_clause_end`, `_clause_start`).
_SPEAKER_AFTER_INVERTED = re.compile(rf"^[,\s]*{_SAID}\s+([^,;:“”\"]+)")
_SPEAKER_BEFORE = re.compile(rf"(?:^|\s)([^,“\"]+?)\s+{_SAID}\b[^“\"]*$")
_PERIOD = re.compile(r"\.")


def _ends_sentence(text: str, dot: int) -> bool:
    """Whether the period at `dot` ends a sentence: the word it closes is no abbreviation
    ("Sen.", "St.") nor initials ("U.S.", "J."), as in `split_sentences`."""
    word = text[:dot + 1].rsplit(None, 1)[-1]
    return word.rstrip(".").lower() not in _ABBREVIATIONS and not _INITIAL_WORD.fullmatch(word)


def _clause_end(text: str) -> str:
    """`text` up to its first period that ends a sentence: "U.S. President Joe Biden. Then"
    -> "U.S. President Joe Biden"."""
    for dot in _PERIOD.finditer(text):
        if _ends_sentence(text, dot.start()):
            return text[:dot.start()]
    return text


def _clause_start(text: str) -> str:
    """`text` after its last period that ends a sentence."""
    for dot in reversed(list(_PERIOD.finditer(text))):
        if _ends_sentence(text, dot.start()):
            return text[dot.end():]
    return text


def _may_quote(sentence: str) -> bool:
    """Whether `sentence` can hold a quote: _QUOTE opens with “ or \"; without either,
    find_quotes finds none."""
    return '"' in sentence or "“" in sentence


def find_quotes(sentence: str, actors: dict[str, str]) -> list[Quote]:
    """Direct quotes in a sentence with their speaker when the sentence names one."""
    quotes = []
    for match in _QUOTE.finditer(sentence):
        text = match.group(1).strip().rstrip(",")
        after = sentence[match.end():]
        before = sentence[:match.start()]
        speaker = None
        found = _SPEAKER_AFTER.search(after)
        if found:  # “…,” U.S. President Joe Biden said
            speaker = _speaker(found.group(1))
        elif found := _SPEAKER_AFTER_INVERTED.search(after):
            # “…,” said U.S. President Joe Biden at the White House: the name right after
            # "said" (kept before it, so that it does not open the text find_actors reads)
            speaker = _speaker("said " + _clause_end(found.group(1)), first=True)
        elif found := _SPEAKER_BEFORE.search(before):  # U.S. President Joe Biden said: “…”
            speaker_text = _clause_start(found.group(1)).strip()
            speaker = _speaker(speaker_text) if speaker_text else None
        quotes.append(Quote(text=text, speaker=actors.get(speaker, speaker) if speaker else None))
    return quotes


@lru_cache(maxsize=1 << 12)  # speakers recur ("Foreign Minister Mei Berg told reporters")
def _speaker(speaker_text: str, first: bool = False) -> str | None:
    """The name of whoever `speaker_text` says spoke: its last actor, else its last
    capitalised word that is no title; None when there is none. With `first`, its first
    instead: after "said" the speaker comes first ("said Joe Biden at the White House")."""
    named = find_actors(speaker_text) or [
        w for w in speaker_text.split()
        if w[:1].isupper() and w not in NOT_ACTORS and w not in TITLES
    ]
    if not named:
        return None
    return named[0] if first else named[-1]


PLACES_ARE_ACTORS = True
"""Whether a sentence's places count among its actors (rule 6 of briefing/actors.py). They do:
the hand annotations that benchmarks/events.py scores against list them ("Paris" in "Blinken
visited Paris", "Washington" in "met today in Washington"), and so does
tests/test_extract.py. False leaves them out of events, "who" lists and default titles ("talks
in Nairobi"); the annotations must then leave them out too, or the actor score drops."""

_CONTINUES = re.compile(
    r"(?:They|He|She|Both|The two|During|Furthermore|Also|In addition|Moreover|Later|"
    r"Afterwards|Earlier|There|Then)\b"
)
"""Words that open a paragraph continuing the one before (rule 2b)."""

# --- events -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    """An event being assembled (mutable while its source is walked)."""

    date: DateValue
    summary: str
    sentence: str
    paragraph: int
    date_text: str | None
    actors: list[str]
    quotes: list[Quote]
    details: list[str]


def _citation(source: Source, paragraph: int, span: tuple[int, int] | None = None
              ) -> Citation:
    return Citation(
        source=source.name, title=source.title, paragraph=paragraph,
        publisher=source.publisher, url=source.url, source_date=source.reference, span=span,
    )


def _letters(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _source_summary(source: Source, lead: str) -> str:
    """A source's own title says what it reports, unless it is just its file name."""
    stem = source.name.rsplit(".", 1)[0]
    if source.title and _letters(source.title) not in _letters(stem):
        return summarize(source.title)
    return summarize(lead, drop_lead=True)


def _distinct(mentions: list[DateMention]) -> list[DateMention]:
    if len(mentions) == 1:
        return mentions
    seen: set[str] = set()
    kept = []
    for mention in mentions:
        if mention.date.value not in seen:
            seen.add(mention.date.value)
            kept.append(mention)
    return kept


def _lead_event(drafts: list[_Draft], reference: DateValue | None) -> _Draft | None:
    """The event the source's first paragraph opens with, dated within the source's date."""
    if not drafts or reference is None or drafts[0].paragraph != 1:
        return None
    lead = drafts[0]
    if lead.date.precision.rank > Precision.DAY.rank or lead.date.is_range:
        return None
    return lead if reference.start <= lead.date.start and lead.date.end <= reference.end else None


def _known_in(sentence: str, names: Sequence[str]) -> list[str]:
    """The `names` that `sentence` holds as whole words (neither a word character nor a hyphen
    on either side), in text order, without overlaps; where several start at one place, the
    first of `names`. What one regex alternation of the names finds, without compiling a
    regex for every source (a thousand sources: 0.8 s of compiling)."""
    hits = []
    for rank, name in enumerate(names):
        start = sentence.find(name)
        while start >= 0:
            end = start + len(name)
            if not _joins(sentence, start - 1) and not _joins(sentence, end):
                hits.append((start, rank, end, name))
            start = sentence.find(name, start + 1)
    found, free_from = [], 0
    for start, _, end, name in sorted(hits):
        if start >= free_from:
            found.append(name)
            free_from = end
    return found


def _joins(text: str, i: int) -> bool:
    """Whether text[i] would join a name to its neighbour: a word character (regex \\w:
    alphanumeric or "_") or a hyphen; False outside the text."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "_-")


_CAPITALISED_RUN = re.compile(r"[A-ZÀ-ÖØ-Ý](?<![\w-].)[\w-]*")
"""A whole run of joining characters (what _joins joins: regex \\w is str.isalnum() or "_",
and hyphens) that opens with a capital: not preceded by one. Not × (U+00D7, between À and Ý),
which \\w does not hold. The capital comes first in the pattern so that the regex engine skips
to capitals (speed); the look-behind, two characters back, fails at the text's start."""


class _KnownNames:
    """The names of `_known_in` (in its order: `names`) to find in sentence after sentence,
    each sentence compared only with those that can be in it.

    A whole-word occurrence of a name starts where a run of joining characters (`_joins`)
    starts, and that run is the name's own first run, exactly: the name's next character is
    either not a joining one (the text has it too) or there is none (the text's next one is
    not a joining one: whole word). So a name opening with a capital can only be in a sentence
    that has its first run among its capitalised runs; the other names are always candidates."""

    def __init__(self, names: Sequence[str]) -> None:
        self.rank = {name: i for i, name in enumerate(names)}
        self.by_head: dict[str, list[str]] = {}
        self.always: list[str] = []
        for name in names:
            head = _CAPITALISED_RUN.match(name)
            if head:
                self.by_head.setdefault(head.group(), []).append(name)
            else:
                self.always.append(name)

    def candidates(self, sentence: str) -> list[str]:
        """The names that may be in `sentence` as whole words (in the order of `names`)."""
        heads = self.by_head.keys() & _CAPITALISED_RUN.findall(sentence)
        if not heads:
            return self.always
        candidates = self.always + [name for head in heads for name in self.by_head[head]]
        if len(candidates) > 1:
            candidates.sort(key=self.rank.__getitem__)
        return candidates


def _known_names(named: list[list[str]], sentences: list[str]) -> list[list[str]]:
    """Rule 5: a name the source already gave is recognised where the sentence rules alone miss
    it: a surname or one-word name at the start of a sentence ("Williams will take command",
    after "NASA astronaut Jeff Williams" elsewhere in the source).

    Only a name that is not already a word of the sentence's names is added: a sentence whose
    candidates (`_KnownNames.candidates`) all are is not searched."""
    known = set()  # last words of names of several words, and names of one
    words_of: dict[str, frozenset[str]] = {}
    for name in dict.fromkeys(a for names in named for a in names):
        words = name.split()
        words_of[name] = frozenset(words)
        if len(words) > 1 and words[-1][:1].isupper():
            known.add(words[-1])
        if " " not in name:
            known.add(name)
    if not known:
        return named
    finder = _KnownNames(sorted(known, key=len, reverse=True))
    result = []
    for names, sentence in zip(named, sentences, strict=True):
        candidates = finder.candidates(sentence)
        if candidates:
            words = set().union(*map(words_of.__getitem__, names))
            if not words.issuperset(candidates):
                extra = [name for name in _known_in(sentence, candidates) if name not in words]
                names = names + [e for e in dict.fromkeys(extra) if e not in names]
        result.append(names)
    return result


def extract_events(source: Source) -> tuple[list[Event], list[UndatedItem]]:
    """Events of one source, in text order, and its undated material."""
    if source.events:  # an event list: its events are given, not extracted
        return list(source.events), []
    # (paragraph, sentence, its offset in the paragraph, the mentions that start in it, whose
    # offsets are in the paragraph)
    sentences: list[tuple[int, str, int, list[DateMention]]] = []
    paragraphs: dict[int, str] = {}
    paragraph_no = 0
    after_heading: set[int] = set()  # paragraphs that a heading separates from the one before
    # The publisher and the source's own name are not actors of its events.
    not_actors = {source.publisher, source.title}
    named: list[list[str]] = []  # the actors each sentence names
    for block in source.blocks:
        if block.heading:
            after_heading.add(paragraph_no + 1)
            continue
        paragraph_no += 1
        text = paragraphs[paragraph_no] = block.text
        mentions = find_dates(text, source.reference, source.lang)
        for start, end in split_sentences(text):
            sentence = text[start:end]
            inside = [m for m in mentions if start <= m.start < end] if mentions else []
            sentences.append((paragraph_no, sentence, start, inside))
            names = find_actors(sentence, places=PLACES_ARE_ACTORS)
            if not not_actors.isdisjoint(names):
                names = [a for a in names if a not in not_actors]
            named.append(names)

    def cite(paragraph: int, sentence: str) -> Citation:
        at = paragraphs.get(paragraph, "").find(sentence)
        return _citation(source, paragraph, (at, at + len(sentence)) if at >= 0 else None)

    named = _known_names(named, [sentence for _, sentence, _, _ in sentences])
    canonical = canonical_actors([a for names in named for a in names])

    drafts: list[_Draft] = []
    context: list[tuple[int, str, list[str], list[Quote]]] = []
    last_dated_paragraph: int | None = None
    previous_paragraph = 0
    rename = canonical.__getitem__
    for (paragraph, sentence, at, mentions), names in zip(sentences, named, strict=True):
        actors = list(dict.fromkeys(map(rename, names))) if names else []
        quotes = find_quotes(sentence, canonical) if _may_quote(sentence) else []
        if (not mentions and paragraph != previous_paragraph and last_dated_paragraph is not None
                and paragraph == last_dated_paragraph + 1 and paragraph not in after_heading
                and _CONTINUES.match(sentence)):
            # Rule 2b: "They also addressed …" right after a dated paragraph continues it.
            last_dated_paragraph = paragraph
        previous_paragraph = paragraph
        if mentions:
            for mention in _distinct(mentions):
                drafts.append(_Draft(
                    date=mention.date,
                    summary=summarize(sentence, mention.start - at, mention.end - at),
                    sentence=sentence, paragraph=paragraph, date_text=mention.text,
                    actors=list(actors), quotes=list(quotes), details=[],
                ))
            last_dated_paragraph = paragraph
        elif drafts and last_dated_paragraph == paragraph:
            # Rule 2: continues the dated sentence before it in the same paragraph.
            drafts[-1].details.append(sentence)
            drafts[-1].actors.extend(a for a in actors if a not in drafts[-1].actors)
            drafts[-1].quotes.extend(quotes)
        else:
            context.append((paragraph, sentence, actors, quotes))

    undated: list[UndatedItem] = []
    lead = _lead_event(drafts, source.reference)
    if context and lead is not None:
        # Rule 3a: the report is about its lead event.
        lead.details.extend(c[1] for c in context)
        lead.actors.extend(a for c in context for a in c[2] if a not in lead.actors)
        lead.quotes.extend(q for c in context for q in c[3])
    elif context and source.reference is not None:
        # Rule 3: the rest is reported at the source's own date.
        paragraph, lead, _, _ = context[0]
        drafts.append(_Draft(
            date=source.reference,
            summary=_source_summary(source, lead),
            sentence=lead, paragraph=paragraph, date_text=None,
            actors=list(dict.fromkeys(a for c in context for a in c[2])),
            quotes=[q for c in context for q in c[3]],
            details=[c[1] for c in context[1:]],
        ))
    elif context:
        # Rule 4: no date anywhere: keep it, undated.
        undated = [UndatedItem(text=s, citation=cite(p, s)) for p, s, _, _ in context]

    events = [
        Event(
            date=d.date, summary=d.summary, sentence=d.sentence,
            citations=(cite(d.paragraph, d.sentence),), date_text=d.date_text,
            actors=tuple(d.actors), quotes=tuple(d.quotes), details=tuple(d.details),
        )
        for d in drafts
    ]
    return events, undated
