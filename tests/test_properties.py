"""Property-based tests: random input never crashes, hangs or invents dates; nothing is lost.

Each property runs `EXAMPLES` examples (at least 2,000 in CI; set BRIEFING_HYPOTHESIS_EXAMPLES
for more on demand).
"""

from __future__ import annotations

import calendar
import contextlib
import os
import re
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.chronology import build_chronology
from briefing.dates import find_dates
from briefing.extract import extract_events, split_sentences
from briefing.model import Block, DateValue, Precision, Source
from briefing.sources import READERS, SourceError

EXAMPLES = int(os.environ.get("BRIEFING_HYPOTHESIS_EXAMPLES", "2000"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])

MONTHS = list(calendar.month_name)[1:]
REFERENCE = DateValue("2025-01-15", Precision.DAY, date(2025, 1, 15), date(2025, 1, 15))

# The parser reads years 1000-2199 as years (see briefing.dates._YEAR4).
dates = st.dates(min_value=date(1001, 1, 1), max_value=date(2199, 12, 31))
leap_days = st.integers(min_value=1004, max_value=2196).filter(calendar.isleap).map(
    lambda y: date(y, 2, 29))
words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
                max_size=40)
filler = st.lists(st.sampled_from(
    ["the", "council", "met", "and", "we", "may", "now", "said", "for", "three", "years",
     "Tomorrow", "Minister", "Paris", "in", "on", "at", "of", ",", ".", "24", "hours", "%"]),
    max_size=12).map(" ".join)


def _written(day: date, style: int) -> str:
    month = MONTHS[day.month - 1]
    return [
        f"{day.day} {month} {day.year}",
        f"{month} {day.day}, {day.year}",
        f"{day.isoformat()}",
        f"{month[:3]}. {day.day}, {day.year}",
    ][style]


@PROPERTY
@given(text=st.text(max_size=300))
def test_find_dates_never_crashes_and_spans_are_exact(text):
    mentions = find_dates(text, REFERENCE)
    last_end = 0
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text
        assert mention.start >= last_end  # ordered, non-overlapping
        last_end = mention.end
        assert mention.date.start <= mention.date.end


@PROPERTY
@given(day=st.one_of(dates, leap_days), style=st.integers(0, 3), before=filler, after=filler)
def test_a_written_date_is_found_at_its_own_day(day, style, before, after):
    expression = _written(day, style)
    text = f"{before} On {expression}, the council met {after}".strip()
    at = text.index(expression)
    found = [m for m in find_dates(text, REFERENCE) if m.start <= at < m.end]
    assert found, f"{expression!r} not found in {text!r}"
    value = found[0].date
    assert value.start <= day <= value.end
    assert value.value.startswith(day.isoformat())


@PROPERTY
@given(day=st.one_of(dates, leap_days), offset=st.integers(-12, 14), minute=st.integers(0, 59))
def test_front_matter_dates_with_time_zones_keep_their_written_day(day, offset, minute, ):
    from briefing.sources.dates_meta import parse_metadata_date

    stamp = f"{day.isoformat()}T{abs(offset) % 24:02d}:{minute:02d}:00{offset:+03d}:00"
    value = parse_metadata_date(stamp)
    assert value is not None and value.precision == Precision.DAY
    assert value.start == value.end == day


@PROPERTY
@given(day=dates, style=st.integers(0, 3))
def test_impossible_days_are_not_dates(day, style):
    month_days = calendar.monthrange(day.year, day.month)[1]
    month = MONTHS[day.month - 1]
    impossible = f"{month} {month_days + 1}, {day.year}"
    for mention in find_dates(f"It happened on {impossible}.", REFERENCE):
        # whatever is found must be a real interval, never a rolled-over day
        assert not mention.date.value.startswith(
            (date(day.year, day.month, month_days) + timedelta(days=1)).isoformat())


@PROPERTY
@given(data=st.binary(max_size=2000), extension=st.sampled_from(sorted(READERS)))
def test_readers_never_crash_on_random_bytes(tmp_path_factory, data, extension):
    reader = READERS[extension]()
    path = tmp_path_factory.getbasetemp() / f"random{extension}"
    try:
        source = reader.parse(data, path)
    except SourceError:
        return
    for block in source.blocks:
        assert block.text.strip()
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", block.text)


@PROPERTY
@given(title=words, date_value=st.one_of(st.text(max_size=30), dates.map(str), st.integers()),
       body=st.text(max_size=200))
def test_markdown_reader_survives_random_front_matter(tmp_path_factory, title, date_value, body):
    import yaml

    front = yaml.safe_dump({"title": title, "date": date_value}, allow_unicode=True)
    data = f"---\n{front}---\n{body}\n".encode("utf-8", "surrogatepass")
    with contextlib.suppress(SourceError):
        READERS[".md"]().parse(data, tmp_path_factory.getbasetemp() / "x.md")


sentences = st.lists(
    st.tuples(st.one_of(st.none(), st.one_of(dates, leap_days)), filler, st.integers(0, 3)),
    min_size=1, max_size=8)


@PROPERTY
@given(paragraphs=st.lists(sentences, min_size=1, max_size=4), dated=st.booleans())
def test_every_dated_sentence_reaches_an_event_and_nothing_is_lost(paragraphs, dated):
    """Reconciliation: each sentence is an event, inside one (detail), or undated material."""
    blocks = []
    expected_dates = []
    all_sentences = []
    for paragraph in paragraphs:
        parts = []
        for day, words_, style in paragraph:
            if day is None:
                sentence = f"The board {words_ or 'waited'} quietly."
            else:
                sentence = f"On {_written(day, style)}, the board {words_ or 'met'}."
                expected_dates.append(day)
            parts.append(sentence)
        text = " ".join(parts)
        blocks.append(Block(text))
        all_sentences.extend(text[s:e] for s, e in split_sentences(text))
    source = Source(path="p.md", name="p.md", title="Generated", blocks=tuple(blocks),
                    reference=REFERENCE if dated else None,
                    reference_origin="metadata" if dated else "none")
    events, undated = extract_events(source)
    chronology = build_chronology([(source, events, undated)])
    covered = [e.sentence for e in chronology.events] + [
        d for e in chronology.events for d in e.details] + [u.text for u in chronology.undated]
    for sentence in all_sentences:
        assert sentence in covered, sentence
    for day in expected_dates:
        assert any(e.date.start <= day <= e.date.end and e.date.precision == Precision.DAY
                   for e in chronology.events), day
    starts = [e.date.sort_key() for e in chronology.events]
    assert starts == sorted(starts)


@PROPERTY
@given(year=st.integers(100, 99999).filter(lambda y: not 1000 <= y <= 2199),
       month=st.integers(1, 12), day=st.integers(1, 28), style=st.integers(0, 1))
def test_years_outside_the_readable_range_never_become_an_inferred_year(year, month, day, style):
    written = _written(date(2000, month, day), style).replace("2000", str(year))
    for mention in find_dates(f"On {written}, the council met.", REFERENCE):
        assert not mention.date.inferred_year, (written, mention)
