"""Whole builds of small fixture sites: export shape, determinism, atomicity, exit codes."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pytest

import sitegen.build.pipeline
from sitegen.build.pipeline import build
from sitegen.cli import main
from sitegen.errors import ContentErrors


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_build_writes_pages_and_the_contract_export(small_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = build(small_site, out)
    assert (report.stories, report.articles) == (2, 3)
    assert (out / "index.html").is_file()
    assert (out / "stories/harbour-fire/index.html").is_file()
    assert (out / "stories/harbour-fire/articles/daily/index.html").is_file()

    index = json.loads((out / "api/index.json").read_text(encoding="utf-8"))
    assert index == {
        "stories": [
            {
                "id": "bridge-vote",
                "title": "Council backs bridge",
                "articles": 1,
                "url": "stories/bridge-vote/",
            },
            {
                "id": "harbour-fire",
                "title": "Fire at the harbour",
                "articles": 2,
                "url": "stories/harbour-fire/",
            },
        ]
    }
    story = json.loads((out / "api/harbour-fire.json").read_text(encoding="utf-8"))
    assert list(story)[:6] == ["id", "title", "articles", "quotes", "claims", "divergences"]
    first = story["articles"][0]
    assert {k: first[k] for k in ("id", "outlet", "title", "url", "published")} == {
        "id": "daily",
        "outlet": "Daily Example",
        "title": "Fire at the harbour",
        "url": None,
        "published": "2025-12-14",
    }
    assert first["text"] == (
        "A fire broke out at the harbour on Monday, officials said.\n\n"
        "“We have it under control,” fire chief Anna Berg told reporters."
    )
    for key in ("quotes", "claims", "divergences"):
        assert isinstance(story[key], list)


def test_two_builds_are_byte_identical(demo_content: Path, tmp_path: Path) -> None:
    build(demo_content, tmp_path / "one")
    build(demo_content, tmp_path / "two")
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert one.keys() == two.keys() and len(one) > 5
    assert one == two


def test_failed_build_leaves_previous_output_untouched(small_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(small_site, out)
    before = tree(out)
    (small_site / "harbour-fire" / "daily.md").write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(ContentErrors):
        build(small_site, out)
    assert tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if "staging" in p.name) == []


def test_rebuild_replaces_output_and_drops_stale_pages(small_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(small_site, out)
    (small_site / "bridge-vote" / "daily.md").unlink()
    (small_site / "bridge-vote").rmdir()
    build(small_site, out)
    assert not (out / "stories/bridge-vote").exists()
    assert (out / "stories/harbour-fire/index.html").is_file()


def test_a_build_hands_its_frozen_objects_back_to_the_collector(
    small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the build freezes the loaded site for speed; a long-running serve must get every
    # object back, after a good build and after a failed one alike
    frozen_while_rendering = []
    real = sitegen.build.pipeline.write_stories

    def spy(*args: object) -> object:
        frozen_while_rendering.append(gc.get_freeze_count())
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(sitegen.build.pipeline, "write_stories", spy)
    build(small_site, tmp_path / "out")
    assert frozen_while_rendering[0] > 0
    assert gc.get_freeze_count() == 0
    (small_site / "harbour-fire" / "daily.md").write_text("no front matter\n", encoding="utf-8")
    with pytest.raises(ContentErrors):
        build(small_site, tmp_path / "out")
    assert gc.get_freeze_count() == 0


def test_article_text_is_escaped_in_pages(tmp_path: Path) -> None:
    from tests.conftest import write_article

    content = tmp_path / "content"
    write_article(
        content,
        "s",
        "a",
        "<b>Outlet</b>",
        "<script>alert(1)</script>",
        "Text <img src=x onerror=alert(1)> and [link](javascript:alert(2)).",
    )
    out = tmp_path / "out"
    build(content, out)
    html = (out / "stories/s/articles/a/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "javascript:" not in html.replace("[link](javascript:alert(2))", "")


def test_cli_exit_codes(
    small_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["build", "--content", str(small_site), "--output", str(out)]) == 0
    assert "built 2 stories, 3 articles" in capsys.readouterr().out
    assert main(["check", "--content", str(small_site)]) == 0
    assert main(["build", "--no-such-flag"]) == 2
    assert main([]) == 2
    assert main(["--version"]) == 0
    assert main(["check", "--content", str(tmp_path / "missing")]) == 1


def test_check_reports_three_broken_files_and_build_keeps_output(
    small_site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["build", "--content", str(small_site), "--output", str(out)]) == 0
    before = tree(out)
    story = small_site / "harbour-fire"
    (story / "daily.md").write_text("---\noutlet: X\n---\nBody\n", encoding="utf-8")
    (story / "gazette.md").write_bytes(b"---\noutlet: X\ntitle: T\n---\ncaf\xe9\n")
    (small_site / "bridge-vote" / "daily.md").write_text(
        "---\noutlet: X\ntitle: T\npublished: 2025-02-30\n---\nBody\n", encoding="utf-8"
    )
    capsys.readouterr()

    assert main(["check", "--content", str(small_site)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert any(
        line.endswith(
            "daily.md:1: missing `title` (hint: give the article's headline, e.g. `title: ...`)"
        )
        and "harbour-fire" in line
        for line in err
    )
    assert any("gazette.md:5: file is not UTF-8 text" in line for line in err)
    assert any(
        "bridge-vote" in line and "daily.md:4: `published` is not a valid date" in line
        for line in err
    )

    assert main(["build", "--content", str(small_site), "--output", str(out)]) == 1
    assert tree(out) == before
