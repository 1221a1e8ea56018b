"""Article text -> safe HTML, with every sentence wrapped in an anchored span.

Everything in an article is third-party text: it is escaped here, character by
character, and only the tags this module writes reach the page.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

from .model import ArticleText, Block, Sentence

_BLOCK_TAGS = {"paragraph": "p", "quote": "blockquote", "item": "li", "code": "pre"}


def _inline_html(text: ArticleText, block: Block, start: int, end: int) -> str:
    """Escaped text of ``[start, end)`` with the block's inline marks that lie inside it."""
    out: list[str] = []
    pos = start
    for mark in block.inlines:
        if mark.start < start or mark.end > end or mark.start < pos:
            continue
        out.append(str(escape(text.text[pos : mark.start])))
        inner = str(escape(text.text[mark.start : mark.end]))
        if mark.kind == "link" and mark.href:
            out.append(f'<a href="{escape(mark.href)}" rel="nofollow noopener">{inner}</a>')
        else:
            out.append(f"<{mark.kind}>{inner}</{mark.kind}>")
        pos = mark.end
    out.append(str(escape(text.text[pos:end])))
    return "".join(out)


def _block_html(text: ArticleText, block: Block, sentences: Sequence[Sentence]) -> str:
    pieces: list[str] = []
    pos = block.start
    for sent in sentences:
        pieces.append(_inline_html(text, block, pos, sent.start))
        body = _inline_html(text, block, sent.start, sent.end)
        pieces.append(f'<span class="s" id="{sent.anchor}">{body}</span>')
        pos = sent.end
    pieces.append(_inline_html(text, block, pos, block.end))
    inner = "".join(pieces)
    if block.kind == "heading":
        level = min(max(block.level, 2), 6)  # the page title is the only h1
        return f"<h{level}>{inner}</h{level}>"
    tag = _BLOCK_TAGS.get(block.kind, "p")
    if tag == "li":
        return f"<ul><li>{inner}</li></ul>"
    return f"<{tag}>{inner}</{tag}>"


def article_html(text: ArticleText, sentences: Sequence[Sentence]) -> Markup:
    by_block: dict[int, list[Sentence]] = {}
    for sent in sentences:
        by_block.setdefault(sent.block, []).append(sent)
    html = "\n".join(
        _block_html(text, block, by_block.get(i, ())) for i, block in enumerate(text.blocks)
    )
    return Markup(html)  # every piece above was escaped
