"""The editor's corrections as a reader's browser shows them: the edited marks and the
story's correction log are visible, reachable by keyboard, and pass axe-core."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.harness import axe_violations, build_site, sends_on, serve
from tests.ferry_story import CORRECTIONS, write_site

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def corrected_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = tmp_path_factory.mktemp("corrections")
    folder = write_site(root / "content")
    (folder / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    built = build_site(root / "output", root / "content")
    with serve(built, netlify=True) as url:
        yield url, built


def _edited_quote(built: Path) -> str:
    data = json.loads((built / "api/ferry.json").read_text(encoding="utf-8"))
    (quote,) = [q for q in data["quotes"] if q["edited"] and len(q["occurrences"]) == 3]
    return f"stories/ferry/quotes/{quote['id']}.html"


def _tab_to(page: Any, selector: str, limit: int = 200) -> bool:
    """Press Tab until the focused element matches ``selector``; whether it ever did."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return True
    return False


def test_the_log_is_linked_from_the_header_and_reached_by_keyboard(
    page: Any, corrected_site: tuple[str, Path]
) -> None:
    url, _ = corrected_site
    page.goto(url + "stories/ferry/")
    link = page.locator("header .editor-count a[href='#corrections']")
    assert link.is_visible()
    assert "Checked by an editor" in page.locator("header .editor-count").inner_text()
    assert _tab_to(page, "header .editor-count a")
    page.keyboard.press("Enter")
    page.wait_for_url("**#corrections")
    log = page.locator("#corrections ol.correction-log > li")
    assert log.count() == 4
    assert log.nth(0).is_visible()
    assert "Two renderings of one statement" in log.nth(0).inner_text()


def test_a_quote_shows_its_mark_and_its_correct_this_box_opens_by_keyboard(
    page: Any, corrected_site: tuple[str, Path]
) -> None:
    url, built = corrected_site
    page.goto(url + _edited_quote(built))
    mark = page.locator(".editor-mark.edited")
    assert mark.is_visible() and "edited" in mark.inner_text().lower()
    assert "Two renderings of one statement" in mark.inner_text()
    assert _tab_to(page, ".editor-mark a")  # the note links to its line in the log
    assert _tab_to(page, "details.correct > summary")
    box = page.locator("details.correct pre")
    assert not box.is_visible()
    page.keyboard.press("Enter")
    assert box.is_visible()
    assert "{article: star, text:" in box.inner_text()


def test_corrected_pages_pass_axe(browser: Any, corrected_site: tuple[str, Path]) -> None:
    url, built = corrected_site
    # a claim's page, not an old address that sends the reader on to one
    claim = next(
        p.name for p in sorted((built / "stories/ferry/claims").iterdir()) if not sends_on(p)
    )
    found = []
    for path in ("stories/ferry/", _edited_quote(built), f"stories/ferry/claims/{claim}"):
        for width in (1280, 390):
            context = browser.new_context(viewport={"width": width, "height": 844}, bypass_csp=True)
            page = context.new_page()
            page.goto(url + path)
            for summary in page.locator("details.correct > summary").all()[:3]:
                summary.click()  # checked open as well as closed
            found += axe_violations(page, f"{path} @{width}")
            context.close()
    assert found == []
