"""Content errors: where (path and line), what, and how to fix it.

Loading collects every problem before failing, so a writer fixes a whole folder in one
pass instead of one error per build.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


def display_path(path: Path) -> str:
    """A path as the user typed it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


@dataclass(frozen=True, order=True)
class ContentError:
    path: Path
    line: int
    message: str
    hint: str = ""
    # A warning does not stop a build unless it runs with --strict; it is printed with
    # "warning:" before its message either way, so the reader knows which rule failed.
    warning: bool = False

    def __str__(self) -> str:
        label = "warning: " if self.warning else ""
        text = f"{display_path(self.path)}:{self.line}: {label}{self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


class ContentErrors(Exception):
    """Raised once with every content error found."""

    def __init__(self, errors: Iterable[ContentError]) -> None:
        self.errors = tuple(sorted(set(errors)))
        super().__init__("\n".join(str(e) for e in self.errors))
