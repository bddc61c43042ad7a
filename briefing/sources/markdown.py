"""Markdown reader: YAML front matter for metadata, the body as paragraphs and headings."""

from __future__ import annotations

import re
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
    leading_heading,
    primary_language,
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
    """Front-matter fields and the body; SourceError when the front matter is malformed."""
    try:
        post = frontmatter.loads(text, handler=_YAMLHandler())
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise SourceError(
            f"malformed front matter{where}: {problem}; fix the YAML between the '---' lines"
        ) from error
    metadata = dict(post.metadata)
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
    return {str(key): value for key, value in metadata.items()}, post.content


@register
class MarkdownReader(Reader):
    """Markdown with optional YAML front matter (title, publisher, url, date, lang, ...)."""

    file_extensions = (".md", ".markdown")
    date_label = "front-matter"

    def parse(self, data: bytes, path: Path) -> Source:
        fields, body = split_front_matter(decode_bytes(data))
        parsed = parse_text(body, markdown=True)
        metadata = {key: value for key, value in fields.items() if key not in _FIELD_KEYS}

        reference = None
        for key in _DATE_KEYS:
            raw = fields.get(key)
            if raw is None or raw == "":
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
            lang=primary_language(fields.get("lang", fields.get("language"))),
            metadata=metadata,
            fallback_title=title_from_text,
        )
