"""Static assets with their content hash in the file name (``site.3f2a9c1b.css``).

A fingerprinted file never changes under its name, so hosts can cache it for a year
(``Cache-Control: immutable``) and a new build still reaches every reader at once: the
HTML, cached briefly, points at the new name. Every file of the assets folder is
fingerprinted, not only CSS and JS, so the whole ``assets/`` folder can carry one
long-lived caching rule.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import pass_context

from ..model import OutputFile
from . import urls

ASSETS_PREFIX = "assets/"
HASH_LENGTH = 8


class UnknownAsset(KeyError):
    """A template asked for an asset the assets folder does not hold."""

    def __str__(self) -> str:
        return f"no asset named {self.args[0]!r} in the assets folder"


def fingerprinted_name(name: str, data: bytes) -> str:
    """``css/site.css`` + its bytes -> ``css/site.<hash>.css`` (the hash of the content)."""
    path = PurePosixPath(name)
    digest = hashlib.sha256(data).hexdigest()[:HASH_LENGTH]
    suffix = "".join(path.suffixes)
    stem = path.name[: len(path.name) - len(suffix)] if suffix else path.name
    return str(path.with_name(f"{stem}.{digest}{suffix}"))


def asset_files(assets_dir: Path) -> tuple[list[OutputFile], dict[str, str]]:
    """Every file under ``assets_dir`` as an output file with a fingerprinted name, and the
    manifest: logical name (``site.css``) -> site path (``assets/site.3f2a9c1b.css``).

    Files and folders starting with ``.`` are left out (editor swap files, ``.DS_Store``).
    """
    files: list[OutputFile] = []
    manifest: dict[str, str] = {}
    for path in sorted(assets_dir.rglob("*")):
        rel = path.relative_to(assets_dir)
        if not path.is_file() or any(part.startswith(".") for part in rel.parts):
            continue
        data = path.read_bytes()
        logical = rel.as_posix()
        site_path = ASSETS_PREFIX + fingerprinted_name(logical, data)
        manifest[logical] = site_path
        files.append(OutputFile(site_path, data))
    return files, manifest


def asset_url(
    manifest: Mapping[str, str], link: Callable[[str, str], str] = urls.relative
) -> Callable[..., str]:
    """A Jinja global ``asset_url('site.css')``: the link from the page being rendered
    (``page.path`` in the template context) to the fingerprinted file.

    ``link(target, page)`` makes the link; the default is relative to the page, so the
    site works under any sub-path. Unknown names raise, so a typo fails the build
    instead of shipping a broken stylesheet link.
    """

    @pass_context
    def url(ctx: Mapping[str, Any], name: str) -> str:
        try:
            target = manifest[name]
        except KeyError:
            raise UnknownAsset(name) from None
        return link(target, ctx["page"].path)

    return url
