"""The analysis takes shortcuts for speed (a pre-check that skips a scan, a look-ahead that
lets a pattern fail early, a memo); each must give exactly what the long way gives.

Texts are generated from the words the shortcuts hinge on (number words, months,
qualifiers, capitalised names, the letters whose case folding is irregular) mixed with
ordinary words and punctuation, so both sides of every pre-check are exercised.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.analysis import names, quantities, sentences

WORDS = """five Five FIVE twenty-five hundred thousands dozens million 1,500 2.5 15th 2024 10%
about More than at least up to some parts of half a quarter per cent percent
May may Monday monday MONDAY Dec. dec the 15th of June next Friday tomorrow
today tonight morning Sept Sep. 3 31st 1999
said talks in Geneva Ana Ruiz Mr. O'Neill Çelik UN U.S. van der Leyen
Defence Minister spokesman Lincoln's Xi Jinping players' PM
\u0130stanbul \u0131 \u017fix \u212aelvin \u017feven \u017fcores FR\u0130DAY \u0130n
""".split()  # noqa: SIM905 - a word list reads best as one string
# (the last line: İ, ı and ſ, whose case folding is irregular, and the Kelvin sign)
SEPARATORS = [" ", " ", " ", ", ", ". ", "-", "\u00a0", " (", ") ", ": ", "\n", "“", "” "]


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS))))
    return "".join(w + sep for w, sep in parts)


ANY_TEXT = st.one_of(texts(), st.text(max_size=40))


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(ANY_TEXT)
def test_early_failing_patterns_match_as_the_plain_ones(text: str) -> None:
    for fast, plain in (
        (quantities._QUANTITY, quantities.QUANTITY_PATTERN),
        (quantities._DATE, quantities.DATE_PATTERN),
    ):
        assert _spans(fast, text) == _spans(re.compile(plain, re.IGNORECASE), text)


def _numbers_and_dates(text: str) -> tuple[object, ...]:
    # no publication date: the shortcut is about finding dates, not resolving them (and a
    # weekday spelt with a dotted capital İ cannot be resolved, shortcut or not)
    return (quantities.quantities(text), quantities.dates(text, None))


def _scanned(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[object, ...]:
    """The same, with the word pre-check off: every text is scanned."""
    with monkeypatch.context() as patch:
        patch.setattr(quantities, "_words", lambda text: None)
        return _numbers_and_dates(text)


@settings(max_examples=400, deadline=None)
@given(text=ANY_TEXT)
def test_word_prechecks_skip_only_texts_without_matches(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        assert _numbers_and_dates(text) == _scanned(text, monkeypatch)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("\u017fix hours", True),  # ſix: "six" to a case-insensitive pattern
        ("FR\u0130DAY talks", True),  # FRİDAY
        ("about \u017fcores of people", True),
        ("on the 15th of June", True),
        ("nothing to see here", False),
    ],
)
def test_irregular_case_letters_still_scan(
    text: str, found: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    fast = _numbers_and_dates(text)
    assert fast == _scanned(text, monkeypatch)
    assert any(fast) == found


def _mentions_by_equality(text: str) -> tuple[names.Mention, ...]:
    """names.mentions as first written: membership by equality over the list."""
    found = names.candidates(text)
    persons = [m for m in found if names.looks_like_person(m)]
    known = {
        names.translit(w)
        for m in persons
        if len(m.tokens) >= 2
        for w in m.tokens
        if not names._is_particle(w) and names.fold(w) not in names._SUFFIXES
    }
    out = []
    for m in found:
        full = m in persons and (len(m.tokens) >= 2 or bool(m.title or m.role))
        surname_only = len(m.tokens) == 1 and not names.non_person(m.name)
        introduced = surname_only and names.introduced(text, m)
        if full or (surname_only and names.person_key(m.name) in known) or introduced:
            out.append(m)
    return tuple(out)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_mentions_pick_persons_without_an_equality_scan(text: str) -> None:
    assert names.mentions(text) == _mentions_by_equality(text)


def _open_after_by_characters(fragment: str, open_before: bool) -> bool:
    """sentences._open_after as first written: one step per character."""
    depth = 1 if open_before else 0
    for ch in fragment:
        if ch in sentences.OPENING:
            depth = 1
        elif ch in sentences.CLOSING:
            depth = 0
        elif ch == '"':
            depth = 0 if depth else 1
    return depth > 0


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=sentences.OPENING + sentences.CLOSING + '"a '), st.booleans())
def test_open_quotation_from_the_last_marks(fragment: str, open_before: bool) -> None:
    assert sentences._open_after(fragment, open_before) == _open_after_by_characters(
        fragment, open_before
    )
