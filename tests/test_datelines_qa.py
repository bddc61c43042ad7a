"""Datelines opening with places in capitals: the date after them, without dateparser."""

from __future__ import annotations

import pytest

import briefing.dates
from briefing.sources.dates_meta import parse_dateline


@pytest.mark.parametrize(("line", "value"), [
    ("NAIROBI, 4 May 2023", "2023-05-04"),
    ("BOGOTÁ, 14 June 2023", "2023-06-14"),
    ("ST. LOUIS, Jan. 8, 2025", "2025-01-08"),
    ("WASHINGTON, D.C., Jan. 8, 2025", "2025-01-08"),
    ("NEW YORK, NY, 3 March 2024", "2024-03-03"),
    ("PARIS, January 2025", "2025-01"),
    ("MARSEILLE, 3 March 2024", "2024-03-03"),
    ("Paris, 8 January 2025", "2025-01-08"),
    # capitals that are the date's own month: the line is the date
    ("JAN. 8, 2025", "2025-01-08"),
    ("MAY 4, 2023", "2023-05-04"),
    ("SEPT. 3, 2024", "2024-09-03"),
])
def test_dateline_after_places(line: str, value: str) -> None:
    found = parse_dateline(line)
    assert found is not None and found[0].value == value


def test_place_datelines_do_not_reach_dateparser(monkeypatch: pytest.MonkeyPatch) -> None:
    """dateparser, the last resort, takes 0.1 s on its first call and fails on these lines."""
    def refuse(s: str, lang: str) -> None:
        raise AssertionError(f"dateparser asked to read {s!r}")

    monkeypatch.setattr(briefing.dates, "_dateparser_value", refuse)
    for line in ("NAIROBI, 4 May 2023", "WASHINGTON, D.C., Jan. 8, 2025", "LIMA, 2 October 2023"):
        assert parse_dateline(line) is not None
