"""Property-based tests on arbitrary Unicode: parsing never fails except with a reported
content error, and every offset the text stages produce points at exactly its text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen import markdown as markup
from sitegen.analysis import sentences
from sitegen.analysis import spans as quotes
from sitegen.content import parse_article

# Text biased towards what breaks parsers: quote marks, apostrophes, YAML and Markdown
# syntax, odd spaces, line endings.
SPICE = list("“”„‘’«»\"'`*_#>-[]()<>&:\\|!{}%\u00a0\u2009\u200b\u2026\r\n\t ")
text = st.text(
    alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from(SPICE)), max_size=400
)
fuzz = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fuzz
@given(front=text, body=text)
def test_front_matter_parsing_returns_an_article_or_located_errors(front: str, body: str) -> None:
    raw = f"---\n{front}\n---\n{body}".encode("utf-8", "surrogatepass")
    article, errors = parse_article(raw, Path("s/a.md"), "s")
    assert (article is None) == bool(errors)
    for error in errors:
        assert error.line >= 1 and error.message


@fuzz
@given(raw=st.binary(max_size=300))
def test_arbitrary_bytes_never_crash_the_parser(raw: bytes) -> None:
    article, errors = parse_article(raw, Path("s/a.md"), "s")
    assert (article is None) == bool(errors)


@fuzz
@given(body=text)
def test_plain_text_blocks_and_sentences_point_at_their_text(body: str) -> None:
    doc = markup.plain_text("a", body)
    previous = 0
    for block in doc.blocks:
        assert previous <= block.start <= block.end <= len(doc.text)
        previous = block.end
        for mark in block.inlines:
            assert block.start <= mark.start <= mark.end <= block.end
    previous = 0
    for sent in sentences.segment(doc):
        assert doc.text[sent.start : sent.end] == sent.text
        assert sent.start >= previous
        previous = sent.end


@fuzz
@given(body=text)
def test_every_quotation_is_an_exact_substring_within_its_paragraph(body: str) -> None:
    doc = markup.plain_text("a", body)
    for span in quotes.find_spans(doc):
        assert doc.text[span.start : span.end] == span.text
        block = doc.blocks[span.block]
        assert block.start <= span.start <= span.end <= block.end
