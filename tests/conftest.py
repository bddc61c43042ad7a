"""Shared fixtures: the demo sources, a runner for the real CLI, tiny source folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO_SOURCES = ROOT / "sources"


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without any BRIEFING_* setting, plus `extra`: a developer's
    own configuration never leaks into a test."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("BRIEFING_")}
    env.update(extra)
    return env


def run_cli(*args: str, stdin: str | None = None, cwd: Path | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `briefing ARGS…` as a user would, in a separate process (clean environment unless
    `env` is given)."""
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args], input=stdin, capture_output=True,
        text=True, cwd=cwd, env=env if env is not None else clean_env(), timeout=300,
        check=False,
    )


def write_tree(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Create `folder` holding the given files ({relative name: content})."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def demo_out(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """`briefing make` (all formats, all kinds) run once on the demo sources."""
    out = tmp_path_factory.mktemp("out")
    result = run_cli("make", "--sources", str(DEMO_SOURCES), "--out", str(out))
    return out, result
