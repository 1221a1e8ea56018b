"""D15: a full disk, a read-only or forbidden output end in one line, not a traceback,
and the previous output stays as it was."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from sitegen import cli
from sitegen.build import pipeline
from tests.system.conftest import mini_site, snapshot


@pytest.mark.parametrize(
    ("code", "hint"),
    [
        (errno.ENOSPC, "free some space"),
        (errno.EROFS, "writable disk"),
        (errno.EACCES, "you may write to"),
    ],
)
def test_system_failure_while_writing_is_one_line(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    hint: str,
) -> None:
    mini_site(tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["build"]) == 0
    before = snapshot(tmp_path / "output")
    capsys.readouterr()

    def fail(*args: object, **kwargs: object) -> tuple[str, ...]:
        raise OSError(code, os.strerror(code), str(tmp_path / "output" / "index.html"))

    monkeypatch.setattr(pipeline, "write_files", fail)
    monkeypatch.setattr(pipeline, "write_stories", fail)
    assert cli.main(["build"]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("sitegen: cannot write output/index.html: ") and hint in line
    assert snapshot(tmp_path / "output") == before
    assert not [p for p in tmp_path.iterdir() if "staging" in p.name]
