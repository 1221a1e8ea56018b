"""The benchmark corpus generator: deterministic, and content the loader accepts."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from sitegen.content import load_site
from sitegen.markdown import plain_text

ROOT = Path(__file__).resolve().parent.parent.parent


def _load_corpus_module():
    # benchmarks/ is not an installed package: load it from its file, whatever the cwd.
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "benchmarks/corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


corpus = _load_corpus_module()


def test_same_spec_gives_the_same_files() -> None:
    spec = corpus.Spec(stories=3, outlets=4, seed=7)
    assert list(corpus.generate(spec)) == list(corpus.generate(spec))


def test_another_seed_gives_other_text() -> None:
    a = dict(corpus.generate(corpus.Spec(stories=2, outlets=3, seed=1)))
    b = dict(corpus.generate(corpus.Spec(stories=2, outlets=3, seed=2)))
    assert a != b


def test_a_story_does_not_depend_on_how_many_stories_there_are() -> None:
    small = dict(corpus.generate(corpus.Spec(stories=2, outlets=3)))
    large = dict(corpus.generate(corpus.Spec(stories=5, outlets=3)))
    shared = [path for path in small if "/" in path]
    assert shared and all(small[p] == large[p] for p in shared)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("corpus") / "content"
    corpus.write(corpus.Spec(stories=4, outlets=6, seed=3), root)
    return load_site(root)


def test_loader_accepts_the_corpus(site) -> None:
    assert len(site.stories) == 4
    assert all(len(s.articles) == 6 for s in site.stories)
    assert {o.kind for o in site.outlets} >= {"agency"}


def test_articles_have_real_length(site) -> None:
    for story in site.stories:
        for article in story.articles:
            words = len(plain_text(article.id, article.body).text.split())
            assert 400 <= words <= 1600, (article.path, words)


def test_outlets_share_quotes_and_wire_copy(site) -> None:
    with_reuse = 0
    for story in site.stories:
        bodies = [a.body for a in story.articles]
        paragraphs = [set(b.split("\n\n")) for b in bodies]
        with_reuse += any(p & q for i, p in enumerate(paragraphs) for q in paragraphs[i + 1 :])
        assert any(mark in "".join(bodies) for mark in '“"‘'), story.id
    assert with_reuse >= len(site.stories) // 2  # wire paragraphs verbatim in two articles


@pytest.mark.parametrize(
    ("pattern", "what"),
    [
        (r"[“\"‘][^”\"’]+,[”\"’] \w[\w ]* (said|told|added)[^.]*\. [“\"‘]", "split quote"),
        (r"\d{1,3},\d{3}", "a number with thousands separator"),
        (r"\$\d+\.\d million", "money"),
        (r"\d+-\d+ in favour|\d+ votes to \d+", "a vote"),
        (
            r"(January|February|March|April|May|June|July|August|September|October"
            r"|November|December) \d{1,2}",
            "a date",
        ),
    ],
)
def test_corpus_has_the_shapes_analysis_must_handle(pattern: str, what: str) -> None:
    text = "\n".join(t for _, t in corpus.generate(corpus.Spec(stories=6, outlets=5)))
    assert re.search(pattern, text), what
