"""Where the direct quotations are in an article's plain text.

A quotation is the text between an opening and a matching closing mark, in any of the
common styles: “…” and "…", ‘…’ and '…', „…“, «…» (with or without inner spaces), »…«,
‹…›. An apostrophe inside or at the end of a word (“It’s”, “Russia’s”, “the players’”)
is not a mark, which is decided from the characters on either side of it, not from a list
of words.

A quotation never runs past its paragraph. When a paragraph ends with a quotation still
open, the piece up to the end of the paragraph is a quotation of its own; if the next
paragraph opens with a quotation mark (the convention for a quotation running over several
paragraphs), that piece is marked ``continued`` so attribution can carry the speaker over.
Only the outermost quotation counts: a quotation inside a quotation is part of the words
its speaker said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import ArticleText

# opening mark -> the marks that may close it
CLOSERS: dict[str, str] = {
    "\u201c": "\u201d\u201c",  # “ … ”   (a second “ typed as closer is tolerated)
    "\u201e": "\u201c\u201d",  # „ … “   German, „ … ” Polish
    "\u00ab": "\u00bb",  # « … »
    "\u00bb": "\u00ab\u00bb",  # » … «   Danish, » … » Swedish
    "\u2039": "\u203a",  # ‹ … ›
    "\u203a": "\u2039\u203a",  # › … ‹
    "\u201d": "\u201d",  # ” … ”   Swedish, Finnish
    '"': '"',
    "\u2018": "\u2019\u2018",  # ‘ … ’
    "\u201a": "\u2018\u2019",  # ‚ … ‘
    "'": "'",
}
MARKS = frozenset("".join(CLOSERS) + "".join(CLOSERS.values()))
_MARK = re.compile("[" + re.escape("".join(sorted(MARKS))) + "]")
SINGLE = frozenset("\u2018\u2019\u201a'\u2039\u203a")
GUILLEMETS = frozenset("\u00ab\u00bb\u2039\u203a")
# Characters that may stand right before an opening mark or right after a closing one.
_OPEN_CONTEXT = frozenset("([{/–—-―:")
_CLOSE_CONTEXT = frozenset(".,;:!?)]}/–—-―…")
_SPACE_INSIDE_GUILLEMETS = frozenset(" \u00a0\u202f\u2009")


@dataclass(frozen=True)
class QuoteSpan:
    """One quotation: ``text[start:end]`` are the characters between its marks."""

    start: int
    end: int
    text: str
    block: int  # index into ArticleText.blocks
    opening: str  # the opening mark
    closing: str  # the closing mark; "" when the paragraph ended first
    continued: bool = False  # goes on from an unclosed quotation in the paragraph before


def _flanks(text: str, i: int) -> tuple[bool, bool]:
    """Whether the mark at ``i`` can open and whether it can close a quotation.

    Inside guillemets a (no-break, thin) space between mark and word is typography, so it
    is looked through on the inner side: « Bonjour » opens and closes like «Bonjour».
    """
    before = text[i - 1] if i > 0 else ""
    after = text[i + 1] if i + 1 < len(text) else ""
    inner_after, inner_before = after, before
    if text[i] in GUILLEMETS:
        if after in _SPACE_INSIDE_GUILLEMETS and i + 2 < len(text) and not text[i + 2].isspace():
            inner_after = text[i + 2]
        if before in _SPACE_INSIDE_GUILLEMETS and i >= 2 and not text[i - 2].isspace():
            inner_before = text[i - 2]
    return _can_open(before, inner_after), _can_close(inner_before, after)


def _can_open(before: str, after: str) -> bool:
    starts_word = before == "" or before.isspace() or before in _OPEN_CONTEXT or before in MARKS
    return starts_word and after != "" and not after.isspace()


def _can_close(before: str, after: str) -> bool:
    ends_word = after == "" or after.isspace() or after in _CLOSE_CONTEXT or after in MARKS
    return before != "" and not before.isspace() and ends_word


def _plural_possessive(text: str, i: int) -> bool:
    """``players’ union``: a right single mark after -s, a lower-case word following, and
    another right single mark later in the paragraph that can close instead."""
    if text[i - 1 : i] not in ("s", "S") or not text[i + 1 : i + 3].startswith(" "):
        return False
    if not text[i + 2 : i + 3].islower():
        return False
    return any(text[j] == text[i] and _flanks(text, j)[1] for j in range(i + 1, len(text)))


def _scan(block: str) -> tuple[list[tuple[int, int, str, str]], tuple[int, str] | None]:
    """Closed top-level quotations ``(start, end, opening, closing)`` of one paragraph,
    relative to it, and the top-level opening still unclosed at its end, if any."""
    spans: list[tuple[int, int, str, str]] = []
    stack: list[tuple[int, str]] = []
    for found in _MARK.finditer(block):  # only the marks: most characters are none
        i, ch = found.start(), found.group()
        opens, closes = _flanks(block, i)
        if closes or (not opens and ch in "\u201d\u00bb\u203a\u201c"):
            depth = next(
                (d for d in range(len(stack) - 1, -1, -1) if ch in CLOSERS[stack[d][1]]), None
            )
            if depth is not None and not (ch in SINGLE and _plural_possessive(block, i)):
                start, mark = stack[depth]
                del stack[depth:]
                if depth == 0:
                    spans.append((start + 1, i, mark, ch))
                continue
        if opens and ch in CLOSERS:
            stack.append((i, ch))
    return spans, (stack[0] if stack else None)


def _opens_paragraph(block: str) -> bool:
    stripped = block.lstrip()
    return bool(stripped) and stripped[0] in CLOSERS and stripped[0] not in "'\u2019"


def _meaningful(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def find_spans(article: ArticleText) -> tuple[QuoteSpan, ...]:
    """Every top-level quotation of an article, in reading order."""
    out: list[QuoteSpan] = []
    carried = False  # the paragraph before ended inside a quotation
    blocks = article.blocks
    for index, block in enumerate(blocks):
        if block.kind == "code":
            carried = False
            continue
        body = article.text[block.start : block.end]
        spans, unclosed = _scan(body)
        first_continues = carried and _opens_paragraph(body)
        pieces = [(s, e, o, c) for s, e, o, c in spans]
        if unclosed is not None:
            start, mark = unclosed
            following = (
                article.text[blocks[index + 1].start : blocks[index + 1].end]
                if (index + 1 < len(blocks))
                else ""
            )
            # a lone single mark is far more often an apostrophe ('90s) than a quotation
            if mark not in SINGLE or _opens_paragraph(following):
                end = len(body.rstrip())
                pieces.append((start + 1, end, mark, ""))
            carried = _opens_paragraph(following)
        else:
            carried = False
        pieces.sort()
        for n, (s, e, o, c) in enumerate(pieces):
            text = body[s:e]
            if not _meaningful(text):
                continue
            continued = first_continues and n == 0 and body[: s - 1].strip() == ""
            out.append(QuoteSpan(block.start + s, block.start + e, text, index, o, c, continued))
    return tuple(out)
