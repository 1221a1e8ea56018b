"""Where a build may write: the output guard, checked before any work and again at the swap.

A build replaces its output folder whole (see :mod:`sitegen.build.staging`), so naming the wrong
folder as the output would delete what was in it. The guard allows the replacement only
when nothing of the user's can be lost:

- the folder is missing or empty;
- or it holds the marker file a sitegen build writes (:data:`MARKER`);
- or it is the output of a sitegen build older than the marker: every entry at its top
  is one a build writes and ``api/index.json`` is sitegen's index (:func:`_legacy_output`);
- or the user said so with ``--overwrite-output``.

Some folders are refused with no way around it, flag or marker: ``/``, the home folder,
the content folder, any folder inside the content (it would be read as content) and any
folder that holds the content folder, the home folder or the current working directory
(a project). An existing path that is not a folder is refused too.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from .errors import SitegenError

MARKER = ".sitegen-output"
# Fixed text, no date or version: the output stays byte-identical for the same content.
MARKER_TEXT = '{"generator": "sitegen", "note": "sitegen build replaces this folder whole"}\n'
OVERWRITE_FLAG = "--overwrite-output"

# Every name a build writes at the top of its output (the marker aside): an older output
# holding these and nothing else is sitegen's own.
SITE_LAYOUT = frozenset(
    {
        "404.html",
        "_redirects",
        "api",
        "assets",
        "embed",  # the embeddable cards (sitegen.site.urls.EMBED_ROOT)
        "favicon.svg",
        "feed.xml",
        "index.html",
        "outlets",
        "pagefind",
        "robots.txt",
        "search",
        "sitemap.xml",
        "stories",
    }
)


class OutputRefused(SitegenError):
    """The output folder may not be replaced: the message says why and what to do."""


def _home() -> Path | None:
    try:
        return _real(Path.home())
    except (RuntimeError, KeyError):  # no HOME and no passwd entry
        return None


def _real(path: Path) -> Path:
    """Where ``path`` leads, as far as its links can be followed (never raises on a loop)."""
    return Path(os.path.realpath(path))


def _contains(folder: Path, path: Path) -> bool:
    return path == folder or path.is_relative_to(folder)


def _is_marked(folder: Path) -> bool:
    """Whether ``folder`` holds sitegen's marker: a small regular file (never a link)
    whose JSON names sitegen."""
    try:
        fd = os.open(folder / MARKER, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        data = os.read(fd, 4096)
    finally:
        os.close(fd)
    try:
        value = json.loads(data)
    except ValueError:
        return False
    return isinstance(value, dict) and value.get("generator") == "sitegen"


def _legacy_output(folder: Path, names: list[str]) -> bool:
    """An output written before builds left a marker: sitegen's layout and nothing else,
    with sitegen's data index, so no file of the user's can be among it."""
    if not set(names) <= SITE_LAYOUT or "index.html" not in names:
        return False
    index = folder / "api" / "index.json"
    try:
        if index.is_symlink() or not index.is_file() or index.stat().st_size > 64 << 20:
            return False
        value = json.loads(index.read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(value, dict) and isinstance(value.get("stories"), list)


def check_output(
    output: Path, content: Path | None = None, overwrite: bool = False, cwd: Path | None = None
) -> None:
    """Raise :class:`OutputRefused` unless a build may replace ``output`` (see the module)."""
    shown = str(output)
    try:
        target = output.resolve()  # a link is judged by where it leads: that is replaced
    except (OSError, RuntimeError) as exc:  # a loop of links (RuntimeError on 3.11)
        raise OutputRefused(
            f"cannot use {shown} as the output folder: its symbolic links loop; "
            "name a new folder such as output/"
        ) from exc
    if target == Path(target.anchor):
        raise OutputRefused(
            f"refusing to build into {shown}: it is the root folder; "
            "name a new folder such as output/"
        )
    protected: list[tuple[Path, str]] = []
    home = _home()
    if home is not None:
        protected.append((home, "your home folder"))
    working = _real(cwd or Path.cwd())
    protected.append((working, "the current folder (your project)"))
    if content is not None:
        folder = _real(content)  # a loop here is the loader's to report
        if _contains(folder, target):
            what = "the content folder" if target == folder else "inside the content folder"
            raise OutputRefused(
                f"refusing to build into {shown}: it is {what}, and building would "
                "replace your articles; name a new folder such as output/"
            )
        protected.append((folder, "the content folder"))
    for folder, what in protected:
        if _contains(target, folder):
            holds = "is" if target == folder else "holds"
            raise OutputRefused(
                f"refusing to build into {shown}: it {holds} {what}, which a build would "
                "delete; name a new folder such as output/"
            )
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputRefused(f"cannot use {shown} as the output folder: {exc.strerror}") from exc
    if not stat.S_ISDIR(mode):
        raise OutputRefused(
            f"refusing to build into {shown}: it is a file, not a folder; "
            "name a new folder such as output/"
        )
    try:
        names = os.listdir(target)
    except OSError as exc:
        raise OutputRefused(f"cannot use {shown} as the output folder: {exc.strerror}") from exc
    if not names or overwrite or _is_marked(target) or _legacy_output(target, names):
        return
    raise OutputRefused(
        f"refusing to build into {shown}: it holds files sitegen did not write, and a build "
        f"replaces the whole folder; name a new folder, or pass {OVERWRITE_FLAG} to replace it"
    )


# --------------------------------------------------------------------------- reading


class FileRefused(OSError):
    """A file that is not read: not a regular file (a FIFO, a device, a folder), or too large."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes, checked before reading.

    Opened without blocking, so a FIFO is refused instead of waiting forever for a
    writer; a device (``/dev/zero``) or a folder is refused before a byte is read; the
    size is taken from the open file, and no more than ``limit`` bytes are ever read.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
            raise FileRefused(f"is {kind}")
        if info.st_size > limit:
            raise FileRefused(f"is larger than {_size(limit)}")
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:  # grew while being read
        raise FileRefused(f"is larger than {_size(limit)}")
    return data


def _size(limit: int) -> str:
    return f"{limit // 2**20} MiB" if limit >= 2**20 else f"{limit} bytes"
