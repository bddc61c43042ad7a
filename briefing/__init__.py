"""briefing: a folder of sources in, a dated chronology out, as a briefing and a timeline.

The public API is what this package exposes: `build`, `Settings`, `load_chronology`, the date
parser entry point `find_dates` and the model types. They are imported on first use, so that
`briefing --help` does not pay for the readers and renderers.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Chronology": "briefing.model", "Citation": "briefing.model",
    "DateMention": "briefing.model", "DateValue": "briefing.model", "Event": "briefing.model",
    "Precision": "briefing.model", "Problem": "briefing.model", "Source": "briefing.model",
    "find_dates": "briefing.dates",
    "BuildResult": "briefing.pipeline", "Settings": "briefing.pipeline",
    "build": "briefing.pipeline", "load_chronology": "briefing.pipeline",
}

if TYPE_CHECKING:
    from briefing.dates import find_dates
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


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        value = getattr(import_module(_EXPORTS[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'briefing' has no attribute {name!r}")


__all__ = [
    "BuildResult", "Chronology", "Citation", "DateMention", "DateValue", "Event", "Precision",
    "Problem", "Settings", "Source", "build", "find_dates", "load_chronology",
]
