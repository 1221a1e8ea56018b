"""The hostile suite: every test works in ``tmp_path`` with ``HOME`` set to a temp folder,
so a guard that failed could only ever touch a throwaway folder."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import write_article


@pytest.fixture(autouse=True)
def fake_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")  # beside tmp_path: tests may list tmp_path whole
    (home / ".profile").write_text("settings the user keeps\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("TMPDIR", raising=False)
    return home


def mini_site(root: Path) -> Path:
    """Two articles of one story, sharing a sentence."""
    body = "The bridge over the harbour will reopen on Monday after two weeks of repairs."
    write_article(root, "s", "alpha", "Alpha News", "Bridge reopens", body)
    write_article(root, "s", "beta", "Beta Post", "Harbour bridge to reopen", body)
    return root


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every file and link under ``root``: what a refused command must leave as it was."""
    found: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        key = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[key] = "-> " + str(path.readlink())
        elif path.is_file():
            found[key] = path.read_bytes()
        elif path.is_dir():
            found[key] = "dir"
    return found


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str


def sitegen(args: Sequence[str], cwd: Path, timeout: float = 120) -> Run:
    """``python -m sitegen ARGS`` in its own process (HOME is the test's fake home)."""
    done = subprocess.run(
        [sys.executable, "-m", "sitegen", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def one_line_refusal(run: Run) -> str:
    """The single stderr line of a refused command, after checking its shape."""
    assert run.code == 1, run
    assert "Traceback" not in run.err, run.err
    lines = run.err.strip().splitlines()
    assert len(lines) == 1, run.err
    return lines[0]
