"""Every failure sitegen can foresee, as one exception family.

Each kind says what went wrong and what to do in one line (content errors: one line each,
``PATH:LINE: message (hint: ...)``, all of them at once, since loading collects every
problem before failing, so a writer fixes a whole folder in one pass), and carries the exit
status the command line gives it (:mod:`sitegen.cli`): 1 for content and everything else
the tool can foresee, 2 for usage. Anything else is a bug and may show a traceback.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


def display_path(path: Path) -> str:
    """A path as the user typed it: relative to the working directory when inside it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)


class SitegenError(Exception):
    """A failure the tool foresaw: :meth:`lines` for the user, :attr:`exit_code` for the
    shell."""

    exit_code = EXIT_FAILURE

    def lines(self) -> tuple[str, ...]:
        return (f"sitegen: {self}",)


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


class ContentErrors(SitegenError):
    """Raised once with every content error found."""

    def __init__(self, errors: Iterable[ContentError]) -> None:
        self.errors = tuple(sorted(set(errors)))
        super().__init__("\n".join(str(e) for e in self.errors))

    def lines(self) -> tuple[str, ...]:
        count = len(self.errors)
        # warnings are here only under --strict: say so, or "warning:" would puzzle
        why = " (warnings fail with --strict)" if any(e.warning for e in self.errors) else ""
        summary = f"{count} content error{'s' if count != 1 else ''}{why}; nothing was written"
        return (*(str(e) for e in self.errors), summary)


class UsageError(SitegenError):
    """The command line asks for something that cannot be done as asked."""

    exit_code = EXIT_USAGE


class OutputError(SitegenError):
    """The output cannot be written where asked (a file in the way, no permission, no
    space); nothing of the previous output was changed."""


class MissingPackage(SitegenError):
    """A package a command needs is not installed: an optional one (``extra`` names the
    extra that brings it) or a default one missing from a broken or older install."""

    def __init__(self, package: str, extra: str = "") -> None:
        how = (
            f"pip install 'sitegen[{extra}]'"
            if extra
            else "install sitegen again with `python3 -m pip install -e .`"
        )
        super().__init__(f"this command needs the {package} package: {how}")
