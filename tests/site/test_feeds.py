"""Feed, sitemap, robots.txt, 404 page and fingerprinted assets, on small inline sites."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sitegen.model import Article, Site, SiteConfig, Story
from sitegen.site.assets import UnknownAsset, asset_files, asset_url, fingerprinted_name
from sitegen.site.feeds import (
    EPOCH,
    atom_feed,
    base_path,
    feed_files,
    not_found_page,
    robots_txt,
    sitemap,
    source_date,
    story_updated,
)
from sitegen.site.render import load_theme

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def article(
    id: str, story: str, published: date | datetime | None, outlet: str = "Outlet"
) -> Article:
    return Article(
        id=id,
        story=story,
        path=Path(f"{story}/{id}.md"),
        outlet=outlet,
        title=f"Title of {id}",
        body="Body.",
        body_line=5,
        published=published,
    )


def story(id: str, day: date | None, *published: date | datetime | None) -> Story:
    arts = tuple(article(f"a{i}", id, p, f"Outlet {i}") for i, p in enumerate(published))
    return Story(id, Path(id), f"Story {id}", day, None, arts)


def site(*stories: Story, base_url: str = "") -> Site:
    return Site(Path("content"), SiteConfig(title="Test site", base_url=base_url), (), stories)


# --------------------------------------------------------------------------- assets


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        ("site.css", r"site\.[0-9a-f]{8}\.css"),
        ("search.js", r"search\.[0-9a-f]{8}\.js"),
        ("fonts/body.woff2", r"fonts/body\.[0-9a-f]{8}\.woff2"),
        ("bundle.min.js", r"bundle\.[0-9a-f]{8}\.min\.js"),
        ("LICENSE", r"LICENSE\.[0-9a-f]{8}"),
    ],
)
def test_fingerprinted_name_keeps_folder_and_extension(name: str, pattern: str) -> None:
    assert re.fullmatch(pattern, fingerprinted_name(name, b"body { }"))


def test_fingerprint_changes_with_content_only() -> None:
    assert fingerprinted_name("a.css", b"x") == fingerprinted_name("a.css", b"x")
    assert fingerprinted_name("a.css", b"x") != fingerprinted_name("a.css", b"y")


def test_asset_files_manifest_maps_logical_names_to_hashed_paths(tmp_path: Path) -> None:
    (tmp_path / "site.css").write_text("a { color: red }")
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "app.js").write_text("void 0;")
    (tmp_path / ".site.css.swp").write_text("editor junk")
    files, manifest = asset_files(tmp_path)
    assert sorted(manifest) == ["js/app.js", "site.css"]
    assert {f.path for f in files} == set(manifest.values())
    for path in manifest.values():
        assert path.startswith("assets/")
    css = next(f for f in files if f.path == manifest["site.css"])
    assert css.data == b"a { color: red }"


class _Page:
    def __init__(self, path: str) -> None:
        self.path = path


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("", "assets/site.1.css"),
        ("stories/x/", "../../assets/site.1.css"),
        ("stories/x/articles/y/", "../../../../assets/site.1.css"),
    ],
)
def test_asset_url_is_relative_to_the_page(page: str, expected: str) -> None:
    url = asset_url({"site.css": "assets/site.1.css"})
    assert url({"page": _Page(page)}, "site.css") == expected


def test_asset_url_refuses_unknown_names() -> None:
    url = asset_url({"site.css": "assets/site.1.css"})
    with pytest.raises(UnknownAsset, match=r"sitee\.css"):
        url({"page": _Page("")}, "sitee.css")


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, EPOCH),
        ({"SOURCE_DATE_EPOCH": ""}, EPOCH),
        ({"SOURCE_DATE_EPOCH": "0"}, EPOCH),
        ({"SOURCE_DATE_EPOCH": "86400"}, EPOCH + timedelta(days=1)),
    ],
)
def test_source_date(environ: dict[str, str], expected: datetime) -> None:
    assert source_date(environ) == expected


def test_source_date_rejects_garbage() -> None:
    with pytest.raises(ValueError, match="SOURCE_DATE_EPOCH"):
        source_date({"SOURCE_DATE_EPOCH": "yesterday"})


UTC = timezone.utc


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        (story("s", date(2025, 1, 2)), datetime(2025, 1, 2, tzinfo=UTC)),
        (
            story("s", date(2025, 1, 2), date(2025, 1, 3), None),
            datetime(2025, 1, 3, tzinfo=UTC),
        ),
        (
            story("s", None, datetime(2025, 1, 3, 8, 0, tzinfo=timezone(timedelta(hours=8)))),
            datetime(2025, 1, 3, 0, 0, tzinfo=UTC),
        ),
        (story("s", None, datetime(2025, 1, 3, 8, 0)), datetime(2025, 1, 3, 8, 0, tzinfo=UTC)),
        (story("s", None, None), EPOCH),
    ],
)
def test_story_updated_is_the_latest_content_date(given: Story, expected: datetime) -> None:
    assert story_updated(given, EPOCH) == expected


# --------------------------------------------------------------------------- URLs


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("", "/"),
        ("https://example.org", "/"),
        ("https://example.org/", "/"),
        ("https://example.org/coverage", "/coverage/"),
        ("https://example.org/a/b/", "/a/b/"),
    ],
)
def test_base_path(base_url: str, expected: str) -> None:
    assert base_path(base_url) == expected


# --------------------------------------------------------------------------- feed


def _entries(xml: bytes) -> list[ET.Element]:
    return ET.fromstring(xml).findall(f"{ATOM}entry")


def test_feed_lists_stories_newest_first_with_content_dates() -> None:
    old = story("old", date(2024, 5, 1))
    new = story("new", None, date(2025, 3, 1), date(2025, 3, 4))
    root = ET.fromstring(atom_feed(site(old, new), EPOCH))
    assert root.findtext(f"{ATOM}updated") == "2025-03-04T00:00:00Z"
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Story new", "Story old"]
    assert entries[0].findtext(f"{ATOM}published") == "2025-03-01T00:00:00Z"
    assert entries[0].findtext(f"{ATOM}updated") == "2025-03-04T00:00:00Z"
    assert [c.get("term") for c in entries[0].findall(f"{ATOM}category")] == [
        "Outlet 0",
        "Outlet 1",
    ]


def test_feed_without_base_url_links_relative_to_the_feed() -> None:
    entry = _entries(atom_feed(site(story("s", date(2025, 1, 1))), EPOCH))[0]
    assert entry.find(f"{ATOM}link").get("href") == "stories/s/"  # type: ignore[union-attr]
    assert entry.findtext(f"{ATOM}id", "").startswith("urn:")


def test_feed_with_base_url_is_absolute() -> None:
    built = site(story("s", date(2025, 1, 1)), base_url="https://example.org/coverage/")
    root = ET.fromstring(atom_feed(built, EPOCH))
    links = [link.get("href") for link in root.iter(f"{ATOM}link")]
    assert links == [
        "https://example.org/coverage/feed.xml",
        "https://example.org/coverage/",
        "https://example.org/coverage/stories/s/",
    ]
    assert root.find(f"{ATOM}entry").findtext(f"{ATOM}id") == (  # type: ignore[union-attr]
        "https://example.org/coverage/stories/s/"
    )


def test_undated_story_takes_source_date_epoch_never_the_clock() -> None:
    when = datetime(2020, 6, 1, tzinfo=UTC)
    entry = _entries(atom_feed(site(story("s", None, None)), when))[0]
    assert entry.findtext(f"{ATOM}updated") == "2020-06-01T00:00:00Z"


def test_feed_escapes_text() -> None:
    odd = Story("s", Path("s"), 'A <b> & "c"', date(2025, 1, 1), "x < y", ())
    entry = _entries(atom_feed(site(odd), EPOCH))[0]
    assert entry.findtext(f"{ATOM}title") == 'A <b> & "c"'
    assert entry.findtext(f"{ATOM}summary") == "x < y"


# --------------------------------------------------------------------------- sitemap, robots


def test_sitemap_lists_built_pages_except_404_and_search() -> None:
    built = site(story("s", date(2025, 1, 1)), base_url="https://example.org/")
    files = [
        p
        for p in [
            "index.html",
            "stories/s/index.html",
            "stories/s/claims/c.html",
            "search/index.html",
            "404.html",
            "assets/site.css",
        ]
    ]
    root = ET.fromstring(sitemap(built, files, EPOCH))
    locs = [u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")]
    assert locs == [
        "https://example.org/",
        "https://example.org/stories/s/",
        "https://example.org/stories/s/claims/c.html",
    ]
    assert {u.findtext(f"{SITEMAP}lastmod") for u in root} == {"2025-01-01"}


def test_sitemap_without_pages_lists_what_the_content_implies() -> None:
    root = ET.fromstring(sitemap(site(story("s", None, None)), [], EPOCH))
    locs = [u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")]
    assert locs == ["/", "/stories/s/", "/stories/s/articles/a0/"]


@pytest.mark.parametrize(
    ("base_url", "sitemap_line"),
    [
        ("", None),
        ("https://example.org/coverage/", "Sitemap: https://example.org/coverage/sitemap.xml"),
    ],
)
def test_robots_points_at_the_sitemap_only_with_a_base_url(
    base_url: str, sitemap_line: str | None
) -> None:
    lines = robots_txt(site(base_url=base_url)).decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Allow: /"]
    assert [line for line in lines if line.startswith("Sitemap:")] == (
        [sitemap_line] if sitemap_line else []
    )


# --------------------------------------------------------------------------- 404


def _hrefs(html: str) -> list[str]:
    return re.findall(r'(?:href|src)="([^"]*)"', html)


@pytest.mark.parametrize(
    ("base_url", "prefix"),
    [("", "/"), ("https://example.org/coverage", "/coverage/")],
)
def test_404_links_work_from_any_depth(base_url: str, prefix: str) -> None:
    built = site(story("s", date(2025, 1, 1)), base_url=base_url)
    theme = load_theme(None)
    html = not_found_page(theme, built)
    hrefs = [h for h in _hrefs(html.decode()) if not h.startswith(("#", "http"))]
    assert hrefs, "the 404 page links nowhere"
    for href in hrefs:
        assert href.startswith(prefix), href
    assert f"{prefix}stories/s/" in hrefs
    assert f"{prefix}{theme.manifest['site.css']}" in hrefs


# --------------------------------------------------------------------------- all together


def test_feed_files_are_deterministic_and_complete() -> None:
    built = site(story("s", date(2025, 1, 1), date(2025, 1, 1)))
    first = feed_files(load_theme(None), built, environ={})
    second = feed_files(load_theme(None), built, environ={})
    assert [f.path for f in first] == [
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "404.html",
        "search/index.html",
        "favicon.svg",
    ]
    assert first == second
    assert [f.data for f in first] == [f.data for f in second]


def test_search_page_links_relative_to_itself_and_loads_no_inline_script() -> None:
    files = {
        f.path: f.data.decode()
        for f in feed_files(load_theme(None), site(story("s", date(2025, 1, 1))))
    }
    html = files["search/index.html"]
    assert 'src="../pagefind/pagefind-ui.js"' in html
    assert re.search(r'src="\.\./assets/search\.[0-9a-f]{8}\.js"', html)
    assert 'data-bundle="../pagefind/"' in html and 'data-root="../"' in html
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert " src=" in tag or 'type="application/ld+json"' in tag, tag
