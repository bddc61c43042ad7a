"""Parsing on a Dask cluster (`briefing[dask]`): a LocalCluster of two worker processes started
here stands in for a real one; the chronology must be the one a single process makes."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from briefing.config import ConfigError, load
from briefing.executors import ExecutorError, executor_for, normalize
from briefing.pipeline import Settings, _settings_key, load_chronology
from tests.conftest import DEMO_SOURCES, clean_env, run_cli

CITIES = ("Paris", "Lyon", "Brussels", "Berlin", "Madrid", "Rome")
PAIRS = (("Priya", "Leila"), ("Oliver", "Daniel"), ("Lucas", "Greta"), ("Peter", "Marco"))
"""First names of the same length: which full name a bare surname stands for must not depend
on the order of a set (Dask workers are fresh processes, with their own hash seeds)."""


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    # its HTTP server on a free port: another cluster may hold the default one (8787)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=":0") as local:
        yield local


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """30 sources: the demo articles with varied dates, each with an event of its own."""
    folder = tmp_path_factory.mktemp("corpus")
    demos = sorted(DEMO_SOURCES.glob("*.md"))
    for i in range(30):
        text = demos[i % len(demos)].read_text(encoding="utf-8")
        text = re.sub(r"^date: .*$", f"date: 2025-{i % 12 + 1:02}-{i % 27 + 1:02}", text,
                      count=1, flags=re.MULTILINE)
        first, second = PAIRS[i % len(PAIRS)]
        surname = f"Okafor{chr(97 + i % 26)}"
        text += (f"\nOn March {i % 28 + 1}, 2025, the council of {CITIES[i % len(CITIES)]} "
                 f"met for session {i}. Judge {first} {surname} and Judge {second} {surname} "
                 f"attended.\n\nOn April {i % 28 + 1}, 2025, Judge {surname} ruled on the "
                 "case.\n")
        (folder / f"s{i:02}.md").write_text(text, encoding="utf-8")
    return folder


def _tasks_done(cluster) -> int:
    return cluster.scheduler.transition_counter


@pytest.mark.parametrize("name", ["demo", "corpus"])
def test_a_dask_cluster_gives_the_serial_chronology(cluster, corpus, name):
    sources = DEMO_SOURCES if name == "demo" else corpus
    serial = load_chronology(sources)
    before = _tasks_done(cluster)
    with executor_for(cluster.scheduler_address) as executor:
        assert executor is not None
        on_dask = load_chronology(sources, executor=executor)
    assert on_dask == serial
    if name == "corpus":  # (two demo sources are parsed in this process: not worth a task)
        assert len(serial.events) >= 30
        assert _tasks_done(cluster) > before, "no task reached the cluster"


@pytest.fixture(scope="module")
def serial_events(corpus) -> str:
    """`briefing events` on the corpus, in one process."""
    result = run_cli("events", "--sources", str(corpus), env=clean_env(PYTHONHASHSEED="1"))
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_parsing_does_not_depend_on_the_hash_seed(corpus, serial_events):
    """Workers are fresh processes with their own hash seeds: no set order may leak out."""
    other = run_cli("events", "--sources", str(corpus), env=clean_env(PYTHONHASHSEED="2"))
    assert other.stdout == serial_events


def _dask_url(cluster) -> str:
    return cluster.scheduler_address.replace("tcp://", "dask://")


def test_make_on_dask_writes_the_same_documents(cluster, corpus, tmp_path):
    def make(out: str, *args: str, **env: str):
        result = run_cli("make", "--sources", str(corpus), "--out", str(tmp_path / out),
                         "--format", "docx", "--kind", "timeline", *args,
                         env=clean_env(SOURCE_DATE_EPOCH="1736294400", **env))
        assert result.returncode == 0, result.stderr
        return result

    make("local", "--jobs", "1")
    expected = (tmp_path / "local" / "timeline.docx").read_bytes()
    before = _tasks_done(cluster)
    make("flag", "--executor", _dask_url(cluster))
    assert _tasks_done(cluster) > before, "no task reached the cluster"
    assert (tmp_path / "flag" / "timeline.docx").read_bytes() == expected

    before = _tasks_done(cluster)
    make("variable", BRIEFING_DASK_SCHEDULER=cluster.scheduler_address)
    assert _tasks_done(cluster) > before, "BRIEFING_DASK_SCHEDULER was not used"
    assert (tmp_path / "variable" / "timeline.docx").read_bytes() == expected

    # where the sources are parsed is not part of the build's fingerprint
    again = make("local", "--jobs", "1", BRIEFING_DASK_SCHEDULER=cluster.scheduler_address)
    assert "outputs reused" in again.stderr


def test_events_on_dask(cluster, corpus, serial_events):
    on_dask = run_cli("events", "--sources", str(corpus), "--executor", _dask_url(cluster))
    assert on_dask.returncode == 0, on_dask.stderr
    assert on_dask.stdout == serial_events


def test_a_relative_sources_folder_works_on_workers_started_elsewhere(cluster, corpus,
                                                                      tmp_path):
    import shutil

    shutil.copytree(corpus, tmp_path / "here")  # the workers' folder is not tmp_path
    local = run_cli("events", "--sources", "here", cwd=tmp_path)
    on_dask = run_cli("events", "--sources", "here", "--executor", _dask_url(cluster),
                      cwd=tmp_path)
    assert on_dask.returncode == 0, on_dask.stderr[-500:]
    assert on_dask.stdout == local.stdout


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_scheduler_is_a_usage_error_naming_it(tmp_path):
    address = f"127.0.0.1:{_free_port()}"
    result = run_cli("make", "--sources", str(DEMO_SOURCES), "--out", str(tmp_path),
                     "--executor", f"dask://{address}",
                     env=clean_env(DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="1s"))
    assert result.returncode == 2
    assert f"tcp://{address} within 1 s" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "briefing.pdf").exists()


def test_bad_executor_values_are_usage_errors(tmp_path):
    result = run_cli("events", "--sources", str(DEMO_SOURCES), "--executor", "dask://nowhere")
    assert result.returncode == 2
    assert "--executor" in result.stderr
    result = run_cli("make", "--sources", str(DEMO_SOURCES), "--out", str(tmp_path),
                     env=clean_env(BRIEFING_DASK_SCHEDULER="spark://x:1"))
    assert result.returncode == 2
    assert "BRIEFING_DASK_SCHEDULER" in result.stderr


def test_executor_settings():
    assert normalize("x", "tcp://10.0.0.5:8786") == "dask://10.0.0.5:8786"
    assert normalize("x", "dask://sched.example.org:8786") == "dask://sched.example.org:8786"
    assert normalize("x", "10.0.0.5:8786") == "dask://10.0.0.5:8786"
    assert normalize("x", " Process ") == "process"
    for bad in ("", "dask://", "http://x:1", "x:99999", 5):
        with pytest.raises(ValueError, match="x: expected"):
            normalize("x", bad)
    folder = Path("/nonexistent")
    assert load(folder, env={})["executor"] is None
    assert load(folder, env={"BRIEFING_DASK_SCHEDULER": "s:1"})["executor"] == "dask://s:1"
    both = {"BRIEFING_DASK_SCHEDULER": "s:1", "BRIEFING_EXECUTOR": "process"}
    assert load(folder, env=both)["executor"] == "process"
    assert load(folder, env=both, flags={"executor": "t:2"})["executor"] == "dask://t:2"
    with pytest.raises(ConfigError, match="BRIEFING_EXECUTOR"):
        load(folder, env={"BRIEFING_EXECUTOR": "threads"})
    # where the work is done never changes what is built
    assert _settings_key(Settings(executor="dask://s:1")) == _settings_key(Settings())


def test_without_distributed_the_message_names_the_extra(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails as if not installed
    with pytest.raises(ExecutorError, match=r"briefing\[dask\]"), \
            executor_for("dask://127.0.0.1:1"):
        pass


def test_the_cli_does_not_import_distributed_unless_asked():
    import subprocess
    import sys

    code = ("import sys; from briefing.cli import cli; import briefing.config, "
            "briefing.executors; print('distributed' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env=clean_env())
    assert out.stdout.strip() == "False"
