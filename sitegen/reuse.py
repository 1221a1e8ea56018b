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
from itertools import combinations

from .model import ArticleText, Passage, Reuse
from .wordiff import fold, tokens

MIN_WORDS = 8  # shorter shared runs are common phrasing, not copying


def _words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    """Folded word tokens (punctuation dropped) and their spans in ``text``."""
    keys, spans = [], []
    folded: dict[str, str] = {}  # news copy repeats its words: fold each spelling once
    for start, end in tokens(text):
        piece = text[start:end]
        if any(c.isalnum() for c in piece):
            if piece not in folded:
                folded[piece] = fold(piece)
            keys.append(folded[piece])
            spans.append((start, end))
    return keys, spans


def _runs(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    """Maximal common runs (i in a, j in b, length) of at least MIN_WORDS tokens."""
    if len(a) < MIN_WORDS or len(b) < MIN_WORDS:
        return []
    where: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for j in range(len(b) - MIN_WORDS + 1):
        where[tuple(b[j : j + MIN_WORDS])].append(j)
    runs = []
    for i in range(len(a) - MIN_WORDS + 1):
        for j in where.get(tuple(a[i : i + MIN_WORDS]), ()):
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
    out = []
    for x, y in combinations(sorted(prepared), 2):
        text_a, keys_a, spans_a = prepared[x]
        _, keys_b, spans_b = prepared[y]
        runs = _runs(keys_a, keys_b)
        passages = []
        for i, j, n in runs:
            a_start, a_end = spans_a[i][0], spans_a[i + n - 1][1]
            b_start, b_end = spans_b[j][0], spans_b[j + n - 1][1]
            passages.append(Passage(a_start, a_end, b_start, b_end, text_a.text[a_start:a_end]))
        total_a = sum(e - s for s, e in spans_a)
        total_b = sum(e - s for s, e in spans_b)
        out.append(
            Reuse(
                a=x,
                b=y,
                share_a=_share(spans_a, [(i, n) for i, _, n in runs], total_a),
                share_b=_share(spans_b, [(j, n) for _, j, n in runs], total_b),
                passages=tuple(sorted(passages, key=lambda p: (p.a_start, p.b_start))),
            )
        )
    return tuple(out)
