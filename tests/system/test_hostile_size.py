"""Work bounded per article and per story (issue 14: D2, D2b, D22).

No clock: the analysis and the article page of a crafted article are traced, and the
Python lines they execute must grow in proportion to the article (twice the text, at most
about twice the lines), where they grew with its square. Past the documented limits,
loading fails with one content error per cause, before any analysis."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import sitegen
from sitegen.analysis.sentences import MAX_SENTENCE, segment
from sitegen.analysis.stage import analyse_story
from sitegen.content import (
    MAX_ARTICLE_BYTES,
    MAX_STORY_ARTICLES,
    load_site,
)
from sitegen.markdown import plain_text
from sitegen.site.safe_html import QuoteMark, article_html
from tests.system.hostile_text_support import SENTENCE, assert_content_errors, plain, run

PACKAGE = str(Path(sitegen.__file__).parent)


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """HOME in the test's temp folder, for whatever the code under test may write."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def _lines_run(work: Callable[[], Any]) -> int:
    """How many lines of sitegen's own code ``work`` executes (deterministic)."""
    count = 0

    def local(frame: FrameType, event: str, arg: object) -> object:
        nonlocal count
        if event == "line":
            count += 1
        return local

    def call(frame: FrameType, event: str, arg: object) -> object:
        return local if frame.f_code.co_filename.startswith(PACKAGE) else None

    sys.settrace(call)
    try:
        work()
    finally:
        sys.settrace(None)
    return count


def _story(tmp_path: Path, name: str, extra: str):  # type: ignore[no-untyped-def]
    content = tmp_path / name
    plain(content / "s", "alpha", "Alpha News", "Bridge reopens", SENTENCE + "\n\n" + extra)
    plain(content / "s", "beta", "Beta Post", "Harbour bridge", SENTENCE)
    return load_site(content).stories[0]


def _analyse_and_render(story) -> None:  # type: ignore[no-untyped-def]
    analysis = analyse_story(story)
    quotes = [
        QuoteMark(o.start, o.end, o.speaker, "q.html")
        for q in analysis.quotes
        for o in q.occurrences
        if o.article == "alpha"
    ]
    article_html(analysis.text_of("alpha"), analysis.sentences_of("alpha"), {}, quotes)


@pytest.mark.parametrize(
    "unit",
    [
        "on Monday 3 March 2025 ",  # dates and numbers, no full stop
        "\u201ca\u201d ",  # tiny quotations, no full stop
        "\u201cWe will rebuild it,\u201d said Ana Lima on 3 March ",  # quotes, verbs, dates
        "\u201ca.\u201d ",  # a quotation a sentence
    ],
)
def test_d2_crafted_article_work_grows_linearly(tmp_path: Path, unit: str) -> None:
    small = _story(tmp_path, "small", unit * (3000 // len(unit)))
    large = _story(tmp_path, "large", unit * (6000 // len(unit)))
    base = _lines_run(lambda: _analyse_and_render(small))
    double = _lines_run(lambda: _analyse_and_render(large))
    # quadratic work would be about 4 times; linear about 2 (plus the fixed part)
    print(f"lines run: {base} for 3 KB, {double} for 6 KB ({double / base:.2f}x)")
    assert double < 2.6 * base, (base, double)


def test_d2_no_sentence_is_longer_than_the_bound() -> None:
    text = plain_text(
        "a", "on Monday 3 March 2025 " * 2000 + "\n\n\u201cunclosed " + "word " * 3000
    )
    sentences = segment(text)
    assert max(len(s.text) for s in sentences) <= MAX_SENTENCE
    # the pieces cover the text: nothing is lost from what the analysis reads
    assert sum(len(s.text.split()) for s in sentences) == len(text.text.split())
    for s in sentences:
        assert text.text[s.start : s.end] == s.text


def test_d22_an_article_over_the_limit_is_a_content_error(tmp_path: Path) -> None:
    story = tmp_path / "content" / "s"
    plain(story, "beta", "Beta Post", "Harbour bridge", SENTENCE)
    body = (SENTENCE + "\n\n") * (MAX_ARTICLE_BYTES // len(SENTENCE) + 10)
    plain(story, "alpha", "Alpha News", "Bridge reopens", body)
    result = run(tmp_path, "build", "--content", "content", "--output", "output")
    lines = assert_content_errors(result, "content/s/alpha.md:1")
    assert "MiB an article may have" in lines[0]
    assert not (tmp_path / "output").exists()


def test_d2b_a_story_over_the_article_limit_is_a_content_error(tmp_path: Path) -> None:
    story = tmp_path / "content" / "s"
    for i in range(MAX_STORY_ARTICLES + 1):
        plain(story, f"a{i:04d}", f"Outlet {i}", f"Title {i}", SENTENCE)
    result = run(tmp_path, "check", "--content", "content")
    lines = assert_content_errors(result, "content/s:1")
    assert f"the {MAX_STORY_ARTICLES} articles" in lines[0]


def test_d2b_a_story_at_the_article_limit_loads(tmp_path: Path) -> None:
    story = tmp_path / "content" / "s"
    for i in range(MAX_STORY_ARTICLES):
        plain(story, f"a{i:04d}", f"Outlet {i}", f"Title {i}", SENTENCE)
    assert len(load_site(tmp_path / "content").stories[0].articles) == MAX_STORY_ARTICLES
