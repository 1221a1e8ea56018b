"""Publishing: netlify.toml is valid and safe, builds are reproducible, and the site works
from any host and any sub-path."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
import tomllib
import yaml

from sitegen.build.pipeline import build
from sitegen.build.search import SearchIndexError, index_site
from sitegen.site.urls import SEARCH_BUNDLE
from tests.conftest import build_command
from tests.e2e.harness import (
    CONTENT,
    NETLIFY_TOML,
    ROOT,
    build_site,
    html_paths,
    node_tool,
    path_matches,
    serve,
)

# --------------------------------------------------------------------------- netlify.toml


def netlify() -> dict:
    return tomllib.loads(NETLIFY_TOML.read_text(encoding="utf-8"))


def test_netlify_config_passes_netlifys_own_parser() -> None:
    tool = node_tool(".bin", "netlify-config")
    result = subprocess.run(
        [str(tool), "--offline", "--stable", "--cwd", ".", "--repositoryRoot", "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # A header without `for` or a redirect without `from` is only a warning, and dropped.
    assert "Warning:" not in result.stderr, result.stderr
    assert '"publish"' in result.stdout


def test_netlify_builds_with_sitegen_into_output() -> None:
    build = netlify()["build"]
    # The search extra brings Pagefind, without which a build cannot index the site.
    assert build["command"] == "pip install -e . && sitegen build"
    assert build["publish"] == "output"
    assert re.fullmatch(r"3\.\d+", build["environment"]["PYTHON_VERSION"])


def test_github_pages_workflow_builds_and_deploys_output() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text())
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    script = "\n".join(step.get("run", "") for step in build["steps"])
    assert "pip install -e ." in script
    assert "sitegen build --base-url" in script
    uploads = [s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    assert [s["with"]["path"] for s in uploads] == ["output"]
    assert deploy["needs"] == "build"
    assert any("deploy-pages" in s.get("uses", "") for s in deploy["steps"])
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}


def test_missing_pages_get_the_404_page() -> None:
    assert {"from": "/*", "to": "/404.html", "status": 404} in netlify()["redirects"]


def _headers_for(path: str) -> list[dict[str, str]]:
    return [r["values"] for r in netlify()["headers"] if path_matches(r["for"], path)]


def _policy() -> dict[str, list[str]]:
    values = [
        v["Content-Security-Policy"] for v in _headers_for("/") if "Content-Security-Policy" in v
    ]
    assert len(values) == 1
    directives = {}
    for part in values[0].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.mark.parametrize(
    ("directive", "sources"),
    [
        ("default-src", ["'none'"]),
        ("script-src", ["'self'", "'wasm-unsafe-eval'"]),
        ("style-src", ["'self'"]),
        ("img-src", ["'self'", "data:"]),
        ("connect-src", ["'self'"]),
        ("frame-ancestors", ["'none'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'none'"]),
    ],
)
def test_content_security_policy_allows_only_the_sites_own_resources(
    directive: str, sources: list[str]
) -> None:
    assert _policy()[directive] == sources


def test_no_policy_source_is_a_wildcard_or_inline() -> None:
    for directive, sources in _policy().items():
        for source in sources:
            assert source not in ("*", "'unsafe-inline'", "'unsafe-eval'", "http:", "https:"), (
                directive
            )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ],
)
def test_security_headers_on_every_path(name: str, value: str) -> None:
    paths = ["/", "/stories/x/", "/assets/site.1.css", "/pagefind/pagefind.js", "/nope"]
    for path in [*paths, "/embed/x/claims/y.html"]:
        assert [h[name] for h in _headers_for(path) if name in h] == [value]


def test_no_page_but_the_embed_cards_may_be_framed() -> None:
    """A missing address is answered with /404.html (the redirect above), so it refuses
    framing as that page does; only /embed/ lets other sites frame it."""
    for path in ["/", "/stories/x/", "/assets/site.1.css", "/pagefind/pagefind.js", "/404.html"]:
        assert [h["X-Frame-Options"] for h in _headers_for(path) if "X-Frame-Options" in h] == [
            "DENY"
        ], path
        (policy,) = [
            h["Content-Security-Policy"]
            for h in _headers_for(path)
            if "Content-Security-Policy" in h
        ]
        assert "frame-ancestors 'none'" in policy, path
    embed = _headers_for("/embed/x/quotes/y.html")
    assert not [h for h in embed if "X-Frame-Options" in h]
    (policy,) = [h["Content-Security-Policy"] for h in embed if "Content-Security-Policy" in h]
    assert "frame-ancestors *" in policy
    assert "script-src" not in policy  # default-src 'none': a card runs no script


def test_permissions_policy_turns_off_device_features() -> None:
    (policy,) = [h["Permissions-Policy"] for h in _headers_for("/") if "Permissions-Policy" in h]
    for feature in ("camera", "microphone", "geolocation"):
        assert f"{feature}=()" in policy


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("demo") / "output")


def test_every_built_file_gets_exactly_one_cache_rule(demo_site: Path) -> None:
    """Hosts may join two Cache-Control values into one header, so rules must not overlap;
    fingerprinted assets are immutable, everything else short-lived. The same for the
    framing headers, which differ between the embed cards and every other page."""
    for file in sorted(p for p in demo_site.rglob("*") if p.is_file()):
        rel = file.relative_to(demo_site).as_posix()
        path = "/" + rel.removesuffix("index.html")
        for name in ("Content-Security-Policy", "X-Frame-Options"):
            wanted = 0 if name == "X-Frame-Options" and rel.startswith("embed/") else 1
            assert len([h for h in _headers_for(path) if name in h]) == wanted, (path, name)
        rules = [h["Cache-Control"] for h in _headers_for(path) if "Cache-Control" in h]
        assert len(rules) == 1, f"{path}: {rules}"
        age = int(re.search(r"max-age=(\d+)", rules[0]).group(1))  # type: ignore[union-attr]
        if rel.startswith("assets/"):
            assert "immutable" in rules[0] and age >= 31536000, path
        else:
            assert age <= 86400 and "immutable" not in rules[0], path
            if rel.endswith(".html"):
                assert age <= 600, path


def test_assets_are_fingerprinted(demo_site: Path) -> None:
    names = [p.name for p in (demo_site / "assets").rglob("*") if p.is_file()]
    assert any(n.endswith(".css") for n in names)
    for name in names:
        assert re.search(r"\.[0-9a-f]{8}\.", name), name
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="assets/site\.[0-9a-f]{8}\.css"', home)


# --------------------------------------------------------------------------- search index

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>
<body><nav>Menu</nav><main data-pagefind-body><h1>{title}</h1><p>{body}</p></main></body></html>
"""


def test_index_site_writes_a_pagefind_bundle_into_the_site(tmp_path: Path) -> None:
    (tmp_path / "stories" / "a").mkdir(parents=True)
    (tmp_path / "index.html").write_text(PAGE.format(title="Home", body="Stories."))
    (tmp_path / "stories" / "a" / "index.html").write_text(
        PAGE.format(title="Harbour", body="A fire.")
    )
    index_site(tmp_path)
    bundle = tmp_path / SEARCH_BUNDLE.rstrip("/")
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json"):
        assert (bundle / name).is_file(), name
    shard = bundle / "shards" / "0"
    # a shard holds only its index: the UI and WebAssembly are the primary bundle's
    assert sorted(p.name for p in shard.iterdir() if not p.name.endswith(".pf_meta")) == [
        "fragment",
        "index",
        "pagefind-entry.json",
    ]
    for folder in (bundle, shard):
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert sum(lang["page_count"] for lang in entry["languages"].values()) == 1


def test_the_index_holds_every_page_marked_searchable_and_no_other(
    demo_content: Path, tmp_path: Path
) -> None:
    # The globs of sitegen.build.search (which files each bundle reads) and base.html (which
    # pages say they are searchable) must agree, or a page silently drops out of search.
    output = tmp_path / "site"
    build(demo_content, output)
    pages = sorted(output.rglob("*.html"))
    marked = [p for p in pages if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    kinds = {p.relative_to(output).parts[2] for p in marked if len(p.parts) > len(output.parts) + 3}
    assert kinds == {"articles", "quotes", "speakers"}
    assert not any("/claims/" in p.as_posix() for p in marked)
    assert any("/claims/" in p.as_posix() for p in pages)
    indexed = 0
    for entry_file in (output / SEARCH_BUNDLE.rstrip("/")).rglob("pagefind-entry.json"):
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        indexed += sum(lang["page_count"] for lang in entry["languages"].values())
    assert indexed == len(marked)


def test_index_site_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="not a folder"):
        index_site(tmp_path / "nope")


def test_index_site_says_how_to_install_pagefind_when_it_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pagefind" else real(name, *a)
    )
    with pytest.raises(SearchIndexError, match=r"pip install 'pagefind\[extended\]'"):
        index_site(tmp_path)


def test_index_site_says_when_the_pagefind_package_has_no_binary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the package's own lookup honours this variable; a wrong one must not pass silently
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-binary"))
    with pytest.raises(SearchIndexError, match="has no Pagefind binary"):
        index_site(tmp_path)


# --------------------------------------------------------------------------- reproducible


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _build_in_process_of_its_own(content: Path, output: Path, hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    env.pop("SOURCE_DATE_EPOCH", None)
    result = subprocess.run(
        build_command(content, output),
        cwd=output.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    """Two builds of two copies of the content, in different folders, at different times,
    in two processes with different string hashing (so any output that follows the order
    of a set or dict of strings would differ), each analysing afresh (each copy has its
    own analysis cache)."""
    one, two = tmp_path / "one" / "content", tmp_path / "elsewhere" / "deeper" / "news"
    shutil.copytree(CONTENT, one, ignore=shutil.ignore_patterns(".*"))
    shutil.copytree(CONTENT, two, ignore=shutil.ignore_patterns(".*"))
    _build_in_process_of_its_own(one, tmp_path / "one" / "output", "1")
    time.sleep(1.1)  # a build that wrote the clock would now differ in its seconds
    _build_in_process_of_its_own(two, tmp_path / "elsewhere" / "site", "2")
    first = _tree(tmp_path / "one" / "output")
    second = _tree(tmp_path / "elsewhere" / "site")
    assert sorted(first) == sorted(second)
    for path in first:
        assert first[path] == second[path], path


UNDATED = """---
outlet: Example Wire
title: Bridge reopens
---
The bridge reopened on a weekday after repairs, the council said.
"""


def test_undated_content_takes_its_dates_from_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = tmp_path / "content"
    (content / "bridge").mkdir(parents=True)
    (content / "bridge" / "wire.md").write_text(UNDATED, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1600000000")  # 2020-09-13T12:26:40Z
    out = build_site(tmp_path / "output", content)
    feed = ET.parse(out / "feed.xml").getroot()
    ns = "{http://www.w3.org/2005/Atom}"
    assert feed.findtext(f"{ns}updated") == "2020-09-13T12:26:40Z"
    assert feed.findtext(f"{ns}entry/{ns}updated") == "2020-09-13T12:26:40Z"


# --------------------------------------------------------------------------- any host, any path


class _Links(HTMLParser):
    """Every URL a page points at, and every id a fragment could target."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id",) + (("name",) if tag == "a" else ()):
            if values.get(key):
                self.ids.add(values[key] or "")
        for key in ("href", "src"):
            if values.get(key) and tag in ("a", "link", "script", "img", "iframe", "source"):
                self.urls.append(values[key] or "")


def _fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def _parse(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


def broken_links(site_url: str, pages: list[str]) -> Iterator[str]:
    """Fetch each page under ``site_url`` and check every same-host link and fragment."""
    host = urlsplit(site_url).netloc
    fetched: dict[str, tuple[int, _Links]] = {}

    def get(url: str) -> tuple[int, _Links]:
        if url not in fetched:
            status, body = _fetch(url)
            fetched[url] = (status, _parse(body))
        return fetched[url]

    for page in pages:
        page_url = urljoin(site_url, page)
        status, links = get(page_url)
        if status != 200:
            yield f"{page_url}: HTTP {status}"
            continue
        for raw in links.urls:
            target = urljoin(page_url, raw)
            if urlsplit(target).scheme not in ("http", "https"):
                continue
            if urlsplit(target).netloc != host:
                continue  # another site: not ours to check here, and no network
            bare, fragment = urldefrag(target)
            if not bare.startswith(site_url):
                yield f"{page_url}: {raw!r} leaves the site's path {site_url}"
                continue
            target_status, target_links = get(bare)
            if target_status != 200:
                yield f"{page_url}: {raw!r} -> HTTP {target_status}"
            elif fragment and fragment not in target_links.ids:
                yield f"{page_url}: {raw!r} -> no element with id {fragment!r}"


@pytest.fixture(scope="module")
def sub_path_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("subpath") / "output"
    with serve(root, prefix="/coverage/") as url:
        build_site(root, CONTENT, base_url=url)
        yield url, root


def test_every_link_and_fragment_works_under_a_sub_path(sub_path_site: tuple[str, Path]) -> None:
    url, root = sub_path_site
    pages = [p for p in html_paths(root) if p != "404.html"]
    assert len(pages) > 3
    assert list(broken_links(url, pages)) == []


def test_relative_links_work_under_a_sub_path_without_a_base_url(tmp_path: Path) -> None:
    root = build_site(tmp_path / "output")
    pages = [p for p in html_paths(root) if p != "404.html"]
    with serve(root, prefix="/some/deep/path/") as url:
        assert list(broken_links(url, pages)) == []


def test_404_page_links_work_from_any_missing_address(sub_path_site: tuple[str, Path]) -> None:
    url, _root = sub_path_site
    for missing in ["no-such-page", "stories/nope/", "stories/a/b/c/d/e"]:
        status, body = _fetch(urljoin(url, missing))
        assert status == 404
        assert "Page not found" in body
        # Check the links of the 404 page as served at this address.
        links = _parse(body)
        assert links.urls
        for raw in links.urls:
            if raw.startswith("#"):  # this same document
                assert raw[1:] in links.ids, f"{missing}: {raw}"
                continue
            target, _ = urldefrag(urljoin(urljoin(url, missing), raw))
            if urlsplit(target).netloc == urlsplit(url).netloc:
                assert _fetch(target)[0] == 200, f"{missing}: {raw}"


def test_base_url_makes_canonical_feed_and_sitemap_absolute(
    sub_path_site: tuple[str, Path],
) -> None:
    url, root = sub_path_site
    story = (root / "stories").iterdir().__next__()
    html = (story / "index.html").read_text(encoding="utf-8")
    rel = story.relative_to(root).as_posix()
    assert f'<link rel="canonical" href="{url}{rel}/">' in html
    sitemap = ET.parse(root / "sitemap.xml").getroot()
    locs = [e.text or "" for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert locs and all(loc.startswith(url) for loc in locs)
    assert f"{url}{rel}/" in locs
    feed = ET.parse(root / "feed.xml").getroot()
    hrefs = [e.get("href", "") for e in feed.iter("{http://www.w3.org/2005/Atom}link")]
    assert hrefs and all(h.startswith(url) for h in hrefs)
    robots = (root / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {url}sitemap.xml" in robots
    for loc in locs:
        assert _fetch(loc)[0] == 200, loc
