"""The theme: the templates and assets pages are rendered with, and the one Jinja
environment that renders them.

The default theme ships inside the package (``sitegen.theme``, mapped from the repository's
``templates/`` folder in ``pyproject.toml``) and is read with :mod:`importlib.resources`,
so a wheel or a pipx install carries it. A site may override it file by file: a
``templates/`` folder beside the site's ``content/`` is looked in first, as MkDocs'
``custom_dir`` and Hugo's ``layouts/`` are; a template there can extend the default one
it replaces as ``{% extends "default/story.html" %}``, and a file in its ``assets/``
replaces (or adds to) the default assets of the same name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PrefixLoader,
    StrictUndefined,
    select_autoescape,
)

from ..errors import ContentError
from ..files import tree_hash
from ..model import OutputFile
from .assets import asset_files
from .i18n import Translations, load_translations

OVERRIDES = "templates"  # the site's own theme folder, beside its content folder
DEFAULT_PREFIX = "default"  # ``{% extends "default/base.html" %}`` names the default theme's


def default_folder() -> Path:
    """The default theme's folder, wherever the package is installed."""
    return Path(str(resources.files("sitegen.theme")))


@lru_cache(maxsize=1)
def english() -> Translations:
    """The default theme's English words: what a page part rendered outside a build (a
    test, a benchmark) says. Package data, read once."""
    return load_translations((default_folder(),), "en")[0]


def theme_folders(content: Path | None) -> tuple[Path, ...]:
    """The folders templates are looked up in, first match wins: the site's own
    ``templates/`` beside ``content`` (when there is one and it is not the default theme
    itself, as in this repository), then the default theme."""
    default = default_folder()
    if content is None:
        return (default,)
    custom = content.resolve().parent / OVERRIDES
    if custom.is_dir() and custom.resolve() != default.resolve():
        return (custom, default)
    return (default,)


@dataclass(frozen=True)
class Theme:
    """The theme as one build sees it: its folders, the assets (fingerprinted), a hash of
    every file under which a story's rendered pages may be reused, and the environment."""

    folders: tuple[Path, ...]
    assets: tuple[OutputFile, ...]
    manifest: Mapping[str, str]
    digest: str
    env: Environment = field(compare=False, repr=False)
    # the site's words in its language (templates call it as ``t``), and what of them is
    # said in English for want of a translation
    translations: Translations = field(
        default_factory=lambda: Translations("en", {}), compare=False, repr=False
    )
    warnings: tuple[ContentError, ...] = ()


def _environment(folders: tuple[Path, ...]) -> Environment:
    loaders = [FileSystemLoader(str(folder)) for folder in folders]
    return Environment(
        loader=ChoiceLoader(
            [PrefixLoader({DEFAULT_PREFIX: FileSystemLoader(str(folders[-1]))}), *loaders]
        ),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _assets(folders: tuple[Path, ...]) -> tuple[list[OutputFile], dict[str, str]]:
    """Every folder's assets, an override's replacing the default's of the same name."""
    files: dict[str, OutputFile] = {}
    manifest: dict[str, str] = {}
    for folder in reversed(folders):
        found, names = asset_files(folder / "assets")
        by_path = {f.path: f for f in found}
        for logical, site_path in names.items():
            manifest[logical] = site_path
            files[logical] = by_path[site_path]
    return [files[name] for name in sorted(files)], dict(sorted(manifest.items()))


def load_theme(
    content: Path | None,
    globals_: Mapping[str, Any] | None = None,
    filters: Mapping[str, Callable[..., Any]] | None = None,
    language: str = "en",
) -> Theme:
    folders = theme_folders(content)
    config = content / "site.yaml" if content is not None else None
    translations, warnings = load_translations(folders, language, config)
    env = _environment(folders)
    env.globals.update(globals_ or {})
    env.filters.update(filters or {})
    # the words, dates and percentages of the reader's language
    env.globals["t"] = translations
    env.filters.update(when=translations.when, percent=translations.percent)
    assets, manifest = _assets(folders)
    if len(folders) == 1:
        digest = tree_hash(folders[0])
    else:
        joined = "\0".join(tree_hash(folder) for folder in folders)
        digest = hashlib.sha256(joined.encode()).hexdigest()[:16]
    return Theme(folders, tuple(assets), manifest, digest, env, translations, warnings)
