"""QA of `briefing mail`: dates and Message-IDs of mail sent under SOURCE_DATE_EPOCH, address
lists with commas in quoted names (flags, variables, config) and repeated recipients, and
--eml to standard output, a named pipe or a link such as /dev/stdout."""

from __future__ import annotations

import email
import email.policy
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

pytest.importorskip("aiosmtpd")
from aiosmtpd.controller import Controller

import briefing.mail as mail
from tests.conftest import clean_env, run_cli
from tests.test_mail import Recorder, free_port

EPOCH = "1736294400"  # 2025-01-08 00:00 UTC
SENDER = "briefing@example.org"


@pytest.fixture
def server() -> Iterator[tuple[Recorder, int]]:
    recorder = Recorder()
    port = free_port()
    controller = Controller(recorder, hostname="127.0.0.1", port=port)
    controller.start()
    yield recorder, port
    controller.stop()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with two small documents to mail and no briefing.toml."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "briefing.pdf").write_bytes(b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n")
    (work / "notes.txt").write_text("Bottom line: talks went well.\n", encoding="utf-8")
    return work


DOCUMENTS = ("briefing.pdf", "notes.txt")


def mail_cli(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return run_cli("mail", *args, *DOCUMENTS, cwd=folder, env=clean_env(**env))


def mail_cli_bytes(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """As `mail_cli`, with standard output as bytes (the message written there)."""
    return subprocess.run([sys.executable, "-m", "briefing", "mail", *args, *DOCUMENTS],
                          capture_output=True, cwd=folder, env=clean_env(**env), timeout=120,
                          check=False)


def parse(content: bytes) -> EmailMessage:
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def sent_now(message: EmailMessage) -> bool:
    return abs((message["Date"].datetime - datetime.now(UTC)).total_seconds()) < 300


def smtp_env(port: int, **extra: str) -> dict[str, str]:
    return {"BRIEFING_SMTP": f"127.0.0.1:{port}", "BRIEFING_SMTP_TLS": "none", **extra}


# --- 1. SOURCE_DATE_EPOCH fixes files, never mail sent ----------------------------------------


def test_mail_sent_under_source_date_epoch_has_todays_date_and_its_own_id(
        folder: Path, server: tuple[Recorder, int]) -> None:
    """A CI job sets SOURCE_DATE_EPOCH for everything: two nights' mails (same documents)
    must not share a Message-ID, or servers and clients drop the second as a duplicate."""
    recorder, port = server
    for _ in range(2):
        result = mail_cli(folder, "--to", "desk@example.org", "--from", SENDER,
                          **smtp_env(port, SOURCE_DATE_EPOCH=EPOCH))
        assert result.returncode == 0, result.stderr
    first, second = (parse(m.content) for m in recorder.messages)
    assert first["Message-ID"] != second["Message-ID"]
    assert first["Message-ID"].endswith("@example.org>")  # the sender's domain
    assert sent_now(first) and sent_now(second)


def test_send_restamps_a_reproducible_message(tmp_path: Path,
                                              server: tuple[Recorder, int]) -> None:
    """The Python API too: a message built with a fixed date is sent with the current one."""
    recorder, port = server
    when = datetime(2025, 1, 8, tzinfo=UTC)
    message = mail.build_message(sender=SENDER, to=["desk@example.org"], subject="Briefing",
                                 text="Hello.", html=None, attachments=[], date=when,
                                 message_id_domain="briefing.example.com")
    fixed = message["Message-ID"]
    for _ in range(2):
        mail.send(message, mail.SmtpSettings(host="127.0.0.1", port=port, tls="none",
                                             timeout=10))
    first, second = (parse(m.content) for m in recorder.messages)
    assert fixed not in (first["Message-ID"], second["Message-ID"])
    assert first["Message-ID"] != second["Message-ID"]
    assert first["Message-ID"].endswith("@briefing.example.com>")
    assert sent_now(first) and sent_now(second)
    assert len(first.get_all("Date")) == 1 and len(first.get_all("Message-ID")) == 1
    assert message["Message-ID"] == fixed  # the caller's message is left as it was
    assert message["Date"].datetime == when


def test_eml_file_stays_reproducible_but_a_stream_is_stamped_as_sent(folder: Path) -> None:
    """An .eml file (to compare) keeps SOURCE_DATE_EPOCH's date; a message streamed to a
    mailer (`--eml - | sendmail -t`) is mail sent: today's date, a Message-ID of its own."""
    args = ("--to", "desk@example.org", "--from", SENDER)
    files = [mail_cli(folder, *args, "--eml", name, SOURCE_DATE_EPOCH=EPOCH)
             for name in ("a.eml", "b.eml")]
    assert all(r.returncode == 0 for r in files), files[0].stderr
    assert (folder / "a.eml").read_bytes() == (folder / "b.eml").read_bytes()
    assert parse((folder / "a.eml").read_bytes())["Date"].datetime == datetime(
        2025, 1, 8, tzinfo=UTC)

    streams = [mail_cli_bytes(folder, *args, "--eml", "-", SOURCE_DATE_EPOCH=EPOCH)
               for _ in range(2)]
    assert all(r.returncode == 0 for r in streams), streams[0].stderr
    first, second = (parse(r.stdout) for r in streams)
    assert first["Message-ID"] != second["Message-ID"]
    assert sent_now(first)


# --- 2. address lists ---------------------------------------------------------------------


QUOTED = '"Doe, Jane" <jane@example.org>, ops@example.org'


def assert_doe_and_ops(recorder: Recorder) -> None:
    [received] = recorder.messages
    assert received.rcpt_tos == ["jane@example.org", "ops@example.org"]
    to = parse(received.content)["To"].addresses
    assert [(a.display_name, a.addr_spec) for a in to] == [("Doe, Jane", "jane@example.org"),
                                                           ("", "ops@example.org")]


def test_comma_in_a_quoted_name_of_to_is_not_a_separator(
        folder: Path, server: tuple[Recorder, int]) -> None:
    recorder, port = server
    result = mail_cli(folder, "--to", QUOTED, "--from", SENDER, **smtp_env(port))
    assert result.returncode == 0, result.stderr
    assert "to 2 recipient(s)" in result.stdout
    assert_doe_and_ops(recorder)


def test_comma_in_a_quoted_name_from_the_environment(
        folder: Path, server: tuple[Recorder, int]) -> None:
    """BRIEFING_MAIL_TO is split at every comma by the config: the name must come out whole."""
    recorder, port = server
    result = mail_cli(folder, "--from", SENDER, **smtp_env(port, BRIEFING_MAIL_TO=QUOTED))
    assert result.returncode == 0, result.stderr
    assert_doe_and_ops(recorder)


@pytest.mark.parametrize("to", [
    "'\"Doe, Jane\" <jane@example.org>, ops@example.org'",  # a string, split by the config
    "['\"Doe, Jane\" <jane@example.org>', 'ops@example.org']",  # a list
])
def test_comma_in_a_quoted_name_from_briefing_toml(
        folder: Path, server: tuple[Recorder, int], to: str) -> None:
    recorder, port = server
    (folder / "briefing.toml").write_text(f"[mail]\nto = {to}\nfrom = '{SENDER}'\n",
                                          encoding="utf-8")
    result = mail_cli(folder, **smtp_env(port))
    assert result.returncode == 0, result.stderr
    assert_doe_and_ops(recorder)


def test_each_recipient_is_sent_one_copy(folder: Path, server: tuple[Recorder, int]) -> None:
    """The same mailbox twice (the domain in another case, or in To and Cc) gets one copy;
    a local part in another case may be another mailbox and is kept."""
    recorder, port = server
    result = mail_cli(folder, "--to", "desk@example.org, Desk <desk@EXAMPLE.org>",
                      "--to", "desk@Example.Org", "--to", "Ops@example.org",
                      "--cc", "desk@example.org, ops@example.org, ops@example.org",
                      "--from", SENDER, **smtp_env(port))
    assert result.returncode == 0, result.stderr
    assert "to 3 recipient(s)" in result.stdout
    [received] = recorder.messages
    assert received.rcpt_tos == ["desk@example.org", "Ops@example.org", "ops@example.org"]
    message = parse(received.content)
    assert [a.addr_spec for a in message["To"].addresses] == ["desk@example.org",
                                                              "Ops@example.org"]
    assert [a.addr_spec for a in message["Cc"].addresses] == ["ops@example.org"]


def test_send_gives_one_copy_per_mailbox_of_any_message(server: tuple[Recorder, int]) -> None:
    """The envelope of a message built elsewhere: a domain in another case is the same."""
    recorder, port = server
    message = EmailMessage(policy=mail.POLICY)
    message["From"] = SENDER
    message["To"] = "desk@Example.org, desk@example.org"
    message["Cc"] = "DESK@example.org, desk@EXAMPLE.ORG"
    message.set_content("Hello.")
    mail.send(message, mail.SmtpSettings(host="127.0.0.1", port=port, tls="none", timeout=10))
    assert recorder.messages[0].rcpt_tos == ["desk@Example.org", "DESK@example.org"]


@pytest.mark.parametrize(("value", "named"), [
    ("ops@example.org, not an address", "'not an address'"),
    ('"Doe, Jane <jane@example.org>, ops@example.org', '"Doe, Jane'),  # quote not closed
    ("Doe, Jane <jane@example.org>", "quotes"),  # a name with a comma, unquoted: a hint
])
def test_an_invalid_address_in_a_list_is_named_and_nothing_sent(
        folder: Path, server: tuple[Recorder, int], value: str, named: str) -> None:
    recorder, port = server
    result = mail_cli(folder, "--to", value, "--from", SENDER, **smtp_env(port))
    assert result.returncode == 2
    assert "not a valid email address" in result.stderr and named in result.stderr
    assert recorder.messages == []


def test_parse_address_list() -> None:
    parsed = mail.parse_address_list(
        ['"Doe, Jane" <jane@example.org>, (ops, night) ops@example.org,',
         '"Back\\"slash, x" <b@example.org>', "<c@example.org>,,", "jane@EXAMPLE.org"])
    assert [a.addr_spec for a in parsed] == ["jane@example.org", "ops@example.org",
                                             "b@example.org", "c@example.org"]
    assert parsed[0].display_name == "Doe, Jane"
    assert parsed[2].display_name == 'Back"slash, x'
    # the pieces the config makes of BRIEFING_MAIL_TO join up again
    assert mail.parse_address_list(['"Doe', 'Jane" <jane@example.org>'])[0].display_name == \
        "Doe, Jane"
    assert mail.parse_address_list(["", " "]) == []
    with pytest.raises(mail.MailUsageError, match=r"copy recipient: .*'x@'"):
        mail.parse_address_list(["a@example.org, x@"], "copy recipient")


# --- 3. --eml to standard output, pipes and links -------------------------------------------


def test_eml_dash_writes_the_message_alone_to_standard_output(folder: Path) -> None:
    result = mail_cli_bytes(folder, "--to", "jane@example.org, ops@example.org", "--from",
                            SENDER, "--eml", "-")
    assert result.returncode == 0, result.stderr
    assert not (folder / "-").exists()
    message = parse(result.stdout)
    assert result.stdout.endswith(b"\r\n") and b"\n-\n" not in result.stdout
    assert [a.addr_spec for a in message["To"].addresses] == ["jane@example.org",
                                                              "ops@example.org"]
    assert sorted(part.get_filename() for part in message.iter_attachments()) == \
        sorted(DOCUMENTS)


def test_eml_to_a_link_to_standard_output(folder: Path) -> None:
    """Like /dev/stdout (a link to /proc/self/fd/1): written through, never renamed over. A
    link of its own is used: an old build run as root would replace the real /dev/stdout."""
    if not Path("/proc/self/fd/1").exists():
        pytest.skip("needs /proc/self/fd")
    link = folder / "stdout"
    link.symlink_to("/proc/self/fd/1")
    result = mail_cli_bytes(folder, "--to", "desk@example.org", "--from", SENDER,
                            "--eml", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert parse(result.stdout)["To"].addresses[0].addr_spec == "desk@example.org"
    assert str(link).encode() not in result.stdout  # the path is not echoed into the message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_eml_to_a_named_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "mailer.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    message = mail.build_message(sender=SENDER, to=["desk@example.org"], subject="Briefing",
                                 text="Hello.", html=None, attachments=[])
    mail.write_eml(message, fifo)
    reader.join(timeout=10)
    assert received == [message.as_bytes(policy=mail.POLICY)]
    assert fifo.is_fifo()  # still the pipe, not a file put in its place


def test_eml_through_a_link_to_a_file_keeps_the_link(tmp_path: Path) -> None:
    target = tmp_path / "real.eml"
    target.write_bytes(b"old")
    link = tmp_path / "briefing.eml"
    link.symlink_to(target)
    message = mail.build_message(sender=SENDER, to=["desk@example.org"], subject="Briefing",
                                 text="Hello.", html=None, attachments=[])
    mail.write_eml(message, link)
    assert link.is_symlink() and target.read_bytes() == message.as_bytes(policy=mail.POLICY)


def test_eml_dash_to_a_closed_pipe_fails_cleanly(folder: Path) -> None:
    """`briefing mail --eml - | reader` whose reader is gone: exit 1 and one clear line, no
    traceback and no 'Exception ignored' from Python's flush at exit."""
    process = subprocess.Popen(
        [sys.executable, "-m", "briefing", "mail", "--to", "desk@example.org", "--from",
         SENDER, "--eml", "-", *DOCUMENTS], cwd=folder, env=clean_env(),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    process.stdout.close()
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1, stderr
    text = stderr.decode()
    assert "cannot write the message to standard output" in text
    assert "Traceback" not in text and "Exception ignored" not in text

