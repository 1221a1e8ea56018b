"""Every page type, as a reader's browser shows it: no sideways scrolling on a phone,
no accessibility violation (axe-core), no console error (CSP violations included, since
the pages are served with netlify.toml's headers)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Built
from tests.e2e.harness import axe_violations, hold, wait_for_search

pytestmark = pytest.mark.browser

# The first few elements that stick out past the right edge, to name in a failure.
WIDE_ELEMENTS = """() => {
  const edge = document.documentElement.clientWidth + 1;
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > edge)
    .slice(0, 3)
    .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''));
}"""


def _pages(site: Built) -> Iterator[tuple[str, str]]:
    for name, path in sorted(site.types.items()):
        yield name, site.url + path
    if "search" in site.types:  # the search page with results shown is a page of its own
        yield "search results", f"{site.url}{site.types['search']}?q={site.query}"


def _open(
    browser: Any,
    url: str,
    width: int,
    scheme: str = "light",
    inject: bool = False,
    stay: bool = False,
) -> Any:
    # Injecting axe-core is an inline script, which the site's CSP rightly forbids.
    context = browser.new_context(
        viewport={"width": width, "height": 844}, color_scheme=scheme, bypass_csp=inject
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    if stay:  # an old address: checked itself, not the page it sends the reader to
        hold(page, url)
    page.goto(url)
    if "?q=" in url:
        wait_for_search(page)  # the results as a reader sees them, not their placeholders
    return page


# Every kind of page a build makes: the checks below open one of each, so a type missing
# here would go unchecked without anyone noticing.
PAGE_TYPES = {
    "home", "story", "article", "claim", "quote", "outlet", "outlets", "search", "404",
    "by-country", "by-kind", "timeline", "speaker", "embed-claim", "embed-quote", "moved",
}  # fmt: skip


def test_every_page_type_is_found(each_site: Built) -> None:
    # the fixture site's outlets have countries and kinds, the demo's have one of neither
    assert set(each_site.types) == PAGE_TYPES


def test_no_page_scrolls_sideways_on_a_phone(browser: Any, each_site: Built) -> None:
    wide = []
    for name, url in _pages(each_site):
        page = _open(browser, url, 390, stay=name == "moved")
        scroll, client = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll > client:
            culprits = page.evaluate(WIDE_ELEMENTS)
            wide.append(f"{name} ({url}): {scroll} > {client}, e.g. {culprits}")
        page.context.close()
    assert wide == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_accessibility_violations(browser: Any, each_site: Built, scheme: str) -> None:
    found = []
    for name, url in _pages(each_site):
        for width in (1280, 390):
            page = _open(browser, url, width, scheme, inject=True, stay=name == "moved")
            found += axe_violations(page, f"{name} @{width} {scheme}")
            page.context.close()
    assert found == []


def test_no_console_errors(browser: Any, each_site: Built) -> None:
    errors: list[str] = []
    for name, url in _pages(each_site):
        context = browser.new_context()
        page = context.new_page()
        page.on(
            "console",
            lambda m, name=name: errors.append(f"{name}: {m.text}") if m.type == "error" else None,
        )
        page.on("pageerror", lambda e, name=name: errors.append(f"{name}: {e}"))
        page.goto(url)
        page.wait_for_load_state("networkidle")
        context.close()
    assert errors == []


def test_an_old_address_sends_the_reader_to_the_page(
    page: Any, types: dict[str, str], site_url: str, built: Path
) -> None:
    if "moved" not in types:
        pytest.skip("no claim or quotation of the demo has an old address")
    lines = (built / "_redirects").read_text(encoding="utf-8").splitlines()
    target = {old: new for old, new, _ in (line.split() for line in lines if line[:1] == "/")}
    page.goto(site_url + types["moved"])
    page.wait_for_url(site_url + target["/" + types["moved"]][1:])
    assert page.locator("h1").count() == 1


def test_the_404_page_is_served_for_missing_addresses(page: Any, site_url: str) -> None:
    response = page.goto(site_url + "stories/no-such-story/at/all/")
    assert response is not None and response.status == 404
    # Its stylesheet loads at any depth: the page is styled, not bare HTML.
    assert page.evaluate("() => document.styleSheets.length") >= 1
    assert page.evaluate("() => [...document.styleSheets].every(s => s.cssRules.length > 0)")


def test_sitemap_feed_and_robots_are_served(page: Any, site_url: str, built: Path) -> None:
    for name in ("feed.xml", "sitemap.xml", "robots.txt", "favicon.svg"):
        response = page.request.get(site_url + name)
        assert response.status == 200, name
        assert response.body() == (built / name).read_bytes()
