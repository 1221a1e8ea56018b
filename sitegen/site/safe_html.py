"""Third-party text -> safe HTML: article bodies with anchored, marked sentences, and
word-level differences between wordings.

Everything an article says is third-party text: it is escaped here, character by
character, and only the tags this module writes reach the page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..analysis.wordiff import Op, word_diff
from ..model import ArticleText, Block, Sentence
from .i18n import Translations
from .theme import english
from .urls import sentence_anchor

_BLOCK_TAGS = {"paragraph": "p", "quote": "blockquote", "item": "li", "code": "pre"}
_CLOSING_MARKS = "\"'”’»›」』"


@dataclass(frozen=True)
class SentenceMark:
    """How widely a sentence's claim is shared, and where the claim's page is."""

    count: int  # outlets carrying the claim, this one included
    total: int  # outlets in the story
    level: str  # one | some | most | all
    href: str


@dataclass(frozen=True)
class QuoteMark:
    """A quotation inside the article: its span and the page about it."""

    start: int
    end: int
    speaker: str | None
    href: str


# A layer is one kind of span (sentence, quotation, inline mark); pieces of text are
# wrapped in the layers that cover them, outermost first, so tags always nest even where
# a quotation runs across a sentence boundary.
_Layer = tuple[str, int]


class _Writer:
    """Opens and closes layered tags around the pieces of one block."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.stack: list[_Layer] = []
        self._opened: set[_Layer] = set()

    def truncate(self, depth: int) -> None:
        while len(self.stack) > depth:
            kind, _ = self.stack.pop()
            self.out.append(_CLOSE[kind])

    def enter(self, wanted: Sequence[_Layer], tag_for: Callable[[_Layer, bool], str]) -> None:
        common = 0
        while common < min(len(wanted), len(self.stack)) and wanted[common] == self.stack[common]:
            common += 1
        self.truncate(common)
        for layer in wanted[common:]:
            first = layer not in self._opened
            self._opened.add(layer)
            self.out.append(tag_for(layer, first))
            self.stack.append(layer)


_CLOSE = {
    "s": "</span>",
    "q": "</span>",
    "em": "</em>",
    "strong": "</strong>",
    "code": "</code>",
    "link": "</a>",
}


def _covering(spans: Sequence[tuple[int, int]], start: int, end: int) -> int | None:
    for i, (s, e) in enumerate(spans):
        if s <= start and end <= e:
            return i
    return None


def _badge(mark: SentenceMark, t: Translations) -> str:
    # the visible count between two hidden halves of one phrase for screen readers
    return (
        f'<a class="badge b-{mark.level}" href="{escape(mark.href)}" data-pagefind-ignore>'
        f'<span class="vh">{t("reader.claim_before")}</span>{mark.count}'
        f'<span class="vh">{t("reader.claim_after", total=mark.total)}</span></a>'
    )


def _chip(quote: QuoteMark, t: Translations) -> str:
    who = escape(quote.speaker) if quote.speaker else t("reader.unattributed")
    return (
        f'<a class="qtag" href="{escape(quote.href)}" data-pagefind-ignore>'
        f'<span class="vh">{t("reader.quotation_of")}</span>{who}</a>'
    )


def _block_html(
    text: ArticleText,
    block: Block,
    sentences: Sequence[Sentence],
    marks: Mapping[int, SentenceMark],
    quotes: Sequence[QuoteMark],
    t: Translations,
) -> str:
    if not quotes and not block.inlines and _in_order(sentences, block.start, block.end):
        inner = _sentences_inner(text, block, sentences, marks, t)
    else:
        inner = _layered_inner(text, block, sentences, marks, quotes, t)
    if block.kind == "heading":
        level = min(max(block.level, 2), 6)  # the page title is the only h1
        return f"<h{level}>{inner}</h{level}>"
    tag = _BLOCK_TAGS.get(block.kind, "p")
    if tag == "li":
        return f"<ul><li>{inner}</li></ul>"
    return f"<{tag}>{inner}</{tag}>"


def _in_order(sentences: Sequence[Sentence], lo: int, hi: int) -> bool:
    """True when the sentences are non-empty, inside the block and one after another."""
    pos = lo
    for s in sentences:
        if s.start < pos or s.end <= s.start:
            return False
        pos = s.end
    return pos <= hi


def _sentences_inner(
    text: ArticleText,
    block: Block,
    sentences: Sequence[Sentence],
    marks: Mapping[int, SentenceMark],
    t: Translations | None = None,
) -> str:
    """What :func:`_layered_inner` writes for a block of sentences alone (no quotation,
    no inline mark, sentences in order): most blocks, written directly. Tests check the
    two agree."""
    body = text.text
    out = []
    pos = block.start
    for sent in sentences:
        if sent.start > pos:
            out.append(escape(body[pos : sent.start]))
        mark = marks.get(sent.index)
        cls = f"s s-{mark.level}" if mark else "s"
        out.append(f'<span class="{cls}" id="{sentence_anchor(sent.index)}">')
        out.append(escape(body[sent.start : sent.end]))
        out.append("</span>")
        if mark:
            out.append(_badge(mark, t or english()))
        pos = sent.end
    if block.end > pos:
        out.append(escape(body[pos : block.end]))
    return "".join(out)


def _layered_inner(
    text: ArticleText,
    block: Block,
    sentences: Sequence[Sentence],
    marks: Mapping[int, SentenceMark],
    quotes: Sequence[QuoteMark],
    t: Translations | None = None,
) -> str:
    t = t or english()
    lo, hi = block.start, block.end
    sent_spans = [(s.start, s.end) for s in sentences]
    quote_spans = [(max(q.start, lo), min(q.end, hi)) for q in quotes]
    inline_spans = [(m.start, m.end) for m in block.inlines]

    # Where a quotation's tag goes: after the sentence that holds its last character, so
    # a sentence's anchored span holds exactly the sentence's text; outside any sentence,
    # after its closing mark.
    chips: dict[int, list[QuoteMark]] = {}
    for q in quotes:
        if not lo <= q.end <= hi:
            continue
        holder = next((s for s in sentences if s.start < q.end <= s.end), None)
        if holder is not None:
            at = holder.end
        elif q.end < hi and text.text[q.end] in _CLOSING_MARKS:
            at = q.end + 1
            # the closing mark may open the next sentence: then after that sentence
            at = next((s.end for s in sentences if s.start < at < s.end), at)
        else:
            at = q.end
        chips.setdefault(at, []).append(q)
    badges = {s.end: marks[s.index] for s in sentences if s.index in marks}

    points = {lo, hi, *chips, *badges}
    for spans in (sent_spans, quote_spans, inline_spans):
        for s, e in spans:
            points.update(p for p in (s, e) if lo <= p <= hi)
    cuts = sorted(points)

    def tag_for(layer: _Layer, first: bool) -> str:
        kind, i = layer
        if kind == "s":
            sent = sentences[i]
            mark = marks.get(sent.index)
            cls = f"s s-{mark.level}" if mark else "s"
            ident = f' id="{sentence_anchor(sent.index)}"' if first else ""
            return f'<span class="{cls}"{ident}>'
        if kind == "q":
            return '<span class="q">'
        inline = block.inlines[i]
        if inline.kind == "link":
            return f'<a href="{escape(inline.href or "")}" rel="nofollow noopener">'
        return f"<{inline.kind}>"

    writer = _Writer()
    for n, start in enumerate(cuts):
        if start in badges:
            writer.truncate(0)
            writer.out.append(_badge(badges[start], t))
        for quote in chips.get(start, ()):
            writer.truncate(0)
            writer.out.append(_chip(quote, t))
        if n + 1 == len(cuts):
            break
        end = cuts[n + 1]
        wanted: list[_Layer] = []
        for kind, spans in (("s", sent_spans), ("q", quote_spans)):
            i = _covering(spans, start, end)
            if i is not None:
                wanted.append((kind, i))
        i = _covering(inline_spans, start, end)
        if i is not None:
            wanted.append((block.inlines[i].kind, i))
        writer.enter(wanted, tag_for)
        writer.out.append(str(escape(text.text[start:end])))
    writer.truncate(0)
    return "".join(writer.out)


# The inline kinds a layer may carry; anything else renders as a plain span.
_INLINE_KINDS = frozenset({"em", "strong", "code", "link"})


def article_html(
    text: ArticleText,
    sentences: Sequence[Sentence],
    marks: Mapping[int, SentenceMark] | None = None,
    quotes: Iterable[QuoteMark] = (),
    t: Translations | None = None,
) -> Markup:
    """The article as HTML blocks; each sentence is a ``span.s`` with its anchor id,
    classed and badged by how widely its claim is shared; quotations are ``span.q``
    followed by a link to their page."""
    marks = marks or {}
    quote_list = sorted(quotes, key=lambda q: (q.start, q.end))
    by_block: dict[int, list[Sentence]] = {}
    for sent in sentences:
        by_block.setdefault(sent.block, []).append(sent)
    parts = []
    for i, block in enumerate(text.blocks):
        block = _plain_inlines(block)
        inside = [q for q in quote_list if q.start < block.end and q.end > block.start]
        parts.append(_block_html(text, block, by_block.get(i, ()), marks, inside, t or english()))
    return Markup("\n".join(parts))  # every piece above was escaped


def _plain_inlines(block: Block) -> Block:
    """The block with inline marks that overlap an earlier one, or of unknown kind,
    dropped: overlapping marks cannot nest."""
    kept = []
    pos = block.start
    for mark in sorted(block.inlines, key=lambda m: (m.start, -m.end)):
        usable = mark.kind in _INLINE_KINDS and (mark.kind != "link" or mark.href)
        if usable and mark.start >= pos and mark.end > mark.start:
            kept.append(mark)
            pos = mark.end
    if len(kept) == len(block.inlines):
        return block
    return Block(block.kind, block.start, block.end, block.level, tuple(kept))


# --------------------------------------------------------------------------- wordings


def _split_space(piece: str) -> tuple[str, str]:
    core = piece.rstrip()
    return core, piece[len(core) :]


def diff_html(ops: Sequence[Op], t: Translations | None = None) -> Markup:
    """A word diff from a reference wording to another: words only in the other wording
    are ``<ins>``, words of the reference it lacks are ``<del>``; each carries hidden
    text for screen readers, as the strike and underline carry it for the eye."""
    t = t or english()
    added, missing = t("reader.added"), t("reader.missing")
    out = []
    previous = "equal"
    for op, piece in ops:
        core, space = _split_space(piece)
        if op == "insert" and previous == "delete" and out and not out[-1].endswith(" "):
            out.append(" ")  # keep a replaced word and its replacement apart
        previous = op
        if op == "equal" or not core:
            out.append(str(escape(piece)))
        elif op == "insert":
            out.append(
                f'<ins><span class="vh">{added}</span>{escape(core)}'
                f'<span class="vh">]</span></ins>{escape(space)}'
            )
        else:
            out.append(
                f'<del><span class="vh">{missing}</span>{escape(core)}'
                f'<span class="vh">]</span></del>{escape(space)}'
            )
    return Markup("".join(out))


def rendering_diff(reference: str, rendering: str, t: Translations | None = None) -> Markup:
    return diff_html(word_diff(reference, rendering), t)


def same_wording(a: str, b: str) -> bool:
    """True when two wordings differ only in typography, case or spacing."""
    return all(op == "equal" for op, _ in word_diff(a, b))


def shared_words_html(sentence: str, reference: str) -> Markup:
    """``sentence`` exactly, with the words it shares with ``reference`` in ``<mark>``."""
    out = []
    for op, piece in word_diff(sentence, reference):
        if op == "insert":  # the reference's own words are not in this sentence
            continue
        core = piece.rstrip()
        # Shared punctuation alone is no shared wording; marking it would only add noise.
        # (The space after a word needs no escaping.)
        if op == "equal" and any(map(str.isalnum, core)):
            out.append(f"<mark>{escape(core)}</mark>{piece[len(core) :]}")
        else:
            out.append(escape(piece))
    return Markup("".join(out))


def in_context_html(before: str, quoted: str, after: str) -> Markup:
    """A quotation inside the sentence around it, the quoted words marked."""
    return Markup(f'{escape(before)}<mark class="qm">{escape(quoted)}</mark>{escape(after)}')
