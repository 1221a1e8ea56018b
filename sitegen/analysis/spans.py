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
    '"': '"\u201d',  # "…" and "…” (a curly closer typed after a straight opener)
    "\u2018": "\u2019\u2018",  # ‘ … ’
    "\u201a": "\u2018\u2019",  # ‚ … ‘
    "'": "'",
}
MARKS = frozenset("".join(CLOSERS) + "".join(CLOSERS.values()))
# Two apostrophes are one straight double mark (typewriter style of news archives:
# ''We need it,'' she said.), so they are matched before a lone apostrophe.
TWO_APOSTROPHES = "''"
_MARK = re.compile("''|[" + re.escape("".join(sorted(MARKS))) + "]")
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
    opening: str  # the opening mark as written ("''" for two apostrophes)
    closing: str  # the closing mark as written; "" when the paragraph ended first
    continued: bool = False  # goes on from an unclosed quotation in the paragraph before


def _flanks(text: str, i: int, width: int = 1) -> tuple[bool, bool]:
    """Whether the mark at ``i`` (``width`` characters) can open and whether it can close
    a quotation.

    Inside guillemets a (no-break, thin) space between mark and word is typography, so it
    is looked through on the inner side: « Bonjour » opens and closes like «Bonjour».
    """
    before = text[i - 1] if i > 0 else ""
    after = text[i + width] if i + width < len(text) else ""
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
    # (where the quoted text starts, opening mark as a kind, opening mark as written)
    stack: list[tuple[int, str, str]] = []
    for found in _MARK.finditer(block):  # only the marks: most characters are none
        i, token = found.start(), found.group()
        ch = '"' if token == TWO_APOSTROPHES else token
        opens, closes = _flanks(block, i, len(token))
        if closes or (not opens and ch in "\u201d\u00bb\u203a\u201c"):
            depth = next(
                (d for d in range(len(stack) - 1, -1, -1) if ch in CLOSERS[stack[d][1]]), None
            )
            if depth is None and ch == '"' and closes and _mixed_close(block, i, stack):
                # “A," she said. "B.”: a straight mark closes a curly quotation when its
                # attribution follows
                depth = max(d for d, entry in enumerate(stack) if entry[1] == "\u201c")
            if depth is not None and not (ch in SINGLE and _plural_possessive(block, i)):
                start, _, written = stack[depth]
                del stack[depth:]
                if depth == 0:
                    spans.append((start, i, written, token))
                continue
        if opens and ch in CLOSERS:
            stack.append((i + len(token), ch, token))
    return spans, ((stack[0][0], stack[0][2]) if stack else None)


# After a closing mark: an attribution ("she said", "Ana Ruiz said", "said Ruiz").
_ATTRIBUTION_AFTER = re.compile(r"\s+(?:[a-z]+|(?:[A-Z][\w.’'\-]*\s+){1,4}[a-z]+)\b")


def _mixed_close(block: str, i: int, stack: list[tuple[int, str, str]]) -> bool:
    """Whether the straight mark at ``i`` closes an open curly quotation: one is open,
    no straight one is, punctuation ends the words before it and an attribution follows."""
    if not any(entry[1] == "\u201c" for entry in stack) or any(e[1] == '"' for e in stack):
        return False
    return block[i - 1 : i] in (",", ".", "?", "!") and bool(_ATTRIBUTION_AFTER.match(block, i + 1))


def _opens_paragraph(block: str) -> bool:
    stripped = block.lstrip()
    if stripped.startswith(TWO_APOSTROPHES):
        return True
    return bool(stripped) and stripped[0] in CLOSERS and stripped[0] not in "'\u2019"


def _meaningful(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Nouns for a work or a named thing: a capitalised quotation beside one is its title
# ("the film “Frozen”", "the “Star Power” award"), not words someone said.
TITLE_NOUNS = frozenset(
    _words(
        """show shows program programme series film movie documentary book novel memoir song
    album play musical concert podcast column op-ed headline episode season drama thriller
    comedy sitcom magazine newspaper blog hashtag course class award broadcast segment
    video page anthem hymn poem painting exhibition newsletter website channel"""
    )
)
# Words that give a name rather than report speech ("the hashtag “…”", "known as “…”").
_NAMING = re.compile(
    r"\b(?:hashtag|dubbed|nicknamed|so-called|known as|titled|entitled|the name)\W{0,3}$",
    re.IGNORECASE,
)
# "ABC’s “Good Morning America”", "CNN’s new show “…”": a title after a possessive.
_POSSESSIVE_BEFORE = re.compile(r"\w[’']s\s+(?:[\w\-]+\s+){0,2}$")
_PREPOSITION_BEFORE = re.compile(r"\b(?:on|in|for|from|at)\s+$")
_WORD_RE = re.compile(r"[^\W\d_][\w’'\-]*|\d[\w\-]*")
# Short words a title leaves in lower case ("Meet the Press", "Girls of the Night").
_SMALL_WORDS = frozenset(
    _words("a an the and or but nor of in on at by for from to with as vs via is are be")
)


_ALL_MARKS = "\"'“”‘’„«»‹›"
_CALLING_BEFORE = re.compile(r"\b(?:called|calls|named|names|titled)\s+(?:the\s+)?$")
# a title listed after another: “Apollo 13,” and “Big”
_LIST_OF_TITLES = re.compile(r"[”\"](?:\s*,)?\s*(?:and|or)?\s*$")
_BY = re.compile(r",?\s+by\s+(?:the\s+)?[A-Z]")
_NICKNAME = re.compile(r"[A-Z][\w.’'\-]*\s$")
# Lower-case words after a quotation that are not the noun it names.
_NOT_NOUNS = _SMALL_WORDS | frozenset(
    _words(
        """was were has have had will would could should can may might must do does did
        not said says who which that this these those it he she they we i you his her
        all every each again too also even still then than when while after before
        during until into onto over under about across through against without
        before behind beyond near since toward towards upon within outside inside"""
    )
)


def _not_a_noun(word: str) -> bool:
    return word in _NOT_NOUNS


def _title_case(text: str, most: int = 9) -> bool:
    """Whether a quotation is written like a title: up to ``most`` words, each
    capitalised except the small ones ("Meet the Press", "The Walking Dead")."""
    words = _WORD_RE.findall(text)
    if not words or len(words) > most or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _SMALL_WORDS for w in words)


def names_a_title(text: str, start: int, end: int) -> bool:
    """Whether the quotation ``text[start:end]`` (between its marks) names a work, a
    programme or a thing rather than quoting words: a title-cased phrase after a
    possessive, a preposition or a noun such as "film", or before such a noun; or any
    phrase after a naming word ("the hashtag", "dubbed", "known as")."""
    before = text[max(0, start - 60) : start].rstrip(_ALL_MARKS)
    if _NAMING.search(before):
        return True
    quoted = text[start:end]
    words_before = [w.lower() for w in _WORD_RE.findall(before[-40:])[-3:]]
    if any(w in TITLE_NOUNS for w in words_before):
        return _title_case(quoted, 14)  # "the book “A Long Title: Its Subtitle”"
    if not _title_case(quoted):
        return False
    after = text[end : end + 40].lstrip(_ALL_MARKS)
    if _POSSESSIVE_BEFORE.search(before) or _PREPOSITION_BEFORE.search(before):
        return True
    if _CALLING_BEFORE.search(before) or _LIST_OF_TITLES.search(before) or _BY.match(after):
        return True  # called “The Way”; “Apollo 13,” and “Big”; “Free Fall” by the Lows
    if _NICKNAME.search(before) and after[:1] == " " and after[1:2].isupper():
        return len(_WORD_RE.findall(quoted)) <= 2  # George “Jay” Keyworth
    following = _WORD_RE.match(after.lstrip(",. "))
    if following and following.group().lower() in TITLE_NOUNS:
        return True
    # “Still Sanders” rally, “Keep Going” signs: a capitalised phrase naming the thing
    # the lower-case noun after it stands for
    modifies = following and after[:1] == " " and following.group().islower()
    return (
        bool(modifies)
        and len(_WORD_RE.findall(quoted)) >= 2
        and not (quoted.rstrip()[-1:] in ".,;:!?" or _not_a_noun(following.group()))
    )


def find_spans(article: ArticleText) -> tuple[QuoteSpan, ...]:
    """Every top-level quotation of an article, in reading order.

    Not reported: titles and names in quotation marks (:func:`names_a_title`), and in an
    article written with double marks, spans in single marks: that style (US news, the
    AP's) keeps single marks for headlines and for quotations inside quotations, so a
    top-level single-marked span there is a headline's echo of a quotation given in
    full below, or a scare quote.
    """
    spans = all_spans(article)
    doubles = sum(1 for s in spans if s.opening not in SINGLE)
    singles = len(spans) - doubles
    double_style = doubles >= 2 and doubles > singles
    return tuple(
        s
        for s in spans
        if not (double_style and s.opening in SINGLE)
        and not names_a_title(article.text, s.start, s.end)
    )


def all_spans(article: ArticleText) -> tuple[QuoteSpan, ...]:
    """Every top-level span in quotation marks, titles and scare quotes included."""
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
                pieces.append((start, end, mark, ""))
            carried = _opens_paragraph(following)
        else:
            carried = False
        pieces.sort()
        for n, (s, e, o, c) in enumerate(pieces):
            text = body[s:e]
            if not _meaningful(text):
                continue
            continued = first_continues and n == 0 and body[:s].strip() in (o, TWO_APOSTROPHES)
            out.append(QuoteSpan(block.start + s, block.start + e, text, index, o, c, continued))
    return tuple(out)
