"""Full-text search: a Pagefind index written into the built site.

Pagefind runs over the finished HTML (in the staging folder, before it replaces the
output), and writes ``pagefind/``: the index split into small fragments plus the search
UI's script and stylesheet, all served from the site itself, so a search never sends a
request anywhere else. Pages say which part of them is searchable with the
``data-pagefind-body`` attribute; when no page carries it, Pagefind indexes every page.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

BUNDLE_DIR = "pagefind"  # where Pagefind writes the index and its UI, inside the site
SEARCH_PATH = "search/"  # the site path of the search page

# The files Pagefind reads: every page but the claim pages (see templates/base.html),
# which would otherwise be most of what it parses, for nothing it would index.
SEARCHED = (
    "{index.html,outlets/**/*.html,stories/*/index.html,"
    "stories/*/articles/**/*.html,stories/*/quotes/**/*.html}"
)


class SearchIndexError(RuntimeError):
    """Pagefind is missing or failed; the message says what to do."""


def pagefind_command(folder: Path) -> list[str]:
    # The wheel ships the binary behind ``python -m pagefind``; there is no console script.
    # The same interpreter that runs sitegen runs Pagefind, so a virtualenv just works.
    return [sys.executable, "-m", "pagefind", "--site", str(folder), "--glob", SEARCHED, "--quiet"]


def carry_index(previous: Path, folder: Path) -> bool:
    """Hard-link the search index of the site in ``previous`` into ``folder``; False if
    it has none. The index is then stale (it describes the previous pages) until
    :func:`index_site` runs over ``folder``, which writes a fresh one beside it."""
    bundle = previous / BUNDLE_DIR
    if not (bundle / "pagefind.js").is_file():
        return False
    shutil.copytree(bundle, folder / BUNDLE_DIR, copy_function=os.link)
    return True


def index_site(folder: Path) -> None:
    """Index the built site in ``folder`` in place (writes ``folder/pagefind/``)."""
    if not folder.is_dir():
        raise SearchIndexError(f"cannot index {folder}: not a folder")
    if importlib.util.find_spec("pagefind") is None:
        raise SearchIndexError(
            "search needs Pagefind, which is not installed for "
            f"{sys.executable}: run  pip install 'pagefind[extended]'"
        )
    result = subprocess.run(
        pagefind_command(folder),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise SearchIndexError(
            f"Pagefind failed to index {folder} (exit {result.returncode}): {detail}"
        )
    if not (folder / BUNDLE_DIR / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind ran but wrote no index into {folder / BUNDLE_DIR}")
