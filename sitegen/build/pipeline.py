"""The whole build, one stage after another: load -> analyse -> render -> write."""

from __future__ import annotations

import dataclasses
import gc
import shutil
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from itertools import chain
from pathlib import Path

from ..analysis.corrections import Corrected
from ..content import load_site
from ..errors import ContentError, ContentErrors
from ..guard import MARKER, MARKER_TEXT, check_output
from ..model import OutputFile, Site
from ..site.export import index_file, story_file
from ..site.feeds import feed_files
from ..site.i18n import load_translations
from ..site.moved import redirects_file
from ..site.render import Theme, load_theme, site_files, story_files
from ..site.tables import outlets_table, story_tables
from ..site.theme import theme_folders
from ..site.views import StoryDigest, story_digest
from .analysis_cache import AnalysisCache
from .page_cache import PageCache, StoryRecord, page_key, record
from .parallel import analyse_site, keeps_in_memory
from .search import carry_index, index_site
from .staging import Discard, staged, write_files

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildReport:
    stories: int
    articles: int
    pages: int
    seconds: float
    indexed: bool = True  # False: the previous search index was carried over, stale
    story_keys: tuple[tuple[str, str], ...] = ()  # (story, page key): what was built
    warnings: tuple[ContentError, ...] = ()  # what the build let pass (see --strict)

    def summary(self, output: Path) -> str:
        return (
            f"built {self.stories} {'story' if self.stories == 1 else 'stories'}, "
            f"{self.articles} articles, {self.pages} pages in {self.seconds:.2f} s -> {output}"
        )


def _stage(progress: Progress | None, name: str) -> Callable[[int, int], None] | None:
    return None if progress is None else (lambda done, total: progress(name, done, total))


def build(
    content: Path,
    output: Path,
    base_url: str | None = None,
    progress: Progress | None = None,
    cache: AnalysisCache | None = None,
    pages: PageCache | None = None,
    search: bool = True,
    discard: Discard = shutil.rmtree,
    strict: bool = False,
    drafts: bool = False,
    overwrite: bool = False,
) -> BuildReport:
    """Build the site for ``content`` into ``output``; raise ContentErrors on bad content,
    leaving any previous ``output`` untouched.

    Stories unchanged since the last build reuse their analysis from ``cache`` and their
    files from ``pages`` (defaults: the on-disk caches beside ``content``). With
    ``search=False`` the previous search index is carried over and the caller indexes
    the new site itself (``sitegen serve`` does, after the browser has reloaded), and
    ``discard`` takes the previous site instead of deleting it at once. With ``strict``
    the content's warnings fail the build like errors; ``drafts`` builds drafts too.

    Raises :class:`sitegen.guard.OutputRefused`, before any work, when ``output`` may
    not be replaced (``overwrite``: a folder of someone else's files may).
    """
    started = time.perf_counter()
    check_output(output, content, overwrite)
    with _frozen_heap():
        site = load_site(content, base_url, on_story=_stage(progress, "loading"), drafts=drafts)
        theme = load_theme(content, site.config.language)
        warned = tuple(sorted(site.warnings + theme.warnings))
        if strict and warned:
            raise ContentErrors(warned)
        gc.freeze()
        cache = cache if cache is not None else AnalysisCache.beside(content, keeps_in_memory(site))
        analysed = analyse_site(site, on_story=_stage(progress, "analysing"), cache=cache)
        # The editor's corrections, on the analysis as cached: a bad one fails here, before
        # anything is written; an edited file re-renders without analysing again.
        analyses = Corrected(site, analysed, analysed.keys)
        gc.freeze()
        pages = pages if pages is not None else PageCache.beside(content, output)
        guard = partial(check_output, output, content, overwrite)
        with staged(output, discard, guard) as staging:
            # First, so that even a half-built staging folder says whose it is.
            write_files([OutputFile(MARKER, MARKER_TEXT.encode())], staging)
            records, digests = write_stories(
                site, analyses, theme, pages, staging, _stage(progress, "rendering")
            )
            written = [path for r in records.values() for path in r.paths]
            moves = [pair for digest in digests for pair in digest.moved]
            site_wide = chain(
                site_files(site, digests, theme),
                [index_file(site), outlets_table(site), redirects_file(moves)],
            )
            written += write_files(site_wide, staging)
            # the sitemap lists pages, not old addresses that send the reader on
            old = {path for path, _ in moves}
            pages_ = [path for path in written if path not in old]
            written += write_files(feed_files(theme, site, pages_), staging)
            keys = {story: r.key for story, r in records.items()}
            carried = None if search else carry_index(pages, staging)
            # Pagefind reads the written pages: last, before the swap.
            records |= carried if carried is not None else index_site(staging, keys, pages)
        pages.commit(records)
    return BuildReport(
        stories=len(site.stories),
        articles=sum(len(s.articles) for s in site.stories),
        pages=sum(path.endswith(".html") for path in written),
        seconds=time.perf_counter() - started,
        indexed=carried is None,
        story_keys=tuple(sorted(keys.items())),
        warnings=warned,
    )


@contextmanager
def _frozen_heap() -> Iterator[None]:
    """Within it, ``gc.freeze()`` hides what exists from the cycle collector until the end.

    The site and the analyses are immutable and live to the end of the build, yet each
    full collection would scan every one of their objects again while pages are rendered
    (a sixth of the render stage at 1,000 articles). Frozen they are skipped, and forked
    analysis workers leave their memory pages shared. The collector gets them back at
    the end, so a long ``sitegen serve`` frees old sites as before.
    """
    try:
        yield
    finally:
        gc.unfreeze()


def write_stories(
    site: Site,
    analyses: Corrected,
    theme: Theme,
    pages: PageCache,
    staging: Path,
    on_story: Callable[[int, int], None] | None = None,
) -> tuple[dict[str, StoryRecord], list[StoryDigest]]:
    """Each story's pages and export into ``staging``: carried over from the output when
    nothing they depend on changed, else rendered and written. Returns each story's
    record and, in story order, its digest for the site-wide pages, kept in the record
    so that a carried story's analysis is not read at all."""
    records, digests = {}, []
    for index, (story, analysis_key) in enumerate(zip(site.stories, analyses.keys, strict=True)):
        key = page_key(analysis_key, theme.digest)
        found = pages.held(story.id, key)
        digest = None if found is None else _kept_digest(story.id, found)
        if found is not None and digest is not None:
            pages.link(found, staging)
        else:
            analysis = analyses[index]
            files = chain(
                story_files(site, story, analysis, theme),
                [story_file(story, analysis)],
                story_tables(site, story, analysis),
            )
            digest = story_digest(site, story, analysis)
            found = record(key, write_files(files, staging), staging, digest.to_json())
        records[story.id] = found
        digests.append(digest)
        if on_story is not None:
            on_story(index + 1, len(site.stories))
    return records, digests


def _kept_digest(story: str, found: StoryRecord) -> StoryDigest | None:
    """The digest in a carried story's record; None, to render the story afresh, if the
    record has none or a damaged one (a hand edit: records are written atomically)."""
    try:
        return StoryDigest.from_json(found.view)
    except ValueError as exc:
        warnings.warn(f"ignoring the damaged page record of story {story}: {exc}", stacklevel=2)
        return None


def check(content: Path, strict: bool = False, drafts: bool = False) -> Site:
    """Validate the content folder and return it; with ``strict``, its warnings are
    raised as errors."""
    site = load_site(content, drafts=drafts)
    # the theme's translation tables are part of the site: a missing one is a warning too
    folders = theme_folders(content)
    _, said_in_english = load_translations(folders, site.config.language, content / "site.yaml")
    site = dataclasses.replace(site, warnings=tuple(sorted(site.warnings + said_in_english)))
    if strict and site.warnings:
        raise ContentErrors(site.warnings)
    return site
