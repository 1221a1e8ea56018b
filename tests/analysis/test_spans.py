"""Finding direct quotations: every mark style, apostrophes, paragraphs, exact text."""

from __future__ import annotations

import pytest

from sitegen.analysis.spans import find_spans
from sitegen.markdown import plain_text

NBSP, THIN = "\u00a0", "\u2009"

CASES = [
    # (what the case is about, Markdown body, the quotations' exact texts)
    ("curly double", "“We will win,” the mayor said.", ["We will win,"]),
    ("straight double", 'The mayor said, "We will win."', ["We will win."]),
    ("guillemets", "Le maire a dit «Nous gagnerons».", ["Nous gagnerons"]),
    ("spaced guillemets", "Il a dit « Nous gagnerons » hier.", [" Nous gagnerons "]),
    ("reversed guillemets", "Han sagde »Vi vinder« i går.", ["Vi vinder"]),
    ("German low-high", "Er sagte: „Wir schaffen das“, und ging.", ["Wir schaffen das"]),
    ("single curly", "She called it ‘a disgrace’ on Monday.", ["a disgrace"]),
    ("single straight", "He called it 'a disgrace' on Monday.", ["a disgrace"]),
    (
        "apostrophes inside curly quotes",
        "“It’s Norway’s next target, and we won’t wait,” she said.",
        ["It’s Norway’s next target, and we won’t wait,"],
    ),
    (
        "straight apostrophes beside straight quotes",
        "He said \"Peru's position isn't new,\" and left.",
        ["Peru's position isn't new,"],
    ),
    ("apostrophe is no quotation", "The firm’s chief said it was Peru’s call.", []),
    ("plural possessive is no quotation", "The players’ union met the owners’ group.", []),
    (
        "plural possessive inside single quotes",
        "He said ‘the players’ union will strike’ soon.",
        ["the players’ union will strike"],
    ),
    ("decade apostrophe", "Back in the ’90s it was 'different' there.", ["different"]),
    ("scare quote", "He sought a “fair” peace.", ["fair"]),
    (
        "two quotations split by attribution",
        "“We are ready,” he said. “But not yet.”",
        ["We are ready,", "But not yet."],
    ),
    (
        "quote inside a quote counts once",
        "“He told me ‘never again’ twice,” she said.",
        ["He told me ‘never again’ twice,"],
    ),
    (
        "unicode in the quotation is kept exactly",
        f"He said the raids “had no{NBSP}… military purpose . {THIN}. {THIN}.”",
        [f"had no{NBSP}… military purpose . {THIN}. {THIN}."],
    ),
    (
        "period inside the marks",
        'She added that "this is a compromise."',
        ["this is a compromise."],
    ),
    ("comma outside the marks", "It was “constructive”, he said.", ["constructive"]),
    ("empty marks are no quotation", "He wrote “” and “…” only.", []),
    ("inch mark is no quotation", 'A 12" record and a 7" single.', []),
]


@pytest.mark.parametrize(("about", "body", "expected"), CASES, ids=[c[0] for c in CASES])
def test_quotations(about: str, body: str, expected: list[str]) -> None:
    text = plain_text("a", body)
    spans = find_spans(text)
    assert [s.text for s in spans] == expected
    for span in spans:
        assert text.text[span.start : span.end] == span.text


PARAGRAPH_CASES = [
    (
        "quotation running over two paragraphs",
        "“We will rebuild every school.\n\n“And every hospital,” she said.",
        [("We will rebuild every school.", False), ("And every hospital,", True)],
    ),
    (
        "unbalanced mark stops at the paragraph end",
        "He said “we will see.\n\nThe talks went on for hours.",
        [("we will see.", False)],
    ),
    (
        "straight quotes over paragraphs",
        '"First part.\n\n"Second part," he said.',
        [("First part.", False), ("Second part,", True)],
    ),
    (
        "stray closing mark is ignored",
        "Talks ended” early.\n\n“Good,” he said.",
        [("Good,", False)],
    ),
]


@pytest.mark.parametrize(
    ("about", "body", "expected"), PARAGRAPH_CASES, ids=[c[0] for c in PARAGRAPH_CASES]
)
def test_paragraphs(about: str, body: str, expected: list[tuple[str, bool]]) -> None:
    text = plain_text("a", body)
    spans = find_spans(text)
    assert [(s.text, s.continued) for s in spans] == expected
    for span in spans:
        block = text.blocks[span.block]
        assert block.start <= span.start <= span.end <= block.end


# Not quotations (issue 16): titles of works, names, a headline's single-marked echo.
NOT_QUOTATION_CASES = [
    (
        "programme title after a possessive",
        "She told Channel Nine’s “Morning Round” that “the vote was fair.”",
        ["the vote was fair."],
    ),
    (
        "film title after its noun",
        "He praised the film “Harbour Lights” and said “it moved me.”",
        ["it moved me."],
    ),
    (
        "title after a preposition",
        "Speaking on “Sunday Forum,” the mayor said “we will rebuild.”",
        ["we will rebuild."],
    ),
    (
        "title before its noun",
        "She won the “Bright Future” award and said “I am grateful.”",
        ["I am grateful."],
    ),
    (
        "hashtag and nickname",
        "The hashtag “OpenDoors” spread. The man known as “the Fox” said “no comment.”",
        ["no comment."],
    ),
    (
        "single-marked headline echo in a double-marked article",
        "Mayor: Bridge ‘Safe for Decades’\n\n“The bridge is safe for decades,” the mayor said."
        " “We checked every bolt,” she added.",
        ["The bridge is safe for decades,", "We checked every bolt,"],
    ),
    (
        "two apostrophes are one double mark",
        "''We need the money,'' said Ms. Lora Vance. ''Now.''",
        ["We need the money,", "Now."],
    ),
    (
        "a nickname inside a name",
        "Engineer Tomas “Tito” Vidal said “the bridge is safe.”",
        ["the bridge is safe."],
    ),
    (
        "a capitalised name for the thing after it",
        "Crowds at the “Harbour First” rally cheered when Ruiz said “we stay.”",
        ["we stay."],
    ),
    (
        "titles listed one after another, and a work by someone",
        "She starred in “Blue Harbour,” “Salt Roads” and “The Long Quay” by Ivo Kral.",
        [],
    ),
    (
        "a title after a naming verb",
        "The culture was called “The Harbour Way.” Ruiz said “it is gone.”",
        ["it is gone."],
    ),
    (
        "a long book title after its noun",
        "It is told in his book “Salt and Iron: How a Small Port Took on the World Trade.”",
        [],
    ),
    (
        "a straight mark closes a curly quotation before its attribution",
        '“The roads are crumbling," she said. "Families wait for hours.”',
        ["The roads are crumbling,", "Families wait for hours."],
    ),
    ("a chanted slogan stays", "The crowd chanted “Build It Now” all night.", ["Build It Now"]),
    ("single marks stay in a single-marked text", "He said ‘we will win’ again.", ["we will win"]),
]


@pytest.mark.parametrize(
    ("about", "body", "expected"), NOT_QUOTATION_CASES, ids=[c[0] for c in NOT_QUOTATION_CASES]
)
def test_not_quotations(about: str, body: str, expected: list[str]) -> None:
    test_quotations(about, body, expected)
