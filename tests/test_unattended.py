"""Unattended runs: config, manifest, quiet/json/strict, reuse of unchanged outputs."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import DEMO_SOURCES, clean_env, run_cli, write_tree

DATED = "---\ntitle: Council\ndate: 2025-03-04\n---\nOn March 3, the council met in Rome.\n"
UNDATED = "The committee discussed the budget at length.\n"


_env = clean_env


def test_json_manifest_lists_outputs_sources_and_problems(tmp_path):
    sources = write_tree(tmp_path / "sources", {"a.md": DATED, "notes.txt": UNDATED,
                                                "bad.docx": b"not a zip"})
    out = tmp_path / "out"
    result = run_cli("make", "--sources", str(sources), "--out", str(out), "--json",
                     "--format", "pdf")
    assert result.returncode == 1  # bad.docx failed
    manifest = json.loads(result.stdout)
    assert manifest == json.loads((out / "manifest.json").read_text())
    assert manifest["reused"] is False
    kinds = {(o["kind"], o["format"]) for o in manifest["outputs"]}
    assert kinds == {("briefing", "pdf"), ("timeline", "pdf")}
    for entry in manifest["outputs"]:
        data = Path(entry["path"]).read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["pages"] >= 1
    status = {Path(s["path"]).name: s for s in manifest["sources"]}
    assert status["a.md"]["status"] == "ok"
    assert status["a.md"]["reference"]["value"] == "2025-03-04"
    assert status["a.md"]["events"] == 1
    assert status["notes.txt"]["status"] == "ok" and status["notes.txt"]["undated"] == 1
    assert status["bad.docx"]["status"] == "failed"
    severities = {(Path(p["path"]).name, p["severity"]) for p in manifest["problems"]}
    assert ("bad.docx", "error") in severities and ("notes.txt", "warning") in severities


def test_quiet_prints_nothing_when_all_is_well(tmp_path):
    result = run_cli("make", "--sources", str(DEMO_SOURCES), "--out", str(tmp_path / "out"),
                     "--quiet", "--kind", "timeline", "--format", "docx")
    assert result.returncode == 0
    assert result.stdout == "" and result.stderr == ""
    assert (tmp_path / "out" / "timeline.docx").exists()


def test_strict_turns_warnings_into_exit_1(tmp_path):
    sources = write_tree(tmp_path / "sources", {"a.md": DATED, "notes.txt": UNDATED})
    args = ["make", "--sources", str(sources), "--out", str(tmp_path / "out"), "--format",
            "docx"]
    assert run_cli(*args).returncode == 0
    strict = run_cli(*args, "--strict", "--force")
    assert strict.returncode == 1
    assert "notes.txt" in strict.stderr and "--strict" in strict.stderr
    # --quiet still says which warnings fail the run: a CI log must name file and reason
    quiet = run_cli(*args, "--strict", "--force", "--quiet")
    assert quiet.returncode == 1 and quiet.stdout == ""
    assert "notes.txt: warning: no date of its own" in quiet.stderr


def test_second_identical_run_rebuilds_nothing(tmp_path):
    sources = write_tree(tmp_path / "sources", {"a.md": DATED})
    out = tmp_path / "out"
    args = ["make", "--sources", str(sources), "--out", str(out), "--format", "docx"]
    first = run_cli(*args)
    assert first.returncode == 0
    stamp = (out / "timeline.docx").stat().st_mtime_ns
    second = run_cli(*args, "--json")
    assert second.returncode == 0
    assert json.loads(second.stdout)["reused"] is True
    assert (out / "timeline.docx").stat().st_mtime_ns == stamp
    # a changed source, a tampered output or --force rebuild
    (sources / "a.md").write_text(DATED.replace("Rome", "Milan"))
    third = run_cli(*args, "--json")
    assert json.loads(third.stdout)["reused"] is False
    (out / "briefing.docx").write_bytes(b"tampered")
    assert json.loads(run_cli(*args, "--json").stdout)["reused"] is False
    assert json.loads(run_cli(*args, "--json", "--force").stdout)["reused"] is False


def test_same_inputs_and_source_date_epoch_give_identical_bytes(tmp_path):
    env = _env(SOURCE_DATE_EPOCH="1736294400")
    outs = []
    for name in ("one", "two"):
        out = tmp_path / name
        subprocess.run([sys.executable, "-m", "briefing", "make", "--sources",
                        str(DEMO_SOURCES), "--out", str(out)], env=env, check=True,
                       capture_output=True)
        outs.append(out)
    for name in ("briefing.pdf", "timeline.pdf", "briefing.docx", "timeline.docx"):
        assert (outs[0] / name).read_bytes() == (outs[1] / name).read_bytes(), name


def test_config_file_then_environment_then_flags(tmp_path):
    write_tree(tmp_path, {
        "docs/a.md": DATED,
        "briefing.toml": 'sources = "docs"\nout = "build"\ntitle = "From config"\n'
                         'formats = ["docx"]\nkinds = "timeline"\n',
    })
    result = run_cli("make", "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    manifest = json.loads(result.stdout)
    assert manifest["title"] == "From config"
    assert [Path(o["path"]).name for o in manifest["outputs"]] == ["timeline.docx"]
    assert (tmp_path / "build" / "timeline.docx").exists()
    env = _env(BRIEFING_TITLE="From env")
    proc = subprocess.run([sys.executable, "-m", "briefing", "make", "--json"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, check=True)
    assert json.loads(proc.stdout)["title"] == "From env"
    proc = subprocess.run([sys.executable, "-m", "briefing", "make", "--json", "--title",
                           "From flag"], cwd=tmp_path, env=env, capture_output=True, text=True,
                          check=True)
    assert json.loads(proc.stdout)["title"] == "From flag"


def test_pyproject_tool_briefing_table(tmp_path):
    write_tree(tmp_path, {
        "src/a.md": DATED,
        "pyproject.toml": '[project]\nname = "x"\n\n[tool.briefing]\nsources = "src"\n',
    })
    result = run_cli("events", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["date"]["value"] == "2025-03-03"


@pytest.mark.parametrize(("toml", "named"), [
    ('colour = "blue"\n', "colour"),
    ('paper = "A3"\n', "paper"),
    ('formats = ["pdf", "odt"]\n', "formats"),
    ("[mail]\nbcc = 'x@example.org'\n", "mail.bcc"),
    ('title = "unclosed\n', "not valid TOML"),
    ('templates = ["no-such-folder"]\n', "no-such-folder"),  # not the bundled ones, silently
])
def test_invalid_config_is_a_usage_error_naming_the_key(tmp_path, toml, named):
    write_tree(tmp_path, {"briefing.toml": toml, "sources/a.md": DATED})
    result = run_cli("make", cwd=tmp_path)
    assert result.returncode == 2
    assert named in result.stderr


def test_invalid_environment_variable_is_named(tmp_path):
    write_tree(tmp_path, {"sources/a.md": DATED})
    proc = subprocess.run([sys.executable, "-m", "briefing", "make"], cwd=tmp_path,
                          env=_env(BRIEFING_STRICT="maybe"), capture_output=True, text=True)
    assert proc.returncode == 2
    assert "BRIEFING_STRICT" in proc.stderr


def test_a_missing_templates_folder_from_the_environment_is_an_error(tmp_path):
    write_tree(tmp_path, {"sources/a.md": DATED})
    proc = subprocess.run([sys.executable, "-m", "briefing", "make", "--format", "docx"],
                          cwd=tmp_path, env=_env(BRIEFING_TEMPLATES=str(tmp_path / "nowhere")),
                          capture_output=True, text=True)
    assert proc.returncode == 2
    assert "templates" in proc.stderr and "nowhere" in proc.stderr


def test_as_of_today(tmp_path):
    from datetime import date, timedelta

    write_tree(tmp_path, {"sources/notes.txt": "Yesterday the committee met.\n"})
    result = run_cli("events", "--as-of", "today", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    assert events[0]["date"]["value"] == (date.today() - timedelta(days=1)).isoformat()


def test_file_names_carry_the_title_slug_and_as_of_date(tmp_path):
    sources = write_tree(tmp_path / "sources", {"a.md": DATED})
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "make", "--sources", str(sources), "--out",
         str(tmp_path / "out"), "--title", "Conseil de Rome: l'été", "--format", "docx",
         "--json"], cwd=tmp_path, capture_output=True, text=True,
        env=_env(BRIEFING_FILE_NAMES="{slug}-{as_of}-{kind}"), check=False)
    assert result.returncode == 0, result.stderr
    names = sorted(Path(o["path"]).name for o in json.loads(result.stdout)["outputs"])
    assert names == ["conseil-de-rome-l-ete-2025-03-04-briefing.docx",
                     "conseil-de-rome-l-ete-2025-03-04-timeline.docx"]


@pytest.mark.parametrize("pattern", ["{slug}", "../{kind}", "{kind}-{author}"])
def test_bad_file_name_patterns_are_refused(tmp_path, pattern):
    write_tree(tmp_path, {"sources/a.md": DATED})
    result = subprocess.run([sys.executable, "-m", "briefing", "make"], cwd=tmp_path,
                            capture_output=True, text=True,
                            env=_env(BRIEFING_FILE_NAMES=pattern), check=False)
    assert result.returncode == 2
    assert "BRIEFING_FILE_NAMES" in result.stderr


def test_sigterm_stops_a_long_render_cleanly(tmp_path):
    """A cancelled CI job sends SIGTERM: the run stops with status 143 (as a shell reports
    it), its workers end, and neither its temporary parts nor a half-written document stay."""
    import signal
    import time

    from briefing.render.chunked import CHUNKED_MIN_EVENTS

    rows = ["date,summary,sentence,actors,source,url"]
    for i in range(CHUNKED_MIN_EVENTS + 100):
        day = f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}"
        rows.append(f"{day},Event {i} happened,The council held meeting number {i}.,"
                    f"Person {i % 40},Wire,")
    sources = write_tree(tmp_path / "sources", {"events.csv": "\n".join(rows) + "\n"})
    temp, out = tmp_path / "tmp", tmp_path / "out"
    temp.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "make", "--sources", str(sources), "--out", str(out),
         "--kind", "timeline", "--format", "pdf", "--jobs", "2", "--quiet"],
        env=_env(TMPDIR=str(temp)), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not list((out / ".cache" / "parts").glob("*.pdf")):  # parts being laid out
            assert process.poll() is None, process.communicate()
            assert time.monotonic() < deadline, "the render never started its parts"
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 128 + signal.SIGTERM, stderr
    assert _processes_naming(sources) == []  # no orphaned worker (they would run forever)
    assert list(temp.iterdir()) == []
    assert not list(out.glob("*.pdf")) and not [p for p in out.iterdir() if p.is_file()
                                                and p.suffix not in (".json",)]


def _processes_naming(path: Path) -> list[int]:
    """Running processes whose command line holds `path`."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if str(path).encode() in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:  # gone meanwhile
            continue
    return found


def test_another_as_of_date_reuses_the_cache_of_dated_sources_and_prunes_the_rest(
        tmp_path, caplog):
    """`as_of = "today"` changes the as-of date every night: the sources with a date of their
    own are not parsed again for it (their events do not depend on it); an undated one is,
    against the new date. Entries of sources gone or changed are removed."""
    import logging

    from briefing import dates
    from briefing.pipeline import load_chronology

    sources = write_tree(tmp_path / "sources", {"a.md": DATED, "notes.txt": UNDATED,
                                                "b.md": DATED.replace("council", "cabinet")})
    cache = tmp_path / "cache"
    caplog.set_level(logging.INFO, "briefing.pipeline")

    def run(as_of: str):
        caplog.clear()
        chronology = load_chronology(sources, dates.parse_ref(as_of), cache, prune_cache=True)
        taken = re.search(r"(\d+) of (\d+) sources taken from the cache", caplog.text)
        return chronology, int(taken[1]) if taken else 0

    _, taken = run("2025-03-10")
    assert taken == 0
    second, taken = run("2025-03-11")
    assert taken == 2  # a.md and b.md; notes.txt read again against 11 March
    undated = [s for s in second.sources if s.name == "notes.txt"]
    assert undated[0].reference is not None and undated[0].reference.value == "2025-03-11"
    (sources / "b.md").unlink()
    _, taken = run("2025-03-11")
    assert taken == 2
    assert len(list(cache.glob("*.json"))) == 2  # b.md's entry, and the older notes.txt's, gone


def test_runs_into_one_out_folder_take_turns(tmp_path):
    """A second run waits for the first (here: for a lock this test holds) instead of writing
    its documents between the other's, then makes them."""
    import fcntl
    import time

    out = tmp_path / "out"
    (out / ".cache").mkdir(parents=True)
    with open(out / ".cache" / "lock", "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        process = subprocess.Popen(
            [sys.executable, "-m", "briefing", "make", "--sources", str(DEMO_SOURCES), "--out",
             str(out), "--kind", "briefing", "--format", "docx"],
            env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(3)  # ample for the run to reach its writing, were it not waiting
        assert process.poll() is None and not (out / "briefing.docx").exists()
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert "waiting for it to end" in stderr
    assert (out / "briefing.docx").exists()
