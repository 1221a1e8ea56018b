"""Hostile text in content: bidi controls, control characters, odd YAML types, language
tags, URLs and outlet names that read like another's (issue 14: D3, D4, D12, D13, D14,
D17, D19). Each case runs the real command line in tmp_path with HOME set there."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from sitegen.model import Article, Site, SiteConfig, Story
from sitegen.site.feeds import atom_feed
from sitegen.untrusted import isolate_bidi
from tests.system.hostile_text_support import (
    SENTENCE,
    article,
    assert_content_errors,
    plain,
    run,
)

RLO, PDF, FSI, PDI = "\u202e", "\u202c", "\u2068", "\u2069"


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """HOME in the test's temp folder, for whatever the code under test may write."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))


def _two_articles(content: Path) -> Path:
    story = content / "s"
    plain(story, "alpha", "Alpha News", "Bridge reopens")
    plain(story, "beta", "Beta Post", "Harbour bridge to reopen")
    return story


def _open_at(text: str, needle: str) -> list[int]:
    """How many explicit bidi embeddings and isolates are open where each ``needle`` starts
    in ``text`` (tags removed, block ends not counted: an upper bound)."""
    depth, found, i = 0, [], 0
    plain_text = "".join(part.split(">", 1)[-1] for part in text.split("<"))
    while i < len(plain_text):
        if plain_text.startswith(needle, i):
            found.append(depth)
        char = plain_text[i]
        if char in "\u202a\u202b\u202d\u202e\u2066\u2067\u2068":
            depth += 1
        elif char in (PDF, PDI) and depth:
            depth -= 1
        i += 1
    return found


# --------------------------------------------------------------------------- D3 bidi


def test_d3_override_in_a_title_does_not_reverse_the_date_beside_it(tmp_path: Path) -> None:
    story = _two_articles(tmp_path / "content")
    article(
        story,
        "gamma",
        f'outlet: Gamma News\ntitle: "Title {RLO}right-to-left"\npublished: 2025-12-13',
    )
    result = run(tmp_path, "build", "--content", "content", "--output", "output")
    assert result.returncode == 0, result.stderr
    for page in ("stories/s/index.html", "stories/s/articles/gamma/index.html", "index.html"):
        html = (tmp_path / "output" / page).read_text(encoding="utf-8")
        if RLO in html:
            # the override is closed and isolated before anything sitegen writes after it
            assert FSI + "Title " + RLO + "right-to-left" + PDF + PDI in html, page
        for depth in _open_at(html, "2025-12-13"):
            assert depth == 0, page


def test_d3_bidi_control_in_an_outlet_name_is_a_content_error(tmp_path: Path) -> None:
    story = _two_articles(tmp_path / "content")
    article(story, "gamma", f'outlet: "Gamma {RLO}News"\ntitle: T')
    result = run(tmp_path, "check", "--content", "content")
    lines = assert_content_errors(result, "content/s/gamma.md:2")
    assert "U+202E" in lines[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        (f"a{RLO}b", f"{FSI}a{RLO}b{PDF}{PDI}"),
        (f"a{PDF}b{PDI}c", f"{FSI}abc{PDI}"),  # closers of nothing would close the page's
        (f"x\u2067y{RLO}z{PDI}w", f"{FSI}x\u2067y{RLO}z{PDI}w{PDI}"),
    ],
)
def test_d3_isolate_bidi_balances_and_wraps(text: str, expected: str) -> None:
    assert isolate_bidi(text) == expected


# --------------------------------------------------------------------------- D4 controls


@pytest.mark.parametrize(
    ("front", "line", "code"),
    [
        ('outlet: Alpha News\ntitle: "Bridge\\x01 reopens"', 3, "U+0001"),
        ('outlet: "Alpha\\x0bNews"\ntitle: Bridge', 2, "U+000B"),
        ('outlet: Alpha\ntitle: T\ntags: ["a", "b\\e[2J"]', 4, "U+001B"),
        ('outlet: Alpha\ntitle: "T\\x85"', 3, "U+0085"),
    ],
)
def test_d4_control_character_in_front_matter_is_a_content_error(
    tmp_path: Path, front: str, line: int, code: str
) -> None:
    story = _two_articles(tmp_path / "content")
    article(story, "alpha", front)
    result = run(tmp_path, "build", "--content", "content", "--output", "output")
    lines = assert_content_errors(result, f"content/s/alpha.md:{line}")
    assert any(code in x for x in lines)
    assert not (tmp_path / "output").exists()


def test_d4_feed_is_well_formed_whatever_the_text_holds(tmp_path: Path) -> None:
    # Loading refuses these; the feed must still never be ill-formed if one gets through.
    nasty = "Bridge\x01\x0b\x1b[2J\x85\ufffe\ud800 reopens"
    art = Article("a", "s", tmp_path / "a.md", nasty, nasty, SENTENCE, 5)
    story = Story("s", tmp_path, nasty, date(2025, 12, 14), nasty, (art,))
    site = Site(tmp_path, SiteConfig(title=nasty, description=nasty), (), (story,))
    feed = atom_feed(site, datetime(2025, 1, 1, tzinfo=timezone.utc))
    root = ET.fromstring(feed)
    titles = [e.text for e in root.iter("{http://www.w3.org/2005/Atom}title")]
    assert titles[0] == "Bridge\ufffd\ufffd\ufffd[2J\ufffd\ufffd\ufffd reopens"


# --------------------------------------------------------------------------- D12 language


@pytest.mark.parametrize(
    "tag", ["x-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 'en"><b>', "en gb", "e", "en_US", "12"]
)
def test_d12_site_language_must_be_a_bcp47_tag(tmp_path: Path, tag: str) -> None:
    content = tmp_path / "content"
    _two_articles(content)
    (content / "site.yaml").write_text(f"title: T\nlanguage: '{tag}'\n", encoding="utf-8")
    result = run(tmp_path, "build", "--content", "content", "--output", "output")
    lines = assert_content_errors(result, "content/site.yaml:2")
    assert "BCP 47" in lines[0] or "longer than" in lines[0]
    assert not (tmp_path / "output").exists()


def test_d12_article_language_fields_are_checked_too(tmp_path: Path) -> None:
    story = _two_articles(tmp_path / "content")
    article(story, "gamma", "outlet: Gamma\ntitle: T\nlanguage: en gb\ntranslated_from: '<uk>'")
    result = run(tmp_path, "check", "--content", "content")
    assert_content_errors(result, "content/s/gamma.md:4", "content/s/gamma.md:5")


@pytest.mark.parametrize("tag", ["en", "pt-BR", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1996"])
def test_d12_ordinary_language_tags_pass(tmp_path: Path, tag: str) -> None:
    content = tmp_path / "content"
    story = _two_articles(content)
    (content / "site.yaml").write_text(f"language: {tag}\n", encoding="utf-8")
    article(story, "gamma", f"outlet: Gamma\ntitle: T\nlanguage: {tag}")
    assert run(tmp_path, "check", "--content", "content").returncode == 0


# --------------------------------------------------------------------------- D13 base URL


@pytest.mark.parametrize(
    "value",
    [
        "https://example.org/\\nDisallow: /\\nSitemap: https://evil.example/s.xml",
        "https://user:pass@example.org/",
        "https://",
        "javascript:alert(1)//",
        "https://example.org/\\u202e/",
        "https://example.org/?q=1",
    ],
)
def test_d13_base_url_in_site_yaml_is_validated(tmp_path: Path, value: str) -> None:
    content = tmp_path / "content"
    _two_articles(content)
    (content / "site.yaml").write_text(f'title: T\nbase_url: "{value}"\n', encoding="utf-8")
    result = run(tmp_path, "build", "--content", "content", "--output", "output")
    assert_content_errors(result, "content/site.yaml:2")
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)//",
        "https://example.org/\nDisallow: /",
        "https://a@example.org/",
        "https:///x",
        "ftp://example.org/",
        " https://example.org/",
    ],
)
def test_d13_base_url_option_is_validated(tmp_path: Path, value: str) -> None:
    _two_articles(tmp_path / "content")
    result = run(tmp_path, "build", "--content", "content", "--output", "out", "--base-url", value)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "--base-url" in result.stderr.strip().splitlines()[-1]
    assert not (tmp_path / "out").exists()


def test_d13_a_good_base_url_writes_robots_txt_lines_as_expected(tmp_path: Path) -> None:
    _two_articles(tmp_path / "content")
    base = "https://example.org/news/"
    result = run(tmp_path, "build", "--content", "content", "--output", "out", "--base-url", base)
    assert result.returncode == 0, result.stderr
    robots = (tmp_path / "out" / "robots.txt").read_text().splitlines()
    assert robots == ["User-agent: *", "Allow: /", "", f"Sitemap: {base}sitemap.xml"]


# --------------------------------------------------------------------------- D14 URLs


def test_d14_article_and_outlet_urls_are_checked_beyond_their_prefix(tmp_path: Path) -> None:
    content = tmp_path / "content"
    story = _two_articles(content)
    bad = [
        "https://",
        "https://exa mple.org/ a b",
        "https://example.org/\\nline2",
        "https://user:pass@evil.example/",
        "https://evil.example/\\u202etxt.exe",
        "https://example.org:99999/",
        "https:\\\\\\\\evil.example/",
    ]
    for i, url in enumerate(bad):
        article(story, f"u{i}", f'outlet: O{i}\ntitle: T{i}\nurl: "{url}"')
    (content / "outlets.yaml").write_text(
        'o-one:\n  name: O one\n  url: "https://a b/"\n', encoding="utf-8"
    )
    result = run(tmp_path, "check", "--content", "content")
    where = [f"content/s/u{i}.md:4" for i in range(len(bad))]
    lines = assert_content_errors(result, *where, "content/outlets.yaml:3")
    assert all("http(s) URL" in line for line in lines[:-1])


def test_d14_markdown_links_with_userinfo_or_no_host_are_not_links(tmp_path: Path) -> None:
    story = _two_articles(tmp_path / "content")
    body = (
        "See [the report](https://user:pw@evil.example/x) and [this](https:///x) and "
        "[that](https://example.org/ok). " + SENTENCE
    )
    plain(story, "alpha", "Alpha News", "Bridge reopens", body)
    result = run(tmp_path, "build", "--content", "content", "--output", "output")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "output/stories/s/articles/alpha/index.html").read_text()
    assert 'href="https://example.org/ok"' in html
    assert "evil.example" not in html.split("the report")[0][-200:]
    assert 'href="https://user' not in html and 'href="https:///x"' not in html


# --------------------------------------------------------------------------- D17 YAML types


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!set {alpha, beta, gamma, delta}", "!!set"),
        ("!!omap [{a: 1}, {b: 2}]", "!!omap"),
        ("!!binary aGVsbG8=", "!!binary"),
        ('!!python/object/apply:os.system ["touch PWNED"]', "!!python/object/apply:os.system"),
        ("!custom thing", "!custom"),
    ],
)
def test_d17_non_plain_yaml_types_are_content_errors(tmp_path: Path, value: str, tag: str) -> None:
    story = _two_articles(tmp_path / "content")
    article(story, "alpha", f"outlet: Alpha News\ntitle: Bridge\ntags: {value}")
    result = run(tmp_path, "build", "--content", "content", "--output", "output")
    lines = assert_content_errors(result, "content/s/alpha.md:4")
    assert tag in lines[0]
    assert not (tmp_path / "PWNED").exists()


def test_d17_plain_lists_and_mappings_build_the_same_twice(tmp_path: Path) -> None:
    story = _two_articles(tmp_path / "content")
    article(story, "alpha", "outlet: Alpha News\ntitle: Bridge\ntags: [b, a]\nmore: {y: 1, x: 2}")
    pages = []
    for out in ("o1", "o2"):
        assert run(tmp_path, "build", "--content", "content", "--output", out).returncode == 0
        pages.append((tmp_path / out / "stories/s/articles/alpha/index.html").read_bytes())
    assert pages[0] == pages[1]


# --------------------------------------------------------------------------- D19 outlet names


def test_d19_outlet_names_that_read_like_another_are_content_errors(tmp_path: Path) -> None:
    story = tmp_path / "content" / "s"
    for slug, name in (
        ("a", "Reuters"),
        ("b", "R\u0435uters"),  # Cyrillic е
        ("c", "Reu\u200bters"),  # zero-width space
        ("e", "\uff32euters"),  # fullwidth R
    ):
        article(story, slug, f'outlet: "{name}"\ntitle: T {slug}')
    result = run(tmp_path, "build", "--content", "content", "--output", "output")
    lines = assert_content_errors(result, *(f"content/s/{x}.md:2" for x in "bce"))
    assert lines[-1] == "3 content errors; nothing was written"
    assert "Cyrillic and Latin" in lines[0]
    assert "U+200B" in lines[1]
    assert not (tmp_path / "output").exists()


def test_d19_plain_spellings_of_one_outlet_share_its_page_and_say_so(tmp_path: Path) -> None:
    """Case or punctuation alone ("REUTERS!") cannot pass for another outlet: one page, as
    before, with a warning naming the other spelling; --strict fails on it."""
    story = tmp_path / "content" / "s"
    for slug, name in (("a", "Reuters"), ("d", "REUTERS!")):
        article(story, slug, f'outlet: "{name}"\ntitle: T {slug}')
    result = run(tmp_path, "build", "--content", "content", "--output", "output")
    assert result.returncode == 0, result.stderr
    assert "content/s/d.md:2: warning: outlet 'REUTERS!' reads like 'Reuters'" in result.stderr
    pages = [p.name for p in (tmp_path / "output/outlets").iterdir() if p.is_dir()]
    assert pages == ["reuters"]
    strict = run(tmp_path, "build", "--strict", "--content", "content", "--output", "o2")
    assert strict.returncode == 1


def test_d19_ordinary_names_in_any_script_and_registry_ids_build(tmp_path: Path) -> None:
    content = tmp_path / "content"
    story = content / "s"
    story.mkdir(parents=True)
    (content / "outlets.yaml").write_text("reuters:\n  name: Reuters\n", encoding="utf-8")
    for slug, name in (
        ("a", "Reuters"),
        ("b", "reuters"),  # the registry id: the registry's outlet, not a second spelling
        ("c", "Новая газета"),
        ("d", "TBSテレビ"),
        ("e", "Καθημερινή"),
        ("f", "الجزيرة"),
    ):
        article(story, slug, f'outlet: "{name}"\ntitle: T {slug}')
    result = run(tmp_path, "build", "--content", "content", "--output", "output")
    assert result.returncode == 0, result.stderr
    pages = sorted(p.name for p in (tmp_path / "output/outlets").iterdir() if p.is_dir())
    assert len(pages) == 5 and "reuters" in pages
