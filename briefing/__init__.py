"""briefing: a folder of sources in, a dated chronology out, as a briefing and a timeline.

The public API is what this package exposes: `build`, `Settings`, `load_chronology`, the date
parser entry point `find_dates` and the model types.
"""

from __future__ import annotations

__version__ = "0.1.0"

from briefing.model import (
    Chronology,
    Citation,
    DateMention,
    DateValue,
    Event,
    Precision,
    Problem,
    Source,
)
from briefing.pipeline import BuildResult, Settings, build, load_chronology


def find_dates(*args, **kwargs):  # type: ignore[no-untyped-def]
    """See `briefing.dates.find_dates` (imported lazily: dateparser is slow to import)."""
    from briefing.dates import find_dates as _find_dates

    return _find_dates(*args, **kwargs)


__all__ = [
    "BuildResult", "Chronology", "Citation", "DateMention", "DateValue", "Event", "Precision",
    "Problem", "Settings", "Source", "build", "find_dates", "load_chronology",
]
