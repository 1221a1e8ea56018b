"""Where every page lives, and links between pages that work under any host or sub-path.

All internal links are relative to the page that holds them, so a site copied under
``/coverage/`` or opened from disk still works; absolute URLs (canonical, feed, sitemap)
are built from ``base_url``.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Claim


FEED_PATH = "feed.xml"  # the Atom feed of the stories
API_INDEX = "api/index.json"  # the data export's list of stories (CONTRACT §3)
TABLES = ("quotes", "claims", "divergences")  # a story's CSV tables (CONTRACT §5)
OUTLETS_TABLE = "api/outlets.csv"  # every outlet with its registry facts


def export_path(story: str) -> str:
    """A story's JSON export."""
    return f"api/{story}.json"


def table_path(story: str, table: str) -> str:
    """One of a story's CSV tables: ``quotes``, ``claims`` or ``divergences``."""
    return f"api/{story}.{table}.csv"


def sentence_anchor(index: int) -> str:
    """The fragment id of an article page's sentence ``index`` (0-based): ``s1``, ``s2``..."""
    return f"s{index + 1}"


def story_path(story: str) -> str:
    return f"stories/{story}/"


def article_path(story: str, article: str) -> str:
    return f"stories/{story}/articles/{article}/"


# Claim and quote pages are files, not folders with an index.html: a story has dozens of
# them, and creating (and, on a rebuild, removing) a folder per page was most of the
# filesystem work of a build. Articles, stories and outlets keep their folder URLs.


def claim_path(story: str, claim: str) -> str:
    return f"stories/{story}/claims/{claim}.html"


def claim_target(story: str, claim: Claim) -> str:
    """Where a claim is shown. A claim two or more outlets carry has its own page; one
    that a single outlet carries is that outlet's sentence, so it links there (a page of
    its own would repeat the sentence and, for a long article, multiply the site)."""
    if claim.shared:
        return claim_path(story, claim.id)
    source = claim.sources[0]
    return f"{article_path(story, source.article)}#{sentence_anchor(source.sentence)}"


def timeline_path(story: str) -> str:
    """A story's timeline: its articles by publication time, and who carried each claim
    first (sitegen.site.timeline)."""
    return f"stories/{story}/timeline.html"


def quote_path(story: str, quote: str) -> str:
    return f"stories/{story}/quotes/{quote}.html"


# The story read by its outlets' country and by their kind (sitegen.site.grouping): files
# beside the story page, so its links to articles and claims are the story page's own.
GROUPINGS = ("country", "kind")


def grouped_path(story: str, by: str) -> str:
    """A story's claims and omissions grouped ``by`` one of :data:`GROUPINGS`."""
    return f"stories/{story}/by-{by}.html"


# Embeddable cards: one claim's sources or one quotation's renderings on a bare page that
# other sites may frame. They sit under their own top folder so that one header rule can
# allow framing for them alone (netlify.toml), and so the sitemap and search skip them.
EMBED_ROOT = "embed/"


def embed_claim_path(story: str, claim: str) -> str:
    return f"{EMBED_ROOT}{story}/claims/{claim}.html"


def embed_quote_path(story: str, quote: str) -> str:
    return f"{EMBED_ROOT}{story}/quotes/{quote}.html"


def speaker_path(story: str, speaker: str) -> str:
    """A speaker's page in a story: ``speaker`` is the page name made from the speaker's
    name (:func:`sitegen.site.speakers.speaker_slugs`)."""
    return f"stories/{story}/speakers/{speaker}.html"


def outlet_path(outlet: str) -> str:
    return f"outlets/{outlet}/"


def file_for(path: str) -> str:
    """The file that serves a site path: ``stories/x/`` -> ``stories/x/index.html``."""
    return path + "index.html" if path == "" or path.endswith("/") else path


def folder_of(page: str) -> str:
    """The folder holding the file that serves site path ``page`` ("" for the root)."""
    return page.rpartition("/")[0]


def relative(target: str, page: str) -> str:
    """Link from the page at site path ``page`` to site path ``target``.

    Plain string work rather than ``posixpath.relpath``: site paths are already clean
    (relative, no ``..``), and this runs for every link of every page.
    """
    return relative_from(folder_of(page), target)


def relative_from(here: str, target: str) -> str:
    """Link to site path ``target`` from a page in folder ``here`` (see :func:`folder_of`).

    The folder-to-folder part is memoised: a site has few folders, and every page links to
    the same handful of them (its story, the story's articles, the outlets).
    """
    target, hash_, fragment = target.partition("#")
    folder, _, name = target.rpartition("/")
    rel = _climb(here, folder) + name
    return (rel or "./") + hash_ + fragment


@lru_cache(maxsize=1 << 16)
def _climb(here: str, there: str) -> str:
    """The relative path from folder ``here`` to folder ``there``, with a trailing slash
    ("" when they are the same folder)."""
    a = here.split("/") if here else []
    b = there.split("/") if there else []
    common = 0
    while common < min(len(a), len(b)) and a[common] == b[common]:
        common += 1
    parts = [".."] * (len(a) - common) + b[common:]
    return "".join(part + "/" for part in parts)


def absolute(base_url: str, path: str) -> str:
    """An absolute URL for a site path, or the site-relative path when no base is set."""
    if not base_url:
        return "/" + path
    return base_url.rstrip("/") + "/" + path


# ---------------------------------------------------------------- search page and its index

SEARCH_PATH = "search/"  # the site path of the search page
SEARCH_BUNDLE = "pagefind/"  # the primary Pagefind bundle, with the UI
SEARCH_SHARDS = SEARCH_BUNDLE + "shards/"  # the shards' bundles, inside the primary's folder
SHARD_STORIES = 12  # stories per shard, until there are MAX_SHARDS of them
MAX_SHARDS = 16  # each a bundle the browser loads on the first search


def shard_count(stories: int) -> int:
    return max(1, min(MAX_SHARDS, math.ceil(stories / SHARD_STORIES)))


def shard_of(story: str, count: int) -> int:
    """A story's shard: from its id alone, so it stays put while the site grows."""
    return int(hashlib.sha256(story.encode()).hexdigest()[:8], 16) % count


def search_shards(stories: Sequence[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each non-empty shard's site path and stories, in shard order."""
    count = shard_count(len(stories))
    dealt: dict[int, list[str]] = {}
    for story in sorted(stories):
        dealt.setdefault(shard_of(story, count), []).append(story)
    return tuple((f"{SEARCH_SHARDS}{n}/", tuple(dealt[n])) for n in sorted(dealt))


def shard_paths(stories: Sequence[str]) -> tuple[str, ...]:
    """Site paths of the shards the search page merges into the primary bundle."""
    return tuple(path for path, _ in search_shards(stories))
