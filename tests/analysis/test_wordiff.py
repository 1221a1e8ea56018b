"""Word-level diff: typography and case are folded, original text comes back."""

from __future__ import annotations

import difflib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.analysis.wordiff import _opcodes, changed_words, fold, word_diff

CASES = [
    # (a, b, expected edit script)
    ("the same words", "the same words", (("equal", "the same words"),)),
    (
        "a good sign",
        "a bad sign",
        (("equal", "a "), ("delete", "good "), ("insert", "bad "), ("equal", "sign")),
    ),
    (
        "And it is already a compromise",
        "And this is already a compromise",
        (
            ("equal", "And "),
            ("delete", "it "),
            ("insert", "this "),
            ("equal", "is already a compromise"),
        ),
    ),
    ("“It’s over”", '"It\'s over"', (("equal", "“It’s over”"),)),
    ("Article 5 – like", "Article 5 - like", (("equal", "Article 5 – like"),)),
    ("wait…", "wait...", (("equal", "wait…"),)),
    ("Join\u00a0OPEC", "join OPEC", (("equal", "Join\u00a0OPEC"),)),
    ("", "new words", (("insert", "new words"),)),
    ("old words", "", (("delete", "old words"),)),
    (
        "progress was made",
        "a lot of progress was made",
        (("insert", "a lot of "), ("equal", "progress was made")),
    ),
    # leading space stays with the first word; equal wordings come back as one piece
    (" a b", "a c", (("equal", " a "), ("delete", "b"), ("insert", "c"))),
    ("Same, same.", "same,  SAME.", (("equal", "Same, same."),)),
    ("   ", "   ", (("delete", "   "), ("insert", "   "))),  # no words to compare
]


@pytest.mark.parametrize(("a", "b", "expected"), CASES)
def test_word_diff(a: str, b: str, expected: tuple[tuple[str, str], ...]) -> None:
    assert word_diff(a, b) == expected


@pytest.mark.parametrize(("a", "b", "_"), CASES)
def test_pieces_give_back_the_texts(a: str, b: str, _: object) -> None:
    diff = word_diff(a, b)
    # equal pieces are a's characters, so a comes back exactly, and b does too
    # wherever the two agree on typography
    assert "".join(t for op, t in diff if op != "insert") == a
    b_again = "".join(t for op, t in diff if op != "delete")
    assert b_again == b or fold(b_again) == fold(b)


@pytest.mark.parametrize(
    ("a", "b", "gone", "new"),
    [
        ("a “dignified” peace", "an “honourable” peace", ("a", "dignified"), ("an", "honourable")),
        ("dance floor.", "dance floor,", (), ()),  # punctuation is not wording
        ("from our part", "on our part", ("from",), ("on",)),
    ],
)
def test_changed_words(a: str, b: str, gone: tuple[str, ...], new: tuple[str, ...]) -> None:
    assert changed_words(word_diff(a, b)) == (gone, new)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("“Quote”", '"quote"'),
        ("A\u00a0 B\n C", "a b c"),
        ("en – dash", "en - dash"),
        ("So…", "so..."),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.sampled_from("abcde"), max_size=30),
    st.lists(st.sampled_from("abcde"), max_size=30),
)
def test_opcodes_are_difflibs(a: list[str], b: list[str]) -> None:
    # wordiff's own matcher is difflib's without junk handling: the same edit script
    expected = difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes()
    assert _opcodes(a, b) == expected
