"""Page views computed from hand-built claims and quotations: which claim a sentence's
badge shows, what each outlet alone reports, and the matrix cells."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitegen.model import (
    Article,
    Claim,
    ClaimSource,
    Quote,
    QuoteOccurrence,
    Site,
    SiteConfig,
    Story,
    StoryAnalysis,
)
from sitegen.site import views as pages


def _claim(cid: str, *sources: tuple[str, int]) -> Claim:
    return Claim(cid, cid, tuple(ClaimSource(a, s, cid, "verbatim", 100.0) for a, s in sources))


def _quote(qid: str, *articles: str) -> Quote:
    return Quote(qid, None, qid, tuple(QuoteOccurrence(a, qid, 0, 1, 0, None) for a in articles))


@pytest.mark.parametrize(
    ("claims", "expected"),
    [
        # (claims in analysis order, sentence -> (count, claim id) for article "a")
        ([_claim("c1", ("a", 0))], {0: (1, "c1")}),
        ([_claim("c1", ("a", 0)), _claim("c2", ("a", 0), ("b", 3))], {0: (2, "c2")}),
        # of equally shared claims the first by id wins, whatever the analysis order
        ([_claim("zz", ("a", 1), ("b", 1)), _claim("aa", ("a", 1), ("c", 1))], {1: (2, "aa")}),
        ([_claim("aa", ("a", 1), ("c", 1)), _claim("zz", ("a", 1), ("b", 1))], {1: (2, "aa")}),
        ([_claim("c1", ("b", 0))], {}),  # another article's claim
    ],
)
def test_sentence_shares(claims: list[Claim], expected: dict[int, tuple[int, str]]) -> None:
    shares = pages.sentence_shares("a", claims)
    assert {i: (s.count, s.claim) for i, s in shares.items()} == expected


def _site() -> tuple[Site, tuple[StoryAnalysis, ...]]:
    def article(aid: str, outlet: str) -> Article:
        return Article(aid, "s", Path(f"{aid}.md"), outlet, aid, "", 1)

    story = Story(
        "s",
        Path("s"),
        "S",
        date(2025, 1, 1),
        None,
        (article("a1", "One"), article("a2", "One"), article("b1", "Two")),
    )
    claims = (
        _claim("both-of-one", ("a1", 0), ("a2", 0)),  # two articles, one outlet
        _claim("shared", ("a1", 1), ("b1", 1)),
        _claim("only-two", ("b1", 2)),
        _claim("stray", ("zz", 0)),  # an article the story does not have
    )
    quotes = (_quote("q-one", "a2"), _quote("q-both", "a1", "b1"))
    analysis = StoryAnalysis("s", (), (), quotes=quotes, claims=claims)
    return Site(Path("."), SiteConfig(), (), (story,)), (analysis,)


def test_outlet_views_count_what_only_each_outlet_reports() -> None:
    site, analyses = _site()
    views = {
        v.outlet.name: v for v in pages.outlet_views(site, pages.story_digests(site, analyses))
    }
    assert [a.article.id for a in views["One"].articles] == ["a1", "a2"]
    story = site.stories[0]
    # "both-of-one" has two articles, both of outlet One: it is One's alone
    assert views["One"].only == (pages.OnlyCount(story, 1, 1),)
    assert views["Two"].only == (pages.OnlyCount(story, 1, 0),)
    assert (views["Two"].only_claims, views["Two"].only_quotes) == (1, 0)
    assert [(a.other.name, a.shared) for a in views["One"].agreements] == [("Two", 1)]


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        [1, 2, 3, [], "x"],
        [1, 2, 3, [["one", "many", 0]], []],
        {"shared_quotes": 1},
    ],
)
def test_a_damaged_digest_is_refused(data: object) -> None:
    with pytest.raises(ValueError, match="not a story digest"):
        pages.StoryDigest.from_json(data)


def test_a_digest_survives_its_json_round_trip() -> None:
    site, analyses = _site()
    (digest,) = pages.story_digests(site, analyses)
    assert digest.agreements == (
        ("one", "one", 2),
        ("one", "two", 1),
        ("two", "one", 1),
        ("two", "two", 1),
    )
    assert pages.StoryDigest.from_json(json.loads(json.dumps(digest.to_json()))) == digest


def test_only_here_lists_each_article_alone() -> None:
    site, analyses = _site()
    cols = pages.columns(site, site.stories[0])
    found = {
        o.column.id: ([c.id for c in o.claims], [q.id for q in o.quotes])
        for o in pages.only_here(analyses[0].claims, analyses[0].quotes, cols)
    }
    assert found == {"a1": ([], []), "a2": ([], ["q-one"]), "b1": (["only-two"], [])}


def test_matrix_cells_follow_the_columns() -> None:
    site, analyses = _site()
    cols = pages.columns(site, site.stories[0])
    rows = pages.matrix([c for c in analyses[0].claims if c.shared], cols)
    assert [(r.claim.id, [c.strength for c in r.cells]) for r in rows] == [
        ("both-of-one", ["verbatim", "verbatim", "absent"]),
        ("shared", ["verbatim", "absent", "verbatim"]),
    ]
    assert all(c.column == col for r in rows for c, col in zip(r.cells, cols, strict=True))
