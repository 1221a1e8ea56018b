"""Aligning sentences of several articles into claims."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitegen.analysis.claims import align_claims, terms
from sitegen.analysis.sentences import segment
from sitegen.analysis.stage import analyse_story
from sitegen.analysis.text import stable_id
from sitegen.content import load_site
from sitegen.markdown import plain_text
from sitegen.model import Article, ArticleText, Claim, Sentence

from ..conftest import DEMO

STORIES = Path(__file__).parent.parent / "fixtures" / "stories"


def story(bodies: dict[str, str]) -> tuple[list[Article], list[ArticleText], list[Sentence]]:
    """Articles, plain texts and sentences for inline bodies keyed by article id."""
    articles = [
        Article(aid, "s", Path(f"{aid}.md"), aid, aid, body, 1, published=date(2025, 3, 2))
        for aid, body in bodies.items()
    ]
    texts = [plain_text(a.id, a.body) for a in articles]
    return articles, texts, [s for t in texts for s in segment(t)]


BODIES = {
    "alpha": (
        "Flooding forced 3,000 residents of Riverton to leave their homes on Sunday. "
        "Mayor Helen Ortiz said the dam on the Green River had not been breached. "
        "The city opened four emergency shelters in school buildings."
    ),
    "beta": (
        "About 3,000 Riverton residents were evacuated from their homes on Sunday because of "
        "flooding. Engineers inspected the old railway bridge. "
        "Officials opened four emergency shelters in local school buildings."
    ),
    "gamma": (
        "Riverton mayor Helen Ortiz insisted that the Green River dam had not been breached. "
        "A local bakery gave free bread to volunteers."
    ),
}


def by_text(claims: tuple[Claim, ...], fragment: str) -> Claim:
    (claim,) = [c for c in claims if any(fragment in s.text for s in c.sources)]
    return claim


@pytest.mark.parametrize(
    ("fragment", "articles"),
    [
        ("forced 3,000 residents", ("alpha", "beta")),
        ("dam on the Green River", ("alpha", "gamma")),
        ("four emergency shelters", ("alpha", "beta")),
        ("old railway bridge", ("beta",)),
        ("free bread", ("gamma",)),
    ],
)
def test_sentences_align_into_claims(fragment: str, articles: tuple[str, ...]) -> None:
    claims = align_claims(*story(BODIES))
    assert by_text(claims, fragment).articles == articles


def test_at_most_one_sentence_per_article_and_offsets_exact() -> None:
    articles, texts, sentences = story(BODIES)
    by_id = {t.article: t.text for t in texts}
    for claim in align_claims(articles, texts, sentences):
        assert len(set(claim.articles)) == len(claim.articles)
        assert list(claim.articles) == sorted(claim.articles)
        for src in claim.sources:
            sentence = next(
                s for s in sentences if (s.article, s.index) == (src.article, src.sentence)
            )
            assert by_id[src.article][sentence.start : sentence.end] == src.text
            assert src.strength in ("verbatim", "close", "paraphrase")
            assert 0 <= src.score <= 100


def test_shared_claims_come_first_and_ids_are_stable() -> None:
    first = align_claims(*story(BODIES))
    again = align_claims(*story(dict(reversed(list(BODIES.items())))))
    assert [c.shared for c in first] == sorted((c.shared for c in first), reverse=True)
    assert {c.id for c in first} == {c.id for c in again}
    assert len({c.id for c in first}) == len(first)


def test_a_verbatim_copy_is_marked_verbatim() -> None:
    text = "The central bank raised its main interest rate to 4.5 percent on Thursday."
    (claim,) = align_claims(*story({"a": text, "b": text}))
    assert [s.strength for s in claim.sources] == ["verbatim", "verbatim"]


TWO_FACTS = {
    "long": (
        "The storm cut power to 40,000 homes in the northern district, and the "
        "regional airport cancelled all flights until Tuesday."
    ),
    "one": "The storm cut power to 40,000 homes in the northern district.",
    "two": "The regional airport cancelled all flights until Tuesday.",
}


def test_a_two_fact_sentence_can_serve_two_claims_and_names_its_first() -> None:
    claims = align_claims(*story(TWO_FACTS))
    power = by_text(claims, "40,000 homes in the northern district.")
    airport = by_text(claims, "The regional airport cancelled")
    assert power.articles == ("long", "one")
    assert airport.articles == ("long", "two")
    # one claim, one row: the second claim of the two-fact sentence names its first
    (second,) = [s for s in airport.sources if s.article == "long"]
    assert second.home == power.id
    assert all(not s.home for s in power.sources)


def test_fragments_and_headings_are_no_claims() -> None:
    claims = align_claims(
        *story({"a": "## Live updates\n\nHe said.\n\nThe bridge reopened to traffic on Friday."})
    )
    assert [c.text for c in claims] == ["The bridge reopened to traffic on Friday."]


def test_nothing_to_align() -> None:
    assert align_claims([], [], []) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Navalnyy said", ("navaln",)),
        ("Navalny", ("navaln",)),
        ("Hungary and Hungarian", ("hungar", "hungar")),
        ("ten percent, 10%", ("10", "percen", "10", "percen")),
        ("He told reporters that it was over", ("report",)),
    ],
)
def test_terms(text: str, expected: tuple[str, ...]) -> None:
    assert terms(text) == expected


def test_stable_id_is_a_slug_and_a_hash() -> None:
    one = stable_id("The bridge reopened on Friday.", ["a:1:x"])
    assert one == stable_id("The bridge reopened on Friday.", ["a:1:x"])
    assert one.startswith("bridge-reopened-friday-")
    assert one != stable_id("The bridge reopened on Friday.", ["a:2:x"])


def test_a_reworded_sentence_between_aligned_neighbours_joins_their_claim() -> None:
    claims = align_claims(
        *story(
            {
                "wire": (
                    "The council approved the new harbour budget of 40 million euros on Monday. "
                    "Critics called the plan reckless. "
                    "Construction of the northern pier will start in the spring of next year."
                ),
                "rewrite": (
                    "On Monday the council approved a new harbour budget of 40 million euros. "
                    "Opponents said the spending was reckless and rushed. "
                    "Work on the northern pier is to start in the spring of next year."
                ),
            }
        )
    )
    assert by_text(claims, "Critics called").articles == ("rewrite", "wire")


# --------------------------------------------------------------------------- issue 16, class 6

FIRE = {
    "gazette": (
        "Three workers died when fire swept through the Kvist cold store on the north quay. "
        "Mayor Tomas Brenner visited the quay in the morning. "
        "Brenner said the council would pay for temporary housing for the families of the "
        "night shift. "
        "“This was the hardest night of my career,” Kowalczyk said."
    ),
    "wire": (
        "Four people were killed in a fire at the Kvist cold store in Port Elsby. "
        "Mayor Tomas Brenner arrived at the north quay at dawn. "
        "Brenner said he had spoken to the families of the dead on Tuesday morning. "
        "“This was the hardest night of my career,” she said."
    ),
}


def test_sentences_sharing_only_a_speaker_and_a_word_are_not_one_claim() -> None:
    claims = align_claims(*story(FIRE))
    housing = by_text(claims, "temporary housing")
    assert housing.articles == ("gazette",)


def test_a_sentence_that_is_only_a_quotation_is_marked_as_one() -> None:
    claims = align_claims(*story(FIRE))
    quoted = by_text(claims, "hardest night")
    assert quoted.articles == ("gazette", "wire")
    assert all(s.quotation for s in quoted.sources)
    lede = by_text(claims, "Three workers died")
    assert not any(s.quotation for s in lede.sources)


def test_every_source_says_how_sure_its_match_is() -> None:
    claims = align_claims(*story(BODIES))
    for claim in claims:
        for source in claim.sources:
            assert 0.0 <= source.confidence <= 1.0
        if not claim.shared:
            assert [s.confidence for s in claim.sources] == [1.0]


# Issue 16, class 6 (claims): what two sentences share must go beyond who and where.


@pytest.mark.parametrize(
    ("a", "b", "together"),
    [
        pytest.param(
            "Harbour master Oskar Lind closed the west pier to ferries until Friday.",
            "The alarm was raised at dawn, according to the harbour master, Oskar Lind.",
            False,
            id="a person and their role only",
        ),
        pytest.param(
            'In the charge sheet, prosecutor Anna Berg wrote: "The accused set the fire '
            'deliberately, and the lives of the night shift were put at risk."',
            'Police spokesman Lars Dahl said: "We believe the fire was set deliberately '
            'and that the lives of the night shift were put at risk."',
            False,
            id="two named sources saying near-identical things",  # the filing and the official
        ),
        pytest.param(
            'Ruth Adeyemi, the lawyer for the campaigners, said: "The council failed the '
            'people who rely on this library."',
            "Ruth Adeyemi, representing the campaigners, told reporters the judgment was "
            '"a victory for every library user".',
            False,
            id="two remarks of one person described by an appositive",
        ),
        pytest.param(  # (guard) the start, at a time, in other words: the facet is shared
            "The fire started at 3:40 a.m. in the hall, said fire chief Ana Ruiz.",
            "The blaze broke out at about 4 a.m., fire chief Ana Ruiz told reporters.",
            True,
            id="a shared facet is a shared predicate",
        ),
    ],
)
def test_what_two_sentences_share_must_go_beyond_who(a: str, b: str, together: bool) -> None:
    claims = align_claims(*story({"a": a, "b": b}))
    assert by_text(claims, a[:30]).articles == (("a", "b") if together else ("a",))


def test_a_lede_joins_the_ledes_not_a_sentence_sharing_its_setting() -> None:
    # (guard; the full case, where it failed, is tests/system/test_harbour_fire.py::
    # test_the_five_ledes_are_one_claim) "blaze ... Kvist cold store ... north quay" is
    # the setting; the toll is the point
    bodies = {
        "wire": (
            "Four people were killed and 15 injured in a fire at the Kvist cold store in Port "
            "Elsby on Tuesday. The blaze broke out at the Kvist cold store on the north quay, "
            "fire chief Marta Kowalczyk told reporters."
        ),
        "gazette": (
            "Three workers died and 12 people were injured when fire swept through the Kvist "
            "cold store on Port Elsby's north quay early on Tuesday."
        ),
        "herald": (
            "Four people lost their lives and 15 were injured in the fire at the Kvist cold "
            "store in Port Elsby early on Tuesday morning."
        ),
        "metro": (
            "Three people were killed and 14 were hurt in the blaze at the Kvist cold store on "
            "Port Elsby's north quay on Tuesday."
        ),
    }
    claims = align_claims(*story(bodies))
    assert by_text(claims, "14 were hurt").articles == ("gazette", "herald", "metro", "wire")
    assert by_text(claims, "The blaze broke out").articles == ("wire",)


def test_a_second_claim_does_not_repeat_the_first_in_another_row() -> None:
    # two-fact sentences may serve a second claim, but a lone sentence
    # stating the point their own claim states gathers no copy of that claim
    bodies = {
        "a": (
            "Ukraine has given up its goal of joining NATO in exchange for security "
            "guarantees, President Volodymyr Zelensky said in Berlin on Sunday."
        ),
        "b": (
            "Ukraine is prepared to abandon its goal of joining NATO in exchange for security "
            "guarantees, President Volodymyr Zelensky said on Sunday during talks in Berlin."
        ),
        "c": (
            "During talks in Berlin, President Volodymyr Zelensky offered to drop the goal of "
            "joining NATO in exchange for Western guarantees. Before the meeting, Zelensky "
            "offered to abandon efforts to join NATO in exchange for security guarantees."
        ),
    }
    claims = align_claims(*story(bodies))
    rows = [c for c in claims if any("Ukraine is prepared" in s.text for s in c.sources)]
    assert len(rows) == 1
    assert by_text(claims, "Before the meeting").articles == ("c",)


def test_a_second_claim_is_stated_by_its_own_sentence_not_the_two_fact_one() -> None:
    # the two-fact sentence states its first claim; stating the second too, it showed
    # one statement in two rows of the matrix (issue 19)
    claims = align_claims(*story(TWO_FACTS))
    airport = by_text(claims, "The regional airport cancelled")
    assert airport.text == "The regional airport cancelled all flights until Tuesday."
    assert len({c.text for c in claims}) == len(claims)
    (own,) = [s for s in airport.sources if s.article == "two"]
    assert own.strength == "verbatim"


@pytest.mark.parametrize("root", [DEMO, STORIES], ids=["demo", "fixtures"])
def test_no_two_claims_of_a_story_share_a_statement(root: Path) -> None:
    # on the demo, two rows of the matrix read "Zelensky met with the US negotiators..."
    # (issue 19): a claim's statement is its own, never its neighbour's
    for story in load_site(root).stories:
        claims = analyse_story(story).claims
        assert len({c.text for c in claims}) == len(claims), story.id
