"""sentences._segments is a port of syntok's segmenter: it must cut every text where
syntok cuts it. Texts are generated from the tokens syntok's rules turn on (terminals,
abbreviations, initials, numbers, months, brackets, quotes, apostrophes, hyphens, case
changes inside words, blank lines, odd spaces) and compared with syntok itself."""

from __future__ import annotations

import pytest
import syntok.segmenter as segmenter
from hypothesis import given, settings
from hypothesis import strategies as st

from sitegen.analysis.sentences import _segments

WORDS = """the talks ended he said She It The However In But Mr. Mrs Dr. Prof. U.S. U.S
U.N. e.g. i.e. etc. No. no. NO 5 12 2024 3.5 1,500 No 5th Jan. Jan Sept. Dec 4 iPhone
McDonald's don't can't isn't won't o'clock rock'n'roll well-known -based x_y a A b B I
II IV XII Vol. vol. St. Ltd. Inc. Gen. Sen. approx. vs. fig. ( ) [ ] { } (the (A ... …
. ! ? ; : , " ' “ ” ‘ ’ « » „ ‚ ) ). .) ." ?" !) .” ’s 's 1. 2. a. b. Sie Die Por
\u00ad \u2010 \u2011 ok.Then end.The endThe ʼtwas ʹx ´s ′s 「 」 ｛ ｝ ＜ ＞ ！ ？ 。 ．
""".split()  # noqa: SIM905 - a word list reads best as one string
SPACES = [" ", " ", " ", " ", "", "\u00a0", "\u200b", "\n", "\n\n", " \n \n", "\t", "  "]


@st.composite
def texts(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SPACES))))
    lead = draw(st.sampled_from(["", " ", "\n", "\n\n"]))
    return lead + "".join(w + s for w, s in parts)


def _syntok(text: str) -> list[tuple[int, int]]:
    spans = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            tokens = [t for t in sentence if t.value]
            if tokens:
                spans.append((tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)))
    return spans


@settings(max_examples=1500, deadline=None)
@given(st.one_of(texts(), st.text(max_size=60)))
def test_cuts_where_syntok_cuts(text: str) -> None:
    assert _segments(text) == _syntok(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "One sentence.",
        "Mr. Smith went to Washington. He said so.",
        "The U.S. economy grew 3.5 percent. Analysts (who had expected less) were pleased.",
        'He said: "We will not resign. Never." Then he left.',
        "It ended (see Fig. 3). The end",
        "(A bracketed sentence. With two.) And after it.",
        "first paragraph.\n\nsecond one. Third sentence!",
        "No. 5 on the list. Jan. 12 was the day.",
        "I. Introduction. II. Methods.",
        "The talks ended.The next began.",
    ],
)
def test_examples(text: str) -> None:
    assert _segments(text) == _syntok(text)
