"""A generator of realistic news-like sources with known dates, for repeatable benchmarks.

    .venv/bin/python benchmarks/corpus.py OUT_DIR [--docs 1000] [--seed 0]

Writes OUT_DIR/sources/ (the documents) and OUT_DIR/answers.json (the answer key). The same
seed gives the same files, byte for byte; document i is the same in a corpus of any size
(each document has its own generator, seeded by the corpus seed and i), so the first 10
documents of a 1,000-document corpus are the 10-document corpus.

The documents are news articles of 2 to 6 KB: mostly Markdown with front matter `date:`,
some plain text with a dateline ("PARIS, 8 January 2025"), some HTML pages with an
`article:published_time` meta (and navigation and a footer around the article). Each has a
headline, paragraphs of prose, actors with titles ("Interior Minister Claire Dubois"),
quotes, and a few dated sentences. Every dated sentence holds exactly one time expression,
of one of these kinds:

- absolute: "8 January 2025", "January 8, 2025", "Wednesday, 8 January 2025"
- partial: "8 January", "January 8" (the year is the source's)
- relative: "yesterday", "two days ago", "on Tuesday", "last Friday", "earlier today",
  "last month", "last year"
- range: "from 8 to 10 January", "between 3 and 5 February 2024", "from 28 February to
  2 March"
- month, year, quarter, season, decade: "in March 2024", "in February", "in 2019", "in the
  first quarter of 2024", "in the summer of 2023", "in the 1990s"

The other sentences carry distractors that are not dates: percentages, amounts, ages,
counts, scores, article numbers, "may" as a verb, "a march". The answer key gives, for each
document, its own date and the dates it states, resolved by this generator's own calendar
arithmetic (never by briefing): `{"text": "last Friday", "value": "2025-03-07", "kind":
"relative"}`, values as TIMEX3 (`2025-03-07`, `2025-03`, `2025`, `2025-Q1`, `2025-SU`, `199X`,
ranges `start/end`). `recall()` scores a chronology's events against it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from html import escape
from pathlib import Path
from typing import Any

MONTHS = ("January February March April May June July August September October November "
          "December").split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
NUMBERS = "zero one two three four five six seven eight nine ten".split()
ORDINAL_QUARTERS = ("first", "second", "third", "fourth")
SEASONS = (("spring", "SP"), ("summer", "SU"), ("autumn", "FA"), ("winter", "WI"))

FIRST = ("Claire Amina Tom Rosa Peter Lena Jonas Mei Carlos Fatima Oliver Ingrid Kwame Sofia "
         "Daniel Hana Marco Elif Samuel Nadia Victor Priya Lucas Chiara Andrei Yuki Omar Greta "
         "Felix Leila").split()
LAST = ("Dubois Yusuf Hale Martinez Lang Ortiz Berg Chen Alvarez Haddad Brennan Larsen Mensah "
        "Rossi Keller Sato Bianchi Demir Okafor Petrov Novak Sharma Moreau Conti Popescu Tanaka "
        "Rahman Lindqvist Weber Costa").split()
TITLES = ("Interior Minister", "Finance Minister", "Foreign Minister", "Health Minister",
          "Prime Minister", "President", "Mayor", "Senator", "Governor", "Judge",
          "Ambassador", "General", "Commissioner", "Chief Executive", "Police Chief",
          "Deputy Mayor", "Defence Minister", "Trade Minister")
ORGS = ("the European Commission", "the central bank", "the city council", "the Supreme Court",
        "the transport union", "the World Health Organization", "the port authority",
        "the electoral commission", "the national railway company", "the energy regulator",
        "the parliament's budget committee", "the United Nations", "the teachers' union",
        "the competition authority", "the state oil company", "the farmers' federation")
CITIES = ("Paris", "Lagos", "Berlin", "Nairobi", "Lisbon", "Warsaw", "Manila", "Lima", "Oslo",
          "Accra", "Madrid", "Hanoi", "Quito", "Tunis", "Vienna", "Bogotá", "Athens", "Dakar")
PUBLISHERS = ("Example News", "The Daily Ledger", "Harbour Times", "Continental Wire",
              "Metro Gazette", "Northern Post")
TOPICS = (
    ("strike", "the rail strike", "walked out over pay", "the unions"),
    ("budget", "the budget", "presented the draft budget", "the opposition"),
    ("trade", "the trade talks", "opened a new round of trade talks", "the delegation"),
    ("flood", "the floods", "declared a state of emergency after the floods", "rescuers"),
    ("election", "the election", "announced the date of the election", "the candidates"),
    ("court", "the ruling", "struck down the law on surveillance", "the judges"),
    ("merger", "the merger", "approved the merger of the two carriers", "the shareholders"),
    ("summit", "the summit", "hosted a regional security summit", "the delegates"),
    ("energy", "the energy plan", "published figures on gas imports", "the regulators"),
    ("health", "the vaccination campaign", "launched a vaccination campaign", "the clinics"),
)
VERBS_PAST = ("announced", "confirmed", "signed", "rejected", "approved", "postponed",
              "opened", "suspended", "launched", "criticised", "defended", "published")
OBJECTS = ("a new agreement on {t}", "the report on {t}", "an inquiry into {t}",
           "emergency funding for {t}", "a compromise on {t}", "the final plan for {t}",
           "new rules on {t}", "a review of {t}")
QUOTES = ("We will not back down until every family is safe",
          "This is a decisive moment for the whole region",
          "Nobody should pay twice for the same mistake",
          "The numbers speak for themselves, and they are not good",
          "We have listened, and we are ready to compromise",
          "It is too early to say what the consequences will be",
          "Our doors remain open to anyone who wants to talk",
          "This agreement protects jobs and it protects the public purse")


def _name(rnd: random.Random) -> str:
    return f"{rnd.choice(FIRST)} {rnd.choice(LAST)}"


def _distractor(rnd: random.Random) -> str:
    """A clause full of numbers and words that are not dates."""
    choices = (
        lambda: f"unemployment stood at {rnd.randrange(3, 15)}.{rnd.randrange(10)}%",
        lambda: f"the package is worth ${rnd.randrange(2, 90)}.{rnd.randrange(10)} million",
        lambda: f"the fund, worth €{rnd.randrange(120, 980)}m, grew by "
                f"{rnd.randrange(2, 30)} percent",
        lambda: f"{rnd.randrange(2, 9)},{rnd.randrange(100, 999)} jobs are at stake",
        lambda: f"the {rnd.randrange(35, 80)}-year-old "
                f"{rnd.choice(('lawyer', 'economist', 'engineer'))} has led the campaign",
        lambda: f"{_name(rnd)}, {rnd.randrange(25, 80)}, said the measures may take effect soon",
        lambda: f"the council voted {rnd.randrange(5, 12)}-{rnd.randrange(0, 5)} on the motion",
        lambda: f"protesters began a march towards the ministry with {rnd.randrange(2, 40)},000 "
                f"people",
        lambda: f"the index closed at {rnd.randrange(1000, 9999):,}.{rnd.randrange(10, 99)} "
                f"points",
        lambda: f"under Article {rnd.randrange(2, 99)} of the charter the plan may be revised",
        lambda: f"turnout was {rnd.randrange(40, 80)}.{rnd.randrange(10)} percent in "
                f"{rnd.randrange(200, 3000):,} polling stations",
        lambda: f"the company employs {rnd.randrange(2, 40)},000 people in "
                f"{rnd.randrange(3, 30)} countries",
        lambda: f"the ruling may be appealed within {NUMBERS[rnd.randrange(2, 10)]} weeks",
        lambda: f"prices of {rnd.randrange(2, 50)} kg sacks rose to {rnd.randrange(10, 99)} "
                f"dollars",
    )
    return rnd.choice(choices)()


@dataclass(frozen=True)
class Expression:
    phrase: str
    """As it stands in the sentence, with its preposition: "on 8 January 2025"."""
    text: str
    """The time expression alone: "8 January 2025"."""
    value: str
    kind: str


def _day(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]}"


def _us_day(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}"


def _month_value(d: date) -> str:
    return f"{d.year}-{d.month:02d}"


def _expression(rnd: random.Random, ref: date) -> Expression:
    """One time expression for a source dated `ref`, always in the past of `ref`."""
    kind = rnd.choices(("absolute", "partial", "relative", "range", "coarse"),
                       weights=(30, 20, 25, 10, 15))[0]
    start_of_year = date(ref.year, 1, 1)
    if kind == "partial" and ref - start_of_year < timedelta(days=2):
        kind = "absolute"
    if kind == "absolute":
        d = ref - timedelta(days=rnd.randrange(1, 400))
        form = rnd.randrange(3)
        text = (f"{_day(d)} {d.year}", f"{_us_day(d)}, {d.year}",
                f"{WEEKDAYS[d.weekday()]}, {_day(d)} {d.year}")[form]
        return Expression(f"on {text}", text, d.isoformat(), kind)
    if kind == "partial":  # within 300 days: the same day a year later must not fall
        # within a month after the source's date (a reader, and briefing, would take that one)
        first = max(start_of_year, ref - timedelta(days=300))
        d = first + timedelta(days=rnd.randrange((ref - first).days))
        text = _day(d) if rnd.random() < 0.6 else _us_day(d)
        return Expression(f"on {text}", text, d.isoformat(), kind)
    if kind == "relative":
        form = rnd.randrange(7)
        if form == 0:
            return Expression("yesterday", "yesterday", (ref - timedelta(1)).isoformat(), kind)
        if form == 1:
            n = rnd.randrange(2, 6)
            text = f"{NUMBERS[n]} days ago"
            return Expression(text, text, (ref - timedelta(n)).isoformat(), kind)
        if form == 2:  # "on Tuesday": the latest such day before the source's date
            weekday = rnd.choice([w for w in range(7) if w != ref.weekday()])
            back = (ref.weekday() - weekday) % 7
            return Expression(f"on {WEEKDAYS[weekday]}", WEEKDAYS[weekday],
                              (ref - timedelta(back)).isoformat(), kind)
        if form == 3:  # "last Friday" only where "the latest Friday" and "Friday of last
            # week" are the same day: a weekday not before the source's own in the week
            weekday = rnd.randrange(ref.weekday(), 7)
            back = (ref.weekday() - weekday) % 7 or 7
            text = f"last {WEEKDAYS[weekday]}"
            return Expression(text, text, (ref - timedelta(back)).isoformat(), kind)
        if form == 4:
            return Expression("earlier today", "today", ref.isoformat(), kind)
        if form == 5:
            previous = ref.replace(day=1) - timedelta(1)
            return Expression("last month", "last month", _month_value(previous), kind)
        return Expression("last year", "last year", str(ref.year - 1), kind)
    if kind == "range":
        form = rnd.randrange(3)
        if form == 0:  # within one month, before the source's date; its year when not the
            # source's own
            first = ref - timedelta(days=rnd.randrange(4, 200))
            first = first.replace(day=min(first.day, 25))
            last = first + timedelta(days=rnd.randrange(1, 4))
            text_year = "" if first.year == ref.year else f" {first.year}"
            text = f"from {first.day} to {last.day} {MONTHS[first.month - 1]}{text_year}"
            return Expression(text, text, f"{first.isoformat()}/{last.isoformat()}", kind)
        if form == 1:  # absolute, between … and …
            first = date(ref.year - rnd.randrange(1, 3), rnd.randrange(1, 13),
                         rnd.randrange(1, 24))
            last = first + timedelta(days=rnd.randrange(1, 5))
            text = f"between {first.day} and {last.day} {MONTHS[first.month - 1]} {first.year}"
            return Expression(text, text, f"{first.isoformat()}/{last.isoformat()}", kind)
        # across a month's end, with its year
        year = ref.year - rnd.randrange(1, 3)
        month = rnd.randrange(1, 12)
        last_day = date(year, month + 1, 1) - timedelta(1)
        first = last_day - timedelta(days=rnd.randrange(0, 3))
        last = last_day + timedelta(days=rnd.randrange(1, 4))
        text = f"from {_day(first)} to {_day(last)} {year}"
        return Expression(text, text, f"{first.isoformat()}/{last.isoformat()}", kind)
    form = rnd.randrange(6)  # coarse: month, year, quarter, season, decade
    if form == 0:
        year = ref.year - rnd.randrange(1, 4)
        month = rnd.randrange(1, 13)
        text = f"{MONTHS[month - 1]} {year}"
        return Expression(f"in {text}", text, f"{year}-{month:02d}", "month")
    earlier = [m for m in range(1, ref.month)  # "in February": the same rule as above
               if date(ref.year + 1, m, 1) > ref + timedelta(days=31)]
    if form == 1 and earlier:
        month = rnd.choice(earlier)
        return Expression(f"in {MONTHS[month - 1]}", MONTHS[month - 1],
                          f"{ref.year}-{month:02d}", "month")
    if form in (1, 2):
        year = ref.year - rnd.randrange(2, 30)
        return Expression(f"in {year}", str(year), str(year), "year")
    if form == 3:
        year = ref.year - rnd.randrange(1, 5)
        quarter = rnd.randrange(4)
        text = f"the {ORDINAL_QUARTERS[quarter]} quarter of {year}"
        return Expression(f"in {text}", text, f"{year}-Q{quarter + 1}", "quarter")
    if form == 4:
        year = ref.year - rnd.randrange(1, 5)
        season, code = rnd.choice(SEASONS[:3])  # winter spans two years: left out
        text = f"the {season} of {year}"
        return Expression(f"in {text}", text, f"{year}-{code}", "season")
    decade = rnd.choice((1970, 1980, 1990))
    text = f"the {decade}s"
    return Expression(f"in {text}", text, f"{decade // 10}X", "decade")


@dataclass
class Document:
    name: str
    format: str
    date: str
    title: str
    publisher: str
    dates: list[dict[str, str]] = field(default_factory=list)
    bytes: int = 0


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _dated_sentence(rnd: random.Random, expr: Expression, actor: str, topic: tuple[str, ...],
                    city: str) -> str:
    obj = rnd.choice(OBJECTS).format(t=topic[1])
    verb = rnd.choice(VERBS_PAST)
    org = rnd.choice(ORGS)
    form = rnd.randrange(5)
    if expr.kind in ("decade", "year") and form < 3:
        return _capitalize(f"{expr.phrase}, {org} first {verb} {obj}, a step {actor} recalled "
                           f"in {city}.")
    if form == 0:
        return f"{_capitalize(expr.phrase)}, {actor} {verb} {obj} in {city}."
    if form == 1:
        return f"{_capitalize(actor)} {verb} {obj} {expr.phrase}, officials in {city} said."
    if form == 2:
        return (f"{_capitalize(org)} {topic[2]} {expr.phrase}, and {actor} said "
                f"{_distractor(rnd)}.")
    if form == 3:
        return f"{_capitalize(actor)} {verb} {obj} in {city} {expr.phrase}."
    return (f"{_capitalize(expr.phrase)}, {topic[3]} met {actor} in {city}, where "
            f"{_distractor(rnd)}.")


def _filler(rnd: random.Random, actors: list[str], topic: tuple[str, ...]) -> str:
    who = rnd.choice(actors)
    last = who.split()[-1]
    forms = (
        lambda: f"According to {rnd.choice(ORGS)}, {_distractor(rnd)}.",
        lambda: f"{last} said {topic[1]} would be discussed again, adding that "
                f"{_distractor(rnd)}.",
        lambda: f"Critics argue that {topic[1]} came too late, and that {_distractor(rnd)}.",
        lambda: f"“{rnd.choice(QUOTES)},” {who} told reporters.",
        lambda: f"{_capitalize(topic[3])} were not convinced: “{rnd.choice(QUOTES)}.”",
        lambda: f"Analysts noted that {_distractor(rnd)}, while {_distractor(rnd)}.",
        lambda: f"In {rnd.choice(CITIES)}, {topic[3]} gathered outside {rnd.choice(ORGS)} "
                f"and {_distractor(rnd)}.",
        lambda: f"The office of {who} did not respond to a request for comment.",
        lambda: f"{_capitalize(topic[1])} has divided {rnd.choice(ORGS)} for months, and "
                f"observers say {_distractor(rnd)}.",
    )
    return rnd.choice(forms)()


def make_document(seed: int, index: int) -> tuple[Document, str]:
    """Document `index` of the corpus of `seed`: its answer-key entry and its file's text."""
    rnd = random.Random(f"briefing-corpus-{seed}-{index}")
    ref = date(2023, 1, 1) + timedelta(days=rnd.randrange(3 * 365))
    topic = rnd.choice(TOPICS)
    city = rnd.choice(CITIES)
    actors = [f"{title} {_name(rnd)}" for title in rnd.sample(TITLES, 3)]
    target = rnd.randrange(2000, 5600)
    expressions: list[Expression] = []
    paragraphs: list[list[str]] = []
    seen: set[str] = set()
    size = 0
    while size < target:
        paragraph: list[str] = []
        for _ in range(rnd.randrange(2, 5)):
            if rnd.random() < 0.25:
                expr = _expression(rnd, ref)
                expressions.append(expr)
                paragraph.append(_dated_sentence(rnd, expr, rnd.choice(actors), topic, city))
            else:
                sentence = _filler(rnd, actors, topic)
                for _ in range(5):  # no sentence twice in one article
                    if sentence not in seen:
                        break
                    sentence = _filler(rnd, actors, topic)
                seen.add(sentence)
                paragraph.append(sentence)
        paragraphs.append(paragraph)
        size += sum(len(s) + 1 for s in paragraph) + 1
    if not expressions:  # every document states at least one date
        expr = _expression(rnd, ref)
        expressions.append(expr)
        paragraphs[0].insert(0, _dated_sentence(rnd, expr, actors[0], topic, city))
    lead = actors[0].split()
    title = f"{lead[-1]} and {topic[1]}: {rnd.choice(VERBS_PAST)} in {city}"
    publisher = rnd.choice(PUBLISHERS)
    fmt = rnd.choices(("md", "txt", "html"), weights=(70, 15, 15))[0]
    slug = f"{topic[0]}-{city.lower().replace('á', 'a')}"
    name = f"{index:05d}-{slug}.{fmt}"
    headings = {rnd.randrange(1, len(paragraphs))} if len(paragraphs) > 3 else set()
    if fmt == "md":
        lines = ["---", f'title: "{title}"', f"publisher: {publisher}",
                 f"date: {ref.isoformat()}", "lang: en", "---", ""]
        for i, paragraph in enumerate(paragraphs):
            if i in headings:
                lines += [f"## {_capitalize(topic[3])} react", ""]
            lines += [" ".join(paragraph), ""]
        text = "\n".join(lines)
    elif fmt == "txt":
        dateline = rnd.choice((f"{city.upper()}, {_day(ref)} {ref.year}",
                               f"Published {_day(ref)} {ref.year}",
                               f"By {_name(rnd)} | {_us_day(ref)}, {ref.year}"))
        lines = [title, "", dateline, ""]
        for paragraph in paragraphs:
            lines += [" ".join(paragraph), ""]
        text = "\n".join(lines)
    else:
        body = "\n".join(
            (f"<h2>{escape(_capitalize(topic[3]))} react</h2>\n" if i in headings else "")
            + f"<p>{escape(' '.join(p))}</p>" for i, p in enumerate(paragraphs))
        text = (
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
            f"<title>{escape(title)} | {escape(publisher)}</title>\n"
            f"<meta property=\"og:title\" content=\"{escape(title)}\">\n"
            f"<meta property=\"og:site_name\" content=\"{escape(publisher)}\">\n"
            f"<meta property=\"article:published_time\" content=\"{ref.isoformat()}T"
            f"{rnd.randrange(6, 22):02d}:{rnd.randrange(60):02d}:00Z\">\n"
            "</head><body>\n<nav><a href=\"/\">Home</a> | <a href=\"/world\">World</a> | "
            "<a href=\"/business\">Business</a></nav>\n"
            f"<article><h1>{escape(title)}</h1>\n{body}\n</article>\n"
            f"<footer>© {ref.year} {escape(publisher)}. All rights reserved.</footer>\n"
            "</body></html>\n")
    doc = Document(name, fmt, ref.isoformat(), title, publisher,
                   [{"text": e.text, "value": e.value, "kind": e.kind} for e in expressions])
    doc.bytes = len(text.encode("utf-8"))
    return doc, text


def generate(folder: Path, docs: int, seed: int = 0) -> dict[str, Any]:
    """Write `docs` documents into `folder`; return the answer key (see the module's doc)."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for index in range(docs):
        doc, text = make_document(seed, index)
        (folder / doc.name).write_text(text, encoding="utf-8")
        entries.append(asdict(doc))
    return {"seed": seed, "docs": docs, "bytes": sum(e["bytes"] for e in entries),
            "dates": sum(len(e["dates"]) for e in entries), "documents": entries}


def write_corpus(out_dir: Path, docs: int, seed: int = 0) -> tuple[Path, Path, dict[str, Any]]:
    """OUT_DIR/sources/ and OUT_DIR/answers.json; returns (sources, key file, key)."""
    sources = out_dir / "sources"
    key = generate(sources, docs, seed)
    key_path = out_dir / "answers.json"
    key_path.write_text(json.dumps(key, indent=1) + "\n", encoding="utf-8")
    return sources, key_path, key


def _event_dates(events: Iterable[Any]) -> dict[str, set[str]]:
    """{source name: date values of its events}, from Event objects or their JSON dicts."""
    found: dict[str, set[str]] = {}
    for event in events:
        if isinstance(event, Mapping):
            value, sources = event["date"]["value"], event["sources"]
        else:
            value, sources = event.date.value, event.sources
        for name in sources:
            found.setdefault(Path(name).name, set()).add(value)
    return found


def recall(key: Mapping[str, Any], events: Iterable[Any]) -> dict[str, Any]:
    """How many of the key's dates are the date of an event citing their document.

    Returns `found`, `total`, `recall`, per-kind `{kind: [found, total]}`, `spurious` (event
    dates of a document that are neither in the key nor the document's own date: misread
    numbers, or dates resolved wrongly) and `misses` (the first 20 missed dates, for reading).
    """
    found_by_source = _event_dates(events)
    found = total = spurious = 0
    kinds: dict[str, list[int]] = {}
    misses: list[dict[str, str]] = []
    for doc in key["documents"]:
        values = found_by_source.get(doc["name"], set())
        stated = {d["value"] for d in doc["dates"]}
        spurious += len(values - stated - {doc["date"]})
        for d in doc["dates"]:
            hit = d["value"] in values
            total += 1
            found += hit
            counts = kinds.setdefault(d["kind"], [0, 0])
            counts[0] += hit
            counts[1] += 1
            if not hit and len(misses) < 20:
                misses.append({"document": doc["name"], "reference": doc["date"], **d})
    return {"found": found, "total": total, "recall": found / total if total else 1.0,
            "kinds": kinds, "spurious": spurious, "misses": misses}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out_dir", type=Path,
                        help="writes OUT_DIR/sources/ and OUT_DIR/answers.json")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args(argv)
    sources, key_path, key = write_corpus(options.out_dir, options.docs, options.seed)
    print(f"{key['docs']} documents, {key['bytes'] / 1e6:.2f} MB, {key['dates']} known dates: "
          f"{sources}/ and {key_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
