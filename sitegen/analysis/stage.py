"""Analyse stage: one story's articles -> a :class:`StoryAnalysis`.

The analysis runs as a named, ordered list of steps (:data:`STEPS`, as markdown-it-py's
rule lists): each reads the frozen :class:`Draft` the steps before it filled in and returns
a new one with its own part added, so every value one step hands another is in plain view.
The result depends only on the story's articles, which is what makes whole-story caching
safe (:mod:`sitegen.build.analysis_cache`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from itertools import chain

from .. import markdown
from ..model import ArticleText, Claim, Divergence, Quote, Reuse, Sentence, Story, StoryAnalysis
from . import sentences
from .claims import ScoredSentences, align_claims, score_sentences
from .divergences import find_divergences
from .reuse import find_reuse
from .spans import QuoteSpan, find_spans
from .utterances import find_quotes


@dataclass(frozen=True)
class Draft:
    """A story's analysis as far as the steps so far have taken it."""

    story: Story
    texts: tuple[ArticleText, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    # each article's quotation spans, found once: the aligner and the quote finder read them
    spans: Mapping[str, tuple[QuoteSpan, ...]] = field(default_factory=dict)
    quotes: tuple[Quote, ...] = ()
    scored: ScoredSentences | None = None  # sentence pairs scored once, for claims and divergences
    claims: tuple[Claim, ...] = ()
    divergences: tuple[Divergence, ...] = ()
    reuse: tuple[Reuse, ...] = ()


def _text(d: Draft) -> Draft:
    return replace(d, texts=tuple(markdown.plain_text(a.id, a.body) for a in d.story.articles))


def _sentences(d: Draft) -> Draft:
    return replace(d, sentences=tuple(chain.from_iterable(sentences.segment(t) for t in d.texts)))


def _spans(d: Draft) -> Draft:
    return replace(d, spans={t.article: find_spans(t) for t in d.texts})


def _quotes(d: Draft) -> Draft:
    found = find_quotes(d.story.articles, d.texts, d.sentences, d.scored, d.spans)
    return replace(d, quotes=found)


def _scores(d: Draft) -> Draft:
    return replace(d, scored=score_sentences(d.story.articles, d.texts, d.sentences, d.spans))


def _claims(d: Draft) -> Draft:
    return replace(d, claims=align_claims(d.story.articles, d.texts, d.sentences, d.scored))


def _divergences(d: Draft) -> Draft:
    found = find_divergences(d.story.articles, d.texts, d.sentences, d.claims, d.quotes, d.scored)
    return replace(d, divergences=found)


def _reuse(d: Draft) -> Draft:
    return replace(d, reuse=find_reuse(d.texts))


# The steps, in the order they run; a step may read what any step before it added.
STEPS: tuple[tuple[str, Callable[[Draft], Draft]], ...] = (
    ("text", _text),
    ("sentences", _sentences),
    ("quotation spans", _spans),
    ("sentence pairs", _scores),  # before quotes: aligned sentences anchor renderings
    ("quotes", _quotes),
    ("claims", _claims),
    ("divergences", _divergences),
    ("reuse", _reuse),
)


def analyse_story(story: Story) -> StoryAnalysis:
    """Plain text -> sentences -> quotes and claims -> the divergences between them."""
    draft = Draft(story)
    for _name, step in STEPS:
        draft = step(draft)
    return StoryAnalysis(
        story=story.id,
        texts=draft.texts,
        sentences=draft.sentences,
        quotes=draft.quotes,
        claims=draft.claims,
        divergences=draft.divergences,
        reuse=draft.reuse,
    )
