"""The per-story analysis cache: what changes a key, what is reused, what survives a restart."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import date
from pathlib import Path

import pytest

import sitegen.build.parallel
from sitegen import __version__
from sitegen.analysis.stage import analyse_story
from sitegen.build.analysis_cache import AnalysisCache, code_version, story_key
from sitegen.build.parallel import analyse_site
from sitegen.build.pipeline import build
from sitegen.content import load_site
from sitegen.files import tree_hash
from sitegen.model import Site, SiteConfig, Story


class Counting:
    """analyse_story that records which stories it was asked to analyse."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, story: Story):
        self.calls.append(story.id)
        return analyse_story(story)


@pytest.fixture
def compute(monkeypatch: pytest.MonkeyPatch) -> Counting:
    counting = Counting()
    monkeypatch.setattr(sitegen.build.parallel, "analyse_story", counting)
    return counting


def analyse_all(site: Site, cache: AnalysisCache):
    return analyse_site(site, cache=cache, workers=1)


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_unchanged_stories_are_analysed_once(small_site: Path, compute: Counting) -> None:
    site = load_site(small_site)
    cache = AnalysisCache(None)
    first = analyse_all(site, cache)
    again = analyse_all(load_site(small_site), cache)
    assert compute.calls == ["bridge-vote", "harbour-fire"]
    assert again == first == analyse_site(site)
    assert cache.computed == 2


def test_only_the_edited_story_is_analysed_again(small_site: Path, compute: Counting) -> None:
    cache = AnalysisCache(None)
    analyse_all(load_site(small_site), cache)
    article = small_site / "harbour-fire" / "gazette.md"
    article.write_text(article.read_text() + "\nFour ships left port.\n", encoding="utf-8")
    site = load_site(small_site)
    compute.calls.clear()
    analyses = analyse_all(site, cache)
    assert compute.calls == ["harbour-fire"]
    assert analyses == analyse_site(site)


def test_configuration_change_invalidates_every_story(small_site: Path, compute: Counting) -> None:
    cache = AnalysisCache(None)
    analyse_all(load_site(small_site), cache)
    (small_site / "outlets.yaml").write_text("daily:\n  name: Daily\n", encoding="utf-8")
    analyse_all(load_site(small_site), cache)
    assert compute.calls == ["bridge-vote", "harbour-fire"] * 2


def test_disk_entries_survive_a_new_process_and_a_moved_folder(
    small_site: Path, tmp_path: Path, compute: Counting
) -> None:
    folder = tmp_path / "cache"
    first = analyse_all(load_site(small_site), AnalysisCache(folder))
    moved = shutil.copytree(small_site, tmp_path / "elsewhere")
    compute.calls.clear()
    again = analyse_all(load_site(moved), AnalysisCache(folder))
    assert compute.calls == []
    assert again == first


def test_a_new_code_version_is_a_miss(small_site: Path, tmp_path: Path, compute: Counting) -> None:
    site = load_site(small_site)
    analyse_all(site, AnalysisCache(tmp_path / "cache", code="1"))
    compute.calls.clear()
    analyse_all(site, AnalysisCache(tmp_path / "cache", code="2"))
    assert compute.calls == ["bridge-vote", "harbour-fire"]


def test_a_damaged_entry_is_reported_and_rebuilt(
    small_site: Path, tmp_path: Path, compute: Counting
) -> None:
    site = load_site(small_site)
    folder = tmp_path / "cache"
    analyse_all(site, AnalysisCache(folder))
    entry = folder / "harbour-fire.json"
    entry.write_bytes(entry.read_bytes().split(b"\n", 1)[0] + b"\n\x80\x05garbage")
    compute.calls.clear()
    with pytest.warns(UserWarning, match="damaged cache entry"):
        # found when the analysis is read, not before: a build whose pages are carried
        # over decodes no entry at all
        analyses = tuple(analyse_all(site, AnalysisCache(folder)))
    assert compute.calls == ["harbour-fire"]
    assert analyses == analyse_site(site)
    assert analyse_all(site, AnalysisCache(folder)) == analyses


def test_an_entry_for_another_key_is_never_decoded(
    small_site: Path, tmp_path: Path, compute: Counting
) -> None:
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / "bridge-vote.json").write_bytes(b"not-this-key\nnot JSON at all")
    analyse_all(load_site(small_site), AnalysisCache(folder))
    assert compute.calls == ["bridge-vote", "harbour-fire"]


def test_the_default_cache_lives_beside_the_content_folder(tmp_path: Path) -> None:
    cache = AnalysisCache.beside(tmp_path / "content")
    assert cache.folder == tmp_path.resolve() / ".sitegen-cache" / "content"


def test_code_version_names_the_release_and_changes_with_any_file(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    before = tree_hash(tmp_path)
    (tmp_path / "words.txt").write_text("said\n")
    assert before != tree_hash(tmp_path)
    assert code_version().startswith(__version__ + "+")


STORY_EDITS = [
    ("body", "A different body."),
    ("title", "Another headline"),
    ("outlet", "Another Outlet"),
    ("url", "https://example.org/x"),
    ("published", date(2025, 1, 2)),
    ("language", "de"),
    ("translated_from", "fr"),
    ("extra", (("byline", "Staff"),)),
    ("body_line", 9),
]


@pytest.mark.parametrize(("field", "value"), STORY_EDITS)
def test_every_article_field_is_part_of_the_key(small_site: Path, field: str, value) -> None:
    site = load_site(small_site)
    story = site.stories[1]
    edited = dataclasses.replace(story.articles[0], **{field: value})
    other = dataclasses.replace(story, articles=(edited, *story.articles[1:]))
    assert story_key(site, story, "v") != story_key(site, other, "v")


@pytest.mark.parametrize(
    "change",
    [
        {"title": "Other title"},
        {"summary": "A summary."},
        {"date": date(2025, 3, 4)},
    ],
)
def test_story_metadata_and_config_are_part_of_the_key(small_site: Path, change: dict) -> None:
    site = load_site(small_site)
    story = site.stories[0]
    assert story_key(site, story, "v") != story_key(site, dataclasses.replace(story, **change), "v")
    other_site = dataclasses.replace(site, config=SiteConfig(title="Other"))
    assert story_key(site, story, "v") != story_key(other_site, story, "v")


def test_cached_build_is_byte_identical_to_an_uncached_one(small_site: Path, tmp_path: Path):
    cache = AnalysisCache(tmp_path / "cache")
    build(small_site, tmp_path / "cold", cache=cache)
    build(small_site, tmp_path / "warm", cache=cache)
    build(small_site, tmp_path / "fresh", cache=AnalysisCache(None))
    assert cache.computed == 2
    assert tree(tmp_path / "warm") == tree(tmp_path / "cold") == tree(tmp_path / "fresh")


def test_a_cache_that_keeps_nothing_reads_each_analysis_when_asked(
    small_site: Path, tmp_path: Path, compute: Counting
) -> None:
    site = load_site(small_site)
    kept = analyse_all(site, AnalysisCache(tmp_path / "kept"))
    lean = AnalysisCache(tmp_path / "lean", keep=False)
    analyses = analyse_all(site, lean)
    assert lean._memory == {}  # nothing held once analysed
    assert analyses == kept == tuple(kept) and list(analyses) == list(kept)
    assert analyses[:1] == (kept[0],)
    assert lean._memory == {}  # nor after every analysis was read
    assert compute.calls == sorted(s.id for s in site.stories) * 2
    analyse_all(site, lean)  # warm: nothing analysed again, nothing decoded to know it
    assert len(compute.calls) == 2 * len(site.stories)


def test_a_large_site_builds_the_same_with_analyses_left_on_disk(
    small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(small_site, tmp_path / "kept")
    monkeypatch.setattr(sitegen.build.parallel, "KEEP_TEXT", 0)
    assert not sitegen.build.parallel.keeps_in_memory(load_site(small_site))
    shutil.rmtree(small_site.parent / ".sitegen-cache")
    build(small_site, tmp_path / "lean")
    assert tree(tmp_path / "lean") == tree(tmp_path / "kept")
