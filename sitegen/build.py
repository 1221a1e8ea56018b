"""The whole build, one stage after another: load -> analyse -> render -> write."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from .analyse import analyse_site
from .cache import AnalysisCache
from .content import load_site
from .export import export_files
from .feeds import feed_files
from .render import iter_site
from .search import index_site
from .write import staged, write_files

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class BuildReport:
    stories: int
    articles: int
    pages: int
    seconds: float

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
) -> BuildReport:
    """Build the site for ``content`` into ``output``; raise ContentErrors on bad content,
    leaving any previous ``output`` untouched. Stories unchanged since the last build
    reuse their analysis from ``cache`` (default: the on-disk cache beside ``content``)."""
    started = time.perf_counter()
    site = load_site(content, base_url, on_story=_stage(progress, "loading"))
    cache = cache if cache is not None else AnalysisCache.beside(content)
    analyses = analyse_site(site, on_story=_stage(progress, "analysing"), cache=cache)
    with staged(output) as staging:
        written = write_files(
            chain(iter_site(site, analyses), export_files(site, analyses)), staging
        )
        written += write_files(feed_files(site, written), staging)
        index_site(staging)  # Pagefind reads the written pages: last, before the swap
    return BuildReport(
        stories=len(site.stories),
        articles=sum(len(s.articles) for s in site.stories),
        pages=sum(path.endswith(".html") for path in written),
        seconds=time.perf_counter() - started,
    )


def check(content: Path) -> int:
    """Validate the content folder; return the number of stories found."""
    return len(load_site(content).stories)
