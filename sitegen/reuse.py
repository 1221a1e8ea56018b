"""Text reuse between articles: passages one article shares word for word with another.

Wire copy and its rewrites keep long runs of identical words. Each article is cut into
word tokens (compared after folding typography and case); every run of at least
``MIN_WORDS`` consecutive tokens found in both articles is a reused passage. Runs are
found by hashing ``MIN_WORDS``-grams (shingles) and extending each seed match as far as it
goes, so the cost is linear in the articles' lengths per pair (quadratic in the number of
articles only through the number of pairs).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

from .model import ArticleText, Passage, Reuse
from .wordiff import fold, tokens

MIN_WORDS = 8  # shorter shared runs are common phrasing, not copying


def _words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Folded word tokens (punctuation dropped) and their spans in ``text``."""
    keys, spans = [], []
    # news copy repeats its words: fold each spelling once (None: punctuation, no word)
    folded: dict[str, str | None] = {}
    for start, end in tokens(text):
        piece = text[start:end]
        if piece in folded:
            key = folded[piece]
        else:
            key = folded[piece] = fold(piece) if any(c.isalnum() for c in piece) else None
        if key is not None:
            keys.append(key)
            spans.append((start, end))
    return keys, spans


@dataclass(frozen=True)
class _Shingles:
    """An article's ``MIN_WORDS``-grams, cut once for all the pairs it is part of."""

    keys: list[str]
    grams: list[tuple[str, ...]]  # the gram starting at each token
    where: dict[tuple[str, ...], list[int]]  # gram -> where it starts, in order


def _shingles(keys: list[str]) -> _Shingles:
    # zip of the shifted lists: the gram at each start, cut in C
    grams = list(zip(*(keys[k:] for k in range(MIN_WORDS)), strict=False))
    where: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j, gram in enumerate(grams):
        where[gram].append(j)
    return _Shingles(keys, grams, dict(where))


def _runs(sa: _Shingles, sb: _Shingles) -> list[tuple[int, int, int]]:
    """Maximal common runs (i in a, j in b, length) of at least MIN_WORDS tokens."""
    a, b = sa.keys, sb.keys
    if len(a) < MIN_WORDS or len(b) < MIN_WORDS:
        return []
    # only the grams both articles hold can start a run: find them with one set
    # intersection, then visit their places in a in reading order
    shared = sa.where.keys() & sb.where.keys()
    runs = []
    for i in sorted(i for gram in shared for i in sa.where[gram]):
        for j in sb.where[sa.grams[i]]:
            if i > 0 and j > 0 and a[i - 1] == b[j - 1]:
                continue  # inside a run that starts earlier and was taken there
            n = MIN_WORDS
            while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
                n += 1
            runs.append((i, j, n))
    return runs


def _share(spans: list[tuple[int, int]], ranges: list[tuple[int, int]], total: int) -> float:
    """Share of an article's word characters that lie in the given token ranges."""
    if not total:
        return 0.0
    inside: set[int] = set()
    for start, n in ranges:
        inside.update(range(start, start + n))
    chars = sum(spans[k][1] - spans[k][0] for k in inside)
    return round(chars / total, 4)


def find_reuse(texts: Sequence[ArticleText]) -> tuple[Reuse, ...]:
    """For each pair of articles, the share of each found verbatim in the other."""
    prepared = {t.article: (t, *_words(t.text)) for t in texts}
    shingles = {article: _shingles(keys) for article, (_, keys, _) in prepared.items()}
    totals = {article: sum(e - s for s, e in spans) for article, (_, _, spans) in prepared.items()}
    out = []
    for x, y in combinations(sorted(prepared), 2):
        text_a, _, spans_a = prepared[x]
        _, _, spans_b = prepared[y]
        runs = _runs(shingles[x], shingles[y])
        passages = []
        for i, j, n in runs:
            a_start, a_end = spans_a[i][0], spans_a[i + n - 1][1]
            b_start, b_end = spans_b[j][0], spans_b[j + n - 1][1]
            passages.append(Passage(a_start, a_end, b_start, b_end, text_a.text[a_start:a_end]))
        out.append(
            Reuse(
                a=x,
                b=y,
                share_a=_share(spans_a, [(i, n) for i, _, n in runs], totals[x]),
                share_b=_share(spans_b, [(j, n) for _, j, n in runs], totals[y]),
                passages=tuple(sorted(passages, key=lambda p: (p.a_start, p.b_start))),
            )
        )
    return tuple(out)
