"""The CSV tables (CONTRACT §5) and the links to the data from the pages."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from sitegen.build.pipeline import build
from sitegen.model import (
    Article,
    ArticleText,
    Claim,
    ClaimSource,
    Divergence,
    Outlet,
    Quote,
    QuoteOccurrence,
    Site,
    SiteConfig,
    Story,
    StoryAnalysis,
    Variant,
)
from sitegen.site.tables import outlets_table, story_tables, to_csv
from tests.ferry_story import CORRECTIONS, write_site


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


# CONTRACT §5, as the contract's table writes them
CONTRACT = {
    "quotes": "quote_id, speaker, article_id, outlet, country, outlet_kind, published, text",
    "claims": "claim_id, claim, article_id, outlet, country, outlet_kind, published, sentence",
    "divergences": "divergence_id, kind, about, article_id, outlet, country, outlet_kind, text",
}


def rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def test_to_csv_quotes_as_rfc_4180_and_ends_records_in_crlf() -> None:
    data = to_csv(("a", "b"), [("plain", None), ('say "no", twice', "two\nlines")])
    assert data == b'a,b\r\nplain,\r\n"say ""no"", twice","two\nlines"\r\n'
    assert rows(data) == [
        {"a": "plain", "b": ""},
        {"a": 'say "no", twice', "b": "two\nlines"},
    ]


def test_to_csv_writes_utf_8_without_a_byte_order_mark() -> None:
    data = to_csv(("text",), [("Ogres Ziņas — «ціна»",)])
    assert data.startswith(b"text\r\n")
    assert data.decode("utf-8") == "text\r\nOgres Ziņas — «ціна»\r\n"


def _article(id: str, outlet: str, published: str | None) -> Article:
    return Article(
        id=id,
        story="vote",
        path=Path(f"vote/{id}.md"),
        outlet=outlet,
        title=f"Title {id}",
        body="x",
        body_line=5,
        published=date.fromisoformat(published) if published else None,
    )


def _site() -> tuple[Site, Story, StoryAnalysis]:
    articles = (
        _article("courier", "Daily Courier", "2025-03-01"),
        _article("star", "Evening Star", None),
    )
    story = Story("vote", Path("vote"), "The vote", None, None, articles)
    outlets = (
        Outlet("daily-courier", "Daily Courier", "Norway", None, "commercial", "Courier Group"),
    )
    site = Site(Path("content"), SiteConfig(), outlets, (story,))
    analysis = StoryAnalysis(
        story="vote",
        texts=tuple(ArticleText(a.id, "x", ()) for a in articles),
        sentences=(),
        quotes=(
            Quote(
                "q1",
                None,
                "a bold, new start",
                (
                    QuoteOccurrence("courier", "a bold, new start", 0, 5, 0, None),
                    QuoteOccurrence("star", 'a "bold" start', 0, 5, 0, None),
                ),
            ),
        ),
        claims=(
            Claim(
                "c1",
                "The council voted 7-2.",
                (
                    ClaimSource("courier", 0, "The council voted 7-2.", "verbatim", 100.0),
                    ClaimSource("star", 2, "Councillors voted 7-2.", "close", 80.0),
                ),
            ),
        ),
        divergences=(
            Divergence(
                "d1",
                "Number of votes",
                "number",
                (Variant("courier", "7-2"), Variant("star", "seven to two")),
            ),
        ),
    )
    return site, story, analysis


def test_story_tables_have_the_contract_columns_and_a_row_per_item_and_article() -> None:
    site, story, analysis = _site()
    files = {f.path: f.data for f in story_tables(site, story, analysis)}
    assert sorted(files) == [
        "api/vote.claims.csv",
        "api/vote.divergences.csv",
        "api/vote.quotes.csv",
    ]
    quotes = rows(files["api/vote.quotes.csv"])
    assert ", ".join(quotes[0]) == CONTRACT["quotes"] + ", edited"
    assert quotes == [
        {
            "quote_id": "q1",
            "speaker": "",
            "article_id": "courier",
            "outlet": "Daily Courier",
            "country": "Norway",
            "outlet_kind": "commercial",
            "published": "2025-03-01",
            "text": "a bold, new start",
            "edited": "false",
        },
        {
            "quote_id": "q1",
            "speaker": "",
            "article_id": "star",
            "outlet": "Evening Star",
            "country": "",
            "outlet_kind": "",
            "published": "",
            "text": 'a "bold" start',
            "edited": "false",
        },
    ]
    claims = rows(files["api/vote.claims.csv"])
    assert ", ".join(claims[0]) == CONTRACT["claims"] + ", edited"
    assert [(r["claim_id"], r["article_id"], r["sentence"]) for r in claims] == [
        ("c1", "courier", "The council voted 7-2."),
        ("c1", "star", "Councillors voted 7-2."),
    ]
    divergences = rows(files["api/vote.divergences.csv"])
    assert ", ".join(divergences[0]) == CONTRACT["divergences"] + ", edited"
    assert [(r["kind"], r["about"], r["outlet"], r["text"]) for r in divergences] == [
        ("number", "Number of votes", "Daily Courier", "7-2"),
        ("number", "Number of votes", "Evening Star", "seven to two"),
    ]


def test_a_story_without_items_still_gets_tables_with_their_header() -> None:
    site, story, analysis = _site()
    empty = StoryAnalysis(story="vote", texts=analysis.texts, sentences=())
    files = {f.path: f.data for f in story_tables(site, story, empty)}
    assert files["api/vote.quotes.csv"] == (
        b"quote_id,speaker,article_id,outlet,country,outlet_kind,published,text,edited\r\n"
    )


def test_outlets_table_lists_every_outlet_with_an_article() -> None:
    site, _, _ = _site()
    assert rows(outlets_table(site).data) == [
        {
            "outlet_id": "daily-courier",
            "outlet": "Daily Courier",
            "country": "Norway",
            "outlet_kind": "commercial",
            "owner": "Courier Group",
            "url": "",
            "articles": "1",
        },
        {
            "outlet_id": "evening-star",
            "outlet": "Evening Star",
            "country": "",
            "outlet_kind": "",
            "owner": "",
            "url": "",
            "articles": "1",
        },
    ]


def test_every_build_writes_the_tables_beside_the_json_byte_identical(
    small_site: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    build(small_site, first)
    build(small_site, second)
    for story in ("harbour-fire", "bridge-vote"):
        for table in ("quotes", "claims", "divergences"):
            path = f"api/{story}.{table}.csv"
            assert (first / path).read_bytes() == (second / path).read_bytes()
    assert (first / "api/outlets.csv").read_bytes() == (second / "api/outlets.csv").read_bytes()
    # the tables say what the JSON export says
    export = json.loads((first / "api/harbour-fire.json").read_text(encoding="utf-8"))
    claims = rows((first / "api/harbour-fire.claims.csv").read_bytes())
    assert [(r["claim_id"], r["article_id"], r["sentence"]) for r in claims] == [
        (c["id"], s["article"], s["text"]) for c in export["claims"] for s in c["sources"]
    ]
    quotes = rows((first / "api/harbour-fire.quotes.csv").read_bytes())
    assert [(r["quote_id"], r["text"]) for r in quotes] == [
        (q["id"], o["text"]) for q in export["quotes"] for o in q["occurrences"]
    ]
    assert quotes and quotes[0]["published"] == "2025-12-14"


def test_pages_link_the_data_the_feed_and_the_index(small_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(small_site, out)
    story = (out / "stories/harbour-fire/index.html").read_text(encoding="utf-8")
    assert "Download the data" in story
    for target in (
        "harbour-fire.json",
        "harbour-fire.quotes.csv",
        "harbour-fire.claims.csv",
        "harbour-fire.divergences.csv",
    ):
        href = f"../../api/{target}"
        assert f'href="{href}"' in story
        assert (out / "stories/harbour-fire" / href).resolve().is_file()
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in home
    assert '<link rel="alternate" type="application/json"' in home
    assert '<a href="feed.xml"' in home
    assert '<a href="api/index.json"' in home
    assert '<a href="api/outlets.csv"' in home
    article = (out / "stories/harbour-fire/articles/daily/index.html").read_text(encoding="utf-8")
    assert 'rel="alternate" type="application/atom+xml" title="' in article
    assert 'href="../../../../feed.xml"' in article


def test_the_edited_column_says_what_the_json_says(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_site(content)
    (content / "ferry" / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    out = tmp_path / "out"
    build(content, out)
    export = json.loads((out / "api/ferry.json").read_text(encoding="utf-8"))
    for table, key, column in (("quotes", "quotes", "quote_id"), ("claims", "claims", "claim_id")):
        flags = {item["id"]: item["edited"] for item in export[key]}
        rows_ = rows((out / f"api/ferry.{table}.csv").read_bytes())
        assert {r[column]: r["edited"] == "true" for r in rows_} == {
            i: flags[i] for i in {r[column] for r in rows_}
        }
    assert any(r["edited"] == "true" for r in rows((out / "api/ferry.quotes.csv").read_bytes()))
