"""Markdown body -> plain text with its block structure and inline marks.

The analysis reads plain text, and every page that shows an article renders it from the
same plain text, so an offset found by the analysis always points at the characters a
reader sees. markdown-it-py parses with raw HTML disabled: any HTML in a body stays text.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .model import ArticleText, Block, Inline
from .untrusted import is_safe_url

_BLOCK_KINDS = {
    "paragraph_open": "paragraph",
    "heading_open": "heading",
}


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # commonmark with html off: "<script>" in a body is parsed as text, never as markup.
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


class _Builder:
    """Accumulates text and blocks; kept private to :func:`plain_text`."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.blocks: list[Block] = []

    def append(self, piece: str) -> None:
        self.parts.append(piece)
        self.length += len(piece)

    def block(self, kind: str, level: int, children: list[Token]) -> None:
        if self.blocks:
            self.append("\n\n")
        start = self.length
        inlines: list[Inline] = []
        opened: list[tuple[str, int, str | None]] = []
        for tok in children:
            if tok.type in ("text", "html_inline"):
                self.append(tok.content)
            elif tok.type == "code_inline":
                begin = self.length
                self.append(tok.content)
                inlines.append(Inline("code", begin, self.length))
            elif tok.type in ("softbreak", "hardbreak"):
                self.append("\n")
            elif tok.type in ("em_open", "strong_open"):
                opened.append((tok.type[:-5], self.length, None))
            elif tok.type == "link_open":
                href = str(tok.attrs.get("href", ""))
                opened.append(("link", self.length, href if is_safe_url(href) else None))
            elif tok.type in ("em_close", "strong_close", "link_close") and opened:
                kind_, begin, href = opened.pop()
                if self.length > begin and (kind_ != "link" or href):
                    inlines.append(Inline(kind_, begin, self.length, href))
            # images are dropped: they would load a resource from outside the site
        # trailing blanks are layout, not words: drop them so offsets point at visible text
        while self.parts and self.length > start and self.parts[-1][-1:] in (" ", "\t", "\n"):
            last = self.parts.pop()
            kept = last.rstrip(" \t\n")
            self.length -= len(last) - len(kept)
            if kept:
                self.parts.append(kept)
        end = self.length
        inlines = [
            Inline(i.kind, i.start, min(i.end, end), i.href) for i in inlines if i.start < end
        ]
        inlines.sort(key=lambda i: (i.start, -i.end, i.kind))
        self.blocks.append(Block(kind, start, end, level, tuple(inlines)))


def plain_text(article_id: str, markdown: str) -> ArticleText:
    """Parse a Markdown body into plain text: blocks separated by a blank line."""
    tokens = _parser().parse(markdown)
    builder = _Builder()
    depth = 0
    kind_stack: list[str] = []
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif tok.type == "blockquote_open":
            kind_stack.append("quote")
        elif tok.type == "blockquote_close" and kind_stack:
            kind_stack.pop()
        elif tok.type in ("fence", "code_block"):
            content = tok.content.rstrip("\n")
            if content:
                builder.block("code", 0, [Token("text", "", 0, content=content)])
        elif tok.type == "inline" and i > 0:
            opener = tokens[i - 1]
            if opener.type == "heading_open":
                kind, level = "heading", int(opener.tag[1:])
            elif depth:
                kind, level = "item", depth
            elif kind_stack:
                kind, level = "quote", len(kind_stack)
            else:
                kind, level = "paragraph", 0
            if tok.children and tok.content.strip():
                builder.block(kind, level, tok.children)
    return ArticleText(article_id, "".join(builder.parts), tuple(builder.blocks))
