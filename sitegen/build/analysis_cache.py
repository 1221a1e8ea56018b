"""Per-story analysis cache, in memory and on disk.

Analysis is the slow stage and each story's result depends only on that story's loaded
files, the site configuration and the code, so a story whose key is unchanged reuses its
last :class:`StoryAnalysis`. The key hashes exactly those three things:

- the story as loaded from its files (every field of the Story and its Articles, with
  paths made relative to the story folder, so a copied content folder still hits), but
  not its corrections.yaml, which is applied after the analysis;
- the site configuration and outlets (site.yaml, outlets.yaml);
- the code: ``sitegen.__version__`` plus a hash of every file of the sitegen package.

Keys are computed from what the loader read, not by re-reading the files, so a file saved
again while a build runs can never file an old analysis under the new content's key.

On disk there is one file per story, ``<cache>/<content-folder-name>/<story>.json``:
a header line with the key, then the analysis as JSON (:mod:`sitegen.build.analysis_codec`).
Not pickle: whoever can put a file in the cache folder (a project archive shared with
it) could make unpickling run any code, and the key in the header is no defence, as it
is computed from the content and the public code. JSON gives back only data, checked
field by field. The header is compared first, so an entry for other content is never
decoded at all (nor is any entry, on a build whose pages are all carried over); files
are replaced atomically, through a fresh temporary name, so a killed build leaves
either the old entry or the new one.
"""

from __future__ import annotations

import dataclasses
import hashlib
import warnings
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from .. import __version__
from ..files import atomic_write, tree_hash
from ..model import Site, Story, StoryAnalysis
from .analysis_codec import DamagedEntry, decode, encode

CACHE_FOLDER = ".sitegen-cache"
_PACKAGE = Path(__file__).resolve().parent.parent  # the whole sitegen package


@lru_cache(maxsize=1)
def code_version() -> str:
    """``__version__`` plus the hash of this package's files, read once per process (the
    code that runs is the code that was imported): any code edit is a new version."""
    return f"{__version__}+{tree_hash(_PACKAGE)}"


def _canonical(value: object, base: Path) -> object:
    """A structure of plain values whose repr is stable across runs and machines."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            tuple(
                (f.name, _canonical(getattr(value, f.name), base))
                for f in dataclasses.fields(value)
            ),
        )
    if isinstance(value, (tuple, list)):
        return tuple(_canonical(v, base) for v in value)
    if isinstance(value, Path):
        return value.relative_to(base).as_posix() if value.is_relative_to(base) else value.name
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot key the cache on a {type(value).__name__}: {value!r}")


def story_key(site: Site, story: Story, code: str) -> str:
    """The hash of everything the story's analysis may depend on."""
    digest = hashlib.sha256(code.encode() + b"\0")
    digest.update(repr(_canonical((site.config, site.outlets), site.root)).encode() + b"\0")
    # Corrections are applied after the analysis: an edited corrections.yaml re-renders
    # the story (the page key has them, sitegen.analysis.corrections.corrected_key) but never
    # analyses it again.
    bare = dataclasses.replace(story, corrections=None)
    digest.update(repr(_canonical(bare, story.path)).encode())
    return digest.hexdigest()


class AnalysisCache:
    """StoryAnalysis per story, reused while the story's key is unchanged.

    ``folder=None`` keeps entries in memory only. With a folder, ``keep=False`` holds
    none in memory: each is read from disk when asked for, so a build of a large site
    never holds every story's analysis at once. ``computed`` counts the analyses stored
    (cache misses), so a caller can report how many stories were analysed afresh.
    """

    def __init__(self, folder: Path | None, code: str | None = None, keep: bool = True) -> None:
        self.folder = folder
        self.code = code if code is not None else code_version()
        self.keep = keep or folder is None
        self.computed = 0
        self._memory: dict[str, tuple[str, StoryAnalysis]] = {}  # story id -> (key, analysis)

    @classmethod
    def beside(cls, content: Path, keep: bool = True) -> AnalysisCache:
        """The cache for a content folder: ``.sitegen-cache/`` next to it, so it is never
        inside the content (watched) nor the output (published)."""
        content = content.resolve()
        return cls(content.parent / CACHE_FOLDER / content.name, keep=keep)

    def key(self, site: Site, story: Story) -> str:
        return story_key(site, story, self.code)

    def has(self, story: str, key: str) -> bool:
        """Whether an analysis is stored under ``key``, without decoding it: a build whose
        pages are carried over never needs it. (A damaged entry is found when it is read,
        and the story analysed afresh then, see :class:`sitegen.build.parallel.Analyses`.)"""
        held = self._memory.get(story)
        if held is not None and held[0] == key:
            return True
        path = self._path(story)
        if path is None or not path.is_file():
            return False
        with path.open("rb") as f:
            return f.readline().rstrip(b"\n") == key.encode()

    def get(self, story: str, key: str) -> StoryAnalysis | None:
        """The story's analysis if it was stored under ``key``, else None."""
        held = self._memory.get(story)
        if held is not None and held[0] == key:
            return held[1]
        analysis = self._load(story, key)
        if analysis is not None and self.keep:
            self._memory[story] = (key, analysis)
        return analysis

    def put(self, story: str, key: str, analysis: StoryAnalysis | bytes) -> None:
        """Keep a freshly computed analysis (in memory if ``keep``, and on disk). It may
        come encoded, as from a worker process: those bytes are stored as they are."""
        self.computed += 1
        if self.keep:
            held = analysis
            if isinstance(held, bytes):
                held = self._checked(decode(held), story, "a worker")
            self._memory[story] = (key, held)
        path = self._path(story)
        if path is not None:
            data = analysis if isinstance(analysis, bytes) else encode(analysis)
            self._write(path, key, data)

    def _path(self, story: str) -> Path | None:
        return None if self.folder is None else self.folder / f"{story}.json"

    def _load(self, story: str, key: str) -> StoryAnalysis | None:
        path = self._path(story)
        if path is None or not path.is_file():
            return None
        with path.open("rb") as f:
            if f.readline().rstrip(b"\n") != key.encode():
                return None
            data = f.read()
        try:
            return self._checked(decode(data), story, str(path))
        except (DamagedEntry, TypeError) as exc:
            # A damaged disk, a hand edit, or a file planted there (writes are atomic):
            # say so, and analyse afresh, which overwrites the entry.
            warnings.warn(f"ignoring damaged cache entry {path}: {exc}", stacklevel=2)
            return None

    @staticmethod
    def _checked(analysis: object, story: str, source: str) -> StoryAnalysis:
        if not isinstance(analysis, StoryAnalysis) or analysis.story != story:
            raise TypeError(f"{source} gave no analysis of story {story!r}")
        return analysis

    @staticmethod
    def _write(path: Path, key: str, data: bytes) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, key.encode() + b"\n" + data)
        # an entry of the pickle format this one replaced: never read again
        path.with_suffix(".pickle").unlink(missing_ok=True)
