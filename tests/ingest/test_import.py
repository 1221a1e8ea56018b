"""sitegen import / sitegen new: pasted text and saved pages become article files whose
plain text is the article's words, character for character."""

from __future__ import annotations

import functools
import http.server
import io
import re
import shutil
import socket
import threading
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from sitegen.content import parse_article, slugify
from sitegen.errors import display_path
from sitegen.ingest.extract import Found, from_text, iso_date, language_code
from sitegen.ingest.furniture import Line, find_date, is_dateline, outlet_in_credit, strip_furniture
from sitegen.ingest.importer import (
    WELL_KNOWN,
    imported_before,
    markdown_escape,
    new_story,
    render_body,
    run_import,
)
from sitegen.markdown import plain_text

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
DATA = TESTS / "data"
SEEDS = DATA / "seeds"
FIXTURES = TESTS / "fixtures" / "import"
DEMO = ROOT / "content" / "zelensky-nato-offer-berlin"
STORY = "zelensky-nato-offer-berlin"

# seed key -> the demo article file holding it (the outlet names are hand-set in content/)
DEMO_FILES = {
    "000": "ogres-zinas",
    "001": "al-jazeera",
    "002": "digital-phablet",
    "003": "unattributed-reuters-translation",
    "004": "cgtn",
}


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"

# --------------------------------------------------------------------------- helpers


def _run(
    sources: list[str], content: Path, force: bool = False, new: bool = True
) -> tuple[int, str, str]:
    """`sitegen import SOURCES --story story [--force] [--new]`."""
    out, err = io.StringIO(), io.StringIO()
    code = run_import(sources, "story", content, force, out, err, new)
    return code, out.getvalue(), err.getvalue()


def _split(path: Path) -> tuple[dict[str, object], str]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    head, body = text[4:].split("\n---\n", 1)
    return yaml.safe_load(head), body


def _plain(body: str) -> str:
    return plain_text("a", body).text


def _articles(folder: Path) -> dict[str, Path]:
    return {p.stem: p for p in sorted(folder.glob("*.md"))}


@pytest.fixture(scope="module")
def seeds_import(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path], str]:
    """The five seeds imported into a content folder with the project's outlet registry."""
    content = tmp_path_factory.mktemp("content")
    shutil.copy(ROOT / "content" / "outlets.yaml", content / "outlets.yaml")
    sources = sorted(SEEDS.glob("*.txt"))
    out, err = io.StringIO(), io.StringIO()
    code = run_import([str(s) for s in sources], STORY, content, False, out, err, new=True)
    assert code == 0, err.getvalue()
    # each report line names the source, then the file it went to
    by_key: dict[str, Path] = {}
    for line in out.getvalue().splitlines():
        if " -> " in line and not line.startswith(" "):
            source, target = line.split(" -> ")
            by_key[Path(source).name[:3]] = content / STORY / Path(target).name
    assert sorted(by_key) == sorted(DEMO_FILES)
    return content, by_key, out.getvalue()


@pytest.fixture(scope="module")
def gold() -> dict[str, object]:
    return yaml.safe_load((DATA / "seeds.yaml").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- seeds


def _gold_texts(gold: dict, sections: tuple[str, ...]) -> list[tuple[str, str, str]]:
    texts = []
    if "quotes" in sections:
        for quote in gold["quotes"]:
            for occ in quote["occurrences"] + (quote.get("indirect") or []):
                texts.append((quote["id"], occ["article"], occ["text"]))
    if "claims" in sections:
        for claim in gold["claims"]:
            texts.extend((claim["id"], a, t) for a, t in claim["sources"].items())
    if "divergences" in sections:
        for div in gold["divergences"]:
            texts.extend((div["id"], a, t) for a, t in div["variants"].items())
    return texts


def test_every_gold_quotation_survives_verbatim(seeds_import, gold) -> None:
    _, files, _ = seeds_import
    bodies = {key: _plain(_split(path)[1]) for key, path in files.items()}
    quotes = _gold_texts(gold, ("quotes",))
    assert len(quotes) > 40
    missing = [(i, a, t) for i, a, t in quotes if t not in bodies[a]]
    assert missing == []


def test_every_gold_claim_and_variant_survives(seeds_import, gold) -> None:
    _, files, _ = seeds_import
    articles = {key: _split(path) for key, path in files.items()}
    missing = []
    for ident, key, text in _gold_texts(gold, ("claims", "divergences")):
        head, body = articles[key]
        # a title divergence quotes the headline, which is the title, not the body
        if text not in _plain(body) and text != head["title"]:
            missing.append((ident, key, text))
    assert missing == []


FURNITURE = {
    "000": ["Read also: Fall of Pokrovsk"],
    "001": [
        "Overview Logo",
        "Article Main Image",
        "Saudi Arabia",
        "Sunday, December 14",
        "Alternative Takes",
        "Berlin Meeting Logistics and Participants",
        "Peace Talks Progress and Developments",
        "Zelensky's Negotiating Position",
        "Get the full experience in the app",
        "Scroll the Globe",
        "International stories that aren't found anywhere else.",
        "50 countries, 150 news sites",
        "Unfiltered, Uncensored, Unbiased",
        "Articles are translated to English",
        "Apple App Store Badge",
    ],
    "002": ["Select Language:"],
    "003": [],
    "004": ["World", "2025.12.14 21:53 GMT+8", "Updated", "Copyright", "RELATED"],
}


@pytest.mark.parametrize("key", sorted(FURNITURE))
def test_no_furniture_line_survives(seeds_import, key: str) -> None:
    _, files, _ = seeds_import
    head, body = _split(files[key])
    blocks = _plain(body).split("\n\n")
    for furniture in FURNITURE[key]:
        assert not any(block.startswith(furniture) for block in blocks), furniture
    # the byline and the headline are read, not left in the text
    assert head["title"] not in blocks
    assert str(head["outlet"]) not in blocks


@pytest.mark.parametrize(
    ("key", "title"),
    [
        ("000", "Ukraine offers to abandon NATO membership in exchange for peace"),
        ("001", "Ukraine ready to drop NATO membership ambition amid peace talks"),
        ("003", "Zelenskiy drops NATO bid as Germany peace talks begin"),
        ("004", "Ukraine offers to drop NATO membership demands for security guarantees"),
    ],
)
def test_titles_are_read_from_the_headline(seeds_import, key: str, title: str) -> None:
    _, files, _ = seeds_import
    assert _split(files[key])[0]["title"] == title


def test_a_page_without_a_headline_gets_its_opening_words_and_a_warning(seeds_import) -> None:
    _, files, report = seeds_import
    head, _ = _split(files["002"])
    assert str(head["title"]).startswith("Ukraine has abandoned its goal of joining NATO")
    assert "no headline found" in report


@pytest.mark.parametrize(
    ("key", "outlet"),
    [("001", "Al Jazeera"), ("004", "CGTN"), ("000", "Unknown"), ("002", "Unknown")],
)
def test_outlets_that_name_themselves_are_read(seeds_import, key: str, outlet: str) -> None:
    _, files, _ = seeds_import
    assert _split(files[key])[0]["outlet"] == outlet
    if outlet != "Unknown":
        assert files[key].stem == outlet.lower().replace(" ", "-")


def test_the_dateline_gives_the_publication_date(seeds_import) -> None:
    _, files, report = seeds_import
    published = _split(files["004"])[0]["published"]
    assert isinstance(published, datetime)
    assert published.date() == date(2025, 12, 14)
    assert published.utcoffset() == timedelta(hours=8)
    # a date without a year is reported, not guessed
    assert "published" not in _split(files["001"])[0]
    assert "has no year" in report


def test_the_report_says_what_could_not_be_read(seeds_import) -> None:
    _, _, report = seeds_import
    assert report.count("outlet unknown: set it in the front matter") == 3
    assert "outlet: Al Jazeera  (byline, line 6)" in report
    assert "app-promotion" in report


def test_imported_seeds_are_valid_content(seeds_import) -> None:
    _, files, _ = seeds_import
    for path in files.values():
        article, errors = parse_article(path.read_bytes(), path, STORY)
        assert errors == ()
        assert article is not None and article.body.strip()


def test_the_demo_story_is_what_import_produces(seeds_import) -> None:
    """content/<demo>/*.md = the importer's output plus hand-set front matter."""
    _, files, _ = seeds_import
    for key, name in DEMO_FILES.items():
        assert _split(DEMO / f"{name}.md")[1] == _split(files[key])[1], name


# --------------------------------------------------------------------------- HTML pages

HARBOUR_PARAGRAPHS = [
    "The city council has approved a £48m bridge across the inner harbour, ending more than "
    "ten years of argument over how to link the old town with the eastern docks.",
    "Councillors voted 31 to 9 in favour on Thursday evening after a debate that lasted almost "
    "four hours. The crossing will be 240\u00a0metres long and open to pedestrians, cyclists "
    "and buses only.",
    "“This is the most important decision this chamber has taken in a generation,” said "
    "council leader Priya Anand. “People have waited long enough.”",
    "Opposition concerns",
    "*Figures from the council’s own appraisal put the risk allowance at 12 per cent, against "
    "20 per cent recommended for marine works.",
    "#BuildTheBridge, the campaign group that collected 14\u2009000 signatures, welcomed the "
    "vote but said it would watch the tender process “very closely”.",
    "“We have seen schemes like this collapse at the contract stage before,” the group said "
    "in a statement.",
    "What happens next",
    "Construction is due to start in spring 2025 and take about 30 months. The council will "
    "borrow against future harbour_fees income [subject to approval by the finance committee] "
    "and expects a 1-2 year payback on the toll-free design.",
    "2019. That was the year the first design was rejected, after engineers found the "
    "foundations would disturb a protected wreck.",
]
HARBOUR_FURNITURE = [
    "cookies",
    "Subscribe from",
    "Share",
    "Facebook",
    "Morning Briefing",
    "newsletter",
    "Related stories",
    "Ferry timetable",
    "Most read",
    "Storm warning",
    "All rights reserved",
    "Privacy policy",
    "By Morwenna Pike",
]
MERIDIAN_PARAGRAPHS = [
    "At the Ridgeway saleyard on Saturday, 3\u2009200 head changed hands – nearly double the "
    "usual number for early June – and prices for young steers fell by a fifth in a single week.",
    "Farmers told the Daily they were weighing three options:",
    "buy feed at up to $410 a tonne & hope for autumn rain;",
    "Economists warned the sell-off would have knock-on effects. “When R&D budgets and herd "
    "numbers both shrink, the recovery takes years, not months,” said Dr Alan Mwangi of the "
    "state university, who added that fewer than <5 per cent of farms had drought insurance.",
    "A department spokesperson said emergency freight subsidies would be reviewed next week, "
    "and that the `feed-relief` portal had received 1,140 applications. Applicants who typed "
    "C:\\farm\\records into the upload form by mistake would be contacted.",
    "Finch said she would keep going. “My grandfather got through ’82. We’ll get through this.”",
]
MERIDIAN_FURNITURE = [
    "Advertisement",
    "Read more",
    "Hay prices hit record",
    "cookie",
    "Log in",
    "Comments",
    "sold half the herd",
    "Newsletter",
    "Popular now",
    "Grain exports",
    "Copyright",
    "Rural affairs",
]
PAGES = {
    "harbour-courier.html": {
        "file": "harbour-courier.md",
        "outlet": "The Harbour Courier",
        "title": "Council approves new harbour bridge after decade of delays",
        "url": "https://harbourcourier.example/news/2024/03/council-approves-harbour-bridge",
        "published": datetime(2024, 3, 7, 18, 30, tzinfo=timezone.utc),
        "paragraphs": HARBOUR_PARAGRAPHS,
        "furniture": HARBOUR_FURNITURE,
    },
    "meridian-daily.html": {
        "file": "meridian-daily.md",
        "outlet": "Meridian Daily",
        "title": "Drought forces farmers to sell cattle early as feed prices soar",
        "url": "https://meridiandaily.example/rural/drought-forces-early-cattle-sales",
        "published": date(2024, 6, 2),
        "paragraphs": MERIDIAN_PARAGRAPHS,
        "furniture": MERIDIAN_FURNITURE,
    },
}


def _check_page(path: Path, expected: dict) -> None:
    head, body = _split(path)
    assert path.name == expected["file"]
    assert head["outlet"] == expected["outlet"]
    assert head["title"] == expected["title"]
    assert head["url"] == expected["url"]
    assert head["published"] == expected["published"]
    assert head["language"] == "en"
    blocks = _plain(body).split("\n\n")
    lines = [line for block in blocks for line in block.split("\n")]
    for paragraph in expected["paragraphs"]:
        assert paragraph in lines, paragraph
    for furniture in expected["furniture"]:
        assert not any(furniture in line for line in lines), furniture


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_saved_page_becomes_an_article(tmp_path: Path, page: str) -> None:
    code, out, err = _run([str(FIXTURES / page)], tmp_path)
    assert (code, err) == (0, "")
    _check_page(tmp_path / "story" / PAGES[page]["file"], PAGES[page])
    assert "JSON-LD NewsArticle" in out


def test_headings_lists_and_quotes_keep_their_kind(tmp_path: Path) -> None:
    _run([str(FIXTURES / "harbour-courier.html"), str(FIXTURES / "meridian-daily.html")], tmp_path)
    harbour = plain_text("h", _split(tmp_path / "story" / "harbour-courier.md")[1])
    kinds = {harbour.text[b.start : b.end]: b.kind for b in harbour.blocks}
    assert kinds["What happens next"] == "heading"
    assert kinds[HARBOUR_PARAGRAPHS[6]] == "quote"
    meridian = plain_text("m", _split(tmp_path / "story" / "meridian-daily.md")[1])
    assert [b.kind for b in meridian.blocks].count("item") == 3


PLAIN_PAGE = """<html><head><meta charset="windows-1252">
<title>Port strike ends after pay deal - Coast Gazette</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<h1>Port strike ends after pay deal</h1>
<p>Dock workers voted to end a nine-day strike on Friday after accepting a 6 per cent pay rise,
their union said.</p>
<p>The deal was reached late on Thursday.<br>Cargo handling will resume on Monday.</p>
<p>“It’s a fair result,” said union official Maria Costa. Caf&eacute; owners welcomed it.</p>
<footer>&copy; Coast Gazette</footer></body></html>
"""


def test_a_bare_page_in_a_legacy_charset(tmp_path: Path) -> None:
    """No metadata at all: the <title> around the <h1> names the site."""
    page = tmp_path / "page.htm"
    page.write_bytes(PLAIN_PAGE.encode("windows-1252"))
    code, out, err = _run([str(page)], tmp_path / "content")
    assert (code, err) == (0, "")
    head, body = _split(tmp_path / "content" / "story" / "coast-gazette.md")
    assert head == {
        "outlet": "Coast Gazette",
        "title": "Port strike ends after pay deal",
        "language": "en",
    }
    assert _plain(body).split("\n\n") == [
        "Dock workers voted to end a nine-day strike on Friday after accepting a 6 per cent pay "
        "rise, their union said.",
        "The deal was reached late on Thursday. Cargo handling will resume on Monday.",
        "“It’s a fair result,” said union official Maria Costa. Café owners welcomed it.",
    ]
    assert "published not found" in out


def test_a_web_archive_is_read_as_its_page(tmp_path: Path) -> None:
    from email.message import EmailMessage

    archive = EmailMessage()
    archive["MIME-Version"] = "1.0"
    archive.make_related()
    archive.add_related(
        (FIXTURES / "meridian-daily.html").read_text(encoding="utf-8"),
        subtype="html",
        headers=["Content-Location: https://meridiandaily.example/rural/saved"],
    )
    path = tmp_path / "saved.mhtml"
    path.write_bytes(bytes(archive))
    code, _, err = _run([str(path)], tmp_path / "content")
    assert (code, err) == (0, "")
    _check_page(tmp_path / "content" / "story" / "meridian-daily.md", PAGES["meridian-daily.html"])


@pytest.fixture
def loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests to this machine never go through a proxy set in the environment."""
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.setenv(name, "127.0.0.1,localhost")


@pytest.fixture
def server(tmp_path_factory: pytest.TempPathFactory, loopback: None) -> Iterator[str]:
    """The fixture pages and a PNG served on 127.0.0.1 at an ephemeral port."""
    root = tmp_path_factory.mktemp("www")
    for page in FIXTURES.glob("*.html"):
        shutil.copy(page, root / page.name)
    (root / "pixel.png").write_bytes(PNG)

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output clean; failures show up as assertions

    httpd = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(root))
    )
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.mark.parametrize("page", sorted(PAGES))
def test_a_page_fetched_from_a_url_becomes_an_article(tmp_path: Path, server: str, page: str):
    code, _, err = _run([f"{server}/{page}"], tmp_path)
    assert (code, err) == (0, "")
    _check_page(tmp_path / "story" / PAGES[page]["file"], PAGES[page])


def test_a_url_that_is_not_a_page_is_refused(tmp_path: Path, server: str) -> None:
    code, _, err = _run([f"{server}/pixel.png"], tmp_path)
    assert code == 1
    assert err.startswith(f"{server}/pixel.png: not an article page: the server sent image/png")
    assert not (tmp_path / "story").exists()


def test_a_missing_page_is_a_clear_error(tmp_path: Path, server: str) -> None:
    code, _, err = _run([f"{server}/nowhere.html"], tmp_path)
    assert code == 1
    assert f"{server}/nowhere.html: the server answered HTTP 404" in err


def test_an_unreachable_url_is_a_clear_error(tmp_path: Path, loopback: None) -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article.html"
    code, out, err = _run([url], tmp_path)
    assert code == 1
    assert err.startswith(f"{url}: cannot reach it:")
    assert "nothing written" in err
    assert out == ""
    assert not (tmp_path / "story").exists()


# --------------------------------------------------------------------------- refusals


def test_an_existing_article_is_only_replaced_with_force(tmp_path: Path) -> None:
    page = str(FIXTURES / "meridian-daily.html")
    assert _run([page], tmp_path)[0] == 0
    target = tmp_path / "story" / "meridian-daily.md"
    target.write_text(target.read_text(encoding="utf-8") + "\nMy own note.\n", encoding="utf-8")
    edited = target.read_bytes()

    code, _, err = _run([page], tmp_path)
    assert code == 1
    assert "meridian-daily.md:1: already exists: pass --force" in err
    assert target.read_bytes() == edited

    assert _run([page], tmp_path, force=True)[0] == 0
    assert b"My own note." not in target.read_bytes()


def test_another_article_from_the_same_outlet_gets_its_own_file(tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    second = tmp_path / "second.txt"
    body = (
        "The ferry service resumed on Tuesday after a week of repairs to the main pier, "
        "the operator said."
    )
    first.write_text(
        f"Ferry service resumes after repairs\n\nBy Jo Bloggs, Reuters\n\n{body}\n",
        encoding="utf-8",
    )
    second.write_text(f"Pier repairs finished early\n\nReuters\n\n{body}\n", encoding="utf-8")
    code, _, err = _run([str(first), str(second)], tmp_path / "content")
    assert (code, err) == (0, "")
    names = sorted(_articles(tmp_path / "content" / "story"))
    assert names == ["reuters", "reuters-pier-repairs-finished-early"]


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("photo.png", PNG, "a PNG image"),
        ("saved.html", PNG, "a PNG image"),
        ("article.pdf", PDF, "a PDF document"),
        ("blob.txt", bytes(range(256)) * 4, "binary data"),
    ],
)
def test_a_file_that_is_not_text_is_refused(tmp_path: Path, name: str, data: bytes, kind: str):
    path = tmp_path / name
    path.write_bytes(data)
    good = FIXTURES / "meridian-daily.html"
    code, out, err = _run([str(good), str(path)], tmp_path / "content")
    assert code == 1
    assert f"{path}:1: not a text or HTML page ({kind})" in err
    assert out == ""
    assert not (tmp_path / "content").exists()  # nothing written, not even the good page


def test_text_that_is_not_utf8_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"A headline for the story\n\nCaf\xe9 owners said the rent had doubled.\n")
    code, _, err = _run([str(path)], tmp_path / "content")
    assert code == 1
    assert f"{path}:3: not UTF-8 text" in err


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("empty.txt", ""),
        ("blank.txt", "\n \n\t\n"),
        ("empty.html", "<!doctype html><html><body><nav>Home</nav></body></html>"),
        ("comment.html", "<!-- saved from a page that failed to load -->"),
    ],
)
def test_a_source_without_article_text_is_refused(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    code, out, err = _run([str(path)], tmp_path / "content")
    assert code == 1
    assert err.startswith(f"{path}:1: no article text found")
    assert out == ""


def test_a_missing_file_and_a_bad_story_id(tmp_path: Path) -> None:
    code, _, err = _run([str(tmp_path / "gone.txt")], tmp_path)
    assert code == 1 and "gone.txt:1: no such file" in err
    out, err_io = io.StringIO(), io.StringIO()
    assert (
        run_import([str(FIXTURES / "meridian-daily.html")], "Bad Id", tmp_path, False, out, err_io)
        == 2
    )
    assert "not a story id" in err_io.getvalue()


def test_import_starts_a_missing_story_folder_with_a_story_yaml(tmp_path: Path) -> None:
    _run([str(FIXTURES / "meridian-daily.html")], tmp_path, new=True)
    story = yaml.safe_load((tmp_path / "story" / "story.yaml").read_text(encoding="utf-8"))
    assert story == {"title": "Story"}


def test_a_story_that_does_not_exist_needs_new(tmp_path: Path) -> None:
    (tmp_path / "harbour-fire").mkdir()
    out, err = io.StringIO(), io.StringIO()
    page = str(FIXTURES / "meridian-daily.html")
    assert run_import([page], "harbor-fire", tmp_path, False, out, err) == 2
    assert err.getvalue() == (
        f"sitegen import: there is no story 'harbor-fire' in {display_path(tmp_path)}/: "
        "did you mean --story harbour-fire? pass --new to start it\n"
    )
    assert not (tmp_path / "harbor-fire").exists()
    assert run_import([page], "harbor-fire", tmp_path, False, out, err, new=True) == 0
    assert (tmp_path / "harbor-fire" / "meridian-daily.md").is_file()


FERRY = (
    "Ferry service resumes after repairs\n\nBy Jo Bloggs, Reuters\n\n"
    "The ferry service resumed on Tuesday after a week of repairs to the main pier, "
    "the operator said.\n"
)


def test_importing_a_source_again_updates_its_article_instead_of_a_second_copy(
    tmp_path: Path,
) -> None:
    pasted = tmp_path / "ferry.txt"
    pasted.write_text(FERRY, encoding="utf-8")
    content = tmp_path / "content"
    assert _run([str(pasted)], content)[0] == 0
    target = content / "story" / "reuters.md"
    # the editor retitles it: the file no longer looks like the page it came from
    edited = target.read_text(encoding="utf-8").replace(
        "title: Ferry service resumes after repairs", "title: Ferries run again"
    )
    target.write_text(edited, encoding="utf-8")

    code, _, err = _run([str(pasted)], content, new=False)
    assert code == 1
    assert (
        f"reuters.md:1: already exists: pass --force to update it, imported before from {pasted}"
        in err
    )
    assert target.read_text(encoding="utf-8") == edited

    assert _run([str(pasted)], content, force=True, new=False)[0] == 0
    assert sorted(_articles(content / "story")) == ["reuters"]
    assert "title: Ferry service resumes after repairs" in target.read_text(encoding="utf-8")


def test_an_article_whose_url_is_the_source_is_the_one_imported_before(tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    (story / "wire.md").write_text(
        "---\noutlet: Wire\ntitle: T\nurl: https://news.example/a\n---\nText.\n",
        encoding="utf-8",
    )
    keys = ("https://news.example/a", "sha256:00")
    assert imported_before(story, keys, {}) == story / "wire.md"
    assert imported_before(story, ("https://news.example/b",), {}) is None
    assert imported_before(story, ("sha256:00",), {"wire.md": ["sha256:00"]}) == story / "wire.md"
    assert imported_before(story, ("sha256:00",), {"gone.md": ["sha256:00"]}) is None


# --------------------------------------------------------------------------- new


def test_new_starts_a_story_folder(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert new_story("harbour-bridge-vote", tmp_path / "content", out, err) == 0
    text = (tmp_path / "content" / "harbour-bridge-vote" / "story.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(text) == {"title": "Harbour bridge vote"}
    for field in ("# date:", "# summary:", "sitegen import"):
        assert field in text
    assert "story.yaml" in out.getvalue() and err.getvalue() == ""


@pytest.mark.parametrize(("slug", "code"), [("Bad Slug", 2), ("-x", 2), ("a_b", 2), ("taken", 1)])
def test_new_refuses_a_bad_id_or_an_existing_folder(tmp_path: Path, slug: str, code: int):
    (tmp_path / "taken").mkdir()
    out, err = io.StringIO(), io.StringIO()
    assert new_story(slug, tmp_path, out, err) == code
    assert err.getvalue() and out.getvalue() == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken"]


# --------------------------------------------------------------------------- Markdown


@pytest.mark.parametrize(
    "text",
    [
        "# not a heading",
        "> not a quote",
        "- not an item",
        "+ not an item",
        "* not an item",
        "1. not a list",
        "2019) not a list",
        "---",
        "***",
        "___",
        "~~~ not a fence",
        "``` not a fence",
        "Inline *stars*, _underscores_, `ticks` and [brackets](http://example.com).",
        "An <b>HTML</b> tag, an <http://example.com> autolink and a \\ backslash\\",
        "Entities stay as typed: &amp; &#169; &copy; but a lone & too.",
        "A line ending in two backslashes \\\\",
        "No-break\u00a0space and thin\u2009space and   three spaces.",
        "![not an image](x.png)",
        "[label]: http://example.com/not-a-definition",
        "Trailing hashes ##",
    ],
)
def test_markdown_escape_keeps_every_character(text: str) -> None:
    assert _plain(markdown_escape(text)) == text
    assert _plain(render_body([_para("heading", text)])) == text


def _para(kind: str, text: str):
    from sitegen.ingest.extract import Paragraph

    return Paragraph(kind, text, 1)


_LINE_TEXT = (
    st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1)
    .map(str.strip)
    .filter(bool)
)


@given(
    st.lists(
        st.tuples(st.sampled_from(["paragraph", "heading", "item", "quote"]), _LINE_TEXT),
        min_size=1,
        max_size=5,
    )
)
def test_any_text_survives_markdown(blocks: list[tuple[str, str]]) -> None:
    paragraphs = [_para(kind, text) for kind, text in blocks]
    parsed = plain_text("a", render_body(paragraphs))
    assert [parsed.text[b.start : b.end] for b in parsed.blocks] == [t for _, t in blocks]


# --------------------------------------------------------------------------- rules


def _lines(*texts: str) -> list[Line]:
    return [Line(n, t) for n, t in enumerate(texts, 1)]


LEDE = (
    "The regional parliament voted on Tuesday to extend the state of emergency by three months, "
    "citing continued flooding in the north."
)
SECOND = "Officials said more than 2,000 people remained in temporary shelters."


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Site Logo", "placeholder"),
        ("Hero Thumbnail", "placeholder"),
        ("Google Play Badge", "placeholder"),
        ("Choose your language", "language-picker"),
        ("English | Français | Deutsch", "language-picker"),
        ("Read more: Flood defences to get extra funding", "read-also"),
        ("See also | Dam repairs start next week", "read-also"),
        ("Sign up for our morning newsletter", "newsletter"),
        ("Share on Facebook", "share-bar"),
        ("Facebook Twitter WhatsApp Email", "share-bar"),
        ("We use cookies to personalise content. Accept all", "cookie-notice"),
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("© 2025 Example Media Ltd", "copyright"),
        ("All rights reserved.", "copyright"),
        ("Published 3 March 2025, 14:02 GMT", "dateline"),
        ("https://example.com/news/floods", "url"),
        ("By Ana Silva, Reuters", "byline"),
        ("Reuters", "byline"),
        ("Download our app", "app-promotion"),
        ("Tags: floods, parliament, emergency", "tags"),
        ("Home › News › Europe", "breadcrumb"),
        ("News / World / Floods in the north", "breadcrumb"),
        ("5 min read", "page-control"),
        ("Listen to this article", "page-control"),
        ("12 comments", "page-control"),
        ("2 hours ago", "page-control"),
    ],
)
def test_furniture_rules(line: str, rule: str) -> None:
    stripped = strip_furniture(_lines(LEDE, line, SECOND), ["Reuters"], header=False)
    assert [(d.rule, d.line.text) for d in stripped.dropped][:1] == [(rule, line)]
    assert LEDE in [kept.text for kept in stripped.body]


@pytest.mark.parametrize(
    "line",
    [
        "Reuters under scrutiny",  # a subhead that starts with an outlet name
        "The agency said the figures came from Reuters.",
        "Share prices fell by a third on Tuesday, the exchange said in a statement.",
        "He said the app store rules were unfair to small developers and would be challenged.",
        "Read the full report, officials urged, before judging the plan.",
        "Floods in the north",
        "3 March 2025 was the wettest day on record, the weather service said.",
        "A tarnished image",
        "More on the economy",
        "Copyright law is changing",
        "Languages: English and French are both official there.",
        "More than 10,000 people subscribe to the council's newsletter.",
        "The bakery said it would accept cookie orders until Friday.",
        "Apple's App Store under fire",
        "Income rose 3 / 4 of the time",
        "Rain > snow",
    ],
)
def test_article_lines_are_not_furniture(line: str) -> None:
    stripped = strip_furniture(_lines(LEDE, line, SECOND), ["Reuters"], header=False)
    assert [kept.text for kept in stripped.body] == [LEDE, line, SECOND]


def test_the_header_gives_the_headline_and_drops_labels() -> None:
    stripped = strip_furniture(
        _lines("Europe", "Parliament extends flood emergency", "By Ana Silva", LEDE, SECOND),
        [],
    )
    assert stripped.headline is not None and stripped.headline.number == 2
    assert [(d.rule, d.line.number) for d in stripped.dropped] == [
        ("section-label", 1),
        ("author", 3),
    ]
    assert [k.text for k in stripped.body] == [LEDE, SECOND]


def test_a_short_closing_sentence_is_kept_but_tags_are_not() -> None:
    stripped = strip_furniture(
        _lines(
            "Flood emergency extended again", LEDE, "Talks resume on Monday.", "Floods", "Europe"
        ),
        [],
    )
    assert [k.text for k in stripped.body] == [LEDE, "Talks resume on Monday."]
    assert [d.rule for d in stripped.dropped] == ["trailing", "trailing"]


def test_a_promotion_box_in_mid_article_loses_only_its_marker() -> None:
    lines = _lines(SECOND, "Download our app", "Short slogan here.", LEDE)
    stripped = strip_furniture(lines, [], header=False)
    assert [k.text for k in stripped.body] == [SECOND, "Short slogan here.", LEDE]


@pytest.mark.parametrize(
    "lines",
    [
        ("Site Banner", LEDE, SECOND),  # "... Image/Banner" only outside the article
        (LEDE, SECOND, "Most read"),  # a list heading at the end of the page
        (LEDE, SECOND, "Get the app", "Breaking news first", "Apple App Store Badge"),
    ],
)
def test_furniture_at_the_edges_of_the_page(lines: tuple[str, ...]) -> None:
    stripped = strip_furniture(_lines(*lines), [], header=False)
    assert [k.text for k in stripped.body] == [LEDE, SECOND]


def test_a_related_list_ends_at_the_next_sentence() -> None:
    stripped = strip_furniture(
        _lines(LEDE, "Related coverage", "Dam repairs start", "Rain warning extended", SECOND),
        [],
        header=False,
    )
    assert [k.text for k in stripped.body] == [LEDE, SECOND]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        (
            "2025.12.14 21:53 GMT+8",
            datetime(2025, 12, 14, 21, 53, tzinfo=timezone(timedelta(hours=8))),
        ),
        ("2025-03-07T18:30:00Z", datetime(2025, 3, 7, 18, 30, tzinfo=timezone.utc)),
        ("Published 3 March 2025, 14:02 GMT", datetime(2025, 3, 3, 14, 2, tzinfo=timezone.utc)),
        ("March 3, 2025 at 2:02 p.m. ET", date(2025, 3, 3)),  # zone without a fixed offset
        ("Monday 3rd of March 2025", date(2025, 3, 3)),
        ("03.12.2025 09:15", date(2025, 12, 3)),  # no zone: the time is not a moment
        ("12/25/2025", date(2025, 12, 25)),
        ("25/12/2025", date(2025, 12, 25)),
        ("Sunday, December 14", None),
        ("03/04/2025", None),  # March 4 or 3 April: not guessed
    ],
)
def test_dates(text: str, value: date | None) -> None:
    found = find_date(text)
    assert found is not None and found.value == value
    assert is_dateline(text)


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Example News", "example news"),
        ("By Ana Silva | Example News", "example news"),
        ("Source: Example News", "example news"),
        ("(Example News)", "example news"),
        ("Example News staff", "example news"),
        ("Example News says floods will worsen", None),
        ("Example News reported the figures on Monday.", None),
    ],
)
def test_credit_lines(line: str, outlet: str | None) -> None:
    assert outlet_in_credit(line, ["Example News"]) == outlet


def test_pasted_text_reads_outlet_date_and_url() -> None:
    text = "\n".join(
        [
            "Politics",
            "Parliament extends flood emergency",
            "Example News",
            "Updated 4 March 2025 09:00 GMT",
            "Published 3 March 2025 14:02 GMT",
            "https://news.example.com/floods",
            LEDE,
            "Floods in the north",
            SECOND,
            "Tags",
        ]
    )
    from sitegen.model import Outlet

    extracted = from_text(text, [Outlet("example-news", "Example News")])
    assert extracted.title and extracted.title.value == "Parliament extends flood emergency"
    assert extracted.outlet and extracted.outlet.value == "Example News"
    assert extracted.outlet_slug == "example-news"
    assert extracted.published and extracted.published.value == "2025-03-03T14:02:00+00:00"
    assert extracted.url and extracted.url.value == "https://news.example.com/floods"
    assert [(p.kind, p.text) for p in extracted.paragraphs] == [
        ("paragraph", LEDE),
        ("heading", "Floods in the north"),
        ("paragraph", SECOND),
    ]


STANDFIRST = (
    "Lawmakers in the north vote to keep special powers for three more months as rivers stay high."
)


def test_a_byline_under_the_standfirst_is_dropped() -> None:
    text = "\n".join(
        [
            "Parliament extends flood emergency",
            STANDFIRST,
            "Ana Silva in Porto",
            "Tue 4 Mar 2025 09.12 GMT",
            LEDE,
            SECOND,
        ]
    )
    extracted = from_text(text)
    assert [p.text for p in extracted.paragraphs] == [STANDFIRST, LEDE, SECOND]
    assert extracted.published and extracted.published.value == "2025-03-04T09:12:00+00:00"


def test_a_wire_dateline_names_the_agency_and_stays_in_the_text() -> None:
    lede = f"PORTO, March 4 (Reuters) - {LEDE}"
    extracted = from_text(f"Flood emergency extended again\n\n{lede}\n\n{SECOND}\n", WELL_KNOWN)
    assert extracted.outlet == Found("Reuters", "wire dateline, line 3")
    assert extracted.paragraphs[0].text == lede


def test_a_picture_credit_does_not_name_the_outlet() -> None:
    text = f"Flood emergency extended again\n\n{LEDE}\n\nPhoto: Reuters\n\n{SECOND}\n"
    extracted = from_text(text, WELL_KNOWN)
    assert extracted.outlet is None
    assert [p.text for p in extracted.paragraphs] == [LEDE, SECOND]


def test_hard_wrapped_paragraphs_are_joined() -> None:
    wrapped = (
        "The regional parliament voted on Tuesday to extend the\n"
        "state of emergency by three months, citing continued\n"
        "flooding in the north.\n"
    )
    extracted = from_text(f"Flood emergency extended again\n\n{wrapped}\n{SECOND}\n")
    assert [p.text for p in extracted.paragraphs] == [LEDE, SECOND]


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Ogres Ziņas", "ogres-zinas"),
        ("  Hello, World!  ", "hello-world"),
        ("a" * 70, "a" * 60),
        (
            "one two three four five six seven eight nine ten eleven twelve",
            "one-two-three-four-five-six-seven-eight-nine-ten-eleven",
        ),
        ("日本語", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text, 60) == slug


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2024-03-07T18:30:00+0100", "2024-03-07T18:30:00+01:00"),
        ("2024-03-07T18:30:00.123Z", "2024-03-07T18:30:00+00:00"),
        ("2024-03-07T18:30", "2024-03-07"),  # no zone: the day only
        ("2024-03-07", "2024-03-07"),
        ("Thu, 07 Mar 2024 18:30:00 GMT", "2024-03-07T18:30:00+00:00"),
        ("March 7, 2024", "2024-03-07"),
        ("soon", None),
    ],
)
def test_metadata_dates(value: str, iso: str | None) -> None:
    assert iso_date(value) == iso


@pytest.mark.parametrize(
    ("value", "code"),
    [("en", "en"), ("en-GB", "en"), ("pt_BR", "pt"), (" DE ", "de"), ("english", None)],
)
def test_language_codes(value: str, code: str | None) -> None:
    assert language_code(value) == code


# --------------------------------------------------------------------------- installation


def test_import_needs_no_extra_after_the_quick_start_install() -> None:
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    defaults = re.search(r"^dependencies = \[$(.*?)^\]$", project, re.M | re.S).group(1)
    assert '"trafilatura' in defaults and '"lxml_html_clean' in defaults
