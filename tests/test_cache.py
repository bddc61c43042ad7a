"""The per-source cache: unchanged sources are not read or parsed again, and give the same
chronology as a fresh run."""

from __future__ import annotations

import pytest

from briefing import pipeline
from briefing.pipeline import load_chronology
from tests.conftest import DEMO_SOURCES, write_tree


def _counting(monkeypatch):
    calls: list[str] = []
    real = pipeline.extract_events

    def spy(source):
        calls.append(source.name)
        return real(source)

    monkeypatch.setattr(pipeline, "extract_events", spy)
    return calls


def test_cached_chronology_equals_a_fresh_one(tmp_path, monkeypatch):
    sources = write_tree(tmp_path / "sources", {
        p.name: p.read_text(encoding="utf-8") for p in DEMO_SOURCES.iterdir()
    } | {"notes.txt": "The committee met.\n"})
    fresh = load_chronology(sources)
    cache = tmp_path / "cache"
    first = load_chronology(sources, cache_dir=cache)
    calls = _counting(monkeypatch)
    second = load_chronology(sources, cache_dir=cache)
    assert calls == []
    assert fresh == first == second
    assert [p.message for p in second.problems] == [p.message for p in fresh.problems]


def test_only_the_changed_source_is_parsed_again(tmp_path, monkeypatch):
    files = {f"s{i}.md": f"---\ntitle: S{i}\ndate: 2025-03-0{i + 1}\n---\nOn March {i + 1}, "
             f"the council met.\n" for i in range(5)}
    sources = write_tree(tmp_path / "sources", files)
    cache = tmp_path / "cache"
    load_chronology(sources, cache_dir=cache)
    (sources / "s2.md").write_text(files["s2.md"].replace("council", "cabinet"))
    calls = _counting(monkeypatch)
    chronology = load_chronology(sources, cache_dir=cache)
    assert calls == ["s2.md"]
    assert "cabinet" in chronology.events[2].summary


def test_a_run_hashes_each_source_file_once(tmp_path, monkeypatch):
    """The digests the run's fingerprint made key the cache too: no source file is read a
    second time for its key, and the keys are those made from the files themselves."""
    from pathlib import Path

    from briefing import manifest
    from briefing.cache import SourceCache

    sources = write_tree(tmp_path / "sources", {
        "a.md": "---\ndate: 2025-03-01\n---\nOn March 1, the council met.\n",
        "sub/b.txt": "On 2 March 2025 the cabinet met.\n", ".hidden.md": "x\n"})
    digests: dict[str, str] = {}
    manifest.fingerprint({}, [sources], digests)
    paths = pipeline.source_paths(sources, [])
    assert paths and all(str(path) in digests for path in paths)
    expected = [SourceCache(tmp_path / "c", "").key(path) for path in paths]

    read: list[str] = []
    real = Path.read_bytes

    def spy(self):
        read.append(self.name)
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", spy)
    assert [SourceCache(tmp_path / "c", "", digests).key(path) for path in paths] == expected
    assert read == []
    monkeypatch.undo()
    calls = _counting(monkeypatch)
    load_chronology(sources, cache_dir=tmp_path / "c", digests=digests)
    assert sorted(calls) == ["a.md", "b.txt"]
    calls.clear()
    load_chronology(sources, cache_dir=tmp_path / "c", digests=digests)
    assert calls == []


def test_a_different_as_of_does_not_reuse_events(tmp_path, monkeypatch):
    from briefing.dates import parse_ref

    sources = write_tree(tmp_path / "sources", {"notes.txt": "Yesterday the committee met.\n"})
    cache = tmp_path / "cache"
    a = load_chronology(sources, parse_ref("2025-05-10"), cache_dir=cache)
    b = load_chronology(sources, parse_ref("2025-06-10"), cache_dir=cache)
    assert a.events[0].date.value == "2025-05-09"
    assert b.events[0].date.value == "2025-06-09"


def test_a_corrupt_cache_entry_is_ignored(tmp_path):
    sources = write_tree(tmp_path / "sources", {"a.md": "---\ndate: 2025-03-04\n---\nOn March 3"
                                                ", the council met.\n"})
    cache = tmp_path / "cache"
    expected = load_chronology(sources, cache_dir=cache)
    for entry in cache.iterdir():
        entry.write_text("{not json")
    assert load_chronology(sources, cache_dir=cache) == expected


def test_parallel_parsing_gives_the_same_chronology(tmp_path):
    from concurrent.futures import ProcessPoolExecutor

    files = {f"s{i:02}.md": f"---\ntitle: S{i}\ndate: 2025-03-{i % 28 + 1:02}\n---\n"
             f"On March {i % 28 + 1}, council {i} met. Yesterday the board {i} voted.\n"
             for i in range(24)}
    sources = write_tree(tmp_path / "sources", files)
    serial = load_chronology(sources)
    with ProcessPoolExecutor(max_workers=2) as pool:
        parallel = load_chronology(sources, executor=pool)
    assert parallel == serial
    assert len(serial.events) == 48


def test_jobs_flag_gives_identical_documents(tmp_path):
    import os
    import subprocess
    import sys

    files = {f"s{i:02}.md": f"---\ntitle: S{i}\ndate: 2025-03-{i % 28 + 1:02}\n---\n"
             f"On March {i % 28 + 1}, council {i} met.\n" for i in range(12)}
    sources = write_tree(tmp_path / "sources", files)
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1736294400"}
    for jobs in ("1", "2"):
        subprocess.run([sys.executable, "-m", "briefing", "make", "--sources", str(sources),
                        "--out", str(tmp_path / jobs), "--jobs", jobs, "--format", "docx"],
                       check=True, env=env, capture_output=True)
    for name in ("briefing.docx", "timeline.docx"):
        assert (tmp_path / "1" / name).read_bytes() == (tmp_path / "2" / name).read_bytes()


def test_a_cached_source_keeps_its_impossible_date_warning_and_not_its_text(tmp_path,
                                                                            monkeypatch):
    sources = write_tree(tmp_path / "sources", {
        "a.md": "---\ndate: 2025-03-01\n---\nOn February 30, 2025, the council met. "
                "On 2 March 2025 it voted.\n"})
    cache = tmp_path / "cache"
    first = load_chronology(sources, cache_dir=cache)
    calls = _counting(monkeypatch)
    second = load_chronology(sources, cache_dir=cache)
    assert calls == []
    warnings = [p.message for p in second.problems if "February 30, 2025" in p.message]
    assert warnings == [p.message for p in first.problems if "February 30, 2025" in p.message]
    assert len(warnings) == 1 and "not a real date" in warnings[0]
    # the chronology cites its sources; their text is not kept once extracted
    assert [s.blocks for s in second.sources] == [()]
    assert second.events == first.events and "2025-03-02" in [e.date.value for e in second.events]


def test_an_entry_of_an_older_shape_is_made_again(tmp_path):
    sources = write_tree(tmp_path / "sources", {"notes.txt": "The committee met.\n"})
    cache = tmp_path / "cache"
    expected = load_chronology(sources, cache_dir=cache)
    (entry,) = cache.glob("*.json")
    entry.write_text('{"source": {"path": 1}, "events": []}', encoding="utf-8")
    assert load_chronology(sources, cache_dir=cache) == expected
    assert b'"events"' in entry.read_bytes() and b'"path":1' not in entry.read_bytes()


def test_gc_paused_restores_the_collector_and_nests():
    import gc

    from briefing.pipeline import gc_paused

    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner pause does not end the outer one
    assert gc.isenabled()
    assert gc.get_freeze_count() == frozen
    try:
        with gc_paused(freeze=True):
            kept = [[i] for i in range(1000)]
        assert gc.isenabled() and gc.get_freeze_count() >= frozen + len(kept)
    finally:
        gc.unfreeze()


def test_gc_paused_leaves_what_it_built_out_of_the_young_generation():
    """After the pause the youngest generation is not left holding everything built in it
    (its next collection would scan it all), nothing is left frozen, and a cycle built in the
    pause and dropped is still collected."""
    import gc
    import weakref

    from briefing.pipeline import gc_paused

    class Node:
        pass

    if gc.get_freeze_count():  # pragma: no cover - the suite freezes nothing
        pytest.skip("something else froze objects")
    gc.collect()
    with gc_paused():
        kept = [[i] for i in range(50_000)]
        cycle = Node()
        cycle.self = cycle  # type: ignore[attr-defined]
        dead = weakref.ref(cycle)
        del cycle
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert gc.get_count()[0] < 1_000  # not the 50,000 lists
    assert dead() is not None
    gc.collect()
    assert dead() is None and len(kept) == 50_000


def test_sources_are_parsed_with_the_collector_on(tmp_path, monkeypatch):
    """An HTML page's tree is cyclic garbage once read: the collector must run while sources
    are parsed, or a large folder read in one process would keep every tree in memory."""
    import gc

    sources = write_tree(tmp_path / "sources", {
        "a.html": "<html><body><p>On 8 January 2025 they met.</p></body></html>",
        "b.md": "---\ndate: 2025-01-09\n---\nThe council met.\n"})
    seen: list[bool] = []
    real = pipeline._parse

    def spy(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "_parse", spy)
    load_chronology(sources, cache_dir=tmp_path / "cache")
    assert seen == [True, True]
    assert gc.isenabled()
