"""Every story analysed, the stale ones in worker processes, each result in the cache.

Stories are independent, so each is analysed on its own (:func:`sitegen.analysis.stage.
analyse_story`); the result depends only on the story's articles, which is what makes
whole-story caching and analysing in parallel safe.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing
from typing import overload

from ..analysis.stage import analyse_story
from ..model import Site, Story, StoryAnalysis
from .analysis_cache import AnalysisCache
from .analysis_codec import encode

# A build keeps the analyses of up to this many characters of article text in memory
# (they take some 20 bytes a character); beyond it, each is read from the disk cache when
# its pages are rendered, so memory stays flat however many stories a site has.
KEEP_TEXT = 20_000_000


def keeps_in_memory(site: Site) -> bool:
    return sum(len(a.body) for story in site.stories for a in story.articles) <= KEEP_TEXT


_PR_SET_PDEATHSIG = 1

# Below this many stories, starting worker processes costs more than it saves.
PARALLEL_MIN_STORIES = 8


def _worker_count(requested: int | None, stories: int) -> int:
    """Processes to analyse with: ``requested``, or one per core when there are enough
    stories to pay for starting them; never more than there are stories."""
    if requested is None:
        if stories < PARALLEL_MIN_STORIES:
            return 1
        requested = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return max(1, min(requested, stories))


def _die_with_parent() -> None:
    """Make a worker exit when the build that started it is killed.

    A forked worker inherits the pool's pipes, so it never sees them close and would
    otherwise sleep forever after ``kill -9`` of the build (Linux only; elsewhere the
    pool's own shutdown is all there is)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


def _process_pool(workers: int) -> ProcessPoolExecutor:
    """Worker processes, all forked at once, on the first job.

    fork, where there is one: a worker starts in milliseconds with the analysis already
    imported, and the caller's ``__main__`` is not imported again (spawn and forkserver
    re-run an unguarded script). Forking while other threads run can leave a lock held in
    the child; the workers only compute, and all of them are forked here, from the thread
    that runs :func:`analyse_site`, before any job is running.
    """
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    pool = ProcessPoolExecutor(
        workers, mp_context=multiprocessing.get_context(method), initializer=_die_with_parent
    )
    pool.submit(os.getpid).result()
    return pool


class Analyses(Sequence[StoryAnalysis]):
    """Every story's analysis, in story order, read from the cache when asked for (from
    memory, or from disk for a cache that keeps none in memory). ``keys`` are the
    stories' cache keys, computed once."""

    def __init__(self, site: Site, cache: AnalysisCache, keys: Sequence[str]) -> None:
        self.stories = tuple(story.id for story in site.stories)
        self._site = site
        self.keys = tuple(keys)
        self._cache = cache

    def __len__(self) -> int:
        return len(self.stories)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    @overload
    def __getitem__(self, index: int) -> StoryAnalysis: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[StoryAnalysis, ...]: ...
    def __getitem__(self, index: int | slice) -> StoryAnalysis | tuple[StoryAnalysis, ...]:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        story, key = self.stories[index], self.keys[index]
        analysis = self._cache.get(story, key)
        if analysis is None:  # a damaged entry, found only now (has() does not decode)
            analysis = analyse_story(self._site.stories[index])
            self._cache.put(story, key, analysis)
        return analysis


def analyse_site(
    site: Site,
    on_story: Callable[[int, int], None] | None = None,
    cache: AnalysisCache | None = None,
    workers: int | None = None,
) -> Analyses:
    """Analyse every story; only stories whose files, configuration or code changed
    since their last analysis in ``cache`` (default: one in memory) are analysed again.

    The stories left to analyse go to worker processes (by default one per core, once
    there are ``PARALLEL_MIN_STORIES`` of them), so an edit to one story never pays for
    starting processes. The result is the same as a single-process run's: each story's
    analysis depends on that story alone, and results are stored as they come, in order.
    """
    cache = cache if cache is not None else AnalysisCache(None)
    stories = site.stories
    keys = [cache.key(site, story) for story in stories]
    missing = [(s, k) for s, k in zip(stories, keys, strict=True) if not cache.has(s.id, k)]
    done = len(stories) - len(missing)
    if on_story and done:
        on_story(done, len(stories))
    todo = [story for story, _ in missing]
    with closing(_analyse_each(todo, _worker_count(workers, len(todo)))) as fresh:
        for (story, key), analysis in zip(missing, fresh, strict=True):
            cache.put(story.id, key, analysis)
            done += 1
            if on_story:
                on_story(done, len(stories))
    return Analyses(site, cache, keys)


def _encoded_analysis(story: Story) -> bytes:
    return encode(analyse_story(story))


def _analyse_each(stories: list[Story], workers: int) -> Iterator[StoryAnalysis | bytes]:
    """Analyses of ``stories`` in order, computed in ``workers`` processes if more than one.

    A worker's analysis comes back encoded as the cache stores it: encoded once to cross
    the process boundary and to reach the disk, not once for each."""
    if workers == 1:
        yield from map(analyse_story, stories)
        return
    pool = _process_pool(workers)
    try:
        yield from pool.map(_encoded_analysis, stories)
    finally:  # an interrupted build (Ctrl-C) does not wait for the stories still queued
        pool.shutdown(cancel_futures=True)
