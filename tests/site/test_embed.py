"""Embeddable cards (sitegen.site.embeds): a page per shared claim and per quotation under
embed/, framable by other sites and by nothing else; the "Embed this" box on the full
pages. Fixture sites built in tmp_path with HOME in a temp folder."""

from __future__ import annotations

import json
import re
import shutil
import urllib.error
import urllib.request
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
import tomllib
from markupsafe import escape

from sitegen.build.pipeline import build
from sitegen.build.search import bundles
from sitegen.guard import MARKER, SITE_LAYOUT
from sitegen.site import urls
from sitegen.site.embeds import iframe_code
from tests.built import is_moved_page
from tests.conftest import write_article
from tests.e2e.harness import NETLIFY_TOML, netlify_headers, path_matches, serve

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stories"
BASE = "https://example.org/coverage/"
HOSTILE = '<script>alert(1)</script> "><img src=x onerror=alert(2)> &amp;'


def _build(tmp: Path, content: Path, base_url: str | None = None) -> Path:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(tmp / "home"))
        build(content, tmp / "output", base_url, search=False)
    return tmp / "output"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture stories (countries, kinds, several outlets), no base URL."""
    tmp = tmp_path_factory.mktemp("embed")
    shutil.copytree(FIXTURES, tmp / "content")
    return _build(tmp, tmp / "content")


@pytest.fixture(scope="module")
def based(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same with a base URL under a sub-path."""
    tmp = tmp_path_factory.mktemp("embed-based")
    shutil.copytree(FIXTURES, tmp / "content")
    return _build(tmp, tmp / "content", BASE)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two outlets sharing a sentence and a quotation full of markup."""
    tmp = tmp_path_factory.mktemp("embed-hostile")
    content = tmp / "content"
    body = (
        f"A fire broke out at the harbour {HOSTILE} on Monday, officials said.\n\n"
        f"“We have it {HOSTILE} under control,” fire chief Anna Berg told reporters."
    )
    write_article(content, "fire", "daily", "Daily <b>Example</b>", "Fire", body)
    write_article(content, "fire", "gazette", 'Gazette "><i>x</i>', "Blaze", body)
    return _build(tmp, content)


def _export(site: Path, story: str) -> dict:
    return json.loads((site / urls.export_path(story)).read_text(encoding="utf-8"))


def _stories(site: Path) -> list[str]:
    return sorted(p.name for p in (site / "stories").iterdir() if p.is_dir())


def _read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _embeds(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in (site / "embed").rglob("*.html"))


# --------------------------------------------------------------------------- the pages


def test_every_shared_claim_and_every_quote_has_a_card_and_nothing_else_does(site: Path) -> None:
    wanted = []
    for story in _stories(site):
        data = _export(site, story)
        wanted += [urls.embed_claim_path(story, c["id"]) for c in data["claims"] if c["shared"]]
        wanted += [urls.embed_quote_path(story, q["id"]) for q in data["quotes"]]
    assert wanted and sorted(wanted) == _embeds(site)
    # and each card's full page exists
    for path in wanted:
        full = path.removeprefix(urls.EMBED_ROOT)
        assert (site / "stories" / full).is_file(), full


def test_a_claim_card_lists_each_outlets_sentence_strength_and_link(site: Path) -> None:
    story = "harbour-fire"
    claim = next(c for c in _export(site, story)["claims"] if c["shared"])
    path = urls.embed_claim_path(story, claim["id"])
    html = _read(site, path)
    assert str(escape(claim["text"])) in html
    for source in claim["sources"]:
        assert str(escape(source["text"])) in html
        link = urls.relative(
            f"{urls.article_path(story, source['article'])}#{source['anchor']}", path
        )
        assert f'href="{link}" target="_blank" rel="noopener"' in html
        assert f"{source['score']:.0f}/100" in html
    assert html.count('class="e-item"') == len(claim["sources"])
    for strength in {s["strength"] for s in claim["sources"]}:
        assert f"e-{strength}" in html


def test_a_quote_card_lists_each_outlets_rendering(site: Path) -> None:
    story = "harbour-fire"
    quote = max(_export(site, story)["quotes"], key=lambda q: len(q["occurrences"]))
    html = _read(site, urls.embed_quote_path(story, quote["id"]))
    assert html.count('class="e-item"') == len(quote["occurrences"]) >= 2
    for occurrence in quote["occurrences"]:
        assert str(escape(occurrence["text"])) in html
        assert f"{occurrence['relation']}" in html
        assert f"articles/{occurrence['article']}/#s" in html


def test_a_card_is_bare_framable_and_links_to_its_full_page(site: Path) -> None:
    for path in _embeds(site):
        html = _read(site, path)
        # no site header, navigation, search, script or form: only the card
        for absent in ("<nav", "site-header", "<script", "<form", "search/", "noindex"):
            assert absent not in html, (path, absent)
        assert "site.css" not in html and re.search(r'href="[./]*assets/embed\.\w+\.css"', html)
        full = path.removeprefix(urls.EMBED_ROOT)
        link = urls.relative("stories/" + full, path)
        assert f'<a href="{link}" target="_blank" rel="noopener">' in html
        assert "Full comparison on Fixture coverage" in html
        # every link leaves the frame for a new tab, never navigating the host page
        for tag in re.findall(r"<a [^>]*>", html):
            assert 'target="_blank" rel="noopener"' in tag, tag
        assert 'rel="canonical"' not in html  # only an absolute canonical is any use


def test_with_a_base_url_a_card_names_its_full_page_canonical(based: Path) -> None:
    for path in _embeds(based):
        full = "stories/" + path.removeprefix(urls.EMBED_ROOT)
        assert f'<link rel="canonical" href="{BASE}{full}">' in _read(based, path)


def test_cards_escape_hostile_text(hostile: Path) -> None:
    cards = _embeds(hostile)
    assert any("/claims/" in p for p in cards) and any("/quotes/" in p for p in cards)
    for path in cards:
        html = _read(hostile, path)
        for raw in ("<script", "<img", "<b>", "<i>", "onerror=alert(2)>"):
            assert raw not in html, (path, raw)
        assert "&lt;img src=x onerror=alert(2)&gt;" in html
        assert "Daily &lt;b&gt;Example&lt;/b&gt;" in html


# --------------------------------------------------------------------------- "Embed this"


def _snippet(html: str) -> str:
    found = re.search(r'<textarea id="embed-code"[^>]*>(.*?)</textarea>', html, re.S)
    assert found, "no embed code"
    return unescape(found.group(1))


def _full_pages(site: Path) -> list[str]:
    pages = [
        p.relative_to(site).as_posix()
        for p in (site / "stories").rglob("*.html")
        if not is_moved_page(p)  # an old address sends on; it has no card of its own
    ]
    return sorted(p for p in pages if "/claims/" in p or "/quotes/" in p)


def test_claim_and_quote_pages_offer_the_iframe_code_of_their_card(site: Path) -> None:
    pages = _full_pages(site)
    assert pages
    for page in pages:
        html = _read(site, page)
        assert '<details class="embed-this"' in html and "<summary>Embed this</summary>" in html
        assert '<label for="embed-code">' in html and "readonly" in html
        code = _snippet(html)
        card = urls.EMBED_ROOT + page.removeprefix("stories/")
        assert code.startswith(f'<iframe src="/{card}" title="')
        assert re.search(r' title="[^"]+"', code)
        assert (site / card).is_file()
        assert "set base_url in site.yaml" in html  # the code works on other sites only then


def test_with_a_base_url_the_iframe_code_is_absolute(based: Path) -> None:
    for page in _full_pages(based):
        html = _read(based, page)
        card = urls.EMBED_ROOT + page.removeprefix("stories/")
        assert _snippet(html).startswith(f'<iframe src="{BASE}{card}"')
        assert "set base_url in site.yaml" not in html


def test_the_iframe_code_escapes_hostile_text_twice(hostile: Path) -> None:
    for page in _full_pages(hostile):
        html = _read(hostile, page)
        box = html[html.index('<details class="embed-this"') :]
        box = box[: box.index("</details>")]
        assert "<iframe" not in box and "<script" not in box
        code = _snippet(html)  # as the reader copies it: one element, its title escaped
        assert code.count("<") == 2 and "<script" not in code and "<img" not in code


def test_iframe_code_quotes_its_attributes() -> None:
    code = iframe_code('/embed/"x', 'a "quoted" <title> & more')
    assert 'src="/embed/&quot;x"' in code
    assert 'title="a &quot;quoted&quot; &lt;title&gt; &amp; more"' in code


# --------------------------------------------------------------------------- elsewhere


def test_cards_are_not_in_the_sitemap_feed_or_search(site: Path, based: Path) -> None:
    for built in (site, based):
        assert "embed/" not in _read(built, "sitemap.xml")
        assert "embed/" not in _read(built, "feed.xml")
        assert "/claims/" in _read(built, "sitemap.xml")  # the full pages are listed
        searched = [p for b in bundles(_stories(built)) for p in b.pages(built)]
        assert searched and not [p for p in searched if p.startswith(urls.EMBED_ROOT)]
        for path in _embeds(built):  # and Pagefind would skip it even if shown it
            assert "data-pagefind-body" not in _read(built, path)


def test_the_output_guard_knows_the_embed_folder_as_sitegens(site: Path) -> None:
    """An older output without the marker is recognised by its top-level names alone."""
    assert {p.name for p in site.iterdir()} - {MARKER} <= SITE_LAYOUT


# --------------------------------------------------------------------------- framing


def _frame_headers(headers: dict[str, str]) -> tuple[str | None, str]:
    policy = headers.get("Content-Security-Policy", "")
    ancestors = re.search(r"frame-ancestors ([^;]+)", policy)
    return headers.get("X-Frame-Options"), ancestors.group(1).strip() if ancestors else ""


def test_netlify_rules_let_other_sites_frame_the_cards_only(site: Path) -> None:
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert "404.html" in files
    for rel in files:
        got = _frame_headers(netlify_headers("/" + rel.removesuffix("index.html")))
        if rel.startswith(urls.EMBED_ROOT):
            assert got == (None, "*"), rel
        else:
            assert got == ("DENY", "'none'"), rel


def test_no_header_comes_from_two_rules_on_any_path(site: Path) -> None:
    """Netlify applies every rule whose ``for`` matches (by its own regular expression, so
    ``/embed/*`` matches ``/embed`` too): no path may get one header from two rules."""
    rules = tomllib.loads(NETLIFY_TOML.read_text(encoding="utf-8"))["headers"]
    files = ["/" + p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()]
    edges = ["/embed", "/embedded", "/Embed/x", "/stories", "/nope", "/no/such/page", "/"]
    for path in sorted(files) + edges:
        names = [n.lower() for r in rules if path_matches(r["for"], path) for n in r["values"]]
        assert len(names) == len(set(names)), path


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    with serve(site, netlify=True) as url:
        yield url


def _get(url: str) -> tuple[int, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def test_the_served_site_refuses_framing_everywhere_but_the_cards(site: Path, served: str) -> None:
    card = _embeds(site)[0]
    status, headers = _get(served + card)
    assert status == 200 and _frame_headers(headers) == (None, "*")
    for path in ["", "stories/harbour-fire/", "404.html", "no/such/page"]:
        status, headers = _get(served + path)
        assert _frame_headers(headers) == ("DENY", "'none'"), (path, status)
    assert _get(served + "no/such/page")[0] == 404
