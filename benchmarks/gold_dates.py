"""Score `briefing.dates.find_dates` against public gold, next to dateparser's `search_dates`.

Run: .venv/bin/python benchmarks/gold_dates.py [--gold DIR] [--mb 1.0] [--no-baseline]
     [--errors N] [--smoke]

Corpora
* Recognizers-Text English specifications, /work/shared/gold/recognizers-text-en/*.json (see
  its README). Cases whose NotSupported/NotSupportedByDesign mentions "python" are skipped.
  Reference: Context.ReferenceDateTime, else 2016-11-07 (the specs' own default). Scored with
  prefer="past" and prefer="future" (the specs resolve both ways).
* The ctparse corpus (`ctparse/time/corpus.py`, read only when the `ctparse` package is
  installed: it is not a dependency of the project; `pip install ctparse` to add it). Each
  entry is an expression alone (the whole text is the gold span) with its resolution and a
  reference time. Only its English texts are used: a text is English when it has no German
  word or letter (see `_GERMAN`) and at least one letter (numeric-only texts are read
  day-first by ctparse, so they are not English evidence). ctparse resolves forward, so
  this corpus is scored with prefer="future" only.

Scope (what is scored)
* Recognizers: TypeName date, daterange and datetime (a date with a time of day). Out of
  scope: time, timerange, datetimerange, duration, set, timezone.
* ctparse: Time entries with a date part (not time-only ones), and Interval entries whose two
  ends are on different days, when the text names a day (a digit, month, weekday, season,
  holiday or a word such as today, week, month, year: "late evening", which ctparse puts on
  the reference day, is a time of day). Durations, time-only entries, open intervals ("after 8") and
  intervals inside one day are out of scope.
* Out of scope as well, in both corpora, whatever their type: a gold span that is "now" or
  "right now" alone (the issue lists "now" among what is NOT a date; "between now and May 21"
  stays in scope), and a gold span whose timex names a day that does not exist ("Feb 30",
  "XXXX-02-30"; "2/29/2019"): the product never returns those as dates but warns about them
  (`briefing.dates.impossible_dates`).
* An out-of-scope gold span is "don't care": a prediction overlapping it is neither right nor
  wrong. A prediction overlapping no gold span is a false date.

Categories (general rules on the gold text and timex, the first that applies):
* relative: the text has a deictic word (today, tonight, tomorrow, yesterday, now, ago, hence,
  last/next/this/coming/past/previous/following/current not followed by "<word> of", recent,
  later, earlier, upcoming, "the day before/after"), an offset "in N units", or no anchor at
  all (no digit, month, weekday, number word, season or holiday name: "the weekend", "end of
  day"), or the timex is a weekday of an unnamed week ("XXXX-WXX-…"): the value depends on
  the reference day.
* range: the gold is an interval with two ends ("(a,b,Pn)" timex, ctparse Interval).
* partial: the timex leaves the year (or month) to the reader ("XXXX…") or is coarser than a
  day (month, year, week, quarter, season, decade, century).
* absolute: a full year-month-day (with or without a time of day).
Without a timex (Recognizers' DateExtractor.json) the same rules are applied to the text alone
(a range connector, a written year, a day number). A matched prediction counts in the category
of its gold span; a false date counts in the category its own text and value give.
* non-date: sentences with no time expression at all in the gold: how many got a false date.

Figures: extraction precision/recall/F1 with relaxed matching (spans overlap; greedy one-to-one
in text order), "acc" = normalized-value accuracy = right values / matched spans that have a
gold value, and "vF1" = value F1 (a prediction counts only when matched with the right value).
A value is right when it equals a gold timex after filling its unwritten parts from the
reference the way the specs' past/future resolutions do ("XXXX-10-02" → the latest 10-02 on or
before the reference for prefer="past", the earliest on or after it for "future"; the same for
"XXXX-07-WXX-5-#1", the first Friday of July, "XXXX-10-W01", a week of a month, and "XX30-12-12",
a two-digit year, whose century is chosen the same way), or, for an interval "(a,b,Pn)", when
our interval runs from a to b (or to the day before b: the specs use both conventions; an end
whose year is not written and that falls before the start is in the next year; a start whose
year is not written, before a written end, is the latest such day on or before that end:
"(XXXX-01-22,2019-04-25,P93D)" runs from 2019-01-22 whatever the preference), or, for a range
of months written by their first days ("(2017-01-01,2017-02-01,P1M)" for "Jan-Feb 2017"), when
our value is that month range ("2017-01/2017-02"), or, for a decade whose century is not written
("(XX90-01-01,XX00-01-01,P10Y)", "the nineties"), when our value is a decade ending in 9X.
Times compare as THH:MM.

Baseline: dateparser.search.search_dates(text, languages=['en'], settings RELATIVE_BASE,
PREFER_DATES_FROM), each fragment then re-read by a DateDataParser with
RETURN_TIME_AS_PERIOD so that "2016" is scored as a year and "March 2016" as a month (the
fairest reading of its output).

Demo sources: every date found in /work/main/sources must be one of `DEMO_EXPECTED`; anything
else is a false date (the issue's target is zero).

--smoke: a fast subset (every 7th case, ours only, no throughput) for CI; exits 1 only if the
parser raised or a demo source gave a false date. --errors N: the N largest groups of missed
and wrong-valued gold expressions, grouped by shape (digits → 9, month → MON, weekday → WD).
"""

from __future__ import annotations

import argparse
import ast
import calendar
import datetime as dt
import importlib.util
import json
import re
import sys
import time
import traceback
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing.dates import find_dates, parse_date_value  # noqa: E402
from briefing.model import DateValue  # noqa: E402

GOLD = Path("/work/shared/gold/recognizers-text-en")
DEFAULT_REF = dt.datetime(2016, 11, 7)
IN_SCOPE = {"date", "daterange", "datetime"}
CATEGORIES = ("absolute", "partial", "relative", "range")
DEMO_EXPECTED = {
    "2024-04-02-blinken-lecornu-nexter.md": [],
    "2025-01-blinken-paris-legion-honneur.md": [("January 8", "2025-01-08")],
}
"""Every date of the demo sources (checked by hand); anything else found there is false."""


@dataclass
class Span:
    start: int
    end: int  # exclusive
    in_scope: bool
    timexes: list[str] = field(default_factory=list)
    category: str = ""


@dataclass
class Case:
    text: str
    ref: dt.datetime
    gold: list[Span]
    has_values: bool = True
    non_date: bool = False  # no time expression at all in the gold


@dataclass
class Pred:
    start: int
    end: int
    value: str
    first: dt.date | None = None
    last: dt.date | None = None
    relative: bool = False
    inferred: bool = False
    coarse: bool = False  # coarser than a day


# --- categories ---------------------------------------------------------------------------------

_DEICTIC = re.compile(
    r"\b(?:today|tonight|tomorrow|yesterday|now|ago|hence|recent(?:ly)?|later|earlier|upcoming"
    r"|the\s+day\s+(?:before|after)"
    r"|(?:last|next|this|coming|past|previous|following|current)\b(?!\s+\w+\s+of\b))", re.I)
_RANGE_TEXT = re.compile(
    r"\b(?:from|between)\b.+\b(?:to|and|until|till|through|thru)\b|\w\s*[-–—]\s*\w", re.I)
_YEAR_TEXT = re.compile(r"\b(?:1\d|20)\d\d\b|['’]\d\d\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
_DAY_TEXT = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b(?![.:]\d)", re.I)
_FULL_DAY = re.compile(r"\d{4}-\d\d-\d\d(?:T.*)?")


_IN_N = re.compile(
    r"\bin\s+(?:a|an|\d+|one|two|three|four|five|six|seven|eight|nine|ten|a\s+few|few)\s+"
    r"(?:min(?:ute)?s?|hours?|days?|weeks?|months?|years?)\b", re.I)
_ANCHOR = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(?:one|two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve|twenty|thirty|first|second|third|fourth|fifth|tenth"
    r"|\w+teenth|twentieth|thirtieth)\b|spring|summer|autumn|fall|winter|christmas|easter"
    r"|thanksgiving|halloween|new\s+year|valentine|hanukkah|ramadan|independence|labou?r\s+day"
    r"|memorial\s+day|(?:mon|tues|wednes|thurs|fri|satur|sun)day|\b(?:mon|tue|wed|thu|fri|sat"
    r"|sun)\b", re.I)


def gold_category(text: str, timexes: list[str], interval: bool | None = None) -> str:
    if (_DEICTIC.search(text) or _IN_N.search(text) or any("WXX-" in t for t in timexes)
            or not _ANCHOR.search(text)):
        return "relative"
    if interval is None:
        interval = any(t.startswith("(") for t in timexes) if timexes else bool(
            _RANGE_TEXT.search(text))
    if interval:
        return "range"
    if timexes:
        full = any(_FULL_DAY.fullmatch(t) for t in timexes)
        return "absolute" if full else "partial"
    return "absolute" if _YEAR_TEXT.search(text) and _DAY_TEXT.search(
        _YEAR_TEXT.sub(" ", text)) else "partial"


def pred_category(text: str, p: Pred) -> str:
    if p.relative or _DEICTIC.search(text):
        return "relative"
    if "/" in p.value:
        return "range"
    return "partial" if p.inferred or p.coarse else "absolute"


# --- scope ---------------------------------------------------------------------------------------

_NOW_ALONE = re.compile(r"\s*(?:right\s+)?now\s*", re.I)
_TIMEX_DAY = re.compile(r"(\d{4}|XXXX)-(\d\d)-(\d\d)(?!\d)")


def _no_such_day(tx: str) -> bool:
    """A timex naming a day that does not exist: "2019-02-29", "XXXX-02-30", an interval
    "(2019-02-29,2019-03-01,PXD)" (a year-less 29 February exists)."""
    for m in _TIMEX_DAY.finditer(tx):
        y, mo, d = 2000 if m[1] == "XXXX" else int(m[1]), int(m[2]), int(m[3])
        if not 1 <= mo <= 12 or not 1 <= d <= calendar.monthrange(y, mo)[1]:
            return True
    return False


def excluded(text: str, timexes: list[str]) -> bool:
    """Gold spans the issue says are not dates ("now" alone) and days that do not exist."""
    return bool(_NOW_ALONE.fullmatch(text)) or any(_no_such_day(t) for t in timexes)


# --- Recognizers-Text ---------------------------------------------------------------------------


def load_recognizers(path: Path) -> list[Case]:
    cases = []
    has_values = path.name != "DateExtractor.json"
    for raw in json.loads(path.read_text(encoding="utf-8-sig")):
        ns = f"{raw.get('NotSupported', '')} {raw.get('NotSupportedByDesign', '')}".lower()
        if "python" in ns:
            continue
        ctx = raw.get("Context") or {}
        ref = dt.datetime.fromisoformat(ctx["ReferenceDateTime"]) if ctx.get(
            "ReferenceDateTime") else DEFAULT_REF
        gold = []
        for r in raw.get("Results", []):
            kind = (r.get("TypeName") or r.get("Type") or "").removeprefix("datetimeV2.")
            start = r["Start"]
            end = r["End"] + 1 if "End" in r else start + r["Length"]
            if "Resolution" in r:
                tx = [v.get("timex", "") for v in r["Resolution"].get("values", [])]
            elif "Value" in r:
                tx = [r["Value"].get("Timex", "")]
            else:
                tx = []
            tx = [t for t in tx if t]
            span = Span(start, end, kind in IN_SCOPE and not excluded(
                raw["Input"][start:end], tx), tx)
            span.category = gold_category(raw["Input"][start:end], tx)
            gold.append(span)
        cases.append(Case(raw["Input"], ref, gold, has_values, non_date=not gold))
    return cases


# --- ctparse ------------------------------------------------------------------------------------

_GERMAN = re.compile(
    r"[äöüß]|\b(?:am|um|uhr|bis|vom|von|zum|zur|der|die|das|dem|den|des|ab|nach|vor|und|zwischen"
    r"|gegen|heute|morgen|gestern|jetzt|nacht|nachts|morgens|abends|mittags|vormittags"
    r"|nachmittags?|früh|spät|ende|anfang|mitte|woche|monat|monats|jahr|jahres|nächste[nr]?"
    r"|letzte[nr]?|diese[nr]?|montags?|dienstags?|mittwochs?|donnerstags?|freitags?|samstags?"
    r"|sonntags?|januar|februar|märz|mai|juni|juli|oktober|dezember|mrz|dez|die\.|ein|eine|tage"
    r"|nächte|für|spätestens|frühestens|nicht|viertel|halb|halbe|stunde|minuten|wochen)\b", re.I)
_CT_POINT = re.compile(r"(\S+)-(\S+)-(\S+) (\S+):(\S+) \(([^/]*)/([^)]*)\)")


def _ct_point(s: str) -> tuple[str | None, str | None]:
    """ctparse "2018-08-05 08:00 (X/X)" → (date timex or None, "HH:MM" or None)."""
    m = _CT_POINT.fullmatch(s.strip())
    if not m:
        return None, None
    y, mo, d, h, mi = m.group(1, 2, 3, 4, 5)
    time_ = f"{int(h):02d}:{int(mi):02d}" if h != "X" else None
    if mo == "X" and d == "X":
        return (f"{int(y):04d}" if y != "X" else None), time_
    yy = f"{int(y):04d}" if y != "X" else "XXXX"
    if d == "X":
        return f"{yy}-{int(mo):02d}", time_
    if mo == "X":
        return None, time_
    return f"{yy}-{int(mo):02d}-{int(d):02d}", time_


_DAY_WORD = re.compile(
    r"\b(?:today|tonight|tomorrow|yesterday|day|week|weekend|month|year|eom|eoy)\b", re.I)


def ctparse_corpus() -> list[Case] | None:
    spec = importlib.util.find_spec("ctparse")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "time" / "corpus.py"
    if not path.exists():
        return None
    tree = ast.parse(path.read_text(encoding="utf-8"))
    data = next(ast.literal_eval(n.value) for n in tree.body if isinstance(n, ast.Assign)
                and any(getattr(t, "id", "") == "corpus" for t in n.targets))
    cases = []
    for target, ref_s, texts in data:
        ref = dt.datetime.fromisoformat(ref_s)
        kind, _, body = target.partition("[]")
        body = body.strip("{}")
        in_scope, tx = False, []
        if kind == "Time":
            day, hm = _ct_point(body)
            if day is not None:
                in_scope = True
                tx = [f"{day}T{hm}" if hm and len(day) == 10 else day]
        elif kind == "Interval":
            a, _, b = body.partition(" - ")
            da, _ = _ct_point(a)
            db, _ = _ct_point(b)
            if da and db and da != db and len(da) == len(db) == 10:
                in_scope = True
                tx = [f"({da},{db},P)"]
        interval = kind == "Interval"
        for text in texts:
            if _GERMAN.search(text) or not re.search(r"[a-z]{2}", text, re.I):
                continue
            scoped = in_scope and bool(_ANCHOR.search(text) or _DAY_WORD.search(text)) and (
                not excluded(text, tx))
            span = Span(0, len(text), scoped, tx,
                        gold_category(text, tx, interval) if scoped else "")
            cases.append(Case(text, ref, [span]))
    return cases


# --- timex resolution -------------------------------------------------------------------------


def _pick(candidates: list[dt.date], ref: dt.date, prefer: str) -> dt.date | None:
    if prefer == "past":
        ok = [d for d in candidates if d <= ref]
        return max(ok) if ok else None
    ok = [d for d in candidates if d >= ref]
    return min(ok) if ok else None


def _safe(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def resolve_timex(tx: str, ref: dt.date, prefer: str) -> str:
    """Fill XXXX / XX of one timex point against `ref`, as the specs' Past/FutureResolution."""
    m = re.fullmatch(r"XXXX-WXX-(\d)(T.*)?", tx)
    if m:
        wd = int(m[1]) - 1
        days = [ref + dt.timedelta(days=k) for k in range(-7, 8)]
        day = _pick([d for d in days if d.weekday() == wd], ref, prefer)
        return (day.isoformat() if day else tx) + (m[2] or "")
    m = re.fullmatch(r"XXXX-XX-(\d\d)(T.*)?", tx)
    if m:
        cands = [_safe(ref.year + (ref.month - 1 + k) // 12, (ref.month - 1 + k) % 12 + 1,
                       int(m[1])) for k in range(-13, 14)]
        day = _pick([d for d in cands if d], ref, prefer)
        return (day.isoformat() if day else tx) + (m[2] or "")
    m = re.fullmatch(r"XXXX-(\d\d)-(\d\d)(T.*)?", tx)
    if m:
        cands = [_safe(y, int(m[1]), int(m[2])) for y in range(ref.year - 5, ref.year + 6)]
        day = _pick([d for d in cands if d], ref, prefer)
        return (day.isoformat() if day else tx) + (m[3] or "")
    m = re.fullmatch(r"XXXX-(\d\d)-WXX-(\d)-#(\d)", tx)  # "the first Friday of July"
    if m:
        mo, wd, n = int(m[1]), int(m[2]) - 1, int(m[3])
        cands = [_nth_weekday(y, mo, wd, n) for y in range(ref.year - 2, ref.year + 3)]
        day = _pick([d for d in cands if d], ref, prefer)
        return day.isoformat() if day else tx
    m = re.fullmatch(r"XX(\d\d)-(\d\d)-(\d\d)", tx)  # "12/12/30": the century is not written
    if m:
        cands = [_safe(c + int(m[1]), int(m[2]), int(m[3])) for c in (1900, 2000)]
        day = _pick([d for d in cands if d], ref, prefer)
        return day.isoformat() if day else tx
    m = re.fullmatch(r"XXXX-(\d\d)(-W\d\d)?", tx)  # a month, or a week of a month
    if m:
        mo = int(m[1])
        cands = [dt.date(y, mo, 1) for y in range(ref.year - 2, ref.year + 3)]
        if prefer == "past":
            ok = [d for d in cands if d <= ref]
            y = max(ok).year
        else:
            ok = [d for d in cands if (d.year, d.month) >= (ref.year, ref.month)]
            y = min(ok).year
        return f"{y:04d}-{mo:02d}{m[2] or ''}"
    return tx


def _nth_weekday(y: int, mo: int, wd: int, n: int) -> dt.date | None:
    first = dt.date(y, mo, 1)
    day = first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (n - 1))
    return day if day.month == mo else None


def canon(v: str) -> str:
    """Comparable form of one point value: times as THH:MM."""
    m = re.fullmatch(r"(\d{4}-\d\d-\d\d)T(\d\d)(?::(\d\d))?(?::\d\d)?", v)
    if m:
        return f"{m[1]}T{m[2]}:{m[3] or '00'}"
    return v


def value_right(pred: Pred, timexes: list[str], ref: dt.date, prefer: str) -> bool:
    for tx in timexes:
        m = re.fullmatch(r"\((.*?),(.*?),(P[^)]*)\)", tx)
        if m:
            a = resolve_timex(m[1], ref, prefer)
            end = _safe(*map(int, m[2][:10].split("-"))) if _FULL_DAY.fullmatch(m[2]) else None
            if "XXXX" in m[1] and end is not None:  # "between Jan 22 and now": the last
                a = resolve_timex(m[1], end, "past")  # Jan 22 on or before the written end
            b = m[2]
            if "XXXX" in b and re.match(r"\d{4}", a):
                b = a[:4] + b[4:]
            b = resolve_timex(b, ref, prefer)
            decade = re.fullmatch(r"XX(\d)0-01-01", m[1])
            if decade and m[3] == "P10Y" and re.fullmatch(rf"\d\d{decade[1]}X", pred.value):
                return True  # "the nineties": the century is not written
            try:
                da = dt.date.fromisoformat(a[:10])
                db = dt.date.fromisoformat(b[:10])
            except ValueError:
                continue
            if db < da and "XXXX" in m[2]:  # "from October 25 to January 25": the next year
                db = _safe(db.year + 1, db.month, db.day) or db
            if pred.first == da and pred.last in (db, db - dt.timedelta(days=1)):
                return True
            if (m[3].endswith(("M", "Y")) and da.day == db.day == 1
                    and pred.value == f"{a[:7]}/{b[:7]}"):
                return True  # "Jan-Feb 2017": the specs write month ranges by their first days
            continue
        if canon(resolve_timex(tx, ref, prefer)) == canon(pred.value):
            return True
    return False


# --- scoring -----------------------------------------------------------------------------------


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    matched: int = 0
    valued: int = 0  # matched pairs whose gold has a value
    right: int = 0
    gold_valued: int = 0
    pred_valued: int = 0

    def add(self, o: Score) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(o, k))

    @staticmethod
    def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
        p = tp / npred if npred else float("nan")
        r = tp / ngold if ngold else float("nan")
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def figures(self) -> tuple[float, float, float, float, float]:
        p, r, f = self.prf(self.matched, self.pred, self.gold)
        acc = self.right / self.valued if self.valued else float("nan")
        vf = self.prf(self.right, self.pred_valued, self.gold_valued)[2]
        return p, r, f, acc, vf


@dataclass
class Result:
    by_cat: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    non_date_cases: int = 0
    non_date_hit: int = 0  # non-date cases with at least one false date
    non_date_false: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)  # (category, text, why)

    def total(self) -> Score:
        t = Score()
        for s in self.by_cat.values():
            t.add(s)
        return t

    def add(self, o: Result) -> None:
        for k, s in o.by_cat.items():
            self.by_cat[k].add(s)
        self.non_date_cases += o.non_date_cases
        self.non_date_hit += o.non_date_hit
        self.non_date_false += o.non_date_false
        self.misses += o.misses


def score_case(case: Case, preds: list[Pred], prefer: str, res: Result) -> None:
    scoped = [g for g in case.gold if g.in_scope]
    dontcare = [g for g in case.gold if not g.in_scope]
    ref = case.ref.date()
    for g in scoped:
        s = res.by_cat[g.category]
        s.gold += 1
        if case.has_values and g.timexes:
            s.gold_valued += 1
    used: set[int] = set()
    false = 0
    for p in preds:
        match = next((i for i, g in enumerate(scoped)
                      if i not in used and p.start < g.end and g.start < p.end), None)
        if match is None:
            if any(p.start < g.end and g.start < p.end for g in dontcare):
                continue
            false += 1
            s = res.by_cat[pred_category(case.text[p.start:p.end], p)]
            s.pred += 1
            s.pred_valued += case.has_values
            res.misses.append(("false", case.text[p.start:p.end], case.text))
            continue
        used.add(match)
        g = scoped[match]
        s = res.by_cat[g.category]
        s.pred += 1
        s.matched += 1
        if case.has_values and g.timexes:
            s.pred_valued += 1
            s.valued += 1
            ok = value_right(p, g.timexes, ref, prefer)
            s.right += ok
            if not ok:
                res.misses.append((
                    "wrong", case.text[g.start:g.end],
                    f"{p.value} ≠ {' | '.join(g.timexes)}  (ref {ref}) — {case.text}"))
    for i, g in enumerate(scoped):
        if i not in used:
            res.misses.append(("missed", case.text[g.start:g.end], f"[{g.category}] {case.text}"))
    if case.non_date:
        res.non_date_cases += 1
        res.non_date_hit += false > 0
        res.non_date_false += false


# --- systems ------------------------------------------------------------------------------------

System = Callable[[Case], list[Pred]]


def ours(prefer: str) -> System:
    def run(case: Case) -> list[Pred]:
        ref = parse_date_value(case.ref.date())
        out = []
        for m in find_dates(case.text, ref, "en", prefer=prefer):
            v = m.date
            out.append(Pred(m.start, m.end, v.value, v.start, v.end, v.relative,
                            v.inferred_year, v.precision.rank > ref.precision.rank))
        return out
    return run


def baseline(prefer: str) -> System:
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    def run(case: Case) -> list[Pred]:
        settings = {"RELATIVE_BASE": case.ref, "PREFER_DATES_FROM": prefer,
                    "PREFER_DAY_OF_MONTH": "first"}
        found = search_dates(case.text, languages=["en"], settings=settings) or []
        reader = DateDataParser(languages=["en"], settings={**settings,
                                                            "RETURN_TIME_AS_PERIOD": True})
        out, pos = [], 0
        for frag, when in found:
            i = case.text.find(frag, pos)
            if i < 0:
                continue
            pos = i + len(frag)
            data = reader.get_date_data(frag)
            period = data.period if data and data.date_obj else "day"
            d = when.date()
            if period == "year":
                p = Pred(i, pos, f"{d.year:04d}", dt.date(d.year, 1, 1), dt.date(d.year, 12, 31),
                         coarse=True)
            elif period == "month":
                p = Pred(i, pos, f"{d.year:04d}-{d.month:02d}", d.replace(day=1), d, coarse=True)
            elif period == "time" and (when.hour, when.minute) != (0, 0):
                p = Pred(i, pos, f"{d.isoformat()}T{when.hour:02d}:{when.minute:02d}", d, d)
            else:
                p = Pred(i, pos, d.isoformat(), d, d)
            out.append(p)
        return out
    return run


def run_corpus(cases: list[Case], system: System, prefer: str) -> Result:
    res = Result()
    for case in cases:
        score_case(case, system(case), prefer, res)
    return res


# --- printing -----------------------------------------------------------------------------------


def _f(x: float) -> str:
    return "  -  " if x != x else f"{x:5.3f}"


def print_table(title: str, results: dict[str, Result]) -> None:
    """One row per category; one column group per system."""
    names = list(results)
    print(f"\n{title}")
    head = "category     " + "".join(
        f"| {n[:41]:41s} " for n in names)
    sub = "             " + "| gold  pred   P     R     F1    acc   vF1  " * len(names)
    print(head)
    print(sub)
    rows = [*CATEGORIES, "all"]
    for cat in rows:
        line = f"{cat:12s} "
        for n in names:
            r = results[n]
            s = r.total() if cat == "all" else r.by_cat.get(cat, Score())
            p, rr, f, acc, vf = s.figures()
            line += (f"| {s.gold:4d} {s.pred:5d} {_f(p)} {_f(rr)} {_f(f)} {_f(acc)} "
                     f"{_f(vf)} ")
        print(line)
    line = f"{'non-date':12s} "
    for n in names:
        r = results[n]
        line += (f"| {r.non_date_cases:4d} sentences, {r.non_date_hit:3d} with a false date"
                 f"{'':4s}")
    print(line)


def shape(text: str) -> str:
    s = re.sub(r"\d", "9", text.lower())
    s = re.sub(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b\.?", "MON",
               s)
    s = re.sub(r"\b(?:mon|tues?|wed|thu|thurs|fri|sat|sun)[a-z]*day\b|\b(?:mon|tue|wed|thu|fri"
               r"|sat|sun)\b", "WD", s)
    s = re.sub(r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b", "N", s)
    return re.sub(r"9+", "9", s)


def print_errors(res: Result, n: int) -> None:
    for kind in ("missed", "wrong", "false"):
        items = [m for m in res.misses if m[0] == kind]
        groups: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for m in items:
            groups[shape(m[1])].append(m)
        print(f"\n{kind}: {len(items)} in {len(groups)} shapes; the {n} largest groups")
        for key, ms in sorted(groups.items(), key=lambda kv: -len(kv[1]))[:n]:
            print(f"  {len(ms):3d} × {key!r}")
            for m in ms[:2]:
                print(f"        {m[1]!r}: {m[2][:150]}")


# --- demo sources and throughput ------------------------------------------------------------------


def demo_documents() -> list[tuple[str, str, DateValue | None]]:
    out = []
    for path in sorted((ROOT / "sources").glob("*.md")):
        _, meta, body = path.read_text(encoding="utf-8").split("---", 2)
        m = re.search(r"^date:\s*(\S+)", meta, re.M)
        out.append((path.name, body, parse_date_value(m[1]) if m else None))
    return out


def demo_false_dates() -> int:
    """Print and count the dates of the demo sources that are not in DEMO_EXPECTED."""
    false = 0
    for name, body, ref in demo_documents():
        found = [(m.text, m.date.value) for m in find_dates(body, ref)]
        expected = DEMO_EXPECTED.get(name)
        if expected is None:
            print(f"  {name}: {found} (no expected list: not checked)")
            continue
        extra = [f for f in found if f not in expected]
        false += len(extra)
        print(f"  {name}: {len(found)} found, {len(extra)} false {extra or ''}")
    return false


def throughput(mb: float, with_baseline: bool) -> None:
    paras = [(p, ref) for _, body, ref in demo_documents() for p in body.splitlines()
             if p.strip()]
    size = sum(len(p.encode()) for p, _ in paras)
    reps = max(1, int(mb * 1_000_000 / size) + 1)
    work = paras * reps
    nbytes = size * reps
    for p, r in paras:  # warm-up
        find_dates(p, r)
    t0 = time.perf_counter()
    n = sum(len(find_dates(p, r)) for p, r in work)
    ours_s = time.perf_counter() - t0
    ours_mbs = nbytes / ours_s / 1e6
    print(f"\nthroughput on the demo sources ({len(paras)} paragraphs × {reps} = "
          f"{nbytes / 1e6:.2f} MB, one paragraph per call, after warm-up)")
    print(f"  find_dates:   {ours_mbs:8.2f} MB/s  ({ours_s:.2f} s, {n} mentions)")
    if not with_baseline:
        return
    from dateparser.search import search_dates
    settings = {"RELATIVE_BASE": dt.datetime(2025, 1, 10)}
    for p, _ in paras:  # warm-up
        search_dates(p, languages=["en"], settings=settings)
    t0 = time.perf_counter()
    for p, _ in work:
        search_dates(p, languages=["en"], settings=settings)
    dp_s = time.perf_counter() - t0
    dp_mbs = nbytes / dp_s / 1e6
    print(f"  search_dates: {dp_mbs:8.2f} MB/s  ({dp_s:.2f} s)")
    print(f"  ratio find_dates / search_dates: {ours_mbs / dp_mbs:.1f}×")


# --- main ---------------------------------------------------------------------------------------


def corpora(gold: Path, smoke: bool) -> list[tuple[str, list[Case], tuple[str, ...]]]:
    rec: list[Case] = []
    for path in sorted(gold.glob("*.json")):
        rec += load_recognizers(path)
    out = [("Recognizers-Text EN", rec, ("past", "future"))]
    ct = ctparse_corpus()
    if ct is None:
        print("note: the ctparse package is not installed: its corpus is skipped "
              "(.venv/bin/pip install ctparse to add it; it is not a project dependency)")
    else:
        out.append(("ctparse corpus, English texts", ct, ("future",)))
    if smoke:
        out = [(n, cs[::7], prefers[:1]) for n, cs, prefers in out]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--mb", type=float, default=1.0, help="MB of text for the throughput test")
    ap.add_argument("--no-baseline", action="store_true", help="skip dateparser's search_dates")
    ap.add_argument("--errors", type=int, default=0, metavar="N",
                    help="print the N largest groups of missed / wrong / false dates")
    ap.add_argument("--smoke", action="store_true",
                    help="fast subset for CI: exit 1 only on a crash or a demo-source false date")
    args = ap.parse_args()
    started = time.perf_counter()
    with_baseline = not (args.no_baseline or args.smoke)
    crashed = False
    grand: dict[str, dict[str, Result]] = defaultdict(dict)
    names_by_prefer: dict[str, list[str]] = defaultdict(list)
    for name, cases, prefers in corpora(args.gold, args.smoke):
        if not cases:
            print(f"note: {name}: no cases found")
            continue
        for prefer in prefers:
            names_by_prefer[prefer].append(name)
            results: dict[str, Result] = {}
            systems: list[tuple[str, System]] = [("find_dates (ours)", ours(prefer))]
            if with_baseline:
                systems.append(("search_dates (dateparser)", baseline(prefer)))
            for sys_name, system in systems:
                try:
                    results[sys_name] = run_corpus(cases, system, prefer)
                except Exception:
                    if sys_name.startswith("find_dates"):
                        crashed = True
                    traceback.print_exc()
                    continue
                grand[prefer].setdefault(sys_name, Result()).add(results[sys_name])
            print_table(f"{name}: {len(cases)} cases, prefer={prefer}", results)
            if args.errors and "find_dates (ours)" in results:
                print_errors(results["find_dates (ours)"], args.errors)
    for prefer, results in grand.items():
        if len(names_by_prefer[prefer]) > 1:
            print_table(f"all corpora ({', '.join(names_by_prefer[prefer])}), prefer={prefer}",
                        results)
    print("\ndemo sources (/work/main/sources)")
    false = demo_false_dates()
    if not args.smoke:
        throughput(args.mb, with_baseline)
    print(f"\n{time.perf_counter() - started:.1f} s")
    if crashed or false:
        print(f"FAILED: {'the parser raised' if crashed else ''}"
              f"{' and ' if crashed and false else ''}"
              f"{f'{false} false date(s) in the demo sources' if false else ''}")
        sys.exit(1)


if __name__ == "__main__":
    main()
