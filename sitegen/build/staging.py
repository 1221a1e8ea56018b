"""Write stage: the built files -> the output folder, all or nothing.

The site is written into a fresh folder beside the output, then swapped in with one
atomic ``renameat2(RENAME_EXCHANGE)`` where the kernel has it, so a reader, a server or
an interrupted build never sees a half-written site, and a failed build leaves the old
output byte for byte as it was. Concurrent builds serialise on a lock at the swap only.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath

from ..errors import SitegenError
from ..model import OutputFile

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
STAGING_PREFIX = ".sitegen-staging-"


class UnsafeOutputPath(SitegenError, ValueError):
    """A file path that would land outside the output folder."""


def _checked(path: str) -> PurePosixPath:
    rel = PurePosixPath(path)
    if rel.is_absolute() or not rel.parts or any(p in ("..", "", ".") for p in rel.parts):
        raise UnsafeOutputPath(f"refusing to write {path!r} outside the output folder")
    return rel


def write_files(files: Iterable[OutputFile], root: Path) -> tuple[str, ...]:
    """Write each file as it comes (pages are rendered lazily, so a huge story never
    sits in memory whole); return the paths written, in order."""
    seen: set[PurePosixPath] = set()
    written: list[str] = []
    for file in files:
        rel = _checked(file.path)
        if rel in seen:
            raise ValueError(f"two pages would be written to {file.path!r}")
        seen.add(rel)
        target = root.joinpath(*rel.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        # "x": never into an existing file. A file carried over is a hard link to the
        # live site's; writing into it would change the site being replaced.
        with open(target, "xb") as f:
            f.write(file.data)
        written.append(file.path)
    return tuple(written)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths; False where the platform cannot."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    func = getattr(libc, "renameat2", None)
    if func is None:
        return False
    result = func(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def exchange(a: Path, b: Path) -> None:
    """Swap two existing paths: atomically where the kernel can, else by two renames."""
    if _exchange(a, b):
        return
    parked = a.with_name(a.name + ".parked")
    os.rename(a, parked)
    os.rename(b, a)
    os.rename(parked, b)


Discard = Callable[[Path], None]


def _swap_in(staging: Path, output: Path, discard: Discard) -> None:
    if not output.exists():
        try:
            os.rename(staging, output)
            return
        except OSError as exc:  # another build created it meanwhile: swap instead
            if exc.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
    if _exchange(staging, output):
        discard(staging)  # now holds the previous site
        return
    old = staging.with_name(staging.name + "-old")
    os.rename(output, old)
    os.rename(staging, output)
    discard(old)


def _clean_stale(parent: Path, prefix: str) -> None:
    """Remove staging folders left by builds that were killed."""
    for path in parent.glob(prefix + "*"):
        pid = path.name[len(prefix) :].split(".")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@contextlib.contextmanager
def staged(
    output: Path, discard: Discard = shutil.rmtree, guard: Callable[[], None] | None = None
) -> Iterator[Path]:
    """Yield a fresh folder to build into; on success it replaces ``output``, and the
    previous site goes to ``discard`` (by default deleted at once; ``sitegen serve``
    deletes it after the browser has reloaded). ``guard`` runs under the lock just
    before the swap and may raise to stop it: what stands at ``output`` may have
    changed since the build began (:func:`sitegen.guard.check_output`)."""
    output = output.resolve()
    parent = output.parent
    parent.mkdir(parents=True, exist_ok=True)
    prefix = f"{STAGING_PREFIX}{output.name}."
    lock_path = parent / f".{output.name}.sitegen-lock"
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _clean_stale(parent, prefix)
        fcntl.flock(lock, fcntl.LOCK_UN)
    staging = parent / f"{prefix}{os.getpid()}.{os.urandom(4).hex()}"
    staging.mkdir()
    swapped = False
    try:
        yield staging
        with open(lock_path, "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if guard is not None:
                guard()
            _swap_in(staging, output, discard)
            swapped = True  # staging, if it still exists, is the previous site: discard's
    finally:
        if not swapped and staging.exists():
            shutil.rmtree(staging)
