"""Numbers, quantities and dates as news copy writes them, normalised for comparison."""

from __future__ import annotations

from datetime import date

import pytest

from sitegen.analysis.quantities import (
    comparable,
    dates,
    facet,
    number_value,
    quantities,
    same_amount,
    times,
)

SUNDAY = date(2025, 12, 14)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("five", 5),
        ("twenty-five", 25),
        ("two hundred", 200),
        ("1,500", 1500),
        ("2.5 million", 2_500_000),
        ("thousands", 1000),
        ("hundreds of thousands", 100_000),
        ("dozens", 12),
        ("banana", None),
    ],
)
def test_number_value(text: str, value: float | None) -> None:
    assert number_value(text) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # (text, [(as written, value, unit, qualifier, vague)])
        ("During five hours of talks", [("five hours", 5, "hour", "", False)]),
        ("for more than five hours", [("more than five hours", 5, "hour", "over", False)]),
        ("from roughly 10% of the region", [("roughly 10%", 10, "percent", "about", False)]),
        (
            "the approximately 10 percent of it",
            [("approximately 10 percent", 10, "percent", "about", False)],
        ),
        ("leaving thousands without power", [("thousands", 1000, "", "", True)]),
        ("affecting hundreds of thousands", [("hundreds of thousands", 100_000, "", "", True)]),
        (
            "shot down four guided aerial bombs",
            [("four guided aerial bombs", 4, "bomb", "", False)],
        ),
        ("some 300 people were evacuated", [("some 300 people", 300, "people", "about", False)]),
        (
            "up to 1.5 million barrels",
            [("up to 1.5 million barrels", 1_500_000, "barrel", "under", False)],
        ),
        ("withdraw from parts of the region", [("parts", 0, "share", "", True)]),
        ("half of the town", [("half", 50, "share", "", False)]),
        ("In 1994, the treaty", []),  # a year is a date, not a quantity
        ("on the 15th of December", []),  # an ordinal day
    ],
)
def test_quantities(text: str, expected: list[tuple[str, float, str, str, bool]]) -> None:
    found = quantities(text)
    assert [(q.text, q.value, q.unit, q.qualifier, q.vague) for q in found] == expected
    for q in found:
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("a", "b", "same", "can_differ"),
    [
        ("10% of it", "10 percent of it", True, True),
        ("five hours", "more than five hours", False, True),
        ("roughly 10% of it", "parts of it", False, True),
        ("thousands without power", "hundreds of thousands without power", False, True),
        ("four bombs", "four drones", False, False),
    ],
)
def test_same_amount_and_comparable(a: str, b: str, same: bool, can_differ: bool) -> None:
    (x,) = quantities(a)
    (y,) = quantities(b)
    assert same_amount(x, y) is same
    assert comparable(x, y) is can_differ


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # published Sunday 14 December 2025
        (
            "talks will continue on the 15th of December",
            [("the 15th of December", date(2025, 12, 15), False)],
        ),
        (
            "an agreement to resume tomorrow morning",
            [("tomorrow morning", date(2025, 12, 15), True)],
        ),
        ("he would comment on Monday", [("on Monday", date(2025, 12, 15), True)]),
        ("the minister said on Saturday", [("on Saturday", date(2025, 12, 13), True)]),
        ("the talks on Sunday", [("on Sunday", date(2025, 12, 14), True)]),
        ("they met last Monday", [("last Monday", date(2025, 12, 8), True)]),
        ("Vienna, Austria, December 14, 2025.", [("December 14, 2025", date(2025, 12, 14), False)]),
        ("Dec. 3 talks", [("Dec. 3", date(2025, 12, 3), False)]),
        ("it happened yesterday", [("yesterday", date(2025, 12, 13), True)]),
        ("in February 2022 when", [("February 2022", date(2022, 2, 1), False)]),
        ("you may see", []),
    ],
)
def test_dates(text: str, expected: list[tuple[str, date, bool]]) -> None:
    found = dates(text, SUNDAY)
    assert [(d.text, d.day, d.relative) for d in found] == expected
    for d in found:
        assert text[d.start : d.end] == d.text


def test_relative_dates_without_a_publication_date_stay_unresolved() -> None:
    (mention,) = dates("he will speak on Monday", None)
    assert mention.day is None and mention.relative


@pytest.mark.parametrize(
    ("text", "day"),
    [
        # Case-insensitive matching also takes letters whose lower case is not the
        # table's spelling: these once raised instead of being read.
        ("They met on FRİDAY.", date(2025, 12, 12)),
        ("On ſeptember 3 they met.", date(2025, 9, 3)),
        ("It ended in APRİL 2024.", date(2024, 4, 1)),
        ("They will meet TONİGHT.", date(2025, 12, 14)),
    ],
)
def test_dates_named_with_unusual_letters_are_read(text: str, day: date) -> None:
    (found,) = dates(text, date(2025, 12, 14))
    assert found.day == day


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The fire started at 3:40 a.m. in the hall.", [("3:40 a.m.", "03:40")]),
        ("It broke out at about 4 a.m. on Tuesday.", [("about 4 a.m.", "about 04:00")]),
        ("The alarm sounded shortly after 5am.", [("shortly after 5am", "after 05:00")]),
        (
            "Talks ended at 9.30 p.m. and resumed at noon.",
            [("9.30 p.m.", "21:30"), ("noon", "12:00")],
        ),
        ("The session opened at 14:30 GMT.", [("14:30 GMT", "14:30")]),
        ("They met at 10:15 in the town hall.", [("10:15", "10:15")]),
        ("The home side won 3:1 in the final.", []),
        ("Some 12 people were there.", []),
    ],
)
def test_times_of_day(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.clock) for t in times(text)] == expected


@pytest.mark.parametrize(
    ("text", "figure", "expected"),
    [
        ("Three workers died and 12 people were injured in the fire.", "Three", "dead"),
        ("Three workers died and 12 people were injured in the fire.", "12", "injured"),
        ("The army killed three people and injured 12 others.", "three", "dead"),
        ("The army killed three people and injured 12 others.", "12", "injured"),
        ("Twelve people were taken to hospital, two of them in a critical state.", "two", ""),
        ("The death toll rose to five on Monday.", "five", "dead"),
        ("More than 80 firefighters from four stations fought the blaze.", "80", ""),
    ],
)
def test_facet_says_what_a_figure_counts(text: str, figure: str, expected: str) -> None:
    found = quantities(text)
    at = next(i for i, q in enumerate(found) if figure in q.text)
    lo = found[at - 1].end if at else 0
    hi = found[at + 1].start if at + 1 < len(found) else None
    assert facet(text, found[at].start, found[at].end, lo, hi) == expected


def test_a_month_alone_after_a_preposition_is_a_date_of_the_articles_year() -> None:
    """ "voted in January" and "since March" date an event as much as "in January 2026";
    "in May" stays a date only with a day or year (it is also a verb)."""
    published = date(2026, 4, 14)
    found = dates("The board voted in January and has met monthly since March.", published)
    assert [(d.text, d.day, d.precision) for d in found] == [
        ("January", date(2026, 1, 1), "month"),
        ("March", date(2026, 3, 1), "month"),
    ]
    assert dates("In May we may meet again.", published) == ()
    # a month with its day or year keeps the longer reading
    assert [d.text for d in dates("It closed in March 2020, on June 5.", published)] == [
        "March 2020",
        "June 5",
    ]
