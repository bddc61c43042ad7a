"""Markdown front matter as other tools write it: Hugo's TOML, capitalised keys, Jekyll's
`published` flag (found by QA)."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.sources import read_source
from briefing.sources.base import SourceError


def _read(tmp_path: Path, text: str):
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    return read_source(path)


def test_hugo_toml_front_matter(tmp_path: Path) -> None:
    source = _read(tmp_path, '+++\r\ntitle = "Hugo page"\r\ndate = 2025-01-08T10:00:00+01:00\r\n'
                             'tags = ["a", "b"]\r\n+++\r\n\r\nThe minister resigned on Monday.\r\n')
    assert source.title == "Hugo page"
    assert source.reference is not None and source.reference.value == "2025-01-08"
    assert [b.text for b in source.blocks] == ["The minister resigned on Monday."]
    assert source.metadata["tags"] == ["a", "b"]
    assert _read(tmp_path, "+++\ndate = 2025-01-08\n+++\nText.").reference.value == "2025-01-08"


@pytest.mark.parametrize(("text", "message"), [
    ("+++\ntitle = 'never closed'\n\nText.\n", "never closed"),
    ("+++\ntitle = = 'x'\n+++\nText.\n", "fix the TOML"),
])
def test_malformed_toml_front_matter_is_an_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(SourceError, match=message):
        _read(tmp_path, text)


def test_capitalised_keys_are_read_and_lower_case_wins(tmp_path: Path) -> None:
    source = _read(tmp_path, "---\nTitle: Capitalised\nDate: 2025-01-08\n---\nText.\n")
    assert source.title == "Capitalised" and source.reference.value == "2025-01-08"
    both = _read(tmp_path, "---\nDate: 2024-02-02\ndate: 2025-01-08\n---\nText.\n")
    assert both.reference.value == "2025-01-08"


def test_jekyll_published_flag_is_not_a_date(tmp_path: Path) -> None:
    source = _read(tmp_path, "---\npublished: true\ndate: 2025-01-08\n---\nText.\n")
    assert source.reference.value == "2025-01-08" and "date_invalid" not in source.metadata
    flag_only = _read(tmp_path, "---\npublished: false\n---\nText.\n")
    assert flag_only.reference is None and "date_invalid" not in flag_only.metadata
