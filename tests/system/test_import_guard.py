"""`import` and `new` write only in content/<story>/, never through a link (D1, D10),
read nothing before checking what it is (D8), and fail in one line (D15)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.system.conftest import mini_site, one_line_refusal, sitegen, snapshot

PASTED = (
    "Bridge reopens on Monday\n\nThe bridge over the harbour will reopen on Monday after two "
    "weeks of repairs, officials said.\n\nMore text about the bridge.\n"
)


@pytest.fixture
def work(tmp_path: Path) -> Path:
    root = tmp_path / "w"
    root.mkdir()
    (root / "a.txt").write_text(PASTED)
    (root / "victim.txt").write_text("precious file outside content\n")
    return root


def test_import_never_writes_through_a_planted_temporary_link(work: Path) -> None:
    story = work / "content" / "s"
    story.mkdir(parents=True)
    for name in (".bridge-reopens-on-monday.md.tmp", ".story.yaml.tmp"):
        (story / name).symlink_to(work / "victim.txt")
    run = sitegen(["import", "a.txt", "--story", "s", "--content", "content"], cwd=work)
    assert run.code == 0, run.err
    assert (work / "victim.txt").read_text() == "precious file outside content\n"
    written = {p.name for p in story.iterdir() if not p.is_symlink()}
    assert written == {"bridge-reopens-on-monday.md", ".imports.yaml"}  # the article, its source


def test_import_replaces_a_link_at_the_article_name_only_with_force(work: Path) -> None:
    story = work / "content" / "s"
    story.mkdir(parents=True)
    link = story / "bridge-reopens-on-monday.md"
    link.symlink_to(work / "victim.txt")
    args = ["import", "a.txt", "--story", "s", "--content", "content"]
    run = sitegen(args, cwd=work)
    assert run.code == 1 and "--force" in run.err and "Traceback" not in run.err
    assert link.is_symlink()
    run = sitegen([*args, "--force"], cwd=work)
    assert run.code == 0, run.err
    assert not link.is_symlink() and "harbour" in link.read_text()
    assert (work / "victim.txt").read_text() == "precious file outside content\n"


def _link_story_folder(work: Path) -> str:
    (work / "outside").mkdir()
    (work / "content").mkdir()
    (work / "content" / "s").symlink_to(work / "outside")
    return "content"


def _content_is_a_file(work: Path) -> str:
    (work / "afile").write_text("hi\n")
    return "afile"


@pytest.mark.parametrize("command", ["import", "new"])
@pytest.mark.parametrize(
    ("setup", "says"),
    [(_link_story_folder, "symbolic link"), (_content_is_a_file, "not a content folder")],
    ids=["story-folder-link", "content-is-a-file"],
)
def test_import_and_new_refuse_a_story_folder_not_their_own(
    work: Path, command: str, setup: Callable[[Path], str], says: str
) -> None:
    content = setup(work)
    before = snapshot(work)
    args = ["a.txt", "--story", "s"] if command == "import" else ["s"]
    line = one_line_refusal(sitegen([command, *args, "--content", content], cwd=work))
    assert says in line
    assert snapshot(work) == before


@pytest.mark.parametrize("command", ["import", "new"])
def test_overlong_story_id_is_a_usage_error(work: Path, command: str) -> None:
    ident = "x" * 300
    args = ["a.txt", "--story", ident] if command == "import" else [ident]
    run = sitegen([command, *args, "--content", "content"], cwd=work)
    assert run.code == 2 and "Traceback" not in run.err
    assert len(run.err.strip().splitlines()) == 1 and "at most 100" in run.err
    assert not (work / "content").exists()


def _import_refused(work: Path, source: str) -> str:
    args = ["import", source, "--story", "s", "--content", "content", "--new"]
    run = sitegen(args, cwd=work, timeout=20)
    assert run.code == 1 and "Traceback" not in run.err, run
    assert not (work / "content").exists()
    return run.err.splitlines()[0]


def test_import_refuses_a_device_before_reading_it(work: Path) -> None:
    assert "not a regular file" in _import_refused(work, "/dev/zero")


def test_import_refuses_a_fifo_without_waiting_for_it(work: Path) -> None:
    os.mkfifo(work / "pipe.html")
    assert "not a regular file" in _import_refused(work, "pipe.html")


def test_import_refuses_a_huge_file_by_its_size(work: Path) -> None:
    with open(work / "sparse.html", "wb") as f:
        f.truncate(1 << 30)  # sparse: no disk used, 1 GB if read
    assert "larger than 8 MiB" in _import_refused(work, "sparse.html")


def test_import_of_an_undefined_charset_fails_in_one_line(work: Path) -> None:
    (work / "bad.html").write_bytes(
        b'<html><head><meta charset="undefined"></head><body><p>caf\xe9 The bridge over the '
        b"harbour will reopen on Monday.</p></body></html>"
    )
    assert "undefined" in _import_refused(work, "bad.html")


def test_new_writes_only_its_story_yaml(tmp_path: Path) -> None:
    mini_site(tmp_path / "content")
    before = snapshot(tmp_path)
    run = sitegen(["new", "harbour-fire"], cwd=tmp_path)
    assert run.code == 0, run.err
    after = snapshot(tmp_path)
    assert set(after) - set(before) == {"content/harbour-fire", "content/harbour-fire/story.yaml"}
    assert all(after[k] == v for k, v in before.items())


def test_import_does_not_wait_on_a_fifo_planted_as_its_ledger(work: Path) -> None:
    story = work / "content" / "s"
    story.mkdir(parents=True)
    os.mkfifo(story / ".imports.yaml")
    run = sitegen(["import", "a.txt", "--story", "s", "--content", "content"], cwd=work, timeout=20)
    assert run.code == 0, run.err
    assert (story / "bridge-reopens-on-monday.md").is_file()
