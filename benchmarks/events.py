"""Event extraction quality against hand annotations: precision/recall of events, dates, actors.

    .venv/bin/python benchmarks/events.py [--verbose] [--json] [--min-f1 0.6] [--min-actor-f1 0.6]

Each `tests/data/events/<stem>.json` annotates one source (`"source"`: its path from the repository
root): the events an analyst reads in it (`sentence`: a distinctive substring of the event's
sentence, or a list of them when the source tells one happening in several sentences and either
may carry it; `date`: the TIMEX value, with the source's date as reference; `actors`: people,
organisations and places the sentence names, titles stripped, `"A|B"` for accepted spellings, one
list per alternative sentence when there are several; optional `quotes` with `text` and
`speaker`), and `not_events`: sentences that are not events of their own (details of an event,
background, logistics, the dateline).

Each source is run alone through `briefing.pipeline.load_chronology` (so nothing merges across
sources) and scored:

- event: a predicted event matches an annotated one when its sentence contains the annotated
  substring and its date value is equal (one-to-one, in text order). Precision over all predicted
  events (context events dated by the source included), recall over annotated events.
- date accuracy: among events found by sentence alone, the share whose date value is right.
- actors: on every event found by sentence, the predicted actors named in that sentence (full
  name or last word: details add actors of their own sentences, which are not scored here)
  against the annotated ones; micro precision/recall.
- quotes: annotated quotes found in the source's events, and how many have the right speaker.
- spurious: `not_events` sentences that became an event of their own.
- dangling summaries: summaries opening mid-clause ("…", a lowercase word, "Also", "And" …).

`--min-f1` / `--min-actor-f1`: exit 1 when the overall event / actor F1 is below the threshold.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "tests" / "data" / "events"

_DANGLING = re.compile(r"^(?:…|[a-zà-ÿ]|(?:Also|And|But|Or|So|Then|Which|Who|That)\b)")


def normalize(text: str) -> str:
    """Compare texts whatever their quotes, dashes, periods, case and spacing."""
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"[’']s\b", "", text)
    text = text.replace(".", " ")
    return " ".join(text.casefold().split())


def _contains(sentence: str, part: str | list[str]) -> bool:
    parts = [part] if isinstance(part, str) else part
    return any(normalize(p) in normalize(sentence) for p in parts)


def _first(part: str | list[str]) -> str:
    return part if isinstance(part, str) else part[0]


def _gold_actors(event: dict[str, Any], sentence: str) -> list[str]:
    """The annotated actors; with alternative sentences, those of the one that matched."""
    actors = event.get("actors", [])
    if actors and isinstance(actors[0], list):
        index = next(i for i, part in enumerate(event["sentence"]) if _contains(sentence, part))
        return list(actors[index])
    return list(actors)


def _alternatives(name: str) -> set[str]:
    return {normalize(n) for n in name.split("|") if n.strip()}


@dataclass
class Score:
    """Counts for one source (or summed over all)."""

    gold: int = 0
    predicted: int = 0
    matched: int = 0
    found: int = 0
    """Annotated events found by sentence alone, whatever their date."""
    actor_tp: int = 0
    actor_fp: int = 0
    actor_fn: int = 0
    quotes: int = 0
    quotes_found: int = 0
    quotes_speaker: int = 0
    spurious: int = 0
    not_events: int = 0
    dangling: int = 0
    misses: list[str] = field(default_factory=list)
    """Human-readable notes on each error (for --verbose)."""

    def add(self, other: Score) -> None:
        for name, value in asdict(other).items():
            if isinstance(value, int):
                setattr(self, name, getattr(self, name) + value)
            else:
                getattr(self, name).extend(value)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def date_accuracy(self) -> float:
        return self.matched / self.found if self.found else 1.0

    @property
    def actor_precision(self) -> float:
        predicted = self.actor_tp + self.actor_fp
        return self.actor_tp / predicted if predicted else 1.0

    @property
    def actor_recall(self) -> float:
        gold = self.actor_tp + self.actor_fn
        return self.actor_tp / gold if gold else 1.0

    @property
    def actor_f1(self) -> float:
        return _f1(self.actor_precision, self.actor_recall)

    def figures(self) -> dict[str, Any]:
        return {
            "events": {"gold": self.gold, "predicted": self.predicted, "matched": self.matched,
                       "precision": round(self.precision, 3), "recall": round(self.recall, 3),
                       "f1": round(self.f1, 3)},
            "dates": {"found": self.found, "right": self.matched,
                      "accuracy": round(self.date_accuracy, 3)},
            "actors": {"tp": self.actor_tp, "fp": self.actor_fp, "fn": self.actor_fn,
                       "precision": round(self.actor_precision, 3),
                       "recall": round(self.actor_recall, 3), "f1": round(self.actor_f1, 3)},
            "quotes": {"gold": self.quotes, "found": self.quotes_found,
                       "right_speaker": self.quotes_speaker},
            "spurious": {"not_events": self.not_events, "became_events": self.spurious},
            "dangling_summaries": self.dangling,
        }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _named_in(actor: str, sentence: str) -> bool:
    """The actor is named in the sentence: its full name or its last word."""
    text = normalize(sentence)
    name = normalize(actor)
    if not name:
        return False
    last = name.split()[-1]
    return bool(re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
                or re.search(rf"(?<![\w-]){re.escape(last)}(?![\w-])", text))


def score_actors(predicted: list[str], gold: list[str], sentence: str,
                 score: Score, where: str) -> None:
    pending = [_alternatives(g) for g in gold]
    unmatched: list[str] = []
    for actor in predicted:
        if not _named_in(actor, sentence):
            continue  # from a detail sentence: not scored on this sentence
        key = normalize(actor)
        hit = next((i for i, alts in enumerate(pending) if key in alts), None)
        if hit is None:
            unmatched.append(actor)
        else:
            pending.pop(hit)
            score.actor_tp += 1
    score.actor_fp += len(unmatched)
    score.actor_fn += len(pending)
    if unmatched or pending:
        missing = ["|".join(sorted(p)) for p in pending]
        score.misses.append(f"{where}: actors extra {unmatched} missing {missing}")


def score_source(annotation: dict[str, Any], name: str) -> Score:
    """Run one source through the pipeline and compare with its annotation."""
    from briefing.pipeline import load_chronology

    path = ROOT / annotation["source"]
    chronology = load_chronology([path])
    predicted = [e for e in chronology.events if path.name in e.sources]
    # Text order: by paragraph, as the chronology is ordered by date.
    predicted.sort(key=lambda e: min(c.paragraph for c in e.citations if c.source == path.name))
    gold = annotation["events"]
    score = Score(gold=len(gold), predicted=len(predicted))
    used: set[int] = set()
    strict: dict[int, int] = {}
    for g, event in enumerate(gold):
        for p, pred in enumerate(predicted):
            if p not in used and _contains(pred.sentence, event["sentence"]) \
                    and pred.date.value == event["date"]:
                used.add(p)
                strict[g] = p
                break
    loose: dict[int, int] = {}
    for g, event in enumerate(gold):
        if g in strict:
            continue
        for p, pred in enumerate(predicted):
            if p not in used and _contains(pred.sentence, event["sentence"]):
                used.add(p)
                loose[g] = p
                break
    score.matched = len(strict)
    score.found = len(strict) + len(loose)
    for g, event in enumerate(gold):
        where = f"{name}: «{_first(event['sentence'])[:50]}»"
        p = strict.get(g, loose.get(g))
        if p is None:
            score.misses.append(f"{where} [{event['date']}]: MISSED")
            continue
        pred = predicted[p]
        if g in loose:
            score.misses.append(f"{where}: date {pred.date.value}, expected {event['date']}")
        score_actors(list(pred.actors), _gold_actors(event, pred.sentence), pred.sentence, score,
                     where)
    for p, pred in enumerate(predicted):
        if p not in used:
            score.misses.append(f"{name}: EXTRA [{pred.date.value}] «{pred.sentence[:70]}»")

    all_quotes = [q for e in predicted for q in e.quotes]
    for event in gold:
        for quote in event.get("quotes", []):
            score.quotes += 1
            found = next((q for q in all_quotes if _contains(q.text, quote["text"])), None)
            if found is None:
                score.misses.append(f"{name}: quote not found «{quote['text'][:40]}»")
                continue
            score.quotes_found += 1
            if found.speaker and normalize(found.speaker) in _alternatives(quote["speaker"]):
                score.quotes_speaker += 1
            else:
                score.misses.append(f"{name}: quote «{quote['text'][:40]}» speaker "
                                    f"{found.speaker!r}, expected {quote['speaker']!r}")
    for sentence in annotation.get("not_events", []):
        score.not_events += 1
        if any(_contains(pred.sentence, sentence) for pred in predicted):
            score.spurious += 1
    for pred in predicted:
        if _DANGLING.match(pred.summary):
            score.dangling += 1
            score.misses.append(f"{name}: dangling summary «{pred.summary[:60]}»")
    return score


def load_annotations(folder: Path = ANNOTATIONS) -> dict[str, dict[str, Any]]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(folder.glob("*.json"))}


def score_all(folder: Path = ANNOTATIONS) -> tuple[dict[str, Score], Score]:
    per_source = {name: score_source(annotation, name)
                  for name, annotation in load_annotations(folder).items()}
    total = Score()
    for score in per_source.values():
        total.add(score)
    return per_source, total


def _row(name: str, s: Score) -> str:
    return (f"{name[:44]:44} {s.gold:3} {s.predicted:4} {s.precision:5.2f} {s.recall:5.2f} "
            f"{s.f1:5.2f} {s.matched:3}/{s.found:<3} {s.actor_precision:5.2f} "
            f"{s.actor_recall:5.2f} {s.actor_f1:5.2f} {s.quotes_speaker:2}/{s.quotes:<2} "
            f"{s.spurious:2}/{s.not_events:<2} {s.dangling:3}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-f1", type=float, default=None,
                        help="exit 1 when the overall event F1 is below this")
    parser.add_argument("--min-actor-f1", type=float, default=None,
                        help="exit 1 when the overall actor F1 is below this")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every error")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    per_source, total = score_all()
    if args.json:
        print(json.dumps({"sources": {n: s.figures() for n, s in per_source.items()},
                          "overall": total.figures()}, indent=2))
    else:
        print(f"{'source':44} {'ann':>3} {'pred':>4} {'P':>5} {'R':>5} {'F1':>5} {'dates':7} "
              f"{'actP':>5} {'actR':>5} {'actF1':>5} {'quot':5} {'spur':5} {'dng':>3}")
        for name, score in per_source.items():
            print(_row(name, score))
        print(_row("OVERALL", total))
        if args.verbose:
            print()
            for line in total.misses:
                print("  " + line)
    failed = False
    if args.min_f1 is not None and total.f1 < args.min_f1:
        print(f"event F1 {total.f1:.3f} < {args.min_f1}", file=sys.stderr)
        failed = True
    if args.min_actor_f1 is not None and total.actor_f1 < args.min_actor_f1:
        print(f"actor F1 {total.actor_f1:.3f} < {args.min_actor_f1}", file=sys.stderr)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
