"""The story at a glance (issue 19): pure views on hand-made analyses, and the fixture
story built into a site whose glance leads with what differs and links down."""

from __future__ import annotations

import posixpath
import re
import shutil
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitegen import model
from sitegen.build.pipeline import build
from sitegen.model import Claim, Divergence, Quote, StoryAnalysis, Variant
from sitegen.site.glance import (
    LINES,
    agreed,
    facts,
    glance,
    only,
    quotes,
    sides,
    value_key,
)
from sitegen.site.views import Column
from tests.built import item_pages

from ..conftest import write_article

STORIES = Path(__file__).parent.parent / "fixtures" / "stories"
MONDAY = date(2025, 12, 15)


def column(aid: str, outlet: str, slug: str | None = None) -> Column:
    article = model.Article(aid, "s", Path(f"{aid}.md"), outlet, aid, "", 1, published=MONDAY)
    return Column(article, model.Outlet(slug or aid, outlet), outlet)


COLS = (column("a", "Alpha Post"), column("b", "Beta News"), column("c", "Gamma Wire"))
SLUGS = {c.id: c.outlet.slug for c in COLS}


def claim(cid: str, *articles: str, confidence: float = 1.0) -> Claim:
    sources = tuple(
        model.ClaimSource(a, i, f"{cid} in {a}", "close", 80.0, confidence)
        for i, a in enumerate(articles)
    )
    return Claim(cid, f"Statement {cid}.", sources)


def quote(qid: str, *articles: str) -> Quote:
    occ = tuple(model.QuoteOccurrence(a, f"words {qid}", 0, 5, 0, "Ann Lee") for a in articles)
    return Quote(qid, "Ann Lee", f"words {qid}", occ)


def divergence(kind: str, *variants: tuple[str, str], note: str = "", did: str = "") -> Divergence:
    return Divergence(
        did or f"{kind}-x",
        f"About {kind}",
        kind,
        tuple(Variant(a, t, 0) for a, t in variants),
        note=note,
    )


# --------------------------------------------------------------------------- value keys


TITLES = "former president vs president"
SPELLINGS = "Kowalczyk / Kowalcyk"


@pytest.mark.parametrize(
    ("kind", "one", "other", "note", "same"),
    [
        ("number", "Four people", "Four people lost their", "", True),
        ("number", "Three workers died", "Three people", "", True),
        ("number", "roughly 10%", "approximately 10 percent", "", True),
        ("number", "Four people", "Three people", "", False),
        ("number", "At least three people died", "Three people", "", False),
        ("date", "on Monday", "the 15th of December", "", True),
        ("date", "about 4 a.m.", "about 4 a.m. on Tuesday", "", True),
        ("date", "3:40 a.m.", "about 4 a.m.", "", False),
        ("name", "fire chief Marta Kowalczyk", "Marta Kowalczyk", SPELLINGS, True),
        ("name", "Marta Kowalczyk", "Marta Kowalcyk", SPELLINGS, False),
        ("title", "President Donald Trump", "US President Donald Trump", TITLES, True),
        # the longer description wins: "former president" is not "president"
        ("title", "former President Trump", "President Donald Trump", TITLES, False),
        ("place", "Berlin", "Brussels", "berlin vs brussels", False),
    ],
)
def test_what_a_variant_says_is_compared_however_it_is_worded(
    kind: str, one: str, other: str, note: str, same: bool
) -> None:
    assert (value_key(kind, one, note, MONDAY) == value_key(kind, other, note, MONDAY)) is same


# --------------------------------------------------------------------------- differences


def test_outlets_side_together_by_what_they_say_the_largest_side_first() -> None:
    d = divergence(
        "number", ("a", "Three people"), ("b", "Four people"), ("c", "Three workers died")
    )
    (first, second) = sides(d, COLS)
    assert [c.label for c in first.outlets] == ["Alpha Post", "Gamma Wire"]
    assert first.says == "Three people"  # the side's shortest wording
    assert [c.label for c in second.outlets] == ["Beta News"]


def test_a_point_written_two_ways_is_no_difference_of_fact() -> None:
    same_day = divergence("date", ("a", "on Monday"), ("b", "the 15th of December"), did="d1")
    wording = divergence("other", ("a", "fire"), ("b", "blaze"), did="d2")
    toll = divergence("number", ("a", "Three people"), ("b", "Four people"), did="d3")
    part = facts([same_day, wording, toll], COLS)
    assert [f.divergence.id for f in part.lines] == ["d3"]


def test_hard_facts_come_first_and_the_rest_is_counted() -> None:
    names = divergence("name", ("a", "Kowalczyk"), ("b", "Kowalcyk"), note="Kowalczyk / Kowalcyk")
    many = [
        divergence("number", ("a", f"{n} people"), ("b", f"{n + 1} people"), did=f"n{n}")
        for n in range(2, 2 + LINES)
    ]
    part = facts([names, *many], COLS)
    assert [f.divergence.kind for f in part.lines] == ["number"] * (LINES - 1) + ["name"]
    assert part.more == 1


def test_many_figures_do_not_hide_the_other_kinds_of_difference() -> None:
    found = [
        divergence("number", ("a", f"{n} people"), ("b", f"{n + 1} people"), did=f"n{n}")
        for n in range(2, 2 + LINES)
    ]
    found += [
        divergence("framing", ("a", "dictator Ivan Petrov"), ("b", "President Ivan Petrov")),
        divergence("place", ("a", "in Vienna"), ("b", "in Geneva"), did="p"),
        divergence("title", ("a", "former Mayor Lund"), ("b", "Mayor Lund"), did="t"),
    ]
    part = facts(found, COLS)
    assert [f.divergence.kind for f in part.lines] == [
        "number",
        "number",
        "place",
        "title",
        "framing",
    ]
    assert [f.divergence.id for f in part.lines[:2]] == ["n2", "n3"]
    assert part.more == 3  # of eight


# --------------------------------------------------------------------------- agreement


def test_what_every_outlet_carries_in_reading_order_with_uncertain_matches_counted() -> None:
    claims = [
        claim("two", "a", "b"),
        claim("all-late", "c", "b", "a"),
        claim("all", "a", "b", "c", confidence=0.1),
    ]
    part = agreed(claims, COLS, SLUGS)
    assert part.by == 3
    assert [line.claim.id for line in part.lines] == ["all", "all-late"]
    assert [line.uncertain for line in part.lines] == [3, 0]


def test_with_no_claim_everyone_carries_the_widest_are_shown_as_such() -> None:
    part = agreed([claim("two", "a", "b"), claim("one", "c")], COLS, SLUGS)
    assert (part.by, [line.claim.id for line in part.lines]) == (2, ["two"])
    assert agreed([claim("one", "c")], COLS, SLUGS).lines == ()


def test_an_outlet_with_two_articles_counts_once() -> None:
    cols = (*COLS[:2], column("b2", "Beta News", slug="b"))
    slugs = {c.id: c.outlet.slug for c in cols}
    part = agreed([claim("x", "a", "b2")], cols, slugs)
    assert (part.by, len(part.lines)) == (2, 1)


# --------------------------------------------------------------------------- only and quotes


def test_what_only_one_outlet_has_the_most_first_with_its_first_items() -> None:
    analysis = StoryAnalysis(
        "s",
        (),
        (),
        quotes=(quote("qa", "a"), quote("qab", "a", "b")),
        claims=(claim("c1", "c"), claim("a1", "a"), claim("a2", "a"), claim("a3", "a")),
    )
    part = only(analysis, COLS)
    assert [(line.column.id, line.count) for line in part.lines] == [("a", 4), ("c", 1)]
    first = part.lines[0]
    assert len(first.claims) + len(first.quotes) == 2


def test_quotations_everyone_uses_link_in_page_and_to_their_wording() -> None:
    analysis = StoryAnalysis(
        "s",
        (),
        (),
        quotes=(quote("all", "a", "b", "c"), quote("two", "a", "b")),
        divergences=(
            Divergence(
                "qw", "Wording", "quote-wording", (Variant("a", "x"), Variant("b", "y")), "all"
            ),
        ),
    )
    part = quotes(analysis, COLS, SLUGS)
    (line,) = part.lines
    assert (line.quote.id, line.outlets, line.in_page, line.wording) == ("all", 3, True, "qw")


def test_one_outlet_leaves_nothing_to_compare() -> None:
    g = glance(StoryAnalysis("s", (), (), claims=(claim("x", "a"),)), COLS[:1])
    assert g.outlets == 1
    assert g.agreed.lines == ()


# --------------------------------------------------------------------------- the built page


class _Page(HTMLParser):
    """Ids, and the links and text inside the glance section."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []
        self.depth = 0  # <section> depth inside the glance, 0 outside

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag == "section" and (self.depth or a.get("id") == "at-a-glance"):
            self.depth += 1
        if self.depth and tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "section" and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.text.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("glance")
    home = out / "home"
    home.mkdir()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(home))
        content = shutil.copytree(STORIES, out / "content")
        build(content, out / "site", search=False)
    return out / "site"


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_the_story_page_leads_with_the_glance(site: Path) -> None:
    page = _parse(site / "stories" / "harbour-fire" / "index.html")
    ids = page.ids
    assert ids.index("at-a-glance") < ids.index("outlets") < ids.index("matrix")
    text = re.sub(r"\s+", " ", "".join(page.text))
    # what every outlet carries
    assert "Four people lost their lives and 15 were injured" in text
    # a difference of fact, both sides with their outlets
    assert "How many died" in text
    assert "“Four people” — Coastal Wire, Nordic Herald" in text
    assert "“Three people” — Harbour Gazette, Metro Daily" in text
    # what only one outlet has, and the quotation everyone uses
    assert "Coastal Wire: 4 claims and quotations of its own" in text
    assert "Tomas Brenner: “What happened tonight is a disgrace" in text


@pytest.mark.parametrize("story", ["harbour-fire", "library-ruling"])
def test_every_glance_link_lands_on_a_page_and_an_anchor(site: Path, story: str) -> None:
    here = site / "stories" / story / "index.html"
    page = _parse(here)
    assert page.links
    for href in page.links:
        path, _, anchor = href.partition("#")
        target = here if not path else (here.parent / path).resolve()
        if target.is_dir():
            target = target / "index.html"
        assert target.is_file(), href
        if anchor:
            ids = page.ids if target == here else _parse(target).ids
            assert anchor in ids, href
    assert any(h.startswith("#d-") for h in page.links)
    assert any(posixpath.basename(h.partition("#")[0]).endswith(".html") for h in page.links)


def test_labels_are_explained_in_view_where_they_appear(site: Path) -> None:
    story = (site / "stories" / "harbour-fire" / "index.html").read_text(encoding="utf-8")
    for words in ("representative statement", "representative wording", "near-verbatim"):
        assert words in story
    claims = item_pages(site / "stories" / "harbour-fire" / "claims")
    quotes_ = item_pages(site / "stories" / "harbour-fire" / "quotes")
    assert "how similar an outlet&#39;s sentence is" in claims[0].read_text(encoding="utf-8")
    assert "rendering · 88" in quotes_[0].read_text(encoding="utf-8")


def test_a_story_of_one_outlet_says_there_is_nothing_to_compare(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    content = tmp_path / "content"
    write_article(content, "lone", "one", "Only Outlet", "Alone", "The bridge reopened on Friday.")
    build(content, tmp_path / "site", search=False)
    page = _parse(tmp_path / "site" / "stories" / "lone" / "index.html")
    assert "there is nothing to compare yet" in "".join(page.text)
    assert page.links == []
