"""The data that flows between the stages: load -> analyse -> render -> write.

Every type is a frozen dataclass holding tuples, so a stage can never change what an
earlier stage produced, and two builds of the same content compare equal field by field.
Offsets (``start``/``end``) are always character offsets into ``ArticleText.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from .errors import ContentError

# --------------------------------------------------------------------------- content


@dataclass(frozen=True)
class SiteConfig:
    """``content/site.yaml``."""

    title: str = "sitegen"
    description: str = "How outlets cover the same event, claim by claim and quote by quote."
    base_url: str = ""
    language: str = "en"


@dataclass(frozen=True)
class Outlet:
    """One entry of ``content/outlets.yaml`` (or a bare name seen in front matter)."""

    slug: str
    name: str
    country: str | None = None
    url: str | None = None
    kind: str | None = None  # state | public | commercial | agency | aggregator
    owner: str | None = None


@dataclass(frozen=True)
class Article:
    id: str
    story: str
    path: Path
    outlet: str  # the outlet's display name, as written in the front matter
    title: str
    body: str  # Markdown source, front matter removed
    body_line: int  # 1-based line of the file where ``body`` starts
    url: str | None = None
    published: date | datetime | None = None
    language: str | None = None
    translated_from: str | None = None
    extra: tuple[tuple[str, str], ...] = ()  # unknown front-matter keys, kept in order

    @property
    def published_date(self) -> date | None:
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published


@dataclass(frozen=True)
class Story:
    id: str
    path: Path
    title: str
    date: date | None
    summary: str | None
    articles: tuple[Article, ...]  # sorted by id
    # The editor's corrections.yaml, if any. Not part of the analysis key: corrections are
    # applied after the analysis (sitegen.analysis.corrections), so editing them never re-analyses.
    corrections: Corrections | None = None


@dataclass(frozen=True)
class Ref:
    """Words of one quotation or sentence of one article, as an editor names them."""

    article: str
    text: str
    line: int  # of the reference in corrections.yaml


@dataclass(frozen=True)
class Correction:
    """One entry of ``corrections.yaml``: ``section`` is quotes | claims | divergences |
    speakers; ``value`` is the speaker, statement or display name the action sets;
    ``target`` the speaker name a ``rename`` replaces."""

    line: int
    section: str
    action: str
    refs: tuple[Ref, ...] = ()
    value: str | None = None
    note: str = ""
    target: str | None = None


@dataclass(frozen=True)
class Corrections:
    """``content/<story>/corrections.yaml``, entries in file order."""

    path: Path
    items: tuple[Correction, ...] = ()


@dataclass(frozen=True)
class Site:
    root: Path
    config: SiteConfig
    outlets: tuple[Outlet, ...]  # sorted by slug
    stories: tuple[Story, ...]  # sorted by id
    # Problems that do not stop a build (an unknown key, an outlet missing from the
    # registry); --strict makes them errors. Sorted, like ContentErrors.
    warnings: tuple[ContentError, ...] = ()

    def outlet_for(self, name: str) -> Outlet | None:
        """The registry entry whose slug or name matches a front-matter ``outlet``."""
        key = name.casefold()
        for outlet in self.outlets:
            if key in (outlet.slug.casefold(), outlet.name.casefold()):
                return outlet
        return None


# --------------------------------------------------------------------------- plain text


@dataclass(frozen=True)
class Inline:
    """An inline mark inside a block: emphasis, strong, code or an http(s) link."""

    kind: str  # em | strong | code | link
    start: int
    end: int
    href: str | None = None


@dataclass(frozen=True)
class Block:
    """A paragraph-level unit of an article's text."""

    kind: str  # paragraph | heading | item | quote | code
    start: int
    end: int
    level: int = 0  # heading level, list depth
    inlines: tuple[Inline, ...] = ()


@dataclass(frozen=True)
class ArticleText:
    """An article's body as plain text, the one string every analysis offset points into."""

    article: str
    text: str  # blocks joined by "\n\n"
    blocks: tuple[Block, ...]


# --------------------------------------------------------------------------- analysis


@dataclass(frozen=True)
class Sentence:
    article: str
    index: int  # position in the article, from 0
    block: int  # index into ArticleText.blocks
    start: int
    end: int
    text: str


# A cross-outlet match (an occurrence to its quote, a source to its claim) whose
# confidence is below this is shown as a possible match, not asserted (issue 16).
POSSIBLE_MATCH = 0.5


@dataclass(frozen=True)
class QuoteOccurrence:
    article: str
    text: str  # exactly the characters between the quotation marks
    start: int
    end: int
    sentence: int  # index of the sentence that holds the opening mark
    speaker: str | None  # canonical speaker as attributed in this article
    relation: str = "verbatim"  # verbatim | near-verbatim | rendering | fragment
    score: float = 100.0  # similarity to the quote's representative wording, 0-100
    confidence: float = 1.0  # how sure the match to the other outlets' quotation is, 0-1
    # how sure the attribution is, 0-1 (analysis writes 0 with no speaker); None when
    # nobody measured it (a quotation made without analysis asserts its speaker)
    speaker_confidence: float | None = None

    @property
    def possible(self) -> bool:
        """A match shown as possible rather than asserted."""
        return self.confidence < POSSIBLE_MATCH


@dataclass(frozen=True)
class Quote:
    id: str
    speaker: str | None
    text: str  # representative wording
    occurrences: tuple[QuoteOccurrence, ...]  # at most one per article, sorted by article
    # how sure the speaker is, 0-1: the surest occurrence that names this speaker; None
    # when nobody measured it
    speaker_confidence: float | None = None

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(o.article for o in self.occurrences)


@dataclass(frozen=True)
class ClaimSource:
    article: str
    sentence: int  # index of the article's sentence
    text: str  # that sentence's text
    strength: str  # verbatim | close | paraphrase
    score: float  # similarity to the claim's representative statement, 0-100
    confidence: float = 1.0  # how sure the match to the claim's other sources is, 0-1
    quotation: bool = False  # the sentence is only a quotation and its attribution
    # the id of the claim this sentence belongs to first, when this is its second claim
    # (a lede stating two facts serves both; shown as such, never as two first homes)
    home: str = ""

    @property
    def possible(self) -> bool:
        """A match shown as possible rather than asserted."""
        return self.confidence < POSSIBLE_MATCH


@dataclass(frozen=True)
class Claim:
    id: str
    text: str  # representative statement
    sources: tuple[ClaimSource, ...]  # at most one per article, sorted by article

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(s.article for s in self.sources)

    @property
    def shared(self) -> bool:
        return len(self.sources) >= 2


@dataclass(frozen=True)
class Variant:
    article: str
    text: str  # what this article says on the point (exact substring of its text)
    sentence: int | None = None


@dataclass(frozen=True)
class Divergence:
    id: str
    about: str
    kind: str  # number | date | place | name | title | quote-wording | framing | omission | other
    variants: tuple[Variant, ...]
    claim: str | None = None  # the claim or quote id the divergence hangs on
    note: str = ""  # e.g. the normalised values that differ


@dataclass(frozen=True)
class Passage:
    """A stretch of text found verbatim in two articles."""

    a_start: int
    a_end: int
    b_start: int
    b_end: int
    text: str


@dataclass(frozen=True)
class Reuse:
    a: str
    b: str
    share_a: float  # share of a's characters found verbatim in b, 0-1
    share_b: float
    passages: tuple[Passage, ...]


@dataclass(frozen=True)
class Applied:
    """A correction as applied: what it changed, for the edited marks and the story's
    correction log. ``changed`` are the ids (after correction) of the quotes, claims and
    divergences it changed; ``checked`` those it found already right (a confirmation)."""

    line: int
    section: str
    action: str
    note: str
    summary: str  # what was done, in words, for the log
    changed: tuple[str, ...] = ()
    checked: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoryAnalysis:
    story: str
    texts: tuple[ArticleText, ...]  # one per article, in the story's article order
    sentences: tuple[Sentence, ...]  # all articles, grouped by article in order
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    divergences: tuple[Divergence, ...] = ()
    reuse: tuple[Reuse, ...] = ()
    corrections: tuple[Applied, ...] = ()  # the editor's, in file order (analysis.corrections)

    def text_of(self, article: str) -> ArticleText:
        for text in self.texts:
            if text.article == article:
                return text
        raise KeyError(article)

    def sentences_of(self, article: str) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.article == article)


# --------------------------------------------------------------------------- output


@dataclass(frozen=True)
class OutputFile:
    """One file of the built site, as a path relative to the output root and its bytes."""

    path: str  # POSIX, relative, e.g. "stories/x/index.html"
    data: bytes = field(repr=False)
