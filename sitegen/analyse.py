"""Analyse stage: one story's articles -> a :class:`StoryAnalysis`.

Stories are independent, so each is analysed on its own; the result depends only on the
story's articles, which is what makes whole-story caching safe.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain

from . import markup, sentences
from .cache import AnalysisCache
from .model import Site, Story, StoryAnalysis


def analyse_story(story: Story) -> StoryAnalysis:
    texts = tuple(markup.plain_text(a.id, a.body) for a in story.articles)
    sents = tuple(chain.from_iterable(sentences.segment(t) for t in texts))
    return StoryAnalysis(story=story.id, texts=texts, sentences=sents)


def analyse_site(
    site: Site,
    on_story: Callable[[int, int], None] | None = None,
    cache: AnalysisCache | None = None,
) -> tuple[StoryAnalysis, ...]:
    """Analyse every story; with a ``cache``, only stories whose files, configuration or
    code changed since their last analysis are analysed again."""
    results = []
    for done, story in enumerate(site.stories, 1):
        results.append(
            cache.analyse(site, story, analyse_story) if cache is not None else analyse_story(story)
        )
        if on_story:
            on_story(done, len(site.stories))
    return tuple(results)
