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

from .write import exchange

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


def pagefind_command(folder: Path, bundle: Path | None = None) -> list[str]:
    """Pagefind over the site in ``folder``, writing its bundle to ``folder/pagefind/``
    or to ``bundle``."""
    # The wheel ships the binary behind ``python -m pagefind``; there is no console script.
    # The same interpreter that runs sitegen runs Pagefind, so a virtualenv just works.
    command = [sys.executable, "-m", "pagefind", "--site", str(folder), "--glob", SEARCHED]
    if bundle is not None:
        command += ["--output-path", str(bundle)]
    return [*command, "--quiet"]


def _failed(folder: Path, code: int, detail: str) -> SearchIndexError:
    return SearchIndexError(f"Pagefind failed to index {folder} (exit {code}): {detail}")


def _require_pagefind() -> None:
    if importlib.util.find_spec("pagefind") is None:
        raise SearchIndexError(
            "search needs Pagefind, which is not installed for "
            f"{sys.executable}: run  pip install 'pagefind[extended]'"
        )


def carry_index(previous: Path, folder: Path) -> bool:
    """Hard-link the search index of the site in ``previous`` into ``folder``; False if
    it has none. The index is then stale (it describes the previous pages) until an
    :class:`IndexJob` replaces it."""
    bundle = previous / BUNDLE_DIR
    if not (bundle / "pagefind.js").is_file():
        return False
    shutil.copytree(bundle, folder / BUNDLE_DIR, copy_function=os.link)
    return True


def index_site(folder: Path) -> None:
    """Index the built site in ``folder`` in place (writes ``folder/pagefind/``)."""
    if not folder.is_dir():
        raise SearchIndexError(f"cannot index {folder}: not a folder")
    _require_pagefind()
    result = subprocess.run(
        pagefind_command(folder),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip()
        raise _failed(folder, result.returncode, detail)
    if not (folder / BUNDLE_DIR / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind ran but wrote no index into {folder / BUNDLE_DIR}")


class IndexJob:
    """Pagefind over a served site, in the background.

    ``sitegen serve`` reloads the browser as soon as the pages are built, with the
    previous index carried over (:func:`carry_index`), and runs this job meanwhile. The
    job writes a fresh bundle into ``scratch`` (beside the site, never inside it) and,
    once Pagefind has finished, swaps it for the site's stale one in a single rename,
    so a search never reads half an index. The site is then what ``sitegen build``
    makes, byte for byte. A job whose site is about to be replaced is cancelled.
    """

    def __init__(self, site: Path, scratch: Path) -> None:
        _require_pagefind()
        self.site, self.scratch = site, scratch
        self._log = scratch.with_name(scratch.name + ".log")
        with self._log.open("wb") as log:
            # stderr to a file, not a pipe nobody reads while the job runs, which a
            # chatty failure could fill and so stall Pagefind.
            self._process = subprocess.Popen(
                pagefind_command(site, scratch), stdout=subprocess.DEVNULL, stderr=log
            )

    def finished(self) -> bool:
        """Whether the job is over; when it has just ended well, the fresh index is in
        place. Raise SearchIndexError if Pagefind failed (the stale index stays)."""
        code = self._process.poll()
        if code is None:
            return False
        try:
            if code != 0:
                detail = self._log.read_text(encoding="utf-8", errors="replace").strip()
                raise SearchIndexError(
                    f"Pagefind failed to index {self.site} (exit {code}): {detail}"
                )
            bundle = self.site / BUNDLE_DIR
            if bundle.exists():
                exchange(self.scratch, bundle)
            else:
                os.rename(self.scratch, bundle)
        finally:
            self._clean()
        return True

    def cancel(self) -> None:
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
        self._clean()

    def _clean(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)
        self._log.unlink(missing_ok=True)
