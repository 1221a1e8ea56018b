"""Verbatim reuse between articles: long shared word runs and the share they cover."""

from __future__ import annotations

import pytest

from sitegen.analysis.reuse import MIN_WORDS, find_reuse
from sitegen.markdown import plain_text

WIRE = "The ministers agreed on Tuesday to extend the grain corridor for another four months."


@pytest.mark.parametrize(
    ("a", "b", "passages"),
    [
        # (article a, article b, reused passages as a's text)
        (WIRE, "Officials said: " + WIRE + " More talks follow.", [WIRE.rstrip(".")]),
        (
            WIRE,
            "“The ministers agreed on Tuesday to extend the grain corridor”, a source said.",
            ["The ministers agreed on Tuesday to extend the grain corridor"],
        ),
        ("The ministers agreed on Tuesday.", "The ministers agreed on Tuesday.", []),  # too short
        (WIRE, "A different story about the weather in the north of the country.", []),
        (
            WIRE,
            WIRE.replace("Tuesday", "Wednesday"),
            ["to extend the grain corridor for another four months"],
        ),
    ],
)
def test_passages(a: str, b: str, passages: list[str]) -> None:
    (reuse,) = find_reuse((plain_text("a", a), plain_text("b", b)))
    assert [p.text for p in reuse.passages] == passages
    ta, tb = plain_text("a", a), plain_text("b", b)
    for p in reuse.passages:
        assert ta.text[p.a_start : p.a_end] == p.text
        assert len(tb.text[p.b_start : p.b_end].split()) >= MIN_WORDS


def test_shares_are_relative_to_each_article() -> None:
    a = plain_text("a", WIRE)
    b = plain_text("b", WIRE + " " + "Then came a long explanation of other matters entirely. " * 3)
    (reuse,) = find_reuse((a, b))
    assert reuse.share_a == pytest.approx(1.0, abs=0.01)
    assert 0.2 < reuse.share_b < 0.5


def test_every_pair_once_in_a_stable_order() -> None:
    texts = [plain_text(x, WIRE) for x in ("c", "a", "b")]
    assert [(r.a, r.b) for r in find_reuse(texts)] == [("a", "b"), ("a", "c"), ("b", "c")]
    assert find_reuse(texts) == find_reuse(list(reversed(texts)))


def test_typography_does_not_hide_reuse() -> None:
    a = plain_text("a", "He said “it’s a long road to peace for all of us here” today.")
    b = plain_text("b", 'He said "it\'s a long road to peace for all of us here" today.')
    (reuse,) = find_reuse((a, b))
    assert reuse.share_a == pytest.approx(1.0, abs=0.01)
