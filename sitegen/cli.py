"""Command line: parse arguments, call one stage function, map outcomes to exit codes.

Exit status: 0 success, 1 content errors (each printed as PATH:LINE: message), 2 usage.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .build.pipeline import build, check
from .build.search import SearchIndexError
from .errors import ContentErrors
from .untrusted import url_problem

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


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


def _report(errors: ContentErrors, err: TextIO) -> int:
    for error in errors.errors:
        print(error, file=err)
    count = len(errors.errors)
    print(f"{count} content error{'s' if count != 1 else ''}; nothing was written", file=err)
    return EXIT_CONTENT


def _cmd_build(args: argparse.Namespace) -> int:
    progress = _Progress(sys.stderr)
    try:
        report = build(args.content, args.output, args.base_url, progress)
    except ContentErrors as errors:
        progress.clear()
        return _report(errors, sys.stderr)
    except SearchIndexError as exc:
        progress.clear()
        print(f"sitegen: {exc}; the previous output was left as it was", file=sys.stderr)
        return EXIT_CONTENT
    progress.clear()
    print(report.summary(args.output))
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    try:
        stories = check(args.content)
    except ContentErrors as errors:
        return _report(errors, sys.stderr)
    print(f"{args.content}: {stories} {'story' if stories == 1 else 'stories'}, no errors")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from .ingest.importer import run_import  # trafilatura is heavy: load it only when importing

    return run_import(args.sources, args.story, args.content, args.force, sys.stdout, sys.stderr)


def _cmd_new(args: argparse.Namespace) -> int:
    from .ingest.importer import new_story

    return new_story(args.slug, args.content, sys.stdout, sys.stderr)


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


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except BrokenPipeError:
        # `sitegen ... | head`: the reader left; stop quietly like other Unix tools
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
