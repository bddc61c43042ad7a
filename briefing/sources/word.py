"""Word reader: a .docx file's paragraphs, headings and tables, and its core properties."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from briefing.sources.base import (
    Reader,
    SourceError,
    build_source,
    clean_text,
    first_heading,
    make_blocks,
    primary_language,
    register,
    text_or_none,
)
from briefing.sources.dates_meta import parse_metadata_date

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from docx.document import Document
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph

    from briefing.model import Source

# python-docx's own template carries this creation time: a document made with python-docx that
# never set `created` would otherwise claim to date from December 2013.
_PYTHON_DOCX_TEMPLATE_CREATED = datetime(2013, 12, 23, 23, 15, tzinfo=UTC)
_EXTRA_PROPERTIES = (
    "author", "last_modified_by", "modified", "subject", "keywords", "category", "comments",
    "identifier", "version", "content_status",
)


def _is_heading(paragraph: Paragraph) -> bool:
    try:
        style = paragraph.style
    except (KeyError, ValueError):
        return False
    name = (style.name or "") if style is not None else ""
    return name.startswith(("Heading", "Title"))


def _items(container: Document | _Cell, seen: set[Any]) -> Iterator[tuple[str, bool]]:
    """(text, heading) of each paragraph in reading order, table cells included."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield clean_text(item.text), _is_heading(item)
        elif isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    # A merged cell appears once per grid column; keeping its element in
                    # `seen` keeps lxml's proxy alive, so identity comparison is reliable.
                    if cell._tc in seen:
                        continue
                    seen.add(cell._tc)
                    yield from _items(cell, seen)


MAX_UNPACKED_BYTES = 200_000_000
"""A .docx unpacking to more than this is refused (a zip bomb, or no real document)."""
MAX_PARTS = 5_000


def _check_zip(data: bytes) -> None:
    """Refuse a zip bomb before python-docx unpacks it: its sizes are in the zip directory."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise SourceError(
            f"not a valid Word .docx file (not a zip archive: {error}); "
            "open it in Word and save it again as .docx"
        ) from error
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        raise SourceError(
            f"refused: the .docx would unpack to {unpacked:,} bytes in {len(entries):,} parts "
            f"(limit {MAX_UNPACKED_BYTES:,} bytes, {MAX_PARTS:,} parts); it looks like a zip "
            "bomb, not a document"
        )


def _open(data: bytes) -> Document:
    import docx  # here, not at the top: commands that read no .docx start 30 ms sooner

    _check_zip(data)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # zipfile, lxml and python-docx each fail in their own way
        raise SourceError(
            f"not a valid Word .docx file ({type(error).__name__}: {error}); "
            "open it in Word and save it again as .docx"
        ) from error


@register
class DocxReader(Reader):
    """Word .docx: Heading/Title styles make heading blocks; date from core ``created``."""

    file_extensions = (".docx",)

    def parse(self, data: bytes, path: Path) -> Source:
        document = _open(data)
        items = list(_items(document, set()))
        blocks = make_blocks(items)
        properties = document.core_properties

        created = properties.created
        if created is not None and created.tzinfo is None:
            created = created.replace(tzinfo=UTC)
        reference = None
        if created is not None and created != _PYTHON_DOCX_TEMPLATE_CREATED:
            reference = parse_metadata_date(created)

        metadata: dict[str, Any] = {}
        for key in _EXTRA_PROPERTIES:
            value = getattr(properties, key, None)
            if value not in (None, ""):
                metadata[key] = value
        if created is not None:
            metadata["created"] = created

        return build_source(
            path,
            title=text_or_none(properties.title),
            blocks=blocks,
            reference=reference,
            lang=primary_language(properties.language),
            metadata=metadata,
            fallback_title=lambda: first_heading(blocks),
        )
