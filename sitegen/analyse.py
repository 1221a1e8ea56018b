"""Analyse stage: one story's articles -> a :class:`StoryAnalysis`.

Stories are independent, so each is analysed on its own; the result depends only on the
story's articles, which is what makes whole-story caching safe.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing
from itertools import chain

from . import markup, sentences
from .cache import AnalysisCache
from .claims import align_claims
from .divergences import find_divergences
from .model import Site, Story, StoryAnalysis
from .reuse import find_reuse
from .utterances import find_quotes


def analyse_story(story: Story) -> StoryAnalysis:
    """Plain text -> sentences -> quotes and claims -> the divergences between them."""
    articles = story.articles
    texts = tuple(markup.plain_text(a.id, a.body) for a in articles)
    sents = tuple(chain.from_iterable(sentences.segment(t) for t in texts))
    quotes = find_quotes(articles, texts, sents)
    claims = align_claims(articles, texts, sents)
    return StoryAnalysis(
        story=story.id,
        texts=texts,
        sentences=sents,
        quotes=quotes,
        claims=claims,
        divergences=find_divergences(articles, texts, sents, claims, quotes),
        reuse=find_reuse(texts),
    )


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


def analyse_site(
    site: Site,
    on_story: Callable[[int, int], None] | None = None,
    cache: AnalysisCache | None = None,
    workers: int | None = None,
) -> tuple[StoryAnalysis, ...]:
    """Analyse every story; with a ``cache``, only stories whose files, configuration or
    code changed since their last analysis are analysed again.

    The stories left to analyse go to worker processes (by default one per core, once
    there are ``PARALLEL_MIN_STORIES`` of them), so an edit to one story never pays for
    starting processes. The result is the same tuple as a single-process run: each
    story's analysis depends on that story alone, and results are collected in order.
    """
    stories = site.stories
    found = [cache.lookup(site, story) if cache is not None else None for story in stories]
    missing = [story for story, hit in zip(stories, found, strict=True) if hit is None]
    results = []
    with closing(_analyse_each(missing, _worker_count(workers, len(missing)))) as fresh:
        for done, (story, hit) in enumerate(zip(stories, found, strict=True), 1):
            if hit is None:
                hit = next(fresh)
                if cache is not None:
                    cache.store(site, story, hit)
            results.append(hit)
            if on_story:
                on_story(done, len(stories))
    return tuple(results)


def _analyse_each(stories: list[Story], workers: int) -> Iterator[StoryAnalysis]:
    """Analyses of ``stories`` in order, computed in ``workers`` processes if more than one."""
    if workers == 1:
        yield from map(analyse_story, stories)
        return
    pool = _process_pool(workers)
    try:
        yield from pool.map(analyse_story, stories)
    finally:  # an interrupted build (Ctrl-C) does not wait for the stories still queued
        pool.shutdown(cancel_futures=True)
