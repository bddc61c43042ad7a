"""briefing.mail against a real SMTP server (aiosmtpd on 127.0.0.1): what arrives, what fails."""

from __future__ import annotations

import email
import email.policy
import logging
import shutil
import socket
import ssl
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("aiosmtpd")
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from briefing.mail import (
    MailError,
    MailUsageError,
    SmtpSettings,
    attachment_type,
    briefing_body,
    build_message,
    parse_host_port,
    send,
    write_eml,
)

# The tests' servers allow AUTH without TLS on purpose (tls="none" is what is tested there).
pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
USER, PASSWORD = "briefing", "s3cret-Pa55word"
# Every byte value, a line starting with a dot, bare CR and LF: binary must survive untouched.
BINARY_TAIL = bytes(range(256)) + b"\r\n.\r\n.hidden\rcr-only\nlf-only\r\n"


# --- a real server ------------------------------------------------------------------------


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes


@dataclass
class Recorder:
    """aiosmtpd handler: keeps every delivered message; refuses the addresses in `reject`."""

    reject: set[str] = field(default_factory=set)
    messages: list[Received] = field(default_factory=list)
    mail_commands: list[str] = field(default_factory=list)

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str,
                          mail_options: list[str]) -> str:
        self.mail_commands.append(address)
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          rcpt_options: list[str]) -> str:
        if address in self.reject:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos),
                                      bytes(envelope.content)))
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def authenticator(server: Any, session: Any, envelope: Any, mechanism: str,
                  auth_data: Any) -> AuthResult:
    if (isinstance(auth_data, LoginPassword)
            and auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()):
        return AuthResult(success=True)
    # A careless server that echoes what it got: the client must still not show the password.
    echoed = auth_data.password.decode() if isinstance(auth_data, LoginPassword) else "?"
    return AuthResult(success=False, handled=False,
                      message=f"535 5.7.8 authentication failed for password {echoed}")


Server = Callable[..., tuple[Recorder, int]]


@pytest.fixture
def smtp_server() -> Iterator[Server]:
    """Start aiosmtpd servers on 127.0.0.1: start(**SMTP options) → (recorder, port)."""
    controllers: list[Controller] = []

    def start(*, reject: set[str] | None = None, ssl_context: ssl.SSLContext | None = None,
              **smtp_options: Any) -> tuple[Recorder, int]:
        recorder = Recorder(reject=reject or set())
        port = free_port()
        controller = Controller(recorder, hostname="127.0.0.1", port=port,
                                ssl_context=ssl_context, **smtp_options)
        controller.start()
        controllers.append(controller)
        return recorder, port

    yield start
    for controller in controllers:
        controller.stop()


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (made by the openssl command)."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    made = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        capture_output=True, check=False, timeout=60)
    if made.returncode != 0:
        pytest.skip(f"openssl could not make a certificate: {made.stderr.decode()[-200:]}")
    return cert, key


def server_tls(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


def client_tls(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(certificate[0]))


# --- messages -----------------------------------------------------------------------------


@pytest.fixture
def outputs(tmp_path: Path) -> list[Path]:
    """Small fake outputs, one with a non-ASCII name."""
    out = tmp_path / "out"
    out.mkdir()
    pdf = out / "briefing.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + BINARY_TAIL + b"%%EOF\n")
    docx = out / "Zeitleiste – Überblick.docx"
    docx.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + BINARY_TAIL * 3)
    manifest = out / "manifest.json"
    manifest.write_text('{"outputs": []}\n', encoding="utf-8")
    return [pdf, docx, manifest]


def sample_message(files: list[Path], **overrides: Any) -> EmailMessage:
    text, html = briefing_body("Blinken in France", "2025-01-08",
                               ["Talks with Macron & Barrot", "Légion d'honneur"], files)
    arguments: dict[str, Any] = {
        "sender": "Briefing Bot <bot@example.org>",
        "to": ["Desk <desk@example.org>", "Zoë <zoe.reader@example.net>"],
        "cc": ["chief@example.org"],
        "subject": "Briefing: Blinken en France — 8 janvier",
        "text": text, "html": html, "attachments": files,
    }
    arguments.update(overrides)
    return build_message(**arguments)


def parse(content: bytes) -> EmailMessage:
    message = email.message_from_bytes(content, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


def our_log(caplog: pytest.LogCaptureFixture) -> str:
    """What briefing logged (the test server's own log is left out: it echoes on purpose)."""
    records = [r for r in caplog.records if r.name.split(".")[0] == "briefing"]
    assert records, "send() should log what it does"
    return "\n".join(r.getMessage() for r in records)


def plain(port: int, **options: Any) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, tls="none", timeout=10, **options)


# --- delivery -------------------------------------------------------------------------------


def test_plain_delivery_arrives_complete(smtp_server: Server, outputs: list[Path]) -> None:
    recorder, port = smtp_server()
    send(sample_message(outputs), plain(port))

    assert len(recorder.messages) == 1
    received = recorder.messages[0]
    assert received.mail_from == "bot@example.org"
    assert received.rcpt_tos == ["desk@example.org", "zoe.reader@example.net",
                                 "chief@example.org"]
    assert received.content.isascii()  # 7-bit clean: no server needs 8BITMIME

    message = parse(received.content)
    assert message["From"].addresses[0].addr_spec == "bot@example.org"
    assert message["From"].addresses[0].display_name == "Briefing Bot"
    assert [a.addr_spec for a in message["To"].addresses] == ["desk@example.org",
                                                              "zoe.reader@example.net"]
    assert [a.addr_spec for a in message["Cc"].addresses] == ["chief@example.org"]
    assert message["Subject"] == "Briefing: Blinken en France — 8 janvier"
    assert message["Date"].datetime is not None
    assert message["Message-ID"].startswith("<") and message["Message-ID"].endswith(
        "@example.org>")
    assert message["Bcc"] is None

    body_text = message.get_body(preferencelist=("plain",))
    body_html = message.get_body(preferencelist=("html",))
    assert body_text is not None and body_html is not None
    assert "Légion d'honneur" in body_text.get_content()
    assert "Talks with Macron &amp; Barrot" in body_html.get_content()
    assert "Zeitleiste – Überblick.docx" in body_text.get_content()

    attachments = list(message.iter_attachments())
    assert [part.get_filename() for part in attachments] == [path.name for path in outputs]
    assert [part.get_content_type() for part in attachments] == [
        "application/pdf", DOCX_TYPE, "application/json"]
    for part, path in zip(attachments, outputs, strict=True):
        assert part.get_payload(decode=True) == path.read_bytes()


def test_non_ascii_file_name_is_rfc2231_encoded(smtp_server: Server, outputs: list[Path]
                                                ) -> None:
    recorder, port = smtp_server()
    send(sample_message(outputs[1:2]), plain(port))
    raw = recorder.messages[0].content
    assert b"filename*=utf-8''Zeitleiste%20%E2%80%93%20%C3%9Cberblick.docx" in raw
    (part,) = parse(raw).iter_attachments()
    assert part.get_filename() == "Zeitleiste – Überblick.docx"
    assert part.get_payload(decode=True) == outputs[1].read_bytes()


def test_authentication_with_good_credentials_delivers(
        smtp_server: Server, outputs: list[Path], caplog: pytest.LogCaptureFixture) -> None:
    recorder, port = smtp_server(authenticator=authenticator, auth_required=True,
                                 auth_require_tls=False)
    caplog.set_level(logging.DEBUG)
    send(sample_message(outputs), plain(port, user=USER, password=PASSWORD))
    assert len(recorder.messages) == 1
    assert PASSWORD not in our_log(caplog)


def test_authentication_with_bad_password_fails_without_showing_it(
        smtp_server: Server, outputs: list[Path], caplog: pytest.LogCaptureFixture) -> None:
    recorder, port = smtp_server(authenticator=authenticator, auth_required=True,
                                 auth_require_tls=False)
    caplog.set_level(logging.DEBUG)
    wrong = "wrong-Pa55word"
    with pytest.raises(MailError, match="authentication") as failure:
        send(sample_message(outputs), plain(port, user=USER, password=wrong))
    assert wrong not in str(failure.value)
    assert wrong not in our_log(caplog)
    assert recorder.messages == []


def test_a_password_that_is_not_ascii_is_refused_in_words_not_a_traceback(
        smtp_server: Server, outputs: list[Path]) -> None:
    """smtplib's AUTH takes ASCII only; its UnicodeEncodeError names a character of the
    password and where it sits."""
    recorder, port = smtp_server(authenticator=authenticator, auth_required=True,
                                 auth_require_tls=False)
    secret = "pässwört-Geheim"
    with pytest.raises(MailError, match="other than ASCII") as failure:
        send(sample_message(outputs), plain(port, user=USER, password=secret))
    assert "ä" not in str(failure.value) and "position" not in str(failure.value)
    assert recorder.messages == []


def test_server_requiring_authentication_refuses_anonymous_mail(
        smtp_server: Server, outputs: list[Path]) -> None:
    recorder, port = smtp_server(authenticator=authenticator, auth_required=True,
                                 auth_require_tls=False)
    with pytest.raises(MailError, match="530"):
        send(sample_message(outputs), plain(port))
    assert recorder.messages == []


def test_message_over_size_limit_fails_before_mail_from(
        smtp_server: Server, outputs: list[Path]) -> None:
    recorder, port = smtp_server(data_size_limit=2000)
    message = sample_message(outputs)
    assert len(message.as_bytes()) > 2000
    with pytest.raises(MailError, match=r"SIZE") as failure:
        send(message, plain(port))
    assert "2,000" in str(failure.value)
    assert recorder.mail_commands == []  # refused before the transaction even began
    assert recorder.messages == []


def test_message_under_size_limit_is_delivered(smtp_server: Server, outputs: list[Path]
                                               ) -> None:
    recorder, port = smtp_server(data_size_limit=200_000)
    send(sample_message(outputs), plain(port))
    assert len(recorder.messages) == 1


def test_one_rejected_recipient_fails_and_delivers_to_no_one(
        smtp_server: Server, outputs: list[Path]) -> None:
    recorder, port = smtp_server(reject={"chief@example.org"})
    with pytest.raises(MailError, match=r"chief@example\.org \(550") as failure:
        send(sample_message(outputs), plain(port))
    assert "desk@example.org" not in str(failure.value)
    assert recorder.messages == []  # not half-sent to the accepted recipients


def test_connection_refused(outputs: list[Path]) -> None:
    port = free_port()  # nothing listens there
    with pytest.raises(MailError, match="connection refused"):
        send(sample_message(outputs), plain(port))


def test_silent_server_times_out(outputs: list[Path]) -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        settings = SmtpSettings(host="127.0.0.1", port=port, tls="none", timeout=0.5)
        with pytest.raises(MailError, match=r"did not answer within 0\.5 s"):
            send(sample_message(outputs), settings)


def test_no_reply_after_the_message_says_it_may_have_been_delivered(
        outputs: list[Path]) -> None:
    """The server has the whole message but its reply never comes: "not delivered" would have
    a CI job send it again, twice."""
    import threading

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]

        def serve() -> None:
            connection, _ = listener.accept()
            with connection, connection.makefile("rb") as lines:
                connection.sendall(b"220 test ESMTP\r\n")
                for line in lines:
                    verb = line[:4].upper()
                    if verb in (b"EHLO", b"HELO", b"MAIL", b"RCPT"):
                        connection.sendall(b"250 ok\r\n")
                    elif verb == b"DATA":
                        connection.sendall(b"354 go on\r\n")
                        for body in lines:
                            if body == b".\r\n":
                                break
                        threading.Event().wait(2)  # stored, but no reply
                        return

        server = threading.Thread(target=serve, daemon=True)
        server.start()
        settings = SmtpSettings(host="127.0.0.1", port=port, tls="none", timeout=0.5)
        with pytest.raises(MailError, match="may have been delivered"):
            send(sample_message(outputs), settings)
        server.join(5)


def test_starttls_required_but_not_offered_is_an_error(
        smtp_server: Server, outputs: list[Path]) -> None:
    recorder, port = smtp_server()
    settings = SmtpSettings(host="127.0.0.1", port=port, tls="starttls", timeout=10)
    with pytest.raises(MailError, match="does not offer STARTTLS"):
        send(sample_message(outputs), settings)
    assert recorder.mail_commands == []
    assert recorder.messages == []


def test_starttls_with_authentication(smtp_server: Server, outputs: list[Path],
                                      certificate: tuple[Path, Path]) -> None:
    recorder, port = smtp_server(tls_context=server_tls(certificate), require_starttls=True,
                                 authenticator=authenticator, auth_required=True)
    settings = SmtpSettings(host="127.0.0.1", port=port, tls="starttls", user=USER,
                            password=PASSWORD, timeout=10)
    send(sample_message(outputs), settings, ssl_context=client_tls(certificate))
    (received,) = recorder.messages
    attachments = list(parse(received.content).iter_attachments())
    assert attachments[0].get_payload(decode=True) == outputs[0].read_bytes()


def test_implicit_tls(smtp_server: Server, outputs: list[Path],
                      certificate: tuple[Path, Path]) -> None:
    # aiosmtpd only counts STARTTLS as TLS; this connection is TLS from the first byte.
    recorder, port = smtp_server(ssl_context=server_tls(certificate), auth_require_tls=False,
                                 authenticator=authenticator, auth_required=True)
    settings = SmtpSettings(host="127.0.0.1", port=port, tls="ssl", user=USER,
                            password=PASSWORD, timeout=10)
    send(sample_message(outputs), settings, ssl_context=client_tls(certificate))
    assert len(recorder.messages) == 1


def test_untrusted_certificate_is_refused(smtp_server: Server, outputs: list[Path],
                                          certificate: tuple[Path, Path]) -> None:
    recorder, port = smtp_server(tls_context=server_tls(certificate),
                                 authenticator=authenticator, auth_required=True)
    settings = SmtpSettings(host="127.0.0.1", port=port, tls="starttls", user=USER,
                            password=PASSWORD, timeout=10)
    with pytest.raises(MailError, match="certificate") as failure:
        send(sample_message(outputs), settings)  # system trust store: self-signed refused
    assert PASSWORD not in str(failure.value)
    assert recorder.messages == []


def test_ssl_against_a_plain_server_is_a_clear_error(smtp_server: Server,
                                                     outputs: list[Path]) -> None:
    recorder, port = smtp_server()
    settings = SmtpSettings(host="127.0.0.1", port=port, tls="ssl", timeout=5)
    with pytest.raises(MailError, match=r"TLS with 127\.0\.0\.1:\d+ failed|closed the"):
        send(sample_message(outputs), settings)
    assert recorder.messages == []


def test_password_is_not_in_repr() -> None:
    settings = SmtpSettings(host="mail.example.org", user=USER, password=PASSWORD)
    assert PASSWORD not in repr(settings)
    assert PASSWORD not in str(settings)


# --- settings -------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("mail.example.org", ("mail.example.org", None)),
    ("mail.example.org:2525", ("mail.example.org", 2525)),
    ("192.0.2.1:25", ("192.0.2.1", 25)),
    ("[2001:db8::1]:587", ("2001:db8::1", 587)),
    ("[::1]", ("::1", None)),
    ("::1", ("::1", None)),
    (" smtp.example.org:465 ", ("smtp.example.org", 465)),
])
def test_parse_host_port(text: str, expected: tuple[str, int | None]) -> None:
    assert parse_host_port(text) == expected


@pytest.mark.parametrize("text", ["", "host:", "host:0", "host:65536", "host:abc", ":25",
                                  "[::1", "[notv6]:25", "[::1]25", "a b:25", "user@host:25",
                                  "1:2:3"])
def test_parse_host_port_rejects(text: str) -> None:
    with pytest.raises(MailUsageError, match="--smtp"):
        parse_host_port(text)


@pytest.mark.parametrize(("env", "expected"), [
    ({"BRIEFING_SMTP_HOST": "mx.example.org"}, ("mx.example.org", 587, "starttls")),
    ({"BRIEFING_SMTP_HOST": "mx.example.org", "BRIEFING_SMTP_TLS": "SSL"},
     ("mx.example.org", 465, "ssl")),
    ({"BRIEFING_SMTP_HOST": "mx.example.org", "BRIEFING_SMTP_TLS": "none"},
     ("mx.example.org", 25, "none")),
    ({"BRIEFING_SMTP_HOST": "mx.example.org", "BRIEFING_SMTP_PORT": "465"},
     ("mx.example.org", 465, "ssl")),
    ({"BRIEFING_SMTP_HOST": "mx.example.org", "BRIEFING_SMTP_PORT": "2525"},
     ("mx.example.org", 2525, "starttls")),
    ({"BRIEFING_SMTP": "[2001:db8::2]:2525", "BRIEFING_SMTP_HOST": "ignored.example.org"},
     ("2001:db8::2", 2525, "starttls")),
    ({"BRIEFING_SMTP_HOST": "2001:db8::3"}, ("2001:db8::3", 587, "starttls")),
])
def test_from_env(env: dict[str, str], expected: tuple[str, int, str]) -> None:
    settings = SmtpSettings.from_env(env)
    assert (settings.host, settings.port, settings.tls) == expected
    assert settings.user is None and settings.password is None


def test_from_env_explicit_arguments_win() -> None:
    env = {"BRIEFING_SMTP": "env.example.org:2525", "BRIEFING_SMTP_TLS": "none",
           "BRIEFING_SMTP_USER": "env-user", "BRIEFING_SMTP_PASSWORD": PASSWORD}
    settings = SmtpSettings.from_env(env, host_port="flag.example.org", tls="ssl",
                                     user="flag-user")
    assert settings == SmtpSettings(host="flag.example.org", port=465, tls="ssl",
                                    user="flag-user", password=PASSWORD)


def test_from_env_password_file_is_stripped(tmp_path: Path) -> None:
    secret = tmp_path / "password"
    secret.write_text(f"  {PASSWORD}\n", encoding="utf-8")
    settings = SmtpSettings.from_env({"BRIEFING_SMTP_HOST": "mx.example.org",
                                      "BRIEFING_SMTP_USER": USER,
                                      "BRIEFING_SMTP_PASSWORD_FILE": str(secret)})
    assert (settings.user, settings.password) == (USER, PASSWORD)


@pytest.mark.parametrize(("env", "flags", "named"), [
    ({}, {}, "no SMTP server"),
    ({"BRIEFING_SMTP_HOST": "mx"}, {"tls": "tls"}, "--tls"),
    ({"BRIEFING_SMTP_HOST": "mx", "BRIEFING_SMTP_TLS": "yes"}, {}, "BRIEFING_SMTP_TLS"),
    ({"BRIEFING_SMTP_HOST": "mx", "BRIEFING_SMTP_PORT": "smtp"}, {}, "BRIEFING_SMTP_PORT"),
    ({"BRIEFING_SMTP_HOST": "mx:25"}, {}, "BRIEFING_SMTP_HOST"),
    ({"BRIEFING_SMTP": "mx:99999"}, {}, "BRIEFING_SMTP"),
    ({}, {"host_port": "mx:port"}, "--smtp"),
    ({"BRIEFING_SMTP_HOST": "mx", "BRIEFING_SMTP_USER": USER}, {}, "no password"),
    ({"BRIEFING_SMTP_HOST": "mx"}, {"user": USER}, "BRIEFING_SMTP_PASSWORD"),
    ({"BRIEFING_SMTP_HOST": "mx", "BRIEFING_SMTP_PASSWORD": PASSWORD,
      "BRIEFING_SMTP_PASSWORD_FILE": "/x"}, {}, "not both"),
    ({"BRIEFING_SMTP_HOST": "mx", "BRIEFING_SMTP_PASSWORD_FILE": "/nonexistent/pw"}, {},
     "BRIEFING_SMTP_PASSWORD_FILE"),
])
def test_from_env_errors_name_the_setting(env: dict[str, str], flags: dict[str, str],
                                          named: str) -> None:
    with pytest.raises(MailUsageError, match=named) as failure:
        SmtpSettings.from_env(env, **flags)
    assert PASSWORD not in str(failure.value)


def test_settings_are_validated() -> None:
    with pytest.raises(MailUsageError, match="tls"):
        SmtpSettings(host="mx", tls="STARTTLS")
    with pytest.raises(MailUsageError, match="port"):
        SmtpSettings(host="mx", port=0)


# --- building -------------------------------------------------------------------------------


def test_build_message_is_deterministic_with_a_date(outputs: list[Path]) -> None:
    when = datetime(2025, 1, 8, 6, 30, tzinfo=UTC)
    first = sample_message(outputs, date=when, message_id_domain="briefing.example.com")
    second = sample_message(outputs, date=when, message_id_domain="briefing.example.com")
    assert first.as_bytes() == second.as_bytes()
    assert first["Date"] == "Wed, 08 Jan 2025 06:30:00 +0000"
    assert first["Message-ID"].endswith("@briefing.example.com>")

    outputs[0].write_bytes(outputs[0].read_bytes() + b"changed")
    third = sample_message(outputs, date=when, message_id_domain="briefing.example.com")
    assert third["Message-ID"] != first["Message-ID"]


def test_build_message_without_a_date_is_unique(outputs: list[Path]) -> None:
    first, second = sample_message(outputs), sample_message(outputs)
    assert first["Message-ID"] != second["Message-ID"]
    assert first["Message-ID"].endswith("@example.org>")  # the sender's domain, not the host's
    assert abs((first["Date"].datetime - datetime.now(UTC)).total_seconds()) < 60


def test_naive_date_is_taken_as_utc(outputs: list[Path]) -> None:
    message = sample_message(outputs, date=datetime(2025, 1, 8, 6, 30))
    assert message["Date"] == "Wed, 08 Jan 2025 06:30:00 +0000"


def test_text_only_message(outputs: list[Path]) -> None:
    message = sample_message([], html=None, text="Just text.")
    assert message.get_content_type() == "text/plain"
    assert message.get_content().strip() == "Just text."


@pytest.mark.parametrize(("field_name", "value"), [
    ("sender", "not an address"),
    ("sender", "bot@"),
    ("to", ["desk@example.org", "desk at example.org"]),
    ("to", ["a@example.org, b@example.org"]),
    ("to", ["x@example.org\r\nBcc: victim@example.org"]),
    ("cc", ["@example.org"]),
    ("to", ["josé@example.org"]),
])
def test_malformed_address_is_named(outputs: list[Path], field_name: str, value: Any) -> None:
    bad = value if isinstance(value, str) else value[-1]
    with pytest.raises(MailUsageError, match="not a valid email") as failure:
        sample_message(outputs, **{field_name: value})
    assert repr(bad) in str(failure.value)


def test_no_recipient(outputs: list[Path]) -> None:
    with pytest.raises(MailUsageError, match="no recipient"):
        sample_message(outputs, to=[])


def test_internationalised_domain_becomes_idna(outputs: list[Path]) -> None:
    message = sample_message(outputs, to=["desk@bücher.example"])
    assert message["To"].addresses[0].domain == "xn--bcher-kva.example"


def test_missing_attachment_is_named(outputs: list[Path], tmp_path: Path) -> None:
    missing = tmp_path / "out" / "timeline.pdf"
    with pytest.raises(MailUsageError, match=r"timeline\.pdf"):
        sample_message([*outputs, missing])
    with pytest.raises(MailUsageError, match="folder"):
        sample_message([tmp_path])


def test_subject_line_breaks_cannot_inject_headers(outputs: list[Path]) -> None:
    message = sample_message(outputs, subject="Title\r\nBcc: victim@example.org")
    assert message["Subject"] == "Title Bcc: victim@example.org"
    assert message["Bcc"] is None
    assert parse(message.as_bytes())["Bcc"] is None


@pytest.mark.parametrize(("name", "expected"), [
    ("a.pdf", "application/pdf"),
    ("A.PDF", "application/pdf"),
    ("a.docx", DOCX_TYPE),
    ("manifest.json", "application/json"),
    ("notes.txt", "text/plain"),
    ("image.png", "image/png"),
    ("archive.tar.gz", "application/octet-stream"),
    ("data.unknownext", "application/octet-stream"),
    ("no-extension", "application/octet-stream"),
])
def test_attachment_type(name: str, expected: str) -> None:
    assert attachment_type(Path(name)) == expected


def test_briefing_body_escapes_untrusted_text() -> None:
    text, html = briefing_body("<script>alert(1)</script> & co", "2025-01-08",
                               ['He said "<b>no</b>"', "", "line\nbreak"],
                               [Path("out/a<b>.pdf")])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;no&lt;/b&gt;" in html
    assert "<li>line break</li>" in html
    assert "a&lt;b&gt;.pdf" in html
    assert "<script>alert(1)</script> & co" in text
    assert "- line break" in text
    assert "- a<b>.pdf" in text
    assert "As of 2025-01-08" in text and "As of 2025-01-08" in html


# --- .eml ----------------------------------------------------------------------------------


def test_write_eml_round_trip(outputs: list[Path], tmp_path: Path) -> None:
    message = sample_message(outputs, date=datetime(2025, 1, 8, tzinfo=UTC))
    target = tmp_path / "mail" / "briefing.eml"
    write_eml(message, target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["briefing.eml"]  # no temp file

    raw = target.read_bytes()
    assert raw == message.as_bytes()
    again = parse(raw)
    assert again["Subject"] == message["Subject"]
    assert again["Message-ID"] == message["Message-ID"]
    assert [p.get_payload(decode=True) for p in again.iter_attachments()] == [
        p.read_bytes() for p in outputs]


def test_write_eml_failure_is_a_mail_error(outputs: list[Path], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(MailError, match="cannot write"):
        write_eml(sample_message(outputs), blocker / "briefing.eml")
