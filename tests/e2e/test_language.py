"""A right-to-left site in Chromium: Hebrew, for which the theme has no table, so every
label falls back to English while the page reads right to left, and the layout holds."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sitegen.build.pipeline import build
from tests.e2e.harness import serve

pytestmark = pytest.mark.browser

PAGES = ("", "stories/harbour-fire/", "stories/harbour-fire/articles/daily/", "outlets/")


@pytest.fixture(scope="module")
def hebrew_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("rtl")
    content = root / "content"
    for slug, outlet, body in (
        ("daily", "Daily Example", "A fire broke out at the harbour on Monday, officials said."),
        (
            "gazette",
            "Example Gazette",
            "A fire broke out at the harbour on Monday, officials said.",
        ),
    ):
        folder = content / "harbour-fire"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{slug}.md").write_text(
            f"---\noutlet: {outlet}\ntitle: Harbour fire\npublished: 2025-12-14\n---\n{body}\n"
            "\n“We have it under control,” fire chief Anna Berg told reporters.\n",
            encoding="utf-8",
        )
    (content / "site.yaml").write_text("title: Coverage\nlanguage: he\n", encoding="utf-8")
    report = build(content, root / "out")
    assert [w.message for w in report.warnings] == [
        "no translation table for language 'he': the site's own words are in English"
    ]
    with serve(root / "out") as url:
        yield url


@pytest.mark.parametrize("width", [390, 1280])
def test_a_right_to_left_site_reads_right_to_left_and_holds_its_layout(
    browser: Any, hebrew_site: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    try:
        page = context.new_page()
        for path in PAGES:
            page.goto(hebrew_site + path)
            assert page.evaluate("() => getComputedStyle(document.documentElement).direction") == (
                "rtl"
            ), path
            scroll, client = page.evaluate(
                "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
            )
            assert scroll <= client, f"{path} scrolls sideways at {width} px: {scroll} > {client}"
            # The site's name starts the header on the right, as a Hebrew reader looks first.
            brand = page.locator(".brand").bounding_box()
            assert brand is not None and brand["x"] + brand["width"] > width / 2, path
        assert "Stories" in page.locator("nav").first.inner_text()  # English fallback
    finally:
        context.close()
