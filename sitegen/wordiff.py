"""Word-level differences between two wordings of the same statement or quotation.

Outlets retype quotations: curly vs straight quotes, en dashes vs hyphens, ``…`` vs
``...``, no-break spaces. Those are not differences a reader cares about, so tokens are
compared after folding typography and case, while every piece returned is the original
text, so a page can show each article's exact characters.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

# Typographic variants that carry no wording difference, folded to one ASCII form.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)

# A number ("1,500", "2.5"), a word with inner apostrophes, hyphens or dots ("Europe's",
# "son-in-law", "U.S") or one run of other visible characters.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)+|\w+(?:['\u2019\-\u2010\u2011.]\w+)*|[^\w\s]+")

# A token and the whitespace after it. Every character that is not whitespace belongs to
# some token, so these pieces, after any leading whitespace, cover the text exactly.
_PIECE = re.compile(f"({_TOKEN.pattern})(\\s*)")

Op = tuple[str, str]


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (readable word lists)."""
    return frozenset(text.split())


@lru_cache(maxsize=1 << 16)  # the same words are folded on every page that diffs them
def fold(text: str) -> str:
    """Typography- and case-folded text with whitespace collapsed: the form compared."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return re.sub(r"\s+", " ", text).strip().casefold()


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
    keys_a, pieces_a = _pieces(a)
    keys_b, pieces_b = _pieces(b)
    if not keys_a or not keys_b:
        out: list[Op] = []
        if a:
            out.append(("delete", a))
        if b:
            out.append(("insert", b))
        return tuple(out)
    if keys_a == keys_b:  # the same wording (most often the very same sentence)
        return (("equal", a),)
    matcher = difflib.SequenceMatcher(a=keys_a, b=keys_b, autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(("equal", "".join(pieces_a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("delete", "".join(pieces_a[i1:i2])))
        if j2 > j1:
            out.append(("insert", "".join(pieces_b[j1:j2])))
    return tuple(_merge(out))


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
        words = [fold(text[s:e]) for s, e in tokens(text) if any(c.isalnum() for c in text[s:e])]
        if op == "delete":
            gone.extend(words)
        elif op == "insert":
            new.extend(words)
    return tuple(gone), tuple(new)
