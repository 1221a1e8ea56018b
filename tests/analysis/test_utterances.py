"""Grouping quotations across articles: one entry per utterance."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitegen.analysis.sentences import segment
from sitegen.analysis.text import wording_id
from sitegen.analysis.utterances import find_quotes, normalise
from sitegen.markdown import plain_text
from sitegen.model import Article, Quote


def story(*bodies: str) -> tuple[Quote, ...]:
    articles, texts, sentences = [], [], []
    for i, body in enumerate(bodies):
        aid = f"a{i}"
        articles.append(
            Article(
                aid, "s", Path(f"{aid}.md"), f"Outlet {i}", "t", body, 1, None, date(2025, 3, 1)
            )
        )
        text = plain_text(aid, body)
        texts.append(text)
        sentences.extend(segment(text))
    return find_quotes(articles, texts, sentences)


def groups(quotes: tuple[Quote, ...]) -> set[frozenset[tuple[str, str]]]:
    return {frozenset((o.article, o.text) for o in q.occurrences) for q in quotes}


RATES_C = "Rates will come down by half a point in March, and we will not stop there,"
A = (
    "Central bank governor Ana Ruiz said on Monday: “We will cut rates by half a point in "
    "March, and we will not stop there.”\n\n"
    "“Inflation is beaten and prices are stable,” Ruiz added, calling the result “historic”.\n\n"
    "Opposition leader Tom Beck said the plan was “reckless”."
)
B = (
    'Governor Ana Ruiz told reporters "we will cut rates by half a point in March".\n\n'
    '"Inflation has been defeated and prices are stable," Ms Ruiz added. '
    'She hailed the result as "historic".\n\n'
    'Tom Beck, who leads the opposition, called the plan "reckless and dangerous".'
)
C = (
    "Ana Ruiz promised a cut: “Rates will come down by half a point in March, and we will "
    "not stop there,” she said.\n\n"
    "Tom Beck called the vote “historic” for the wrong reasons."
)

GROUP_CASES = [
    (
        "cut shorter, retyped, translated, fragment; one speaker's words apart from another's",
        (A, B, C),
        {
            frozenset(
                {
                    (
                        "a0",
                        "We will cut rates by half a point in March, and we will not stop there.",
                    ),
                    ("a1", "we will cut rates by half a point in March"),
                    ("a2", RATES_C),
                }
            ),
            frozenset(
                {
                    ("a0", "Inflation is beaten and prices are stable,"),
                    ("a1", "Inflation has been defeated and prices are stable,"),
                }
            ),
            frozenset({("a0", "historic"), ("a1", "historic")}),
            frozenset({("a0", "reckless"), ("a1", "reckless and dangerous")}),
            frozenset({("a2", "historic")}),
        },
    ),
    (
        "one utterance split by attribution joins the matching piece elsewhere",
        (
            "“We are ready to talk,” Lena Berg said. “But we will not give up land.”",
            "Lena Berg said: “We are ready to talk.” Later she added: “We will not give up land.”",
        ),
        {
            frozenset({("a0", "We are ready to talk,"), ("a1", "We are ready to talk.")}),
            frozenset(
                {("a0", "But we will not give up land."), ("a1", "We will not give up land.")}
            ),
        },
    ),
    (
        "one word translated two ways, same speaker, same sentence around it",
        (
            "Lena Berg called for a “just” peace with guarantees the war will not return.",
            "Lena Berg called for a “fair” peace with guarantees the war will not return.",
        ),
        {frozenset({("a0", "just"), ("a1", "fair")})},
    ),
    (
        "different utterances of one speaker stay apart",
        (
            "“Our army is stronger than ever,” Lena Berg said.",
            "“Our farmers need help before winter,” Lena Berg said.",
        ),
        {
            frozenset({("a0", "Our army is stronger than ever,")}),
            frozenset({("a1", "Our farmers need help before winter,")}),
        },
    ),
    (
        "four renderings with little word overlap, each beside another remark",
        (
            "“From the start our aim was membership; some partners in Europe did not back it,” "
            "Lena Berg said.\n\n“Thus, today, bilateral guarantees from Washington – "
            "Article 7-like – and from European colleagues, Canada, Japan are a chance to deter "
            "another attack,” she said.",
            "“From the outset our goal was membership, but some partners in Europe did not "
            "back this path,” Lena Berg said.\n\n“Therefore we now weigh bilateral guarantees from "
            "Washington—similar to Article 7—with assurances from European allies, Canada and "
            "Japan as a way to deter another attack,” she added.",
            "Lena Berg said: “We are talking about bilateral guarantees with Washington – namely "
            "Article 7 – like guarantees . . . and guarantees from our European partners and "
            "countries such as Canada and Japan.”",
        ),
        {
            frozenset(
                {
                    (
                        "a0",
                        "From the start our aim was membership; some partners in Europe did not "
                        "back it,",
                    ),
                    (
                        "a1",
                        "From the outset our goal was membership, but some partners in Europe "
                        "did not back this path,",
                    ),
                }
            ),
            frozenset(
                {
                    (
                        "a0",
                        "Thus, today, bilateral guarantees from Washington – Article 7-like – and "
                        "from European colleagues, Canada, Japan are a chance to deter another "
                        "attack,",
                    ),
                    (
                        "a1",
                        "Therefore we now weigh bilateral guarantees from Washington—similar to "
                        "Article 7—with assurances from European allies, Canada and Japan as a "
                        "way to deter another attack,",
                    ),
                    (
                        "a2",
                        "We are talking about bilateral guarantees with Washington – namely "
                        "Article 7 – like guarantees . . . and guarantees from our European "
                        "partners and countries such as Canada and Japan.",
                    ),
                }
            ),
        },
    ),
    (
        "two remarks on one topic by one speaker stay apart when a piece is missing",
        (
            "“Joining the alliance was always our goal, and some partners did not support "
            "it,” Lena Berg said. “Bilateral security guarantees from partners are now "
            "the way to stop another invasion,” she added.",
            "“Bilateral security guarantees from our partners are the way to prevent another "
            "invasion,” Lena Berg said.",
        ),
        {
            frozenset(
                {
                    (
                        "a0",
                        "Joining the alliance was always our goal, and some partners did not "
                        "support it,",
                    )
                }
            ),
            frozenset(
                {
                    (
                        "a0",
                        "Bilateral security guarantees from partners are now the way to stop "
                        "another invasion,",
                    ),
                    (
                        "a1",
                        "Bilateral security guarantees from our partners are the way to "
                        "prevent another invasion,",
                    ),
                }
            ),
        },
    ),
    (
        "a common word inside another remark of the speaker, told differently, stays apart",
        (
            "Lena Berg called the harvest “historic” after a dry summer on the farms.",
            "“This historic treaty ends a long war,” Lena Berg said in Oslo.",
        ),
        {
            frozenset({("a0", "historic")}),
            frozenset({("a1", "This historic treaty ends a long war,")}),
        },
    ),
    (
        "a word inside a longer quotation, told the same way, belongs to it",
        (
            "Lena Berg called the treaty “historic” as the long war ended.",
            "“This historic treaty ends a long war,” Lena Berg said in Oslo.",
        ),
        {frozenset({("a0", "historic"), ("a1", "This historic treaty ends a long war,")})},
    ),
    (
        "the same short phrase from two people is two utterances",
        (
            "Lena Berg called the vote “a good start”.",
            "Opposition leader Ivo Kral called the budget “a good start”.",
        ),
        {frozenset({("a0", "a good start")}), frozenset({("a1", "a good start")})},
    ),
    (
        "a fragment and the full quotation in one article stay two entries",
        (
            "Officials called it a “keystone”. “This is one of the keystones of any deal,” "
            "spokesman Ivo Kral said.",
        ),
        {
            frozenset({("a0", "keystone")}),
            frozenset({("a0", "This is one of the keystones of any deal,")}),
        },
    ),
]


@pytest.mark.parametrize(
    ("about", "bodies", "expected"), GROUP_CASES, ids=[c[0] for c in GROUP_CASES]
)
def test_groups(about: str, bodies: tuple[str, ...], expected: set) -> None:
    assert groups(story(*bodies)) == expected


def test_entries_are_sound() -> None:
    quotes = story(A, B, C)
    ids = [q.id for q in quotes]
    assert len(set(ids)) == len(ids)
    assert quotes == story(A, B, C)  # deterministic, ids included
    for q in quotes:
        arts = [o.article for o in q.occurrences]
        assert len(set(arts)) == len(arts) and arts == sorted(arts)
    counts = [len(q.occurrences) for q in quotes]
    assert counts == sorted(counts, reverse=True)
    rates = next(q for q in quotes if len(q.occurrences) == 3)
    assert rates.speaker == "Ana Ruiz"
    assert rates.id == wording_id(rates.text)  # its own words, not its speaker
    relations = {o.article: o.relation for o in rates.occurrences}
    assert relations["a1"] == "fragment"  # a contiguous cut of the representative wording
    assert sorted(relations.values()) == ["fragment", "rendering", "verbatim"]


RELATIONS = [
    ("“Inflation is beaten,” Ruiz said.", "“Inflation is beaten.” Ruiz said.", "verbatim"),
    (
        "“Inflation is beaten for now,” Ruiz said.",
        "“Inflation is beaten for good,” Ruiz said.",
        "near-verbatim",
    ),
]


@pytest.mark.parametrize(("a", "b", "expected"), RELATIONS)
def test_relation(a: str, b: str, expected: str) -> None:
    (quote,) = story(a, b)
    assert {o.relation for o in quote.occurrences} == {"verbatim", expected}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("“constructive,”", "“constructive”,"),
        ('"dance floor."', "“dance floor,”"),
        ("“had no … military purpose”", "“had no ... military purpose”"),
        ("“join\u00a0UNICEF – now”", "“join UNICEF — now”"),
    ],
)
def test_normalise_folds_typography_only(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


# --------------------------------------------------------------------------- issue 16


def test_class3_a_fragment_beside_its_speaker_joins_the_full_quotation() -> None:
    """A few words one outlet quotes from a full quotation another carries, with nothing
    around them but the speaker and the story's subject, are the same utterance."""
    full = (
        "The fire gutted the cold store overnight.\n\n"
        "Mayor Tomas Brenner said: “What happened tonight is a disgrace to this city, and "
        "the people responsible will answer for it.”"
    )
    cut = "Brenner said the fire was “a disgrace”."
    assert groups(story(full, cut)) == {
        frozenset(
            {
                (
                    "a0",
                    "What happened tonight is a disgrace to this city, and the people "
                    "responsible will answer for it.",
                ),
                ("a1", "a disgrace"),
            }
        )
    }


def test_class4_a_second_translation_among_the_same_facts_is_one_utterance() -> None:
    """One statement rendered in other words by a translated outlet: the speaker and the
    sentence before it agree, so it is one utterance although few words are shared."""
    a = (
        "The fire started at 3:40 a.m. in the packing hall, according to fire chief "
        "Marta Kowalczyk.\n\n"
        "“This was the hardest night of my career,” Kowalczyk said."
    )
    b = (
        "According to fire chief Marta Kowalczyk, the fire started at about 4 a.m. in the "
        "packing hall.\n\n"
        "“This has been the most difficult night of my working life,” said Kowalczyk."
    )
    (quote,) = [q for q in story(a, b) if len(q.occurrences) == 2]
    assert {o.text for o in quote.occurrences} == {
        "This was the hardest night of my career,",
        "This has been the most difficult night of my working life,",
    }


def test_class4_without_agreeing_facts_two_remarks_of_one_speaker_stay_apart() -> None:
    a = "“This was the hardest night of my career,” fire chief Marta Kowalczyk said."
    b = "“The new engines are the best we ever had,” fire chief Marta Kowalczyk said."
    assert len(story(a, b)) == 2


def test_class5_near_identical_words_of_two_named_sources_stay_two_utterances() -> None:
    """An official's statement and the court filing it sums up read nearly alike; each
    sentence names its source, and they differ."""
    a = (
        "Police spokesman Lars Dahl said: “The accused set the fire deliberately, and the "
        "lives of the night shift were put at risk.”"
    )
    b = (
        "In the charge sheet, prosecutor Anna Berg wrote: “The accused set the fire "
        "deliberately and the lives of the night shift were put at risk.”"
    )
    quotes = story(a, b)
    assert len(quotes) == 2
    assert {q.speaker for q in quotes} == {"Lars Dahl", "Anna Berg"}


def test_a_misspelt_speaker_is_still_the_same_person() -> None:
    a = "Fire chief Marta Kowalczyk said: “The roof of the cold store collapsed at dawn.”"
    b = "Fire chief Marta Kowalcyk said: “The roof of the cold store collapsed at dawn.”"
    (quote,) = story(a, b)
    assert len(quote.occurrences) == 2


def test_every_occurrence_says_how_sure_its_match_is() -> None:
    quotes = story(A, B, C)
    for quote in quotes:
        for occ in quote.occurrences:
            assert 0.0 <= occ.confidence <= 1.0
        if len(quote.occurrences) == 1:
            assert quote.occurrences[0].confidence == 1.0
    rates = next(q for q in quotes if len(q.occurrences) == 3)
    assert all(not o.possible for o in rates.occurrences)
