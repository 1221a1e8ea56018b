"""Helpers for the hostile suite: run the real command line in a temp folder with a
temp HOME, and tell a foreseen failure (one line per problem, no traceback) apart."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ARTICLE

SENTENCE = "The bridge over the harbour will reopen on Monday after two weeks of repairs."


def run(cwd: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """``sitegen ARGS`` in ``cwd``, with HOME set to a folder inside it."""
    home = cwd / "home"
    home.mkdir(exist_ok=True)
    env = {**os.environ, "HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "sitegen", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def article(folder: Path, slug: str, front: str, body: str = SENTENCE) -> Path:
    """Write ``folder/slug.md`` with raw front-matter lines ``front`` (no fences)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    path.write_text(f"---\n{front.strip()}\n---\n{body}\n", encoding="utf-8")
    return path


def plain(folder: Path, slug: str, outlet: str, title: str, body: str = SENTENCE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    path.write_text(ARTICLE.format(outlet=outlet, title=title, body=body), encoding="utf-8")
    return path


def assert_content_errors(result: subprocess.CompletedProcess[str], *where: str) -> list[str]:
    """Exit 1, no traceback, and for each ``where`` (``"path:line"``) a line starting so."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    for place in where:
        assert any(line.startswith(place + ": ") for line in lines), (place, lines)
    return lines
