"""Full-text search: Pagefind indexes written into the built site, one per group of stories.

Pagefind runs over the finished HTML (in the staging folder, before it replaces the
output) and writes bundles: an index split into small fragments, plus, in the primary
bundle ``pagefind/``, the search UI's script, stylesheet and WebAssembly, all served from
the site itself, so a search never sends a request anywhere else. Pages say which part of
them is searchable with the ``data-pagefind-body`` attribute.

One index for a whole newsroom would be rebuilt whole after every edit, and Pagefind holds
all of it in memory while it works. So the stories are dealt into up to ``urls.MAX_SHARDS``
shards by a hash of their id, each indexed into a bundle of its own under
``pagefind/shards/<n>/``; the primary bundle indexes the site-wide pages (home,
outlets). The search page merges the shards into the primary (Pagefind's multisite
``mergeIndex``, which searches them with the primary's WebAssembly). A shard whose
stories' pages are unchanged is carried over from the previous output, like the pages
themselves (:mod:`sitegen.build.page_cache`), so an edit re-indexes one shard, not the site.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import SitegenError
from ..site import urls
from .page_cache import PageCache, StoryRecord, link_files, record
from .staging import exchange

RECORD = "search"  # page-cache record names: "search" and "search.<n>" (never a story id)

# Site-wide pages the primary bundle indexes. Story pages are indexed by their shard;
# claim pages by none (see templates/base.html): a claim is its outlets' sentences,
# which their article pages already offer, and indexing them was most of Pagefind's work.
SITE_GLOBS = ("index.html", "outlets/**/*.html")
# A speaker's page is found by the name and how outlets name them; the quotations on it
# are its quote pages' own and stay out of its entry (templates/speaker.html).
STORY_GLOBS = ("index.html", "articles/**/*.html", "quotes/**/*.html", "speakers/**/*.html")
# What a merged shard needs; the rest of a bundle (UI, WebAssembly) comes from the primary.
SHARD_FILES = ("pagefind-entry.json", "*.pf_meta", "index", "fragment", "filter")


class SearchIndexError(SitegenError):
    """Pagefind is missing or failed; the message says what to do."""

    def lines(self) -> tuple[str, ...]:
        return (f"sitegen: {self}; the previous output was left as it was",)


@dataclass(frozen=True)
class Bundle:
    """One Pagefind index: where it goes in the site and which pages it holds."""

    name: str  # its page-cache record: "search" or "search.<n>"
    path: str  # site path of its folder: "pagefind/" or "pagefind/shards/<n>/"
    stories: tuple[str, ...]  # the stories it indexes; () for the site-wide pages

    def pages(self, site: Path) -> list[str]:
        """Site paths of the pages in ``site`` this bundle indexes, found without walking
        the rest of the site."""
        roots = [(site, SITE_GLOBS)] if not self.stories else []
        roots += [(site / "stories" / story, STORY_GLOBS) for story in self.stories]
        found = {
            page.relative_to(site).as_posix()
            for root, patterns in roots
            for pattern in patterns
            for page in root.glob(pattern)
            if page.is_file()
        }
        return sorted(found)


def bundles(stories: Sequence[str]) -> tuple[Bundle, ...]:
    """The primary bundle, then one per non-empty shard, in shard order."""
    shards = [
        Bundle(f"{RECORD}.{n}", path, members)
        for n, (path, members) in enumerate(urls.search_shards(stories))
    ]
    return (Bundle(RECORD, urls.SEARCH_BUNDLE, ()), *shards)


def pagefind_command(executable: str, pages: Path, bundle: Path) -> list[str]:
    """Pagefind over every page in ``pages``, writing the bundle into ``bundle``."""
    return [executable, "--site", str(pages), "--output-path", str(bundle), "--quiet"]


def pagefind_executable() -> str:
    """The Pagefind binary the installed ``pagefind`` package would run.

    ``python -m pagefind`` only finds this binary and execs it, but starting an
    interpreter for that cost more CPU than indexing a small shard; so the build asks
    the package once and runs the binary itself. The package's lookup also honours
    ``PAGEFIND_BINARY_PATH``.
    """
    if importlib.util.find_spec("pagefind") is None:
        raise SearchIndexError(
            "search needs Pagefind, which is not installed for "
            f"{sys.executable}: run  pip install 'pagefind[extended]'"
        )
    from pagefind.service import get_executable

    found = get_executable()
    if found is None or not found.is_file():
        raise SearchIndexError(
            f"the pagefind package for {sys.executable} has no Pagefind binary: "
            "run  pip install --force-reinstall 'pagefind[extended]'"
        )
    return str(found.resolve())


def _bundle_files(output: Path, bundle: Bundle) -> list[str]:
    """Site paths of the files of ``bundle`` in ``output`` (not its shards' files)."""
    root = output / bundle.path
    # the shards' folder is inside the primary's, but its files are not the primary's
    nested = output / urls.SEARCH_SHARDS if bundle.path == urls.SEARCH_BUNDLE else None
    return sorted(
        p.relative_to(output).as_posix()
        for p in root.rglob("*")
        if p.is_file() and not (nested and p.is_relative_to(nested))
    )


def _prune(folder: Path) -> None:
    """Drop what a merged shard never serves: the UI and WebAssembly come from the primary."""
    keep = {p for pattern in SHARD_FILES for p in folder.glob(pattern)}
    for path in folder.iterdir():
        if path not in keep:
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def bundle_key(bundle: Bundle, story_keys: Mapping[str, str], site: Path) -> str:
    """What the bundle's index depends on: Pagefind's version, the pages it reads (the
    stories' page keys; the site-wide pages, which change with any story, by content)."""
    digest = hashlib.sha256(importlib.metadata.version("pagefind").encode())
    digest.update(repr((SITE_GLOBS, STORY_GLOBS)).encode())
    for story in bundle.stories:
        digest.update(f"\0{story}\0{story_keys[story]}".encode())
    if not bundle.stories:
        for page in bundle.pages(site):
            digest.update(f"\0{page}\0".encode() + (site / page).read_bytes())
    return digest.hexdigest()


class Indexer:
    """Writes the search bundles of the site in ``site`` into ``output``, carrying over
    from ``pages`` the bundles whose pages are unchanged and running Pagefind for the
    others, one at a time. :meth:`cancel`, from another thread, stops it."""

    def __init__(self, site: Path, output: Path, pages: PageCache | None) -> None:
        self.executable = pagefind_executable()
        self.site, self.output, self.pages = site, output, pages
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._cancelled = False

    def run(self, story_keys: Mapping[str, str]) -> dict[str, StoryRecord]:
        """Index; return the records of the bundles written, for ``pages.commit``."""
        records = {}
        for bundle in bundles(sorted(story_keys)):
            key = bundle_key(bundle, story_keys, self.site)
            found = None if self.pages is None else self.pages.carry(bundle.name, key, self.output)
            if found is None:
                self._pagefind(bundle)
                found = record(key, _bundle_files(self.output, bundle), self.output)
            records[bundle.name] = found
        return records

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._process is not None and self._process.poll() is None:
                self._process.kill()

    def _pagefind(self, bundle: Bundle) -> None:
        # Pagefind walks every file under --site, even those its glob skips: on a large
        # site that walk was most of a small shard's time. So each run gets a folder
        # beside the site holding links to its own pages only, at their site paths.
        pages = Path(tempfile.mkdtemp(prefix=f"{self.site.name}.search-", dir=self.site.parent))
        try:
            link_files(bundle.pages(self.site), str(self.site), str(pages))
            self._run(bundle, pagefind_command(self.executable, pages, self.output / bundle.path))
        finally:
            shutil.rmtree(pages)
        folder = self.output / bundle.path
        if not (folder / "pagefind-entry.json").is_file():
            raise SearchIndexError(f"Pagefind ran but wrote no index into {folder}")
        if bundle.stories:
            _prune(folder)

    def _run(self, bundle: Bundle, command: list[str]) -> None:
        with self._lock:
            if self._cancelled:
                raise SearchIndexError("indexing was cancelled")
            self._process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
            )
        out, _ = self._process.communicate()
        if self._process.returncode != 0:
            detail = out.decode("utf-8", "replace").strip()
            raise SearchIndexError(
                f"Pagefind failed to index {bundle.path} of {self.site} "
                f"(exit {self._process.returncode}): {detail}"
            )


def index_site(
    folder: Path, story_keys: Mapping[str, str] | None = None, pages: PageCache | None = None
) -> dict[str, StoryRecord]:
    """Index the built site in ``folder`` in place. ``story_keys`` maps each story to
    its page key (default: the stories found in ``folder``, each indexed afresh)."""
    if not folder.is_dir():
        raise SearchIndexError(f"cannot index {folder}: not a folder")
    if story_keys is None:
        found = sorted(p.name for p in (folder / "stories").glob("*") if p.is_dir())
        story_keys = {story: "" for story in found}
    return Indexer(folder, folder, pages).run(story_keys)


def carry_index(pages: PageCache, folder: Path) -> dict[str, StoryRecord] | None:
    """Hard-link the previous output's search bundles into ``folder`` and return their
    records; None if it has none. The index is then stale (it describes the previous
    pages) until an :class:`IndexJob` replaces it."""
    carried = pages.carry_all(RECORD, folder)
    return carried if RECORD in carried else None


class IndexJob:
    """``sitegen serve``'s search indexing, in the background.

    serve reloads the browser as soon as the pages are built, with the previous index
    carried over (:func:`carry_index`), and runs this job meanwhile, in a thread that
    mostly waits for Pagefind. The job writes the bundles into ``scratch`` (beside the
    site, never inside it), carrying unchanged ones over from the site, and once all
    are written swaps the new ``pagefind/`` for the site's in a single rename, so a
    search never reads half an index; the site is then what ``sitegen build`` makes.
    A job whose pages are about to be replaced is cancelled.
    """

    def __init__(
        self, site: Path, scratch: Path, story_keys: Mapping[str, str], pages: PageCache
    ) -> None:
        self.site, self.scratch = site, scratch
        self.records: dict[str, StoryRecord] = {}
        self._indexer = Indexer(site, scratch, pages)
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(dict(story_keys),), daemon=True)
        self._thread.start()

    def _run(self, story_keys: dict[str, str]) -> None:
        try:
            self.records = self._indexer.run(story_keys)
        except BaseException as exc:  # handed to the event loop's thread by finished()
            self._error = exc

    def finished(self) -> bool:
        """Whether the job is over; when it has just ended well, the fresh index is in
        place (``records`` describe it). Raise if it failed (the stale index stays)."""
        if self._thread.is_alive():
            return False
        try:
            if self._error is not None:
                raise self._error
            fresh, shown = self.scratch / urls.SEARCH_BUNDLE, self.site / urls.SEARCH_BUNDLE
            if shown.exists():
                exchange(fresh, shown)
            else:
                fresh.rename(shown)
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)
        return True

    def cancel(self) -> None:
        self._indexer.cancel()
        self._thread.join()
        shutil.rmtree(self.scratch, ignore_errors=True)
