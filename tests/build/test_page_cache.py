"""Per-story page reuse: unchanged stories are carried over from the output, never
re-rendered; everything else, and the result, is as a full build would make it."""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

import pytest

from sitegen.build import pipeline as build_module
from sitegen.build.analysis_cache import AnalysisCache
from sitegen.build.page_cache import PageCache
from sitegen.build.pipeline import build
from sitegen.site.render import load_theme
from tests.build.test_pipeline import tree
from tests.conftest import write_article

FIRE = "stories/harbour-fire/index.html"
BRIDGE = "stories/bridge-vote/index.html"


def inodes(root: Path) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_ino for p in root.rglob("*") if p.is_file()}


def story_inodes(root: Path, story: str) -> dict[str, int]:
    return {
        path: ino
        for path, ino in inodes(root).items()
        if path.startswith(f"stories/{story}/") or path == f"api/{story}.json"
    }


@pytest.fixture
def built(small_site: Path, tmp_path: Path) -> Path:
    output = tmp_path / "out"
    build(small_site, output)
    return output


def test_an_unchanged_site_carries_every_story_file(small_site: Path, built: Path) -> None:
    before = inodes(built)
    build(small_site, built)
    after = inodes(built)
    for story in ("harbour-fire", "bridge-vote"):
        carried = story_inodes(built, story)
        assert carried and all(before[path] == ino for path, ino in carried.items())
    # the site-wide pages are always rendered afresh
    assert after["index.html"] != before["index.html"]


def test_an_edit_rerenders_only_its_story_and_matches_a_full_build(
    small_site: Path, built: Path, tmp_path: Path
) -> None:
    bridge_before = story_inodes(built, "bridge-vote")
    fire_before = story_inodes(built, "harbour-fire")
    write_article(
        small_site,
        "harbour-fire",
        "gazette",
        "Example Gazette",
        "Harbour blaze",
        "A fire broke out at the harbour on Monday, officials said.\n\n"
        "Four warehouses were damaged.",
    )
    build(small_site, built)
    assert story_inodes(built, "bridge-vote") == bridge_before
    assert not set(story_inodes(built, "harbour-fire").values()) & set(fire_before.values())
    assert b"Four warehouses" in (built / "api/harbour-fire.json").read_bytes()
    fresh = tmp_path / "fresh"
    build(small_site, fresh, cache=AnalysisCache(None), pages=PageCache(None, fresh))
    assert tree(built) == tree(fresh)


def test_a_template_change_rerenders_every_story(
    small_site: Path, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = inodes(built)
    edited = dataclasses.replace(load_theme(None), digest="another template")
    monkeypatch.setattr(build_module, "load_theme", lambda content, language="en": edited)
    build(small_site, built)
    after = inodes(built)
    assert all(after[path] != before[path] for path in (FIRE, BRIDGE))


def test_a_hand_edited_output_file_is_rendered_again(small_site: Path, built: Path) -> None:
    page = built / FIRE
    original = page.read_bytes()
    page.write_bytes(b"edited by hand")
    bridge_before = story_inodes(built, "bridge-vote")
    build(small_site, built)
    assert page.read_bytes() == original
    assert story_inodes(built, "bridge-vote") == bridge_before


def test_a_removed_output_file_is_rendered_again(small_site: Path, built: Path) -> None:
    original = (built / FIRE).read_bytes()
    (built / FIRE).unlink()
    build(small_site, built)
    assert (built / FIRE).read_bytes() == original


def test_a_removed_story_leaves_no_pages_and_no_record(small_site: Path, built: Path) -> None:
    for path in (small_site / "bridge-vote").iterdir():
        path.unlink()
    (small_site / "bridge-vote").rmdir()
    build(small_site, built)
    assert not (built / "stories/bridge-vote").exists()
    records = PageCache.beside(small_site, built).folder
    assert records is not None
    assert sorted(p.stem for p in records.glob("*.json")) == ["harbour-fire", "search", "search.0"]


def test_records_are_per_output_folder(small_site: Path, built: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    build(small_site, other)
    # nothing is linked across output folders: each has its own files
    assert not set(inodes(other).values()) & set(inodes(built).values())
    assert tree(other) == tree(built)


def test_a_damaged_record_is_reported_and_the_story_rendered(small_site: Path, built: Path) -> None:
    records = PageCache.beside(small_site, built).folder
    assert records is not None
    (records / "harbour-fire.json").write_text("{not json", encoding="utf-8")
    before = story_inodes(built, "harbour-fire")
    with pytest.warns(UserWarning, match="damaged page record"):
        build(small_site, built)
    assert not set(story_inodes(built, "harbour-fire").values()) & set(before.values())


def test_a_rebuild_reads_no_analysis_of_a_carried_story(
    small_site: Path, built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the home and outlet pages come from the digests kept in the page records: a large
    # site must not read every story's analysis back from disk after each edit
    read: list[str] = []
    real = AnalysisCache.get

    def spy(self: AnalysisCache, story: str, key: str) -> object:
        read.append(story)
        return real(self, story, key)

    monkeypatch.setattr(AnalysisCache, "get", spy)
    before = tree(built)
    build(small_site, built, cache=AnalysisCache.beside(small_site, keep=False))
    assert read == []
    assert tree(built) == before


def test_a_damaged_digest_is_reported_and_the_story_rendered(small_site: Path, built: Path) -> None:
    records = PageCache.beside(small_site, built).folder
    assert records is not None
    path = records / "harbour-fire.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "view": ["three"]}), encoding="utf-8")
    before = story_inodes(built, "harbour-fire")
    with pytest.warns(UserWarning, match="damaged page record of story harbour-fire"):
        build(small_site, built)
    assert not set(story_inodes(built, "harbour-fire").values()) & set(before.values())
    assert json.loads(path.read_text(encoding="utf-8"))["view"] != ["three"]


def test_without_search_the_previous_index_is_carried(small_site: Path, built: Path) -> None:
    entry = built / "pagefind" / "pagefind-entry.json"
    before = entry.stat().st_ino
    build(small_site, built, search=False)
    assert entry.stat().st_ino == before


def test_without_search_and_no_previous_index_the_site_is_indexed(
    small_site: Path, tmp_path: Path
) -> None:
    output = tmp_path / "new"
    build(small_site, output, search=False)
    assert (output / "pagefind" / "pagefind.js").is_file()


def test_the_old_output_keeps_its_bytes_while_a_build_reuses_it(
    small_site: Path, built: Path, tmp_path: Path
) -> None:
    # A hard link shares the file: if a build ever wrote into a carried file, the
    # previous site (still served during the build) would change under the reader.
    keep = tmp_path / "keep"
    os.link(built / BRIDGE, keep)
    original = keep.read_bytes()
    build(small_site, built)
    build(small_site, built, search=False)
    assert keep.read_bytes() == original == (built / BRIDGE).read_bytes()
