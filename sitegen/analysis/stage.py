"""Analyse stage: one story's articles -> a :class:`StoryAnalysis`.

The result depends only on the story's articles, which is what makes whole-story caching
safe (:mod:`sitegen.build.analysis_cache`).
"""

from __future__ import annotations

from itertools import chain

from .. import markdown
from ..model import Story, StoryAnalysis
from . import sentences
from .claims import align_claims
from .divergences import find_divergences
from .reuse import find_reuse
from .utterances import find_quotes


def analyse_story(story: Story) -> StoryAnalysis:
    """Plain text -> sentences -> quotes and claims -> the divergences between them."""
    articles = story.articles
    texts = tuple(markdown.plain_text(a.id, a.body) for a in articles)
    sents = tuple(chain.from_iterable(sentences.segment(t) for t in texts))
    quotes = find_quotes(articles, texts, sents)
    claims = align_claims(articles, texts, sents)
    return StoryAnalysis(
        story=story.id,
        texts=texts,
        sentences=sents,
        quotes=quotes,
        claims=claims,
        divergences=find_divergences(articles, texts, sents, claims, quotes),
        reuse=find_reuse(texts),
    )
