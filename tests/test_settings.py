"""Strict settings: unknown keys and unknown outlets are warnings with PATH:LINE and the
nearest known name; --strict makes them errors on build, check and serve."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.build.analysis_cache import AnalysisCache
from sitegen.build.page_cache import PageCache
from sitegen.build.pipeline import build
from sitegen.cli import main
from sitegen.content import load_site
from sitegen.errors import ContentErrors
from sitegen.serve.server import rebuild


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def warnings_of(content: Path) -> list[str]:
    return [str(w) for w in load_site(content).warnings]


def test_an_unknown_site_key_is_a_warning_with_its_line_and_the_nearest_key(
    small_site: Path,
) -> None:
    (small_site / "site.yaml").write_text(
        "title: Coverage\nbaseurl: https://example.org/\n", encoding="utf-8"
    )
    [warning] = warnings_of(small_site)
    assert warning.endswith(
        "site.yaml:2: warning: unknown key 'baseurl' (hint: did you mean base_url?)"
    )


def test_an_unknown_story_key_names_the_known_ones_when_none_is_near(small_site: Path) -> None:
    (small_site / "bridge-vote" / "story.yaml").write_text(
        "title: Vote\nsumary: The council votes.\ncolour: red\n", encoding="utf-8"
    )
    assert [w.split("bridge-vote/")[1] for w in warnings_of(small_site)] == [
        "story.yaml:2: warning: unknown key 'sumary' (hint: did you mean summary?)",
        "story.yaml:3: warning: unknown key 'colour'"
        " (hint: known keys: title, date, summary, draft)",
    ]


def test_an_unknown_outlet_key_is_reported_at_its_own_line(small_site: Path) -> None:
    (small_site / "outlets.yaml").write_text(
        "daily-example:\n  name: Daily Example\n  contry: Norway\n"
        "example-gazette:\n  name: Example Gazette\n",
        encoding="utf-8",
    )
    [warning] = warnings_of(small_site)
    assert warning.endswith(
        "outlets.yaml:3: warning: unknown key 'contry' in outlet 'daily-example'"
        " (hint: did you mean country?)"
    )


def test_an_article_whose_outlet_is_unknown_is_a_warning(small_site: Path) -> None:
    path = small_site / "bridge-vote" / "daily.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("outlet: Daily Example", "outlet: Unknown"),
        encoding="utf-8",
    )
    [warning] = warnings_of(small_site)  # even without an outlets.yaml
    assert warning.endswith(
        "bridge-vote/daily.md:2: warning: the outlet is unknown ('Unknown')"
        " (hint: set `outlet:` to the name of the outlet that published the article)"
    )


def test_an_outlet_missing_from_the_registry_is_a_warning_with_the_nearest_name(
    small_site: Path,
) -> None:
    (small_site / "outlets.yaml").write_text(
        "daily-example:\n  name: Daily Example\nexample-gazette:\n  name: The Gazette\n",
        encoding="utf-8",
    )
    [warning] = warnings_of(small_site)
    assert warning.endswith(
        "harbour-fire/gazette.md:2: warning: outlet 'Example Gazette' is not in outlets.yaml"
        " (hint: did you mean The Gazette?)"
    )


def test_a_site_without_warnings_has_none(small_site: Path) -> None:
    assert warnings_of(small_site) == []


@pytest.fixture
def warned(small_site: Path) -> Path:
    (small_site / "site.yaml").write_text("titel: Coverage\n", encoding="utf-8")
    return small_site


def test_warnings_are_printed_but_pass_without_strict(
    warned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--content", str(warned)]) == 0
    assert main(["build", "-q", "--content", str(warned), "--output", str(tmp_path / "o")]) == 0
    shown = capsys.readouterr()
    assert shown.err.count("site.yaml:1: warning: unknown key 'titel'") == 2
    assert "1 warning (--strict makes them errors)" in shown.err


def test_strict_check_and_build_fail_on_warnings_and_write_nothing(
    warned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["check", "--strict", "--content", str(warned)]) == 1
    assert main(["build", "--strict", "--content", str(warned), "--output", str(out)]) == 1
    assert not out.exists()
    err = capsys.readouterr().err
    assert "site.yaml:1: warning: unknown key 'titel' (hint: did you mean title?)" in err
    assert "1 content error (warnings fail with --strict); nothing was written" in err
    with pytest.raises(ContentErrors):
        build(warned, out, strict=True)


def test_strict_serve_shows_warnings_as_errors(warned: Path, tmp_path: Path) -> None:
    site = tmp_path / "served"
    cache = AnalysisCache(None)
    outcome = rebuild(warned, site, cache, PageCache(None, site), strict=True)
    assert not outcome.ok
    assert any("unknown key 'titel'" in line for line in outcome.errors)
    assert rebuild(warned, site, cache, PageCache(None, site)).ok
