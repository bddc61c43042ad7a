"""The scheduled run end to end: make → manifest → `briefing mail` to a real SMTP server."""

from __future__ import annotations

import email
import email.policy
import json
import subprocess
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests.conftest import DEMO_SOURCES, clean_env, run_cli
from tests.test_mail import Recorder, free_port


def _run(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, cwd=cwd, env=clean_env(**env))


@pytest.fixture
def server():
    recorder = Recorder(reject={"nobody@example.org"})
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    yield recorder, port
    controller.stop()


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    root = tmp_path_factory.mktemp("scheduled")
    result = _run("make", "--sources", str(DEMO_SOURCES), "--strict", "--json", cwd=root,
                  SOURCE_DATE_EPOCH="1736294400")
    assert result.returncode == 0, result.stderr
    return root, json.loads(result.stdout)


def test_scheduled_run_mails_every_document(made, server):
    root, manifest = made
    recorder, port = server
    result = _run("mail", "--to", "desk@example.org, chief@example.org", "--from",
                  "briefing@example.org", cwd=root, BRIEFING_SMTP=f"127.0.0.1:{port}",
                  BRIEFING_SMTP_TLS="none")
    assert result.returncode == 0, result.stderr
    assert "sent 4 file(s) to 2 recipient(s)" in result.stdout
    [received] = recorder.messages
    assert sorted(received.rcpt_tos) == ["chief@example.org", "desk@example.org"]
    message = email.message_from_bytes(received.content, policy=email.policy.default)
    assert manifest["title"] in message["Subject"] and manifest["as_of"] in message["Subject"]
    body = message.get_body(("plain",)).get_content()
    assert manifest["bottom_line"][0][:40] in body
    attached = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    expected = {Path(o["path"]).name: (root / o["path"]).read_bytes()
                for o in manifest["outputs"]}
    assert attached == expected


def test_eml_instead_of_sending_is_reproducible(made):
    root, _ = made
    for name in ("a.eml", "b.eml"):
        result = _run("mail", "--to", "desk@example.org", "--from", "briefing@example.org",
                      "--eml", name, cwd=root, SOURCE_DATE_EPOCH="1736294400")
        assert result.returncode == 0, result.stderr
    assert (root / "a.eml").read_bytes() == (root / "b.eml").read_bytes()
    message = email.message_from_bytes((root / "a.eml").read_bytes(),
                                       policy=email.policy.default)
    assert len(list(message.iter_attachments())) == 4


def test_a_rejected_recipient_sends_nothing_and_exits_1(made, server):
    root, _ = made
    recorder, port = server
    result = _run("mail", "--to", "desk@example.org", "--to", "nobody@example.org",
                  "--from", "briefing@example.org", "--smtp", f"127.0.0.1:{port}",
                  "--tls", "none", cwd=root)
    assert result.returncode == 1
    assert "nobody@example.org" in result.stderr
    assert recorder.messages == []


def test_unreachable_server_exits_1(made):
    root, _ = made
    result = _run("mail", "--to", "desk@example.org", "--from", "briefing@example.org",
                  "--smtp", f"127.0.0.1:{free_port()}", "--tls", "none", cwd=root)
    assert result.returncode == 1
    assert "not sent" in result.stderr


@pytest.mark.parametrize(("args", "named"), [
    (["--from", "briefing@example.org"], "no recipient"),
    (["--to", "desk@example.org"], "no sender"),
    (["--to", "not an address", "--from", "briefing@example.org", "--eml", "x.eml"],
     "not an address"),
])
def test_usage_errors_exit_2(made, args, named):
    root, _ = made
    result = _run("mail", *args, cwd=root)
    assert result.returncode == 2
    assert named in result.stderr


def test_password_only_from_the_environment_and_never_printed(made, server):
    root, port = made[0], server[1]
    result = _run("mail", "--to", "desk@example.org", "--from", "briefing@example.org",
                  "--smtp", f"127.0.0.1:{port}", "--tls", "none", "--user", "u", cwd=root,
                  BRIEFING_SMTP_PASSWORD="hunter2-secret")
    assert "hunter2-secret" not in result.stdout + result.stderr


def test_mail_from_another_folder_sends_the_run_s_documents_checked(made, tmp_path):
    """The manifest's documents are taken in its own folder (not the current one, which may
    hold other files of the same names), and never when changed or gone since `make`."""
    import shutil

    root, manifest = made
    out = tmp_path / "copy"
    shutil.copytree(root / "out", out)
    decoy = tmp_path / "elsewhere"
    (decoy / "out").mkdir(parents=True)
    for o in manifest["outputs"]:
        (decoy / "out" / Path(o["path"]).name).write_bytes(b"not tonight's document")
    args = ("mail", "--to", "desk@example.org", "--from", "briefing@example.org", "--out",
            str(out), "--eml", str(tmp_path / "x.eml"))
    result = _run(*args, cwd=decoy)
    assert result.returncode == 0, result.stderr
    message = email.message_from_bytes((tmp_path / "x.eml").read_bytes(),
                                       policy=email.policy.default)
    attached = {part.get_filename(): part.get_content() for part in message.iter_attachments()}
    assert attached == {Path(o["path"]).name: (root / o["path"]).read_bytes()
                        for o in manifest["outputs"]}

    pdf = next(out / Path(o["path"]).name for o in manifest["outputs"] if o["format"] == "pdf")
    with pdf.open("ab") as handle:
        handle.write(b"tampered")
    changed = _run(*args, cwd=decoy)
    assert changed.returncode == 1 and "changed since" in changed.stderr and pdf.name in \
        changed.stderr
    pdf.unlink()
    gone = _run(*args, cwd=decoy)
    assert gone.returncode == 1 and "cannot be read" in gone.stderr
