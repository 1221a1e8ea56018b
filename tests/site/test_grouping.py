"""A story read by country and by kind: the grouping functions on hand-made data, then the
grouped pages of the fixture stories and of the demo, built in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import pytest

from sitegen.build.pipeline import build
from sitegen.model import Article, Claim, ClaimSource, Outlet, Variant
from sitegen.site import grouping, urls
from sitegen.site import views as pages

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "stories"
DEMO = ROOT / "content"


# --------------------------------------------------------------------------- inline data


def _column(aid: str, country: str | None = None, kind: str | None = None) -> pages.Column:
    article = Article(aid, "story", Path(f"{aid}.md"), aid.title(), "Title", "", 1)
    return pages.Column(article, Outlet(aid, aid.title(), country=country, kind=kind), aid.title())


def _claim(cid: str, *articles: str) -> Claim:
    sources = tuple(ClaimSource(a, 0, "Text.", "verbatim", 100.0) for a in articles)
    return Claim(cid, f"Claim {cid}.", sources)


# Two state outlets of one country, a commercial one of another, one the registry says
# nothing about.
COLS = (
    _column("a", "Norway", "state"),
    _column("b", "Denmark", "commercial"),
    _column("c", "Norway", "state"),
    _column("d"),
)


def test_an_outlet_falls_in_its_country_or_kind_and_a_missing_one_in_not_given() -> None:
    assert grouping.group_key(COLS[0], "country") == "Norway"
    assert grouping.group_key(COLS[0], "kind") == "state"
    assert grouping.group_key(COLS[3], "country") is None
    assert grouping.group_key(_column("e", country="  United \n Kingdom "), "country") == (
        "United Kingdom"
    )
    assert grouping.group_key(_column("f", country="  "), "country") is None


def test_grouping_by_anything_else_is_refused() -> None:
    with pytest.raises(ValueError, match="country, kind"):
        grouping.group_key(COLS[0], "owner")


def test_kinds_come_in_the_contracts_order_then_other_kinds_then_not_given() -> None:
    cols = (
        _column("a", kind="aggregator"),
        _column("b"),
        _column("c", kind="blog"),
        _column("d", kind="state"),
        _column("e", kind="agency"),
        _column("f", kind="public"),
    )
    found = grouping.groups(cols, "kind")
    assert [g.key for g in found] == ["state", "public", "agency", "aggregator", "blog", None]


def test_countries_come_by_name_and_a_group_keeps_the_storys_order() -> None:
    found = grouping.groups((*COLS, _column("e", "denmark")), "country")
    assert [g.key for g in found] == ["Denmark", "denmark", "Norway", None]
    norway = found[2]
    assert [c.id for c in norway.columns] == ["a", "c"] and norway.size == 2


def test_each_group_counts_how_many_of_its_outlets_carry_a_claim() -> None:
    rows = pages.matrix([_claim("x", "a", "b", "d"), _claim("y", "a", "c")], COLS)
    found = grouping.groups(COLS, "kind")  # state (a, c), commercial (b), not given (d)
    grouped = grouping.grouped_rows(rows, found)
    x = next(r for r in grouped if r.row.claim.id == "x")
    assert [(s.count, s.group.size, s.level) for s in x.shares] == [
        (1, 2, "some"),
        (1, 1, "all"),
        (1, 1, "all"),
    ]
    assert [c.column.id for c in x.shares[0].carrying] == ["a"]
    assert x.groups_carrying == 3
    y = next(r for r in grouped if r.row.claim.id == "y")
    assert [s.level for s in y.shares] == ["all", "none", "none"]
    assert y.groups_carrying == 1
    assert grouping.group_totals(grouped, found) == (2, 1, 1)


def test_an_omission_says_which_groups_leave_it_out_and_how_many_of_each() -> None:
    claim = _claim("x", "b", "c")
    omission = pages.Omission(
        claim.text,
        claim,
        (COLS[1], COLS[2]),
        ((COLS[0], Variant("a", "Nearby.", 0)), (COLS[3], None)),
    )
    found = grouping.groups(COLS, "country")  # Denmark (b), Norway (a, c), not given (d)
    (item,) = grouping.grouped_omissions([omission], found)
    assert [(g.group.key, [c.id for c in g.left_out], g.count, g.whole) for g in item.gaps] == [
        ("Norway", ["a"], 1, False),
        (None, ["d"], 1, True),
    ]
    assert [g.key for g in item.complete] == ["Denmark"]


def test_what_only_one_group_carries() -> None:
    claims = [
        _claim("both-state", "a", "c"),  # shared within Norway / state only
        _claim("lone", "a"),
        _claim("lone-too", "c"),
        _claim("across", "a", "b"),  # two groups: no group's own
        _claim("elsewhere", "zz"),  # an article not in the story: no group's
        _claim("empty"),
    ]
    found = grouping.groups(COLS, "kind")
    only = {o.group.key: o for o in grouping.only_in_group(claims, found)}
    assert [c.id for c in only["state"].shared] == ["both-state"]
    assert only["state"].single == 2
    assert only["commercial"].shared == () and only["commercial"].single == 0
    assert only[None].single == 0


def test_the_view_shows_the_story_pages_rows_and_counts_the_rest() -> None:
    claims = [_claim(f"c{i}", "a", "b") for i in range(5)]
    rows = pages.matrix(claims, COLS)
    view = grouping.grouped_view("country", COLS, rows, 3, (), claims)
    assert len(view.rows) == 3 and view.more == 2 and view.shared == 5
    assert view.totals == (5, 5, 0)  # Denmark, Norway, not given: of all five, not three
    assert not view.single


def test_a_story_whose_outlets_share_one_group_says_so() -> None:
    cols = (_column("a", "Norway"), _column("b", "Norway"))
    view = grouping.grouped_view("country", cols, pages.matrix([], cols), 10, (), ())
    assert view.single and view.rows == () and view.more == 0


# --------------------------------------------------------------------------- built sites


def _build(tmp: Path, source: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp / "home"))
    content = tmp / "content"
    shutil.copytree(source, content)
    out = tmp / "output"
    build(content, out, search=False)
    return out


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    with pytest.MonkeyPatch.context() as monkeypatch:
        return _build(tmp_path_factory.mktemp("grouped"), FIXTURES, monkeypatch)


def _doc(out: Path, site_path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((out / urls.file_for(site_path)).read_bytes())


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


def _matrix(doc: lxml.html.HtmlElement) -> tuple[list[str], dict[str, list[str]]]:
    """The grouped matrix: its group headings, and per claim its cells' words."""
    table = doc.get_element_by_id("matrix").xpath(".//table[contains(@class, 'grouped')]")[0]
    heads = [_text(th) for th in table.xpath("./thead//th")][2:]
    rows = {}
    for tr in table.xpath("./tbody/tr"):
        rows[_text(tr.xpath("./th")[0])] = [_text(td) for td in tr.xpath("./td")][1:]
    return heads, rows


def _resolves(out: Path, page: str, href: str) -> bool:
    path = (out / urls.folder_of(page) / href.partition("#")[0]).resolve()
    if path.is_dir():
        path = path / "index.html"
    if not path.is_file():
        return False
    anchor = href.partition("#")[2]
    return not anchor or f'id="{anchor}"' in path.read_text(encoding="utf-8")


def _broken(out: Path, page: str) -> list[str]:
    """The links of a page's main content that land on no file or no anchor."""
    hrefs = [a.get("href") for a in _doc(out, page).xpath("//main//a[@href]")]
    assert hrefs, page
    return [h for h in hrefs if not _resolves(out, page, h)]


KILLED = "Four people lost their lives and 15 were injured in the fire"
HARDEST = '"This was the hardest night of my career," Kowalczyk said.'


def test_the_fixture_story_by_country_counts_each_countrys_outlets(fixture_site: Path) -> None:
    page = urls.grouped_path("harbour-fire", "country")
    heads, rows = _matrix(_doc(fixture_site, page))
    assert heads == ["Denmark (1)", "Norway (2)", "United Kingdom (2)"]
    killed = next(cells for claim, cells in rows.items() if claim.startswith(KILLED))
    assert killed == [
        "1 of 1 Metro Daily",
        "2 of 2 Harbour Gazette, Nordic Herald",
        "2 of 2 Coastal Wire, Evening Ledger",
    ]
    assert rows[HARDEST] == ["1 of 1 Metro Daily", "1 of 2 Harbour Gazette", "1 of 2 Coastal Wire"]


def test_the_fixture_story_by_kind_uses_the_kinds_order_and_names(fixture_site: Path) -> None:
    doc = _doc(fixture_site, urls.grouped_path("harbour-fire", "kind"))
    heads, rows = _matrix(doc)
    assert heads == ["state (1)", "public (1)", "commercial (2)", "agency (1)"]
    assert rows[HARDEST] == [
        "0 of 1",
        "1 of 1 Harbour Gazette",
        "1 of 2 Metro Daily",
        "1 of 1 Coastal Wire",
    ]
    omissions = _text(doc.get_element_by_id("omissions"))
    assert "state: left out by 1 of 1: Nordic Herald" in omissions
    assert "commercial: left out by 1 of 2: Evening Ledger" in omissions
    assert "commercial: left out by 2 of 2 (the whole group): Evening Ledger, Metro Daily" in (
        omissions
    )
    only = _text(doc.get_element_by_id("only"))
    assert "commercial: 1 claim its outlets share and no other outlet carries" in only


def test_an_outlet_with_no_country_is_counted_as_not_given(fixture_site: Path) -> None:
    heads, _ = _matrix(_doc(fixture_site, urls.grouped_path("library-ruling", "country")))
    assert heads == ["France (1)", "United Kingdom (2)", "country not given (1)"]


def test_the_story_page_and_the_grouped_pages_link_each_other(fixture_site: Path) -> None:
    story = urls.story_path("harbour-fire")
    doc = _doc(fixture_site, story)
    for section in ("matrix", "omissions"):
        hrefs = [
            a.get("href")
            for a in doc.get_element_by_id(section).xpath(".//p[@class='group-links']/a")
        ]
        assert hrefs == ["by-country.html", "by-kind.html"]
    for by in urls.GROUPINGS:
        page = urls.grouped_path("harbour-fire", by)
        grouped = _doc(fixture_site, page)
        crumb = grouped.xpath("//nav[@class='crumbs']/a")[0]
        assert crumb.get("href") == "./"
        assert _broken(fixture_site, page) == [], page
        assert not grouped.xpath("//script")  # works without JavaScript
        # the story page's claims again: search offers the story page, not these
        assert not grouped.xpath("//main[@data-pagefind-body]")


def test_the_demo_groups_its_outlets_and_the_two_with_no_country(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = _build(tmp_path, DEMO, monkeypatch)
    story = "zelensky-nato-offer-berlin"
    doc = _doc(out, urls.grouped_path(story, "country"))
    heads, rows = _matrix(doc)
    assert heads == ["China (1)", "Latvia (1)", "Qatar (1)", "country not given (2)"]
    assert rows and all(len(cells) == 4 for cells in rows.values())
    assert _broken(out, urls.grouped_path(story, "country")) == []
    kinds, _ = _matrix(_doc(out, urls.grouped_path(story, "kind")))
    assert _broken(out, urls.grouped_path(story, "kind")) == []
    # the fifth outlet's registry entry gives no kind
    assert kinds == ["state (2)", "commercial (1)", "aggregator (1)", "kind not given (1)"]


def test_a_story_of_one_country_says_there_is_nothing_to_compare(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "source"
    shutil.copytree(FIXTURES, content)
    registry = (content / "outlets.yaml").read_text(encoding="utf-8")
    land = "Ruritania <b>&</b>"  # the registry is untrusted text too
    for country in ("null", "United Kingdom", "France"):
        registry = registry.replace(f"country: {country}", f'country: "{land}"')
    (content / "outlets.yaml").write_text(registry, encoding="utf-8")
    out = _build(tmp_path, content, monkeypatch)
    page = urls.grouped_path("library-ruling", "country")
    doc = _doc(out, page)
    note = _text(doc.xpath("//p[@class='group-note']")[0])
    assert note.startswith(f"All 4 outlets of this story are from one country, {land}:")
    assert "there is no other to compare" in _text(doc.get_element_by_id("only"))
    heads, _ = _matrix(doc)
    assert heads == [f"{land} (4)"]
    html = (out / page).read_text(encoding="utf-8")
    assert "<b>&</b>" not in html and "Ruritania &lt;b&gt;&amp;&lt;/b&gt;" in html
