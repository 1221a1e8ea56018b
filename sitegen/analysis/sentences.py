"""Sentence segmentation of an article's plain text.

syntok's rules do the hard part (abbreviations such as ``U.S.``, ``Mr.``, decimals,
initials); two news-specific repairs follow, because a claim or a quotation must not be
cut in half:

* a quotation that spans several sentences stays one unit with its attribution
  (``"A. B," she said.`` is one sentence);
* a segment that starts in lower case continues the previous one (garbled copy such as
  ``..." X said. he said.`` yields no one-word sentence).

The rules run here, not in syntok: :func:`_segments` is a port of syntok 1.4.4's
``segmenter.analyze`` (its tokenizer and its sentence state machine, MIT License,
Florian Leitner), with its word lists and patterns taken from syntok itself. syntok
builds a token object per word and moves through generators and properties one token at
a time, which made it the largest single cost of the analysis; the port keeps tokens in
lists and jumps over the ordinary words between two terminals (nothing happens there),
for the same spans about three times faster. tests/test_segmenter.py compares the two on
generated text.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise

from syntok._segmentation_states import State
from syntok.segmenter import preprocess_with_offsets
from syntok.tokenizer import Tokenizer

from ..model import ArticleText, Sentence

OPENING = "\u201c\u201e\u00ab\u2039"  # “ „ « ‹
CLOSING = "\u201d\u00bb\u203a"  # ” » ›

# syntok's word lists and patterns, read from syntok itself
_TERMINALS = State.terminals
_BRACKETS = State.opening_brackets
_CLOSERS = State.closing_brackets
_CLOSING_QUOTES = State.closing_quotes
_INNER_PUNCTUATION = State.inner_sentence_punctuation
_HIDDEN_SEPARATORS = Tokenizer._hyphens_and_underscore  # no token: the next one's spacing
# Tokens at which the state machine does something other than move on.
_SPECIAL = _TERMINALS | _BRACKETS | {"("}

BEGIN, FIRST, INNER, TERMINAL, END = range(5)  # syntok's states

# The longest sentence the analysis reads as one. Longer runs (a paragraph of dates or
# quotations without a full stop, an unclosed quotation mark that joins a paragraph into
# one unit) are cut at a space before this many characters: much of the analysis works
# sentence by sentence, pairing what one sentence holds, and a sentence without a bound
# made that work quadratic in the article's size. Real sentences stay far below it
# (the longest in the development set, 8,368 sentences, has 1,395 characters).
MAX_SENTENCE = 2000


# --------------------------------------------------------------------------- tokens


class _Tokens:
    """syntok's ``Tokenizer(replace_not_contraction=False).tokenize(paragraph, base)`` as
    three lists: each token's value, its offset, and whether any text (syntok's "spacing")
    stands between it and the token before."""

    def __init__(self, paragraph: str, base: int) -> None:
        self.values: list[str] = []
        self.offsets: list[int] = []
        self.spaced: list[bool] = []
        text = " " * base + paragraph if base else paragraph
        offset = base
        for mo in Tokenizer._spaces.finditer(text):
            ms, me = mo.span()
            chunk = mo.group(0)
            if chunk.isascii() and chunk.isalnum() and _unsplit(chunk):
                self._add(chunk, ms, offset < ms)  # most words: one token, nothing to cut
            elif _plain_then_mark(chunk):  # "said," "talks.": the word, then the mark
                self._add(chunk[:-1], ms, offset < ms)
                self._add(chunk[-1], me - 1, False)
            else:
                self._chunk(text, ms, me, offset)
            offset = me
        if offset < len(text):
            self._add("", len(text), True)

    def _add(self, value: str, offset: int, spaced: bool) -> None:
        self.values.append(value)
        self.offsets.append(offset)
        self.spaced.append(spaced)

    def _chunk(self, text: str, ms: int, me: int, offset: int) -> None:
        """One run of non-space characters: symbols before the word, the word, symbols after."""
        start = ms
        while start < me and not text[start].isalnum():
            start += 1
        if start == me:  # no letter or digit: one token
            self._add(text[ms:me], ms, offset < ms)
            return
        end = me
        while not text[end - 1].isalnum():
            end -= 1
        if start > ms:
            self._add(text[ms], ms, offset < ms)
            for i in range(ms + 1, start):
                self._add(text[i], i, False)
            offset = start
        self._word(text[offset:start], text[start:end], start)
        if text.startswith("...", end, me):
            self._add("...", end, False)
            end += 3
        for i in range(end, me):
            self._add(text[i], i, False)

    def _word(self, prefix: str, word: str, offset: int) -> None:
        """A word cut where syntok cuts it: at a case change, an apostrophe, a bracket, an
        inner comma or hyphen; a hyphen or underscore is the next token's spacing."""
        done = 0  # characters of the word already taken
        plain = word.isascii() and word.isalnum() and _unsplit(word)
        for mo in () if plain else Tokenizer._separation.finditer(word):
            start, end = mo.span()
            separator = mo.group(0)
            before, done = done, end
            if start > before:
                if Tokenizer._apostrophe_t.fullmatch(separator) and word[start - 1] == "n":
                    if before < start - 1:  # "don't": "do", then "n't"
                        self._add(word[before : start - 1], offset + before, bool(prefix))
                        prefix = ""
                    self._add("n" + separator, offset + start - 1, bool(prefix))
                    prefix = ""
                    continue
                self._add(word[before:start], offset + before, bool(prefix))
                prefix = ""
            if separator and separator not in _HIDDEN_SEPARATORS:
                self._add(separator, offset + start, bool(prefix))
                prefix = ""
            else:
                prefix += separator
        if done == 0:
            self._add(word, offset, bool(prefix))
        elif done < len(word):
            self._add(word[done:], offset + done, bool(prefix))


def _unsplit(word: str) -> bool:
    """For letters and digits only: whether no lower-case letter stands right before a
    capital, the one place syntok's separation pattern could cut such a word."""
    return (
        word.islower()
        or word.istitle()
        or not any(a.islower() and b.isupper() for a, b in pairwise(word))
    )


def _plain_then_mark(chunk: str) -> bool:
    """An ASCII word syntok does not cut, then one character that is no letter or digit."""
    word = chunk[:-1]
    return (
        bool(word)
        and chunk.isascii()
        and word.isalnum()
        and not chunk[-1].isalnum()
        and _unsplit(word)
    )


# --------------------------------------------------------------------------- sentences


class _Machine:
    """syntok's sentence state machine over one paragraph's tokens.

    syntok keeps a queue of looked-ahead tokens and a history of the current sentence's;
    both are stretches of the token list here: the queue is ``[head, fetched)``, the
    history ``[sentence, head)``.
    """

    def __init__(self, tokens: _Tokens) -> None:
        self.values = tokens.values
        self.offsets = tokens.offsets
        self.spaced = tokens.spaced
        self.count = len(self.values)
        self.head = 0
        self.fetched = min(1, self.count)  # syntok's Begin takes the first token
        self.sentence = 0
        self.special = [i for i, v in enumerate(self.values) if v in _SPECIAL]

    # the queue
    def _fetch(self) -> bool:
        if self.fetched < self.count:
            self.fetched += 1
            return True
        return False

    def _ready(self) -> bool:
        """Whether the queue holds a token, fetching one if it is empty."""
        return self.head < self.fetched or self._fetch()

    def _next(self) -> str | None:
        return self.values[self.head] if self.head < self.fetched else None

    def _last(self) -> str:
        return self.values[self.head - 1] if self.head > self.sentence else ""

    def _move(self) -> bool:
        if self.head >= self.fetched:
            raise IndexError("pop from empty list")  # as syntok's queue.pop(0)
        self.head += 1
        return self.head < self.fetched or self._fetch()

    def _next_in(self, values: frozenset[str]) -> bool:
        return self.head < self.fetched and self.values[self.head] in values

    def _next_unspaced(self) -> bool:
        return self.head < self.fetched and not self.spaced[self.head]

    # brackets
    def _bracket_end(self) -> tuple[int, bool]:
        """Queue index of the bracket closing the one next (0: none within 50 tokens), and
        whether the bracketed text reads as a sentence of its own."""
        depth, i = 1, 1
        first_is_title: bool | None = None
        last_is_terminal = False
        while (self.fetched - self.head > i or self._fetch()) and i < 50:
            value = self.values[self.head + i]
            if first_is_title is None and value.isalnum():
                first_is_title = value.istitle()
            elif first_is_title and value.isalnum():
                if self.fetched - self.head > i + 1 or self._fetch():
                    last_is_terminal = self.values[self.head + i + 1] in _TERMINALS
                else:
                    last_is_terminal = False
            if value in _BRACKETS:
                depth += 1
            elif value in _CLOSERS:
                depth -= 1
                if depth == 0:
                    break
            i += 1
        return (i if depth == 0 else 0), bool(first_is_title and last_is_terminal)

    def _skip_brackets(self) -> bool:
        closing, inner_sentence = self._bracket_end()
        if closing > 0:
            last = self.head + closing
            length = self.offsets[last] + len(self.values[last]) - self.offsets[self.head]
            if length < State.max_bracket_skipping_length or not inner_sentence:
                self.head = last + 1
                self._fetch()
                return True
        return False

    def _after_brackets(self) -> str:
        closing, inner_sentence = self._bracket_end()
        if (
            closing > 0
            and not inner_sentence
            and (self.fetched - self.head > closing + 1 or self._fetch())
        ):
            return self.values[self.head + closing + 1]
        return ""

    def _after_next(self) -> str:
        queued = self.fetched - self.head
        if queued > 0 and (queued > 1 or self._fetch()):
            return self.values[self.head + 1]
        return ""

    # terminals
    def _token_after_terminal(self) -> str:
        """Move over what still belongs to the sentence after a terminal; the token after."""
        token = None
        if self._next_in(_BRACKETS) and self._last() not in _TERMINALS:
            self._skip_brackets()
        else:
            while self._next_in(_TERMINALS) or self._next_in(_CLOSERS):
                if not self._move():
                    break
                if token is None:
                    token = self._last()
            closing_quote = self._next_in(_CLOSING_QUOTES) and self._next_unspaced()
            if closing_quote and self._move() and token is None:
                token = self._last()
            while self._next_in(_TERMINALS) or self._next_in(_CLOSERS):
                if not self._move():
                    break
                if token is None:
                    token = self._last()
            if self._next_in(_BRACKETS):
                token = self.values[self.head]
        if token is None and self._ready():
            token = self.values[self.head]
        return "" if token is None else token

    def _split_here(self, state: int) -> int:
        """At a terminal (or a bracket): TERMINAL to end the sentence, else ``state``."""
        before = self._last()
        if not self._next_in(_BRACKETS):
            self._move()
        after = self._token_after_terminal()
        following = self._next()
        if following is not None and (following[:1].islower() or following in _INNER_PUNCTUATION):
            return state
        # the tests on the next token are all false when there is none, as on ""
        following_is = "" if following is None else following
        if not (state == FIRST and _letter_or_numeral(before)) and following_is in State.starters:
            return TERMINAL
        if before in State.abbreviations and after not in _CLOSERS:
            return state
        if (
            before in ("no", "No", "NO")
            and any(c.isnumeric() for c in following_is)
            and following_is.isalnum()
        ):
            return state
        unspaced = self._next_unspaced()
        if following_is.isnumeric() and unspaced:
            return state
        if unspaced and (not after.istitle() or not after.isalpha() or len(after) == 1):
            return state
        if following_is.isnumeric() and len(following_is) > 2:
            return state
        if before.isnumeric() and following_is in State.months:
            return state
        if before in State.months and following_is.isnumeric():
            return state
        if "." in before and after != ".":
            return state
        if (state == FIRST or before.isupper()) and _letter_or_numeral(before):
            return state
        if len(before) == 1 and before.isalpha() and before not in State.vowels:
            return state
        if after in _BRACKETS:
            after_brackets = self._after_brackets()
            after_opening = self._after_next()
            if after_brackets in _INNER_PUNCTUATION:
                return state
            if after_opening.istitle():
                return TERMINAL
            return state if after_brackets[:1].islower() else TERMINAL
        return TERMINAL

    def _step(self, state: int) -> int:
        if state == BEGIN:
            return FIRST if self.head < self.fetched else END
        if state == TERMINAL:
            return FIRST if self._ready() else END
        if state == FIRST:
            if (
                self._ready()
                and self._next_in(_BRACKETS)
                and self._skip_brackets()
                and self.head - self.sentence > 3
                and not (self._next() or "")[:1].islower()
            ):
                return TERMINAL
            if not self._ready():
                return END
            self._move()
            if self._next_in(_TERMINALS) or self._next() == "(":
                return self._split_here(FIRST)
            return INNER
        # INNER: the tokens before the next special one are moved one by one with no
        # other effect, so move straight to the one before it
        if not self._ready():
            return END
        k = bisect_right(self.special, self.head)
        if k == len(self.special):
            self.head = self.fetched = self.count
            return END
        if self.special[k] - 1 > self.head:
            self.head = self.special[k] - 1
            self.fetched = max(self.fetched, self.special[k])
        if self._move() and self._next_in(_BRACKETS):
            self._skip_brackets()
        if self.head == self.fetched:
            self._fetch()
        if self._next_in(_TERMINALS) or self._next_in(_BRACKETS) or self._next() == "(":
            return self._split_here(INNER)
        return INNER

    def spans(self) -> list[tuple[int, int]]:
        """Each sentence's span, from its first token to the end of its last."""
        out = []
        state = BEGIN
        while True:
            if state in (TERMINAL, END) and self.head > self.sentence:
                words = [k for k in range(self.sentence, self.head) if self.values[k]]
                if words:  # an empty token (trailing spacing) alone is no sentence
                    first, last = words[0], words[-1]
                    out.append((self.offsets[first], self.offsets[last] + len(self.values[last])))
                self.sentence = self.head
            if state == END:
                return out
            state = self._step(state)


def _letter_or_numeral(token: str) -> bool:
    return len(token) == 1 or token in State.roman_numerals


def _segments(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one block, as syntok's ``segmenter.analyze`` finds them."""
    spans: list[tuple[int, int]] = []
    for base, paragraph in preprocess_with_offsets(text):
        spans += _Machine(_Tokens(paragraph, base)).spans()
    return spans


# --------------------------------------------------------------------------- repairs
def _open_after(fragment: str, open_before: bool) -> bool:
    """Whether a double quotation is still open at the end of ``fragment``.

    A curly opening mark opens, a closing one closes, and each straight mark after the
    last of them toggles, so only the last curly mark and the straight ones after it
    count (found with ``rfind`` and ``count`` rather than a loop over every character).
    """
    last = max(fragment.rfind(mark) for mark in OPENING + CLOSING)
    is_open = open_before if last < 0 else fragment[last] in OPENING
    return is_open != bool(fragment.count('"', last + 1) % 2)


def split(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` of one block of text, quote-aware."""
    merged: list[tuple[int, int]] = []
    open_quote = False
    for start, end in _segments(text):
        first = text[start:end].lstrip("\"'\u201c\u201d\u2018\u2019«»([ ")[:1]
        continues = merged and (open_quote or (first.islower()))
        if continues:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
        open_quote = _open_after(text[start:end], open_quote)
    return [piece for span in merged for piece in _bounded(text, *span)]


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``(start, end)`` as it is, or cut into pieces of at most :data:`MAX_SENTENCE`
    characters at the last space before each limit (at the limit where there is none)."""
    pieces: list[tuple[int, int]] = []
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        stop = len(text[start:cut].rstrip()) + start
        pieces.append((start, stop if stop > start else cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces


def segment(text: ArticleText) -> tuple[Sentence, ...]:
    """All sentences of an article, numbered from 0 in reading order."""
    out: list[Sentence] = []
    for block_index, block in enumerate(text.blocks):
        block_text = text.text[block.start : block.end]
        for start, end in split(block_text):
            s, e = block.start + start, block.start + end
            out.append(Sentence(text.article, len(out), block_index, s, e, text.text[s:e]))
    return tuple(out)
