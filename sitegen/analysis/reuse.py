"""Text reuse between articles: passages one article shares word for word with another.

Wire copy and its rewrites keep long runs of identical words. Each article is cut into
word tokens (compared after folding typography and case); every run of at least
``MIN_WORDS`` consecutive tokens found in both articles is a reused passage. Runs are
found by hashing ``MIN_WORDS``-grams (shingles) and extending each seed match as far as it
goes, so the cost is linear in the articles' lengths per pair (quadratic in the number of
articles only through the number of pairs).
"""

from __future__ import annotations

import operator
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations, compress

from ..model import ArticleText, Passage, Reuse
from .text import fold
from .wordiff import WORD

MIN_WORDS = 8  # shorter shared runs are common phrasing, not copying

# Joins a gram's words into one string: folded words never hold it.
_SEP = "\x00"


@dataclass(frozen=True)
class _Words:
    """An article's folded words (punctuation dropped), where each lies in its text, and
    its ``MIN_WORDS``-grams, cut once for all the pairs the article is part of.

    Flat lists of strings and ints, not a tuple per word or gram: an article's words live
    through the whole comparison, and so many small containers would cost the garbage
    collector more than the comparison itself.
    """

    keys: list[str]
    starts: list[int]
    ends: list[int]
    grams: list[str]  # the gram starting at each token, its words joined by _SEP
    first: dict[str, int]  # gram -> where it first starts
    more: dict[str, list[int]]  # gram -> where it starts, for grams found more than once

    def places(self, gram: str) -> Sequence[int]:
        """Where ``gram`` starts, in order."""
        return self.more.get(gram) or (self.first[gram],)


def _words(text: str) -> _Words:
    pieces = WORD.findall(text)
    # news copy repeats its words: fold each spelling once (None: no letter or digit)
    folded = {p: fold(p) if any(map(str.isalnum, p)) else None for p in set(pieces)}
    keys = list(map(folded.__getitem__, pieces))
    starts = list(map(re.Match.start, WORD.finditer(text)))
    ends = list(map(operator.add, starts, map(len, pieces)))
    if None in folded.values():  # a word of underscores alone: not a word
        kept = [key is not None for key in keys]
        keys, starts, ends = (list(compress(x, kept)) for x in (keys, starts, ends))
    grams = list(map(_SEP.join, zip(*(keys[k:] for k in range(MIN_WORDS)), strict=False)))
    # the first place of each gram: of repeated keys, dict() keeps the last value given
    first = dict(zip(reversed(grams), range(len(grams) - 1, -1, -1), strict=True))
    more: dict[str, list[int]] = {}
    if len(first) < len(grams):
        repeated = {gram for gram, n in Counter(grams).items() if n > 1}
        for j, gram in enumerate(grams):
            if gram in repeated:
                more.setdefault(gram, []).append(j)
    return _Words(keys, starts, ends, grams, first, more)


def _runs(wa: _Words, wb: _Words) -> list[tuple[int, int, int]]:
    """Maximal common runs (i in a, j in b, length) of at least MIN_WORDS tokens."""
    a, b = wa.keys, wb.keys
    if len(a) < MIN_WORDS or len(b) < MIN_WORDS:
        return []
    # only the grams both articles hold can start a run: find them with one set
    # intersection, then visit their places in a in reading order
    shared = wa.first.keys() & wb.first.keys()
    runs = []
    for i in sorted(i for gram in shared for i in wa.places(gram)):
        for j in wb.places(wa.grams[i]):
            if i > 0 and j > 0 and a[i - 1] == b[j - 1]:
                continue  # inside a run that starts earlier and was taken there
            n = MIN_WORDS
            while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
                n += 1
            runs.append((i, j, n))
    return runs


def _share(words: _Words, ranges: list[tuple[int, int]], total: int) -> float:
    """Share of an article's word characters that lie in the given token ranges."""
    if not total:
        return 0.0
    inside: set[int] = set()
    for start, n in ranges:
        inside.update(range(start, start + n))
    chars = sum(words.ends[k] - words.starts[k] for k in inside)
    return round(chars / total, 4)


def find_reuse(texts: Sequence[ArticleText]) -> tuple[Reuse, ...]:
    """For each pair of articles, the share of each found verbatim in the other."""
    prepared = {t.article: (t, _words(t.text)) for t in texts}
    totals = {
        article: sum(words.ends) - sum(words.starts) for article, (_, words) in prepared.items()
    }
    out = []
    for x, y in combinations(sorted(prepared), 2):
        text_a, wa = prepared[x]
        _, wb = prepared[y]
        runs = _runs(wa, wb)
        passages = []
        for i, j, n in runs:
            a_start, a_end = wa.starts[i], wa.ends[i + n - 1]
            b_start, b_end = wb.starts[j], wb.ends[j + n - 1]
            passages.append(Passage(a_start, a_end, b_start, b_end, text_a.text[a_start:a_end]))
        out.append(
            Reuse(
                a=x,
                b=y,
                share_a=_share(wa, [(i, n) for i, _, n in runs], totals[x]),
                share_b=_share(wb, [(j, n) for _, j, n in runs], totals[y]),
                passages=tuple(sorted(passages, key=lambda p: (p.a_start, p.b_start))),
            )
        )
    return tuple(out)
