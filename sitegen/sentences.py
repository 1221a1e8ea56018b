"""Sentence segmentation of an article's plain text.

syntok does the hard part (abbreviations such as ``U.S.``, ``Mr.``, decimals, initials);
two news-specific repairs follow, because a claim or a quotation must not be cut in half:

* a quotation that spans several sentences stays one unit with its attribution
  (``"A. B," she said.`` is one sentence);
* a segment that starts in lower case continues the previous one (garbled copy such as
  ``..." X said. he said.`` yields no one-word sentence).
"""

from __future__ import annotations

import syntok.segmenter as segmenter

from .model import ArticleText, Sentence

OPENING = "\u201c\u201e\u00ab\u2039"  # “ „ « ‹
CLOSING = "\u201d\u00bb\u203a"  # ” » ›


def _segments(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one block, as syntok sees them."""
    spans: list[tuple[int, int]] = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            tokens = [t for t in sentence if t.value]
            if not tokens:
                continue
            start = tokens[0].offset
            end = tokens[-1].offset + len(tokens[-1].value)
            spans.append((start, end))
    return spans


def _open_after(fragment: str, open_before: bool) -> bool:
    """Whether a double quotation is still open at the end of ``fragment``."""
    depth = 1 if open_before else 0
    for ch in fragment:
        if ch in OPENING:
            depth = 1
        elif ch in CLOSING:
            depth = 0
        elif ch == '"':
            depth = 0 if depth else 1
    return depth > 0


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
    return merged


def segment(text: ArticleText) -> tuple[Sentence, ...]:
    """All sentences of an article, numbered from 0 in reading order."""
    out: list[Sentence] = []
    for block_index, block in enumerate(text.blocks):
        block_text = text.text[block.start : block.end]
        for start, end in split(block_text):
            s, e = block.start + start, block.start + end
            out.append(Sentence(text.article, len(out), block_index, s, e, text.text[s:e]))
    return tuple(out)
