"""Aligning the articles' sentences into claims: one entry per factual statement.

Each sentence is reduced to content terms: stop words and reporting verbs out, number
words turned into digits, words cut to a short stem so that inflections
(``Hungary``/``Hungarian``) and transliterations (``Gaddafi``/``Qaddafi`` aside,
``Navalny``/``Navalnyy``) meet. Terms are weighted by rarity in the story, so the story's
everyday words say little and a year or an unusual noun says a lot.

1. Pairs of sentences from different articles are proposed by the uncommon terms they
   share (an inverted index; the story's everyday words add to a score but propose no
   pair) and scored by weighted dice.
2. Pairs are clustered average-link, with the rules that a claim holds at most one
   sentence per article and that every two members share at least ``FLOOR``.
3. A sentence left alone that sits between the same two aligned neighbours as a sentence
   of another article joins that sentence's claim: rewrites keep the wire's order.
4. A long sentence carrying two facts may also serve a second claim whose content it
   contains (one second claim at most).

Cost: the scored pairs are those sharing an uncommon term, so work grows with the number
of such pairs, about quadratic in the number of articles and linear in article length
(one long article is never compared with itself); clustering pops merges from a heap,
O(E log E) in the number E of scored pairs. A 5-article story takes a few hundredths of a
second, a synthetic 30-outlet story (1,800 sentences) well under a second.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain, combinations
from math import fsum
from types import MappingProxyType

from rapidfuzz import fuzz

from ..model import POSSIBLE_MATCH, Article, ArticleText, Claim, ClaimSource, Sentence
from . import names
from .quantities import NUMBER_WORDS, facet, number_value, quantities, time_facet, times
from .spans import QuoteSpan, find_spans
from .text import STOP_WORDS, fold, unique_ids, word_set, wording_id

_WORD = re.compile(r"[a-z0-9]+")
STEM_LENGTH = 6  # truncation stem: joins inflections and transliteration variants

# Similarity thresholds (0-1).
LINK = 0.22  # weighted dice, averaged over member pairs, needed to merge two groups
FLOOR = 0.1  # every pair inside a claim must share at least this much
SECOND = 0.4  # share of a claim's content a sentence must contain to join it as well
# A term in more sentences than this (per article, at least COMMON_MIN) is an everyday
# word of the story: it adds to a pair's score but does not propose pairs on its own.
COMMON_PER_ARTICLE = 2
COMMON_MIN = 20
MIN_TERMS = 3  # sentences with fewer content terms state nothing on their own


# Memoised: the aligner, similar_pairs and divergences' context windows ask for the terms
# of the same sentences again and again; a pure function of a str, returning a tuple.
@lru_cache(maxsize=1 << 16)
def terms(text: str) -> tuple[str, ...]:
    """Content terms of ``text``: folded, stop words out, numbers as digits, stemmed."""
    out: list[str] = []
    folded = fold(text).replace("%", " percent ").replace("'s ", " ")
    for word in _WORD.findall(folded):
        if word in STOP_WORDS:
            continue
        if word in NUMBER_WORDS:
            value = number_value(word)
            if value is not None:
                word = str(int(value)) if value == int(value) else str(value)
        if len(word) < 2:
            continue
        out.append(word[:STEM_LENGTH])
    return tuple(out)


@dataclass(frozen=True)
class _Unit:
    """A sentence as the aligner sees it."""

    sentence: Sentence
    order: int  # article position in the story
    terms: frozenset[str]
    # the terms that name people, with their titles and roles: a pair sharing only those
    # (and a word more) is two things one person said or did, not one claim
    person_terms: frozenset[str] = frozenset()
    name_terms: frozenset[str] = frozenset()  # the names alone
    # an appositive after a name ("X, the lawyer for the campaigners,"): describes the
    # person when two sentences name the same one; may be the other's actor otherwise
    aside_terms: frozenset[str] = frozenset()
    # capitalised words past the first (places, bodies, days): the setting of a statement,
    # which two sentences about one event share whatever each of them states
    proper_terms: frozenset[str] = frozenset()
    quotation: bool = False  # only a quotation and its attribution
    quoting: bool = False  # carries a quotation


# A sentence whose words outside quotation marks, names and reporting verbs left out,
# are fewer than this is a quotation with its attribution: the quote table has it, and a
# claim it carries is marked as a quotation (what someone said, not a fact reported).
QUOTATION_ONLY = 3
SHARED_MIN = 2  # terms other than names two sentences must share to be one claim
THIN = 0.6  # what a pair sharing fewer such terms keeps of its score
SPEAKER_ONLY = 0.3  # ... when what else they share is a person's name
SURE = 0.6  # dice from which a source's match to its claim has confidence 1


def _outside_quotes(sentence: Sentence, spans: Sequence[QuoteSpan]) -> str:
    """The sentence with every quotation in it blanked out."""
    text = sentence.text
    for span in spans:
        a, b = max(span.start, sentence.start), min(span.end, sentence.end)
        if a < b:
            a, b = a - sentence.start, b - sentence.start
            text = text[:a] + " " * (b - a) + text[b:]
    return text


# Role nouns a reporter puts before or after a name besides those speakers reads as a
# speaker by themselves ("the harbour master, X", "X, warden of ..."): part of naming a
# person, not of what the sentence states.
_MORE_ROLES = word_set(
    """master warden dean principal superintendent inspector trustee steward commissioner
    coordinator organiser organizer administrator controller auditor ombudsman"""
)
_ROLES = names.ROLE_NOUNS | names.TITLE_HEADS | _MORE_ROLES
_WORDS_BEFORE = re.compile(r"(?:([A-Za-z][\w'-]*)\s+)?([A-Za-z][\w'-]*),?\s+$")


# an appositive after a name: "X, the lawyer for the campaigners," / "X, representing ..."
_APPOSITIVE = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?([a-z][\w'-]*)[^,;:\"“”]{0,50},")
_STANDING_FOR = word_set("representing acting speaking")


def _person_terms(
    text: str, mentions: Sequence[names.Mention]
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The terms that name people in ``text``: their names, and the title or role written
    in front of each ("Mayor", "fire chief", "the harbour master, X"). Two sentences
    sharing only these share a person, not a statement. (An appositive after the name,
    "X, director of the port authority", stays content: the body is often the actor of
    another outlet's sentence, "the port authority said".)"""
    named: set[str] = set()
    roles: set[str] = set()
    asides: set[str] = set()
    for m in mentions:
        named.update(terms(m.name))
        roles.update(terms(f"{m.title} {m.role}"))
        before = _WORDS_BEFORE.search(text, max(0, m.start - 40), m.start)
        if before and fold(before.group(2)) in _ROLES:
            roles.update(terms(before.group(0)))
        after = _APPOSITIVE.match(text, m.end)
        if after and fold(after.group(1)) in _ROLES | _STANDING_FOR:
            asides.update(terms(after.group(0)))
    return frozenset(named), frozenset(roles), frozenset(asides) - named


_CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*")


def _proper_terms(text: str) -> frozenset[str]:
    """Terms of the capitalised words after a sentence's first word."""
    begin = len(text) - len(text.lstrip("\"“‘'( "))
    found = [m.group() for m in _CAPITALISED.finditer(text) if m.start() != begin]
    return frozenset(terms(" ".join(found))) if found else frozenset()


# Facets of the figures and times in a sentence, as terms: "three died", "four people
# were killed" and "lost their lives" all state the death toll, although they share no
# word; a shared facet is a shared predicate. A "#" keeps them apart from any word.
def _facet_terms(text: str) -> frozenset[str]:
    found = [f"#{facet(text, q.start, q.end)}" for q in quantities(text)]
    found += [f"#{time_facet(text, t.start, t.end)}" for t in times(text)]
    return frozenset(f for f in found if f != "#")


def _units(
    articles: Sequence[Article],
    texts: Sequence[ArticleText],
    sentences: Sequence[Sentence],
    mentions: dict[tuple[str, int], tuple[names.Mention, ...]],
    spans: Mapping[str, tuple[QuoteSpan, ...]],
) -> list[_Unit]:
    """The sentences the aligner compares; ``mentions`` is filled with the people each
    one names."""
    order = {a.id: i for i, a in enumerate(articles)}
    for t in texts:
        order.setdefault(t.article, len(order))
    headings = {
        (t.article, i) for t in texts for i, b in enumerate(t.blocks) if b.kind == "heading"
    }
    starts = {a: [q.start for q in found] for a, found in spans.items()}
    units = []
    for s in sorted(sentences, key=lambda s: (order.get(s.article, len(order)), s.index)):
        if (s.article, s.block) in headings:
            continue
        found = frozenset(terms(s.text))
        if len(found) < MIN_TERMS:
            continue
        found |= _facet_terms(s.text)
        # the people a sentence names, found once: the divergence finder reads them too
        mentions[(s.article, s.index)] = named = names.mentions(s.text)
        persons, roles, asides = _person_terms(s.text, named)
        quoted = spans.get(s.article, ())
        quotation = False
        inside: Sequence[QuoteSpan] = ()
        if quoted:
            at = starts[s.article]
            inside = quoted[bisect_right(at, s.start - 2) : bisect_right(at, s.end)]
            if inside:
                outside = frozenset(terms(_outside_quotes(s, inside))) - persons
                quotation = len(outside) < QUOTATION_ONLY
        units.append(
            _Unit(
                s,
                order.get(s.article, len(order)),
                found,
                person_terms=persons | roles,
                name_terms=persons,
                aside_terms=asides,
                proper_terms=_proper_terms(s.text) - persons,
                quotation=quotation,
                quoting=bool(quoted and inside),
            )
        )
    # a surname written alone ("Brenner said ...") is a name too once the story has named
    # that person in full somewhere; only where it is capitalised: a body named like a
    # person ("Friends of Greyhaven Library") must not make "the library" a name
    people = frozenset().union(*(u.name_terms for u in units))
    out = []
    for u in units:
        alone = u.terms & people
        if alone:
            alone &= frozenset(terms(" ".join(_CAPITALISED.findall(u.sentence.text))))
        out.append(replace(u, person_terms=alone | u.person_terms, name_terms=alone | u.name_terms))
    return out


def _weights(units: Sequence[_Unit]) -> dict[str, float]:
    """Rarity weight of each term across the story's sentences (smoothed idf)."""
    n = len(units)
    return {term: math.log(1 + n / count) for term, count in _counts(units).items()}


def _counts(units: Sequence[_Unit]) -> Counter[str]:
    """How many of the units use each term."""
    return Counter(chain.from_iterable(u.terms for u in units))


def _pair_scores(
    units: Sequence[_Unit], weight: dict[str, float], mass: Sequence[float]
) -> dict[tuple[int, int], float]:
    """Similarity of sentence pairs from different articles that share an uncommon term.

    Candidates come from an inverted index of the terms no more than a few sentences per
    article use, so pairs sharing only the story's everyday words ("talks",
    "president") are never visited; a candidate is then scored on all its shared terms.
    Only pairs across articles are visited, so one long article costs nothing against
    itself.
    """
    article = [u.sentence.article for u in units]
    cap = max(COMMON_MIN, COMMON_PER_ARTICLE * len(set(article)))
    # only the terms that propose pairs are indexed: more than one unit uses them (most
    # terms of a story appear once) and no more than ``cap``
    proposing = {term for term, count in _counts(units).items() if 1 < count <= cap}
    index: dict[str, list[int]] = {term: [] for term in proposing}
    for i, u in enumerate(units):
        for term in u.terms & proposing:
            index[term].append(i)
    candidates: set[tuple[int, int]] = set()
    for found in index.values():
        # in unit order, so each pair comes out as (lower, higher)
        if len({article[i] for i in found}) == len(found):  # one unit per article
            candidates.update(combinations(found, 2))
        else:
            candidates.update((i, j) for i, j in combinations(found, 2) if article[i] != article[j])
    scores = {}
    for i, j in sorted(candidates):
        a, b = units[i], units[j]
        shared = a.terms & b.terms
        if (
            a.quoting
            and b.quoting
            and a.name_terms
            and b.name_terms
            and not a.name_terms & b.name_terms
        ):
            # two named people's quotations, however alike they read (an official's words
            # and the filing they sum up): two sources saying it, not one claim reported
            # twice; the quote table tells them apart too
            continue
        common = fsum(map(weight.__getitem__, shared))
        score = 2 * common / (mass[i] + mass[j])
        # (the sizes alone usually show that enough is shared beyond the names)
        described = len(a.person_terms) + len(b.person_terms)
        described += len(a.aside_terms) + len(b.aside_terms)
        if len(shared) - described >= SHARED_MIN:
            scores[(i, j)] = score
            continue
        persons = a.person_terms | b.person_terms
        if a.name_terms & b.name_terms:
            persons |= a.aside_terms | b.aside_terms  # one person, described twice
        plain = shared - persons
        if len(plain) < SHARED_MIN and not any(t[0] == "#" for t in plain):
            # (a shared facet is a predicate and a figure: the death toll, when it
            # started; enough on its own within one story)
            # a word in common and no more: the pair stays known (aligned neighbours may
            # still place it) but weak; with one person in common as well, it is most
            # often two things that person said or did, too weak even for that
            score *= THIN if plain == shared else SPEAKER_ONLY
        scores[(i, j)] = score
    return scores


def _states(a: _Unit, b: _Unit) -> bool:
    """Whether two sentences share a statement: enough terms besides people, roles and
    proper nouns, or a facet (a predicate with its figure)."""
    shared = _statement_shared(a, b)
    return len(shared) >= SHARED_MIN or any(t[0] == "#" for t in shared)


def _statement_shared(a: _Unit, b: _Unit) -> frozenset[str]:
    """The terms two sentences share besides people, their roles and proper nouns."""
    return (a.terms & b.terms) - a.person_terms - b.person_terms - a.proper_terms - b.proper_terms


def _masses(units: Sequence[_Unit], weight: dict[str, float]) -> list[float]:
    # fsum: exact whatever the order, and a frozenset's order changes with the hash seed
    return [fsum(map(weight.__getitem__, u.terms)) for u in units]


def _cluster(
    units: Sequence[_Unit],
    scores: dict[tuple[int, int], float],
    neighbours: dict[int, dict[int, float]],
) -> list[list[int]]:
    """Average-link agglomerative clustering, at most one sentence per article per cluster."""
    members: dict[int, list[int]] = {i: [i] for i in range(len(units))}
    arts: dict[int, set[str]] = {i: {units[i].sentence.article} for i in range(len(units))}
    # link[c][d] = summed similarity between the members of clusters c and d
    link: dict[int, dict[int, float]] = {i: dict(neighbours.get(i, {})) for i in range(len(units))}
    heap = [(-s, i, j) for (i, j), s in scores.items() if s >= LINK]
    heapq.heapify(heap)
    while heap:
        neg, c, d = heapq.heappop(heap)
        if c not in members or d not in members:
            continue
        current = link[c].get(d, 0.0) / (len(members[c]) * len(members[d]))
        if abs(current + neg) > 1e-12:
            continue  # stale entry; a fresh one was pushed when it changed
        if arts[c] & arts[d]:
            continue
        if any(
            neighbours.get(x, _NONE).get(y, 0.0) < FLOOR for x in members[c] for y in members[d]
        ):
            continue  # a sentence sharing nothing with a member: a chain, not one claim
        # merge d into c
        members[c].extend(members.pop(d))
        arts[c] |= arts.pop(d)
        for e, s in link.pop(d).items():
            if e == c:
                continue
            link[c][e] = link[c].get(e, 0.0) + s
            link[e][c] = link[c][e]
            link[e].pop(d, None)
        link[c].pop(d, None)
        for e, s in link[c].items():
            if e in members and not (arts[c] & arts[e]):
                avg = s / (len(members[c]) * len(members[e]))
                if avg >= LINK:
                    heapq.heappush(heap, (-avg, min(c, e), max(c, e)))
    return [sorted(m) for _, m in sorted(members.items())]


# Far more than the rounding error of a share estimated from pair scores (a few units in
# the last place of numbers near 1), far less than any difference between shares that
# matters.
_ROUNDING = 1e-9
# No scored partners: what _similarity reads for a unit absent from the neighbour table.
_NONE: Mapping[int, float] = MappingProxyType({})


def _similarity(near: dict[int, dict[int, float]], i: int, j: int) -> float:
    """The pair score of units i and j, read from the neighbour table (one dict lookup
    per unit, no pair key to build)."""
    if i == j:
        return 1.0
    return near.get(i, _NONE).get(j, 0.0)


def _neighbours(scores: dict[tuple[int, int], float]) -> dict[int, dict[int, float]]:
    """Each sentence's scored partners (sentences of other articles sharing a term)."""
    near: dict[int, dict[int, float]] = defaultdict(dict)
    for (i, j), s in scores.items():
        near[i][j] = s
        near[j][i] = s
    return dict(near)


def _contained(
    units: Sequence[_Unit],
    weight: Mapping[str, float],
    mass: Sequence[float],
    member: int,
    container: int,
) -> float:
    """The share of ``member``'s content (by weight) that ``container`` holds."""
    common = units[member].terms & units[container].terms
    return fsum(map(weight.__getitem__, common)) / mass[member]


def _second_homes(
    clusters: list[list[int]],
    units: Sequence[_Unit],
    weight: dict[str, float],
    near: dict[int, dict[int, float]],
    mass: Sequence[float],
) -> list[list[int]]:
    """Let a long sentence also serve a claim whose sentences it contains.

    A sentence that carries two facts is clustered with the sentences stating one of
    them; for the other, measure how much of each member's content it contains (not
    dice, which a long sentence always loses), and add the article's best container.
    """

    def contained(member: int, container: int) -> float:
        return _contained(units, weight, mass, member, container)

    offers: list[tuple[float, int, int]] = []  # (-share, cluster, container)
    for k, cluster in enumerate(clusters):
        have = {units[i].sentence.article for i in cluster}
        # a container shares words with every member, so it is a scored neighbour of each
        candidates = set.intersection(*(set(near.get(m, ())) for m in cluster))
        for i in sorted(candidates):
            if units[i].sentence.article in have:
                continue
            if any(_similarity(near, m, i) < FLOOR for m in cluster):
                continue  # a short member is "contained" in any sentence using its words
            if (
                len(cluster) == 1
                and len(_statement_shared(units[cluster[0]], units[i])) < SHARED_MIN
            ):
                # one outlet's point would become a shared one on containment alone: not
                # when the long sentence contains only its people, places and a word more
                # (its setting, not its statement)
                continue
            # the pair score already says how much weight the two share (dice: twice the
            # common weight over both masses), up to rounding; only a container that may
            # reach SECOND is measured exactly
            rough = sum(near[m][i] * (mass[m] + mass[i]) / (2 * mass[m]) for m in cluster)
            if rough / len(cluster) < SECOND - _ROUNDING:
                continue
            share = sum(contained(m, i) for m in cluster) / len(cluster)
            if share >= SECOND:
                offers.append((-share, k, i))
    offers = _not_repeated(offers, clusters, units, near)
    # best offers first; a sentence serves one second claim at most (two facts, two
    # claims), and a claim takes one sentence per article
    out = [list(c) for c in clusters]
    arts = [{units[i].sentence.article for i in c} for c in clusters]
    used: set[int] = set()
    for _, k, i in sorted(offers):
        article = units[i].sentence.article
        if i in used or article in arts[k]:
            continue
        used.add(i)
        out[k].append(i)
        arts[k].add(article)
    return [sorted(c) for c in out]


def _not_repeated(
    offers: list[tuple[float, int, int]],
    clusters: list[list[int]],
    units: Sequence[_Unit],
    near: dict[int, dict[int, float]],
) -> list[tuple[float, int, int]]:
    """Drop the offers that would show one claim in two rows.

    A sentence left alone may state the very point its containers' own claim states (an
    outlet's second sentence on the lede's fact, when its lede took that claim's slot):
    gathering the containers around it would repeat that claim in a second row. It is
    the same point when the lone sentence is as close as a claim's members are to a
    member of that claim that is not itself offered to it.
    """
    home = {i: k for k, c in enumerate(clusters) for i in c}
    offered: dict[int, set[int]] = defaultdict(set)
    for _, k, i in offers:
        offered[k].add(i)
    kept = []
    for offer in offers:
        _, k, i = offer
        if len(clusters[k]) == 1:
            lone = clusters[k][0]
            article = units[lone].sentence.article
            if any(
                _similarity(near, lone, j) >= LINK
                for j in clusters[home[i]]
                if j not in offered[k] and units[j].sentence.article != article
            ):
                continue
        kept.append(offer)
    return kept


def _fill_gaps(
    clusters: list[list[int]],
    units: Sequence[_Unit],
    partners: dict[int, dict[int, float]],
) -> list[list[int]]:
    """Place a leftover sentence beside the one that sits between the same neighbours.

    Rewrites of one wire story keep its order: when sentence i of one article and j of
    another are each flanked by sentences that share claims (i-1 with j-1, i+1 with j+1),
    i and j are most likely the same point reworded, even with few words in common, so a
    sentence left alone joins j's claim (when that claim has no sentence from its article
    and every member shares something with it).
    """
    home = {i: k for k, c in enumerate(clusters) for i in c}

    def near(i: int, step: int) -> int | None:
        # units are in reading order, so the neighbour is the next unit of the article
        j = i + step
        if 0 <= j < len(units) and units[j].sentence.article == units[i].sentence.article:
            return j
        return None

    def together(x: int | None, y: int | None) -> bool:
        return x is not None and y is not None and home[x] == home[y]

    out = [list(c) for c in clusters]
    arts = [{units[i].sentence.article for i in c} for c in out]
    moves = []
    for k, cluster in enumerate(out):
        if len(cluster) != 1:
            continue
        i = cluster[0]
        for j in sorted(partners.get(i, ())):
            if units[j].sentence.article in arts[k] or units[i].sentence.article in arts[home[j]]:
                continue
            if any(_similarity(partners, i, m) < FLOOR for m in out[home[j]]):
                continue
            if together(near(i, -1), near(j, -1)) and together(near(i, 1), near(j, 1)):
                moves.append((-_similarity(partners, i, j), i, j))
    moved: set[int] = set()
    for _, i, j in sorted(moves):
        target = home[j]
        if i in moved or units[i].sentence.article in arts[target] or len(out[home[i]]) != 1:
            continue
        out[home[i]] = []
        out[target].append(i)
        arts[target].add(units[i].sentence.article)
        home[i] = target
        moved.add(i)
    return [sorted(c) for c in out if c]


def _strength(a: str, b: str) -> str:
    fa, fb = fold(a), fold(b)
    if fa == fb or fuzz.ratio(fa, fb) >= 95:
        return "verbatim"
    if fuzz.token_sort_ratio(fa, fb) >= 70:
        return "close"
    return "paraphrase"


@dataclass(frozen=True)
class _Placing:
    """How each sentence came into its claims, for the confidence of each match."""

    near: dict[int, dict[int, float]]
    home: dict[int, int]  # unit -> index of its first claim
    second: dict[int, float]  # unit -> share of its second claim it contains
    gap: frozenset[int]  # units placed between aligned neighbours, on few words
    articles: list[frozenset[str]]  # each claim's articles


# A source about as close to another claim as to its own is ambiguous: from this ratio of
# the other claim's mean similarity to its own, its confidence falls, to 0 at parity.
# (On the demo gold this puts 4 of 6 wrongly joined sources below POSSIBLE_MATCH, and 16
# of 87 right ones; similarity alone put 2 of 7 and 9 of 90.)
AMBIGUOUS = 0.5
RIVAL_MIN = 2  # members from other articles a claim needs to count as a rival


def _confidence(
    i: int,
    k: int,
    closeness: float,
    cluster: list[int],
    clusters: list[list[int]],
    units: Sequence[_Unit],
    placing: _Placing,
) -> float:
    """How sure the match of unit ``i`` to claim ``k`` is, 0-1.

    Similarity to the claim (dice over ``SURE``) is lowered when what the sentence shares
    with the other members is only people, their roles, proper nouns and a word more (the
    setting, not the statement), when it is as close to another claim as to this one,
    when only its neighbours placed it, and when this is its second claim (by how much of
    the claim it contains).
    """
    sure = min(1.0, closeness / SURE)
    others = [j for j in cluster if j != i]
    if not others:
        return 1.0
    if not any(_states(units[i], units[j]) for j in others):
        sure *= THIN
    own = fsum(_similarity(placing.near, i, j) for j in others) / len(others)
    rival = 0.0
    home, first = placing.home, placing.home[i]
    by_claim: dict[int, float] = {}
    # (a plain sum: the neighbours come in one fixed order, that of the scored pairs)
    for j, s in placing.near.get(i, _NONE).items():
        if s < FLOOR:
            continue  # (most neighbours: too weak to make another claim a rival)
        c = home[j]
        if c != k and c != first:
            by_claim[c] = by_claim.get(c, 0.0) + s
    article = units[i].sentence.article
    for c, found in by_claim.items():
        # the rival claim's members from other articles than this sentence's
        members = len(clusters[c]) - (article in placing.articles[c])
        if members >= RIVAL_MIN:
            rival = max(rival, found / members)
    if own > 0 and rival > AMBIGUOUS * own:
        sure *= max(0.0, (own - rival) / ((1 - AMBIGUOUS) * own))
    if i in placing.gap:
        sure = min(sure, POSSIBLE_MATCH - 0.05)
    if i in placing.second:
        sure = min(sure, placing.second[i] / (2 * SECOND))
    return round(max(0.0, min(1.0, sure)), 2)


def _in_source_order(cluster: list[int], units: Sequence[_Unit]) -> list[int]:
    return sorted(cluster, key=lambda i: (units[i].sentence.article, units[i].sentence.index))


def _claim(k: int, clusters: list[list[int]], units: Sequence[_Unit], placing: _Placing) -> Claim:
    cluster = clusters[k]
    near = placing.near

    def centrality(i: int) -> tuple[float, str, int]:
        others = [_similarity(near, i, j) for j in cluster if j != i]
        mean = sum(others) / len(others) if others else 1.0
        return (-mean, units[i].sentence.article, units[i].sentence.index)

    # The statement is one of the claim's own first sentences: a two-fact sentence
    # serving it second is the statement of its first claim, and as both claims' statement
    # it showed one claim in two rows (issue 19).
    firsts = [i for i in cluster if placing.home[i] == k] or cluster
    rep = min(firsts, key=centrality)
    rep_text = units[rep].sentence.text
    sources = []
    for i in _in_source_order(cluster, units):
        s = units[i].sentence
        score = 100.0 * _similarity(near, i, rep)
        others = [_similarity(near, i, j) for j in cluster if j != i]
        # the representative's closeness is its mean similarity to the others; any other
        # source's is its similarity to the representative
        if not others:
            closeness = SURE
        elif i == rep:
            closeness = fsum(others) / len(others)
        else:
            closeness = _similarity(near, i, rep)
        sources.append(
            ClaimSource(
                article=s.article,
                sentence=s.index,
                text=s.text,
                strength="verbatim" if i == rep else _strength(s.text, rep_text),
                score=round(min(score, 100.0), 1),
                confidence=_confidence(i, k, closeness, cluster, clusters, units, placing),
                quotation=units[i].quotation,
            )
        )
    # from its own words only: an article added elsewhere in the story leaves it alone
    return Claim(id=wording_id(rep_text), text=rep_text, sources=tuple(sources))


@dataclass(frozen=True)
class ScoredSentences:
    """One story's sentence units, term weights, pair scores and masses, read-only.

    The claim aligner and the divergence finder both need them; :func:`score_sentences`
    computes them once and the analysis stage passes the value to both, so the quadratic
    scoring runs once per story, with no cache linking the two.
    """

    units: Sequence[_Unit]
    weight: Mapping[str, float]
    scores: Mapping[tuple[int, int], float]
    mass: Sequence[float]
    # the people each compared sentence names, by (article, sentence index)
    mentions: Mapping[tuple[str, int], tuple[names.Mention, ...]] = field(default_factory=dict)


def score_sentences(
    articles: Sequence[Article],
    texts: Sequence[ArticleText],
    sentences: Sequence[Sentence],
    spans: Mapping[str, tuple[QuoteSpan, ...]] | None = None,
) -> ScoredSentences:
    """``spans``: each article's quotation spans (found here when not given)."""
    mentions: dict[tuple[str, int], tuple[names.Mention, ...]] = {}
    if spans is None:
        spans = {t.article: find_spans(t) for t in texts}
    units = _units(articles, texts, sentences, mentions, spans)
    weight = _weights(units)
    mass = _masses(units, weight)
    return ScoredSentences(units, weight, _pair_scores(units, weight, mass), mass, mentions)


def similar_pairs(
    articles: Sequence[Article],
    texts: Sequence[ArticleText],
    sentences: Sequence[Sentence],
    threshold: float = LINK,
    scored: ScoredSentences | None = None,
) -> tuple[tuple[Sentence, Sentence, float], ...]:
    """Sentence pairs from different articles scoring at least ``threshold``, best first.

    Later stages compare what such pairs say (numbers, dates, places) even when the two
    sentences ended up in different claims.
    """
    scored = scored or score_sentences(articles, texts, sentences)
    units, scores = scored.units, scored.scores
    pairs = [
        (units[i].sentence, units[j].sentence, round(s, 6))
        for (i, j), s in scores.items()
        if s >= threshold
    ]
    return tuple(
        sorted(pairs, key=lambda p: (-p[2], p[0].article, p[0].index, p[1].article, p[1].index))
    )


def aligned_sentences(
    scored: ScoredSentences, threshold: float = LINK
) -> frozenset[tuple[tuple[str, int], tuple[str, int]]]:
    """(article, sentence index) pairs of sentences from two articles scoring at least
    ``threshold``, in no order (what :func:`similar_pairs` lists, without sorting)."""
    units = scored.units
    return frozenset(
        (
            (units[i].sentence.article, units[i].sentence.index),
            (units[j].sentence.article, units[j].sentence.index),
        )
        for (i, j), s in scored.scores.items()
        if s >= threshold
    )


def align_claims(
    articles: Sequence[Article],
    texts: Sequence[ArticleText],
    sentences: Sequence[Sentence],
    scored: ScoredSentences | None = None,
) -> tuple[Claim, ...]:
    """Group the articles' sentences into claims, shared (2+ articles) or unique (one)."""
    scored = scored or score_sentences(articles, texts, sentences)
    units, weight, scores, mass = scored.units, scored.weight, scored.scores, scored.mass
    if not units:
        return ()
    near = _neighbours(scores)  # read by each step below; none changes it
    joined = _cluster(units, scores, near)
    clustered = _fill_gaps(joined, units, near)
    alone = {c[0] for c in joined if len(c) == 1}
    gap = frozenset(i for c in clustered if len(c) > 1 for i in c if i in alone)
    clusters = _second_homes(clustered, units, weight, near, mass)

    def order(cluster: list[int]) -> tuple[int, float, int, int]:
        first = min(cluster, key=lambda i: (units[i].order, units[i].sentence.index))
        return (-len(cluster), units[first].order, units[first].sentence.index, len(cluster))

    ranked = sorted(range(len(clusters)), key=lambda k: order(clusters[k]))
    clusters = [clusters[k] for k in ranked]
    rank = {k: n for n, k in enumerate(ranked)}
    # each sentence's first claim (the one it was clustered into), and, for a sentence
    # serving a second claim, how much of that claim's first members it contains
    home = {i: rank[k] for k, c in enumerate(clustered) for i in c}
    second = {
        i: fsum(_contained(units, weight, mass, m, i) for m in firsts) / len(firsts)
        for k, c in enumerate(clusters)
        for firsts in [[m for m in c if home[m] == k]]
        for i in c
        if home[i] != k
    }
    articles = [frozenset(units[i].sentence.article for i in c) for c in clusters]
    placing = _Placing(near, home, second, gap, articles)
    claims = [_claim(k, clusters, units, placing) for k in range(len(clusters))]
    # two claims stated in the same words: the one more outlets carry keeps the plain id
    ids = unique_ids([c.id for c in claims])
    claims = [replace(c, id=i) for c, i in zip(claims, ids, strict=True)]
    # a second home names the claim where its sentence is first (every id is known by now)
    return tuple(
        replace(
            claim,
            sources=tuple(
                replace(src, home=claims[home[i]].id) if home[i] != k else src
                for src, i in zip(claim.sources, _in_source_order(clusters[k], units), strict=True)
            ),
        )
        for k, claim in enumerate(claims)
    )
