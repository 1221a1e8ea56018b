"""Search shards: stories dealt into Pagefind bundles, each re-indexed only when its
stories' pages change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitegen.build.pipeline import build
from sitegen.build.search import bundles
from sitegen.site.urls import MAX_SHARDS, SHARD_STORIES, shard_count, shard_of
from tests.build.test_pipeline import tree
from tests.conftest import write_article


@pytest.mark.parametrize(
    ("stories", "shards"),
    [(0, 1), (1, 1), (SHARD_STORIES, 1), (SHARD_STORIES + 1, 2), (10_000, MAX_SHARDS)],
)
def test_shard_count(stories: int, shards: int) -> None:
    assert shard_count(stories) == shards


def test_every_story_is_in_exactly_one_shard_and_stays_there() -> None:
    stories = [f"story-{i}" for i in range(100)]
    planned = bundles(stories)
    primary, shards = planned[0], planned[1:]
    assert primary.path == "pagefind/" and primary.stories == ()
    dealt = [s for shard in shards for s in shard.stories]
    assert sorted(dealt) == sorted(stories)
    assert len(shards) == shard_count(100)
    # the shard depends on the story's id and the shard count, not on the other stories
    assert bundles(stories[:50] + stories[51:])[1:] != shards
    count = shard_count(100)
    assert all(shard_of(s, count) == int(b.path.split("/")[-2]) for b in shards for s in b.stories)


def test_a_bundle_reads_its_stories_pages_but_no_claim_page(
    demo_content: Path, tmp_path: Path
) -> None:
    build(demo_content, tmp_path / "site")
    story = next(p.name for p in demo_content.iterdir() if p.is_dir())
    primary, shard = bundles([story])
    pages = shard.pages(tmp_path / "site")
    assert {p.split("/")[2] for p in pages} == {"index.html", "articles", "quotes", "speakers"}
    assert all(p.startswith(f"stories/{story}/") and p.endswith(".html") for p in pages)
    site_wide = primary.pages(tmp_path / "site")
    assert site_wide[0] == "index.html"
    assert all(p.startswith("outlets/") for p in site_wide[1:]) and len(site_wide) > 2


def _many_stories(content: Path, count: int) -> list[str]:
    names = [f"event-{i:02d}" for i in range(count)]
    for i, name in enumerate(names):
        write_article(
            content,
            name,
            "daily",
            "Daily Example",
            f"Event {i}",
            f"The council met on Monday to discuss plan number {i}, officials said.",
        )
    return names


def test_an_edit_reindexes_only_its_shard(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "out"
    names = _many_stories(content, SHARD_STORIES * 2)
    planned = bundles(names)
    assert len(planned) >= 3  # the primary and at least two shards
    build(content, output)
    before = {p: p.stat().st_ino for p in (output / "pagefind").rglob("*") if p.is_file()}
    edited = planned[1].stories[0]
    write_article(content, edited, "daily", "Daily Example", "Edited", "Zanzibarite plans.")
    build(content, output)

    def kept(bundle_path: str) -> bool:
        files = [p for p in before if p.is_relative_to(output / bundle_path)]
        return all(p.exists() and p.stat().st_ino == before[p] for p in files)

    assert not kept(planned[1].path)
    assert all(kept(b.path) for b in planned[2:])
    shard = output / planned[1].path
    meta = json.loads((shard / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert meta["languages"]  # a complete bundle
    fresh = tmp_path / "fresh"
    build(content, fresh)
    assert tree(output) == tree(fresh)
