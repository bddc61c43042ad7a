"""Settings from briefing.toml or [tool.briefing] in pyproject.toml, then BRIEFING_* variables.

Every option is declared once below with its type, default and meaning. Command-line flags
override environment variables, which override the config file, which overrides the defaults.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

CONFIG_FILE = "briefing.toml"


class ConfigError(ValueError):
    """An invalid setting; the message names the key (or variable) and what is expected."""


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{key}: expected a non-empty string, got {value!r}")
    return value


def _bool(key: str, value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("1", "true", "yes", "on"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"{key}: expected true or false, got {value!r}")


def _list(key: str, value: Any) -> list[str]:
    """A list of strings; a string is split on commas (for environment variables)."""
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise ConfigError(f"{key}: expected a list of strings, got {value!r}")
    return value


def _choices(allowed: tuple[str, ...]) -> Callable[[str, Any], tuple[str, ...]]:
    def check(key: str, value: Any) -> tuple[str, ...]:
        items = _list(key, value)
        if items == ["all"]:
            return allowed
        wrong = [v for v in items if v not in allowed]
        if wrong or not items:
            raise ConfigError(f"{key}: expected 'all' or some of {', '.join(allowed)}; "
                              f"got {value!r}")
        return tuple(dict.fromkeys(items))
    return check


def _size(key: str, value: Any) -> int:
    """A byte count: 50000000, "50MB", "200 MiB", "1 GB"."""
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    if isinstance(value, str):
        match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*", value, re.IGNORECASE)
        if match:
            unit = (match[2] or "b").lower().rstrip("b").replace("i", "")
            factor = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[unit]
            if float(match[1]) > 0:
                return int(float(match[1]) * factor)
    raise ConfigError(f"{key}: expected a size such as 50000000 or \"50MB\", got {value!r}")


def _jobs(key: str, value: Any) -> int:
    """A number of processes, or "auto" (every core)."""
    if isinstance(value, str) and value.strip().lower() == "auto":
        return os.cpu_count() or 1
    try:
        jobs = int(value)
    except (TypeError, ValueError):
        jobs = 0
    if isinstance(value, bool) or jobs < 1:
        raise ConfigError(f"{key}: expected a number of processes (1 or more) or 'auto', "
                          f"got {value!r}")
    return jobs


def _file_names(key: str, value: Any) -> str:
    """A file-name pattern using only {kind}, {slug} and {as_of}, and naming each kind apart."""
    text = _text(key, value)
    fields = re.findall(r"{([^{}]*)}", text)
    if "/" in text or "\\" in text or text.startswith(".") or "{kind}" not in text or any(
            f not in ("kind", "slug", "as_of") for f in fields):
        raise ConfigError(f"{key}: expected a file name using {{kind}} and optionally {{slug}} "
                          f"and {{as_of}} (no folders), got {value!r}")
    return text


def _paper(key: str, value: Any) -> str:
    text = _text(key, value)
    for paper in ("A4", "Letter"):
        if text.lower() == paper.lower():
            return paper
    raise ConfigError(f"{key}: expected A4 or Letter, got {value!r}")


def _executor(key: str, value: Any) -> str:
    """'process' or a Dask scheduler address, canonical: dask://HOST:PORT."""
    from briefing.executors import normalize

    try:
        return normalize(key, value)
    except ValueError as error:
        raise ConfigError(str(error)) from None


def _as_of(key: str, value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    return _text(key, value)  # parsed (and checked) where it is used: it may say "today"


@dataclass(frozen=True)
class Option:
    key: str
    parse: Callable[[str, Any], Any]
    default: Any
    doc: str
    path: bool = False
    """Relative paths are taken from the config file's folder."""
    env_aliases: tuple[str, ...] = ()
    """Other environment variables that set it (BRIEFING_<KEY> wins over them)."""


OPTIONS: tuple[Option, ...] = (
    Option("title", _text, None, "Title of both documents (default: from the most named actors)."),
    Option("sources", _text, "sources", "Folder of source documents.", path=True),
    Option("out", _text, "out", "Folder the documents are written to.", path=True),
    Option("formats", _choices(("pdf", "docx")), ("pdf", "docx"), "Formats: pdf, docx or all."),
    Option("kinds", _choices(("briefing", "timeline")), ("briefing", "timeline"),
           "Documents: briefing, timeline or all."),
    Option("paper", _paper, "A4", "Paper size: A4 or Letter."),
    Option("templates", _list, [], "Folders whose templates override the bundled ones.",
           path=True),
    Option("as_of", _as_of, None, "As-of date (YYYY-MM-DD, YYYY-MM, YYYY or 'today')."),
    Option("author", _text, "briefing", "Author written into the documents' metadata."),
    Option("strict", _bool, False, "Fail (exit 1) on warnings too."),
    Option("file_names", _file_names, "{kind}",
           "Output file names, e.g. \"{slug}-{as_of}-{kind}\" (default \"{kind}\")."),
    Option("jobs", _jobs, os.cpu_count() or 1,
           "Processes that parse sources in parallel, or 'auto' (every core)."),
    Option("executor", _executor, None,
           "Where sources are parsed: 'process' (local processes, see jobs) or a Dask "
           "scheduler, dask://HOST:PORT (needs briefing[dask]).",
           env_aliases=("BRIEFING_DASK_SCHEDULER",)),
    Option("max_source_bytes", _size, 50_000_000,
           "Sources larger than this are refused (bytes, or e.g. \"200MB\")."),
    Option("mail_to", _list, [], "Recipients of `briefing mail`."),
    Option("mail_cc", _list, [], "Copy recipients of `briefing mail`."),
    Option("mail_from", _text, None, "Sender address of `briefing mail`."),
    Option("mail_subject", _text, None, "Subject of `briefing mail` (default: title and date)."),
    Option("smtp", _text, None, "SMTP server as HOST:PORT."),
    Option("smtp_tls", _text, None, "starttls, ssl or none."),
    Option("smtp_user", _text, None, "SMTP user name (the password only from the environment)."),
)
_BY_KEY = {option.key: option for option in OPTIONS}
_MAIL_TABLE = {"to": "mail_to", "cc": "mail_cc", "from": "mail_from", "subject": "mail_subject",
               "smtp": "smtp", "tls": "smtp_tls", "user": "smtp_user"}


def find_config(folder: Path) -> tuple[Path, dict[str, Any]] | None:
    """briefing.toml in `folder`, else [tool.briefing] of its pyproject.toml, else None."""
    own = folder / CONFIG_FILE
    if own.is_file():
        return own, _read_toml(own)
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        table = _read_toml(pyproject).get("tool", {}).get("briefing")
        if table is not None:
            if not isinstance(table, dict):
                raise ConfigError(f"{pyproject}: [tool.briefing] must be a table")
            return pyproject, table
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read: {error.strerror}") from None


def _flatten(table: Mapping[str, Any], where: str) -> dict[str, Any]:
    """Config keys to option keys: `as-of` and `as_of` alike, [mail] as mail_*/smtp*."""
    flat: dict[str, Any] = {}
    for raw_key, value in table.items():
        key = raw_key.replace("-", "_")
        if key == "mail":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: mail: expected a table ([mail])")
            for mail_key, mail_value in value.items():
                option = _MAIL_TABLE.get(mail_key.replace("-", "_"))
                if option is None:
                    raise ConfigError(f"{where}: mail.{mail_key}: unknown key; known: "
                                      f"{', '.join(_MAIL_TABLE)}")
                flat[option] = mail_value
        elif key in _BY_KEY:
            flat[key] = value
        else:
            raise ConfigError(f"{where}: {raw_key}: unknown key; known: "
                              f"{', '.join(o.key for o in OPTIONS)}, mail")
    return flat


def load(folder: Path, *, config_file: Path | None = None,
         env: Mapping[str, str] | None = None, flags: Mapping[str, Any] | None = None
         ) -> dict[str, Any]:
    """Every option's value: defaults < config file < BRIEFING_* variables < flags.

    Flags whose value is None (not given) do not override. Raises ConfigError naming the key.
    """
    env = os.environ if env is None else env
    values = {option.key: option.default for option in OPTIONS}
    found = (config_file, _read_toml(config_file)) if config_file else find_config(folder)
    if found is not None:
        path, table = found
        if config_file is not None and path.name == "pyproject.toml":
            table = table.get("tool", {}).get("briefing", {})
        for key, value in _flatten(table, str(path)).items():
            option = _BY_KEY[key]
            parsed = option.parse(f"{path}: {key}", value)
            values[key] = _resolve(parsed, path.parent) if option.path else parsed
    for option in OPTIONS:
        for variable in (*option.env_aliases, "BRIEFING_" + option.key.upper()):
            if variable in env:
                values[option.key] = option.parse(variable, env[variable])
    for key, value in (flags or {}).items():
        if value is not None and value != ():
            values[key] = _BY_KEY[key].parse(f"--{key.replace('_', '-')}", value)
    missing = [folder for folder in values["templates"] if not Path(folder).is_dir()]
    if missing:  # else the bundled templates would be used without a word
        raise ConfigError(f"templates: no such folder: {', '.join(map(str, missing))}")
    return values


def _resolve(value: Any, base: Path) -> Any:
    if isinstance(value, list):
        return [str(base / v) for v in value]
    return str(base / value)


def describe() -> str:
    """The options as documentation (used by the README and `briefing config`)."""
    return "\n".join(f"{o.key:<14} {o.doc}" for o in OPTIONS)
