"""The name finder's fast skip between runs stops at every word that may open a run.

Outside a run, ``names._runs`` only opens one at a capitalised word; it jumps over the
words between with one regex (``_SKIP``). These tests hold the jumps to a word-by-word
scan: the skip must stop at exactly the words a full scan finds that could be capitals,
matched the same way.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.analysis.names import _SKIP, _WORD, candidates


def _stops(text: str) -> list[tuple[int, int]]:
    """The words _runs looks at: where the skip stops, each taken as _WORD matches there."""
    out = []
    pos = _SKIP.match(text).end()
    while pos < len(text):
        m = _WORD.match(text, pos)
        assert m is not None  # the skip stops only where a word starts
        out.append(m.span())
        pos = _SKIP.match(text, m.end()).end()
    return out


def _may_open_a_run(text: str) -> list[tuple[int, int]]:
    """The words of a full scan that do not begin with a lower-case ASCII letter, a digit
    or "_" (every word that begins with a capital among them)."""
    return [m.span() for m in _WORD.finditer(text) if not re.match(r"[a-z0-9_]", m.group())]


PIECES = [
    "the", "said", "Ana", "Ruiz", "Mr.", "J.", "U.S.", "e.g.", "von", "der", "al", "Al-Sayed",
    "Lincoln's", "Ruiz’s", "état", "Élise", "Çelik", "ǅemal", "中国", "1990s", "_x", "x_Y",
    "don't", "O'Neil", "van", "New", "York",
]  # fmt: skip
SEPARATORS = [" ", " ", "\u00a0", ". ", ".\u00a0", ", ", "  ", "-", "'", "’", "\n", "(", ""]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=14))
def test_skipping_finds_the_runs_a_full_scan_finds(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + sep for word, sep in parts)
    assert _stops(text) == _may_open_a_run(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aZé É_1.'’- \u00a0,sv", max_size=40))
def test_skipping_on_arbitrary_characters(text: str) -> None:
    assert _stops(text) == _may_open_a_run(text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # (text, names of the candidates found)
        ("Spain's Defence Minister Ana Ruiz said", ["Spain", "Ana Ruiz"]),
        ("talks with Ursula von der Leyen began", ["Ursula von der Leyen"]),
        ("as Mr. Moreno and J. Smith left", ["Moreno", "J. Smith"]),
        ("the état said Élise Çelik", ["Élise Çelik"]),
        ("no capital letter here at all", []),
    ],
)
def test_candidates_after_lower_case_stretches(text: str, names: list[str]) -> None:
    assert [m.name for m in candidates(text)] == names
