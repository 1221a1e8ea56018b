"""Per-story page cache: a story's files carried over from the previous build.

Whole stories only, never pieces of one (Zola dropped finer-grained reuse for
correctness). A story's pages and its JSON export depend on the story, its analysis,
the site configuration and outlets, the code, and the templates and assets, nothing
else: no story page shows another story. The analysis key
(:func:`sitegen.build.analysis_cache.story_key`) covers all of that except the templates,
so a story's page key is its analysis key plus a hash of the templates folder. The site-wide pages
(home, outlets, feed, sitemap, search) read every story and are always rendered.

After a build, the record of each story lists its files as they stand in the output:
path, size, modification time and inode. A later build with the same key hard-links
those files from the output into its staging folder instead of rendering and writing
them again, but only when every one of them still stands in the output exactly as
recorded; a file edited, replaced or removed since makes the story render afresh. A
hard link is safe because no build ever writes into an existing file: staging folders
start empty and each file is created whole.

Records live beside the analysis cache, one folder per output folder, or in memory only
(``folder=None``), as ``sitegen serve`` keeps them for its private output.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..files import atomic_write
from .analysis_cache import CACHE_FOLDER

# Where hard links cannot be made (another filesystem, one without links), files are
# copied instead: slower, never wrong.
_NO_LINK = frozenset({errno.EXDEV, errno.EPERM, errno.ENOTSUP, errno.EMLINK, errno.EOPNOTSUPP})


@dataclass(frozen=True)
class Stamp:
    """A file as a build left it in the output."""

    path: str  # site path, e.g. "stories/x/index.html"
    size: int
    mtime_ns: int
    inode: int

    @classmethod
    def of(cls, root: Path | str, path: str) -> Stamp:
        # Strings, not Paths: this runs for every file of every story on every build.
        st = os.stat(os.path.join(root, path))
        return cls(path, st.st_size, st.st_mtime_ns, st.st_ino)

    def holds(self, root: Path | str) -> bool:
        """Whether the file still stands in ``root`` exactly as stamped."""
        try:
            return Stamp.of(root, self.path) == self
        except FileNotFoundError:
            return False


@dataclass(frozen=True)
class StoryRecord:
    key: str
    files: tuple[Stamp, ...]
    # What else the build keeps of the story with its files, as JSON values: the
    # site-wide pages' digest of its analysis (:class:`sitegen.site.views.StoryDigest`).
    view: object = None

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(stamp.path for stamp in self.files)


def record(key: str, paths: Sequence[str], staging: Path, view: object = None) -> StoryRecord:
    """The record of files just written to ``staging`` (renaming the folder into place
    keeps their inodes and times)."""
    return StoryRecord(key, tuple(Stamp.of(staging, path) for path in paths), view)


def page_key(analysis_key: str, templates: str) -> str:
    """The hash of everything a story's pages and export depend on: what its analysis
    depends on (:func:`sitegen.build.analysis_cache.story_key`) and the templates."""
    return hashlib.sha256(f"{analysis_key}\0{templates}".encode()).hexdigest()


def link_files(paths: Sequence[str], source: str, target: str) -> None:
    """Hard-link each of ``paths`` from the folder ``source`` into the folder ``target``."""
    made: set[str] = set()
    for path in paths:
        folder = os.path.dirname(path)
        if folder not in made:
            os.makedirs(os.path.join(target, folder), exist_ok=True)
            made.add(folder)
        old, new = os.path.join(source, path), os.path.join(target, path)
        try:
            os.link(old, new)
        except OSError as exc:
            if exc.errno not in _NO_LINK:
                raise
            shutil.copyfile(old, new)


class PageCache:
    """Which files each story wrote into ``output`` at the last build, and under what key.

    :meth:`carry` takes a story's files over into a staging folder; :func:`record` notes
    the files a story has just been written to; :meth:`commit`, called once the staging
    folder has replaced the output, makes a build's records the current ones.
    """

    def __init__(self, folder: Path | None, output: Path) -> None:
        self.folder = folder
        self.output = output.resolve()
        self._records: dict[str, StoryRecord] = {}
        self._on_disk: dict[str, StoryRecord] = {}  # as last read from or written to a file

    @classmethod
    def beside(cls, content: Path, output: Path) -> PageCache:
        """The records for building ``content`` into ``output``, kept with the analysis
        cache (``.sitegen-cache/<content>/pages/<hash of the output path>/``)."""
        content, output = content.resolve(), output.resolve()
        name = hashlib.sha256(os.fsencode(output)).hexdigest()[:16]
        return cls(content.parent / CACHE_FOLDER / content.name / "pages" / name, output)

    def held(self, story: str, key: str) -> StoryRecord | None:
        """The story's record, if its files were written under ``key`` and stand in the
        output untouched since; else None."""
        record = self._records.get(story) or self._load(story)
        if record is None or record.key != key:
            return None
        output = str(self.output)
        return record if all(stamp.holds(output) for stamp in record.files) else None

    def link(self, record: StoryRecord, staging: Path) -> StoryRecord:
        """Link the files of a :meth:`held` record from the output into ``staging``."""
        link_files(record.paths, str(self.output), str(staging))
        return record

    def carry(self, story: str, key: str, staging: Path) -> StoryRecord | None:
        """:meth:`held`, then :meth:`link`: the record of the files carried, or None."""
        record = self.held(story, key)
        return None if record is None else self.link(record, staging)

    def carry_all(self, name: str, staging: Path) -> dict[str, StoryRecord]:
        """Carry ``name`` and every ``name.<part>`` over as they were last recorded,
        whatever they depend on now; their records, for those still intact."""
        names = set(self._records)
        if self.folder is not None:
            names |= {path.stem for path in self.folder.glob("*.json")}
        carried = {}
        for each in sorted(n for n in names if n == name or n.startswith(name + ".")):
            held = self._records.get(each) or self._load(each)
            found = None if held is None else self.carry(each, held.key, staging)
            if found is not None:
                carried[each] = found
        return carried

    def amend(self, records: Mapping[str, StoryRecord]) -> None:
        """Files the output gained since the last commit (a search index swapped in)."""
        self._records.update(records)
        if self.folder is not None:
            for name, held in sorted(records.items()):
                self._save(name, held)

    def commit(self, records: Mapping[str, StoryRecord]) -> None:
        """The staging folder the ``records`` describe is now the output: they are the
        current records. Records of stories no longer built are dropped."""
        self._records = dict(records)
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for path in sorted(self.folder.glob("*.json")):
            if path.stem not in self._records:
                path.unlink(missing_ok=True)
        for story, record in sorted(self._records.items()):
            self._save(story, record)

    def _load(self, story: str) -> StoryRecord | None:
        if self.folder is None:
            return None
        path = self.folder / f"{story}.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (ValueError, UnicodeDecodeError) as exc:
            # Only a damaged disk or a hand edit gets here (writes are atomic): say so,
            # and render the story afresh, which rewrites the record.
            warnings.warn(f"ignoring damaged page record {path}: {exc}", stacklevel=2)
            return None
        files = tuple(Stamp(*item) for item in data["files"])
        record = self._on_disk[story] = StoryRecord(data["key"], files, data.get("view"))
        return record

    def _save(self, story: str, record: StoryRecord) -> None:
        assert self.folder is not None
        if self._on_disk.get(story) == record:
            return  # a carried story's record, read this build: nothing to compare or write
        path = self.folder / f"{story}.json"
        data = {
            "key": record.key,
            "files": [[s.path, s.size, s.mtime_ns, s.inode] for s in record.files],
            "view": record.view,
        }
        text = json.dumps(data, separators=(",", ":"))
        try:
            if path.read_text(encoding="utf-8") == text:
                return  # unchanged: a carried story costs no write
        except (FileNotFoundError, UnicodeDecodeError):
            pass
        atomic_write(path, text)
        self._on_disk[story] = record
