"""Files: the one atomic write, and hashes of files and folders.

Every file sitegen writes outside a staging folder (an imported article, a cache entry, a
page record) goes through :func:`atomic_write`, as Lektor's ``atomic_open`` does: the data
goes to a new temporary file beside the target, created exclusively (so a planted file or
symlink of that name is never written through), then replaces the target in one rename,
so a failure or a kill leaves the old file or the new one, never half of either.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: bytes | str) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8 with ``\\n`` line ends)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def tree_hash(folder: Path) -> str:
    """A hash of every file below ``folder``, names and contents (caches left out)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
