"""Search: a word from one article finds a page that contains it, with every request
served by the site itself, at the root of a host and under a sub-path."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from sitegen.build.pipeline import build
from sitegen.build.search import bundles
from sitegen.site.urls import SHARD_STORIES
from tests.conftest import write_article
from tests.e2e.harness import serve, wait_for_search

pytestmark = pytest.mark.browser

RESULT_LINK = ".pagefind-ui__result-link"


def distinctive_word(built: Path) -> str:
    """A long word that only one article of the demo content uses."""
    index = json.loads((built / "api" / "index.json").read_text(encoding="utf-8"))
    story = index["stories"][0]["id"]
    export = json.loads((built / "api" / f"{story}.json").read_text(encoding="utf-8"))
    per_article = [set(re.findall(r"[a-z]{8,}", a["text"].casefold())) for a in export["articles"]]
    counts = Counter(w for words in per_article for w in words)
    unique = sorted(w for w in per_article[0] if counts[w] == 1)
    assert unique, "the first article shares every long word with another"
    return unique[0]


@pytest.fixture(scope="module")
def sub_path_url(built: Path) -> Iterator[str]:
    with serve(built, prefix="/coverage/", netlify=True) as url:
        yield url


def _search(page: Any, search_url: str, query: str) -> list[str]:
    page.goto(search_url)
    box = page.locator(".pagefind-ui__search-input")
    box.fill(query)
    wait_for_search(page)
    return page.eval_on_selector_all(RESULT_LINK, "els => els.map(e => e.href)")


@pytest.mark.parametrize("where", ["root", "sub-path"])
def test_a_word_from_one_article_finds_a_page_containing_it(
    page: Any, built: Path, site_url: str, sub_path_url: str, where: str
) -> None:
    base = site_url if where == "root" else sub_path_url
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    word = distinctive_word(built)

    results = _search(page, base + "search/", word)
    assert results, f"no results for {word!r}"
    assert all(r.startswith(base) for r in results), results

    page.locator(RESULT_LINK).first.click()
    page.wait_for_load_state()
    assert page.url.startswith(base)
    assert word in page.locator("body").inner_text().casefold()

    origin = urlsplit(base).netloc
    assert {urlsplit(r).netloc for r in requests} == {origin}, "a request left the site"


def test_a_word_in_no_article_finds_nothing(page: Any, site_url: str) -> None:
    assert _search(page, site_url + "search/", "qqqqjjjj") == []
    assert "No results" in page.locator(".pagefind-ui__message").inner_text()


def test_a_query_in_the_address_opens_with_results(page: Any, built: Path, site_url: str) -> None:
    page.goto(f"{site_url}search/?q={distinctive_word(built)}")
    page.wait_for_selector(RESULT_LINK)
    assert page.locator(RESULT_LINK).count() >= 1


def test_every_shard_is_searched(page: Any, tmp_path: Path) -> None:
    # Enough stories for several shards: a word only one story has is found wherever its
    # story was dealt, and the site-wide pages (primary bundle) are found too.
    content, output = tmp_path / "content", tmp_path / "site"
    names = [f"event-{i:02d}" for i in range(SHARD_STORIES * 3)]
    for i, name in enumerate(names):
        write_article(
            content, name, "daily", "Daily Example", f"Event {i}", f"Plan {i} was discussed."
        )
    last = bundles(names)[-1].stories[-1]
    write_article(content, last, "daily", "Daily Example", "Late", "Zanzibarite was discussed.")
    build(content, output)
    assert len(bundles(names)) >= 4
    with serve(output) as url:
        results = _search(page, url + "search/", "zanzibarite")
        assert url + f"stories/{last}/articles/daily/" in results, results
        assert all(r.startswith(url + f"stories/{last}/") for r in results), results
        assert url + "outlets/daily-example/" in _search(page, url + "search/", "daily")
