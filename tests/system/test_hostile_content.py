"""Hostile or broken content that `check` must report and `build` refuse: one line per
problem with its path and line, exit 1, no traceback, nothing changed anywhere, the
previous output intact (D5, D8, D11, D18, D20)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from sitegen.content import load_site
from sitegen.errors import ContentErrors
from tests.system.conftest import mini_site, sitegen, snapshot

Spoil = Callable[[Path, Path], None]  # (content folder, a folder outside it)


def _date(value: str) -> Spoil:
    def spoil(content: Path, outside: Path) -> None:
        path = content / "s" / "alpha.md"
        path.write_text(path.read_text().replace("published: 2025-12-14", f"published: {value}"))

    return spoil


def _deep_front_matter(content: Path, outside: Path) -> None:
    path = content / "s" / "alpha.md"
    deep = "[" * 500 + "]" * 500
    path.write_text(path.read_text().replace("published:", f"x: {deep}\npublished:"))


def _link(name: str, target: Callable[[Path, Path], Path]) -> Spoil:
    def spoil(content: Path, outside: Path) -> None:
        (content / name).unlink(missing_ok=True)
        (content / name).symlink_to(target(content, outside))

    return spoil


def _loop(content: Path, outside: Path) -> None:
    (content / "s" / "l1.md").symlink_to("l2.md")
    (content / "s" / "l2.md").symlink_to("l1.md")


def _fifo(name: str) -> Spoil:
    def spoil(content: Path, outside: Path) -> None:
        os.mkfifo(content / name)

    return spoil


def _long_story_id(content: Path, outside: Path) -> None:
    (content / "s").rename(content / ("s" * 250))


def _story_without_articles(content: Path, outside: Path) -> None:
    (content / "harbour-fire").mkdir()
    (content / "harbour-fire" / "story.yaml").write_text("title: Harbour fire\n")
    (content / "harbour-fire" / "alpha.markdown").write_text(
        (content / "s" / "alpha.md").read_text()
    )


def _outlet_fields(content: Path, outside: Path) -> None:
    (content / "outlets.yaml").write_text(
        'reuters:\n  name: Reuters\n  kind: agency\n  country: [UK, US]\n  url: "javascript:x"\n'
    )


def _outside_yaml(content: Path, outside: Path) -> Path:
    (outside / "outside.yaml").write_text('title: "Title read from outside"\n')
    return outside / "outside.yaml"


CASES: dict[str, tuple[Spoil, list[str]]] = {
    # D5: accepted by check, then a traceback in build
    "far future date": (_date("9999-12-31"), [r"s/alpha\.md:\d+: `published` is out of range"]),
    "far past date": (_date("0001-01-01T00:00:00+14:00"), [r"`published` is out of range"]),
    "deep YAML": (_deep_front_matter, [r"s/alpha\.md:\d+: YAML nested more than"]),
    "symlink loop": (_loop, [r"s/l1\.md:1: symbolic link loops", r"s/l2\.md:1: symbolic"]),
    "dangling symlink": (
        _link("s/gone.md", lambda c, o: c / "missing.md"),
        [r"s/gone\.md:1: symbolic link leads nowhere"],
    ),
    "250-character story id": (_long_story_id, [r"story id is 250 characters long"]),
    # D8: a FIFO hung check and build
    "FIFO article": (_fifo("s/pipe.md"), [r"s/pipe\.md:1: file is not a regular file"]),
    "FIFO outlets.yaml": (_fifo("outlets.yaml"), [r"outlets\.yaml:1: file is not a regular"]),
    # D11: site.yaml and outlets.yaml were read through links leading outside
    "site.yaml linked outside": (
        _link("site.yaml", _outside_yaml),
        [r"site\.yaml:1: symbolic link leads outside the content folder"],
    ),
    "outlets.yaml linked outside": (
        _link("outlets.yaml", _outside_yaml),
        [r"outlets\.yaml:1: symbolic link leads outside the content folder"],
    ),
    # D18: a story folder with no article vanished without a word
    "story with no .md": (
        _story_without_articles,
        [r"harbour-fire:0: story folder has no article \(\.md\) files.*alpha\.markdown"],
    ),
    # D20: an outlet's field problems were reported at the outlet's line
    "outlet field lines": (
        _outlet_fields,
        [r"outlets\.yaml:4: `country` must be text", r"outlets\.yaml:5: `url` must be"],
    ),
}


@pytest.mark.parametrize(("spoil", "expected"), CASES.values(), ids=CASES.keys())
def test_hostile_content_fails_in_one_line_per_problem(
    tmp_path: Path, spoil: Spoil, expected: list[str]
) -> None:
    mini_site(tmp_path / "content")
    outside = tmp_path / "outside"
    outside.mkdir()
    assert sitegen(["build"], cwd=tmp_path).code == 0  # the previous output
    spoil(tmp_path / "content", outside)
    before = snapshot(tmp_path)
    for command in ("check", "build"):
        run = sitegen([command], cwd=tmp_path, timeout=30)  # a FIFO hung for ever
        assert run.code == 1, (command, run)
        assert "Traceback" not in run.err, run.err
        lines = run.err.strip().splitlines()
        assert lines[-1].endswith("; nothing was written"), lines
        for pattern in expected:
            assert any(re.search(pattern, line) for line in lines[:-1]), (pattern, lines)
        assert snapshot(tmp_path) == before, command


def test_outlet_name_of_250_characters_builds(tmp_path: Path) -> None:
    content = mini_site(tmp_path / "content")
    path = content / "s" / "alpha.md"
    path.write_text(path.read_text().replace("Alpha News", "Verylongoutletname" * 15))
    run = sitegen(["build"], cwd=tmp_path)
    assert run.code == 0, run.err
    (folder,) = [p for p in (tmp_path / "output" / "outlets").iterdir() if p.name.startswith("v")]
    assert len(folder.name) <= 80


def test_a_year_far_away_in_the_text_does_not_crash_the_analysis(tmp_path: Path) -> None:
    content = mini_site(tmp_path / "content")
    path = content / "s" / "alpha.md"
    path.write_text(
        path.read_text() + "\nThe deal runs until Friday, December 31, 9999, and on Monday.\n"
    )
    run = sitegen(["build"], cwd=tmp_path)
    assert run.code == 0, run.err


def test_check_reports_an_empty_story_as_an_error(tmp_path: Path) -> None:
    content = mini_site(tmp_path / "content")
    (content / "draft").mkdir()
    with pytest.raises(ContentErrors, match="no article"):
        load_site(content)
    (content / "draft").rename(content / "_draft")  # the documented way to park a draft
    assert [s.id for s in load_site(content).stories] == ["s"]
