"""Article text and wordings -> safe, well-nested HTML that keeps every character."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.analysis.sentences import segment
from sitegen.markdown import plain_text
from sitegen.model import Sentence
from sitegen.site.safe_html import (
    QuoteMark,
    SentenceMark,
    _in_order,
    _layered_inner,
    _sentences_inner,
    article_html,
    diff_html,
    in_context_html,
    rendering_diff,
    same_wording,
    shared_words_html,
)
from sitegen.site.urls import sentence_anchor

VOID = {"br", "img", "hr", "meta", "link", "input"}


class _Checker(HTMLParser):
    """Records tag nesting errors, and the text outside hidden and added elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.errors: list[str] = []
        self.text: list[str] = []
        self.ids: list[str] = []
        self.by_id: dict[str, list[str]] = {}  # the visible text inside each element with an id
        self._open: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        cls = dict(attrs).get("class") or ""
        if "id" in dict(attrs):
            ident = dict(attrs)["id"] or ""
            self.ids.append(ident)
            self.by_id[ident] = []
            self._open.append((len(self.stack), ident))
        added = any(c in cls.split() for c in ("vh", "badge", "qtag"))
        hidden = added or bool(self.stack and self.stack[-1][1])
        self.stack.append((tag, hidden))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        if self._open and self._open[-1][0] == len(self.stack):
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1][1]):
            self.text.append(data)
            for _, ident in self._open:
                self.by_id[ident].append(data)


def check(markup: str) -> _Checker:
    checker = _Checker()
    checker.feed(markup)
    checker.close()
    assert checker.errors == []
    assert checker.stack == []
    return checker


def body(markdown: str) -> tuple:
    text = plain_text("a", markdown)
    return text, segment(text)


# --------------------------------------------------------------------------- article_html


ARTICLES = [
    "One sentence. Two sentences.",
    "A *stressed* word and a [link](https://example.com/x) here. Next one.",
    "He said: “We will not go. We stay here.” Then he left.",
    "## A heading\n\nA paragraph with `code` in it.\n\n- an item\n- another item",
    "Hostile <script>alert(1)</script> & <b>bold</b> text. Second &amp; sentence.",
    "“Quote across **two. Sentences** with marks,” she said.",
]


@pytest.mark.parametrize("markdown", ARTICLES)
def test_article_html_nests_and_keeps_every_character(markdown: str) -> None:
    text, sents = body(markdown)
    quotes = [
        QuoteMark(m_start + 1, m_end, "Speaker", "../q/") for m_start, m_end in _quoted(text.text)
    ]
    marks = {s.index: SentenceMark(2, 3, "some", "../c/") for s in sents}
    checker = check(str(article_html(text, sents, marks, quotes)))
    blocks = "".join(text.text[b.start : b.end] for b in text.blocks)
    assert "".join(checker.text).replace("\n", "") == blocks.replace("\n", "")
    assert checker.ids == [sentence_anchor(s.index) for s in sents]
    # Each anchored span holds its sentence exactly: a link to it shows that sentence.
    assert {k: "".join(v) for k, v in checker.by_id.items()} == {
        sentence_anchor(s.index): s.text for s in sents
    }


def _quoted(text: str) -> list[tuple[int, int]]:
    """Spans of “...” in ``text`` (start at the opening mark, end before the closing)."""
    spans = []
    start = text.find("“")
    while start != -1:
        end = text.find("”", start)
        if end == -1:
            break
        spans.append((start, end))
        start = text.find("“", end)
    return spans


def test_hostile_text_is_escaped() -> None:
    text, sents = body("Hostile <script>alert(1)</script> text.")
    out = str(article_html(text, sents))
    assert "<script>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out


def test_sentences_carry_share_class_and_badge_linking_to_the_claim() -> None:
    text, sents = body("Shared by all. Only here.")
    marks = {0: SentenceMark(4, 4, "all", "../../claims/c1/"), 1: SentenceMark(1, 4, "one", "x/")}
    out = str(article_html(text, sents, marks))
    assert '<span class="s s-all" id="s1">Shared by all.</span>' in out
    assert 'class="badge b-all" href="../../claims/c1/"' in out
    assert "claim carried by </span>4<span" in out
    assert 'class="s s-one" id="s2"' in out


def test_quotation_is_marked_and_followed_by_its_speaker_link() -> None:
    text, sents = body("He said “we stay” today.")
    start = text.text.index("we")
    quote = QuoteMark(start, start + len("we stay"), "Jane <Doe>", "../../quotes/q1/")
    out = str(article_html(text, sents, {}, [quote]))
    assert 'He said “<span class="q">we stay</span>” today.</span><a class="qtag"' in out
    assert 'href="../../quotes/q1/"' in out
    assert "Jane &lt;Doe&gt;</a>" in out


def test_quotation_across_sentences_is_split_not_misnested() -> None:
    text = plain_text("a", "“First part. Second part,” he said.")
    cut = text.text.index("Second")
    sents = (
        Sentence("a", 0, 0, 0, cut - 1, text.text[: cut - 1]),
        Sentence("a", 1, 0, cut, len(text.text), text.text[cut:]),
    )
    quote = QuoteMark(1, text.text.index("”"), None, "q/")
    out = str(article_html(text, sents, {}, [quote]))
    check(out)
    assert out.count('<span class="q">') >= 2
    assert "unattributed</a>" in out


# --------------------------------------------------------------------------- wordings


DIFFS = [
    # (ops, html)
    ((("equal", "same words"),), "same words"),
    (
        (("equal", "a "), ("delete", "big "), ("equal", "dog")),
        'a <del><span class="vh">[missing: </span>big<span class="vh">]</span></del> dog',
    ),
    (
        (("equal", "the "), ("insert", "<b>red</b> "), ("equal", "car")),
        'the <ins><span class="vh">[added: </span>&lt;b&gt;red&lt;/b&gt;<span class="vh">]'
        "</span></ins> car",
    ),
    (
        (("delete", "US"), ("insert", "United States")),
        '<del><span class="vh">[missing: </span>US<span class="vh">]</span></del> '
        '<ins><span class="vh">[added: </span>United States<span class="vh">]</span></ins>',
    ),
]


@pytest.mark.parametrize(("ops", "expected"), DIFFS)
def test_diff_html(ops: tuple, expected: str) -> None:
    assert str(diff_html(ops)) == expected


@pytest.mark.parametrize(
    ("reference", "rendering"),
    [
        ("We will not give up.", "We will never give up."),
        ("“Peace now,” he said", "Peace, now"),
        ("<script>x</script>", "</script><script>y"),
    ],
)
def test_rendering_diff_is_well_formed_and_escaped(reference: str, rendering: str) -> None:
    out = str(rendering_diff(reference, rendering))
    assert "<script>" not in out
    check(out)


SHARED = [
    # (sentence, reference, marked words)
    ("Ukraine drops its bid.", "Ukraine drops the bid.", ["Ukraine drops", "bid."]),
    ("Nothing in common", "entirely different", []),
    ("Same, words.", "same words", ["Same", "words"]),
]


@pytest.mark.parametrize(("sentence", "reference", "marked"), SHARED)
def test_shared_words_keep_the_sentence_and_mark_shared_words(
    sentence: str, reference: str, marked: list[str]
) -> None:
    out = str(shared_words_html(sentence, reference))
    checker = check(out)
    assert html.unescape("".join(checker.text)) == sentence
    assert [m.split("</mark>")[0] for m in out.split("<mark>")[1:]] == marked


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("It’s “fair”", 'It\'s "fair"', True),
        ("a fair option", "a fair choice", False),
    ],
)
def test_same_wording(a: str, b: str, same: bool) -> None:
    assert same_wording(a, b) is same


def test_in_context_marks_the_quotation() -> None:
    out = str(in_context_html("He said “", "<no>", "” today."))
    assert out == 'He said “<mark class="qm">&lt;no&gt;</mark>” today.'


# Markdown-ish text built from the pieces that make nesting hard: marks, links, quotes,
# sentence ends, block breaks and characters that need escaping.
_PIECES = st.sampled_from(
    [
        "word",
        " ",
        ". ",
        "! ",
        "\n\n",
        "*",
        "**",
        "`",
        "“",
        "”",
        '"',
        "<b>",
        "&",
        "[a](https://e.x/)",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=40), st.data())
def test_any_article_renders_well_nested_with_every_character(
    pieces: list[str], data: st.DataObject
) -> None:
    text, sents = body("".join(pieces))
    spans = []
    for _ in range(data.draw(st.integers(0, 3))):
        start = data.draw(st.integers(0, len(text.text)))
        end = data.draw(st.integers(start, len(text.text)))
        spans.append(QuoteMark(start, end, "S", "q/"))
    marks = {s.index: SentenceMark(2, 3, "some", "c/") for s in sents if s.index % 2 == 0}
    checker = check(str(article_html(text, sents, marks, spans)))
    blocks = "".join(text.text[b.start : b.end] for b in text.blocks)
    assert "".join(checker.text).replace("\n", "") == blocks.replace("\n", "")
    assert {k: "".join(v) for k, v in checker.by_id.items()} == {
        sentence_anchor(s.index): s.text for s in sents
    }


_WORDS = st.lists(
    st.sampled_from(["the", "The", "fire", "“fire”", "<i>", "&", ",", " ", "–", "10"])
)


@settings(max_examples=150, deadline=None)
@given(_WORDS, _WORDS)
def test_shared_words_and_diffs_keep_their_text(a: list[str], b: list[str]) -> None:
    sentence, reference = " ".join(a), " ".join(b)
    checker = check(str(shared_words_html(sentence, reference)))
    assert html.unescape("".join(checker.text)) == sentence
    check(str(rendering_diff(reference, sentence)))


def test_a_quote_tag_never_splits_the_sentence_its_closing_mark_opens() -> None:
    # Found by the property test above: the quotation ends just before a closing mark
    # that the sentence splitter put at the start of the next sentence.
    text, sents = body("word . . ”. ")
    assert [s.text for s in sents] == ["word . .", "”."]
    checker = check(str(article_html(text, sents, {}, [QuoteMark(0, 9, "S", "q/")])))
    assert {k: "".join(v) for k, v in checker.by_id.items()} == {"s1": "word . .", "s2": "”."}


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, min_size=1, max_size=40), st.data())
def test_blocks_of_sentences_alone_render_as_the_layered_writer_would(
    pieces: list[str], data: st.DataObject
) -> None:
    # Blocks with no quotation and no inline mark take a direct path; it must write what
    # the general, layered one writes, badges included.
    text, sents = body("".join(pieces))
    marked = data.draw(st.sets(st.sampled_from([s.index for s in sents]))) if sents else set()
    marks = {i: SentenceMark(2, 3, "some", f"c/{i}") for i in marked}
    for n, block in enumerate(text.blocks):
        inside = [s for s in sents if s.block == n]
        if block.inlines or not _in_order(inside, block.start, block.end):
            continue
        direct = _sentences_inner(text, block, inside, marks)
        assert direct == _layered_inner(text, block, inside, marks, [])
