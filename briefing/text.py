"""Cutting text for display: on word boundaries, with an ellipsis where something was cut."""

from __future__ import annotations


def excerpt(text: str, at: int = 0, max_chars: int = 600, lead: int = 60) -> str:
    """At most `max_chars` of `text`, starting about `lead` characters before offset `at`,
    cut between words (never mid-word) and marked "…" on each side that was cut."""
    if len(text) <= max_chars:
        return text
    start = max(0, min(at - lead, len(text) - max_chars))
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < at else start
    end = start + max_chars
    window = text[start:end]
    if end < len(text):
        head, _, _ = window.rpartition(" ")
        window = (head or window).rstrip(",;:–— ")
    return ("…" if start > 0 else "") + window.strip() + ("…" if end < len(text) else "")
