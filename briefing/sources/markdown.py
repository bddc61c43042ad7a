"""Markdown reader: YAML front matter for metadata, the body as paragraphs and headings."""

from __future__ import annotations

import re
import tomllib
from typing import TYPE_CHECKING, Any

import frontmatter
import yaml

from briefing.model import Block
from briefing.sources.base import (
    Reader,
    SourceError,
    build_source,
    decode_bytes,
    first_heading,
    language_tag,
    leading_heading,
    register,
    text_or_none,
)
from briefing.sources.dates_meta import parse_metadata_date
from briefing.sources.plaintext import parse_text

if TYPE_CHECKING:
    from pathlib import Path

    from briefing.model import Source

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*$", re.DOTALL | re.MULTILINE)
_OPENED = re.compile(r"\A---[ \t]*\n[ \t]*[\w\"'-]+[ \t]*:")
# Front-matter keys read into Source fields; the rest go to Source.metadata.
_DATE_KEYS = ("date", "published", "date_published", "pubdate")
_FIELD_KEYS = frozenset({"title", "publisher", "url", "lang", "language", *_DATE_KEYS})


def _timestamp_or_string(loader: yaml.constructor.SafeConstructor, node: yaml.Node) -> Any:
    """A YAML timestamp, or the string as written when it is an impossible date."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(
            loader, node)  # type: ignore[arg-type]
    except ValueError:
        return loader.construct_scalar(node)  # type: ignore[arg-type]


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that keeps an impossible date ("2025-02-30") as a string instead of failing."""


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_string)

_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.CSafeLoader):  # type: ignore[no-redef]
        """The same loader with libyaml's parser (several times faster)."""

    _FastLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_string)


# Where libyaml and PyYAML's own parser differ (tabs, a byte-order mark, control characters,
# tags, block scalars, escapes, "?" in a flow collection ...), PyYAML's decides; elsewhere
# they agree (fuzzed side by side).
_LIBYAML_DIFFERS = re.compile(r"[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]|[!|>%@`\\]")


def _load_yaml(text: str) -> Any:
    """`text` loaded by _FrontMatterLoader, parsed by libyaml when it is known to give the same
    result (several times faster). Whatever libyaml refuses is parsed again by the pure-Python
    parser, so errors and their messages stay that parser's."""
    if _FastLoader is not None and not _LIBYAML_DIFFERS.search(text) and not (
            "?" in text and ("[" in text or "{" in text)):
        try:
            return yaml.load(text, Loader=_FastLoader)
        except Exception:  # decided by the pure-Python parser below
            pass
    return yaml.load(text, Loader=_FrontMatterLoader)


class _YAMLHandler(frontmatter.YAMLHandler):
    def load(self, fm: str, **kwargs: object) -> Any:
        return _load_yaml(fm)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Front-matter fields and the body; SourceError when the front matter is malformed.
    YAML between '---' lines, or TOML between '+++' lines (Hugo's)."""
    if _TOML_OPENS.match(text):
        return _toml_front_matter(text)
    simple = _simple_front_matter(text)
    return simple if simple is not None else _split_with_yaml(text)


_TOML_OPENS = re.compile(r"\ufeff?\s*\+\+\+[ \t]*\r?\n")
_TOML_BLOCK = re.compile(r"\ufeff?\s*\+\+\+[ \t]*\r?\n(.*?)^\+\+\+[ \t]*(?:\r?\n|\Z)",
                         re.DOTALL | re.MULTILINE)


def _toml_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Hugo's front matter: TOML between lines of '+++' that open the file."""
    block = _TOML_BLOCK.match(text)
    if block is None:
        raise SourceError("malformed front matter: opened with '+++' but never closed")
    try:
        fields = tomllib.loads(block[1].replace("\r\n", "\n"))
    except tomllib.TOMLDecodeError as error:
        raise SourceError(f"malformed front matter: {error}; fix the TOML between the "
                          "'+++' lines") from None
    return fields, text[block.end():].replace("\r\n", "\n").strip()


def _known_keys(fields: dict[str, Any]) -> dict[str, Any]:
    """`fields` with the keys briefing reads in lower case ("Title", "Date" as Obsidian and
    some exporters write them); a key already in lower case wins."""
    out = dict(fields)
    for key, value in fields.items():
        folded = key.lower()
        if folded != key and folded in _FIELD_KEYS and folded not in fields:
            out[folded] = value
            del out[key]
    return out


# --- front matter without YAML ---------------------------------------------------------------
# Most front matter is a few "key: value" lines; reading them with the YAML library costs more
# than the rest of the header handling. `_simple_front_matter` reads that common shape itself,
# and gives up (None) on anything else, which `_split_with_yaml` then reads as before.

_BOUNDARY = frontmatter.YAMLHandler.FM_BOUNDARY
# One field on one line, at the start of the line: a plain key, ": " and a value that is
# double-quoted without escapes, single-quoted, a plain scalar that cannot start with a YAML
# indicator, or nothing; trailing spaces. (A plain value is checked further in `_field_value`.)
_SIMPLE_FIELD = re.compile(
    r"""(?P<key>[A-Za-z_][A-Za-z0-9_-]{0,99}):(?:\Z| +(?:"(?P<double>[^"\\]*)"|"""
    r"""'(?P<single>(?:[^']|'')*)'|(?P<plain>[^-?:,\[\]{}#&*!|>'"%@` ].*?))? *\Z)"""
)
# Characters allowed anywhere in such a front matter: printable for YAML, and neither a tab,
# a line break other than "\n" (\r, \x85, \u2028, \u2029) nor a byte-order mark.
_UNSAFE_CHAR = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)
_STR_TAG = "tag:yaml.org,2002:str"
_SCALAR_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("null", "bool", "int", "float", "timestamp")
)
_SCALARS = _FrontMatterLoader("")
"""The front-matter loader itself, for its resolver (which tag a plain scalar gets) and its
constructors (the value of that tag): a plain value is typed exactly as YAML types it."""
_NOT_SIMPLE = object()


def _simple_front_matter(text: str) -> tuple[dict[str, Any], str] | None:
    """``_split_with_yaml(text)`` when the text opens with a front matter of one or more
    `_SIMPLE_FIELD` lines (blank lines between them allowed), else None.

    Premises, checked against the YAML route on many generated headers with tricky keys and
    values (tests/test_reader_speed_invariants.py): on such lines, libyaml and PyYAML both give
    the mapping of each key to its value (the later of two equal keys winning), a plain value
    typed by the loader's own resolver and constructors, a quoted one a string as written
    ("''" in single quotes being "'"). A front matter with fields never reaches the checks
    `_split_with_yaml` makes on an empty one.
    """
    # What python-frontmatter does: "\r\n" → "\n" (twice: loads, then parse), strip, and
    # split at the first two lines of dashes, wherever they are.
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r\n", "\n")
    text = text.strip()
    parts = _BOUNDARY.split(text, 2)
    if len(parts) < 3:
        return None
    if parts[0] or _UNSAFE_CHAR.search(parts[1]):
        return None
    fields: dict[str, Any] = {}
    for line in parts[1].split("\n"):
        if not line:
            continue
        match = _SIMPLE_FIELD.fullmatch(line)
        if match is None:
            return None
        key = match["key"]
        if _SCALARS.resolve(yaml.ScalarNode, key, (True, False)) != _STR_TAG:
            return None
        value = _field_value(match)
        if value is _NOT_SIMPLE:
            return None
        fields[key] = value
    return (fields, parts[2].strip()) if fields else None


def _field_value(match: re.Match[str]) -> Any:
    """The value of a `_SIMPLE_FIELD` line as YAML reads it, or _NOT_SIMPLE."""
    if match["double"] is not None:
        return match["double"]
    if match["single"] is not None:
        return match["single"].replace("''", "'")
    plain = match["plain"] or ""
    if ": " in plain or plain.endswith(":") or " #" in plain:
        return _NOT_SIMPLE  # a mapping in a mapping, or a comment
    tag = _SCALARS.resolve(yaml.ScalarNode, plain, (True, False))
    if tag == _STR_TAG:
        return plain
    if tag in _SCALAR_TAGS:
        return _SCALARS.yaml_constructors[tag](_SCALARS, yaml.ScalarNode(tag, plain))
    return _NOT_SIMPLE  # "<<", "="


def _split_with_yaml(text: str) -> tuple[dict[str, Any], str]:
    """``split_front_matter`` by python-frontmatter and the YAML loader, for any text.

    Front matter opens the file, or there is none: python-frontmatter, given its handler,
    would split at the first two lines of dashes wherever they are, and a file with two
    Markdown rules ("---") would lose its text above the second."""
    text = text.replace("\r\n", "\n")  # as frontmatter.loads did before its parse does again
    read_as = text.replace("\r\n", "\n").strip()  # what parse reads
    if not _BOUNDARY.match(read_as):
        return {}, read_as
    try:
        # parse, not loads: loads makes a Post(content, handler, **fields), which refuses
        # fields named "content", "handler" or "self" and keys that are not strings
        fields, content = frontmatter.parse(text, handler=_YAMLHandler())
        metadata = dict(fields)
        if not metadata and text.startswith("---"):
            block = _FRONT_MATTER.match(text)
            if block is None and _OPENED.match(text):
                raise SourceError("malformed front matter: opened with '---' but never closed")
            if block is not None and block[1].strip():
                loaded = _load_yaml(block[1])
                if loaded is not None and not isinstance(loaded, dict):
                    raise SourceError(
                        "malformed front matter: expected 'key: value' fields, "
                        f"found a {type(loaded).__name__}"
                    )
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise SourceError(
            f"malformed front matter{where}: {problem}; fix the YAML between the '---' lines"
        ) from error
    return {str(key): value for key, value in metadata.items()}, content


@register
class MarkdownReader(Reader):
    """Markdown with optional YAML front matter (title, publisher, url, date, lang, ...)."""

    file_extensions = (".md", ".markdown")
    date_label = "front-matter"

    def parse(self, data: bytes, path: Path) -> Source:
        fields, body = split_front_matter(decode_bytes(data))
        fields = _known_keys(fields)
        parsed = parse_text(body, markdown=True)
        metadata = {key: value for key, value in fields.items() if key not in _FIELD_KEYS}

        reference = None
        for key in _DATE_KEYS:
            raw = fields.get(key)
            if raw is None or raw == "" or isinstance(raw, bool):  # Jekyll's `published: true`
                continue
            reference = parse_metadata_date(raw)
            if reference is not None:
                break
            metadata["date_invalid"] = str(raw)
        if reference is not None:
            metadata.pop("date_invalid", None)

        def title_from_text() -> str | None:
            return leading_heading(parsed.blocks) or first_heading(
                Block(text, True) for text in parsed.marked_headings
            )

        return build_source(
            path,
            title=text_or_none(fields.get("title")),
            blocks=parsed.blocks,
            reference=reference,
            publisher=text_or_none(fields.get("publisher")),
            url=text_or_none(fields.get("url")),
            lang=language_tag(fields.get("lang", fields.get("language"))),
            metadata=metadata,
            fallback_title=title_from_text,
        )
