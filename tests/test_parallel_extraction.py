"""Extraction spread over processes, and the fast paths of extraction, give exactly what the
plain serial code gives (issue 8: speed without any change of output)."""

from __future__ import annotations

import logging
import random
import re
import shutil
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

from briefing import dates, pipeline
from briefing.actors import canonical_actors
from briefing.pipeline import load_chronology
from tests.conftest import DEMO_SOURCES, write_tree

DATA = Path(__file__).resolve().parent / "data"


def _corpus(folder: Path) -> Path:
    """Demo and test articles (more than PARALLEL_MIN_SOURCES), a file that cannot be read, an
    unsupported file and one with a front-matter date that is not a date."""
    folder.mkdir(parents=True)
    for path in [*DEMO_SOURCES.glob("*.md"), *(DATA / "articles").glob("*.md")]:
        shutil.copy(path, folder / path.name)
    for name in ("malformed-front-matter.md", "binary.txt", "front-matter-date-not-a-date.md",
                 "impossible-date.md"):
        shutil.copy(DATA / "hostile" / name, folder / name)
    (folder / "slides.pdf").write_bytes(b"%PDF-1.4")
    assert len(list(folder.iterdir())) > pipeline.PARALLEL_MIN_SOURCES
    return folder


def test_a_process_pool_gives_exactly_the_serial_chronology(tmp_path, caplog):
    sources = _corpus(tmp_path / "sources")
    serial = load_chronology(sources)
    problems = {(Path(p.path).name, p.severity.value) for p in serial.problems}
    assert ("malformed-front-matter.md", "error") in problems  # reported ...
    assert ("binary.txt", "error") in problems
    assert ("slides.pdf", "warning") in problems
    assert len(serial.sources) == len(list(sources.iterdir())) - 3  # ... the others processed

    cache = tmp_path / "cache"
    load_chronology([sources / "2025-01-blinken-paris-legion-honneur.md"], cache_dir=cache)
    with ProcessPoolExecutor(2) as executor, caplog.at_level(logging.INFO, "briefing.pipeline"):
        parallel = load_chronology(sources, cache_dir=cache, executor=executor)
    assert "1 of" in caplog.text  # the cached source was taken from the cache
    assert parallel == serial
    assert [p.message for p in parallel.problems] == [p.message for p in serial.problems]

    with ProcessPoolExecutor(2) as executor:  # every source now cached, none left to the pool
        assert load_chronology(sources, cache_dir=cache, executor=executor) == serial


def test_any_executor_gives_the_serial_chronology_with_an_as_of_date(tmp_path):
    sources = _corpus(tmp_path / "sources")
    as_of = dates.parse_ref("2025-06-01")
    with ThreadPoolExecutor(3) as executor:
        assert load_chronology(sources, as_of, executor=executor) == \
            load_chronology(sources, as_of)


def test_a_lost_task_is_parsed_in_this_process(tmp_path):
    class Failing(ThreadPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):
            def fail():
                raise RuntimeError("worker lost")
            return super().submit(fail)

    sources = _corpus(tmp_path / "sources")
    with Failing(2) as executor:
        assert load_chronology(sources, executor=executor) == load_chronology(sources)


def test_results_are_awaited_with_the_collector_paused_and_lost_tasks_parsed_with_it_on(
        tmp_path, monkeypatch):
    """Unpickling a pool's results builds many objects, all kept: the cyclic collector would
    scan them again and again. Parsing makes cyclic garbage (HTML trees): never paused."""
    import gc
    from concurrent.futures import Executor, Future

    awaited: list[bool] = []  # gc.isenabled() when each result is asked for

    class Watched(Future):
        def result(self, timeout=None):
            awaited.append(gc.isenabled())
            return super().result(timeout)

    parse_batch = pipeline._parse_batch

    class Inline(Executor):  # runs each task at once; every third one is lost
        def submit(self, fn, /, *args, **kwargs):
            future = Watched()
            if len(tasks) % 3 == 2:
                future.set_exception(RuntimeError("worker lost"))
            else:
                future.set_result(parse_batch(*args, **kwargs))
            tasks.append(fn)
            return future

    tasks: list[object] = []
    parsed_here: list[bool] = []  # gc.isenabled() when a lost task is parsed here

    def recording(*args, **kwargs):
        parsed_here.append(gc.isenabled())
        return parse_batch(*args, **kwargs)

    sources = _corpus(tmp_path / "sources")
    serial = load_chronology(sources)
    monkeypatch.setattr(pipeline, "_parse_batch", recording)
    assert gc.isenabled()
    assert load_chronology(sources, executor=Inline()) == serial
    assert gc.isenabled()
    assert len(awaited) == len(tasks) >= 3 and not any(awaited)
    assert len(parsed_here) == len(tasks) // 3 and all(parsed_here)


def test_jobs_2_is_a_pool_of_two_processes(tmp_path):
    sources = _corpus(tmp_path / "sources")
    with pipeline.parallel(2) as executor:
        assert executor is not None and executor._max_workers == 2  # type: ignore[attr-defined]
        assert load_chronology(sources, executor=executor) == load_chronology(sources)


def test_nothing_readable_still_raises(tmp_path):
    from briefing.sources import SourceError

    sources = write_tree(tmp_path / "s", {f"{i}.txt": b"\x00\x01\x02" * 50 for i in range(10)})
    with ThreadPoolExecutor(2) as executor, pytest.raises(SourceError, match="no readable"):
        load_chronology(sources, executor=executor)


def test_batches_cover_every_source_once_in_order():
    sizes = [random.Random(i).randrange(1, 10_000) for i in range(101)]
    for workers in (1, 2, 8, 100, 500):
        batches = pipeline._batches(sizes, workers)
        assert [i for batch in batches for i in batch] == list(range(len(sizes)))
        assert all(batches)


def test_batches_shrink_towards_the_end_so_that_workers_finish_together():
    rnd = random.Random(3)
    sizes = [rnd.randrange(1_000, 20_000) for _ in range(2_000)]
    total, largest_file = sum(sizes), max(sizes)
    for workers in (2, 4):
        weights = [sum(sizes[i] for i in batch) for batch in pipeline._batches(sizes, workers)]
        full = total / (pipeline.BATCHES_PER_WORKER * workers)
        assert all(w < full + largest_file for w in weights)
        assert weights[0] >= full and weights[-1] < full / 4 + largest_file
        # each task is at most what is left after it per worker (+ a file): none of them,
        # started last, keeps one worker busy long after the others
        for k, weight in enumerate(weights):
            assert weight <= max(sum(weights[k + 1:]) / workers, full / 4) + largest_file
        assert len(weights) < 2 * pipeline.BATCHES_PER_WORKER * workers


# --- the date triggers: the fast scan finds exactly _TRIGGER's matches ---------------------------

_WORDS = ["jan", "march", "May", "monday", "twenties", "ſept", "rarities", "fifteenth",
          "sixteenths", "teenth", "ties", "_ties", "9ties", "new  year", "new\tyear",
          "İnternational workers", "ıNTERNATIONAL WORKERS", "all saints", "ago", "agony", "days",
          "dayss", "Juneteenth", "jUNETEENTH", "x", "é", "e\u0301", "’", "2025", "٣", "1st",
          "15teenth", "K", "\u212aties", "ash wed", "week", "weekday", "month", "TIES", "tıes"]
_SEPARATORS = [" ", "", "-", ".", ",", "\n", "_", "9", "é", "'", "  "]


def _trigger_matches(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in dates._TRIGGER.finditer(text)]


def test_trigger_scan_finds_exactly_the_trigger_matches():
    texts = [p.read_text(encoding="utf-8", errors="replace")
             for p in [*DEMO_SOURCES.glob("*"), *DATA.rglob("*.md"), *DATA.rglob("*.txt")]]
    rnd = random.Random(8)
    texts += ["".join(rnd.choice(_WORDS) + rnd.choice(_SEPARATORS)
                      for _ in range(rnd.randint(1, 8))) for _ in range(20_000)]
    for text in texts:
        assert dates._trigger_spans(text) == _trigger_matches(text), text


def test_the_fast_trigger_scan_is_in_use():
    assert dates._TRIGGER_PARTS is not None, (
        "_TRIGGER is no longer written as \\d|\\b(?:word|word…) with words of letters, \\s+, "
        "\\b and leading \\w+: _windows falls back to the slow plain scan")


def test_trigger_letters_cover_every_case_insensitive_match():
    everything = "".join(map(chr, range(0x110000)))
    for letter in "abcdefghijklmnopqrstuvwxyz":
        matched = set(re.findall("(?i)" + letter, everything))
        assert matched == set(letter + letter.upper() + dates._CASE_VARIANTS.get(letter, ""))


# --- front matter: libyaml where it agrees with PyYAML's parser -----------------------------------

@pytest.mark.parametrize("text", [
    "title: A\ndate: 2025-01-08\n", "date: 2025-02-30\n", "when: 2025-01-08 10:30:00\n",
    "a:\tb\n", "\ufefftitle: x\n", "t: !\n", "t: |2#\n", "[a?b]\n", "t: 'it''s'\n",
    "t: \"a\\tb\"\n", "x: [1, {y: 2}]\n", "- a\n- b\n", "a: &x 1\nb: *x\n", "a: b: c\n", "!!\n",
])
def test_front_matter_loads_as_pyyaml_loads_it(text):
    import yaml

    from briefing.sources import markdown

    def load(function, *args):
        try:
            return repr(function(*args))
        except yaml.YAMLError as error:
            return str(error)

    assert load(markdown._load_yaml, text) == load(
        yaml.load, text, markdown._FrontMatterLoader)


# --- actors: one spelling per actor, as the plain quadratic rule gives it -------------------------

def _canonical_by_the_rule(actors: list[str]) -> dict[str, str]:
    """The rule of `canonical_actors`, pair by pair: a form maps to the longest longer form
    holding its words in order (same family name), unless the longer forms compatible with it
    (what each says besides family name and title words is all in the other) are not all
    compatible with each other."""
    from briefing.actors import TITLES

    title_words = {w for t in TITLES for w in t.split()}

    def given(name: str) -> list[str]:
        return [w for w in name.split()[:-1] if w not in title_words]

    def within(short: list[str], long: list[str]) -> bool:
        at = 0
        for word in short:
            while at < len(long) and long[at] != word:
                at += 1
            if at == len(long):
                return False
            at += 1
        return True

    def compatible(a: str, b: str) -> bool:
        return within(given(a), given(b)) or within(given(b), given(a))

    full = sorted(dict.fromkeys(actors), key=len, reverse=True)
    mapping: dict[str, str] = {}
    for name in actors:
        same = [c for c in full if len(c) > len(name) and c.split()[-1] == name.split()[-1]
                and compatible(c, name)]
        if any(not compatible(a, b) for a in same for b in same):
            mapping[name] = name
        else:
            mapping[name] = next((c for c in same if within(name.split(), c.split())), name)
    return mapping


def test_canonical_actors_follow_the_rule():
    first = ["Antony", "Tony", "A.", "Jean-Noël", "J.", "Secretary", "Interior", "Minister"]
    last = ["Blinken", "Barrot", "Macron", "Williams", "NASA"]
    rnd = random.Random(4)
    for _ in range(3000):
        names = [" ".join([*rnd.sample(first, rnd.randint(0, 3)), rnd.choice(last)])
                 for _ in range(rnd.randint(1, 12))]
        assert list(canonical_actors(names).items()) == \
            list(_canonical_by_the_rule(names).items())


@pytest.mark.parametrize(("names", "expected"), [
    (["Blinken", "Antony Blinken", "Secretary Blinken", "Secretary of State Antony J. Blinken"],
     ["Secretary of State Antony J. Blinken"] * 4),
    (["Interior Minister Kwame Larsen", "Interior Minister Chiara Larsen", "Larsen",
      "Kwame Larsen", "Minister Larsen"],
     ["Interior Minister Kwame Larsen", "Interior Minister Chiara Larsen", "Larsen",
      "Interior Minister Kwame Larsen", "Minister Larsen"]),
    (["Finance Minister Mei Chen", "Finance Minister Victor Chen"],
     ["Finance Minister Mei Chen", "Finance Minister Victor Chen"]),
])
def test_two_people_with_one_family_name_stay_two(names, expected):
    """Two ministers named Larsen are two people: neither is renamed after the other, and a
    bare "Larsen" is left as written (it could be either)."""
    assert [canonical_actors(names)[name] for name in names] == expected


def test_a_worker_in_another_folder_reads_relative_paths_from_the_callers(tmp_path,
                                                                           monkeypatch):
    _corpus(tmp_path / "sources")
    monkeypatch.chdir(tmp_path)
    names = sorted(str(p) for p in Path("sources").iterdir() if p.suffix != ".pdf")
    here = pipeline._parse_batch(names, None, False, str(tmp_path))
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")  # as a worker started in its own folder
    there = pipeline._parse_batch(names, None, False, str(tmp_path))
    assert there == here
    assert [r.source.path for r in there if r.source] == \
        [n for n, r in zip(names, here, strict=True) if r.source]
