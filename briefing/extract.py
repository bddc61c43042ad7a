"""Source -> events: sentences, the dates they carry, summaries, actors and quotes.

Rules (first version; each is tested in tests/test_extract.py):

1. A sentence with a time expression gives one event per distinct date it carries. The summary
   is the clause holding the expression, with a leading "On January 8," style phrase removed.
   1a. A date that is a cell of its own (a table row, sources/word.py `join_cells`: "8 January
   2025: The board met.", "The minister resigned: 12 January 2025.", "Tokyo: 7 January 2025 —
   Blinken met Ishiba.") leaves the summary exactly, with its colon or dash: the timeline
   heads the event with its date. A last cell naming a news publisher ("… — Reuters") is the
   row's source: out of the summary and of the event's actors (tests/test_summaries_qa.py).
   1b. Footnote markers ("[1]", "[a]", "¹") leave summaries, sentences, details and undated
   items; citations keep pointing to the text as read.
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

from briefing.actors import (
    NEWS_PUBLISHERS,
    NOT_ACTORS,
    TITLES,
    canonical_actors,
    find_actors,
    is_news_publisher,
)
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
_SENTENCE_END = re.compile(
    r"[.!?…]+[\"”’')\]]*(?:\[(?:\d{1,3}|[a-z]|citation needed)\]|[¹²³⁰⁴-⁹]+)*"  # footnotes
    r"(?=\s+[\"“‘'(\[]?[A-Z0-9À-Ý])")
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
_ADVERBIAL_AFTER_DATE = re.compile(
    r"\s*,|\s+(?:at|in|around|about|after|before|from|by|local|shortly|early|late|morning|"
    r"afternoon|evening|night|\d)", re.IGNORECASE)
"""What may stand between a leading date and the comma that ends its phrase ("On Wednesday at
3 p.m., …", "On Monday in Paris, …"): not a subject ("On 8 January the minister, who …")."""

# --- footnotes, table cells -------------------------------------------------------------------

_FOOTNOTE = re.compile(
    r"[ \t]*\[(?:\d{1,3}|[a-z]|(?:note|nb|n) ?\d{1,3}|citation needed)\]"
    r"|(?<=[.,;:!?”\"’)\]])[¹²³⁰⁴-⁹]+|(?<=[a-z]{3})[¹²³⁰⁴-⁹]+")
"""A Wikipedia-style footnote marker: "[1]", "[12]", "[a]", "[note 3]", "[citation needed]", or
superscript digits after punctuation or a word ("vote.¹", "vote¹"); not the "²" of "km²"."""
_FOOTNOTE_MARK = re.compile(r"[\[¹²³⁰⁴-⁹]")
"""What every footnote marker holds: text without any has none (most text: one quick scan)."""


def _may_have_footnotes(text: str) -> bool:
    """Whether `text` may hold a footnote marker: a "[" or, in text that is not all ASCII, a
    superscript digit (`in` and `str.isascii` cost next to nothing; a regex scan of every
    sentence, twice per event, would show in the extraction's time)."""
    return "[" in text or (not text.isascii() and _FOOTNOTE_MARK.search(text) is not None)


def drop_footnotes(text: str) -> str:
    """`text` without footnote markers (`_FOOTNOTE`): copied from a wiki, "…no-confidence
    vote.[1]" would reach a minister's office with its "[1]", which points to nothing there."""
    return _drop_footnotes(text)[0] if _may_have_footnotes(text) else text


def _drop_footnotes(text: str, start: int | None = None, end: int | None = None
                    ) -> tuple[str, int | None, int | None]:
    """`drop_footnotes`, and where [start, end) (a date's offsets) is in the text it returns.
    A period doubled by the removal ("vote.[1].") is written once."""
    pieces: list[str] = []
    last = 0
    new_start, new_end = start, end
    for match in _FOOTNOTE.finditer(text):
        a, b = match.span()
        if b < len(text) and text[b] == "." and text[a - 1:a] == ".":
            b += 1  # "vote.[1]." -> "vote."
        if start is not None and new_start is not None and b <= start:
            new_start -= b - a
        if end is not None and new_end is not None and b <= end:
            new_end -= b - a
        pieces.append(text[last:a])
        last = b
    if not pieces:
        return text, start, end
    pieces.append(text[last:])
    return "".join(pieces), new_start, new_end


_CELL_SEPARATORS = (" — ", " – ", "—", "–", " - ", " (")
_PUBLISHER_LAST_WORDS = frozenset(
    form for name in NEWS_PUBLISHERS for word in [name.rsplit(None, 1)[-1]]
    for form in (word, word + ".", word + ")", word + ").", "(" + word + ")", "(" + word + ")."))
"""The last word of each known publisher as a text's last word may write it ("Reuters.",
"(AFP)."): a text whose last word is none of them ends with no source cell (most sentences:
one set look-up)."""


def _without_source_cell(text: str) -> str:
    """`text` without a last cell naming a news publisher: "… met union leaders — Reuters." ->
    "… met union leaders." A table's source column (joined by sources/word.py `join_cells`)
    says who reported the event; in the summary it reads as part of the event, and its name
    would count among the event's actors. Only known publishers (actors.NEWS_PUBLISHERS): a
    last cell may as well name who acted ("Talks held — Jean-Noël Barrot")."""
    if text[text.rfind(" ") + 1:] not in _PUBLISHER_LAST_WORDS:
        return text  # most sentences: their last word is no publisher's
    tail_start = max(0, len(text) - 48)
    tail = text[tail_start:]
    cut, width = -1, 0
    for separator in _CELL_SEPARATORS:
        at = tail.rfind(separator)
        if at > cut:
            cut, width = at, len(separator)
    if cut < 0:
        return text
    name = tail[cut + width:].rstrip(" .").strip()
    if width == 2 and tail[cut + 1] == "(":  # "… leaders (Reuters)."
        if not name.endswith(")"):
            return text
        name = name[:-1].strip()
    if not is_news_publisher(name) or not text[:tail_start + cut].strip():
        return text
    return text[:tail_start + cut].rstrip() + ("." if text.rstrip().endswith(".") else "")


_SEPARATOR_AFTER = re.compile(r"\s*:\s+|\s*[—–]\s*|\s+-\s+")
"""A colon or dash ending a cell (sources/word.py `join_cells`): "8 January 2025: The …"."""
_LABEL_WORDS = frozenset({"of", "de", "du", "des", "la", "le", "les", "the", "and", "upon", "on",
                          "am", "an", "der", "del", "di", "da", "sur", "en", "y", "e", "&"})
_WAITS_FOR_ITS_DATE = frozenset({
    "is", "was", "are", "were", "be", "been", "being", "on", "for", "until", "till", "by",
    "from", "to", "since", "before", "after", "as", "of", "at", "date", "deadline", "day",
    "said", "says", "say", "announced", "reads", "read", "is:", "was:",
})
"""Last words of a text that a date after a colon or dash completes ("The deadline is: 12
January 2025", "The minister said: 12 January"): that date is no cell of its own."""


def _is_label(text: str) -> bool:
    """A short cell of capitalised words, a place or a name ("Tokyo", "New York", "Ministry of
    Finance"), not a clause ("The minister resigned")."""
    words = text.rstrip(" .").split()
    return 0 < len(words) <= 5 and len(text) <= 40 and all(
        not word[:1].isalpha() or word[:1].isupper() or word in _LABEL_WORDS for word in words)


def _separator_before(text: str, date_start: int) -> int:
    """Where a colon or dash that ends the cell before the date starts: "Tokyo: 7 January" -> 5;
    -1 when the date does not follow one ("signed on 8 January")."""
    k = date_start
    while k and text[k - 1].isspace():
        k -= 1
    if not k or text[k - 1] not in ":—–-":
        return -1
    if text[k - 1] == "-" and (k == date_start or not text[k - 2:k - 1].isspace()):
        return -1  # a hyphen parts cells only with spaces around it ("2025 - Paris")
    k -= 1
    while k and text[k - 1].isspace():
        k -= 1
    return k


def _without_date_cell(text: str, date_start: int, date_end: int) -> str | None:
    """`text` without the date at [date_start, date_end) where the date is a cell of its own
    (a table row joined by `join_cells`, or a "DATE: event" line), None where it is not (the
    usual rules then apply), `text` itself where the date must stay (an apposition).

    The timeline shows the date as its heading: "8 January 2025: The board met." -> "The board
    met."; "The minister resigned: 12 January 2025." -> "The minister resigned."; "Tokyo: 7
    January 2025 — Blinken met Ishiba." -> "Tokyo — Blinken met Ishiba." (a place cell stays,
    as after a date: "8 January 2025: Paris — The minister …" -> "Paris — The minister …").
    Exactly the date and its separator go: what follows is the event, commas and all ("The
    minister, who was in Paris, …"). Prose keeps its date: "The deal — signed on 8 January —
    was …", "The deadline is: 12 January"."""
    if date_start == 0 or text[:date_start].isspace():  # the date opens the text
        after = _SEPARATOR_AFTER.match(text, date_end)
        if after is None or not any(c.isalnum() for c in text[after.end():]):
            return None
        rest = text[after.end():]
        dash = after.group().strip()
        if dash in "—–" and rest[:1].islower() and dash in rest:
            return text  # an apposition, no cell: "8 January — a Wednesday — was the day …"
        return rest
    before_end = _separator_before(text, date_start)  # most dates: no separator before them
    if before_end <= 0:
        return None
    before = text[:before_end]
    if not text[date_end:].strip(" ."):  # the date ends the text: "… resigned: 12 January."
        words = before.split()
        if len(words) < 2 or words[-1].lower() in _WAITS_FOR_ITS_DATE:
            return None
        return before
    after = _SEPARATOR_AFTER.match(text, date_end)
    if after is None:
        return None
    rest = text[after.end():]
    if _is_label(before) or _is_label(rest):  # "Tokyo: DATE — event", "event: DATE — Paris"
        return f"{before} — {rest}"
    return None


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
    if _may_have_footnotes(text):
        text, date_start, date_end = _drop_footnotes(text, date_start, date_end)
    text = _without_source_cell(text)
    if date_start is not None and date_end is not None and date_end <= len(text):
        without = _without_date_cell(text, date_start, date_end)
        if without is not None:  # a date cell: the timeline's heading says it
            if len(without) > max_chars and without != text:
                # A long row: its first clause, as the clause of a date would be, but not a
                # place cell ("Paris — …"): a break this far in ends a clause.
                for brk in _CLAUSE_BREAK.finditer(without, 40, max_chars):
                    without = without[:brk.start()]
                    break
            text, date_start, date_end = without, None, None
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
        # A comma closes the phrase only after what can follow a date in it ("at 3 p.m.", "in
        # Paris"), not a subject: "On 8 January the minister, who …" -> "The minister, who …".
        if _LEADING_DATE_WORD.fullmatch(text[:date_start]) and len(text) - date_end > 20:
            lead = _LEADING_COMMA_PHRASE.match(text)
            if lead and date_end <= lead.end() <= date_end + 25 and \
                    _ADVERBIAL_AFTER_DATE.match(text, date_end):
                text = text[lead.end():]
            elif _opens_clause(text[date_end:]):
                text = text[date_end:].lstrip(" ,")
    elif drop_lead:
        lead = _LEADING_COMMA_PHRASE.match(text)
        if lead and len(text) - lead.end() > 20:
            text = text[lead.end():]
    text = text.strip().strip(",;:–— ")
    text = _capitalize(text)
    if len(text) > max_chars:
        text = excerpt(text, 0, max_chars)
    elif text and text[-1] not in ".!?…”\"’" and not (text[-1] == "'" and text[-2:-1] in ".!?"):
        text += "."  # not after a quote closed by a straight quote: "… 'We will act.'"
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
    bodies: list[str] = []  # each sentence without a source cell, where actors are looked for
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
            # A last cell naming a news agency ("… — Reuters") says who reported, not who acted.
            body = _without_source_cell(sentence)
            bodies.append(body)
            names = find_actors(body, places=PLACES_ARE_ACTORS)
            if not not_actors.isdisjoint(names):
                names = [a for a in names if a not in not_actors]
            named.append(names)

    def cite(paragraph: int, sentence: str) -> Citation:
        at = paragraphs.get(paragraph, "").find(sentence)
        return _citation(source, paragraph, (at, at + len(sentence)) if at >= 0 else None)

    named = _known_names(named, bodies)
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
        undated = [UndatedItem(text=drop_footnotes(s), citation=cite(p, s))
                   for p, s, _, _ in context]

    # The documents show sentences without footnote markers; citations point to the text read.
    events = [
        Event(
            date=d.date, summary=d.summary, sentence=drop_footnotes(d.sentence),
            citations=(cite(d.paragraph, d.sentence),), date_text=d.date_text,
            actors=tuple(d.actors), quotes=tuple(d.quotes),
            details=tuple(map(drop_footnotes, d.details)),
        )
        for d in drafts
    ]
    return events, undated
