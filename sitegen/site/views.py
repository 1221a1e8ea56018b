"""Page views: site + analyses -> the facts each page shows, as plain frozen data.

Everything a template needs is decided here (which claims a matrix shows and in what
order, who agrees with whom, which sentence a link lands on), so templates only lay data
out and every decision is a pure function that tests can call on a hand-built analysis.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .. import content
from ..analysis.speakers import SURE_ENOUGH
from ..model import (
    Article,
    Claim,
    ClaimSource,
    Divergence,
    Outlet,
    Quote,
    QuoteOccurrence,
    Reuse,
    Sentence,
    Site,
    Story,
    StoryAnalysis,
    Variant,
)
from . import urls
from .i18n import Translations
from .moved import moved
from .theme import english

OUTLETS_INDEX = "outlets/"

# The coverage matrix shows at most this many of the most widely carried claims, and
# fewer when there are many outlets (about MATRIX_CELLS cells); the rest are listed below
# it, so a story with thousands of claims still makes a page a phone loads.
MATRIX_ROWS = 100
MATRIX_CELLS = 2000
# Shared quotations and omissions shown in full on a story page; the rest are listed as
# links to their own pages, for the same reason.
STORY_ITEMS = 40

# How a claim is carried, strongest first; the order of the matrix legend.
STRENGTHS = ("verbatim", "close", "paraphrase")

# Kinds of divergence in the order a reader meets them: hard facts first.
DIVERGENCE_KINDS = (
    "number",
    "date",
    "place",
    "name",
    "title",
    "quote-wording",
    "framing",
    "other",
)

DIVERGENCE_LABELS = {
    "number": "Numbers",
    "date": "Dates and times",
    "place": "Places",
    "name": "Names",
    "title": "Titles and roles",
    "quote-wording": "Wording of quotations",
    "framing": "Framing",
    "other": "Other differences",
    "omission": "Omissions",
}


# --------------------------------------------------------------------------- outlets


OUTLET_SLUG_MAX = 80


def slugify(name: str) -> str:
    """A URL slug for an outlet name; names with no Latin letters get a hashed slug so
    two such outlets never collide, and so do long names cut to the length a folder
    name can have (255 bytes at most)."""
    slug = content.slugify(name)
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    if len(slug) > OUTLET_SLUG_MAX:
        return slug[: OUTLET_SLUG_MAX - 9].rstrip("-") + "-" + digest
    if slug:
        return slug
    return "outlet-" + digest


def outlet_info(site: Site, name: str) -> Outlet:
    """The registry entry for a front-matter outlet name, or a bare entry made from it."""
    return site.outlet_for(name) or Outlet(slug=slugify(name), name=name)


@dataclass(frozen=True)
class Column:
    """One article of a story, labelled by its outlet (a column of the coverage matrix)."""

    article: Article
    outlet: Outlet
    label: str  # the outlet name, with the article id when one outlet has two articles

    @property
    def id(self) -> str:
        return self.article.id


def columns(site: Site, story: Story) -> tuple[Column, ...]:
    names = [a.outlet for a in story.articles]
    cols = []
    for article in story.articles:
        info = outlet_info(site, article.outlet)
        label = info.name if names.count(article.outlet) == 1 else f"{info.name} ({article.id})"
        cols.append(Column(article, info, label))
    return tuple(cols)


# --------------------------------------------------------------------------- coverage matrix


@dataclass(frozen=True)
class Cell:
    column: Column
    source: ClaimSource | None

    @property
    def strength(self) -> str:
        return self.source.strength if self.source else "absent"


@dataclass(frozen=True)
class Row:
    claim: Claim
    cells: tuple[Cell, ...]

    @property
    def count(self) -> int:
        return len(self.claim.sources)


def _first_seen(claim: Claim, order: dict[str, int]) -> tuple[int, int]:
    return min(
        ((order.get(s.article, len(order)), s.sentence) for s in claim.sources), default=(0, 0)
    )


def sort_claims(claims: Sequence[Claim], cols: Sequence[Column]) -> list[Claim]:
    """Most widely carried first; ties in the order the story's articles tell them."""
    order = {c.id: i for i, c in enumerate(cols)}
    return sorted(claims, key=lambda c: (-len(c.sources), _first_seen(c, order), c.id))


def matrix(claims: Sequence[Claim], cols: Sequence[Column]) -> tuple[Row, ...]:
    absent = [Cell(c, None) for c in cols]  # frozen, so every row can share them
    rows = []
    for claim in sort_claims(claims, cols):
        by_article = {s.article: s for s in claim.sources}
        cells = tuple(
            absent[i] if (src := by_article.get(c.id)) is None else Cell(c, src)
            for i, c in enumerate(cols)
        )
        rows.append(Row(claim, cells))
    return tuple(rows)


def matrix_rows(columns: int) -> int:
    """How many claim rows the matrix shows for a story with ``columns`` articles."""
    return min(MATRIX_ROWS, max(20, MATRIX_CELLS // max(columns, 1)))


def column_counts(rows: Sequence[Row], cols: Sequence[Column]) -> tuple[int, ...]:
    """How many of the rows each column carries."""
    return tuple(sum(1 for r in rows if r.cells[i].source) for i in range(len(cols)))


def strength_counts(rows: Sequence[Row]) -> dict[str, int]:
    counts = dict.fromkeys((*STRENGTHS, "absent"), 0)
    for row in rows:
        for cell in row.cells:
            counts[cell.strength] = counts.get(cell.strength, 0) + 1
    return counts


# --------------------------------------------------------------------------- quotes


@dataclass(frozen=True)
class Rendering:
    """One article's rendering of a quotation, with the sentence around it."""

    column: Column
    occurrence: QuoteOccurrence
    anchor: str  # the article sentence that holds the opening mark
    before: str  # context: the sentence text before the quotation
    after: str  # and after it


@dataclass(frozen=True)
class SentenceLookup:
    """A story's sentences and texts indexed once, for the many look-ups pages make."""

    by_key: Mapping[tuple[str, int], Sentence]
    by_article: Mapping[str, tuple[Sentence, ...]]  # in text order
    ends: Mapping[str, tuple[int, ...]]  # each article's sentence ends, in text order
    texts: Mapping[str, str]

    @classmethod
    def of(cls, analysis: StoryAnalysis) -> SentenceLookup:
        grouped: dict[str, list[Sentence]] = {}
        for s in analysis.sentences:
            grouped.setdefault(s.article, []).append(s)
        ordered = {a: tuple(sorted(ss, key=lambda s: s.start)) for a, ss in grouped.items()}
        return cls(
            {(s.article, s.index): s for s in analysis.sentences},
            ordered,
            {a: tuple(s.end for s in ss) for a, ss in ordered.items()},
            {t.article: t.text for t in analysis.texts},
        )

    def get(self, article: str, index: int | None) -> Sentence | None:
        return None if index is None else self.by_key.get((article, index))

    def ending_at(self, article: str, offset: int) -> Sentence | None:
        """The sentence that holds the character just before ``offset``."""
        sents = self.by_article.get(article, ())
        i = bisect_left(self.ends.get(article, ()), offset)
        if i < len(sents) and sents[i].start < offset:
            return sents[i]
        return None


def renderings(
    quote: Quote, cols: Sequence[Column], lookup: SentenceLookup
) -> tuple[Rendering, ...]:
    by_id = {c.id: c for c in cols}
    out = []
    for occ in quote.occurrences:
        column = by_id.get(occ.article)
        if column is None:
            continue
        text = lookup.texts[occ.article]
        first = lookup.get(occ.article, occ.sentence)
        # The context runs from the opening sentence to the end of the sentence that holds
        # the quotation's last character, so a multi-sentence quotation shows whole.
        start = min(first.start, occ.start) if first else occ.start
        last = lookup.ending_at(occ.article, occ.end)
        end = max(last.end, occ.end) if last else occ.end
        anchor = urls.sentence_anchor(first.index if first else occ.sentence)
        out.append(Rendering(column, occ, anchor, text[start : occ.start], text[occ.end : end]))
    return tuple(out)


def shared_quotes(quotes: Sequence[Quote]) -> list[Quote]:
    """Quotations at least two articles carry, the most widely quoted first."""
    shared = [q for q in quotes if len(q.occurrences) >= 2]
    return sorted(shared, key=lambda q: (-len(q.occurrences), q.id))


# --------------------------------------------------------------------------- divergences


@dataclass(frozen=True)
class DivergenceGroup:
    kind: str
    label: str
    items: tuple[Divergence, ...]


def divergence_groups(divergences: Sequence[Divergence]) -> tuple[DivergenceGroup, ...]:
    """Divergences other than omissions, grouped by kind in a fixed order."""
    kinds = [*DIVERGENCE_KINDS]
    kinds += sorted({d.kind for d in divergences} - set(kinds) - {"omission"})
    groups = []
    for kind in kinds:
        items = tuple(sorted((d for d in divergences if d.kind == kind), key=lambda d: d.id))
        if items:
            groups.append(DivergenceGroup(kind, DIVERGENCE_LABELS.get(kind, kind.title()), items))
    return tuple(groups)


@dataclass(frozen=True)
class VariantView:
    """One article's version of a divergent point, inside the sentence that holds it."""

    column: Column | None  # None when the variant names an article not in the story
    variant: Variant
    anchor: str | None  # the sentence's anchor in the article page
    before: str = ""  # the rest of that sentence, when the variant is only part of it
    after: str = ""

    @property
    def in_sentence(self) -> bool:
        return bool(self.before.strip() or self.after.strip())


def variant_views(
    divergence: Divergence, cols: Sequence[Column], lookup: SentenceLookup
) -> tuple[VariantView, ...]:
    by_id = {c.id: c for c in cols}
    views = []
    for v in divergence.variants:
        sentence = lookup.get(v.article, v.sentence)
        if sentence is None:
            views.append(VariantView(by_id.get(v.article), v, None))
            continue
        at = sentence.text.find(v.text) if v.text else -1
        before, after = (
            ("", "") if at < 0 else (sentence.text[:at], sentence.text[at + len(v.text) :])
        )
        views.append(
            VariantView(
                by_id.get(v.article), v, urls.sentence_anchor(sentence.index), before, after
            )
        )
    return tuple(views)


@dataclass(frozen=True)
class Omission:
    """A point most articles make that some leave out."""

    about: str
    claim: Claim | None
    carried_by: tuple[Column, ...]
    left_out_by: tuple[tuple[Column, Variant | None], ...]  # with its nearest sentence
    note: str = ""


def omissions(
    divergences: Sequence[Divergence], claims: Sequence[Claim], cols: Sequence[Column]
) -> tuple[Omission, ...]:
    """Omission divergences. When the divergence names its claim, the claim's sources
    say who carries the point, and any variant from another article is that article's
    nearest sentence; otherwise an article with a non-empty variant carries it."""
    by_claim = {c.id: c for c in claims}
    out = []
    for d in sorted((d for d in divergences if d.kind == "omission"), key=lambda d: d.id):
        claim = by_claim.get(d.claim) if d.claim else None
        variants = {v.article: v for v in d.variants}
        if claim is not None:
            carrying = set(claim.articles)
        else:
            carrying = {v.article for v in d.variants if v.text.strip()}
        left = tuple(
            (c, variants.get(c.id) if variants.get(c.id) and variants[c.id].text.strip() else None)
            for c in cols
            if c.id not in carrying
        )
        if not left:
            continue
        about = claim.text if claim is not None else d.about
        out.append(Omission(about, claim, tuple(c for c in cols if c.id in carrying), left, d.note))
    out.sort(key=lambda o: (-len(o.carried_by), o.about))
    return tuple(out)


# --------------------------------------------------------------------------- unique content


@dataclass(frozen=True)
class OnlyHere:
    column: Column
    claims: tuple[Claim, ...]
    quotes: tuple[Quote, ...]


def only_here(
    claims: Sequence[Claim], quotes: Sequence[Quote], cols: Sequence[Column]
) -> tuple[OnlyHere, ...]:
    """Per article, the claims and quotations no other article of the story carries."""
    lone_c: dict[str, list[Claim]] = {}
    for c in claims:
        if len(c.sources) == 1:
            lone_c.setdefault(c.sources[0].article, []).append(c)
    lone_q: dict[str, list[Quote]] = {}
    for q in quotes:
        if len(q.occurrences) == 1:
            lone_q.setdefault(q.occurrences[0].article, []).append(q)
    out = []
    for col in cols:
        mine_c = lone_c.get(col.id, [])
        mine_q = lone_q.get(col.id, [])
        mine_c.sort(key=lambda c: (c.sources[0].sentence, c.id))
        mine_q.sort(key=lambda q: (q.occurrences[0].start, q.id))
        out.append(OnlyHere(col, tuple(mine_c), tuple(mine_q)))
    return tuple(out)


# --------------------------------------------------------------------------- reuse


@dataclass(frozen=True)
class ReusePair:
    a: Column
    b: Column
    reuse: Reuse

    @property
    def longest(self) -> str:
        return max((p.text for p in self.reuse.passages), key=len, default="")

    @property
    def characters(self) -> int:
        return sum(len(p.text) for p in self.reuse.passages)


def reuse_pairs(reuse: Sequence[Reuse], cols: Sequence[Column]) -> tuple[ReusePair, ...]:
    by_id = {c.id: c for c in cols}
    pairs = [ReusePair(by_id[r.a], by_id[r.b], r) for r in reuse if r.a in by_id and r.b in by_id]
    pairs.sort(key=lambda p: (-max(p.reuse.share_a, p.reuse.share_b), p.a.id, p.b.id))
    return tuple(pairs)


# --------------------------------------------------------------------------- article page


@dataclass(frozen=True)
class SentenceShare:
    """How widely the claim a sentence carries is shared, and where that claim lives."""

    count: int  # articles carrying the claim, this one included
    claim: str  # claim id


def sentence_shares(article: str, claims: Sequence[Claim]) -> dict[int, SentenceShare]:
    """Sentence index -> the most widely shared claim it carries."""
    shares: dict[int, SentenceShare] = {}
    for claim in claims:
        count = len(claim.sources)
        for src in claim.sources:
            if src.article != article:
                continue
            best = shares.get(src.sentence)
            # the most widely shared claim; of equally shared ones, the first by id
            if (
                best is None
                or count > best.count
                or (count == best.count and claim.id < best.claim)
            ):
                shares[src.sentence] = SentenceShare(count, claim.id)
    return shares


def share_level(count: int, total: int) -> str:
    """The class a sentence's share count maps to: the legend's four steps."""
    if count <= 1:
        return "one"
    if total > 2 and count >= total:
        return "all"
    if count * 2 > total:
        return "most"
    return "some"


# --------------------------------------------------------------------------- summary


def summary(story: Story, analysis: StoryAnalysis, t: Translations | None = None) -> str:
    """The story's summary, else the claim most articles share, else the first sentence."""
    if story.summary:
        return story.summary
    t = t or english()
    if analysis.claims:
        top = max(analysis.claims, key=lambda c: (len(c.sources), -len(c.text), c.id))
        if top.shared:
            n, total = len(top.sources), len(story.articles)
            return t.text("story.summary_shared", n=n, total=total, claim=top.text)
    if analysis.sentences:
        return analysis.sentences[0].text
    return t.text("story.title", n=len(story.articles), title=story.title)


def who(item: Quote | QuoteOccurrence, t: Translations) -> str:
    """How a page names who said a quotation. A speaker found with confidence below
    :data:`~sitegen.analysis.speakers.SURE_ENOUGH` (a guess from the sentence around
    it, with no reporting verb) is offered as a possible speaker, never asserted."""
    if not item.speaker:
        return t.text("common.unattributed")
    if not sure_of_speaker(item):
        return t.text("common.possible_speaker", speaker=item.speaker)
    return item.speaker


def sure_of_speaker(item: Quote | QuoteOccurrence) -> bool:
    """Whether a speaker may be asserted: measured at SURE_ENOUGH or more, or not
    measured at all (given by hand)."""
    return item.speaker_confidence is None or item.speaker_confidence >= SURE_ENOUGH


def clip(text: str, limit: int = 160) -> str:
    """Text cut at a word boundary for meta descriptions."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


# --------------------------------------------------------------------------- home and outlets


@dataclass(frozen=True)
class StoryCard:
    story: Story
    outlets: tuple[Outlet, ...]
    shared_quotes: int
    shared_claims: int
    divergences: int  # omissions are counted on the story page, apart


@dataclass(frozen=True)
class StoryDigest:
    """What the site-wide pages need of one story's analysis.

    Plain and small (counts and outlet slugs), so the build keeps it in the story's page
    record (:mod:`sitegen.build.page_cache`) and the home and outlet pages of a large site do
    not read every story's analysis again after each edit.
    """

    shared_quotes: int
    shared_claims: int
    divergences: int  # omissions are counted on the story page, apart
    only: tuple[tuple[str, int, int], ...]  # (outlet slug, claims, quotes) it alone carries
    agreements: tuple[tuple[str, str, int], ...]  # (slug, slug, shared claims both carry)
    # (old site path, new site path) of each moved address, for _redirects (site.moved)
    moved: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> list[object]:
        return [
            self.shared_quotes,
            self.shared_claims,
            self.divergences,
            [list(item) for item in self.only],
            [list(item) for item in self.agreements],
            [list(item) for item in self.moved],
        ]

    @classmethod
    def from_json(cls, data: object) -> StoryDigest:
        """The digest :meth:`to_json` wrote; ValueError for anything else."""
        try:
            quotes, claims, divergences, only, agreements, moved = data  # type: ignore[misc]
            return cls(
                int(quotes),
                int(claims),
                int(divergences),
                tuple((str(s), int(c), int(q)) for s, c, q in only),
                tuple((str(x), str(y), int(n)) for x, y, n in agreements),
                tuple((str(old), str(new)) for old, new in moved),
            )
        except (TypeError, ValueError) as exc:
            raise ValueError(f"not a story digest: {data!r:.80}") from exc


def story_digest(site: Site, story: Story, analysis: StoryAnalysis) -> StoryDigest:
    slug_of = {a.id: outlet_info(site, a.outlet).slug for a in story.articles}
    counts: dict[tuple[str, str], int] = {}
    _count_agreements(counts, analysis.claims, slug_of)
    only: dict[str, list[int]] = {}
    # Each claim and quotation is filed under the one outlet that carries it alone.
    for c in analysis.claims:
        slug = _single_outlet(c.articles, slug_of) if c.sources else None
        if slug is not None:
            only.setdefault(slug, [0, 0])[0] += 1
    for q in analysis.quotes:
        slug = _single_outlet(q.articles, slug_of) if q.occurrences else None
        if slug is not None:
            only.setdefault(slug, [0, 0])[1] += 1
    return StoryDigest(
        sum(1 for q in analysis.quotes if len(q.occurrences) >= 2),
        sum(1 for c in analysis.claims if c.shared),
        sum(1 for d in analysis.divergences if d.kind != "omission"),
        tuple((slug, c, q) for slug, (c, q) in sorted(only.items())),
        tuple((x, y, n) for (x, y), n in sorted(counts.items())),
        tuple((m.old, m.new) for m in moved(story.id, analysis)),
    )


def story_digests(site: Site, analyses: Sequence[StoryAnalysis]) -> tuple[StoryDigest, ...]:
    return tuple(
        story_digest(site, story, analysis)
        for story, analysis in zip(site.stories, analyses, strict=True)
    )


def _newest_first(cards: list[StoryCard]) -> tuple[StoryCard, ...]:
    """Every story, newest first; undated stories last, then by id."""
    undated = date.min
    cards.sort(key=lambda c: c.story.id)
    cards.sort(key=lambda c: c.story.date or undated, reverse=True)
    return tuple(cards)


def story_cards(site: Site, digests: Sequence[StoryDigest]) -> tuple[StoryCard, ...]:
    """Every story, newest first; undated stories last, then by id."""
    return site_views(site, digests).cards


@dataclass(frozen=True)
class OutletArticle:
    story: Story
    article: Article


@dataclass(frozen=True)
class Agreement:
    other: Outlet
    shared: int  # claims both outlets carry
    level: int  # 0-4, the heatmap step


@dataclass(frozen=True)
class OnlyCount:
    """How many claims and quotations of one story one outlet alone carries."""

    story: Story
    claims: int
    quotes: int


@dataclass(frozen=True)
class OutletView:
    outlet: Outlet
    articles: tuple[OutletArticle, ...]
    # Per story, counts linking to the story's own list: at newsroom scale the claims
    # themselves ran to tens of thousands per outlet, a page nobody could read.
    only: tuple[OnlyCount, ...]
    agreements: tuple[Agreement, ...]

    @property
    def only_claims(self) -> int:
        return sum(o.claims for o in self.only)

    @property
    def only_quotes(self) -> int:
        return sum(o.quotes for o in self.only)


def all_outlets(site: Site) -> tuple[Outlet, ...]:
    """Every outlet with at least one article, by name."""
    seen: dict[str, Outlet] = {}
    for story in site.stories:
        for article in story.articles:
            info = outlet_info(site, article.outlet)
            seen.setdefault(info.slug, info)
    return tuple(sorted(seen.values(), key=lambda o: (o.name.casefold(), o.slug)))


def _count_agreements(
    counts: dict[tuple[str, str], int], claims: Sequence[Claim], slug_of: Mapping[str, str]
) -> None:
    for claim in claims:
        if not claim.shared:
            continue
        slugs = sorted({slug_of[a] for a in claim.articles if a in slug_of})
        for x in slugs:
            for y in slugs:
                counts[(x, y)] = counts.get((x, y), 0) + 1


def heat_level(value: int, top: int) -> int:
    """0-4: the heatmap shade of ``value`` on a scale whose top is ``top``."""
    if value <= 0 or top <= 0:
        return 0
    return max(1, min(4, round(4 * value / top)))


def _single_outlet(articles: Sequence[str], slug_of: Mapping[str, str]) -> str | None:
    """The outlet slug when all of ``articles`` are the story's and from one outlet."""
    slugs = {slug_of.get(a) for a in articles}
    return slugs.pop() if len(slugs) == 1 else None


@dataclass(frozen=True)
class SiteViews:
    """What the site-wide pages show, gathered in one pass over the stories' digests."""

    cards: tuple[StoryCard, ...]
    outlets: tuple[OutletView, ...]
    counts: Mapping[tuple[str, str], int]


def site_views(site: Site, digests: Sequence[StoryDigest]) -> SiteViews:
    outlets = all_outlets(site)
    counts: dict[tuple[str, str], int] = {}
    cards: list[StoryCard] = []
    arts: dict[str, list[OutletArticle]] = {o.slug: [] for o in outlets}
    only: dict[str, list[OnlyCount]] = {o.slug: [] for o in outlets}
    for story, digest in zip(site.stories, digests, strict=True):
        infos = [outlet_info(site, a.outlet) for a in story.articles]
        cards.append(
            StoryCard(
                story,
                tuple(dict.fromkeys(infos)),
                digest.shared_quotes,
                digest.shared_claims,
                digest.divergences,
            )
        )
        for x, y, n in digest.agreements:
            counts[(x, y)] = counts.get((x, y), 0) + n
        for a, info in zip(story.articles, infos, strict=True):
            arts[info.slug].append(OutletArticle(story, a))
        for slug, claims, quotes in digest.only:
            only[slug].append(OnlyCount(story, claims, quotes))
    top = max((v for (x, y), v in counts.items() if x != y), default=0)
    views = []
    for outlet in outlets:
        agreements = tuple(
            Agreement(
                o,
                counts.get((outlet.slug, o.slug), 0),
                heat_level(counts.get((outlet.slug, o.slug), 0), top),
            )
            for o in outlets
            if o.slug != outlet.slug
        )
        views.append(
            OutletView(outlet, tuple(arts[outlet.slug]), tuple(only[outlet.slug]), agreements)
        )
    return SiteViews(_newest_first(cards), tuple(views), counts)


def outlet_views(site: Site, digests: Sequence[StoryDigest]) -> tuple[OutletView, ...]:
    return site_views(site, digests).outlets


@dataclass(frozen=True)
class HeatRow:
    outlet: Outlet
    cells: tuple[tuple[int, int, bool], ...]  # (shared claims, heat level, is the diagonal)


def heatmap(site: Site, counts: Mapping[tuple[str, str], int]) -> tuple[HeatRow, ...]:
    """The outlets x outlets grid of shared claims, from :func:`site_views`' counts."""
    outlets = all_outlets(site)
    top = max((v for (x, y), v in counts.items() if x != y), default=0)
    rows = []
    for a in outlets:
        cells = []
        for b in outlets:
            v = counts.get((a.slug, b.slug), 0)
            cells.append((v, 0 if a.slug == b.slug else heat_level(v, top), a.slug == b.slug))
        rows.append(HeatRow(a, tuple(cells)))
    return tuple(rows)
