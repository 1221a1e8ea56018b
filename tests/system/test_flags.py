"""The usual flags (CONTRACT §2): --quiet, --verbose, --strict, --drafts, serve --open,
and every subcommand's --help."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sitegen.build.pipeline import build
from sitegen.cli import main, parser
from sitegen.content import load_site

COMMANDS = ("build", "check", "serve", "import", "new", "review")


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


@pytest.mark.parametrize("command", COMMANDS)
def test_every_subcommand_help_has_a_description_examples_and_exit_codes(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command, "--help"]) == 0
    shown = capsys.readouterr().out
    head, _, rest = shown.partition("\n\n")
    assert head.startswith(f"usage: sitegen {command}")
    description = rest.split("\n\n")[0]
    assert len(description.split()) >= 10, description
    examples = shown[shown.index("examples:") :]
    assert f"  sitegen {command}" in examples
    assert "exit status:" in shown
    for code in ("0  success", "1  content errors", "2  usage errors"):
        assert code in shown
    for flag in ("-q, --quiet", "-v, --verbose"):
        assert flag in shown


@pytest.mark.parametrize("command", ("build", "check", "serve"))
def test_strict_and_drafts_are_on_build_check_and_serve(command: str) -> None:
    args = parser().parse_args([command, "--strict", "--drafts"])
    assert args.strict and args.drafts


def test_quiet_build_and_check_print_nothing_on_stdout(
    small_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["build", "-q", "--content", str(small_site), "--output", str(out)]) == 0
    assert main(["check", "--quiet", "--content", str(small_site)]) == 0
    shown = capsys.readouterr()
    assert shown.out == "" and shown.err == ""
    assert (out / "index.html").is_file()
    # and without -q they say what they did
    assert main(["check", "--content", str(small_site)]) == 0
    assert "2 stories, no errors" in capsys.readouterr().out


def test_quiet_new_and_import_print_nothing_on_stdout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    content.mkdir()
    assert main(["new", "-q", "harbour-fire", "--content", str(content)]) == 0
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(
        "Harbour fire under control\n\nA fire broke out at the harbour on Monday.\n",
        encoding="utf-8",
    )
    code = main(["import", "-q", str(pasted), "--story", "harbour-fire", "--content", str(content)])
    assert code == 0
    assert capsys.readouterr().out == ""
    assert list((content / "harbour-fire").glob("*.md"))


def test_verbose_build_shows_each_stage_and_check_lists_the_stories(
    small_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["build", "-v", "--content", str(small_site), "--output", str(out)]) == 0
    shown = capsys.readouterr()
    for stage in ("loading", "analysing", "rendering"):
        assert f"{stage} 2/2 stories" in shown.err
    assert shown.out.startswith("built 2 stories")
    assert main(["check", "--verbose", "--content", str(small_site)]) == 0
    listed = capsys.readouterr().out
    assert "bridge-vote: 1 articles" in listed and "harbour-fire: 2 articles" in listed


DRAFT = """---
outlet: Example Wire
title: Not ready yet
draft: true
---
A fire broke out at the harbour on Monday, officials said.
"""


def test_a_draft_article_is_left_out_unless_drafts(small_site: Path) -> None:
    (small_site / "harbour-fire" / "wire.md").write_text(DRAFT, encoding="utf-8")
    story = next(s for s in load_site(small_site).stories if s.id == "harbour-fire")
    assert [a.id for a in story.articles] == ["daily", "gazette"]
    story = next(s for s in load_site(small_site, drafts=True).stories if s.id == "harbour-fire")
    assert [a.id for a in story.articles] == ["daily", "gazette", "wire"]


def test_a_draft_is_not_checked_until_it_is_built(small_site: Path) -> None:
    half_written = DRAFT.replace("title: Not ready yet\n", "")
    (small_site / "harbour-fire" / "wire.md").write_text(half_written, encoding="utf-8")
    assert main(["check", "-q", "--content", str(small_site)]) == 0
    assert main(["check", "-q", "--drafts", "--content", str(small_site)]) == 1


def test_a_draft_story_is_left_out_unless_drafts(small_site: Path, tmp_path: Path) -> None:
    (small_site / "bridge-vote" / "story.yaml").write_text("draft: true\n", encoding="utf-8")
    out = tmp_path / "out"
    build(small_site, out)
    index = json.loads((out / "api/index.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in index["stories"]] == ["harbour-fire"]
    assert (
        main(["build", "-q", "--drafts", "--content", str(small_site), "--output", str(out)]) == 0
    )
    index = json.loads((out / "api/index.json").read_text(encoding="utf-8"))
    assert [s["id"] for s in index["stories"]] == ["bridge-vote", "harbour-fire"]


def test_draft_must_be_true_or_false(small_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (small_site / "bridge-vote" / "story.yaml").write_text("draft: maybe\n", encoding="utf-8")
    assert main(["check", "--content", str(small_site)]) == 1
    assert "story.yaml:1: `draft` must be true or false" in capsys.readouterr().err


def test_serve_open_opens_the_browser_on_the_built_site_and_quiet_keeps_stdout_empty(
    small_site: Path, tmp_path: Path
) -> None:
    opened = tmp_path / "opened.txt"
    # webbrowser runs $BROWSER with the URL in place of %s: here, a script that notes it
    browser = tmp_path / "browser.py"
    browser.write_text(
        f"import sys, pathlib\npathlib.Path({str(opened)!r}).write_text(sys.argv[1])\n",
        encoding="utf-8",
    )
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sitegen",
            "serve",
            "-q",
            "--open",
            "--port=0",
            f"--content={small_site}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "BROWSER": f"{sys.executable} {browser} %s", "TMPDIR": str(tmp_path)},
    )
    try:
        deadline = time.monotonic() + 120  # a guard against a hung server, not a speed check
        while not opened.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        url = opened.read_text(encoding="utf-8")
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", url)
    finally:
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out == ""
