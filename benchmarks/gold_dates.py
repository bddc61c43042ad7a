"""Score `briefing.dates.find_dates` on the Recognizers-Text English gold, and time it.

Run: .venv/bin/python benchmarks/gold_dates.py [--gold DIR] [--mb 1.0] [--no-baseline]

Gold: /work/shared/gold/recognizers-text-en/*.json (see its README). Decisions:
* Cases whose NotSupported/NotSupportedByDesign mentions "python" are skipped.
* Reference: Context.ReferenceDateTime (a day-precision reference); when a case has none
  (most of DateExtractor.json), 2016-11-07, the reference used throughout the specs.
* In scope (scored): TypeName/Type date, daterange and datetime (a date with a time of day).
  Out of scope: time, timerange, datetimerange, duration, set, timezone. An out-of-scope gold
  span is "don't care": a prediction overlapping it is neither right nor wrong. A prediction
  overlapping no gold span at all is a false positive (this includes sentences with no date).
* Extraction: relaxed = spans overlap, strict = same span (case-insensitive, gold End of
  DateTimeModel.json is inclusive). Greedy one-to-one matching in text order.
* Values: our `value` is right when it equals one expected timex after resolving its
  unwritten parts against the reference ("XXXX-10-02" → the latest 10-02 on or before the
  reference when scoring prefer="past", the earliest on or after it for prefer="future";
  "XXXX-WXX-5" the same for a Friday), or, for a gold interval "(a,b,Pn)", when our interval
  starts at a and ends at b (or the day before b: the specs use both conventions).
  value accuracy = right values / relaxed-matched pairs; value P/R/F1 count only right values.
  DateExtractor.json has no values: it counts for extraction only.
* Baseline: dateparser.search.search_dates(text, languages=['en'], settings RELATIVE_BASE)
  scored the same way (its value: the day it returns, so only day-precision gold can match).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
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


@dataclass
class Span:
    start: int
    end: int  # exclusive
    kind: str
    timexes: list[str] = field(default_factory=list)


@dataclass
class Case:
    text: str
    ref: dt.datetime
    gold: list[Span]


@dataclass
class Pred:
    start: int
    end: int
    value: str
    first: dt.date | None = None
    last: dt.date | None = None


def load(path: Path) -> list[Case]:
    cases = []
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
            gold.append(Span(start, end, kind, [t for t in tx if t]))
        cases.append(Case(raw["Input"], ref, gold))
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
    m = re.fullmatch(r"XXXX-(\d\d)", tx)
    if m:
        mo = int(m[1])
        cands = [dt.date(y, mo, 1) for y in range(ref.year - 2, ref.year + 3)]
        if prefer == "past":
            ok = [d for d in cands if d <= ref]
            y = max(ok).year
        else:
            ok = [d for d in cands if (d.year, d.month) >= (ref.year, ref.month)]
            y = min(ok).year
        return f"{y:04d}-{mo:02d}"
    return tx


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
            b = m[2]
            if "XXXX" in b and re.match(r"\d{4}", a):
                b = a[:4] + b[4:]
            b = resolve_timex(b, ref, prefer)
            try:
                da = dt.date.fromisoformat(a[:10])
                db = dt.date.fromisoformat(b[:10])
            except ValueError:
                continue
            if pred.first == da and pred.last in (db, db - dt.timedelta(days=1)):
                return True
            continue
        if canon(resolve_timex(tx, ref, prefer)) == canon(pred.value):
            return True
    return False


# --- scoring -----------------------------------------------------------------------------------


@dataclass
class Score:
    gold: int = 0
    pred: int = 0
    relaxed: int = 0
    strict: int = 0
    valued: int = 0  # relaxed matches whose gold has values
    right: int = 0
    gold_valued: int = 0
    pred_valued: int = 0

    def add(self, o: Score) -> None:
        for k in vars(self):
            setattr(self, k, getattr(self, k) + getattr(o, k))

    @staticmethod
    def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
        p = tp / npred if npred else 0.0
        r = tp / ngold if ngold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def row(self) -> str:
        rp, rr, rf = self.prf(self.relaxed, self.pred, self.gold)
        sp, sr, sf = self.prf(self.strict, self.pred, self.gold)
        acc = self.right / self.valued if self.valued else float("nan")
        vp, vr, vf = self.prf(self.right, self.pred_valued, self.gold_valued)
        return (f"{self.gold:5d} {self.pred:5d} | {rp:5.3f} {rr:5.3f} {rf:5.3f} | "
                f"{sp:5.3f} {sr:5.3f} {sf:5.3f} | {acc:5.3f} {vp:5.3f} {vr:5.3f} {vf:5.3f}")


HEADER = ("                      gold  pred | relaxed P/R/F1    | strict P/R/F1     | "
          "value acc P/R/F1")


def score_case(case: Case, preds: list[Pred], prefer: str, has_values: bool) -> Score:
    s = Score()
    scoped = [g for g in case.gold if g.kind in IN_SCOPE]
    dontcare = [g for g in case.gold if g.kind not in IN_SCOPE]
    s.gold = len(scoped)
    ref = case.ref.date()
    used: set[int] = set()
    low = case.text.lower()
    for p in preds:
        match = next((i for i, g in enumerate(scoped)
                      if i not in used and p.start < g.end and g.start < p.end), None)
        if match is None:
            if any(p.start < g.end and g.start < p.end for g in dontcare):
                continue
            s.pred += 1
            if has_values:
                s.pred_valued += 1
            continue
        used.add(match)
        g = scoped[match]
        s.pred += 1
        s.relaxed += 1
        if (p.start, p.end) == (g.start, g.end) or low[p.start:p.end].strip() == low[
                g.start:g.end].strip():
            s.strict += 1
        if has_values and g.timexes:
            s.pred_valued += 1
            s.valued += 1
            s.right += value_right(p, g.timexes, ref, prefer)
    if has_values:
        s.gold_valued = sum(1 for g in scoped if g.timexes)
    return s


def ours(prefer: str) -> Callable[[Case], list[Pred]]:
    def run(case: Case) -> list[Pred]:
        ref = parse_date_value(case.ref.date())
        return [Pred(m.start, m.end, m.date.value, m.date.start, m.date.end)
                for m in find_dates(case.text, ref, "en", prefer=prefer)]
    return run


def baseline(prefer: str) -> Callable[[Case], list[Pred]]:
    from dateparser.search import search_dates

    def run(case: Case) -> list[Pred]:
        settings = {"RELATIVE_BASE": case.ref, "PREFER_DATES_FROM": prefer,
                    "PREFER_DAY_OF_MONTH": "first"}
        found = search_dates(case.text, languages=["en"], settings=settings) or []
        out, pos = [], 0
        for frag, when in found:
            i = case.text.find(frag, pos)
            if i < 0:
                continue
            pos = i + len(frag)
            out.append(Pred(i, pos, when.date().isoformat(), when.date(), when.date()))
        return out
    return run


def evaluate(files: list[Path], system: Callable[[str], Callable[[Case], list[Pred]]],
             name: str) -> None:
    for prefer in ("past", "future"):
        run = system(prefer)
        print(f"\n{name}, prefer={prefer}")
        print(HEADER)
        total = Score()
        for path in files:
            s = Score()
            has_values = path.name != "DateExtractor.json"
            for case in load(path):
                s.add(score_case(case, run(case), prefer, has_values))
            total.add(s)
            print(f"{path.stem:20s}  {s.row()}")
        print(f"{'overall':20s}  {total.row()}")


# --- throughput ---------------------------------------------------------------------------------


def demo_paragraphs() -> list[tuple[str, DateValue | None]]:
    out = []
    for path in sorted((ROOT / "sources").glob("*.md")):
        _, meta, body = path.read_text(encoding="utf-8").split("---", 2)
        m = re.search(r"^date:\s*(\S+)", meta, re.M)
        ref = parse_date_value(m[1]) if m else None
        out += [(p, ref) for p in body.splitlines() if p.strip()]
    return out


def throughput(mb: float, with_baseline: bool) -> None:
    paras = demo_paragraphs()
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
          f"{nbytes / 1e6:.2f} MB, one paragraph per call)")
    print(f"  find_dates:   {ours_mbs:8.2f} MB/s  ({ours_s:.2f} s, {n} mentions)")
    big = "\n".join(p for p, _ in work)
    ref0 = paras[0][1]
    t0 = time.perf_counter()
    find_dates(big, ref0)
    whole = time.perf_counter() - t0
    print(f"  find_dates, one {len(big) / 1e6:.2f} MB string: {len(big.encode()) / whole / 1e6:.2f}"
          " MB/s")
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--mb", type=float, default=1.0, help="MB of text for the throughput test")
    ap.add_argument("--no-baseline", action="store_true", help="skip dateparser's search_dates")
    args = ap.parse_args()
    files = sorted(args.gold.glob("*.json"))
    evaluate(files, ours, "find_dates")
    if not args.no_baseline:
        evaluate(files, baseline, "baseline dateparser.search.search_dates")
    throughput(args.mb, not args.no_baseline)


if __name__ == "__main__":
    main()
