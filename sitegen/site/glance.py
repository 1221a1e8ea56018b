"""The story at a glance: what a story page leads with, before the matrix (issue 19).

Readers answer more completely when a page leads with what differs: what every outlet
agrees on, where the outlets differ on facts (with the outlets on each side), what only
one outlet has, and the quotations everyone uses. Each line links down to its detail.

All decisions live here as pure functions over the analysis (which lines, in what order,
which outlets side together), so the template only lays them out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from ..analysis.quantities import dates, quantities, times
from ..analysis.text import fold
from ..model import Claim, Divergence, Quote, StoryAnalysis, Variant
from .views import STORY_ITEMS, Column, only_here, shared_quotes

T = TypeVar("T")

# Lines shown per part; the rest are one "N more" link down to the full section.
LINES = 5
# The first items shown of what only one outlet has.
ONLY_ITEMS = 2

# Differences of fact, hard facts first (views.DIVERGENCE_KINDS' order). How a person is
# described (title, framing) is a fact of the coverage a reader compares as much as a
# figure; the wording of quotations is told with the quotations, and wording alone
# ("fire" / "blaze") is no difference of fact.
FACT_KINDS = ("number", "date", "place", "name", "title", "framing")


@dataclass(frozen=True)
class AgreedLine:
    """A claim the outlets agree on, with how many of its matches are only possible."""

    claim: Claim
    uncertain: int


@dataclass(frozen=True)
class Side:
    """What some outlets say on a point of difference: their shortest wording of it."""

    says: str
    outlets: tuple[Column, ...]


@dataclass(frozen=True)
class FactLine:
    divergence: Divergence
    sides: tuple[Side, ...]  # two or more, the most widely held first


@dataclass(frozen=True)
class OnlyLine:
    """One outlet's own: how many claims and quotes no other carries, and the first."""

    column: Column
    count: int
    claims: tuple[Claim, ...]  # the first ONLY_ITEMS of its own, claims before quotations
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class QuoteLine:
    quote: Quote
    outlets: int  # outlets quoting it
    in_page: bool  # shown in full on the story page (anchor #q-<id>), else its own page
    wording: str | None  # id of the divergence on its wording, when outlets word it apart
    uncertain: int  # renderings only possibly matched


@dataclass(frozen=True)
class Part(Generic[T]):
    """One part of the glance: its first lines and how many more the full section has.

    ``by`` is how many outlets the lines hold for: all of them, or, when no line holds
    for all, the most that any does (said as such, never as "everyone").
    """

    lines: tuple[T, ...]
    more: int = 0
    by: int = 0


@dataclass(frozen=True)
class Glance:
    outlets: int  # distinct outlets of the story
    agreed: Part[AgreedLine]
    facts: Part[FactLine]
    only: Part[OnlyLine]
    quotes: Part[QuoteLine]


def _part(lines: Sequence[T], by: int = 0, limit: int = LINES) -> Part[T]:
    return Part(tuple(lines[:limit]), max(0, len(lines) - limit), by)


def _widest(items: Sequence[T], outlets_of: Callable[[T], int], total: int) -> tuple[list[T], int]:
    """The items every outlet carries; when none, those the most outlets carry (two at
    least). With how many outlets carry them (0: none)."""
    if total < 2:
        return [], 0
    top = max((outlets_of(i) for i in items), default=0)
    if top < 2:
        return [], 0
    return [i for i in items if outlets_of(i) == top], top


def outlet_count(articles: Sequence[str], slug_of: Mapping[str, str]) -> int:
    """How many distinct outlets the articles are from (one outlet may write two)."""
    return len({slug_of.get(a, a) for a in articles})


def agreed(
    claims: Sequence[Claim], cols: Sequence[Column], slug_of: Mapping[str, str]
) -> Part[AgreedLine]:
    """Claims every outlet carries (else the most widely carried), in the
    order the articles tell them."""
    total = len(set(slug_of.values()))
    order = {c.id: i for i, c in enumerate(cols)}
    wide, by = _widest(claims, lambda c: outlet_count(c.articles, slug_of), total)
    wide.sort(key=lambda c: (min((order.get(s.article, 0), s.sentence) for s in c.sources), c.id))
    return _part([AgreedLine(c, sum(1 for s in c.sources if s.possible)) for c in wide], by)


_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _labels(note: str) -> list[str]:
    """The values a divergence's note compares ("former president vs president; ...",
    "Kowalczyk / Kowalcyk"), each once, in order."""
    parts = [p for chunk in note.split("; ") for p in re.split(r" vs | / ", chunk)]
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))


def value_key(kind: str, text: str, note: str = "", published: date | None = None) -> str:
    """What a variant says on its point, made comparable: two outlets whose variants have
    the same key say the same thing, however they word it ("Four people" and "Four
    people lost their" give 4; "on Monday" and "the 15th of December" one day)."""
    if kind == "number":
        for q in quantities(text):
            unit = q.unit if q.unit in ("percent", "share") else ""
            return f"n {q.value:g} {unit} {q.qualifier}"
    if kind == "date":
        for t in times(text):
            return f"t {t.minute} {t.qualifier}"
        for d in dates(text, published):
            if d.day is not None:
                return f"d {d.day.isoformat()} {d.precision}"
    if kind in ("name", "title", "framing"):
        # the spelling or the description the note compares that this variant writes
        # (the longest: "former president" over "president")
        words = _words(text)
        found = [
            label
            for label in _labels(note)
            if (lw := _words(label)) and all(w in words for w in lw)
        ]
        if found:
            return "l " + " ".join(_words(max(found, key=lambda lab: (len(_words(lab)), lab))))
    return "w " + " ".join(_words(text))


def sides(divergence: Divergence, cols: Sequence[Column]) -> tuple[Side, ...]:
    """The outlets grouped by what they say on the point, the largest group first (ties
    in article order); each group shown in its shortest wording."""
    by_id = {c.id: c for c in cols}
    order = {c.id: i for i, c in enumerate(cols)}
    groups: dict[str, list[Variant]] = {}
    for v in divergence.variants:
        col = by_id.get(v.article)
        published = col.article.published_date if col else None
        key = value_key(divergence.kind, v.text, divergence.note, published)
        groups.setdefault(key, []).append(v)
    out = []
    for variants in groups.values():
        variants.sort(key=lambda v: order.get(v.article, len(order)))
        says = min((v.text.strip() for v in variants), key=lambda s: (len(s), s))
        outlets = tuple(by_id[v.article] for v in variants if v.article in by_id)
        if outlets:
            out.append(Side(says, outlets))
    out.sort(key=lambda s: (-len(s.outlets), order[s.outlets[0].id]))
    return tuple(out)


def facts(divergences: Sequence[Divergence], cols: Sequence[Column]) -> Part[FactLine]:
    """Differences of fact, hard facts first, the most outlets involved first. A point
    where every outlet says the same thing written differently (one day as "Monday" and
    as "15 December") is no difference of fact and is left to the full section."""
    lines = []
    for d in divergences:
        if d.kind not in FACT_KINDS:
            continue
        grouped = sides(d, cols)
        if len(grouped) >= 2:
            lines.append(FactLine(d, grouped))
    lines.sort(
        key=lambda f: (
            FACT_KINDS.index(f.divergence.kind),
            -sum(len(s.outlets) for s in f.sides),
            f.divergence.about,
            f.divergence.id,
        )
    )
    # the lines shown: the first of each kind before the second of any, so six figures
    # do not hide a place or how a person is described; shown in the order above
    seen: Counter[str] = Counter()
    turn = []  # each line's place among the lines of its kind
    for f in lines:
        turn.append(seen[f.divergence.kind])
        seen[f.divergence.kind] += 1
    shown = set(sorted(range(len(lines)), key=lambda n: (turn[n], n))[:LINES])
    # the shown lines first, in their order, then the rest (a stable sort keeps both)
    return _part([lines[n] for n in sorted(range(len(lines)), key=lambda n: n not in shown)])


def only(analysis: StoryAnalysis, cols: Sequence[Column]) -> Part[OnlyLine]:
    """Per outlet with anything of its own: how much, and the first claim or two (its
    quotations after), the outlets with most first."""
    lines = []
    for item in only_here(analysis.claims, analysis.quotes, cols):
        count = len(item.claims) + len(item.quotes)
        if count:
            claims = item.claims[:ONLY_ITEMS]
            quotes = item.quotes[: ONLY_ITEMS - len(claims)]
            lines.append(OnlyLine(item.column, count, claims, quotes))
    order = {c.id: i for i, c in enumerate(cols)}
    lines.sort(key=lambda o: (-o.count, order[o.column.id]))
    return _part(lines)


def quotes(
    analysis: StoryAnalysis, cols: Sequence[Column], slug_of: Mapping[str, str]
) -> Part[QuoteLine]:
    """The quotations every outlet uses (else the most widely used), the most
    widely quoted first as the quotations section lists them."""
    total = len(set(slug_of.values()))
    listed = shared_quotes(analysis.quotes)
    in_page = {q.id for q in listed[:STORY_ITEMS]}
    wording = {
        d.claim: d.id
        for d in sorted(analysis.divergences, key=lambda d: d.id, reverse=True)
        if d.kind == "quote-wording" and d.claim
    }
    wide, by = _widest(listed, lambda q: outlet_count(q.articles, slug_of), total)
    return _part(
        [
            QuoteLine(
                q,
                outlet_count(q.articles, slug_of),
                q.id in in_page,
                wording.get(q.id),
                sum(1 for o in q.occurrences if o.possible),
            )
            for q in wide
        ],
        by,
    )


def glance(analysis: StoryAnalysis, cols: Sequence[Column]) -> Glance:
    slug_of = {c.id: c.outlet.slug for c in cols}
    return Glance(
        len(set(slug_of.values())),
        agreed(analysis.claims, cols, slug_of),
        facts(analysis.divergences, cols),
        only(analysis, cols),
        quotes(analysis, cols, slug_of),
    )
