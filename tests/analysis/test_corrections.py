"""corrections.yaml: loading it (shapes, lines, hints) and applying each action to an
analysis, on an invented story held in memory."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import pytest

from sitegen.analysis.corrections import Writer, apply_corrections, marks
from sitegen.analysis.stage import analyse_story
from sitegen.analysis.text import fold
from sitegen.content import parse_corrections
from sitegen.model import Quote, Story, StoryAnalysis
from tests.ferry_story import story as ferry_story

PATH = Path("ferry/corrections.yaml")
ARTICLES = ("courier", "post", "star")


@lru_cache(maxsize=1)
def analysed() -> tuple[Story, StoryAnalysis]:
    story = ferry_story()
    return story, analyse_story(story)


def corrected(yaml: str) -> tuple[StoryAnalysis, tuple[str, ...]]:
    """The ferry story's analysis with ``yaml`` applied, and the errors as printed."""
    corrections, errors = parse_corrections(yaml.encode(), PATH, ARTICLES)
    assert errors == (), errors
    story, analysis = analysed()
    fixed, found = apply_corrections(replace(story, corrections=corrections), analysis)
    return fixed, tuple(str(e) for e in found)


def ok(yaml: str) -> StoryAnalysis:
    fixed, errors = corrected(yaml)
    assert errors == ()
    return fixed


def quote_with(analysis: StoryAnalysis, article: str, words: str) -> Quote:
    (found,) = [
        q
        for q in analysis.quotes
        for o in q.occurrences
        if o.article == article and fold(words) in fold(o.text)
    ]
    return found


# --------------------------------------------------------------------------- loading


def test_every_action_loads_with_its_line_note_and_references() -> None:
    text = """\
quotes:
  - same:
      - {article: courier, text: "served its purpose"}
      - {article: star, text: "fulfilled its role"}
    note: Two renderings of one statement
  - speaker: null
    of: [{article: star, text: "cynical gamble"}]
claims:
  - statement: The terminal closed on Tuesday.
    of: [{article: post, text: "Tuesday saw"}]
divergences:
  - hide: [{article: star, text: "250"}]
speakers:
  - rename: Lindqvist
    to: Ada Lindqvist
"""
    corrections, errors = parse_corrections(text.encode(), PATH, ARTICLES)
    assert errors == ()
    assert corrections is not None
    items = corrections.items
    assert [(c.line, c.section, c.action) for c in items] == [
        (2, "quotes", "same"),
        (6, "quotes", "speaker"),
        (9, "claims", "statement"),
        (12, "divergences", "hide"),
        (14, "speakers", "rename"),
    ]
    assert items[0].note == "Two renderings of one statement"
    assert [(r.article, r.text, r.line) for r in items[0].refs] == [
        ("courier", "served its purpose", 3),
        ("star", "fulfilled its role", 4),
    ]
    assert items[1].value is None  # null: unattributed
    assert (items[4].target, items[4].value) == ("Lindqvist", "Ada Lindqvist")


def test_shape_errors_carry_path_line_and_a_hint() -> None:
    text = """\
quotes:
  - sme: []
  - same: [{article: curier, text: "x"}, {article: star, text: "y"}]
  - apart: [{article: star, text: "y"}]
  - speaker: Ada
claims:
  - not_a_claim: {article: post}
"""
    corrections, errors = parse_corrections(text.encode(), PATH, ARTICLES)
    assert corrections is None
    shown = [str(e) for e in errors]
    assert any(":2: no action" in e and "did you mean `same`?" in e for e in shown)
    assert any(":3: no article 'curier'" in e and "`courier`" in e for e in shown)
    assert any(":4: `apart` needs at least 2 references" in e for e in shown)
    assert any(":5: `speaker` needs `of:`" in e for e in shown)
    assert any(":7: reference without `text`" in e for e in shown)
    assert all(e.startswith(str(PATH).split("/")[0]) or "ferry" in e for e in shown)


def test_yaml_syntax_error_has_its_line() -> None:
    _, errors = parse_corrections(b"quotes:\n  - same: [{article: a\n", PATH, ARTICLES)
    assert [e.line for e in errors] == [2]


def test_unknown_key_warns_with_the_nearest_known_one() -> None:
    text = """\
quotes:
  - not_a_quote: [{article: post, text: "Hearts of Oak"}]
    nte: a band's name
"""
    corrections, problems = parse_corrections(text.encode(), PATH, ARTICLES)
    assert corrections is not None
    (warning,) = problems
    assert warning.warning  # a warning: --strict makes it an error, like any unknown key
    assert ":3: warning: unknown key `nte`" in str(warning)
    assert "did you mean `note`?" in str(warning)


# --------------------------------------------------------------------------- quotes


def test_same_merges_two_renderings_into_one_utterance() -> None:
    _, before = analysed()
    assert quote_with(before, "star", "fulfilled") != quote_with(before, "courier", "served")
    fixed = ok("""\
quotes:
  - same:
      - {article: courier, text: "the terminal has served its purpose"}
      - {article: star, text: "“It has fulfilled its role”"}
    note: Two translations of one statement
""")
    merged = quote_with(fixed, "star", "fulfilled")
    assert merged is quote_with(fixed, "courier", "served")
    assert merged.articles == ("courier", "post", "star")
    assert len(fixed.quotes) == len(before.quotes) - 1
    mark = marks(fixed)[merged.id]
    assert mark.edited and mark.notes == ((2, "Two translations of one statement"),)
    assert [(a.line, a.action, a.note) for a in fixed.corrections] == [
        (2, "same", "Two translations of one statement")
    ]


def test_same_on_what_is_already_one_is_a_confirmation() -> None:
    fixed = ok("""\
quotes:
  - same:
      - {article: courier, text: "served its purpose"}
      - {article: post, text: "served its purpose"}
""")
    _, before = analysed()
    assert fixed.quotes == before.quotes
    quote = quote_with(fixed, "post", "served")
    assert marks(fixed)[quote.id].edited is False
    assert fixed.corrections[0].checked == (quote.id,)


def test_apart_splits_an_utterance_and_the_first_keeps_its_id() -> None:
    _, before = analysed()
    original = quote_with(before, "courier", "served")
    fixed = ok("""\
quotes:
  - apart:
      - {article: courier, text: "served its purpose"}
      - {article: post, text: "served its purpose"}
""")
    kept, split = quote_with(fixed, "courier", "served"), quote_with(fixed, "post", "served")
    assert kept.id == original.id and kept.articles == ("courier",)
    assert split.id != original.id and split.articles == ("post",)
    assert {kept.id, split.id} <= {i for i, m in marks(fixed).items() if m.edited}


def test_speaker_sets_the_utterance_and_its_occurrences() -> None:
    fixed = ok("""\
quotes:
  - speaker: Opposition councillors
    of: [{article: star, text: "cynical gamble"}]
  - speaker: null
    of: [{article: courier, text: "a reckless gamble"}]
""")
    councillors = quote_with(fixed, "star", "cynical")
    assert councillors.speaker == "Opposition councillors"
    assert {o.speaker for o in councillors.occurrences} == {"Opposition councillors"}
    assert quote_with(fixed, "courier", "reckless gamble").speaker is None


def test_speaker_already_right_is_checked_not_edited() -> None:
    _, before = analysed()
    quote = quote_with(before, "courier", "served")
    fixed = ok(f"""\
quotes:
  - speaker: {quote.speaker}
    of: [{{article: courier, text: "served its purpose"}}]
""")
    assert fixed.quotes == before.quotes
    assert marks(fixed)[quote.id].edited is False


def test_not_a_quote_removes_a_scare_quoted_title() -> None:
    fixed = ok("""\
quotes:
  - not_a_quote: [{article: post, text: "Hearts of Oak"}]
    note: the band's name
""")
    texts = [o.text for q in fixed.quotes for o in q.occurrences]
    assert "Hearts of Oak" not in texts
    assert fixed.corrections[0].summary == "not a quotation: post “Hearts of Oak”"


def test_rename_shows_a_speaker_by_another_name_across_the_story() -> None:
    _, before = analysed()
    name = quote_with(before, "courier", "served").speaker
    assert name
    fixed = ok(f"""\
speakers:
  - rename: {name.upper()}
    to: Director Ada Lindqvist
""")
    assert "Director Ada Lindqvist" in {q.speaker for q in fixed.quotes}
    assert name not in {o.speaker for q in fixed.quotes for o in q.occurrences}


# --------------------------------------------------------------------------- claims


def claim_of(analysis: StoryAnalysis, article: str, words: str) -> list[str]:
    return [
        c.id
        for c in analysis.claims
        for s in c.sources
        if s.article == article and fold(words) in fold(s.text)
    ]


def test_claims_same_apart_statement_and_not_a_claim() -> None:
    fixed = ok("""\
claims:
  - apart:
      - {article: courier, text: "The authority expects 300 jobs"}
      - {article: star, text: "Some 250 jobs"}
  - statement: The old ferry terminal closed on Tuesday.
    of: [{article: post, text: "Tuesday saw the closure"}]
  - not_a_claim: [{article: post, text: "The band Hearts of Oak"}]
    note: colour, not news
""")
    assert claim_of(fixed, "courier", "300 jobs") != claim_of(fixed, "star", "250 jobs")
    (closed,) = claim_of(fixed, "post", "Tuesday saw")
    assert next(c for c in fixed.claims if c.id == closed).text == (
        "The old ferry terminal closed on Tuesday."
    )
    assert claim_of(fixed, "post", "The band") == []
    edited = {i for i, m in marks(fixed).items() if m.edited}
    assert closed in edited


def test_claims_same_joins_two_sentences() -> None:
    _, before = analysed()
    band = claim_of(before, "post", "The band")
    fixed = ok("""\
claims:
  - same:
      - {article: post, text: "The band Hearts of Oak"}
      - {article: star, text: "Opposition councillors described"}
""")
    assert claim_of(fixed, "post", "The band") == claim_of(fixed, "star", "Opposition")
    assert band  # the sentence was a claim of its own before


# --------------------------------------------------------------------------- divergences


def test_hide_a_divergence_and_same_for_two_of_its_versions() -> None:
    _, before = analysed()
    figures = [d for d in before.divergences if any("250" in v.text for v in d.variants)]
    assert len(figures) == 1
    partly = ok("""\
divergences:
  - same: [{article: courier, text: "300 jobs"}, {article: post, text: "About 300"}]
""")
    (figure,) = [d for d in partly.divergences if d.id == figures[0].id]
    assert "courier and post" in figure.note
    assert marks(partly)[figure.id].edited
    hidden = ok("""\
divergences:
  - hide: [{article: star, text: "Some 250 jobs"}]
    note: a rounding, not a dispute
""")
    assert figures[0].id not in {d.id for d in hidden.divergences}


# --------------------------------------------------------------------------- errors


def test_a_reference_to_nothing_names_the_nearest_quotations() -> None:
    _, errors = corrected("""\
quotes:
  - not_a_quote: [{article: courier, text: "the terminal has served its porpose"}]
""")
    (error,) = errors
    assert error.startswith("ferry/corrections.yaml:2: no quotation in article 'courier'")
    assert "nearest: “The terminal has served its purpose,”" in error


def test_a_reference_to_several_sentences_asks_for_more_words() -> None:
    _, errors = corrected("""\
claims:
  - not_a_claim: [{article: post, text: "the"}]
""")
    (error,) = errors
    assert ":2: “the” is in 4 sentences of article 'post'" in error
    assert "quote more of the words" in error


def test_contradictions_are_errors_and_all_are_reported_at_once() -> None:
    fixed, errors = corrected("""\
quotes:
  - apart:
      - {article: courier, text: "served its purpose"}
      - {article: post, text: "served its purpose"}
  - same:
      - {article: courier, text: "served its purpose"}
      - {article: post, text: "served its purpose"}
  - not_a_quote: [{article: post, text: "Hearts of Oak"}]
  - speaker: Somebody
    of: [{article: post, text: "Hearts of Oak"}]
  - speaker: Ada
    of: [{article: star, text: "cynical"}]
  - speaker: Bob
    of: [{article: star, text: "cynical"}]
speakers:
  - rename: Nobody At All
    to: X
""")
    assert fixed == analysed()[1]  # nothing applied
    assert any(":2: `apart` contradicts `same` on line 5" in e for e in errors)
    assert any(":9: names a quotation that `not_a_quote` on line 8 removes" in e for e in errors)
    assert any(":13: `speaker` 'Bob' contradicts 'Ada' on line 11" in e for e in errors)
    assert any(
        ":16: no quotation of this story is attributed to 'Nobody At All'" in e for e in errors
    )
    assert len(errors) == 4


def test_two_quotations_of_one_article_cannot_be_one() -> None:
    _, errors = corrected("""\
quotes:
  - same:
      - {article: courier, text: "served its purpose"}
      - {article: courier, text: "a reckless gamble"}
""")
    assert [e.split(": ", 1)[1] for e in errors] == [
        "two quotations of article 'courier' cannot be one"
        " (hint: a quotation group holds one per article; use `apart` or drop one)"
    ]


# --------------------------------------------------------------------------- properties


EVERYTHING = """\
quotes:
  - same:
      - {article: courier, text: "served its purpose"}
      - {article: star, text: "fulfilled its role"}
  - apart:
      - {article: courier, text: "a reckless gamble"}
      - {article: star, text: "a reckless and cynical gamble"}
  - speaker: Opposition councillors
    of: [{article: star, text: "cynical gamble"}]
  - not_a_quote: [{article: post, text: "Hearts of Oak"}]
claims:
  - not_a_claim: [{article: post, text: "The band Hearts of Oak"}]
divergences:
  - same: [{article: courier, text: "300 jobs"}, {article: post, text: "About 300"}]
"""


def test_applying_is_deterministic() -> None:
    assert corrected(EVERYTHING) == corrected(EVERYTHING)


@pytest.mark.parametrize("kind", ["quote", "claim"])
def test_the_ready_to_paste_lines_name_exactly_their_item(kind: str) -> None:
    _, analysis = analysed()
    writer = Writer(analysis)
    if kind == "quote":
        item = quote_with(analysis, "courier", "served")
        text = writer.quote(item)
    else:
        item = next(c for c in analysis.claims if c.shared)
        text = writer.claim(item)
    # keep the confirmation, drop the lines that would change it
    same = text.split("  - apart:")[0]
    fixed = ok(same)
    assert fixed.corrections[0].checked == (item.id,)
    assert fixed.corrections[0].changed == ()


def test_same_on_a_possible_match_makes_it_sure() -> None:
    _, before = analysed()
    possible = [
        (c.id, s.article) for c in before.claims for s in c.sources if s.possible and c.shared
    ]
    assert possible  # the invented story has one: the critics and the councillors
    fixed = ok("""\
claims:
  - same:
      - {article: courier, text: "Critics called the closure"}
      - {article: star, text: "Opposition councillors described"}
""")
    (claim,) = [c for c in fixed.claims if any("Critics called" in s.text for s in c.sources)]
    assert [s.confidence for s in claim.sources] == [1.0, 1.0]
    assert fixed.corrections[0].checked == (claim.id,)
