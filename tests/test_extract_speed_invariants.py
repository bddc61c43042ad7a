"""The premises of the shortcuts that make extraction fast, each checked against the plain code
it replaces (kept here as the reference): if a premise breaks, a test here fails.

- split_sentences looks at the last word before a period only (not a regex search of all the
  text before it), in a window of 24 characters unless the word is longer;
- find_actors works out once per run of capitalised words what does not depend on where it
  stands (`actors._pieces`), skips the runs that give no name anywhere, and tells the start of
  a sentence without copying the text before a word (`actors._opens_sentence`);
- rule 5 (`extract._known_names`) compares a sentence only with the names whose first run of
  word characters it holds among its capitalised runs (`extract._KnownNames`), and searches
  only the sentences where such a name is not already a word of their names;
- find_quotes is not called for a sentence without “ or " (`extract._may_quote`);
- canonical_actors maps a name with no longer form in its family to itself without comparing.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import actors as A
from briefing import extract as E
from briefing.actors import canonical_actors, find_actors
from briefing.extract import _known_in, _known_names, _KnownNames, split_sentences

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = [*(ROOT / "tests" / "data" / "articles").glob("*.md"), *(ROOT / "sources").glob("*.md")]


# --- the code before the shortcuts (the reference) ------------------------------------------

_INITIAL = re.compile(r"(?:^|\s)(?:[A-Z]|(?:[A-Za-z]\.)+[A-Za-z])\.$")


def split_sentences_before(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in E._SENTENCE_END.finditer(text):
        end = match.end()
        before = text[start:match.start() + 1]
        word = before.rsplit(None, 1)[-1].rstrip(".").lower() if before.strip() else ""
        if match.group().startswith(".") and (word in E._ABBREVIATIONS
                                              or _INITIAL.search(before)):
            continue
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


def find_actors_before(sentence: str) -> list[str]:
    actors: list[str] = []
    for match in A._NAME.finditer(sentence):
        before = sentence[match.start() - 1: match.start()]
        after = sentence[match.end(): match.end() + 1]
        if before and after and before in A._QUOTES and after in A._QUOTES:
            continue
        if before == "(" and after == ")" and actors and A._WORD_BEFORE.search(
                sentence[: match.start() - 1]):
            continue
        if A._COMPOUND.fullmatch(match.group()) and A._LOWER_WORD_NEXT.match(
                sentence, match.end()):
            continue
        offset = match.start()
        for raw in A._split_of(match.group()):
            start = sentence.find(raw, offset)
            offset = start + len(raw)
            name = _name_before(raw, sentence, start)
            if name and name not in actors:
                actors.append(name)
    return actors


def _name_before(raw: str, sentence: str, start: int) -> str | None:
    found = A._name_in(raw)
    if found is None:
        return None
    name, at = found
    if at >= 0 and not _plain_single_word_before(name, sentence, start + at):
        return None
    return name


def _plain_single_word_before(name: str, sentence: str, start: int) -> bool:
    if A._at_sentence_start(sentence, start) or A._is_demonym(name) or name + "." in A.TITLES:
        return False
    following = sentence[start + len(name):]
    return not A._NUMBER_NEXT.match(following) and not A._ELIDED_COMMON_NEXT.match(following)


def known_names_before(named: list[list[str]], sentences: list[str]) -> list[list[str]]:
    known = {a.split()[-1] for names in named for a in names
             if len(a.split()) > 1 and a.split()[-1][:1].isupper()}
    known |= {a for names in named for a in names if " " not in a}
    if not known:
        return named
    longest_first = sorted(known, key=len, reverse=True)
    result = []
    for names, sentence in zip(named, sentences, strict=True):
        words = {w for a in names for w in a.split()}
        extra = [name for name in _known_in(sentence, longest_first) if name not in words]
        result.append(names + [e for e in dict.fromkeys(extra) if e not in names])
    return result


def _known_by_regex(sentence: str, names: list[str]) -> list[str]:
    """One regex alternation of the names, whole words (no \\w or hyphen on either side)."""
    pattern = re.compile("(?<![\\w-])(" + "|".join(map(re.escape, names)) + ")(?![\\w-])")
    return [m.group(1) for m in pattern.finditer(sentence)]


# --- texts to compare on --------------------------------------------------------------------

_PIECES = [
    "Secretary", "of", "State", "Antony", "J.", "Blinken", "Foreign Minister", "Mei", "Berg",
    "NASA", "U.S.", "US-France", "Jean-Noël", "O’Brien", "Church", "Scientology", "Norwegian",
    "Expedition", "47", "January", "Monday", "EDT", "Mr.", "Dr", "St.", "e.g.", "approx.",
    "Bahraini", "Sheikh", "Khalid", "bin", "Al", "Khalifa", "Qatar's", "Prime Minister", "the",
    "The", "met", "said", "visited", "and", "in", "Paris", "(USGS)", "(", ")", "'", "“", "”",
    "\"", "’s", "Summit", "Declaration", "Defending", "Religious", "Freedom", "Beijing", "A",
    "I", "É", "×", "Øst", "Ärzte", "x", ".", ",", ";", ":", "!", "?", "…", "-", "—", "D.C.",
    "Washington", "Williams", "Will", "Will-Smith", "Williamson", "Interior", "Larsen",
    "Kwame", "Chiara", "EMBARGOED", "Gen.", "Lt.", "Col", "Army", "Commander", "Tim", "Kopra",
]
_SPACES = [" ", " ", " ", " ", "  ", "\n", "\xa0", "\u2003", ""]


def _random_text(rnd: random.Random, words: int) -> str:
    return "".join(rnd.choice(_PIECES) + rnd.choice(_SPACES) for _ in range(words))


def _article_paragraphs() -> list[str]:
    paragraphs = []
    for path in ARTICLES:
        text = path.read_text(encoding="utf-8").split("\n---\n", 1)[-1]
        paragraphs += [p.strip() for p in text.split("\n\n") if p.strip()]
    return paragraphs


# --- premises of the regex engine and of str ------------------------------------------------

def test_regex_classes_are_the_str_predicates_the_shortcuts_take_them_for():
    """`\\s` is str.isspace() (str.split() and str.strip() split and strip it: _last_word,
    _opens_sentence), `\\w` is str.isalnum() or "_" (`extract._joins` and _CAPITALISED_RUN),
    for every character; and the capitals of _CAPITALISED_RUN are word characters."""
    space, word = re.compile(r"\s"), re.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert bool(space.match(char)) == char.isspace(), hex(code)
        assert bool(word.match(char)) == (char.isalnum() or char == "_"), hex(code)
        if E._CAPITALISED_RUN.match(char):
            assert char.isalnum(), hex(code)


# --- sentences -------------------------------------------------------------------------------

@settings(max_examples=3000, deadline=None)
@given(st.text(st.sampled_from(list("aAbB .!?…\"”’')([“‘U.SJ1\n\xa0éÀ")), max_size=40))
def test_sentences_split_as_before(text):
    assert split_sentences(text) == split_sentences_before(text)


def test_sentences_split_as_before_on_articles_and_long_words():
    rnd = random.Random(7)
    texts = _article_paragraphs() + [_random_text(rnd, rnd.randint(0, 30)) for _ in range(3000)]
    texts += ["x" * n + ". Next" for n in range(20, 30)]  # a word longer than the window
    texts += ["(" + "A." * n + " Next" for n in range(8, 16)]  # initials longer than it
    texts += ["a " + "B.c." * n + " Next" for n in range(4, 10)]
    for text in texts:
        assert split_sentences(text) == split_sentences_before(text), text


def test_only_whitespace_stands_between_sentences():
    """What `_KnownNames.candidates` and the sentence offsets rely on."""
    rnd = random.Random(8)
    for text in _article_paragraphs() + [_random_text(rnd, 20) for _ in range(2000)]:
        spans = split_sentences(text)
        outside = list(text)
        for s, e in spans:
            outside[s:e] = [" "] * (e - s)
        assert "".join(outside).isspace() or not outside or not spans, text


# --- actors ----------------------------------------------------------------------------------

def test_actors_found_as_before():
    rnd = random.Random(9)
    sentences = [text[s:e] for text in _article_paragraphs() for s, e in split_sentences(text)]
    sentences += [_random_text(rnd, rnd.randint(1, 25)) for _ in range(20000)]
    sentences += ["Then Church  of Scientology met Paris.",  # "X  of Y" rejoined: not found
                  "He met Church  of the X and Church of Scientology."]
    for sentence in sentences:
        assert find_actors(sentence) == find_actors_before(sentence), sentence


@settings(max_examples=2000, deadline=None)
@given(st.text(st.sampled_from(list("AbÉ ’'\"“”()-.,1xof")), max_size=30))
def test_actors_found_as_before_on_any_text(sentence):
    assert find_actors(sentence) == find_actors_before(sentence)


@settings(max_examples=3000, deadline=None)
@given(st.text(st.sampled_from(list("aA. \n\xa0'\"“([")), max_size=12), st.data())
def test_sentence_start_told_without_copying(sentence, data):
    start = data.draw(st.integers(0, len(sentence)))
    assert A._opens_sentence(sentence, start) == A._at_sentence_start(sentence, start)


# --- rule 5: names the source already gave ---------------------------------------------------

@settings(max_examples=5000, deadline=None)
@given(sentence=st.text(st.sampled_from(list("abAB -_'.é1ÉØ×’")), max_size=30),
       names=st.lists(st.text(st.sampled_from(list("abAB -_'.é1ÉØ×’")), min_size=1,
                              max_size=4), min_size=1, max_size=6, unique=True))
def test_known_names_are_found_where_a_regex_alternation_finds_them(sentence, names):
    ordered = sorted(names, key=len, reverse=True)
    # what _known_names does with them: search the candidates alone
    assert _known_in(sentence, _KnownNames(ordered).candidates(sentence)) == \
        _known_by_regex(sentence, ordered)


def test_known_names_added_as_before():
    rnd = random.Random(10)
    for _ in range(2000):
        sentences = [_random_text(rnd, rnd.randint(1, 12)) for _ in range(rnd.randint(1, 6))]
        named = [find_actors(s) for s in sentences]
        if rnd.random() < 0.3:  # names the sentences do not hold as they are
            named[0] = named[0] + ["Mei Berg", "Will", "É-x", "xé", "’s Berg"]
        assert _known_names([list(n) for n in named], sentences) == \
            known_names_before([list(n) for n in named], sentences)


# --- quotes and spellings --------------------------------------------------------------------

@settings(max_examples=2000, deadline=None)
@given(st.text(st.sampled_from(list("aA ,.”’'«»said")), max_size=60))
def test_no_quote_without_an_opening_quote_mark(sentence):
    assert not E._may_quote(sentence)
    assert E.find_quotes(sentence, {}) == []


@settings(max_examples=2000, deadline=None)
@given(st.text(st.sampled_from(list("aA ,“”\"said")), max_size=60))
def test_a_sentence_with_a_quote_is_looked_at(sentence):
    assert E._may_quote(sentence) or E.find_quotes(sentence, {}) == []


def test_a_name_without_a_longer_form_is_its_own_fullest():
    rnd = random.Random(11)
    first = ["Antony", "Tony", "A.", "Jean-Noël", "Secretary", "Interior", "Minister", "Kwame"]
    last = ["Blinken", "Barrot", "Larsen", "NASA"]
    for _ in range(2000):
        names = [" ".join([*rnd.sample(first, rnd.randint(0, 3)), rnd.choice(last)])
                 for _ in range(rnd.randint(1, 10))]
        mapping = canonical_actors(names)
        for name in names:
            family = [n for n in names if n.split()[-1] == name.split()[-1]]
            if all(len(n) <= len(name) for n in family):
                assert mapping[name] == name
            family_of = A._Family([(n, n.split()) for n in
                                   sorted(dict.fromkeys(family), key=len, reverse=True)])
            assert mapping[name] == family_of.fullest(name, name.split())
