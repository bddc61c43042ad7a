"""Jinja2 environment for the HTML templates: user folders override the bundled ones."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

BUNDLED_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


def template_dirs(user_dirs: Sequence[Path] = ()) -> list[Path]:
    """Folders searched for templates and their assets, first match wins."""
    return [Path(d).resolve() for d in user_dirs] + [BUNDLED_TEMPLATES]


def environment(user_dirs: Sequence[Path] = ()) -> SandboxedEnvironment:
    """A sandboxed, autoescaping environment: source text can never inject markup.

    A user's template is looked up first; ``{% extends "!default/timeline.html" %}`` reaches
    the bundled template of the same name, so an override can change one block only.
    """
    loader = ChoiceLoader([
        PrefixLoader({"!default": FileSystemLoader(BUNDLED_TEMPLATES)}, delimiter="/"),
        *(FileSystemLoader(d) for d in template_dirs(user_dirs)),
    ])
    env = SandboxedEnvironment(
        loader=loader, autoescape=True, undefined=StrictUndefined,
        trim_blocks=True, lstrip_blocks=True,
    )
    return env


def render_html(kind: str, context: dict[str, Any], user_dirs: Sequence[Path] = ()) -> str:
    """Render ``<kind>.html`` (briefing or timeline) with the view model in `context`."""
    return environment(user_dirs).get_template(f"{kind}.html").render(**context)
