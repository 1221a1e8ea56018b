"""Where articles covering the same point differ."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitegen.analysis.claims import align_claims
from sitegen.analysis.divergences import find_divergences
from sitegen.analysis.sentences import segment
from sitegen.markdown import plain_text
from sitegen.model import (
    Article,
    Claim,
    ClaimSource,
    Divergence,
    Quote,
    QuoteOccurrence,
    Sentence,
)

SUNDAY = date(2025, 12, 14)


def diverge(
    bodies: dict[str, str],
    quotes: tuple[Quote, ...] = (),
    published: dict[str, date] | None = None,
) -> tuple[Divergence, ...]:
    """Divergences of inline article bodies (keyed by id), published on a Sunday unless
    ``published`` says otherwise."""
    articles = [
        Article(
            aid,
            "s",
            Path(f"{aid}.md"),
            aid,
            aid,
            body,
            1,
            published=(published or {}).get(aid, SUNDAY),
        )
        for aid, body in bodies.items()
    ]
    texts = [plain_text(a.id, a.body) for a in articles]
    sentences = [s for t in texts for s in segment(t)]
    claims = align_claims(articles, texts, sentences)
    found = find_divergences(articles, texts, sentences, claims, quotes)
    by_id = {t.article: t.text for t in texts}
    for d in found:
        for v in d.variants:
            assert v.text in by_id[v.article]
    return found


def variants(found: tuple[Divergence, ...], kind: str) -> list[dict[str, str]]:
    return [{v.article: v.text for v in d.variants} for d in found if d.kind == kind]


@pytest.mark.parametrize(
    ("a", "b", "kind", "expected"),
    [
        (
            "The rebels demand that troops withdraw from roughly 10% of the eastern region.",
            "The rebels demand that troops withdraw from parts of the eastern region.",
            "number",
            {"a": "roughly 10%", "b": "parts"},
        ),
        (
            "The storm talks lasted five hours in the capital on Saturday.",
            "The storm talks lasted more than five hours in the capital on Saturday.",
            "number",
            {"a": "five hours", "b": "more than five hours"},
        ),
        (
            "Union leaders will meet the transport minister in Riverton on Monday.",
            "Union leaders will meet the transport minister in Riverton on the 15th of December.",
            "date",
            {"a": "on Monday", "b": "the 15th of December"},
        ),
        (
            "The foreign ministers met in Vienna to discuss the pipeline deal.",
            "The foreign ministers met in Geneva to discuss the pipeline deal.",
            "place",
            {"a": "Vienna", "b": "Geneva"},
        ),
        (
            "Chilean dictator Ivan Petrov ordered the new border checks on Friday.",
            "Chilean President Ivan Petrov ordered the new border checks on Friday.",
            "framing",
            {"a": "Chilean dictator Ivan Petrov", "b": "Chilean President Ivan Petrov"},
        ),
        (
            "Talks followed pressure from former President John Smith to sign the deal.",
            "Talks followed pressure from President John Smith to sign the deal.",
            "title",
            {"a": "former President John Smith", "b": "President John Smith"},
        ),
        (
            "Minister Petro Horodenskyy opened the new bridge over the river.",
            "Minister Petro Horodenskiy opened the new bridge over the river.",
            "name",
            {"a": "Minister Petro Horodenskyy", "b": "Minister Petro Horodenskiy"},
        ),
    ],
)
def test_pairwise_divergences(a: str, b: str, kind: str, expected: dict[str, str]) -> None:
    assert expected in variants(diverge({"a": a, "b": b}), kind)


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        (
            "Officials said 10% of the harbour district was flooded on Sunday.",
            "Officials said 10 percent of the harbour district was flooded on Sunday.",
            "number",
        ),
        (
            "Union leaders will meet the transport minister in Riverton on Monday.",
            "Union leaders will meet the transport minister in Riverton on Monday.",
            "date",
        ),
        (
            "The council voted to close the old library in March.",
            "The council voted to close the old library in March.",
            "other",
        ),
        (
            "Kremlin spokesman Ivan Petrov rejected the claim on Friday.",
            "Kremlin spokesperson Ivan Petrov rejected the claim on Friday.",
            "title",
        ),
    ],
)
def test_no_divergence_when_they_agree(a: str, b: str, kind: str) -> None:
    assert variants(diverge({"a": a, "b": b}), kind) == []


def test_a_rendering_with_swapped_words_is_a_wording_divergence() -> None:
    a = "Officials of the harbour board were considering the draft documents on Friday."
    b = "Officials of the harbour board were discussing prepared documents on Friday."
    (found,) = [d for d in diverge({"a": a, "b": b}) if d.kind == "other"]
    assert {v.article: v.text for v in found.variants} == {"a": a, "b": b}
    assert "considering the draft / discussing prepared" in found.note


def test_a_rewrite_is_no_wording_divergence() -> None:
    a = "Officials of the harbour board were considering the draft documents on Friday."
    b = "On Friday the draft documents were still being weighed by a harbour board that met late."
    assert variants(diverge({"a": a, "b": b}), "other") == []


@pytest.mark.parametrize(
    ("b_published", "note"),
    [
        (date(2025, 12, 15), "same day (2025-12-15), written differently"),
        (date(2025, 12, 16), "2025-12-15 vs 2025-12-16"),
    ],
)
def test_relative_dates_resolve_against_each_articles_date(b_published: date, note: str) -> None:
    found = diverge(
        {
            "a": "Union leaders will meet the transport minister in Riverton on Monday.",
            "b": "Union leaders will meet the transport minister in Riverton today.",
        },
        published={"b": b_published},
    )
    (dates,) = [d for d in found if d.kind == "date"]
    assert dates.note == note


def test_quote_wording_lists_every_occurrence() -> None:
    a = "“We are ready for a dignified peace,” she said."
    b = "“We are ready for an honourable peace,” she said."
    end_a, end_b = a.index("”"), b.index("”")
    occurrences = (
        QuoteOccurrence("a", a[1:end_a], 1, end_a, 0, "X"),
        QuoteOccurrence("b", b[1:end_b], 1, end_b, 0, "X"),
    )
    quote = Quote("ready-peace", "X", occurrences[0].text, occurrences)
    (found,) = [d for d in diverge({"a": a, "b": b}, (quote,)) if d.kind == "quote-wording"]
    assert {v.article: v.text for v in found.variants} == {
        "a": "We are ready for a dignified peace,",
        "b": "We are ready for an honourable peace,",
    }
    assert "dignified" in found.note and "honourable" in found.note


def test_punctuation_alone_is_no_quote_divergence() -> None:
    a, b = "“Dance with the people on the floor.”", "“Dance with the people on the floor,”"
    occurrences = (
        QuoteOccurrence("a", a[1:-1], 1, len(a) - 1, 0, None),
        QuoteOccurrence("b", b[1:-1], 1, len(b) - 1, 0, None),
    )
    quote = Quote("dance", None, a[1:-1], occurrences)
    assert variants(diverge({"a": a, "b": b}, (quote,)), "quote-wording") == []


def test_omission_names_the_nearest_sentence_of_the_silent_article() -> None:
    shared = "The harbour authority confirmed that the ferry service resumes on Tuesday morning."
    found = diverge(
        {
            "a": shared + " Cranes were inspected.",
            "b": shared + " Tourists waited at the pier.",
            "c": "Only the ferry terminal stayed closed. Tourists waited at the pier.",
        }
    )
    omissions = [d for d in found if d.kind == "omission" and "ferry service" in d.about]
    assert omissions
    assert {v.article: v.text for v in omissions[0].variants}["c"] == (
        "Only the ferry terminal stayed closed."
    )


def test_output_is_deterministic() -> None:
    bodies = {
        "a": "Chilean dictator Ivan Petrov ordered border checks in Narva on Monday.",
        "b": "Chilean President Ivan Petrov ordered border checks in Tartu on 16 December.",
    }
    first = diverge(bodies)
    assert first == diverge(bodies)
    assert {"framing", "place", "date"} <= {d.kind for d in first}
    (dates,) = [d for d in first if d.kind == "date"]
    assert dates.note == "2025-12-15 vs 2025-12-16"
    assert len({d.id for d in first}) == len(first)


# --------------------------------------------------------------------------- class 7: facts
# Outlets state the headline facts in their own words; the figures are compared by what
# they count (the dead, the injured, when it started), not only when two sentences match.


def texts_of(found: tuple[Divergence, ...], kind: str) -> list[dict[str, str]]:
    return [{v.article: v.text for v in d.variants} for d in found if d.kind == kind]


def test_a_death_toll_worded_differently_is_a_number_divergence() -> None:
    found = diverge(
        {
            "a": "Three workers died when fire swept through the cold store on the quay.",
            "b": "Four people lost their lives in the blaze, officials said on Sunday.",
        }
    )
    tolls = [d for d in found if d.kind == "number" and d.about == "How many died"]
    assert len(tolls) == 1
    texts = {v.article: v.text for v in tolls[0].variants}
    assert texts["a"].startswith("Three workers") and texts["b"].startswith("Four people")


def test_every_figure_of_a_sentence_is_compared() -> None:
    found = diverge(
        {
            "a": "Three workers died and 12 people were injured when fire swept the store.",
            "b": "Fifteen people were hurt and three were killed in the harbour blaze.",
        }
    )
    injured = [d for d in found if d.about == "How many were injured"]
    assert [d.kind for d in injured] == ["number"]
    assert {v.article: v.text for v in injured[0].variants} == {
        "a": "12 people",
        "b": "Fifteen people",
    }
    assert not [d for d in found if d.about == "How many died"]  # three and three agree


def test_the_dead_and_the_injured_are_not_compared_with_each_other() -> None:
    found = diverge(
        {
            "a": "Four people were killed and 12 injured in the fire at the depot.",
            "b": "Four people were killed and 12 were hurt in the fire at the depot.",
        }
    )
    assert texts_of(found, "number") == []


def test_times_of_day_are_resolved_and_compared() -> None:
    found = diverge(
        {
            "a": "The fire started at 3:40 a.m. in the packing hall of the depot.",
            "b": "The blaze broke out at about 4 a.m., the harbour master said.",
        }
    )
    (when,) = [d for d in found if d.kind == "date" and "started" in d.about]
    assert {v.article: v.text for v in when.variants} == {"a": "3:40 a.m.", "b": "about 4 a.m."}
    assert when.note == "03:40 vs about 04:00"


def test_one_day_written_with_and_without_its_part_is_no_date_divergence() -> None:
    found = diverge(
        {
            "a": "The harbour depot burned down on Tuesday, the fire service said.",
            "b": "The harbour depot burned down on Tuesday morning, the fire service said.",
        }
    )
    assert texts_of(found, "date") == []


def test_a_misspelt_surname_is_a_name_divergence() -> None:
    found = diverge(
        {
            "a": "Fire chief Marta Kowalczyk said the roof of the depot had collapsed.",
            "b": "The depot roof collapsed, according to Marta Kowalcyk, the fire chief.",
        }
    )
    names = texts_of(found, "name")
    assert {"a": "Fire chief Marta Kowalczyk", "b": "Marta Kowalcyk"} in names


def test_two_people_with_near_names_in_one_article_are_not_one_misspelt_name() -> None:
    found = diverge(
        {
            "a": "Marta Kowalczyk and Marta Kowalcyk both sit on the harbour board.",
            "b": "Marta Kowalczyk chaired the harbour board meeting on Friday.",
        }
    )
    assert texts_of(found, "name") == []


def test_a_figure_that_carries_what_it_counts_is_compared() -> None:
    """A reprint changed one figure, and the words that say what it counts are inside the
    figure itself ("about 9,000 season-ticket holders"), none around it: still a number
    divergence, not a wording one."""
    found = diverge(
        {
            "wire": "The stadium, which opened in 1961, has about 9,000 season-ticket holders.",
            "paper": "The stadium, which opened in 1961, has about 11,000 season-ticket holders.",
        }
    )
    assert variants(found, "number") == [
        {
            "wire": "about 9,000 season-ticket holders",
            "paper": "about 11,000 season-ticket holders",
        }
    ]


# --------------------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a month or a weekday after "in" / "on" is a time, not a place
        (
            "The harbour board approved the new ferry terminal in Marlow after a long debate.",
            "The harbour board approved the new ferry terminal in March after a long debate.",
        ),
        (
            "The union will meet the transport minister in Riverton to settle the pay dispute.",
            "The union will meet the transport minister on Thursday to settle the pay dispute.",
        ),
        # a city and its country may be one place at two scales: no conflict
        (
            "The fisheries envoys arrived in Lisbon for talks on the new sardine quota.",
            "The fisheries envoys arrived in Portugal for talks on the new sardine quota.",
        ),
        (
            "Trade ministers gathered in Geneva to sign the grain corridor treaty.",
            "Trade ministers gathered in Western Europe to sign the grain corridor treaty.",
        ),
    ],
)
def test_no_place_divergence_between_a_place_and_a_time_or_a_wider_region(a: str, b: str) -> None:
    assert variants(diverge({"a": a, "b": b}), "place") == []


def test_two_countries_that_differ_are_a_place_divergence() -> None:
    a = "The fisheries envoys arrived in Portugal for talks on the new sardine quota."
    b = "The fisheries envoys arrived in Spain for talks on the new sardine quota."
    assert variants(diverge({"a": a, "b": b}), "place") == [{"a": "Portugal", "b": "Spain"}]


def test_a_place_is_compared_in_a_sentence_that_lost_its_claim_to_another() -> None:
    # "a" carries the point twice; its first sentence is in the claim with "b"'s, the
    # second, naming another city, is left on its own and still compared with "b"'s
    a = (
        "During four hours of talks in Lisbon, minister Ana Ribeiro offered to cut the "
        "sardine quota by a fifth if the fleet gets new port funds. "
        "Before the summit in Madrid, Ribeiro offered to cut the sardine quota in "
        "exchange for new port funds from the union."
    )
    b = (
        "Portugal has offered to cut its sardine quota in exchange for new port funds from "
        "the union, minister Ana Ribeiro said during the fisheries summit in Lisbon."
    )
    articles = [
        Article(aid, "s", Path(f"{aid}.md"), aid, aid, body, 1, published=SUNDAY)
        for aid, body in {"a": a, "b": b}.items()
    ]
    texts = [plain_text(x.id, x.body) for x in articles]
    sentences = [s for t in texts for s in segment(t)]
    a0, a1, b0 = sentences
    claims = (  # as an aligner that gave "a"'s second sentence no claim of its own leaves it
        Claim("offer", a0.text, (_source(a0), _source(b0))),
        Claim("before", a1.text, (_source(a1),)),
    )
    found = find_divergences(articles, texts, sentences, claims, ())
    assert variants(found, "place") == [{"a": "Madrid", "b": "Lisbon"}]


def _source(s: Sentence) -> ClaimSource:
    return ClaimSource(s.article, s.index, s.text, "paraphrase", 60.0)
