"""The fast reuse finder agrees with the plain definition of reuse.

``find_reuse`` cuts words with ``wordiff.WORD`` and compares joined grams; these tests
hold it to the straightforward version: wordiff's tokens that hold a letter or digit,
folded, and every maximal run of at least ``MIN_WORDS`` equal words found by trying
every pair of positions.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.analysis.reuse import MIN_WORDS, find_reuse
from sitegen.analysis.wordiff import WORD, fold, tokens
from sitegen.markdown import plain_text
from sitegen.model import ArticleText

# Letters, digits, underscores, the marks that join words, other punctuation, spaces.
TEXT = st.text(alphabet="ab1_'’-.,;:!? \u00a0“”é", max_size=60)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_word_finds_the_tokens_that_hold_a_word_character(text: str) -> None:
    words = [(s, e) for s, e in tokens(text) if re.search(r"\w", text[s:e])]
    assert [m.span() for m in WORD.finditer(text)] == words


def _plain_words(text: str) -> tuple[list[str], list[tuple[int, int]]]:
    spans = [(s, e) for s, e in tokens(text) if any(c.isalnum() for c in text[s:e])]
    return [fold(text[s:e]) for s, e in spans], spans


def _plain_runs(a: list[str], b: list[str]) -> list[tuple[int, int, int]]:
    runs = []
    for i in range(len(a) - MIN_WORDS + 1):
        for j in range(len(b) - MIN_WORDS + 1):
            if a[i : i + MIN_WORDS] != b[j : j + MIN_WORDS]:
                continue
            if i > 0 and j > 0 and a[i - 1] == b[j - 1]:
                continue  # not where the run starts
            n = MIN_WORDS
            while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
                n += 1
            runs.append((i, j, n))
    return runs


def _share(spans: list[tuple[int, int]], ranges: list[tuple[int, int]]) -> float:
    total = sum(e - s for s, e in spans)
    inside = {k for start, n in ranges for k in range(start, start + n)}
    return round(sum(spans[k][1] - spans[k][0] for k in inside) / total, 4) if total else 0.0


def _check(a: ArticleText, b: ArticleText) -> None:
    (reuse,) = find_reuse((a, b))
    keys_a, spans_a = _plain_words(a.text)
    keys_b, spans_b = _plain_words(b.text)
    runs = _plain_runs(keys_a, keys_b)
    expected = list(
        (spans_a[i][0], spans_a[i + n - 1][1], spans_b[j][0], spans_b[j + n - 1][1])
        for i, j, n in runs
    )
    expected.sort(key=lambda p: (p[0], p[2]))
    assert [(p.a_start, p.a_end, p.b_start, p.b_end) for p in reuse.passages] == expected
    assert all(a.text[p.a_start : p.a_end] == p.text for p in reuse.passages)
    assert reuse.share_a == _share(spans_a, [(i, n) for i, _, n in runs])
    assert reuse.share_b == _share(spans_b, [(j, n) for _, j, n in runs])


# Few words, so runs repeat inside an article and across the two.
WORDS = st.lists(st.sampled_from(["the", "The", "talks", "“talks”", "a_b", "__", "9", "ends."]))


@settings(max_examples=300, deadline=None)
@given(WORDS, WORDS)
def test_runs_are_every_maximal_common_run(a: list[str], b: list[str]) -> None:
    _check(plain_text("a", " ".join(a)), plain_text("b", " ".join(b)))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # (article a, article b)
        ("one two three four five six seven eight " * 3, "one two three four five six seven eight"),
        ("x " + "w " * 20, "w " * 9 + "y " + "w " * 12),
        (
            "Quoted: “one two three four five six seven eight”",
            "one two three four five six seven eight",
        ),
        (
            "__ one two three four five six seven eight",
            "one two __ three four five six seven eight",
        ),
    ],
)
def test_repeated_and_interrupted_runs(a: str, b: str) -> None:
    _check(plain_text("a", a), plain_text("b", b))
