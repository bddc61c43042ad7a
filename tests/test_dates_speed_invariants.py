"""The fast scan of `find_dates` (briefing/dates.py, "Fast scanning") finds exactly what the
plain scan finds (issue: extraction at >= 2 MB/s per core). No timing is asserted here: only
equalities with the plain scan, and that the premises of each shortcut hold:

* `_Scan`: no match of a rule starts outside its `_start_chars` (nor, for a rule said to start
  words, right after a word character), and `_Scan.finditer` is `finditer` in any window;
* `_WORDS_NEEDED`: every match of a rule holds, for each clause, one of its words as a whole
  run of letters of `_fold(text)`: checked on real and hostile texts and on strings generated
  from the rule's own regex (with the shortest repetitions often, so "next weekfri" is tried);
* `_NEEDS` (which the plain scan uses too, so fast == plain cannot catch a wrong entry): every
  match of a rule holds one of its strings in `_fold(text)`, read at the text's own offsets;
* `_fold`: reads every character as a case-insensitive regex does (all of Unicode);
* `_FastRules.applicable`: the rules whose every `_WORDS_NEEDED` clause has a word in a set;
* `_SHAPES`: every match of a rule holds a match of one of its digit patterns;
* `_ANCHORS`: in every match, the rule's group is one of its words as a whole run of letters,
  with no more whole runs before it than `_runs_before` (worked out from the regex, checked on
  small patterns too) and a digit before it where `_digit_before` says so; and
  `_Anchored.finditer` is `finditer` in any window that ends before whitespace;
* `_windows` (not switched off by `_FAST`): the windows of every `_TRIGGER` match;
* `_prev_word_match`, `_time_before`: the searches they stand for.

Every shortcut is then checked the way a user meets it: fast and plain `find_dates` agree on
strings generated from each rule's regex.
"""

from __future__ import annotations

import ast
import importlib.util
import random
import re
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any

import pytest

from briefing import dates
from briefing.dates import find_dates, parse_ref
from tests.conftest import DEMO_SOURCES, ROOT

DATA = Path(__file__).resolve().parent / "data"
RULES = dates._GRAMMAR_EN
RULE_IDS = [f"{rank}-{handler.__name__}" for rank, (_, handler) in enumerate(RULES)]
REFERENCES = [parse_ref(r) for r in ("2025-01-08", "2025-01", "2025", "2016-11-07")] + [None]


# --- texts ---------------------------------------------------------------------------------------


@cache
def news() -> list[str]:
    """Articles of the benchmark corpus generator, and each of their paragraphs."""
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    articles = [module.make_document(7, i)[1] for i in range(60)]
    return articles + [p for a in articles for p in a.split("\n\n") if p.strip()]


@cache
def date_sentences() -> list[str]:
    """Every string of tests/test_dates.py: the expressions the rules were written for."""
    tree = ast.parse((ROOT / "tests" / "test_dates.py").read_text(encoding="utf-8"))
    found = {node.value for node in ast.walk(tree)
             if isinstance(node, ast.Constant) and isinstance(node.value, str)}
    return sorted(s for s in found if len(s) > 2)


@cache
def files() -> list[str]:
    paths = [*DEMO_SOURCES.glob("*"), *DATA.rglob("*.md"), *DATA.rglob("*.txt")]
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted(paths)]


_PIECES = (
    "January 8", "8 January 2025", "jan. 8", "ſept 3", "SEPT", "İnternational workers' day",
    "Wednesday", "wed", "thurs", "the", "this", "next", "last", "of", "from", "between", "to",
    "and", "week", "weekfri", "weekend", "month", "months", "year", "quarter", "Q3", "q3 2024",
    "H1", "2025-H2", "half", "century", "19th", "8th", "the 21st", "twenty-first", "thirty first",
    "first", "second", "ago", "hence", "later", "earlier", "day", "days", "the next day",
    "Christmas", "christmas eve", "valentines day", "Easter", "Good Friday", "Mothers day",
    "now", "from now", "tonight", "yesterday morning", "at", "3 p.m.", "10:30", "2025", "1990s",
    "’90s", "the nineties", "2019-2021", "4/22", "10/1/2018-10/7/2018", "2025-01-08", "01/2025",
    "2019-sep-1", "summer", "fall", "spring 2024", "in", "two", "a few", "several", "5", "12",
    "tojanuary", "mayday", "\u212aelvin", "ı", "é", "’", "(", ")", "$", "%",
)
_GLUE = (" ", " ", " ", "", "-", "/", ".", ",", ", ", "\n", "\t", "  ", "é", "’", "_", "9")


def hostile(count: int, seed: int) -> list[str]:
    """Date words, numbers and odd characters glued in every way."""
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_PIECES) + rnd.choice(_GLUE) for _ in range(rnd.randint(1, 12)))
            for _ in range(count)]


@cache
def all_texts() -> list[str]:
    return [*news(), *date_sentences(), *files(), *hostile(1500, 1)]


# --- strings generated from a regex -------------------------------------------------------------

_POOLS = {sre.CATEGORY_DIGIT: "0123456789٣", sre.CATEGORY_WORD: "abcxyzAZ09_é",
          sre.CATEGORY_SPACE: " \t\n\xa0"}
_ANY = "ab Z9.,-/'’é\n"


def _cased(code: int, ignorecase: bool) -> list[str]:
    ch = chr(code)
    if not ignorecase or not ch.isascii() or not ch.isalpha():
        return [ch]
    low = ch.lower()
    return [low, low.upper(), *dates._CASE_VARIANTS.get(low, "")]


def _class_chars(items: Any, ignorecase: bool) -> list[str]:
    chars: list[str] = []
    for op, av in items:
        if op is sre.LITERAL:
            chars += _cased(av, ignorecase)
        elif op is sre.RANGE:
            for code in range(av[0], min(av[1], av[0] + 40) + 1):
                chars += _cased(code, ignorecase)
        elif op is sre.CATEGORY:
            chars += _POOLS.get(av, _ANY)
    return chars or list(_ANY)


def generate(items: Any, flags: int, rnd: random.Random, groups: dict[int, str]) -> str:
    """A string the parsed regex `items` may match (lookarounds are not honoured: the rule
    itself then decides what matches)."""
    out = []
    ignorecase = bool(flags & re.IGNORECASE)
    for op, av in items:
        if op is sre.LITERAL:
            out.append(rnd.choice(_cased(av, ignorecase)))
        elif op is sre.IN:
            negate = any(o is sre.NEGATE for o, _ in av)
            out.append(rnd.choice(_ANY if negate else _class_chars(av, ignorecase)))
        elif op in (sre.NOT_LITERAL, sre.ANY):
            out.append(rnd.choice(_ANY))
        elif op is sre.BRANCH:
            out.append(generate(rnd.choice(av[1]), flags, rnd, groups))
        elif op is sre.SUBPATTERN:
            group, add, remove, sub = av
            text = generate(sub, (flags | add) & ~remove, rnd, groups)
            if group:
                groups[group] = text
            out.append(text)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            low, high, sub = av
            times = low if rnd.random() < 0.5 else min(high, low + rnd.randint(1, 2))
            out += [generate(sub, flags, rnd, groups) for _ in range(times)]
        elif op is sre.GROUPREF:
            out.append(groups.get(av, ""))
    return "".join(out)


_CONTEXT = ("", " ", "the ", "on ", "x", "1", ".", "é", "\n", "(", "’", "from ", ", ")


@cache
def generated(rank: int) -> list[str]:
    """Texts around strings generated from rule `rank`'s regex (the same for every run)."""
    rx = RULES[rank][0]
    parsed = sre_parse.parse(rx.pattern, rx.flags)
    rnd = random.Random(rank)
    return [rnd.choice(_CONTEXT) + generate(parsed, rx.flags, rnd, {}) + rnd.choice(_CONTEXT)
            for _ in range(400)]


def rule_matches(rank: int) -> Iterator[tuple[str, re.Match[str]]]:
    """Each match of rule `rank` (plain `finditer`, whole text) in every test text."""
    rx = RULES[rank][0]
    for text in [*all_texts(), *generated(rank)]:
        for m in rx.finditer(text):
            yield text, m


# --- find_dates: fast and plain ----------------------------------------------------------------


def plain_and_fast(monkeypatch: pytest.MonkeyPatch, text: str, **kw: Any) -> tuple[Any, Any]:
    fast = find_dates(text, **kw)
    monkeypatch.setattr(dates, "_FAST", False)
    plain = find_dates(text, **kw)
    monkeypatch.setattr(dates, "_FAST", True)
    return fast, plain


@pytest.mark.parametrize("kind", ["news", "test sentences", "files", "hostile"])
def test_fast_find_dates_is_the_plain_find_dates(kind: str, monkeypatch) -> None:
    texts = {"news": news, "test sentences": date_sentences, "files": files,
             "hostile": lambda: hostile(3000, 2)}[kind]()
    rnd = random.Random(kind)
    for text in texts:
        kw = {"reference": rnd.choice(REFERENCES), "prefer": rnd.choice(["past", "future"])}
        fast, plain = plain_and_fast(monkeypatch, text, **kw)
        assert fast == plain, (text, kw)


def test_fast_find_dates_is_the_plain_one_in_other_languages_and_orders(monkeypatch) -> None:
    for text in [*news()[:20], *date_sentences()[::5]]:
        for kw in ({"lang": "en-GB"}, {"lang": "fr"}, {"lang": "de"}, {"date_order": "DMY"}):
            fast, plain = plain_and_fast(monkeypatch, text, reference=REFERENCES[0], **kw)
            assert fast == plain, (text, kw)


def test_the_plain_scan_is_what_the_flag_selects(monkeypatch) -> None:
    """`_FAST = False` really bypasses every shortcut (else the equalities above prove nothing)."""
    calls = []
    monkeypatch.setattr(dates, "_fast_rules", lambda lang: calls.append(lang) or [])
    monkeypatch.setattr(dates, "_FAST", False)
    assert find_dates("on 8 January 2025", None)
    assert calls == []


# --- _Scan ---------------------------------------------------------------------------------------


def test_every_english_rule_has_a_fast_scan() -> None:
    """A rule whose start `_start_chars` cannot tell is scanned plainly: correct, but slow."""
    plain = [RULE_IDS[r] for r, (rx, _) in enumerate(RULES) if dates._start_chars(rx) is None]
    assert plain == []


@pytest.mark.parametrize("rank", range(len(RULES)), ids=RULE_IDS)
def test_no_match_starts_outside_the_start_chars(rank: int) -> None:
    rx = RULES[rank][0]
    start = dates._start_chars(rx)
    assert start is not None
    chars, word_start = start
    first = re.compile(f"[{chars}]")
    found = 0
    for text, m in rule_matches(rank):
        found += 1
        assert first.match(text, m.start()), (text, m)
        if word_start:
            assert not re.match(r"\w", text[m.start() - 1:m.start()]), (text, m)
    assert found >= 20  # the texts do exercise the rule


@pytest.mark.parametrize("rank", range(len(RULES)), ids=RULE_IDS)
def test_scan_finds_what_finditer_finds_in_any_window(rank: int) -> None:
    rx = RULES[rank][0]
    scan = dates._Scan(rx, *dates._start_chars(rx))  # type: ignore[misc]
    rnd = random.Random(rank)
    for text in [*news()[::3], *date_sentences(), *hostile(300, rank), *generated(rank)]:
        windows = [(0, len(text))] + [
            tuple(sorted((rnd.randint(0, len(text)), rnd.randint(0, len(text)))))
            for _ in range(3)]
        for ws, we in windows:
            got = [(m.span(), m.groupdict()) for m in scan.finditer(text, ws, we)]
            assert got == [(m.span(), m.groupdict()) for m in rx.finditer(text, ws, we)], (
                text, ws, we)


@pytest.mark.parametrize(("pattern", "chars", "word_start"), [
    (r"\bjan", "Jj", True),
    (r"(?:\bthe\s+)?\bjan", "JTjt", True),
    (r"(?<![\w$])\d+", r"\d", True),
    (r"(?<!\d)\d+", r"\d", False),
    (r"['’]\d0s", "'’", False),
    (r"\b['’]\d0s", "'’", False),  # \b before a non-word character: a word is before it
    (r"(?:x|\bs)", "SXsxſ", False),
    (r"(?-i:[A-C])k", "ABC", False),
    (r"\bk", "Kk\u212a", True),
    (r"a?b", "ABab", False),
    (r"\Bx", "Xx", False),  # only \b tells that no word character is before
    (r"^x", "Xx", False),
])
def test_start_chars_of_small_patterns(pattern: str, chars: str, word_start: bool) -> None:
    got = dates._start_chars(re.compile(pattern, re.IGNORECASE))
    assert got is not None
    assert set(re.findall(r"\\.|.", got[0])) == set(re.findall(r"\\.|.", chars))
    assert got[1] == word_start


@pytest.mark.parametrize("pattern", [
    r"a?", r"\b", r"(?:)", r".x", r"[^a]x", r"(a)?\1x", r"(a)?(?(1)b|c)", r"é",
    r"(?i:[a-z\w])",
])
def test_start_chars_unknown_or_empty(pattern: str) -> None:
    assert dates._start_chars(re.compile(pattern, re.IGNORECASE)) is None


# --- _WORDS_NEEDED -------------------------------------------------------------------------------


@cache
def letter_runs(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in dates._LETTERS.finditer(dates._fold(text))]


def whole_words(text: str, start: int, end: int) -> set[str]:
    """The letter runs of `_fold(text)` that lie in [start, end) (and that no letter extends)."""
    return {word for s, e, word in letter_runs(text) if start <= s and e <= end}


@pytest.mark.parametrize("rank", [r for r, (_, h) in enumerate(RULES) if h in dates._WORDS_NEEDED],
                         ids=lambda r: RULE_IDS[r])
def test_every_match_holds_the_words_its_rule_needs(rank: int) -> None:
    clauses = dates._WORDS_NEEDED[RULES[rank][1]]
    found = 0
    for text, m in rule_matches(rank):
        found += 1
        words = whole_words(text, m.start(), m.end())
        for clause in clauses:
            assert words & clause, (text, m, sorted(clause)[:8])
    assert found >= 20


@pytest.mark.parametrize("rank", [r for r, (_, h) in enumerate(RULES) if h in dates._NEEDS],
                         ids=lambda r: RULE_IDS[r])
def test_every_match_holds_a_string_its_rule_needs(rank: int) -> None:
    """`_NEEDS` (used by the plain scan too, so fast == plain cannot catch a wrong entry): every
    match holds one of the rule's strings in `_fold(text)` ("the first Mon of July" has no
    "day"; "1990ſ" is read as "1990s")."""
    need = dates._NEEDS[RULES[rank][1]]
    found = 0
    for text, m in rule_matches(rank):
        found += 1
        window = dates._fold(text)[m.start():m.end()]
        assert any(k in window for k in need), (text, m, need)
    assert found >= 20


def test_needs_are_read_at_the_offsets_of_the_text() -> None:
    """"İ" is two characters in text.lower(): the prefilter must not look at shifted windows."""
    filler = "İstanbul, İzmir. " * 30
    reference = parse_ref("2025-01-10")
    for text, value in [("The talks ended two weeks ago.", "2024-12-27"),
                        ("We meet next week Tuesday.", "2025-01-14"),
                        ("We meet on the first Mon of July.", "2024-07-01")]:
        found = find_dates(filler + text, reference)
        assert [m.date.value for m in found] == [value], text


def test_words_needed_name_words_the_rules_can_match() -> None:
    """No misspelt word: each word of a clause is a letter run of some generated match."""
    for rank, (_, handler) in enumerate(RULES):
        seen: set[str] = set()
        for text, m in rule_matches(rank):
            seen |= whole_words(text, m.start(), m.end())
        for clause in dates._WORDS_NEEDED.get(handler, ()):
            assert clause & seen, (RULE_IDS[rank], sorted(clause))


def language(items: Any) -> set[str]:
    """Every string of a finite parsed regex (letters in lower case, a space for \\s)."""
    strings = {""}
    for op, av in items:
        if op is sre.LITERAL:
            options = {chr(av).lower()}
        elif op is sre.IN:
            options = {" " if o is sre.CATEGORY else chr(v).lower() for o, v in av}
        elif op is sre.BRANCH:
            options = set().union(*(language(alternative) for alternative in av[1]))
        elif op is sre.SUBPATTERN:
            options = language(av[3])
        elif op is sre.MAX_REPEAT and av[1] <= 3:
            one = language(av[2])
            options = set()
            for times in range(av[0], av[1] + 1):
                found = {""}
                for _ in range(times):
                    found = {a + b for a in found for b in one}
                options |= found
        else:
            raise AssertionError(op)
        strings = {a + b for a in strings for b in options}
    return strings


@pytest.mark.parametrize(("alternatives", "words"), [
    (dates._MON_ALT, dates._MONTH_WORDS), (dates._WD_ALT, dates._WEEKDAY_WORDS),
])
def test_word_sets_are_the_words_of_the_alternatives(alternatives: str, words: frozenset[str]):
    assert language(sre_parse.parse(alternatives)) == words


def test_every_spelled_day_is_made_of_day_word_parts() -> None:
    for spelled in language(sre_parse.parse(dates._DAYWORD_ALT)):
        runs = re.findall("[a-z]+", spelled)
        assert runs and set(runs) <= dates._DAY_WORD_PARTS, spelled


# --- _fold ----------------------------------------------------------------------------------------


def test_fold_reads_every_character_as_a_case_insensitive_regex() -> None:
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    folded = dates._fold(everything)
    assert len(folded) == len(everything)  # offsets stay those of the text
    for letter in "abcdefghijklmnopqrstuvwxyz":  # whatever the regex reads as `letter`
        for m in re.finditer(letter, everything, re.IGNORECASE):
            assert folded[m.start()] == letter, hex(ord(m.group()))
    non_word = re.compile(r"\W")  # a non-word character never becomes a letter of a run
    for m in dates._LETTERS.finditer(folded):
        assert not non_word.search(everything, m.start(), m.end()), m


# --- _FastRules.applicable -----------------------------------------------------------------------


def test_applicable_rules_are_those_whose_clauses_the_words_meet() -> None:
    fast = dates._fast_rules("en")
    rnd = random.Random(3)
    vocabulary = sorted(word.decode() for word in fast.vocabulary)
    for _ in range(3000):
        words = set(rnd.sample(vocabulary, rnd.randint(0, 12)))
        expected = [rank for rank, (_, handler) in enumerate(RULES)
                    if not any(words.isdisjoint(c) for c in dates._WORDS_NEEDED.get(handler, ()))]
        got = fast.applicable({word.encode() for word in words})
        assert [rule[0] for rule in got] == expected, words


def test_words_of_a_window_are_its_runs_of_letters() -> None:
    rnd = random.Random(6)
    for text in [*all_texts()[::3], "İstanbul ſept KKelvin 9am é’x"]:
        folded = dates._fold(text)
        runs = dates._Runs(folded)
        for ws, we in [(0, len(text)), tuple(sorted((rnd.randint(0, len(text)),
                                                     rnd.randint(0, len(text)))))]:
            assert [w.decode() for w in runs.words(ws, we)] == dates._LETTERS.findall(
                folded, ws, we), text


# --- _SHAPES -------------------------------------------------------------------------------------


@pytest.mark.parametrize("rank", [r for r, (_, h) in enumerate(RULES) if h in dates._SHAPES],
                         ids=lambda r: RULE_IDS[r])
def test_every_match_holds_a_shape_of_its_rule(rank: int) -> None:
    shapes = dates._SHAPES[RULES[rank][1]]
    found = 0
    for text, m in rule_matches(rank):
        found += 1
        assert any(shape.search(m.group()) for shape in shapes), (text, m)
    assert found >= 20


# --- _ANCHORS ------------------------------------------------------------------------------------

ANCHORED = [r for r, (_, h) in enumerate(RULES) if h in dates._ANCHORS]


def test_every_anchor_is_in_use() -> None:
    """An anchor whose runs before it `_runs_before` cannot bound is silently not used."""
    fast = dates._fast_rules("en")
    assert [rule[0] for _, rule in fast.rules if rule[4] is not None] == ANCHORED


@pytest.mark.parametrize("rank", ANCHORED, ids=lambda r: RULE_IDS[r])
def test_every_match_holds_its_anchor_after_few_runs(rank: int) -> None:
    rx, handler = RULES[rank]
    group, words = dates._ANCHORS[handler]
    before = dates._runs_before(rx, group)
    digit = dates._digit_before(rx, group)
    assert before is not None
    found = 0
    for text, m in rule_matches(rank):
        found += 1
        start, end = m.span(group)
        assert dates._fold(text)[start:end] in words, (text, m)
        assert (start, end, dates._fold(text)[start:end]) in letter_runs(text), (text, m)  # whole
        assert len(whole_words_list(text, m.start(), start)) <= before, (text, m)
        if digit:
            assert re.search(r"\d", text[m.start():start]), (text, m)
    assert found >= 20


def whole_words_list(text: str, start: int, end: int) -> list[str]:
    return [word for s, e, word in letter_runs(text) if start <= s and e <= end]


@pytest.mark.parametrize("rank", ANCHORED, ids=lambda r: RULE_IDS[r])
def test_anchored_scan_finds_what_finditer_finds_in_windows(rank: int) -> None:
    """In windows as `_windows` cuts them: ending before whitespace or at the end."""
    rx = RULES[rank][0]
    anchored = next(rule[4] for _, rule in dates._fast_rules("en").rules if rule[0] == rank)
    rnd = random.Random(rank)
    for text in [*news()[::3], *date_sentences(), *hostile(300, rank), *generated(rank)]:
        ends = [m.start() for m in re.finditer(r"\s", text)] + [len(text)]
        windows = [(0, len(text))]
        for end in rnd.sample(ends, min(3, len(ends))):
            windows.append((rnd.randint(0, end), end))
        folded = dates._fold(text)
        for ws, we in windows:
            runs = dates._Runs(folded)
            at = runs.anchors(anchored.words.intersection(runs.words(ws, we)), ws, we)
            got = [(m.span(), m.groupdict()) for m in
                   anchored.finditer(text, ws, we, at, runs.reverse)]
            assert got == [(m.span(), m.groupdict()) for m in rx.finditer(text, ws, we)], (
                text, ws, we)


@pytest.mark.parametrize(("pattern", "group", "runs"), [
    (r"(?P<a>x)", "a", 0),
    (r"the\s+(?P<a>x)", "a", 1),
    (r"(?:the\s+)?(?:this\s+)?(?P<a>x)", "a", 2),
    (r"jan(?:uary)?\.?\s*(?P<a>x)", "a", 1),  # letters joined: one run
    (r"(?:\d+(?:st|nd)?\s+)?(?P<a>x)", "a", 1),
    (r"twenty[\s-]first\s+(?P<a>x)", "a", 2),
    (r"(?:a|b\s+c)\s+(?P<a>x)", "a", 2),
    (r"(?:\w\s+){0,3}(?P<a>x)", "a", 3),
    (r"[0-9$€.,-]+(?<![\w$])(?P<a>x)", "a", 0),
    (r"é\s(?P<a>x)", "a", 1),  # a letter of another script may be an ASCII one's case
    (r"(?:\w+\s+)*(?P<a>x)", "a", None),  # no bound
    (r"(?P<b>a)(?P=b)(?P<a>x)", "a", None),  # back-reference
    (r"(?:y|(?P<a>x))", "a", None),  # not in every match
    (r"(?P<a>x)?y", "a", None),
])
def test_runs_before_small_patterns(pattern: str, group: str, runs: int | None) -> None:
    assert dates._runs_before(re.compile(pattern, re.IGNORECASE), group) == runs


@pytest.mark.parametrize(("pattern", "digit"), [
    (r"\d(?P<a>x)", True), (r"[0-3]?\d(?P<a>x)", True), (r"(?:from\s+)?(?P<d>\d+)\s(?P<a>x)", True),
    (r"(?:1\d|2[01])(?P<a>x)", True), (r"[0-3]?(?P<a>x)", False), (r"(?:\d|a)(?P<a>x)", False),
    (r"(?P<a>x)\d", False), (r"[\d.](?P<a>x)", False), (r"(?=\d)\w(?P<a>x)", False),
])
def test_digit_before_small_patterns(pattern: str, digit: bool) -> None:
    assert dates._digit_before(re.compile(pattern), "a") == digit


def test_the_prefilter_of_impossible_dates_matches_at_every_day_of_29_or_more() -> None:
    """`_DAY_29_UP` matches at the day of every `_IMPOSSIBLE` match whose day is 29 or more,
    in strings generated from `_IMPOSSIBLE` (days of every value and script) and test texts;
    smaller days are in every month."""
    regex = dates._IMPOSSIBLE
    parsed = sre_parse.parse(regex.pattern, regex.flags)
    rnd = random.Random(29)
    arabic = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
    texts = [*date_sentences(), *files(), *news()[::4]]
    for _ in range(6000):
        text = generate(parsed, regex.flags, rnd, {})
        day = rnd.choice([29, 30, 31, 32, 39, rnd.randint(0, 39)])
        written = f"{day:02}" if rnd.random() < 0.8 else f"{day:02}"[0] + f"{day:02}"[1].translate(
            arabic)
        texts.append(rnd.choice(_CONTEXT) + re.sub(r"(?<!\d)\d\d?(?=\D|$)", written, text, count=1)
                     + rnd.choice(_CONTEXT))
    found = 0
    for text in texts:
        for m in regex.finditer(text):
            group = "d1" if m["d1"] else "d2" if m["d2"] else "d3"
            if int(m[group]) >= 29:
                found += 1
                assert dates._DAY_29_UP.match(text, m.start(group)), (text, m)
    assert found >= 1000
    assert all(dates._valid(y, mo, d) for y in (1900, 2023, 2024) for mo in range(1, 13)
               for d in range(1, 29))
    nines = [c for c in map(chr, range(0x110000)) if c.isdecimal() and int("2" + c) >= 29]
    assert all(c not in "012345678" for c in nines) and len(nines) > 50


# --- _Scan and back-references ---------------------------------------------------------------


def test_no_backrefs_copies_plain_groups() -> None:
    assert dates._no_backrefs(r"(?P<s>[-/])a(?P=s)") == r"(?P<s>[-/])a(?:[-/])"
    assert dates._no_backrefs(r"(?P<s>(a))(?P=s)") == r"(?P<s>(a))(?P=s)"  # not plain: kept


# --- _windows ------------------------------------------------------------------------------------

_TRIGGERISH = ["jan", "May", "new  year", "new\tyear", "New Year", "all saints", "good friday",
               "ash wed", "ash wednesday", "parties", "f9ties", "a19ties", "twenties", "yearties",
               "new yearties", "fifteenth", "İnternational workers", "9", "2025", "٣", "the",
               "word", "x" * 50, "é", "’", "-", ".", "   ", "\n"]


def test_windows_are_those_of_every_trigger() -> None:
    rnd = random.Random(11)
    texts = [*all_texts()]
    for _ in range(6000):
        parts = []
        for _ in range(rnd.randint(1, 40)):
            parts.append(rnd.choice(_TRIGGERISH) if rnd.random() < 0.3 else
                         "".join(rnd.choice("abcdefgh ") for _ in range(rnd.randint(1, 90))))
            parts.append(rnd.choice([" ", "", "\n", "  ", "-", ". "]))
        texts.append("".join(parts))
    # a search from inside a trigger finds "year" of "new year", or the 9 of "f9ties": where the
    # search for the next trigger starts there, and a window may end after it
    for gap in range(60, 110):
        for inside in ("f9ties", "a19ties", "new year", "new  year", "good friday", "ash wed"):
            texts.append(f"1 {'z' * gap} {inside} {'z ' * 120}2")
    for text in texts:
        spans = [m.span() for m in dates._TRIGGER.finditer(text)]
        assert dates._windows(text) == dates._windows_of(text, spans), text


# --- _prev_word_match, _time_before -------------------------------------------------------------


def before_texts(seed: int) -> list[str]:
    """Times of day generated from `_TIME`, words and odd characters glued in every way."""
    rnd = random.Random(seed)
    time_of_day = sre_parse.parse(dates._TIME, dates._FLAGS)
    pieces = ["at ", "around ", "about ", "by ", "from ", "@", "@ ", "on ", "the ", "The ", "EST",
              " GMT", "x", "abc", "NINE", "ſix", "٣", "é", "$", ".", ",", "Jan.", "\n", " ", "  ",
              "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq"]
    out = []
    for _ in range(4000):
        parts = [generate(time_of_day, dates._FLAGS, rnd, {}) if rnd.random() < 0.3
                 else rnd.choice(pieces) for _ in range(rnd.randint(0, 8))]
        out.append("".join(parts) + rnd.choice(["", " ", "  ", "\n", " on ", ", "]))
    return out


def test_prev_word_match_is_the_search() -> None:
    rnd = random.Random(4)
    for text in [*before_texts(4), *date_sentences(), *news()[::5]]:
        for pos in {len(text), rnd.randint(0, len(text)), rnd.randint(0, len(text))}:
            lo = max(0, pos - rnd.choice([40, 40, 5, 0]))
            a, b = dates._PREV_WORD.search(text, lo, pos), dates._prev_word_match(text, lo, pos)
            assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (text, pos)


def test_time_before_is_the_search() -> None:
    rnd = random.Random(5)
    found = 0
    for text in [*before_texts(5), *date_sentences(), *news()[::5]]:
        for pos in {len(text), rnd.randint(0, len(text)), rnd.randint(0, len(text))}:
            a = dates._TIME_BEFORE.search(text, max(0, pos - 40), pos)
            b = dates._time_before(text, pos)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), (
                text, pos)
            found += a is not None
    assert found >= 500


# --- find_dates on strings generated from each rule ---------------------------------------------


@pytest.mark.parametrize("rank", range(len(RULES)), ids=RULE_IDS)
def test_fast_find_dates_is_the_plain_one_on_generated_strings(rank: int, monkeypatch) -> None:
    rnd = random.Random(rank)
    for text in generated(rank)[::2]:
        kw = {"reference": rnd.choice(REFERENCES), "prefer": rnd.choice(["past", "future"])}
        text = f"Officials said on Monday {text} the vote."
        fast, plain = plain_and_fast(monkeypatch, text, **kw)
        assert fast == plain, (text, kw)


def _select_by_scanning(cands):
    """`dates._select` as it was: each candidate checked against every one chosen (quadratic
    in a long text: 944 KB in one paragraph took 18 s)."""
    cands.sort(key=lambda c: (c.start - c.end, c.start, c.rank))
    taken, chosen = [], []
    for c in cands:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


def test_select_chooses_what_scanning_every_chosen_one_chose():
    import random

    from briefing import dates

    rnd = random.Random(5)
    for _ in range(3000):
        n = rnd.randint(0, 40)
        cands = []
        for _ in range(n):
            start = rnd.randint(0, 60)
            c = dates._C(start, start + rnd.randint(1, 12), "date")
            c.rank = rnd.randint(0, 5)
            cands.append(c)
        assert [id(c) for c in dates._select(list(cands))] == \
            [id(c) for c in _select_by_scanning(list(cands))]
