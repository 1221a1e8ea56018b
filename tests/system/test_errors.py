"""One error family: each kind a user can meet reaches the shell through main() as one
line that says what to do and an exit status, never a traceback."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest

from sitegen import cli
from sitegen.build import search
from sitegen.errors import ContentErrors, MissingPackage, SitegenError, UsageError


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = cli.main(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return status, err


def test_every_kind_is_a_sitegen_error() -> None:
    for kind in (ContentErrors, UsageError, MissingPackage, search.SearchIndexError):
        assert issubclass(kind, SitegenError)


def test_content_error_is_status_1_with_path_line_and_hint(
    small_site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (small_site / "harbour-fire" / "broken.md").write_text("---\ntitle: x\n---\nBody.\n")
    status, err = _run(["check", "--content", str(small_site)], capsys)
    assert status == 1
    assert "broken.md:" in err and "outlet" in err
    assert err.strip().endswith("1 content error; nothing was written")


def test_usage_error_is_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = _run(["build", "--no-such-flag"], capsys)
    assert status == 2
    assert "unrecognized arguments" in err


def test_unwritable_output_is_status_1_in_one_line(
    small_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    status, err = _run(
        ["build", "--content", str(small_site), "--output", str(blocker / "out")], capsys
    )
    assert status == 1
    assert len(err.strip().splitlines()) == 1 and err.startswith("sitegen: ")
    assert blocker.read_text() == "not a folder"


def test_failed_search_indexer_is_status_1_and_keeps_output(
    small_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise search.SearchIndexError("Pagefind failed: exit 3")

    monkeypatch.setattr("sitegen.build.pipeline.index_site", broken)
    status, err = _run(
        ["build", "--content", str(small_site), "--output", str(tmp_path / "out")], capsys
    )
    assert status == 1
    assert err.strip() == (
        "sitegen: Pagefind failed: exit 3; the previous output was left as it was"
    )
    assert not (tmp_path / "out").exists()


def test_a_missing_package_says_how_to_install_it(
    small_site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def no_trafilatura(name: str, *args: object, **kwargs: object) -> object:
        if name == "trafilatura" or name.startswith("trafilatura."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(__import__("sys").modules, "sitegen.ingest.importer", raising=False)
    monkeypatch.delitem(__import__("sys").modules, "sitegen.ingest.extract", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_trafilatura)
    page = small_site.parent / "page.html"
    page.write_text("<html><title>t</title><p>Text.</p></html>")
    status, err = _run(["import", str(page), "--story", "harbour-fire"], capsys)
    assert status == 1
    # trafilatura is a default dependency (`import` works after the Quick start install):
    # only a broken or older install lacks it
    assert err.strip() == "sitegen: this command needs the trafilatura package: " + (
        "install sitegen again with `python3 -m pip install -e .`"
    )
