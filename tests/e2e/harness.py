"""What the end-to-end tests share: the tools they need (a missing one skips its test,
unless SITEGEN_REQUIRE_BROWSER is set, as in CI, where it is a failure: a green run must
mean the checks ran), and from scripts/browser.py the local static host, Chromium's flags
and the page types of a build.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from scripts.browser import (  # noqa: F401  (re-exported for the tests)
    CHROMIUM,
    CHROMIUM_ARGS,
    CONTENT,
    FIXTURE_CONTENT,
    NETLIFY_TOML,
    NODE_MODULES,
    PAGE_TYPE_NAMES,
    ROOT,
    build_copy,
    build_site,
    hold,
    html_paths,
    netlify_headers,
    page_type,
    page_types,
    path_matches,
    sends_on,
    serve,
)

REQUIRE_ENV = "SITEGEN_REQUIRE_BROWSER"


def require(available: bool, what: str) -> None:
    """Skip the test when ``what`` is missing, or fail when the run demands every tool."""
    if available:
        return
    if os.environ.get(REQUIRE_ENV):
        pytest.fail(
            f"{what} is missing, and {REQUIRE_ENV} is set: install it (.ci/setup-browser.sh)"
        )
    pytest.skip(f"{what} is not installed")


def node_tool(*parts: str) -> Path:
    """A file inside node_modules (``npm ci`` installs them from package-lock.json)."""
    path = NODE_MODULES.joinpath(*parts)
    require(path.exists(), f"node_modules/{'/'.join(parts)} (run npm ci)")
    return path


def require_chromium() -> Path:
    require(CHROMIUM.exists(), f"Chromium at {CHROMIUM}")
    return CHROMIUM


def require_java() -> str:
    java = shutil.which("java")
    require(java is not None, "java")
    assert java is not None
    return java


# When a search is over: its message says "N results for ..." or "No results for ..."
# (after "Searching for ..."), AND every result shown has loaded. Pagefind writes the
# message first and each result as a grey placeholder (.pagefind-ui__loading, no link)
# until its fragment arrives: reading the links at the message alone found none on a
# busy machine (a search for "according" with one result, twice).
SEARCH_SETTLED = """() => {
  const message = document.querySelector('.pagefind-ui__message');
  if (!message || !/results? for/i.test(message.textContent)) return false;
  if (/^\\s*no results/i.test(message.textContent)) return true;
  const shown = document.querySelectorAll('.pagefind-ui__result').length;
  return shown > 0 && !document.querySelector('.pagefind-ui__results .pagefind-ui__loading');
}"""


def wait_for_search(page: Any) -> None:
    """Wait until the search page shows a search's results, every one loaded."""
    page.wait_for_selector(".pagefind-ui__message")
    page.wait_for_function(SEARCH_SETTLED)


AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def axe_violations(page: Any, label: str) -> list[str]:
    """axe-core's violations on an open page (opened with ``bypass_csp``: the injection is
    an inline script), each as ``label: rule: the first few elements``."""
    page.add_script_tag(path=str(node_tool("axe-core", "axe.min.js")))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        f"{label}: {violation['id']}: {[n['target'] for n in violation['nodes'][:3]]}"
        for violation in result["violations"]
    ]
