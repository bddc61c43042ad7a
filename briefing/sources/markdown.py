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


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that keeps an impossible date ("2025-02-30") as a string instead of failing."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)  # type: ignore[arg-type]
        except ValueError:
            return self.construct_scalar(node)  # type: ignore[arg-type]


_FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _FrontMatterLoader.construct_yaml_timestamp
)


class _YAMLHandler(frontmatter.YAMLHandler):
    def load(self, fm: str, **kwargs: object) -> Any:
        kwargs.setdefault("Loader", _FrontMatterLoader)
        return super().load(fm, **kwargs)


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
            loaded = yaml.load(block[1], Loader=_FrontMatterLoader)
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
