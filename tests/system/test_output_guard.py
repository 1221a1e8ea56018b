"""D1: a build replaces its output only where nothing of the user's can be lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitegen.build.pipeline import build
from sitegen.build.staging import staged
from sitegen.guard import MARKER, OutputRefused, check_output
from tests.system.conftest import mini_site, one_line_refusal, sitegen, snapshot


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A site's folder: content, notes of the user's, and the cwd of the command."""
    root = tmp_path / "proj"
    mini_site(root / "content")
    (root / "notes.txt").write_text("the user's own notes\n")
    return root


# The folders a build must never replace, whatever flag it is given. Relative to the
# project folder (the command's cwd); "~" is the fake home.
NEVER = {
    "content": "content",
    "inside content": "content/s",
    "the project (cwd)": ".",
    "a folder holding the project": "..",
    "home": "~",
}


@pytest.mark.parametrize("flag", [[], ["--overwrite-output"]], ids=["plain", "flag"])
@pytest.mark.parametrize("output", NEVER.values(), ids=NEVER.keys())
def test_output_never_replaces_content_project_or_home(
    tmp_path: Path, project: Path, fake_home: Path, output: str, flag: list[str]
) -> None:
    target = str(fake_home) if output == "~" else output
    before = snapshot(tmp_path)
    run = sitegen(["build", "--content", "content", "--output", target, *flag], cwd=project)
    line = one_line_refusal(run)
    assert line.startswith("sitegen: refusing to build into") and "output/" in line
    assert snapshot(tmp_path) == before  # not even a cache, lock or staging folder


def test_output_holding_the_content_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "d" / "site"
    mini_site(site / "content")
    before = snapshot(tmp_path)
    run = sitegen(["build", "--content", "site/content", "--output", "site"], cwd=tmp_path / "d")
    assert "holds the content folder" in one_line_refusal(run)
    assert snapshot(tmp_path) == before


def test_output_that_is_a_file_is_refused(tmp_path: Path, project: Path) -> None:
    before = snapshot(tmp_path)
    run = sitegen(["build", "--output", "notes.txt", "--overwrite-output"], cwd=project)
    assert "is a file, not a folder" in one_line_refusal(run)
    assert snapshot(tmp_path) == before


def test_unrelated_folder_needs_the_overwrite_flag(tmp_path: Path, project: Path) -> None:
    docs = project / "docs"
    docs.mkdir()
    (docs / "thesis.txt").write_text("three years of work\n")
    before = snapshot(tmp_path)
    run = sitegen(["build", "--output", "docs"], cwd=project)
    line = one_line_refusal(run)
    assert "did not write" in line and "--overwrite-output" in line
    assert snapshot(tmp_path) == before

    run = sitegen(["build", "--output", "docs", "--overwrite-output"], cwd=project)
    assert run.code == 0, run.err
    assert not (docs / "thesis.txt").exists()
    assert (docs / "index.html").is_file() and (docs / MARKER).is_file()


def test_link_to_a_protected_folder_is_judged_by_its_target(
    tmp_path: Path, project: Path, fake_home: Path
) -> None:
    (project / "site").symlink_to(fake_home)
    before = snapshot(tmp_path)
    run = sitegen(["build", "--output", "site", "--overwrite-output"], cwd=project)
    assert "home folder" in one_line_refusal(run)
    assert snapshot(tmp_path) == before


def test_output_through_a_loop_of_links_is_refused(tmp_path: Path, project: Path) -> None:
    (project / "l1").symlink_to("l2")
    (project / "l2").symlink_to("l1")
    before = snapshot(tmp_path)
    run = sitegen(["build", "--output", "l1/site"], cwd=project)
    assert "loop" in one_line_refusal(run)
    run = sitegen(["build", "--content", "l1"], cwd=project)  # the loader's to report
    assert run.code == 1 and "Traceback" not in run.err and "not found" in run.err
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("state", ["missing", "empty", "missing parents"])
def test_new_or_empty_output_is_built(project: Path, state: str) -> None:
    output = project / ("a/b/site" if state == "missing parents" else "site")
    if state == "empty":
        output.mkdir()
    run = sitegen(["build", "--output", str(output.relative_to(project))], cwd=project)
    assert run.code == 0, run.err
    assert json.loads((output / MARKER).read_text())["generator"] == "sitegen"


def test_sitegen_output_is_replaced_build_after_build(project: Path) -> None:
    for _ in range(2):
        run = sitegen(["build"], cwd=project)
        assert run.code == 0, run.err
    assert (project / "output" / "index.html").is_file()
    assert (project / "notes.txt").is_file()


def test_marker_makes_a_folder_replaceable_but_never_a_protected_one(
    tmp_path: Path, project: Path
) -> None:
    (project / "content" / MARKER).write_text('{"generator": "sitegen"}')
    with pytest.raises(OutputRefused):
        check_output(project / "content", project / "content", overwrite=True, cwd=tmp_path)
    with pytest.raises(OutputRefused, match="root folder"):
        check_output(Path("/"), project / "content", overwrite=True, cwd=project)
    marked = tmp_path / "marked"
    marked.mkdir()
    (marked / "page.html").write_text("old")
    (marked / MARKER).write_text('{"generator": "sitegen"}')
    check_output(marked, project / "content", cwd=project)


def test_a_linked_or_foreign_marker_does_not_count(tmp_path: Path, project: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "keep.txt").write_text("keep")
    elsewhere = tmp_path / "marker.json"
    elsewhere.write_text('{"generator": "sitegen"}')
    (folder / MARKER).symlink_to(elsewhere)
    with pytest.raises(OutputRefused):
        check_output(folder, project / "content", cwd=project)
    (folder / MARKER).unlink()
    (folder / MARKER).write_text('{"generator": "other"}')
    with pytest.raises(OutputRefused):
        check_output(folder, project / "content", cwd=project)


def test_output_of_an_older_build_without_marker_is_recognised(project: Path) -> None:
    assert sitegen(["build"], cwd=project).code == 0
    output = project / "output"
    (output / MARKER).unlink()  # as sitegen before the marker left it
    assert sitegen(["build"], cwd=project).code == 0
    assert (output / MARKER).is_file()

    (output / MARKER).unlink()
    (output / "my-draft.txt").write_text("not sitegen's")
    run = sitegen(["build"], cwd=project)
    assert "did not write" in one_line_refusal(run)
    assert (output / "my-draft.txt").is_file()


def test_guard_runs_again_at_the_swap(tmp_path: Path, project: Path) -> None:
    """A folder of the user's that appears at the output while the build runs stays."""
    output = tmp_path / "out"

    def guard() -> None:
        check_output(output, project / "content", cwd=project)

    with pytest.raises(OutputRefused), staged(output, guard=guard) as staging:
        (staging / "index.html").write_text("new site")
        output.mkdir()
        (output / "mine.txt").write_text("appeared meanwhile")
    assert (output / "mine.txt").read_text() == "appeared meanwhile"
    assert not any(p.name.startswith(".sitegen-staging") for p in tmp_path.iterdir())


def test_library_build_checks_before_any_work(
    tmp_path: Path, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    before = snapshot(tmp_path)
    with pytest.raises(OutputRefused):
        build(project / "content", project / "content")
    assert snapshot(tmp_path) == before
