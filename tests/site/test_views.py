"""Reader pages built from a hand-made analysis: what each page shows, that every link
lands on a file and an anchor, and that hostile article text stays text."""

from __future__ import annotations

import json
import posixpath
import re
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from itertools import chain
from pathlib import Path

import pytest

from sitegen.analysis.sentences import segment
from sitegen.content import load_site
from sitegen.markdown import plain_text
from sitegen.model import (
    Claim,
    ClaimSource,
    Divergence,
    Outlet,
    Passage,
    Quote,
    QuoteOccurrence,
    Reuse,
    Sentence,
    Site,
    StoryAnalysis,
    Variant,
)
from sitegen.site import urls
from sitegen.site import views as pages
from sitegen.site.export import index_file, story_file
from sitegen.site.feeds import feed_files
from sitegen.site.render import json_ld, load_theme, site_files, story_files
from sitegen.site.tables import outlets_table, story_tables
from sitegen.site.theme import english
from sitegen.site.urls import sentence_anchor
from sitegen.site.views import story_digests

HOSTILE = "<script>alert(1)</script>"

ARTICLES = {
    # slug: (outlet, title, published, body)
    "daily": (
        "Daily Example",
        f"Fire at the harbour {HOSTILE}",
        "2025-03-02",
        "A fire broke out at the harbour on Monday. "
        "“We have it under control,” fire chief Anna Berg said.\n\n"
        "Three warehouses burned.",
    ),
    "gazette": (
        "Example Gazette",
        "Harbour blaze",
        "2025-03-02",
        "A fire broke out at the harbour on Monday. "
        "“We have it fully under control,” Anna Berg said.\n\n"
        f"Officials counted four warehouses {HOSTILE}.",
    ),
    "wire": (
        "Ex Wire",
        "Blaze hits port",
        "2025-03-03",
        "Fire broke out in the port on Monday. Nobody was hurt.",
    ),
}


def render_site(site, analyses):
    """Every page and asset of ``site``, rendered with the default theme as a build does."""
    theme = load_theme(None)
    files = list(site_files(site, story_digests(site, analyses), theme))
    for story, analysis in zip(site.stories, analyses, strict=True):
        files += story_files(site, story, analysis, theme)
    return files


def _write(content: Path) -> None:
    story = content / "harbour-fire"
    story.mkdir(parents=True)
    (story / "story.yaml").write_text(
        "title: 'Harbour fire <b>live</b>'\ndate: 2025-03-02\n", encoding="utf-8"
    )
    for slug, (outlet, title, published, body) in ARTICLES.items():
        front = f"---\noutlet: {outlet}\ntitle: '{title}'\npublished: {published}\n---\n"
        (story / f"{slug}.md").write_text(front + body + "\n", encoding="utf-8")
    older = content / "old-news"
    older.mkdir()
    (older / "story.yaml").write_text("title: Older story\ndate: 2024-01-01\n", encoding="utf-8")
    (older / "daily.md").write_text(
        "---\noutlet: Daily Example\ntitle: Old\n---\nSomething happened.\n", encoding="utf-8"
    )
    (content / "outlets.yaml").write_text(
        "daily-example:\n  name: Daily Example\n  country: Norway\n  kind: commercial\n",
        encoding="utf-8",
    )


def _sentence(analysis: StoryAnalysis, article: str, words: str) -> int:
    return next(s.index for s in analysis.sentences_of(article) if words in s.text)


def _occurrence(analysis: StoryAnalysis, article: str, words: str, speaker: str) -> QuoteOccurrence:
    text = analysis.text_of(article).text
    start = text.index(words)
    end = start + len(words)
    sentence = next(s.index for s in analysis.sentences_of(article) if s.start <= start < s.end)
    return QuoteOccurrence(article, words, start, end, sentence, speaker)


def _analysis(site: Site) -> tuple[StoryAnalysis, ...]:
    """Each story's texts and sentences, plus claims, a quote, divergences and reuse
    written by hand for the harbour story."""
    out = []
    for story in site.stories:
        texts = tuple(plain_text(a.id, a.body) for a in story.articles)
        sents = tuple(chain.from_iterable(segment(t) for t in texts))
        out.append(StoryAnalysis(story.id, texts, sents))
    harbour, old = out
    assert (harbour.story, old.story) == ("harbour-fire", "old-news")

    def src(article: str, words: str, strength: str, score: float) -> ClaimSource:
        index = _sentence(harbour, article, words)
        return ClaimSource(
            article, index, harbour.sentences_of(article)[index].text, strength, score
        )

    fire = Claim(
        "fire-broke-out",
        "A fire broke out at the harbour on Monday.",
        (
            src("daily", "fire broke out", "verbatim", 100.0),
            src("gazette", "fire broke out", "verbatim", 100.0),
            src("wire", "Fire broke out", "paraphrase", 71.0),
        ),
    )
    burned = Claim(
        "warehouses", f"Warehouses burned {HOSTILE}", (src("daily", "Three", "close", 80.0),)
    )
    hurt = Claim("nobody-hurt", "Nobody was hurt.", (src("wire", "Nobody", "verbatim", 100.0),))
    quote = Quote(
        "berg-under-control",
        "Anna Berg",
        "We have it under control,",
        (
            _occurrence(harbour, "daily", "We have it under control,", "Anna Berg"),
            _occurrence(harbour, "gazette", "We have it fully under control,", "Anna Berg"),
        ),
    )
    count = Divergence(
        "warehouse-count",
        "How many warehouses burned",
        "number",
        (
            Variant("daily", "Three warehouses", _sentence(harbour, "daily", "Three")),
            Variant("gazette", "four warehouses", _sentence(harbour, "gazette", "four")),
        ),
        note="3 / 4",
    )
    omission = Divergence(
        "no-warehouses",
        "Not reported by every article: warehouses burned",
        "omission",
        (
            Variant("daily", "Three warehouses burned."),
            Variant("gazette", "Officials counted four warehouses", 2),
            Variant("wire", ""),
        ),
        claim="warehouses",
    )
    text_d = harbour.text_of("daily").text
    text_g = harbour.text_of("gazette").text
    shared = "A fire broke out at the harbour on Monday."
    reuse = Reuse(
        "daily",
        "gazette",
        0.4,
        0.38,
        (
            Passage(
                text_d.index(shared),
                text_d.index(shared) + len(shared),
                text_g.index(shared),
                text_g.index(shared) + len(shared),
                shared,
            ),
        ),
    )
    harbour = replace(
        harbour,
        claims=(burned, hurt, fire),
        quotes=(quote,),
        divergences=(count, omission),
        reuse=(reuse,),
    )
    return (harbour, old)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, tuple[StoryAnalysis, ...], Path]:
    content = tmp_path_factory.mktemp("pages") / "content"
    _write(content)
    site = load_site(content)
    analyses = _analysis(site)
    out = content.parent / "output"
    pages = [*render_site(site, analyses), index_file(site), outlets_table(site)]
    for story, analysis in zip(site.stories, analyses, strict=True):
        pages += [story_file(story, analysis), *story_tables(site, story, analysis)]
    written = [f.path for f in pages]
    for f in pages + feed_files(
        load_theme(None), site, written, environ={}
    ):  # as build() writes them
        path = out / f.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f.data)
    return site, analyses, out


def page(out: Path, site_path: str) -> str:
    return (out / urls.file_for(site_path)).read_text(encoding="utf-8")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        for key in ("href", "src"):
            if a.get(key):
                self.hrefs.append(a[key] or "")
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


# --------------------------------------------------------------------------- every page


def test_every_page_type_is_written(built: tuple) -> None:
    _, _, out = built
    for site_path in (
        "",
        pages.OUTLETS_INDEX,
        urls.outlet_path("daily-example"),
        urls.outlet_path("example-gazette"),
        urls.story_path("harbour-fire"),
        urls.article_path("harbour-fire", "wire"),
        urls.claim_path("harbour-fire", "fire-broke-out"),
        urls.quote_path("harbour-fire", "berg-under-control"),
    ):
        assert (out / urls.file_for(site_path)).is_file(), site_path


def test_a_claim_one_outlet_carries_is_its_sentence_not_a_page(built: tuple) -> None:
    _, analyses, out = built
    hurt = next(c for c in analyses[0].claims if c.id == "nobody-hurt")
    assert not (out / urls.file_for(urls.claim_path("harbour-fire", "nobody-hurt"))).exists()
    anchor = f"articles/wire/#s{hurt.sources[0].sentence + 1}"
    only = page(out, urls.story_path("harbour-fire"))
    only = only[only.index('id="only"') :]
    assert f'href="{anchor}">Nobody was hurt.</a>' in only
    assert (out / "stories/harbour-fire/articles/wire/index.html").is_file()


def test_internal_links_land_on_files_and_anchors(built: tuple) -> None:
    _, _, out = built
    checked = 0
    for html_file in sorted(out.rglob("*.html")):
        here = html_file.relative_to(out).as_posix()
        for href in parse(html_file.read_text(encoding="utf-8")).hrefs:
            # Pagefind writes its bundle after rendering; sitegen.build.search's tests cover it.
            if re.match(r"[a-z]+:", href) or "pagefind/" in href:
                continue
            target, _, fragment = href.partition("#")
            base = posixpath.dirname(here)
            if target.startswith("/"):  # 404.html links from the site root (served anywhere)
                target, base = target.lstrip("/"), ""
            rel = posixpath.normpath(posixpath.join(base, target or ""))
            path = out / rel
            if target == "" or target.endswith("/"):
                path = path / "index.html" if target else html_file
            assert path.is_file(), f"{here}: {href}"
            if fragment:
                assert fragment in parse(path.read_text(encoding="utf-8")).ids, f"{here}: {href}"
            checked += 1
    assert checked > 50


def test_hostile_text_never_becomes_markup(built: tuple) -> None:
    _, _, out = built
    for html_file in out.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert HOSTILE not in html, html_file
        assert "<b>live</b>" not in html, html_file
    story = page(out, urls.story_path("harbour-fire"))
    assert "Harbour fire &lt;b&gt;live&lt;/b&gt;" in story


def test_pages_are_deterministic(built: tuple) -> None:
    site, analyses, _ = built
    first = render_site(site, analyses)
    second = render_site(site, analyses)
    assert [(f.path, f.data) for f in first] == [(f.path, f.data) for f in second]


# --------------------------------------------------------------------------- home and story


def test_home_lists_stories_newest_first_with_counts(built: tuple) -> None:
    _, _, out = built
    home = page(out, "")
    assert home.index("Harbour fire") < home.index("Older story")
    card = home[home.index("Harbour fire") : home.index("Older story")]
    counts = re.findall(r"<dt>([^<]+)</dt><dd>(\d+)</dd>", card)
    assert counts == [("Shared quotes", "1"), ("Shared claims", "1"), ("Divergences", "1")]
    assert 'href="outlets/daily-example/"' in home


def _matrix_rows(story: str) -> list[list[str]]:
    body = story[story.index('<table class="matrix') : story.index("</table>")]
    tbody = body[body.index("<tbody>") : body.index("</tbody>")]
    return [re.findall(r'class="c c-([a-z]+)"', row) for row in tbody.split("<tr>")[1:]]


def test_story_matrix_shows_how_each_outlet_carries_each_shared_claim(built: tuple) -> None:
    _, _, out = built
    story = page(out, urls.story_path("harbour-fire"))
    assert _matrix_rows(story) == [["verbatim", "verbatim", "paraphrase"]]
    assert 'href="claims/fire-broke-out.html"' in story
    assert "Norway" in story and "commercial" in story  # from outlets.yaml
    assert "2 more appear in one outlet only" in story


def test_story_sections(built: tuple) -> None:
    _, _, out = built
    story = page(out, urls.story_path("harbour-fire"))
    for heading in (
        "Shared quotes",
        "Divergences",
        "Only in one outlet",
        "Omissions",
        "Text reuse",
    ):
        assert f">{heading}</h2>" in story
    quotes = story[story.index('id="quotes"') : story.index('id="divergences"')]
    assert "fully" in quotes and "<ins>" in quotes
    divergences = story[story.index('id="divergences"') : story.index('id="only"')]
    assert "Three warehouses" in divergences and "four warehouses" in divergences
    # each version inside its sentence, so a reader can check it there
    assert 'Officials counted <mark class="qm">four warehouses</mark> &lt;script&gt;' in divergences
    omissions = story[story.index('id="omissions"') : story.index('id="reuse"')]
    assert "Carried by 1 of 3: Daily Example." in omissions
    gazette = omissions[omissions.index("Left out by Example Gazette") :]
    assert "closest sentence: <span" in gazette.split("</li>")[0]
    assert 'href="articles/gazette/#s3"' in gazette.split("</li>")[0]
    assert "Left out by Ex Wire</strong></span></li>" in omissions
    reuse = story[story.index('id="reuse"') :]
    assert "40%" in reuse and "38%" in reuse


def test_matrix_rows_sort_by_reach_then_reading_order(built: tuple) -> None:
    site, analyses, _ = built
    cols = pages.columns(site, site.stories[0])
    claims = analyses[0].claims
    ordered = [c.id for c in pages.sort_claims(claims, cols)]
    assert ordered == ["fire-broke-out", "warehouses", "nobody-hurt"]


# --------------------------------------------------------------------------- claim, quote, article


def test_claim_page_sources_marks_and_json_ld(built: tuple) -> None:
    _, _, out = built
    claim = page(out, urls.claim_path("harbour-fire", "fire-broke-out"))
    assert "<mark>" in claim
    assert "paraphrase" in claim and "71/100" in claim
    assert 'href="../articles/wire/#s1"' in claim
    data = json.loads(parse(claim).scripts[0])
    assert data["@type"] == "Claim"
    assert [a["publisher"]["name"] for a in data["appearance"]] == [
        "Daily Example",
        "Example Gazette",
        "Ex Wire",
    ]


def test_json_ld_cannot_close_its_script_element() -> None:
    text = str(json_ld({"text": "</script><script>alert(1)</script> & <!--"}))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["text"] == "</script><script>alert(1)</script> & <!--"


def test_quote_page_shows_each_rendering_in_context(built: tuple) -> None:
    _, _, out = built
    quote = page(out, urls.quote_path("harbour-fire", "berg-under-control"))
    assert "We have it fully under control," in quote
    assert '<mark class="qm">We have it fully under control,</mark>' in quote
    assert "Anna Berg said." in quote
    assert 'href="../articles/gazette/#s2"' in quote
    assert "Not quoted by" in quote and "Ex Wire" in quote


def test_article_page_anchors_badges_and_quotes(built: tuple) -> None:
    _, analyses, out = built
    article = page(out, urls.article_path("harbour-fire", "daily"))
    ids = parse(article).ids
    for sentence in analyses[0].sentences_of("daily"):
        assert sentence_anchor(sentence.index) in ids
    assert 'class="s s-all" id="s1"' in article
    assert 'href="../../claims/fire-broke-out.html"' in article
    assert 'href="../../quotes/berg-under-control.html"' in article
    assert "Norway" in article


# --------------------------------------------------------------------------- outlets


def test_outlet_pages_count_agreement(built: tuple) -> None:
    _, _, out = built
    daily = page(out, urls.outlet_path("daily-example"))
    rows = dict(re.findall(r'>([^<>]+)</a></th><td class="n h\d">(\d+)</td>', daily))
    assert rows == {"Ex Wire": "1", "Example Gazette": "1"}
    assert "Old" in daily  # its article in the other story
    index = page(out, pages.OUTLETS_INDEX)
    assert index.count('<td class="n h') == 9  # 3 x 3 outlets


def test_open_graph_url_only_with_a_base_url(built: tuple) -> None:
    site, analyses, out = built
    assert 'property="og:url"' not in page(out, "")
    based = replace(site, config=replace(site.config, base_url="https://example.org/cov/"))
    home = next(f for f in render_site(based, analyses) if f.path == "index.html")
    html = home.data.decode("utf-8")
    assert '<meta property="og:url" content="https://example.org/cov/">' in html
    assert '<meta property="og:title"' in html and 'property="og:description"' in html


# --------------------------------------------------------------------------- pure functions


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Al Example", "al-example"),
        ("Ogres Ziņas", "ogres-zinas"),
        ("Unattributed (Wire, translated)", "unattributed-wire-translated"),
        ("新华社", "outlet-" + __import__("hashlib").sha1("新华社".encode()).hexdigest()[:8]),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert pages.slugify(name) == slug


@pytest.mark.parametrize(
    ("count", "total", "level"),
    [(1, 5, "one"), (2, 5, "some"), (3, 5, "most"), (5, 5, "all"), (2, 2, "most"), (2, 4, "some")],
)
def test_share_level(count: int, total: int, level: str) -> None:
    assert pages.share_level(count, total) == level


@pytest.mark.parametrize(
    ("value", "top", "level"), [(0, 10, 0), (1, 10, 1), (5, 10, 2), (10, 10, 4), (3, 0, 0)]
)
def test_heat_level(value: int, top: int, level: int) -> None:
    assert pages.heat_level(value, top) == level


@pytest.mark.parametrize(
    ("text", "limit", "clipped"),
    [
        ("short", 160, "short"),
        ("one two three four", 10, "one two…"),
        ("spaces   are\n folded", 160, "spaces are folded"),
    ],
)
def test_clip(text: str, limit: int, clipped: str) -> None:
    assert pages.clip(text, limit) == clipped


def test_outlet_info_prefers_the_registry(built: tuple) -> None:
    site, _, _ = built
    assert pages.outlet_info(site, "daily example").country == "Norway"
    assert pages.outlet_info(site, "Ex Wire") == Outlet(slug="ex-wire", name="Ex Wire")


def test_summary_falls_back_to_the_most_shared_claim(built: tuple) -> None:
    site, analyses, _ = built
    story = next(s for s in site.stories if s.id == "harbour-fire")
    assert pages.summary(story, analyses[0]).startswith("3 of 3 outlets report: A fire")
    assert pages.summary(replace(story, summary="Given."), analyses[0]) == "Given."


def test_story_cards_sort_newest_first_and_undated_last(built: tuple) -> None:
    site, analyses, _ = built
    undated = replace(site.stories[0], id="aaa-undated", date=None)
    later = replace(site, stories=(*site.stories, undated))
    cards = pages.story_cards(later, pages.story_digests(later, (*analyses, analyses[0])))
    assert [c.story.date for c in cards] == [date(2025, 3, 2), date(2024, 1, 1), None]
    assert (cards[0].shared_claims, cards[0].shared_quotes, cards[0].divergences) == (1, 1, 1)


def test_variant_views_place_each_version_in_its_sentence(built: tuple) -> None:
    site, analyses, _ = built
    cols = pages.columns(site, site.stories[0])
    count = next(d for d in analyses[0].divergences if d.id == "warehouse-count")
    views = pages.variant_views(count, cols, pages.SentenceLookup.of(analyses[0]))
    assert [(v.column.id if v.column else None, v.anchor) for v in views] == [
        ("daily", "s3"),
        ("gazette", "s3"),
    ]
    assert (views[0].before, views[0].after) == ("", " burned.")
    assert views[0].in_sentence
    odd = Divergence("x", "x", "other", (Variant("gone", "no such text", 0),))
    assert pages.variant_views(odd, cols, pages.SentenceLookup.of(analyses[0])) == (
        pages.VariantView(None, odd.variants[0], None),
    )


@pytest.mark.parametrize(
    ("offset", "anchor"),
    [(1, "s1"), (6, "s1"), (7, None), (8, "s2"), (14, "s2"), (15, None), (99, None)],
)
def test_sentence_lookup_finds_the_sentence_ending_at_an_offset(
    offset: int, anchor: str | None
) -> None:
    text = plain_text("a", "One two. Three four.")  # spans [0, 6) and [7, 14) below
    analysis = StoryAnalysis(
        "x",
        (text,),
        (
            Sentence("a", 0, 0, 0, 6, text.text[0:6]),
            Sentence("a", 1, 0, 7, 14, text.text[7:14]),
        ),
    )
    found = pages.SentenceLookup.of(analysis).ending_at("a", offset)
    assert (sentence_anchor(found.index) if found else None) == anchor


@pytest.mark.parametrize(("columns", "rows"), [(0, 100), (3, 100), (20, 100), (40, 50), (500, 20)])
def test_matrix_rows_shrink_as_outlets_grow(columns: int, rows: int) -> None:
    assert pages.matrix_rows(columns) == rows


def test_divergence_groups_follow_the_fixed_kind_order() -> None:
    made = [
        Divergence("b", "x", "framing", ()),
        Divergence("a", "x", "number", ()),
        Divergence("c", "x", "omission", ()),
        Divergence("d", "x", "novel-kind", ()),
    ]
    assert [g.kind for g in pages.divergence_groups(made)] == ["number", "framing", "novel-kind"]


def test_an_empty_site_and_a_one_article_story_render(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    empty = load_site(content)
    files = {
        f.path: f.data.decode("utf-8") for f in render_site(empty, ()) if f.path.endswith("html")
    }
    assert "No stories yet" in files["index.html"]
    assert "outlets/index.html" in files
    story = content / "lone"
    story.mkdir()
    (story / "only.md").write_text("---\noutlet: Solo\ntitle: Alone\n---\nJust one.\n", "utf-8")
    site = load_site(content)
    text = plain_text("only", site.stories[0].articles[0].body)
    analysis = StoryAnalysis("lone", (text,), segment(text))
    pages_out = {f.path: f.data.decode("utf-8") for f in render_site(site, (analysis,))}
    lone = pages_out["stories/lone/index.html"]
    assert "No claim is carried by more than one outlet." in lone
    assert "No quotation appears in more than one outlet." in lone
    assert 'id="s1"' in pages_out["stories/lone/articles/only/index.html"]


def test_long_stories_list_what_the_full_views_leave_out(
    built: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    site, analyses, _ = built
    monkeypatch.setattr(pages, "matrix_rows", lambda columns: 0)
    monkeypatch.setattr(pages, "STORY_ITEMS", 0)
    story = next(
        f.data.decode("utf-8")
        for f in render_site(site, analyses)
        if f.path == "stories/harbour-fire/index.html"
    )
    assert '<table class="matrix' not in story
    assert "1 more shared claim<" in story and 'href="claims/fire-broke-out.html"' in story
    assert "1 more shared quote<" in story and 'href="quotes/berg-under-control.html"' in story
    assert "1 more omission<" in story and "(left out by Example Gazette, Ex Wire)" in story


def test_a_guessed_speaker_is_offered_not_asserted() -> None:
    t = english()
    sure = Quote("q1", "Ana Ruiz", "We stay.", (), speaker_confidence=0.95)
    guess = Quote("q2", "Ana Ruiz", "We stay.", (), speaker_confidence=0.4)
    by_hand = Quote("q3", "Ana Ruiz", "We stay.", ())
    nobody = Quote("q4", None, "We stay.", (), speaker_confidence=0.0)
    assert pages.who(sure, t) == "Ana Ruiz"
    assert pages.who(guess, t) == "Possible speaker: Ana Ruiz"
    assert pages.who(by_hand, t) == "Ana Ruiz"
    assert pages.who(nobody, t) == "Unattributed"
    said = QuoteOccurrence("a", "We stay.", 0, 8, 0, "Ana Ruiz", speaker_confidence=0.3)
    assert not pages.sure_of_speaker(said)
