"""The benchmark corpus generator (`benchmarks/corpus.py`): repeatable, readable, and its answer
key agrees with what briefing finds. No timings are asserted here."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_cli


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks" / "corpus.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_seed_same_corpus_and_documents_independent_of_size(corpus, tmp_path: Path) -> None:
    key_a = corpus.generate(tmp_path / "a", 10, seed=7)
    key_b = corpus.generate(tmp_path / "b", 10, seed=7)
    corpus.generate(tmp_path / "c", 10, seed=8)
    corpus.generate(tmp_path / "d", 12, seed=7)
    a = _files(tmp_path / "a")
    assert a == _files(tmp_path / "b") and key_a == key_b
    assert a != _files(tmp_path / "c")
    assert {k: v for k, v in _files(tmp_path / "d").items() if k in a} == a
    assert len(a) == 10 and {Path(name).suffix for name in a} >= {".md", ".txt"}
    for doc in key_a["documents"]:
        assert doc["dates"], doc["name"]
        assert 1_800 <= doc["bytes"] <= 7_500, doc["name"]  # articles of 2–6 KB of text


def test_cli_writes_sources_and_answer_key(corpus, tmp_path: Path) -> None:
    corpus.main([str(tmp_path / "bench"), "--docs", "3", "--seed", "1"])
    key = json.loads((tmp_path / "bench" / "answers.json").read_text(encoding="utf-8"))
    assert key["docs"] == 3 and key["seed"] == 1
    assert sorted(d["name"] for d in key["documents"]) == \
        sorted(p.name for p in (tmp_path / "bench" / "sources").iterdir())


def test_briefing_reads_the_corpus_and_finds_its_known_dates(corpus, tmp_path: Path) -> None:
    sources, _, key = corpus.write_corpus(tmp_path / "bench", 10, seed=0)
    result = run_cli("events", "--sources", str(sources), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert not result.stderr.strip(), result.stderr  # every file read, each with its own date
    events = json.loads(result.stdout)
    cited = {name for event in events for name in event["sources"]}
    assert cited == {doc["name"] for doc in key["documents"]}
    score = corpus.recall(key, events)
    assert score["total"] >= 40
    assert score["recall"] >= 0.95, score["misses"]
    assert score["spurious"] <= 0.05 * score["total"]
    # the score is not trivially full: a key whose values are all wrong finds nothing
    shifted = json.loads(json.dumps(key))
    for doc in shifted["documents"]:
        for d in doc["dates"]:
            d["value"] = d["value"] + "-x"
    assert corpus.recall(shifted, events)["recall"] == 0
