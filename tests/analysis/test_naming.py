"""How an article names a person: titles, role nouns and appositives, on invented text."""

from __future__ import annotations

import pytest

from sitegen.analysis import naming, speakers
from sitegen.model import ArticleText


def _described(text: str, person: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each mention as written (descriptor included) with its descriptors."""
    return [(text[n.start : n.end], n.descriptors) for n in naming.namings(text, person)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks began after Prime Minister Ana Ruiz arrived.", "Prime Minister"),
        ("Talks began after Foreign Minister Ana Ruiz arrived.", "Foreign Minister"),
        ("The plan was backed by Ostrian President Ana Ruiz.", "Ostrian President"),
        ("The plan was backed by Mr. Ana Ruiz on Friday.", "Mr."),
        ("Former New Harlow governor Ana Ruiz spoke.", "Former New Harlow governor"),
    ],
)
def test_capitalised_titles_and_their_modifiers(text: str, expected: str) -> None:
    assert naming.namings(text, "Ana Ruiz")[0].before == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ostrian dictator Pavel Drozd met the envoys.", "Ostrian dictator"),
        ("The envoys met the embattled leader Pavel Drozd.", "embattled leader"),
        (
            "A deal was struck by the country's top diplomat Pavel Drozd.",
            "the country's top diplomat",
        ),
        ("Lakeside spokesman Pavel Drozd denied it.", "Lakeside spokesman"),
        ("Ostria's foreign minister Pavel Drozd denied it.", "Ostria's foreign minister"),
        ("It was signed by opposition leader Pavel Drozd.", "opposition leader"),
    ],
)
def test_role_nouns_with_their_modifiers(text: str, expected: str) -> None:
    assert naming.namings(text, "Pavel Drozd")[0].before == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Pavel Drozd, the Ostrian leader, denied it.", "the Ostrian leader"),
        (
            "Pavel Drozd, Ostria's foreign minister since 2009, denied it.",
            "Ostria's foreign minister since 2009",
        ),
        (
            "The talks were led by Pavel Drozd, the head of the delegation.",
            "the head of the delegation",
        ),
        ("Pavel Drozd, a veteran negotiator who led the talks, left.", "a veteran negotiator"),
    ],
)
def test_appositives(text: str, expected: str) -> None:
    assert naming.namings(text, "Pavel Drozd")[0].after == expected


def test_a_mention_without_descriptor_says_so() -> None:
    text = "Pavel Drozd arrived late. The talks, said Drozd on Monday, went well."
    assert _described(text, "Pavel Drozd") == [("Pavel Drozd", ()), ("Drozd", ())]


@pytest.mark.parametrize(
    "text",
    [
        "The talks went well, said Pavel Drozd on Monday.",
        "Envoys met Pavel Drozd in the capital.",
        "Yesterday Pavel Drozd left the capital.",
        "Meanwhile Pavel Drozd left the capital.",
        "On Monday Pavel Drozd left the capital.",
        "Pavel Drozd, 54, left the capital.",
        "Pavel Drozd, who led the talks, left.",
        "Pavel Drozd, seen as a hardliner, left.",
        "Pavel Drozd, Ana Ruiz and the minister met.",
        "Pavel Drozd, President Ana Ruiz and others met.",
        "Pavel Drozd, the talks said, were over.",
    ],
)
def test_words_that_describe_nothing_are_not_taken(text: str) -> None:
    assert naming.namings(text, "Pavel Drozd")[0].descriptors == ()


def test_a_word_capitalised_for_opening_its_sentence_is_not_a_title() -> None:
    text = "Well Senator Pavel Drozd had it coming."
    assert naming.namings(text, "Pavel Drozd")[0].before == "Senator"


def test_other_people_are_not_this_person() -> None:
    text = "Ostrian President Ana Ruiz met Pavel Drozd. Ruiz said little."
    assert _described(text, "Pavel Drozd") == [("Pavel Drozd", ())]
    assert [n.name for n in naming.namings(text, "Ana Ruiz")] == ["Ana Ruiz", "Ruiz"]


def test_the_story_people_resolve_short_forms() -> None:
    texts = (
        ArticleText("a", "President Li Wenhao met envoys.", ()),
        ArticleText("b", "Li said the talks went well.", ()),
    )
    people = speakers.people(texts)
    assert [n.name for n in naming.namings(texts[0].text, "Li Wenhao", people)] == ["Li Wenhao"]


def test_a_body_that_speaks_is_found_by_its_name() -> None:
    text = "The Vestry said it was ready. A Vestry aide agreed."
    found = naming.namings(text, "Vestry")
    assert [text[n.start : n.end] for n in found] == ["Vestry", "Vestry"]
    assert all(n.descriptors == () for n in found)


def test_offsets_hold_the_whole_phrase() -> None:
    text = "Envoys met Ostrian dictator Pavel Drozd, the country's ruler, on Monday."
    (n,) = naming.namings(text, "Pavel Drozd")
    assert text[n.start : n.end] == "Ostrian dictator Pavel Drozd, the country's ruler"
    assert n.descriptors == ("Ostrian dictator", "the country's ruler")


def test_dotted_abbreviations_and_owners_stay_whole() -> None:
    text = "Talks were led by U.S. envoy Pavel Drozd. Drozd, Ana Ruiz's special envoy, left."
    assert [n.descriptors for n in naming.namings(text, "Pavel Drozd")] == [
        ("U.S. envoy",),
        ("Ana Ruiz's special envoy",),
    ]


def test_a_noun_naming_a_service_qualifies_the_role() -> None:
    text = "The blaze was fought by fire chief Pavel Drozd."
    assert naming.namings(text, "Pavel Drozd")[0].before == "fire chief"
