"""Watching the files a build reads: which changed, and when a burst of saves is over.

Polling, not OS notifications, because it needs no extra dependency and behaves the same
on every filesystem (network mounts, containers). A poll of a 1,000-article content
folder is a few milliseconds of ``stat`` calls.

Two things make a naive mtime poll lose saves, and both are handled here:

- Editors save through temporary files (``4913``, ``.x.swp``, ``x~``, ``.#x``) and some
  delete the file for a moment before writing it again. Temporary names are ignored, and
  a burst in which a file vanished waits a little longer before building.
- File times are coarse (a few milliseconds on Linux, seconds elsewhere), so two saves of
  the same size can leave the same mtime. As git does for "racily clean" files, a file
  modified within the last few seconds is also identified by a hash of its content.
"""

from __future__ import annotations

import hashlib
import math
import os
import stat
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# Names editors write beside the file being saved (vim, emacs, nano, JetBrains, VS Code).
_TEMP_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".bck")
_TEMP_NAMES = frozenset({"4913"})  # vim's probe for whether it may write in a folder
RECENT_NS = 5_000_000_000  # files newer than this are also compared by content


def is_ignored(name: str) -> bool:
    """True for dotfiles (``.#x`` emacs locks, ``.x.swp``), editor backups and temporaries,
    and emacs ``#x#`` autosaves: never content, and never a reason to rebuild."""
    return (
        name.startswith(".")
        or name in _TEMP_NAMES
        or name.endswith(_TEMP_SUFFIXES)
        or (name.startswith("#") and name.endswith("#"))
    )


@dataclass(frozen=True)
class Signature:
    """What a poll knows of one file; equal signatures mean an unchanged file."""

    mtime_ns: int
    size: int
    inode: int
    digest: str | None = None  # content hash, kept while the mtime is recent

    def same_stat(self, other: Signature) -> bool:
        return (self.mtime_ns, self.size, self.inode) == (other.mtime_ns, other.size, other.inode)


Snapshot = Mapping[Path, Signature]


def _files(roots: Iterable[Path], exclude: Collection[Path]) -> Iterable[Path]:
    for root in roots:
        if root.is_file():
            yield root
            continue
        for folder, dirs, files in os.walk(root):
            here = Path(folder)
            dirs[:] = sorted(d for d in dirs if not is_ignored(d) and here / d not in exclude)
            yield from (here / f for f in sorted(files) if not is_ignored(f))


def _signature(path: Path, previous: Signature | None, now_ns: int) -> Signature | None:
    """The file's signature, or None if it vanished while being looked at."""
    try:
        st = path.stat()
        sig = Signature(st.st_mtime_ns, st.st_size, st.st_ino)
        # Only a regular file is read: opening a FIFO would wait for a writer for ever.
        if now_ns - st.st_mtime_ns < RECENT_NS and stat.S_ISREG(st.st_mode):
            digest = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
            return Signature(sig.mtime_ns, sig.size, sig.inode, digest)
    except OSError:  # vanished, or a link that loops or leads nowhere: the build says so
        return None
    if previous is not None and previous.same_stat(sig):
        return previous  # keep the digest taken while it was recent: no spurious change
    return sig


def scan(
    roots: Sequence[Path],
    previous: Snapshot,
    now_ns: int,
    exclude: Collection[Path] = (),
) -> dict[Path, Signature]:
    """Signatures of every watched file under ``roots``, skipping ignored names and the
    ``exclude``d folders (the ones the server itself writes)."""
    snapshot = {}
    for path in _files(roots, frozenset(exclude)):
        sig = _signature(path, previous.get(path), now_ns)
        if sig is not None:
            snapshot[path] = sig
    return snapshot


def changes(before: Snapshot, after: Snapshot) -> frozenset[Path]:
    """Files added, removed or modified between two polls."""
    return frozenset(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


@dataclass
class Debouncer:
    """Turns a stream of changes into one build per burst of saves.

    A build is due once no change has arrived for ``quiet`` seconds (``vanish_quiet`` if
    the latest change left a file missing, as an editor's delete-then-write save does), or
    ``longest`` seconds after the burst began, so a never-ending stream still shows up.
    Times are passed in, so the logic is tested without clocks.
    """

    quiet: float = 0.1
    vanish_quiet: float = 0.6
    longest: float = 2.0
    _paths: set[Path] = field(default_factory=set)
    _first: float | None = None
    _last: float = 0.0
    _wait: float = 0.0

    def add(self, paths: Iterable[Path], now: float, vanished: bool = False) -> None:
        paths = set(paths)
        if not paths:
            return
        if self._first is None:
            self._first = now
        self._paths |= paths
        self._last = now
        self._wait = self.vanish_quiet if vanished else self.quiet

    @property
    def pending(self) -> bool:
        return self._first is not None

    def due(self, now: float) -> bool:
        return self.due_in(now) <= 0

    def due_in(self, now: float) -> float:
        """Seconds until the pending burst is due (0 if it is; infinity if none is)."""
        if self._first is None:
            return math.inf
        return max(0.0, min(self._last + self._wait, self._first + self.longest) - now)

    def take(self) -> frozenset[Path]:
        """The burst's changed paths; the debouncer starts afresh."""
        paths = frozenset(self._paths)
        self._paths.clear()
        self._first = None
        return paths
