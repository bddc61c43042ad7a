"""Merging across sources and ordering."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from briefing.chronology import build_chronology, merge_events
from briefing.model import Citation, DateValue, Event, Precision, Source


def day(value: str) -> DateValue:
    d = date.fromisoformat(value)
    return DateValue(value, Precision.DAY, d, d)


MONTH = DateValue("2025-01", Precision.MONTH, date(2025, 1, 1), date(2025, 1, 31))
YEAR_2023 = DateValue("2023", Precision.YEAR, date(2023, 1, 1), date(2023, 12, 31))


def event(when: DateValue, sentence: str, source: str) -> Event:
    return Event(date=when, summary=sentence, sentence=sentence,
                 citations=(Citation(source=source, title=source, paragraph=1),))


def test_same_event_from_two_sources_merges_into_one_with_two_citations():
    a = event(day("2025-01-08"), "Blinken visited Paris and met President Macron.", "a.md")
    b = event(day("2025-01-08"), "Blinken visited Paris, where he met President Macron.", "b.md")
    merged = merge_events([a, b])
    assert len(merged) == 1
    assert merged[0].sources == ("a.md", "b.md")


def test_different_events_on_the_same_day_stay_apart():
    a = event(day("2025-01-08"), "Blinken visited Paris and met President Macron.", "a.md")
    b = event(day("2025-01-08"), "Storms closed schools across northern Italy.", "b.md")
    assert len(merge_events([a, b])) == 2


def test_same_words_on_different_dates_stay_apart():
    a = event(day("2025-01-08"), "Blinken visited Paris and met President Macron.", "a.md")
    b = event(day("2025-01-09"), "Blinken visited Paris and met President Macron.", "b.md")
    assert len(merge_events([a, b])) == 2


def test_order_by_start_then_narrower_first_then_source_order():
    src = Source(path="s", name="s", title="s", blocks=())
    events = [
        event(day("2025-01-08"), "Late one.", "a.md"),
        event(MONTH, "Month one.", "a.md"),
        event(day("2024-04-02"), "Early one.", "b.md"),
        event(day("2025-01-01"), "New year.", "b.md"),
    ]
    chronology = build_chronology([(src, events, [])])
    assert [e.summary for e in chronology.events] == [
        "Early one.", "New year.", "Month one.", "Late one."]


def _texted(when: DateValue, sentence: str, source: str, actors=("Antony Blinken",)) -> Event:
    return Event(date=when, summary=sentence, sentence=sentence, date_text="x",
                 citations=(Citation(source=source, title=source, paragraph=1),),
                 actors=actors)


def test_compatible_precisions_merge_into_the_narrower_date():
    a = _texted(MONTH, "Blinken visited Paris and met President Macron at the Elysee.", "a.md")
    b = _texted(day("2025-01-08"), "Blinken visited Paris and met President Macron at the "
                "Elysee palace.", "b.md")
    merged = merge_events([a, b])
    assert len(merged) == 1
    assert merged[0].date.value == "2025-01-08"
    assert merged[0].sources == ("a.md", "b.md")


def test_a_publication_date_never_merges_with_a_narrower_text_date():
    a = event(MONTH, "Blinken visited Paris and met President Macron at the Elysee.", "a.md")
    b = _texted(day("2025-01-08"), "Blinken visited Paris and met President Macron at the "
                "Elysee.", "b.md")
    assert len(merge_events([a, b])) == 2


def test_sources_that_disagree_on_the_date_are_kept_apart_and_flagged():
    a = _texted(day("2025-01-08"), "Blinken visited Paris and met President Macron at the "
                "Elysee.", "a.md")
    b = _texted(day("2025-01-09"), "Blinken visited Paris and met President Macron at the "
                "Elysee.", "b.md")
    merged = merge_events([a, b])
    assert len(merged) == 2
    assert [c.date.value for c in merged[0].conflicts] == ["2025-01-09"]
    assert [c.source for c in merged[0].conflicts] == ["b.md"]
    assert [c.date.value for c in merged[1].conflicts] == ["2025-01-08"]


def test_near_miss_different_actors_are_not_a_conflict():
    a = _texted(day("2025-01-08"), "The minister visited Paris and met the president at the "
                "Elysee.", "a.md", actors=("Antony Blinken",))
    b = _texted(day("2025-03-09"), "The minister visited Paris and met the president at the "
                "Elysee.", "b.md", actors=("Annalena Baerbock",))
    merged = merge_events([a, b])
    assert len(merged) == 2 and not merged[0].conflicts and not merged[1].conflicts


def test_near_miss_similar_but_not_enough_is_not_merged():
    a = _texted(day("2025-01-08"), "Blinken visited Paris and met President Macron.", "a.md")
    b = _texted(day("2025-01-08"), "Blinken left Paris for London after a dinner with "
                "business leaders and students.", "b.md")
    assert len(merge_events([a, b])) == 2


def test_near_miss_different_actors_are_not_merged():
    """Shared wording (a newswire's stock phrases) is not the same happening when the people
    differ: merging would give one report the other's date."""
    a = _texted(YEAR_2023, "The union opened a new round of trade talks last year, and "
                "Minister Omar Lindqvist said the ruling may be appealed within seven weeks.",
                "a.md", actors=("Omar Lindqvist",))
    b = _texted(day("2023-04-06"), "The regulator opened a new round of trade talks on April 6, "
                "and Governor Omar Keller said the ruling may be appealed within seven weeks.",
                "b.md", actors=("Omar Keller",))
    merged = merge_events([a, b])
    assert [e.date.value for e in merged] == ["2023", "2023-04-06"]
    assert not merged[0].conflicts and not merged[1].conflicts
    # the same wording with someone in common is one event, at the narrower date
    c = replace(b, actors=("Omar Keller", "Omar Lindqvist"))
    assert [e.date.value for e in merge_events([a, c])] == ["2023-04-06"]


def test_events_per_source_counts_an_event_once_per_source():
    from briefing.model import Chronology

    a = event(day("2025-01-08"), "Blinken visited Paris and met President Macron.", "a.md")
    twice = replace(a, citations=(*a.citations, Citation("a.md", "a.md", 3),
                                  Citation("b.md", "b.md", 1)))
    other = event(day("2025-01-09"), "Storms closed schools.", "c.md")
    chronology = Chronology(events=(a, twice, other), undated=(), sources=())
    assert chronology.events_per_source == {"a.md": 2, "b.md": 1, "c.md": 1}


# --- the candidates of a merge, against their definition --------------------------------------

def _naive_words(sentence: str) -> frozenset[str]:
    """The content words as `chronology._WORD` defines them, each word lowered on its own."""
    from briefing.chronology import _STOPWORDS, _WORD

    return frozenset(w.lower() for w in _WORD.findall(sentence)) - _STOPWORDS


def _naive_candidates(sentences: list[str]) -> list[set[int]]:
    """For each sentence, the earlier ones sharing a word used by at most
    RARE_WORD_MAX_EVENTS sentences: the definition, pair by pair."""
    from briefing.chronology import RARE_WORD_MAX_EVENTS

    words = [_naive_words(s) for s in sentences]
    uses: dict[str, int] = {}
    for ws in words:
        for w in ws:
            uses[w] = uses.get(w, 0) + 1
    return [{j for j in range(i) if any(uses[w] <= RARE_WORD_MAX_EVENTS
                                        for w in words[i] & words[j])}
            for i in range(len(sentences))]


def _random_sentences(seed: int, count: int) -> list[str]:
    """Sentences over a skewed vocabulary (some words in most sentences, many in a few), with
    capitals, digits, stop words and non-ASCII letters whose lower case changes length."""
    import random

    rng = random.Random(seed)
    vocabulary = ["Minister", "talks", "said", "the", "Paris", "İstanbul", "Straße", "ÉTÉ",
                  "Ünal", "ΣΟΦΙΑ", "Kyiv", "naïve", "x2y", "co-operation", "O'Brien", "KFOR",
                  "ab", "ǅemal", "ﬁnance", "Ωmega"]
    vocabulary += [f"{rng.choice(['Alpha', 'beta', 'Gamma', 'delta'])}{'x' * k}"
                   for k in range(60)]
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    return [" ".join(rng.choices(vocabulary, weights, k=rng.randint(0, 12))) + "."
            for _ in range(count)]


def test_content_words_match_their_definition_in_any_script():
    from briefing.chronology import _Words

    sentences = [*_random_sentences(1, 400), "İSTANBUL İstanbul", "ǅEMAL Ǆemal ǆemal",
                 "ﬁnance FINANCE", "Ⅻ century", ""]
    words = _Words()
    assert [words[s] for s in sentences] == [_naive_words(s) for s in sentences]


def test_merge_candidates_match_their_definition():
    from briefing.chronology import _candidates, _Words

    for seed in range(4):
        sentences = _random_sentences(seed, 300)
        events = [event(day("2025-01-08"), s, f"{i}.md") for i, s in enumerate(sentences)]
        found = _candidates(events, _Words())
        assert found == _naive_candidates(sentences)
        assert any(found) and not all(found)  # the case is not trivial either way


def test_actor_counts_count_each_event_naming_an_actor_in_first_named_order():
    events = [replace(event(day(f"2025-01-0{i + 1}"), f"Event {i} happened.", f"{i}.md"),
                      actors=actors)
              for i, actors in enumerate([("Mei Chen", "Paris"), ("Paris",), (),
                                          ("Kwame Larsen", "Mei Chen")])]
    chronology = build_chronology([(Source(f"{i}.md", f"{i}.md", f"{i}", ()), [e], [])
                                   for i, e in enumerate(events)])
    assert list(chronology.actor_counts.items()) == [
        ("Mei Chen", 2), ("Paris", 2), ("Kwame Larsen", 1)]
    assert chronology.actor_counts.most_common(2) == [("Mei Chen", 2), ("Paris", 2)]
