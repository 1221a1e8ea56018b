"""Fixtures for the browser tests: the demo content built once, served over HTTP with the
headers netlify.toml sets, and one headless Chromium for the whole session."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.harness import (
    CHROMIUM_ARGS,
    FIXTURE_CONTENT,
    build_copy,
    build_site,
    page_types,
    require,
    require_chromium,
    serve,
)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real demo content (content/), built like `sitegen build` does."""
    return build_site(tmp_path_factory.mktemp("e2e") / "output")


@pytest.fixture(scope="session")
def site_url(built: Path) -> Iterator[str]:
    with serve(built, netlify=True) as url:
        yield url


@pytest.fixture(scope="session")
def types(built: Path) -> dict[str, str]:
    """One page of every type in the build: name -> site path."""
    return page_types(built)


@dataclass(frozen=True)
class Built:
    """A built site as the checks see it: its folder, its address and one page per type."""

    name: str
    folder: Path
    url: str
    types: dict[str, str]
    query: str  # a word its search finds


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The invented fixture stories (several countries and kinds of outlet), built and served."""
    folder = build_copy(FIXTURE_CONTENT, tmp_path_factory.mktemp("e2e-fixture"))
    with serve(folder, netlify=True) as url:
        yield Built("fixture", folder, url, page_types(folder), "fire")


@pytest.fixture(scope="session")
def demo_site(built: Path, site_url: str, types: dict[str, str]) -> Built:
    return Built("demo", built, site_url, types, "nato")


@pytest.fixture(scope="session", params=["demo", "fixture"])
def each_site(request: pytest.FixtureRequest) -> Built:
    """The demo and the fixture site in turn, for the checks every page type must pass."""
    return request.getfixturevalue(f"{request.param}_site")


# Module scope, not session: Playwright's sync API keeps an asyncio loop running while it
# is open, and tests after the browser tests call asyncio.run(), which refuses to start
# inside a running loop.
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require(False, "Python package playwright")
        raise
    executable = require_chromium()
    with sync_playwright() as p:
        # Never `playwright install`: it downloads a browser; the system Chromium is used.
        browser = p.chromium.launch(
            executable_path=str(executable), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()
