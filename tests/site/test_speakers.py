"""Who is quoted: the story page's section and each speaker's page, from hand-made
quotations and from the invented fixture stories built in a temporary folder."""

from __future__ import annotations

import re
import shutil
from html import unescape
from itertools import chain
from pathlib import Path

import pytest

from sitegen.analysis.sentences import segment
from sitegen.build.pipeline import build
from sitegen.content import load_site
from sitegen.markdown import plain_text
from sitegen.model import Article, Outlet, Quote, QuoteOccurrence, StoryAnalysis
from sitegen.site import speakers, urls
from sitegen.site.render import load_theme, story_files
from sitegen.site.views import Column
from tests.conftest import write_article

STORIES = Path(__file__).parent.parent / "fixtures" / "stories"


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def _column(article: str) -> Column:
    outlet = Outlet(article, article.title())
    return Column(
        Article(article, "s", Path(article), outlet.name, "t", "", 1), outlet, outlet.name
    )


def _quote(qid: str, speaker: str | None, articles: str, confidence: float | None = 0.95) -> Quote:
    occ = tuple(QuoteOccurrence(a, qid, 0, 1, 0, speaker) for a in articles)
    return Quote(qid, speaker, qid, occ, speaker_confidence=confidence)


def test_speakers_are_counted_with_the_outlets_quoting_them() -> None:
    cols = [_column(a) for a in "abc"]
    quotes = [
        _quote("q1", "Ana Ruiz", "ab"),
        _quote("q2", "Ana Ruiz", "a"),
        _quote("q3", "Tom Beck", "abc"),
        _quote("q4", None, "c"),
        _quote("q5", None, "bc"),
    ]
    who = speakers.who_is_quoted(quotes, cols, {})
    assert [(s.name, len(s.utterances)) for s in who.speakers] == [("Ana Ruiz", 2), ("Tom Beck", 1)]
    ruiz = who.speakers[0]
    assert [(q.column.id, q.count) for q in ruiz.outlets] == [("a", 2), ("b", 1)]
    assert [u.quote.id for u in ruiz.utterances] == ["q1", "q2"]  # most widely quoted first
    assert who.unattributed == 2
    assert [(q.column.id, q.count) for q in who.unattributed_outlets] == [("b", 1), ("c", 2)]


def test_a_weakly_attributed_speaker_is_only_possible() -> None:
    cols = [_column("a")]
    quotes = [
        _quote("q1", "Ana Ruiz", "a", 0.4),
        _quote("q2", "Tom Beck", "a", 0.4),
        _quote("q3", "Tom Beck", "a", 0.95),
        _quote("q4", "Eve Lund", "a", None),
    ]
    who = speakers.who_is_quoted(quotes, cols, {})
    by_name = {s.name: s for s in who.speakers}
    assert not by_name["Ana Ruiz"].sure
    assert by_name["Tom Beck"].sure and by_name["Tom Beck"].doubtful == 1
    assert by_name["Eve Lund"].sure  # given by hand: not measured, not doubted


def test_speaker_page_names_depend_on_the_name_alone() -> None:
    slugs = speakers.speaker_slugs(["José Ruiz", "Jose Ruiz", "Анна Берг"])
    assert slugs["Jose Ruiz"] == "jose-ruiz"
    assert slugs["José Ruiz"] == "jose-ruiz-2"
    assert re.fullmatch(r"speaker-[0-9a-f]{8}", slugs["Анна Берг"])
    assert speakers.speaker_slugs(["Jose Ruiz"])["Jose Ruiz"] == "jose-ruiz"
    assert urls.speaker_path("fire", "jose-ruiz") == "stories/fire/speakers/jose-ruiz.html"


# --------------------------------------------------------------------------- pages


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _section(html: str, start: str) -> str:
    at = html.index(start)
    return html[at : html.index("</section>", at)]


def _links(html: str) -> list[str]:
    return [unescape(h) for h in re.findall(r'href="([^"#][^"]*|#[^"]+)"', html)]


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("speakers")
    home = out / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("HOME", str(home))
        content = shutil.copytree(STORIES, out / "stories")
        build(content, out / "site", search=False)
    return out / "site"


def test_story_page_lists_speakers_with_counts_and_outlets(fixture_site: Path) -> None:
    page = (fixture_site / "stories" / "harbour-fire" / "index.html").read_text(encoding="utf-8")
    section = _section(page, '<section id="speakers"')
    # after the shared quotations, before the divergences
    assert page.index('id="quotes"') < page.index('id="speakers"') < page.index('id="divergences"')
    text = _text(section)
    assert "Tomas Brenner · 1 quote · quoted by 5 of 5 outlets:" in text
    assert "Anna Berg · 1 quote · quoted by 1 of 5 outlets: Coastal Wire" in text
    assert 'href="speakers/tomas-brenner.html"' in section


def test_speaker_page_shows_renderings_and_how_each_outlet_names_them(fixture_site: Path) -> None:
    story = fixture_site / "stories" / "harbour-fire"
    page = (story / "speakers" / "tomas-brenner.html").read_text(encoding="utf-8")
    said = _text(_section(page, 'aria-labelledby="said-h"'))
    for outlet in ("Coastal Wire", "Evening Ledger", "Harbour Gazette", "Metro Daily"):
        assert outlet in said
    assert "verbatim · 100" in said and "in context" in said
    naming = _section(page, 'aria-labelledby="naming-h"')
    assert "“Mayor”" in _text(naming)
    assert "“the mayor”" in _text(naming)
    lone = (story / "speakers" / "anna-berg.html").read_text(encoding="utf-8")
    assert "does not name them" in _text(_section(lone, 'aria-labelledby="naming-h"'))


def test_speaker_page_links_resolve(fixture_site: Path) -> None:
    folder = fixture_site / "stories" / "harbour-fire" / "speakers"
    pages = sorted(folder.glob("*.html"))
    assert len(pages) == 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for link in _links(html):
            if link.startswith(("http:", "https:", "mailto:")) or link.startswith("#"):
                continue
            path, _, anchor = link.partition("#")
            target = (page.parent / path).resolve()
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), (page.name, link)
            if anchor:
                assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), (page.name, link)


def test_a_possible_speaker_is_never_asserted(tmp_path: Path) -> None:
    content = tmp_path / "content"
    body = "“We will rebuild,” Mayor Ana Ruiz said.\n\nThe fire was out by noon."
    write_article(content, "fire", "daily", "Daily Example", "Fire", body)
    write_article(content, "fire", "gazette", "Example Gazette", "Blaze", "The fire was out.")
    site = load_site(content)
    story = site.stories[0]
    texts = tuple(plain_text(a.id, a.body) for a in story.articles)
    sentences = tuple(chain.from_iterable(segment(t) for t in texts))
    start = texts[0].text.index("We will")
    said = "We will rebuild,"
    occ = QuoteOccurrence(
        "daily", said, start, start + len(said), 0, "Ana Ruiz", speaker_confidence=0.4
    )
    quote = Quote("q1", "Ana Ruiz", said, (occ,), speaker_confidence=0.4)
    lone = QuoteOccurrence("gazette", "fire was out", 4, 16, 0, None)
    nobody = Quote("q2", None, "fire was out", (lone,), speaker_confidence=0.0)
    analysis = StoryAnalysis(story.id, texts, sentences, quotes=(quote, nobody))
    files = {f.path: f.data.decode() for f in story_files(site, story, analysis, load_theme(None))}
    section = _text(_section(files["stories/fire/index.html"], '<section id="speakers"'))
    assert "Possible speaker: Ana Ruiz" in section
    assert "Unattributed · 1 quote · quoted by 1 of 2 outlets: Example Gazette" in section
    assert sorted(p for p in files if "/speakers/" in p) == ["stories/fire/speakers/ana-ruiz.html"]
    page = files["stories/fire/speakers/ana-ruiz.html"]
    assert "<h1>Possible speaker: Ana Ruiz</h1>" in page
    assert "possibly theirs" in page
    # how the outlets name her still comes from the text: a title, and an outlet without her
    naming = _text(_section(page, 'aria-labelledby="naming-h"'))
    assert "Daily Example named once: “Mayor”" in naming
    assert "Example Gazette does not name them" in naming


def test_a_quote_page_links_to_its_speaker(fixture_site: Path) -> None:
    quotes = fixture_site / "stories" / "harbour-fire" / "quotes"
    linked = [
        page.name
        for page in quotes.glob("*.html")
        if 'href="../speakers/tomas-brenner.html"' in page.read_text(encoding="utf-8")
    ]
    assert len(linked) == 1
