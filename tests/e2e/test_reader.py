"""A reader's way through the site: home -> story -> claim -> the passage in the article
that carries the claim, and back."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urlsplit

import pytest

from tests.e2e.harness import page_type

pytestmark = pytest.mark.browser


def _site_path(url: str, site_url: str) -> str:
    return urldefrag(url)[0][len(site_url) :]


def _links(page: Any) -> list[str]:
    """Absolute URLs of the links in the page's main content, in document order."""
    return page.eval_on_selector_all("main a[href]", "els => els.map(e => e.href)")


def _first_link(page: Any, site_url: str, kind: str, fragment: bool = False) -> str:
    for url in _links(page):
        if not url.startswith(site_url) or (fragment and "#" not in url):
            continue
        if page_type(_site_path(url, site_url)) == kind:
            return url
    raise AssertionError(f"{page.url} links to no {kind} page{' passage' if fragment else ''}")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_home_story_claim_passage_and_back(page: Any, site_url: str, built: Path) -> None:
    page.goto(site_url)
    story_url = _first_link(page, site_url, "story")
    page.click(f'main a[href$="{urlsplit(story_url).path.rsplit("/", 2)[-2]}/"]')
    page.wait_for_url(story_url)
    assert page.locator("h1").count() == 1

    claim_url = _first_link(page, site_url, "claim")
    page.goto(claim_url)  # the claim may be listed in a collapsed section: follow its link
    claim_path = _site_path(claim_url, site_url).strip("/").split("/")
    story_id, claim_id = claim_path[1], claim_path[3].removesuffix(".html")

    passage_url = _first_link(page, site_url, "article", fragment=True)
    page.locator(f'main a[href$="#{urldefrag(passage_url)[1]}"]').first.click()
    page.wait_for_url(passage_url)

    article_id = _site_path(passage_url, site_url).strip("/").split("/")[3]
    anchor = urldefrag(passage_url)[1]
    target = page.locator(f'[id="{anchor}"]')
    assert target.count() == 1, f"{passage_url}: no element with id {anchor!r}"
    in_view = target.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; }"
    )
    assert in_view, "the passage is not scrolled into view"

    # The anchor holds the sentence the export gives as this article's source of the claim.
    export = json.loads((built / "api" / f"{story_id}.json").read_text(encoding="utf-8"))
    (claim,) = [c for c in export["claims"] if c["id"] == claim_id]
    sources = [_norm(s["text"]) for s in claim["sources"] if s["article"] == article_id]
    assert sources, f"claim {claim_id} has no source in {article_id}"
    shown = _norm(target.inner_text())
    assert any(s in shown or shown in s for s in sources), (shown, sources)

    page.go_back()
    page.wait_for_url(claim_url)
    page.go_back()
    page.wait_for_url(story_url)
