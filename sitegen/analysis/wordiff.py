"""Word-level differences between two wordings of the same statement or quotation.

Outlets retype quotations: curly vs straight quotes, en dashes vs hyphens, ``…`` vs
``...``, no-break spaces. Those are not differences a reader cares about, so tokens are
compared after folding typography and case, while every piece returned is the original
text, so a page can show each article's exact characters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from .text import fold

# A number ("1,500", "2.5") or a word with inner apostrophes, hyphens or dots
# ("Europe's", "son-in-law", "U.S").
WORD = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:['\u2019\-\u2010\u2011.]\w+)*")
# A word or one run of other visible characters. No word starts inside such a run, so
# WORD alone finds the same words as this.
_TOKEN = re.compile(f"{WORD.pattern}|[^\\w\\s]+")

# A token and the whitespace after it. Every character that is not whitespace belongs to
# some token, so these pieces, after any leading whitespace, cover the text exactly.
_PIECE = re.compile(f"({_TOKEN.pattern})(\\s*)")

Op = tuple[str, str]


def tokens(text: str) -> list[tuple[int, int]]:
    """Spans of the word and punctuation tokens of ``text``."""
    return [m.span() for m in _TOKEN.finditer(text)]


@lru_cache(maxsize=1 << 14)  # a claim's wording is compared with each of its sources
def _pieces(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Tokens folded for comparison, and the original pieces that cover ``text`` exactly.

    Each piece runs from its token's start to the next token's start, so whitespace stays
    with the token before it and joining the pieces gives back ``text``.
    """
    found = _PIECE.findall(text)
    if not found:
        return (), (text,) if text else ()
    keys = tuple(map(fold, [token for token, _ in found]))
    pieces = [token + space for token, space in found]
    covered = sum(map(len, pieces))  # all but the leading whitespace
    pieces[0] = text[: len(text) - covered] + pieces[0]
    return keys, tuple(pieces)


# Pages ask for the same diff more than once (a quotation's story card and its own page
# both show each rendering, and test whether it is word for word); bounded, as pages come
# story by story.
@lru_cache(maxsize=1 << 13)
def word_diff(a: str, b: str) -> tuple[Op, ...]:
    """Word-level edit script from ``a`` to ``b`` as ``(op, text)`` pairs.

    ``op`` is ``equal`` (text from ``a``), ``delete`` (only in ``a``) or ``insert``
    (only in ``b``). Joining the equal and delete pieces gives ``a`` exactly; joining the
    equal and insert pieces gives ``b`` up to typography (equal pieces are ``a``'s
    characters, so call ``word_diff(b, a)`` to show ``b``'s own).
    """
    if a == b and _TOKEN.search(a):  # the very same words: nothing to compare
        return (("equal", a),)
    keys_a, pieces_a = _pieces(a)
    keys_b, pieces_b = _pieces(b)
    if not keys_a or not keys_b:
        out: list[Op] = []
        if a:
            out.append(("delete", a))
        if b:
            out.append(("insert", b))
        return tuple(out)
    if keys_a == keys_b:  # the same wording up to typography and case
        return (("equal", a),)
    out = []
    for tag, i1, i2, j1, j2 in _opcodes(keys_a, keys_b):
        if tag == "equal":
            out.append(("equal", "".join(pieces_a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("delete", "".join(pieces_a[i1:i2])))
        if j2 > j1:
            out.append(("insert", "".join(pieces_b[j1:j2])))
    return tuple(_merge(out))


def _matching_blocks(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int]]:
    """``difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_matching_blocks()``.

    The same algorithm (the longest matching block, earliest in ``a`` then in ``b``, then
    the same on each side of it), without the junk handling this module never uses:
    difflib's general version was half the cost of a claim page's word diffs. Tests
    compare the two on random sequences.
    """
    b2j: dict[str, list[int]] = {}
    for j, key in enumerate(b):
        b2j.setdefault(key, []).append(j)
    blocks = []
    queue = [(0, len(a), 0, len(b))]
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        besti, bestj, bestsize = alo, blo, 0
        # j2len[j]: length of the match ending with a[i - 1] and b[j]
        j2len: dict[int, int] = {}
        for i in range(alo, ahi):
            newj2len: dict[int, int] = {}
            for j in b2j.get(a[i], ()):
                if j < blo:
                    continue
                if j >= bhi:
                    break
                k = newj2len[j] = j2len.get(j - 1, 0) + 1
                if k > bestsize:
                    besti, bestj, bestsize = i - k + 1, j - k + 1, k
            j2len = newj2len
        if bestsize:
            blocks.append((besti, bestj, bestsize))
            if alo < besti and blo < bestj:
                queue.append((alo, besti, blo, bestj))
            if besti + bestsize < ahi and bestj + bestsize < bhi:
                queue.append((besti + bestsize, ahi, bestj + bestsize, bhi))
    blocks.sort()
    merged = []  # adjacent blocks joined, then the sentinel
    i1 = j1 = k1 = 0
    for i2, j2, k2 in blocks:
        if i1 + k1 == i2 and j1 + k1 == j2:
            k1 += k2
        else:
            if k1:
                merged.append((i1, j1, k1))
            i1, j1, k1 = i2, j2, k2
    if k1:
        merged.append((i1, j1, k1))
    merged.append((len(a), len(b), 0))
    return merged


def _opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """``difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()``."""
    i = j = 0
    answer = []
    for ai, bj, size in _matching_blocks(a, b):
        if i < ai and j < bj:
            answer.append(("replace", i, ai, j, bj))
        elif i < ai:
            answer.append(("delete", i, ai, j, bj))
        elif j < bj:
            answer.append(("insert", i, ai, j, bj))
        i, j = ai + size, bj + size
        if size:
            answer.append(("equal", ai, i, bj, j))
    return answer


def _merge(ops: list[Op]) -> list[Op]:
    merged: list[Op] = []
    for op, text in ops:
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
        else:
            merged.append((op, text))
    return merged


def changed_words(diff: tuple[Op, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words (not punctuation) deleted from ``a`` and inserted in ``b``, folded."""
    gone: list[str] = []
    new: list[str] = []
    for op, text in diff:
        # WORD finds the tokens that hold a word character; a word of "_" alone is none
        words = [fold(w) for w in WORD.findall(text) if any(map(str.isalnum, w))]
        if op == "delete":
            gone.extend(words)
        elif op == "insert":
            new.extend(words)
    return tuple(gone), tuple(new)


# A misspelt name differs from the right one by a letter or two ("Kowalczyk" /
# "Kowalcyk"); short names differ by one letter between different people ("Berg" /
# "Borg"), so only names this long are compared.
NEAR_SPELLING_MIN = 6


def near_spelling(a: str, b: str) -> bool:
    """Whether two (folded) surnames are one name misspelt: a letter or two apart out of
    six or more (one letter up to eight letters, two beyond)."""
    if a == b or min(len(a), len(b)) < NEAR_SPELLING_MIN or a[:1] != b[:1]:
        return False
    allowed = 1 if max(len(a), len(b)) <= 8 else 2
    return Levenshtein.distance(a, b, score_cutoff=allowed) <= allowed
