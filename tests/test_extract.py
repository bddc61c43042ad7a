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
    events, _ = extract_events(source(
        "On January 8, Antony Blinken visited Paris.",
        "They also addressed Syria. Both sides agreed.",
        "Unrelated background paragraph.",
    ))
    jan8 = next(e for e in events if e.date.value == "2025-01-08")
    assert jan8.details == ("They also addressed Syria.", "Both sides agreed.")
    context = next(e for e in events if e.date_text is None)
    assert context.sentence == "Unrelated background paragraph."


def test_a_heading_breaks_the_continuation():
    events, _ = extract_events(source(
        "On January 8, Antony Blinken visited Paris.", "Syria", "They also addressed Syria.",
        headings=(1,),
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
