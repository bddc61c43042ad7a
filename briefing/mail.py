"""Delivering the documents by email: build a standard message, write it as .eml or send it.

The message is built with the stdlib `email` package (policy SMTP, 7-bit clean: non-ASCII text
is quoted-printable, attachments base64, non-ASCII headers as encoded words and non-ASCII file
names as RFC 2231 parameters), so any SMTP server and any mailer in CI can carry it.

A message made reproducible (a fixed date, as under SOURCE_DATE_EPOCH) is for a file to read or
compare; a mail sent always has the time it is sent and a Message-ID of its own, as servers and
clients drop or merge mails whose Message-IDs are the same.

Sending never fails half-way silently: the server's SIZE limit is checked before MAIL FROM,
and every recipient must be accepted before DATA is sent; otherwise the transaction is reset,
nothing is delivered, and a MailError says why. The password never appears in a message, a
log record or a repr.

SMTP settings come from explicit arguments (the CLI's flags or the config file), else from
these environment variables:

`BRIEFING_SMTP`           server as HOST[:PORT] (`[::1]:2525` for IPv6), same as `--smtp`
`BRIEFING_SMTP_HOST`      server host, used when BRIEFING_SMTP is not set
`BRIEFING_SMTP_PORT`      port for BRIEFING_SMTP_HOST (default: 465 for ssl, 587 for starttls,
                          25 for none)
`BRIEFING_SMTP_TLS`       starttls (default), ssl or none (default ssl when the port is 465)
`BRIEFING_SMTP_USER`      user name to log in with; a password is then required
`BRIEFING_SMTP_PASSWORD`  the password, or
`BRIEFING_SMTP_PASSWORD_FILE`  a file holding it (surrounding white space stripped)
"""

from __future__ import annotations

import copy
import hashlib
import html
import ipaddress
import logging
import mimetypes
import os
import re
import smtplib
import socket
import ssl
import stat
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import policy as email_policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from briefing.atomic import write_atomically

logger = logging.getLogger(__name__)

TLS_MODES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "none": 25}

# Policy SMTP (CRLF line ends), and 7-bit clean bodies so no server needs 8BITMIME.
POLICY = email_policy.SMTP.clone(cte_type="7bit")

# Fixed here so a message does not depend on the machine's /etc/mime.types.
_MIME_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".json": "application/json",
    ".html": "text/html",
    ".htm": "text/html",
    ".txt": "text/plain",
    ".csv": "text/csv",
    ".md": "text/markdown",
    ".zip": "application/zip",
}
_FALLBACK_TYPE = "application/octet-stream"
_ACCEPTED_RCPT = (250, 251)
# C0/C1 controls except tab and newline; lone surrogates cannot be encoded at all.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]|[\ud800-\udfff]")
# The Message-ID build_message derives from the content when given a date (see there).
_REPRODUCIBLE_ID = re.compile(r"<briefing\.[0-9a-f]{32}@([A-Za-z0-9.-]+)>")


class MailError(Exception):
    """Mail could not be built or delivered; the message is for the user, without secrets."""


class MailUsageError(MailError):
    """An invalid setting, address or attachment: the user must change the command or config."""


@dataclass(frozen=True)
class SmtpSettings:
    """How to reach the SMTP server. The password is left out of repr()."""

    host: str
    port: int = 587
    tls: str = "starttls"
    """"starttls" (upgrade, required), "ssl" (TLS from the start) or "none" (plain text)."""
    user: str | None = None
    """Log in as this user (after TLS is up) when given."""
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0
    """Seconds for connecting and for each reply of the server."""

    def __post_init__(self) -> None:
        if not self.host or any(ch.isspace() for ch in self.host):
            raise MailUsageError(f"SMTP host: expected a host name, got {self.host!r}")
        if self.tls not in TLS_MODES:
            raise MailUsageError(f"SMTP tls: expected one of {', '.join(TLS_MODES)}, "
                                 f"got {self.tls!r}")
        if isinstance(self.port, bool) or not isinstance(self.port, int) \
                or not 1 <= self.port <= 65535:
            raise MailUsageError(f"SMTP port: expected 1–65535, got {self.port!r}")
        if not self.timeout > 0:
            raise MailUsageError(f"SMTP timeout: expected seconds > 0, got {self.timeout!r}")

    @property
    def address(self) -> str:
        """HOST:PORT as a user would write it (IPv6 hosts in brackets)."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ, *, host_port: str | None = None,
                 tls: str | None = None, user: str | None = None) -> SmtpSettings:
        """Settings from explicit arguments, else the BRIEFING_SMTP_* variables (see module doc).

        The server address is taken whole from the first of `host_port`, BRIEFING_SMTP,
        BRIEFING_SMTP_HOST (+ BRIEFING_SMTP_PORT) that is set; without a port, the default of
        the TLS mode is used. Raises MailUsageError naming the flag or variable at fault.
        """
        tls_value, tls_source = _first(("--tls", tls), ("BRIEFING_SMTP_TLS", env.get(
            "BRIEFING_SMTP_TLS")))
        mode: str | None = None
        if tls_value is not None:
            mode = tls_value.strip().lower()
            if mode not in TLS_MODES:
                raise MailUsageError(f"{tls_source}: expected one of {', '.join(TLS_MODES)}, "
                                     f"got {tls_value!r}")

        address, address_source = _first(("--smtp", host_port),
                                          ("BRIEFING_SMTP", env.get("BRIEFING_SMTP")))
        port: int | None
        if address is not None:
            host, port = parse_host_port(address, address_source)
        else:
            raw_host = env.get("BRIEFING_SMTP_HOST", "").strip()
            if not raw_host:
                raise MailUsageError("no SMTP server: use --smtp HOST:PORT or set BRIEFING_SMTP "
                                     "(or BRIEFING_SMTP_HOST), or write the message with --eml")
            host, port = parse_host_port(raw_host, "BRIEFING_SMTP_HOST")
            if port is not None:
                raise MailUsageError(f"BRIEFING_SMTP_HOST: expected a host without port (set "
                                     f"BRIEFING_SMTP_PORT), got {raw_host!r}")
            raw_port = env.get("BRIEFING_SMTP_PORT", "").strip()
            if raw_port:
                port = _parse_port(raw_port, "BRIEFING_SMTP_PORT")

        if mode is None:
            mode = "ssl" if port == DEFAULT_PORTS["ssl"] else "starttls"
        if port is None:
            port = DEFAULT_PORTS[mode]

        login, _ = _first(("--user", user), ("BRIEFING_SMTP_USER", env.get("BRIEFING_SMTP_USER")))
        login = login.strip() if login and login.strip() else None
        password = _password_from_env(env)
        if login is not None and password is None:
            raise MailUsageError("an SMTP user is set (--user or BRIEFING_SMTP_USER) but no "
                                 "password: set BRIEFING_SMTP_PASSWORD or "
                                 "BRIEFING_SMTP_PASSWORD_FILE")
        if login is None and password is not None:
            logger.warning("an SMTP password is set but no user: not logging in")
        return cls(host=host, port=port, tls=mode, user=login, password=password)


def _first(*candidates: tuple[str, str | None]) -> tuple[str | None, str]:
    """The first non-empty value and the name of where it came from."""
    for source, value in candidates:
        if value is not None and value.strip():
            return value, source
    return None, ""


def _parse_port(text: str, source: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise MailUsageError(f"{source}: expected a port number 1–65535, got {text!r}")
    return int(text)


def parse_host_port(text: str, source: str = "--smtp") -> tuple[str, int | None]:
    """"host", "host:25", "[::1]:25", "[::1]" or a bare IPv6 address → (host, port or None)."""
    value = text.strip()
    port: int | None = None
    if value.startswith("["):
        end = value.find("]")
        host, rest = value[1:end], value[end + 1:]
        if end < 0 or (rest and not rest.startswith(":")):
            raise MailUsageError(f"{source}: expected [IPv6]:PORT, got {text!r}")
        try:
            ipaddress.IPv6Address(host)
        except ValueError:
            raise MailUsageError(f"{source}: {host!r} is not an IPv6 address") from None
        if rest:
            port = _parse_port(rest[1:], source)
    elif value.count(":") == 1:
        host, raw_port = value.split(":")
        port = _parse_port(raw_port, source)
    else:
        host = value  # a name, an IPv4 address, or a bare IPv6 address (no port possible)
        if ":" in host:
            try:
                ipaddress.IPv6Address(host)
            except ValueError:
                raise MailUsageError(f"{source}: expected HOST:PORT, got {text!r}") from None
    if not host or re.search(r"[\s/@\[\]]", host):
        raise MailUsageError(f"{source}: expected HOST:PORT, got {text!r}")
    return host, port


def _password_from_env(env: Mapping[str, str]) -> str | None:
    direct = env.get("BRIEFING_SMTP_PASSWORD")
    file_name = env.get("BRIEFING_SMTP_PASSWORD_FILE", "").strip()
    if direct and file_name:
        raise MailUsageError("set BRIEFING_SMTP_PASSWORD or BRIEFING_SMTP_PASSWORD_FILE, not both")
    if direct:
        return direct
    if not file_name:
        return None
    try:
        password = Path(file_name).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise MailUsageError(f"BRIEFING_SMTP_PASSWORD_FILE: cannot read {file_name}: "
                             f"{reason}") from None
    if not password:
        raise MailUsageError(f"BRIEFING_SMTP_PASSWORD_FILE: {file_name} is empty")
    return password


# --- building the message -------------------------------------------------------------------


def parse_address(text: str, what: str = "address") -> Address:
    """One mailbox ("a@example.org" or "Name <a@example.org>"); MailUsageError if malformed.

    Internationalised domains are converted to IDNA; non-ASCII local parts are refused (they
    would need SMTPUTF8, which many servers lack).
    """
    if not text or _CONTROL.search(text) or "\n" in text or "\t" in text:
        raise MailUsageError(f"{what}: not a valid email address: {text!r}")
    try:
        header = POLICY.header_factory("To", text)
        addresses = header.addresses
    except (IndexError, ValueError, TypeError):
        raise MailUsageError(f"{what}: not a valid email address: {text!r}") from None
    if header.defects or len(addresses) != 1:
        raise MailUsageError(f"{what}: not a valid email address: {text!r}")
    address = addresses[0]
    username, domain = address.username, address.domain
    if not username or not domain or not username.isascii() \
            or domain.startswith(".") or domain.endswith(".") or ".." in domain:
        raise MailUsageError(f"{what}: not a valid email address: {text!r}")
    if not domain.isascii():
        try:
            domain = domain.encode("idna").decode("ascii")
        except UnicodeError:
            raise MailUsageError(f"{what}: not a valid email domain: {text!r}") from None
    return Address(display_name=address.display_name, username=username, domain=domain)


def parse_address_list(values: Iterable[str], what: str = "recipient") -> list[Address]:
    """The mailboxes in `values`, each of which may hold several, separated by commas; each
    address once. MailUsageError naming the entry at fault.

    A comma inside a quoted name (`"Doe, Jane" <jane@example.org>`), a comment or angle
    brackets does not separate addresses. The values are joined with ", " before they are cut,
    because the config splits BRIEFING_MAIL_TO and a string `mail.to` at every comma: the
    pieces of a quoted name join up again (a space after its comma is all that may change).
    Not `email.utils.getaddresses`: on this Python it reads "not an address" as the address
    "not", silently. Each entry is then parsed strictly by `parse_address`. An address given
    twice (the domain compared without case: it is case-insensitive, the local part may not
    be) is kept once, with the name it had first.
    """
    text = ", ".join(values)
    entries = _split_list(text)
    addresses: list[Address] = []
    for entry in entries:
        try:
            addresses.append(parse_address(entry, what))
        except MailUsageError as error:
            if len(entries) < 2:
                raise
            raise MailUsageError(f"{error} (in {text!r}: commas separate addresses, so a name "
                                 f"with a comma needs quotes: "
                                 f"'\"Doe, Jane\" <jane@example.org>')") from None
    return _unique(addresses)


def _split_list(text: str) -> list[str]:
    """`text` cut at the commas that separate addresses (RFC 5322 address-list): not those
    in a quoted string, a comment or angle brackets. Blank entries are dropped, so a trailing
    comma (`--to "$A,$B"` with B unset) is harmless. An unclosed quote keeps the rest of the
    text in one entry, which parse_address then refuses, naming it."""
    entries: list[str] = []
    start, comment_depth, quoted, in_angle, escaped = 0, 0, False, False, False
    for index, char in enumerate(text):
        if escaped:
            escaped = False
        elif char == "\\" and (quoted or comment_depth):
            escaped = True
        elif quoted:
            quoted = char != '"'
        elif comment_depth:
            comment_depth += {"(": 1, ")": -1}.get(char, 0)
        elif char == '"':
            quoted = True
        elif char == "(":
            comment_depth = 1
        elif char in "<>":
            in_angle = char == "<"
        elif char == "," and not in_angle:
            entries.append(text[start:index])
            start = index + 1
    entries.append(text[start:])
    return [entry.strip() for entry in entries if entry.strip()]


def _address_key(address: Address) -> tuple[str, str]:
    """What makes two addresses the same mailbox: the local part as is, the domain in any
    case (RFC 5321: only the domain is case-insensitive everywhere)."""
    return address.username, address.domain.lower()


def _unique(addresses: Iterable[Address], seen: set[tuple[str, str]] | None = None
            ) -> list[Address]:
    """`addresses` without those already seen (added to `seen`), in order."""
    seen = set() if seen is None else seen
    kept: list[Address] = []
    for address in addresses:
        key = _address_key(address)
        if key in seen:
            logger.debug("%s is listed more than once: it gets one copy", address.addr_spec)
            continue
        seen.add(key)
        kept.append(address)
    return kept


def attachment_type(path: Path) -> str:
    """MIME type of an attachment: fixed for our outputs, else by extension, else binary."""
    known = _MIME_TYPES.get(path.suffix.lower())
    if known:
        return known
    guessed, encoding = mimetypes.guess_type(path.name, strict=True)
    # "x.tar.gz" guesses the inner type plus an encoding: the bytes are the compressed file.
    if guessed is None or encoding is not None:
        return _FALLBACK_TYPE
    return guessed


def _one_line(text: str) -> str:
    """Header text from untrusted input: controls dropped, line breaks folded to spaces."""
    return " ".join(_CONTROL.sub("", text).split())


def _clean(text: str) -> str:
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def build_message(*, sender: str, to: Sequence[str], cc: Sequence[str] = (), subject: str,
                  text: str, html: str | None, attachments: Sequence[Path],
                  date: datetime | None = None,
                  message_id_domain: str | None = None) -> EmailMessage:
    """A standards-conforming message: text (and HTML) body, the files attached.

    Date and Message-ID: when `date` is given, both are deterministic: Date is `date` (a naive
    datetime is taken as UTC) and Message-ID is derived from a hash of the whole content
    (headers, bodies, attachment names and bytes), so the same inputs give the same bytes.
    Without `date`, Date is now (UTC) and Message-ID is random. Its domain is
    `message_id_domain`, else the sender's domain (never the machine's host name).

    A date is for a message written to be read or compared (`write_eml`), not for one sent:
    `send` gives such a message the current date and a new Message-ID, as mail servers and
    clients take mails with the same Message-ID for one.

    Each item of `to` and `cc` is one address (a list: `parse_address_list`). An address given
    twice, or in `cc` and `to` (the domain compared without case), is kept once: the first.

    Raises MailUsageError for a malformed address (naming it), no recipients, or an attachment
    that cannot be read.
    """
    from_address = parse_address(sender, "sender")
    seen: set[tuple[str, str]] = set()
    to_addresses = _unique((parse_address(a, "recipient") for a in to), seen)
    cc_addresses = _unique((parse_address(a, "copy recipient") for a in cc), seen)
    if not to_addresses:
        raise MailUsageError("no recipient: give at least one --to address")
    domain = message_id_domain or from_address.domain
    if not re.fullmatch(r"[A-Za-z0-9.-]+", domain):
        raise MailUsageError(f"Message-ID domain: expected a domain name, got {domain!r}")

    files: list[tuple[Path, str, bytes]] = []
    for path in attachments:
        try:
            files.append((path, attachment_type(path), path.read_bytes()))
        except IsADirectoryError:
            raise MailUsageError(f"attachment {path}: is a folder, not a file") from None
        except OSError as error:
            raise MailUsageError(f"attachment {path}: cannot be read: "
                                 f"{error.strerror or error}") from None

    message = EmailMessage(policy=POLICY)
    message["From"] = from_address
    message["To"] = to_addresses
    if cc_addresses:
        message["Cc"] = cc_addresses
    message["Subject"] = _one_line(subject)
    # RFC 3834: a machine sent this; vacation responders should not answer.
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(_clean(text))
    if html is not None:
        message.add_alternative(_clean(html), subtype="html")
    for path, mime_type, data in files:
        maintype, subtype = mime_type.split("/", 1)
        name = _one_line(path.name)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
        if name.isascii():
            # Older mailers read the name from Content-Type only. Not for non-ASCII names: the
            # stdlib then folds Content-Type into encoded words that break the MIME type, and
            # such mailers would not decode RFC 2231 anyway (Content-Disposition has it).
            list(message.iter_attachments())[-1].set_param("name", name)

    if date is None:
        message["Date"] = format_datetime(datetime.now(UTC))
        message["Message-ID"] = make_msgid(idstring="briefing", domain=domain)
    else:
        when = date if date.tzinfo is not None else date.replace(tzinfo=UTC)
        message["Date"] = format_datetime(when)
        seed = _content_hash(message, files)
        message["Message-ID"] = f"<briefing.{seed[:32]}@{domain}>"
        for number, part in enumerate(message.walk()):
            if part.is_multipart():  # the stdlib picks random boundaries
                part.set_boundary(f"=_briefing_{seed[32:56]}_{number}")
    return message


def _content_hash(message: EmailMessage, files: Sequence[tuple[Path, str, bytes]]) -> str:
    """Hex SHA-256 of address, subject and date headers, body parts, attachment names and bytes."""
    digest = hashlib.sha256()
    for name in ("From", "To", "Cc", "Subject", "Date"):
        value = message[name]
        digest.update(f"{name}: {value}\n".encode("utf-8", "surrogatepass"))
    for part in message.walk():
        if not part.is_multipart() and not part.is_attachment():
            digest.update(part.get_content_type().encode("ascii") + b"\0")
            digest.update(part.get_payload(decode=True) or b"")
    for path, mime_type, data in files:
        digest.update(f"{path.name}\0{mime_type}\0".encode("utf-8", "surrogatepass"))
        digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest()


def briefing_body(title: str, as_of: str, bottom_line: Sequence[str],
                  files: Sequence[Path]) -> tuple[str, str]:
    """(plain text, HTML) of a short mail: title, as-of date, bottom line, attached files.

    The text comes from untrusted sources: everything is escaped in the HTML.
    """
    title, as_of = _one_line(title), _one_line(as_of)
    points = [p for p in (_one_line(point) for point in bottom_line) if p]
    names = [_one_line(path.name) for path in files]

    lines = [title, f"As of {as_of}", ""]
    if points:
        lines += ["Bottom line", *(f"- {point}" for point in points), ""]
    if names:
        lines += ["Attached:", *(f"- {name}" for name in names), ""]
    text = "\n".join(lines)

    esc = html.escape
    parts = ['<!DOCTYPE html>', '<html><head><meta charset="utf-8">',
             f"<title>{esc(title)}</title></head>", "<body>", f"<h1>{esc(title)}</h1>",
             f"<p>As of {esc(as_of)}</p>"]
    if points:
        parts += ["<h2>Bottom line</h2>", "<ul>", *(f"<li>{esc(p)}</li>" for p in points),
                  "</ul>"]
    if names:
        parts += ["<p>Attached:</p>", "<ul>", *(f"<li>{esc(n)}</li>" for n in names), "</ul>"]
    parts += ["</body></html>", ""]
    return text, "\n".join(parts)


STDOUT = "-"
"""The `write_eml` target that means standard output (`briefing mail --eml - | sendmail -t`)."""


def eml_is_a_file(path: Path | str) -> bool:
    """Whether `write_eml` writes `path` as a file of its own: a new path or a regular file
    (not a link). Anything else (standard output, a named pipe, a device, a link such as
    /dev/stdout) is a stream, most likely on its way to a mailer."""
    if str(path) == STDOUT:
        return False
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:  # none yet (or a parent that is a file: writing says what is wrong)
        return True


def write_eml(message: EmailMessage, path: Path | str) -> None:
    """Write the message as .eml (CRLF line ends, as sent): "-" to standard output.

    A file (see `eml_is_a_file`) is written atomically, never left truncated. Any other target
    is written directly: a rename cannot replace a pipe or a device, and would put a file in
    place of a link (/dev/stdout) or fail for want of rights on its folder (/dev).
    Raises MailError naming the target.
    """
    data = message.as_bytes(policy=POLICY)
    if str(path) == STDOUT:
        _write_stdout(data)
        return
    try:
        if eml_is_a_file(path):
            write_atomically(Path(path), data)
        else:
            with open(path, "wb") as handle:
                handle.write(data)
    except OSError as error:
        raise MailError(f"cannot write {path}: {error.strerror or error}") from None


def _write_stdout(data: bytes) -> None:
    """`data` on standard output, after any text already buffered there."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except OSError as error:
        if isinstance(error, BrokenPipeError):
            # the reader is gone: stop Python's own flush at exit from failing again
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise MailError(f"cannot write the message to standard output: "
                        f"{error.strerror or error}") from None


# --- sending --------------------------------------------------------------------------------


def send(message: EmailMessage, settings: SmtpSettings, *,
         ssl_context: ssl.SSLContext | None = None) -> None:
    """Deliver the message over SMTP, to every recipient or to none.

    tls="ssl" speaks TLS from the start; "starttls" requires the server to offer STARTTLS
    (no silent fallback to plain text); "none" is plain text, and only then does a login send
    the password unencrypted. `ssl_context` defaults to the system's trusted certificates
    with host name checking.

    Before any mail is sent: the message size is checked against the server's SIZE limit,
    and the sender and every recipient must be accepted (otherwise the transaction is reset).
    A message with the fixed Date and Message-ID of `build_message(date=…)` (made to be
    reproducible, as under SOURCE_DATE_EPOCH) is sent with the current date and a new
    Message-ID: mail sent every night with the same id would be dropped as a duplicate or
    threaded as one. The message passed in is left as it is.

    Raises MailError, never showing the password.
    """
    message = _as_sent(message)
    sender, recipients = _envelope(message)
    data = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
    context = ssl_context or ssl.create_default_context()
    where = settings.address
    logger.info("sending %d bytes to %d recipient(s) via %s (tls: %s)",
                len(data), len(recipients), where, settings.tls)
    try:
        _deliver(settings, context, sender, recipients, data)
    except MailError as error:
        raise type(error)(_redact(str(error), settings.password)) from None
    except smtplib.SMTPAuthenticationError as error:
        raise MailError(_redact(f"authentication as {settings.user!r} failed at {where}: "
                                f"{_reply(error.smtp_code, error.smtp_error)}",
                                settings.password)) from None
    except smtplib.SMTPResponseException as error:
        raise MailError(_redact(f"{where} replied {_reply(error.smtp_code, error.smtp_error)}; "
                                f"nothing was sent", settings.password)) from None
    except smtplib.SMTPServerDisconnected as error:
        if isinstance(error.__context__, TimeoutError):  # smtplib rewraps read timeouts
            raise MailError(f"{where} did not answer within {settings.timeout:g} s; the "
                            f"message was not delivered") from None
        raise MailError(_redact(f"{where} closed the connection ({error}); the message was not "
                                f"delivered", settings.password)) from None
    except ssl.SSLCertVerificationError as error:
        raise MailError(f"the TLS certificate of {where} is not trusted "
                        f"({error.verify_message}); nothing was sent") from None
    except ssl.SSLError as error:
        hint = " (port 465 expects --tls ssl, 587 --tls starttls)" if settings.tls == "ssl" else ""
        raise MailError(f"TLS with {where} failed: {error.reason or error}{hint}; "
                        f"nothing was sent") from None
    except TimeoutError:
        raise MailError(f"{where} did not answer within {settings.timeout:g} s; nothing was sent"
                        ) from None
    except ConnectionRefusedError:
        raise MailError(f"cannot connect to {where}: connection refused (is the server "
                        f"running, and is the port right?)") from None
    except socket.gaierror:
        raise MailError(f"cannot connect to {where}: unknown host {settings.host!r}") from None
    except UnicodeError:  # smtplib's AUTH takes ASCII only; its message shows the character
        raise MailError(f"cannot log in to {where}: the user name or password holds characters "
                        "other than ASCII, which SMTP AUTH cannot carry here; nothing was sent"
                        ) from None
    except (OSError, smtplib.SMTPException) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        raise MailError(_redact(f"cannot send via {where}: {reason}", settings.password)
                        ) from None
    logger.info("delivered to %s", ", ".join(recipients))


def _deliver(settings: SmtpSettings, context: ssl.SSLContext, sender: str,
             recipients: list[str], data: bytes) -> None:
    where = settings.address
    client: smtplib.SMTP
    if settings.tls == "ssl":
        client = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout,
                                  context=context)
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    with client:
        client.ehlo()
        if settings.tls == "starttls":
            if not client.has_extn("starttls"):
                raise MailError(f"{where} does not offer STARTTLS, so the mail would travel "
                                f"unencrypted; nothing was sent (use --tls ssl, or --tls none "
                                f"to allow plain text)")
            client.starttls(context=context)
            client.ehlo()

        limit = _size_limit(client)
        if limit and len(data) > limit:
            raise MailError(f"the message is {len(data):,} bytes but {where} accepts at most "
                            f"{limit:,} bytes (SIZE); nothing was sent — attach fewer or "
                            f"smaller files")

        if settings.user is not None:
            if settings.password is None:
                raise MailUsageError(f"no password for SMTP user {settings.user!r}")
            encrypted = isinstance(client.sock, ssl.SSLSocket)
            if not encrypted and settings.tls != "none":
                raise MailError(f"refusing to send the password to {where} unencrypted")
            if not encrypted:
                logger.warning("logging in to %s without TLS (--tls none): the password "
                               "travels in plain text", where)
            if not client.has_extn("auth"):
                raise MailError(f"{where} does not offer authentication (AUTH), but a user "
                                f"is set; nothing was sent")
            client.login(settings.user, settings.password)

        options = [f"SIZE={len(data)}"] if client.has_extn("size") else []
        if not data.isascii():  # not from build_message, which writes 7-bit messages
            if not client.has_extn("8bitmime"):
                raise MailError(f"the message has 8-bit content but {where} does not accept "
                                f"it (no 8BITMIME); nothing was sent")
            options.append("BODY=8BITMIME")
        code, reply = client.mail(sender, options)
        if code != 250:
            client.rset()
            raise MailError(f"{where} refused the sender {sender}: {_reply(code, reply)}; "
                            f"nothing was sent")
        refused: list[str] = []
        for recipient in recipients:
            code, reply = client.rcpt(recipient)
            if code not in _ACCEPTED_RCPT:
                refused.append(f"{recipient} ({_reply(code, reply)})")
        if refused:
            client.rset()
            raise MailError(f"{where} refused recipient(s) {'; '.join(refused)}; nothing was "
                            f"sent to anyone")
        try:
            code, reply = client.data(data)
        except (smtplib.SMTPServerDisconnected, OSError) as error:
            # the server may have stored the message before its reply was lost: a CI job
            # that sends again on "not delivered" would send it twice
            why = "timed out" if isinstance(error, TimeoutError) or isinstance(
                error.__context__, TimeoutError) else "lost the connection"
            raise MailError(f"{where} {why} while the message was sent or confirmed: it may "
                            f"have been delivered; check before sending it again") from None
        if code != 250:
            raise MailError(f"{where} did not accept the message: {_reply(code, reply)}")
        try:
            client.quit()
        except (smtplib.SMTPException, OSError):
            logger.debug("QUIT failed after delivery; the message was accepted")


def _as_sent(message: EmailMessage) -> EmailMessage:
    """`message`, or a copy of it with the current date and a new Message-ID (in the same
    domain) when it has the reproducible ones of `build_message(date=…)`."""
    found = _REPRODUCIBLE_ID.fullmatch(str(message["Message-ID"] or "").strip())
    if found is None:
        return message
    logger.info("the message has a fixed date (SOURCE_DATE_EPOCH): sending it with the "
                "current date and a new Message-ID")
    sent = copy.deepcopy(message)
    del sent["Date"], sent["Message-ID"]
    sent["Date"] = format_datetime(datetime.now(UTC))
    sent["Message-ID"] = make_msgid(idstring="briefing", domain=found.group(1))
    return sent


def envelope_recipients(message: EmailMessage) -> list[str]:
    """The addresses `send` delivers the message to: To and Cc, each once."""
    return _envelope(message)[1]


def _size_limit(client: smtplib.SMTP) -> int | None:
    """The server's SIZE limit in bytes, or None when it states none (or 0: no limit)."""
    value = client.esmtp_features.get("size", "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else None


def _envelope(message: EmailMessage) -> tuple[str, list[str]]:
    """Envelope sender and recipients (To and Cc, each mailbox once, the domain compared
    without case) from the headers."""
    sender_header = message["Sender"] or message["From"]
    senders = getattr(sender_header, "addresses", ())
    if not senders:
        raise MailUsageError("the message has no From address")
    if message["Bcc"] is not None:
        raise MailUsageError("Bcc headers are not supported (they would be sent to everyone)")
    listed = [address for name in ("To", "Cc") for value in message.get_all(name, [])
              for address in getattr(value, "addresses", ())]
    envelope = [address.addr_spec for address in _unique(listed)]
    if not envelope:
        raise MailUsageError("the message has no recipient")
    return senders[0].addr_spec, envelope


def _reply(code: int, reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return f"{code} {' '.join(text.split())}"


def _redact(text: str, password: str | None) -> str:
    return text.replace(password, "***") if password else text
