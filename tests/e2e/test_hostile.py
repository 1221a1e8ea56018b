"""Third-party text that tries to run: every page of a site built from hostile content,
loaded in Chromium, must raise no dialog and show the payloads as text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import write_article
from tests.e2e.harness import build_site, html_paths, serve

pytestmark = pytest.mark.browser

# Each payload calls alert() if it ever becomes markup or a followed link.
PAYLOADS = [
    "<script>alert('script')</script>",
    "<img src=x onerror=alert('onerror')>",
    "<svg onload=alert('svg')></svg>",
    "\"><script>alert('attribute')</script>",
    "</title><script>alert('title')</script>",
    "</script><script>alert('json-ld')</script>",
]


def hostile_content(root: Path) -> Path:
    joined = " ".join(PAYLOADS)
    root.mkdir(parents=True, exist_ok=True)
    site = {"title": f"Coverage {PAYLOADS[0]}", "description": PAYLOADS[1]}
    outlets = {
        "evil-news": {"name": f"Evil {PAYLOADS[2]}", "country": PAYLOADS[3], "owner": PAYLOADS[4]}
    }
    (root / "site.yaml").write_text(yaml.safe_dump(site), encoding="utf-8")
    (root / "outlets.yaml").write_text(yaml.safe_dump(outlets), encoding="utf-8")
    shared = "The bridge over the harbour will reopen on Monday after two weeks of repairs."
    for slug, outlet in (("evil", "evil-news"), ("plain", "Plain Gazette")):
        body = "\n\n".join(
            [
                shared,
                f"“{joined},” said Ana Lima, the harbour master.",
                "[click me](javascript:alert('link')) and <a href=\"javascript:alert(1)\">x</a>",
                joined,
                f"## {PAYLOADS[5]}",
                "“We will reopen on Monday,” Lima told reporters.",
            ]
        )
        write_article(root, "hostile-story", slug, outlet, f"Title {PAYLOADS[4]}", body)
    return root


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    return build_site(root / "output", hostile_content(root / "content"))


def test_no_script_from_content_runs_on_any_page(hostile_site: Path, page: Any) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    paths = html_paths(hostile_site)
    assert len(paths) >= 6
    with serve(hostile_site) as url:
        for path in paths:
            page.goto(url + path)
            page.wait_for_load_state("load")
            # follow every link a reader could click that is not a plain page link
            hrefs = page.eval_on_selector_all(
                "a[href]", "els => els.map(e => e.getAttribute('href'))"
            )
            assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")], path
    assert dialogs == []


def test_payloads_are_visible_as_text(hostile_site: Path, page: Any) -> None:
    with serve(hostile_site) as url:
        page.goto(url + "stories/hostile-story/articles/evil/")
        text = page.inner_text("main")
        for payload in PAYLOADS:
            assert payload in text
        assert "javascript:alert('link')" in text
        assert page.locator("main script").count() == 0
