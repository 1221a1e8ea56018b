"""Analysing stories in worker processes changes nothing in the output, byte for byte."""

from __future__ import annotations

import functools
import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

import sitegen.build.pipeline
from sitegen.build.analysis_cache import AnalysisCache
from sitegen.build.parallel import PARALLEL_MIN_STORIES, _worker_count, analyse_site
from sitegen.build.pipeline import build
from sitegen.content import load_site

ROOT = Path(__file__).resolve().parent.parent.parent


def _corpus_module():
    # benchmarks/ is not an installed package: load it from its file, whatever the cwd.
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks/corpus.py")
    assert spec is not None and spec.loader is not None
    module = sys.modules.get(spec.name) or importlib.util.module_from_spec(spec)
    if spec.name not in sys.modules:
        sys.modules[spec.name] = module  # dataclasses look their module up by name
        spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight synthetic stories of three outlets each, plus the real demo story."""
    root = tmp_path_factory.mktemp("parallel") / "content"
    corpus = _corpus_module()
    corpus.write(corpus.Spec(stories=8, outlets=3, seed=5), root)
    demo = ROOT / "content"
    for story in sorted(p for p in demo.iterdir() if p.is_dir()):
        shutil.copytree(story, root / story.name)
    return root


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_two_workers_give_the_same_analyses_as_one(content: Path) -> None:
    site = load_site(content)
    assert analyse_site(site, workers=2) == analyse_site(site, workers=1)


def test_two_workers_build_the_same_bytes_as_one(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outputs = {}
    for workers in (1, 2):
        monkeypatch.setattr(
            sitegen.build.pipeline, "analyse_site", functools.partial(analyse_site, workers=workers)
        )
        outputs[workers] = tmp_path / f"out-{workers}"
        build(content, outputs[workers], cache=AnalysisCache(None))
    one, two = tree(outputs[1]), tree(outputs[2])
    assert sorted(one) == sorted(two)
    assert [path for path in one if one[path] != two[path]] == []


def test_workers_with_a_warm_cache_reuse_it(content: Path) -> None:
    site = load_site(content)
    cache = AnalysisCache(None)
    first = analyse_site(site, cache=cache, workers=2)
    assert cache.computed == len(site.stories)
    assert analyse_site(site, cache=cache, workers=2) == first
    assert cache.computed == len(site.stories)


@pytest.mark.parametrize("keep", [True, False])
def test_workers_results_reach_the_disk_cache_as_a_single_process_reads_them(
    content: Path, tmp_path: Path, keep: bool
) -> None:
    # workers hand their analyses over encoded and the cache writes those bytes as
    # they are: a later build, in one process, must read every one of them back
    site = load_site(content)
    first = analyse_site(site, cache=AnalysisCache(tmp_path / "c", keep=keep), workers=2)
    later = AnalysisCache(tmp_path / "c", keep=keep)
    again = analyse_site(site, cache=later, workers=1)
    assert later.computed == 0
    assert again == first == analyse_site(site, workers=1)


def test_progress_is_reported_in_story_order(content: Path) -> None:
    site = load_site(content)
    seen: list[tuple[int, int]] = []
    analyse_site(site, on_story=lambda done, total: seen.append((done, total)), workers=2)
    total = len(site.stories)
    assert seen == [(done, total) for done in range(1, total + 1)]


@pytest.mark.parametrize(
    ("requested", "stories", "expected"),
    [
        (1, 50, 1),  # asked for one: one
        (4, 2, 2),  # never more workers than stories
        (2, 0, 1),
        (None, PARALLEL_MIN_STORIES - 1, 1),  # too few stories to pay for processes
    ],
)
def test_worker_count(requested: int | None, stories: int, expected: int) -> None:
    assert _worker_count(requested, stories) == expected
