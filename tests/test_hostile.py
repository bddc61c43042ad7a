"""Hostile and broken input: every source accounted for, nothing fetched, nothing lost."""

from __future__ import annotations

import http.server
import io
import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
import threading
import zipfile
from pathlib import Path
from typing import ClassVar

import docx
import pytest
from pypdf import PdfReader

from tests.conftest import DEMO_SOURCES, run_cli, write_tree

HOSTILE = Path(__file__).parent / "data" / "hostile"

# file -> words its error or warning must contain
BAD = {
    "empty.txt": "empty",
    "binary.txt": "binary",
    "corrupt.docx": "not a valid Word .docx",
    "malformed-front-matter.md": "malformed front matter",
    "front-matter-date-not-a-date.md": "is not a date",
    "impossible-date.md": "'February 30, 2025' is not a real date",
    "events.csv": "not an event list",
    "zip-bomb.docx": "zip bomb",
    "oversized.txt": "above the limit",
}
# file -> what its event says (each good source's events must reach both documents)
GOOD = {
    "good-article.md": "The council approved the budget",
    "windows-1252.txt": "The café – “Le Procés” – closed",
    "utf8-bom.md": "A BOM file was read",
    "nul-and-control.txt": "The agency met again",
    "xml-forbidden.md": "The form feed",
    "impossible-date.md": "The memo was withdrawn",
    "far-dates.md": "The plan was dropped",
    "ssrf.html": "The agency published",
    "long-line.txt": "On March 3, the long line ended",
}


class _CountingHandler(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _CountingHandler.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body { background: red }")

    def log_message(self, *args: object) -> None:
        pass


def _zip_bomb() -> bytes:
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * 300_000_000)
    return raw.getvalue()


_AUDITED_RUN = textwrap.dedent("""
    import os, sys
    watched, log = os.path.realpath(sys.argv[1]), sys.argv[2]
    opened = []
    def hook(event, args):
        if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
            path = os.fsdecode(args[0])
            if os.path.realpath(path).startswith(watched):
                opened.append(path)
    sys.addaudithook(hook)
    sys.argv = ["briefing", *sys.argv[3:]]
    from briefing.cli import main
    try:
        main()
    finally:
        with open(log, "w") as handle:
            handle.write("\\n".join(opened))
""")


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    secret = root / "secret.txt"
    secret.write_text("TOP SECRET")
    _CountingHandler.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    sources = root / "sources"
    shutil.copytree(HOSTILE, sources, ignore=shutil.ignore_patterns("README.md"))
    for path in sources.iterdir():
        if path.suffix in (".md", ".html"):
            text = path.read_text(encoding="utf-8")
            text = text.replace("{PORT}", str(server.server_address[1]))
            path.write_text(text.replace("{SECRET}", str(secret)), encoding="utf-8")
    (sources / "long-line.txt").write_text(
        "Published 4 March 2025\n" + "word " * 200_000 + "On March 3, the long line ended.\n")
    (sources / "zip-bomb.docx").write_bytes(_zip_bomb())
    (sources / "oversized.txt").write_text("Published 4 March 2025\n" + "x" * 3_000_000)
    (root / "briefing.toml").write_text('max_source_bytes = "2MB"\n')
    out = root / "out"
    opened = root / "opened.txt"
    script = root / "audited.py"
    script.write_text(_AUDITED_RUN)
    try:
        result = subprocess.run(
            [sys.executable, str(script), str(root), str(opened), "make", "--sources",
             str(sources), "--out", str(out)],
            capture_output=True, text=True, cwd=root, timeout=600, check=False)
    finally:
        server.shutdown()
        server.server_close()
    touched = [p for p in opened.read_text().splitlines() if p]
    return result, out, sources, secret, touched, list(_CountingHandler.requests)


def test_hostile_folder_exits_1_and_names_every_bad_file_once(hostile_run):
    result, *_ = hostile_run
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    for name, reason in BAD.items():
        mentions = [line for line in lines if f"/{name}:" in line]
        assert len(mentions) == 1, (name, mentions)
        assert reason in mentions[0], (name, mentions[0])


def test_nothing_was_fetched_and_no_file_outside_was_opened(hostile_run):
    _, out, sources, secret, touched, requests = hostile_run
    assert requests == []
    allowed = (str(sources), str(out), str(secret.parent / "briefing.toml"),
               str(secret.parent / "audited.py"), str(secret.parent / "opened.txt"))
    assert not [p for p in touched if not p.startswith(allowed)]
    for name in ("briefing.pdf", "timeline.pdf"):
        assert b"TOP SECRET" not in (out / name).read_bytes()


def test_good_sources_reach_both_documents(hostile_run):
    _, out, *_ = hostile_run
    pdf = " ".join(" ".join(page.extract_text().split()) for page in
                   PdfReader(out / "timeline.pdf").pages)
    word = " ".join(p.text for p in docx.Document(str(out / "timeline.docx")).paragraphs)
    for name, text in GOOD.items():
        assert text in pdf, name
        assert text in word, name
    assert "1066" in pdf  # a far date is still a date


def test_markup_is_shown_as_text_and_bad_links_are_dropped(hostile_run):
    _, out, *_ = hostile_run
    pdf = PdfReader(out / "timeline.pdf")
    text = " ".join(page.extract_text() for page in pdf.pages)
    assert "<script>alert(1)</script> Injection" in " ".join(text.split())
    links = [a.get_object().get("/A", {}).get("/URI") for page in pdf.pages
             for a in page.get("/Annots", [])]
    assert not [uri for uri in links if uri and not str(uri).startswith(("http", "#"))]


def test_timeline_lists_the_sources_that_could_not_be_read(hostile_run):
    _, out, *_ = hostile_run
    text = " ".join(" ".join(page.extract_text().split()) for page in
                    PdfReader(out / "timeline.pdf").pages).replace("- ", "-")
    for name in ("empty.txt", "binary.txt", "corrupt.docx", "zip-bomb.docx", "oversized.txt"):
        assert name in text, name


def test_manifest_accounts_for_every_file(hostile_run):
    _, out, sources, *_ = hostile_run
    manifest = json.loads((out / "manifest.json").read_text())
    listed = {Path(s["path"]).name: s["status"] for s in manifest["sources"]}
    assert set(listed) == {p.name for p in sources.iterdir()}
    assert listed["good-article.md"] == "ok" and listed["zip-bomb.docx"] == "failed"


def test_a_crash_while_writing_keeps_the_last_good_document(tmp_path, monkeypatch):
    from briefing import atomic

    target = tmp_path / "briefing.pdf"
    target.write_bytes(b"last good")

    class Crash(Exception):
        pass

    def crash(fd, mode):  # the write fails half-way, as a full disk or Ctrl-C would
        handle = open(fd, mode)  # noqa: SIM115
        handle.write(b"half")
        handle.close()
        raise Crash

    monkeypatch.setattr(atomic.os, "fdopen", crash)
    with pytest.raises(Crash):
        atomic.write_atomically(target, b"new document")
    assert target.read_bytes() == b"last good"
    assert [p.name for p in tmp_path.iterdir()] == ["briefing.pdf"]  # no temporary file left


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_written_files_get_the_usual_permissions_or_keep_those_they_had(tmp_path, umask_022):
    """Not 0600 as a temporary file is made: a colleague's share or a web server must be able
    to read the documents; but a document someone made private stays private."""
    from briefing import atomic

    new = tmp_path / "deep" / "briefing.pdf"
    atomic.write_atomically(new, b"document")
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    os.umask(0o077)
    atomic.write_atomically(tmp_path / "private.pdf", b"document")
    assert stat.S_IMODE((tmp_path / "private.pdf").stat().st_mode) == 0o600
    os.umask(0o022)
    new.chmod(0o640)
    atomic.write_atomically(new, b"new document")
    assert stat.S_IMODE(new.stat().st_mode) == 0o640 and new.read_bytes() == b"new document"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["briefing.pdf", "deep", "private.pdf"]


def test_make_writes_documents_others_can_read(tmp_path, umask_022):
    out = tmp_path / "out"
    result = run_cli("make", "--sources", str(DEMO_SOURCES), "--kind", "briefing", "--format",
                     "docx", "--out", str(out))  # the child inherits the umask
    assert result.returncode == 0, result.stderr
    written = [p for p in out.rglob("*") if p.is_file()]
    assert {p.name for p in written} >= {"briefing.docx", "manifest.json"}
    assert {oct(stat.S_IMODE(p.stat().st_mode)) for p in written} == {"0o644"}


def test_links_pipes_devices_and_undecodable_names_are_reported_not_fatal(tmp_path):
    """A dangling link, a link to itself, a named pipe (reading it would block the run), a
    link to /dev/zero (it never ends) and a file name in another encoding than UTF-8: each is
    named with its reason, and the good sources still make their documents."""
    src = tmp_path / "src"
    src.mkdir()
    good = sorted(DEMO_SOURCES.glob("*.md"))[0]
    shutil.copy(good, src / good.name)
    os.symlink("/nonexistent/x.md", src / "dangling.md")
    os.symlink("self.md", src / "self.md")
    os.mkfifo(src / "pipe.md")
    os.symlink("/dev/zero", src / "zero.txt")
    (Path(os.fsdecode(bytes(src) + b"/caf\xe9.md"))).write_bytes(good.read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "make", "--sources", str(src), "--out",
         str(tmp_path / "out"), "--kind", "briefing", "--format", "pdf"],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for name, reason in [("dangling.md", "No such file"), ("self.md", "symbolic links"),
                         ("pipe.md", "not a regular file"), ("zero.txt", "not a regular file"),
                         ("caf\ufffd.md", "not valid UTF-8")]:
        assert any(name in line and reason in line for line in result.stderr.splitlines()), \
            (name, result.stderr)
    assert (tmp_path / "out" / "briefing.pdf").stat().st_size > 1000
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert [s["status"] for s in manifest["sources"]].count("ok") == 1


def test_an_out_folder_inside_the_sources_folder_is_not_read_back(tmp_path):
    """`briefing make --sources .` writes to ./out: the next run must not take last night's
    documents (and manifest) for sources; it finds nothing changed."""
    for path in DEMO_SOURCES.glob("*.md"):
        shutil.copy(path, tmp_path / path.name)
    runs = [run_cli("make", "--sources", ".", "--kind", "briefing", "--format", "docx",
                    "--json", cwd=tmp_path) for _ in range(2)]
    for result in runs:
        assert result.returncode == 0, result.stderr
    first, second = (json.loads(r.stdout) for r in runs)
    assert len(first["sources"]) == len(second["sources"]) == 2
    assert second["reused"] is True
    # and `events` on the same folder does not read the documents either
    listed = run_cli("events", "--sources", ".", "--format", "json", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert {s for e in json.loads(listed.stdout) for s in e["sources"]} <= {
        p.name for p in DEMO_SOURCES.glob("*.md")}


def test_a_source_rewritten_while_read_is_cached_as_parsed_and_the_run_not_reused(
        tmp_path, monkeypatch):
    """The file is hashed whole, then parsed half-written (a sync still copying it): the
    cache must not keep the half under the whole file's hash (every later run, --force too,
    would take it), and the next run must not reuse the documents."""
    from briefing import manifest, pipeline

    src = tmp_path / "src"
    shutil.copytree(DEMO_SOURCES, src)
    target = sorted(src.glob("*.md"))[-1]
    whole = target.read_bytes()
    fingerprint = manifest.fingerprint

    def racing(*args, **kwargs):
        key = fingerprint(*args, **kwargs)
        target.write_bytes(whole[: len(whole) // 3])  # what the parse will read
        return key

    def settings(out: str) -> pipeline.Settings:
        return pipeline.Settings(sources=src, out=tmp_path / out, kinds=("briefing",),
                                 formats=("docx",))

    monkeypatch.setattr(manifest, "fingerprint", racing)
    first = pipeline.build(settings("out"))
    assert any(p.path == str(target) and "changed while it was being read" in p.message
               for p in first.problems)
    monkeypatch.setattr(manifest, "fingerprint", fingerprint)
    target.write_bytes(whole)  # the sync is done

    again = pipeline.build(settings("out"))
    assert not again.reused and again.chronology is not None
    assert not any("changed while" in p.message for p in again.problems)
    fresh = pipeline.build(settings("fresh"))
    assert fresh.chronology is not None
    assert again.chronology.events == fresh.chronology.events
    assert pipeline.build(settings("out")).reused  # stable again


def test_a_run_stopped_while_rendering_leaves_every_previous_document_as_it_was(
        tmp_path, monkeypatch):
    """A cancelled CI job stops `make` after it wrote the new briefing but before the
    timeline: the folder must not mix the new briefing with the old timeline and manifest
    (`mail` would send that); nor keep half-written files."""
    from briefing import pipeline
    from briefing.render import docx as docx_render

    settings = pipeline.Settings(sources=DEMO_SOURCES, out=tmp_path / "out", title="Old title")
    pipeline.build(settings)
    before = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert len([p for p in before if p.suffix in (".pdf", ".docx")]) == 4

    def stopped(*args, **kwargs):
        raise SystemExit(143)  # what briefing.cli's SIGTERM handler raises

    monkeypatch.setattr(docx_render, "render_timeline_docx", stopped)
    with pytest.raises(SystemExit):
        pipeline.build(pipeline.Settings(sources=DEMO_SOURCES, out=tmp_path / "out",
                                         title="New title"), force=True)
    after = {p: p.read_bytes() for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert after == before


def test_documents_that_cannot_be_written_exit_3_with_a_reason_not_a_traceback(tmp_path):
    """Exit 3, "no document made", apart from 1 ("some sources unreadable, documents made"):
    a CI job must not mail the previous documents as tonight's."""
    (tmp_path / "afile").write_text("not a folder")
    for out in (tmp_path / "afile", tmp_path / "afile" / "sub"):
        result = run_cli("make", "--sources", str(DEMO_SOURCES), "--out", str(out),
                         "--kind", "briefing", "--format", "docx")
        assert result.returncode == 3, result.stderr
        assert "Traceback" not in result.stderr
        assert "could not be written" in result.stderr and str(tmp_path / "afile") in \
            result.stderr
    bad = write_tree(tmp_path / "bad", {"a.txt": b"\x00\x01\x02" * 50})
    result = run_cli("make", "--sources", str(bad), "--out", str(tmp_path / "out"))
    assert result.returncode == 3 and "a.txt" in result.stderr
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").glob("*.pdf"))
