"""Events from one source: sentences, summaries, actors, quotes and the attachment rules."""

from __future__ import annotations

from datetime import date

from briefing.extract import (
    extract_events,
    find_actors,
    find_quotes,
    split_sentences,
    summarize,
)
from briefing.model import Block, DateValue, Precision, Source

JAN_2025 = DateValue("2025-01", Precision.MONTH, date(2025, 1, 1), date(2025, 1, 31))
FEB_2025 = DateValue("2025-02", Precision.MONTH, date(2025, 2, 1), date(2025, 2, 28))


def source(*paragraphs: str, reference: DateValue | None = JAN_2025, title: str = "Report",
           headings: tuple[int, ...] = ()) -> Source:
    blocks = tuple(Block(p, heading=i in headings) for i, p in enumerate(paragraphs))
    return Source(path="x.md", name="x.md", title=title, blocks=blocks, reference=reference,
                  reference_origin="metadata" if reference else "none")


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_sentences_split_on_periods_but_not_abbreviations_or_initials():
    text = ("Secretary Antony J. Blinken met U.S. officials on Jan. 8 in Paris. "
            "Then he left. “It matters,” he said. Dr. Smith agreed!")
    assert sentences(text) == [
        "Secretary Antony J. Blinken met U.S. officials on Jan. 8 in Paris.",
        "Then he left.",
        "“It matters,” he said.",
        "Dr. Smith agreed!",
    ]


def test_a_day_and_its_dot_before_a_month_end_no_sentence():
    """"Am 9. Januar": the German (Danish, Finnish, Czech…) ordinal day, not a sentence end."""
    text = ("Am 9. Januar 2025 empfing Baerbock Fidan in Berlin. Bereits am 12. Februar reiste "
            "sie weiter. Es waren 9. Dann kam er. He won in 2009. January was cold.")
    assert sentences(text) == [
        "Am 9. Januar 2025 empfing Baerbock Fidan in Berlin.",
        "Bereits am 12. Februar reiste sie weiter.",
        "Es waren 9.", "Dann kam er.", "He won in 2009.", "January was cold.",
    ]


def test_summary_drops_the_leading_date_phrase():
    sentence = "On January 8, outgoing Secretary Blinken visited Paris."
    assert summarize(sentence, 3, 12) == "Outgoing Secretary Blinken visited Paris."


def test_summary_of_a_long_sentence_is_the_clause_with_the_date_and_never_cuts_words():
    sentence = ("The talks covered trade, energy and the war in Ukraine at great length and in "
                "much detail over many hours; on March 3 the ministers signed the accord that "
                "had been negotiated for months by their teams in several capitals of Europe.")
    at = sentence.index("March 3")
    summary = summarize(sentence, at, at + 7)
    assert summary.startswith("The ministers signed the accord")
    assert len(summary) <= 161
    words = set(sentence.replace(";", " ").replace(".", " ").split())
    assert all(w.rstrip(".…") in words for w in summary.split()[:-1])


def test_actors_strip_titles_and_skip_month_names():
    sentence = ("On January 8, outgoing U.S. Secretary of State Antony J. Blinken met French "
                "Foreign Minister Jean-Noël Barrot and President Emmanuel Macron in Paris.")
    actors = find_actors(sentence)
    assert "Antony J. Blinken" in actors
    assert "Jean-Noël Barrot" in actors
    assert "Emmanuel Macron" in actors
    assert not any("January" in a for a in actors)


def test_quote_with_speaker_after_it():
    sentence = "“We have an enduring belief that this matters,” Secretary Blinken emphasised."
    quotes = find_quotes(sentence, {"Blinken": "Antony Blinken"})
    assert len(quotes) == 1
    assert quotes[0].text == "We have an enduring belief that this matters"
    assert quotes[0].speaker == "Antony Blinken"


def test_dated_sentence_makes_an_event_and_its_paragraph_continues_it():
    events, undated = extract_events(source(
        "On January 8, Antony Blinken visited Paris. During their meeting, they discussed "
        "Ukraine."
    ))
    assert undated == []
    assert len(events) == 1
    event = events[0]
    assert event.date.value == "2025-01-08"
    assert event.date_text == "January 8"
    assert event.details == ("During their meeting, they discussed Ukraine.",)
    assert event.citations[0].paragraph == 1


def test_dateless_paragraphs_are_reported_at_the_source_date():
    events, undated = extract_events(source(
        "Talks went on.", "A Secure Tomorrow", "They agreed to meet again.",
        headings=(1,), title="Ministers meet in Paris",
    ))
    assert undated == []
    assert len(events) == 1
    event = events[0]
    assert event.date == JAN_2025
    assert event.date_text is None
    assert event.summary == "Ministers meet in Paris."
    assert event.sentence == "Talks went on."
    assert event.details == ("They agreed to meet again.",)


def test_headings_never_make_events():
    events, _ = extract_events(source("A Unified Front for a Secure Tomorrow", "Text here.",
                                      headings=(0,)))
    assert all("Tomorrow" not in e.sentence for e in events)


def test_undated_source_keeps_its_text_as_undated_items():
    events, undated = extract_events(source("Talks went on.", "They agreed.", reference=None))
    assert events == []
    assert [u.text for u in undated] == ["Talks went on.", "They agreed."]
    assert [u.citation.paragraph for u in undated] == [1, 2]


def test_absolute_dates_in_an_undated_source_still_make_events():
    events, undated = extract_events(source("On 3 March 2024, the council met. Nothing else.",
                                            reference=None))
    assert [e.date.value for e in events] == ["2024-03-03"]
    assert undated == []


def test_next_paragraph_opening_with_they_continues_the_dated_event():
    # Published in February: January 8 is not the lead event of the source's own date (rule 3a
    # does not apply), so the unrelated paragraph stays a context event.
    events, _ = extract_events(source(
        "On January 8, Antony Blinken visited Paris.",
        "They also addressed Syria. Both sides agreed.",
        "Unrelated background paragraph.",
        reference=FEB_2025,
    ))
    jan8 = next(e for e in events if e.date.value == "2025-01-08")
    assert jan8.details == ("They also addressed Syria.", "Both sides agreed.")
    context = next(e for e in events if e.date_text is None)
    assert context.sentence == "Unrelated background paragraph."


def test_a_heading_breaks_the_continuation():
    events, _ = extract_events(source(
        "On January 8, Antony Blinken visited Paris.", "Syria", "They also addressed Syria.",
        headings=(1,), reference=FEB_2025,  # not the lead event of the source's date (rule 3a)
    ))
    jan8 = next(e for e in events if e.date.value == "2025-01-08")
    assert jan8.details == ()


def test_summary_keeps_the_main_clause_when_the_date_is_inside_it():
    sentence = "Negotiators returned to Doha on Wednesday, two weeks after talks collapsed."
    at = sentence.index("Wednesday")
    assert summarize(sentence, at, at + 9) == sentence


def test_summary_keeps_since_and_until():
    sentence = "Since 2019 the mediators have met more than 40 times."
    assert summarize(sentence, 6, 10) == sentence


def test_possessive_before_a_title_is_not_part_of_the_name():
    actors = find_actors("Qatar's Prime Minister Mohammed bin Abdulrahman Al Thani spoke. "
                         "The People’s Republic of China agreed.")
    assert actors == ["Mohammed bin Abdulrahman Al Thani", "People’s Republic of China"]


def test_summary_of_a_giant_sentence_starts_near_its_date_and_cuts_between_words():
    sentence = "word " * 5000 + "On March 3, the long line ended."
    at = sentence.index("March 3")
    summary = summarize(sentence, at, at + 7)
    assert len(summary) <= 162
    assert summary.startswith("…") and "March 3, the long line ended." in summary
    assert all(w in ("word", "On", "March", "3,", "the", "long", "line", "ended.")
               for w in summary.lstrip("…").split())


def test_excerpt_marks_both_cuts():
    from briefing.text import excerpt

    text = " ".join(f"w{i}" for i in range(1000))
    cut = excerpt(text, text.index("w500"), 100, lead=20)
    assert cut.startswith("…") and cut.endswith("…")
    assert "w500" in cut and len(cut) <= 102
    assert all(w.startswith("w") and w[1:].isdigit() for w in cut.strip("…").split())


def test_lead_event_of_the_source_date_takes_the_undated_sentences_and_quotes():
    # Rule 3a: "On January 8" in a January 2025 article is the happening the article reports.
    events, undated = extract_events(source(
        "On January 8, Antony Blinken visited Paris.",
        "Secretary Blinken also met with Jean-Noël Barrot.",
        "“We have an enduring belief that this matters,” Secretary Blinken emphasised.",
    ))
    assert undated == []
    assert len(events) == 1
    jan8 = events[0]
    assert jan8.date.value == "2025-01-08"
    assert "Secretary Blinken also met with Jean-Noël Barrot." in jan8.details
    assert "Jean-Noël Barrot" in jan8.actors
    assert [q.speaker for q in jan8.quotes] == ["Antony Blinken"]


def test_no_lead_event_when_the_first_paragraph_is_undated():
    events, _ = extract_events(source("Talks went on.", "On January 8, the council met."))
    assert sorted(e.date.value for e in events) == ["2025-01", "2025-01-08"]


def test_actor_titles_ranks_and_organisations():
    actors = find_actors("Army Gen. Mark A. Milley and Secretary of Defense Lloyd J. Austin III "
                         "met Expedition 46 Commander Scott Kelly.")
    assert "Mark A. Milley" in actors and "Scott Kelly" in actors
    assert any(a.startswith("Lloyd J. Austin") for a in actors)
    assert not {"Army", "Gen", "Expedition"} & set(actors)


def test_actor_single_words_places_and_acronyms_but_not_demonyms_or_sentence_starts():
    actors = find_actors("Taiwan said two Norwegian soldiers met NASA and the UK in Greece, Italy "
                         "and Croatia September 27 at 5 p.m. EDT on Expedition 47.")
    assert actors == ["NASA", "UK", "Greece", "Italy", "Croatia"]


def test_actor_of_splits_person_from_organisation_but_keeps_institutions():
    actors = find_actors("Commander Tim Kopra of NASA met the Church of Scientology and the "
                         "loss in Libya of Ambassador J. Christopher Stevens.")
    assert actors == ["Tim Kopra", "NASA", "Church of Scientology", "Libya",
                      "J. Christopher Stevens"]


def test_actor_documents_titles_of_works_and_aliases_are_not_actors():
    actors = find_actors("The United States Geological Survey (USGS) cited the 'Dewey Defeats "
                         "Truman' story, this week’s NATO Summit and the Atlantic Declaration.")
    assert actors == ["United States Geological Survey", "NATO"]


def test_demonym_before_a_title_is_stripped():
    actors = find_actors("Pompeo met Bahraini Foreign Minister Sheikh Khalid bin Ahmed Al Khalifa.")
    assert "Khalid bin Ahmed Al Khalifa" in actors


def test_a_known_surname_opening_a_sentence_is_an_actor():
    events, _ = extract_events(source(
        "NASA astronaut Jeff Williams will launch on March 18.",
        "Williams will take command of the station on March 20.",
    ))
    command = next(e for e in events if "take command" in e.sentence)
    assert command.actors == ("Jeff Williams",)


def test_summary_keeps_a_leading_date_that_is_the_subject():
    sentence = "Tomorrow also marks six years since the tragic loss in Libya of four Americans."
    assert summarize(sentence, 0, 8) == sentence
    sentence = "Tomorrow we honor the nearly 3,000 people who were killed in the attacks."
    assert summarize(sentence, 0, 8).startswith("We honor")


def test_summary_of_a_long_sentence_with_an_early_date_keeps_its_opening():
    sentence = ("Expedition 47 crew members NASA astronaut Jeff Williams and two cosmonauts pose "
                "for a photograph before their qualification exams Wednesday, Feb. 24, 2016, at "
                "the Gagarin Cosmonaut Training Center in Star City, Russia, with their families.")
    at = sentence.index("Wednesday")
    summary = summarize(sentence, at, at + 24)
    assert summary.startswith("Expedition 47 crew members") and summary.endswith("…")


def test_citations_carry_the_sentence_span_in_its_paragraph():
    text = "Talks went on. On January 8, Antony Blinken visited Paris."
    events, _ = extract_events(source(text, reference=FEB_2025))
    jan8 = next(e for e in events if e.date.value == "2025-01-08")
    start, end = jan8.citations[0].span
    assert text[start:end] == jan8.sentence


def _known_by_regex(sentence: str, names: list[str]) -> list[str]:
    """The reference: one regex alternation of the names, whole words (no \\w or hyphen on
    either side), the first name that matches at a place."""
    import re

    pattern = re.compile("(?<![\\w-])(" + "|".join(map(re.escape, names)) + ")(?![\\w-])")
    return [m.group(1) for m in pattern.finditer(sentence)]


def test_known_names_are_found_as_a_regex_alternation_would_find_them():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from briefing.extract import _known_in

    alphabet = st.sampled_from(list("abAB -_'.é1"))
    names = st.lists(st.text(alphabet, min_size=1, max_size=4), min_size=1, max_size=5,
                     unique=True)

    @settings(max_examples=3000, deadline=None)
    @given(sentence=st.text(alphabet, max_size=30), names=names)
    def check(sentence: str, names: list[str]) -> None:
        ordered = sorted(names, key=len, reverse=True)
        assert _known_in(sentence, ordered) == _known_by_regex(sentence, ordered)

    check()
    assert _known_in("Williams, Will and Will-Smith met Williamson.",
                     ["Williams", "Will"]) == ["Williams", "Will"]
