"""Embeddable cards in a real browser: another site (another origin) frames a card and sees
it load, while a normal page of the site refuses to be framed. The site is served with
netlify.toml's headers (tests/e2e/conftest.py ``site_url``)."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.harness import serve

pytestmark = pytest.mark.browser

HOST_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Another site</title></head>
<body>
<iframe id="card" src="{card}" title="card" width="400" height="480"></iframe>
<iframe id="page" src="{page}" title="page" width="400" height="480"></iframe>
</body></html>
"""


def _framed(browser: Any, tmp_path: Path, card: str, page: str) -> tuple[Any, Any, list[str]]:
    """Open a page of another origin that frames ``card`` and ``page``; its frames and
    the console messages."""
    (tmp_path / "index.html").write_text(
        HOST_PAGE.format(card=escape(card), page=escape(page)), encoding="utf-8"
    )
    messages: list[str] = []
    with serve(tmp_path) as host:  # another port: another origin
        context = browser.new_context()
        tab = context.new_page()
        tab.on("console", lambda m: messages.append(m.text))
        tab.goto(host)
        tab.wait_for_load_state("load")
        frames = {
            name: tab.locator(f"iframe#{name}").element_handle().content_frame()
            for name in ("card", "page")
        }
        # read what each frame holds before the host goes away
        seen = {
            name: (frame.url, frame.evaluate("() => document.title") if frame else "")
            for name, frame in frames.items()
        }
        card_heading = frames["card"].locator("h1").inner_text() if frames["card"] else ""
        context.close()
    return seen, card_heading, messages


def test_another_site_can_frame_a_card_but_not_a_page(
    browser: Any, types: dict[str, str], site_url: str, tmp_path: Path
) -> None:
    assert "embed-claim" in types and "claim" in types, sorted(types)
    card, page = site_url + types["embed-claim"], site_url + types["claim"]
    seen, heading, messages = _framed(browser, tmp_path, card, page)
    # the card loads in the frame, with its content
    assert seen["card"][0] == card
    assert heading.strip()
    assert "Sources of the claim" in seen["card"][1]
    # the normal page is refused: Chromium shows its error page in the frame instead
    assert seen["page"][0] != page, seen
    assert any("frame-ancestors" in m or "X-Frame-Options" in m for m in messages), messages


def test_a_quote_card_can_be_framed_too(
    browser: Any, types: dict[str, str], site_url: str, tmp_path: Path
) -> None:
    assert "embed-quote" in types, sorted(types)
    card = site_url + types["embed-quote"]
    seen, heading, _ = _framed(browser, tmp_path, card, site_url)
    assert seen["card"][0] == card and heading.strip()
    assert seen["page"][0] != site_url  # the home page refuses as well
