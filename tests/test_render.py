"""Rendering: escaping, template overrides, nothing fetched, the one-page guarantee."""

from __future__ import annotations

import logging
import socket
import threading
from pathlib import Path

from pypdf import PdfReader

from briefing.render.html import render_html
from briefing.render.pdf import layout
from tests.conftest import run_cli, write_tree


def _timeline_html(user_dirs=(), title="T <b>bold</b>") -> str:
    from briefing.model import Chronology
    from briefing.views import build_timeline

    view = build_timeline(Chronology((), (), ()), title, "8 January 2025")
    return render_html("timeline", {"timeline": view, "paper": "A4", "author": "a",
                                    "version": "0", "created": "2025-01-08T00:00:00Z"},
                       user_dirs)


def test_source_text_is_escaped():
    html = _timeline_html()
    assert "T &lt;b&gt;bold&lt;/b&gt;" in html
    assert "<b>bold</b>" not in html


def test_user_template_overrides_one_file_and_can_extend_the_default(tmp_path):
    user = write_tree(tmp_path / "templates", {
        "timeline.css": "h1 { color: rgb(1, 2, 3); }",
        "timeline.html": '{% extends "!default/timeline.html" %}'
                         '{% block undated %}<p>Custom footer</p>{% endblock %}',
    })
    html = _timeline_html([user])
    assert "rgb(1, 2, 3)" in html
    assert "Custom footer" in html
    assert "Timeline · as of 8 January 2025" in html  # the rest comes from the default


class _Listener:
    """A TCP listener on loopback that records whether anything connected."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.sock.close()


def test_rendering_fetches_nothing_but_template_assets(tmp_path, caplog):
    listener = _Listener()
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    url = f"http://127.0.0.1:{listener.port}"
    html = f"""<html><head><link rel="stylesheet" href="{url}/style.css">
    <style>@import url("{url}/import.css"); body {{ background: url("{url}/bg.png"); }}</style>
    </head><body><p>Visible text</p><img src="{url}/img.png"><img src="file://{secret}">
    <iframe src="file://{secret}"></iframe><object data="file://{secret}"></object></body></html>"""
    try:
        with caplog.at_level(logging.WARNING, logger="briefing.render.pdf"):
            document = layout(html, [tmp_path / "templates"])
            pdf = document.write_pdf()
    finally:
        listener.close()
    assert listener.connections == 0
    assert b"TOP SECRET" not in pdf
    assert "refused to fetch" in caplog.text


def test_briefing_stays_on_one_page_with_many_sources(tmp_path):
    files = {}
    for i in range(40):
        day = i % 28 + 1
        files[f"s{i:02}.md"] = (
            f"---\ntitle: Report number {i} on the regional negotiations\ndate: 2024-03-{day:02}\n"
            f"publisher: Publisher {i}\nurl: https://example.org/{i}\n---\n"
            f"On March {day}, Minister Anna Berg{i} and Governor Paul Stone{i} met delegates in "
            f"Geneva to discuss the long negotiation over water rights and fishing quotas. "
            f"“We made real progress today on every single point of the agenda,” Anna Berg{i} "
            f"said after the meeting.\n"
        )
    sources = write_tree(tmp_path / "sources", files)
    out = tmp_path / "out"
    result = run_cli("make", "--sources", str(sources), "--out", str(out), "--kind",
                     "briefing", "--format", "pdf")
    assert result.returncode == 0, result.stderr
    assert len(PdfReader(out / "briefing.pdf").pages) == 1
    text = PdfReader(out / "briefing.pdf").pages[0].extract_text()
    assert "KEY DATES" in text.upper() and "SOURCES" in text.upper()
    assert "more source(s)" in text


def test_template_folder_from_the_cli(tmp_path):
    user = write_tree(tmp_path / "templates", {
        "briefing.html": '{% extends "!default/briefing.html" %}'
                         '{% block sources %}<p>Prepared by the press office</p>{% endblock %}',
    })
    out = tmp_path / "out"
    result = run_cli("make", "--sources", str(Path(__file__).parent.parent / "sources"),
                     "--out", str(out), "--kind", "briefing", "--format", "pdf",
                     "--templates", str(user))
    assert result.returncode == 0, result.stderr
    assert "Prepared by the press office" in PdfReader(out / "briefing.pdf").pages[0].extract_text()
