"""Command line: parse arguments, call one stage function, map outcomes to exit codes.

Exit status: 0 success, 1 content errors (each printed as PATH:LINE: message) and every
other failure the tool foresees (one line each, see :mod:`sitegen.errors`), 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .build.pipeline import build, check
from .content import ContentWarning
from .errors import EXIT_OK, EXIT_USAGE, OutputError, SitegenError
from .untrusted import url_problem


class _Progress:
    """A one-line progress display, shown only when stderr is a terminal."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()
        self.shown = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.enabled and total > 1:
            self.stream.write(f"\r{stage} {done}/{total} stories ")
            self.stream.flush()
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _cmd_build(args: argparse.Namespace) -> int:
    progress = _Progress(sys.stderr)
    try:
        report = build(args.content, args.output, args.base_url, progress)
    finally:
        progress.clear()
    print(report.summary(args.output))
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    stories = check(args.content)
    print(f"{args.content}: {stories} {'story' if stories == 1 else 'stories'}, no errors")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from .ingest.importer import run_import

    return run_import(args.sources, args.story, args.content, args.force, sys.stdout, sys.stderr)


def _cmd_new(args: argparse.Namespace) -> int:
    from .ingest.importer import new_story

    return new_story(args.slug, args.content, sys.stdout, sys.stderr)


def _cmd_review(args: argparse.Namespace) -> int:
    from .build.review import review

    review(args.content, args.story, sys.stdout)
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from .serve.server import serve  # imports tornado: only for this command

    return serve(args.content, args.host, args.port)


def _base_url(value: str) -> str:
    """``--base-url``: held to the rule ``base_url`` in site.yaml is held to, since it is
    written into robots.txt, the sitemap, the feed and every canonical link."""
    problem = url_problem(value, base=True)
    if problem:
        raise argparse.ArgumentTypeError(
            f"{value[:80]!r} is not a usable http(s) URL ({problem}); "
            "use an address such as https://example.org/news/"
        )
    return value


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="sitegen",
        description="Build a comparative coverage microsite from several outlets' articles "
        "about one news event.",
    )
    top.add_argument("--version", action="version", version=f"sitegen {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def content_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--content",
            type=Path,
            default=Path("content"),
            help="content folder (default: content/)",
        )

    p = sub.add_parser("build", help="build the site and the JSON export")
    content_arg(p)
    p.add_argument(
        "--output", type=Path, default=Path("output"), help="output folder (default: output/)"
    )
    p.add_argument(
        "--base-url",
        default=None,
        type=_base_url,
        help="absolute URL the site is published at (overrides site.yaml)",
    )
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("check", help="validate the content, write nothing")
    content_arg(p)
    p.set_defaults(func=_cmd_check)

    p = sub.add_parser("serve", help="build, serve and live-reload the site while you edit")
    content_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument(
        "--port",
        type=int,
        default=8000,
        help="port to listen on, 0 for any free one (default: 8000)",
    )
    p.set_defaults(func=_cmd_serve)

    p = sub.add_parser(
        "review", help="list a story's doubtful speakers and matches, with lines to correct them"
    )
    p.add_argument("story", help="story id (folder under the content folder)")
    content_arg(p)
    p.set_defaults(func=_cmd_review)

    p = sub.add_parser("import", help="turn saved web pages, URLs or pasted text into articles")
    p.add_argument("sources", nargs="+", metavar="FILE_OR_URL", help=".txt, .html or http(s) URL")
    p.add_argument("--story", required=True, help="story id (folder under the content folder)")
    content_arg(p)
    p.add_argument("--force", action="store_true", help="overwrite existing articles")
    p.set_defaults(func=_cmd_import)

    p = sub.add_parser("new", help="start a story folder with a story.yaml to fill in")
    p.add_argument("slug", help="story id: lower-case letters, digits and hyphens")
    content_arg(p)
    p.set_defaults(func=_cmd_new)
    return top


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """A content warning as the writer needs it (its file and line are in the message),
    not where in sitegen it was raised; others as Python shows them."""
    if issubclass(category, ContentWarning):
        print(f"warning: {message}", file=file or sys.stderr)
    else:
        _python_warning(message, category, filename, lineno, file, line)


_python_warning = warnings.showwarning


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage line or the help
        return EXIT_USAGE if exc.code else EXIT_OK
    warnings.showwarning = _show_warning
    try:
        return int(args.func(args))
    except BrokenPipeError:
        # `sitegen ... | head`: the reader left; stop quietly like other Unix tools
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except SitegenError as exc:
        return _fail(exc)
    except OSError as exc:  # a folder not writable, a disk full: foreseeable, not a bug
        where = f" {exc.filename}" if exc.filename else ""
        return _fail(OutputError(f"cannot write{where}: {exc.strerror or exc}"))
    except KeyboardInterrupt:
        print("sitegen: interrupted; the previous output was left as it was", file=sys.stderr)
        return 130


def _fail(exc: SitegenError) -> int:
    for line in exc.lines():
        print(line, file=sys.stderr)
    return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
