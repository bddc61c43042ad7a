"""The briefing's "Key people and organisations" and "Most named" list no well-known place:
places stay actors of their events (where things happened), but they are no one."""

from __future__ import annotations

from pathlib import Path

from briefing.pipeline import load_chronology
from briefing.views import build_briefing, build_timeline, key_people

ARTICLE = """---
title: Talks
date: 2025-01-10
---

On 8 January 2025, Antony Blinken met Sébastien Lecornu in Paris to discuss Ukraine and France.

On 9 January 2025, Blinken travelled from Paris to Kyiv, where Ukraine and the United States
signed a grain deal with the World Food Programme.
"""


def test_places_are_not_key_people(tmp_path: Path) -> None:
    (tmp_path / "talks.md").write_text(ARTICLE, encoding="utf-8")
    chronology = load_chronology(tmp_path)
    named = {name for name, _ in chronology.actor_counts.items()}
    assert {"Ukraine", "Paris"} <= named  # still actors of their events
    people = key_people(chronology)
    assert "Antony Blinken" in people
    assert not {"Ukraine", "Paris", "France", "Kyiv", "United States"} & set(people)
    briefing = build_briefing(chronology, "T", "10 January 2025")
    assert briefing.key_people == people
    most_named = next(line for line in briefing.bottom_line if line.startswith("Most named"))
    assert "Ukraine" not in most_named and "Paris" not in most_named
    assert build_timeline(chronology, "T", "10 January 2025").key_people == people
