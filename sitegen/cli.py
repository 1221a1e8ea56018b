"""Command line: parse arguments, call one stage function, map outcomes to exit codes.

Exit status: 0 success, 1 content errors (each printed as PATH:LINE: message) and every
other failure the tool foresees (one line each, see :mod:`sitegen.errors`), 2 usage.
"""

from __future__ import annotations

import argparse
import errno
import io
import os
import sys
import textwrap
import webbrowser
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import __version__
from .build.pipeline import build, check
from .errors import EXIT_OK, EXIT_USAGE, ContentError, OutputError, SitegenError, display_path
from .guard import OVERWRITE_FLAG
from .progress import Progress


class _Null(io.TextIOBase):
    """Where stdout goes under --quiet: anywhere but the terminal."""

    def write(self, text: str) -> int:
        return len(text)


def _out(args: argparse.Namespace) -> TextIO:
    return _Null() if args.quiet else sys.stdout


def _warn(warnings: Sequence[ContentError], err: TextIO) -> None:
    for warning in warnings:
        print(warning, file=err)
    if warnings:
        count = len(warnings)
        print(f"{count} warning{'s' if count != 1 else ''} (--strict makes them errors)", file=err)


def _progress(args: argparse.Namespace) -> Progress | None:
    if args.quiet:
        return None
    # -v: every step from the start, as plain lines; else only a build over two seconds
    return Progress(sys.stderr, tty=False, delay=0.0) if args.verbose else Progress(sys.stderr)


def _cmd_build(args: argparse.Namespace) -> int:
    progress = _progress(args)
    try:
        report = build(
            args.content,
            args.output,
            args.base_url,
            progress,
            strict=args.strict,
            drafts=args.drafts,
            overwrite=args.overwrite_output,
        )
    finally:
        if progress is not None:
            progress.clear()
    _warn(report.warnings, sys.stderr)
    print(report.summary(args.output), file=_out(args))
    return EXIT_OK


def _cmd_check(args: argparse.Namespace) -> int:
    site = check(args.content, args.strict, args.drafts)
    _warn(site.warnings, sys.stderr)
    out = _out(args)
    if args.verbose:
        for story in site.stories:
            print(f"{story.id}: {len(story.articles)} articles", file=out)
    stories = len(site.stories)
    print(
        f"{args.content}: {stories} {'story' if stories == 1 else 'stories'}, no errors", file=out
    )
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from .ingest.importer import run_import

    return run_import(
        args.sources, args.story, args.content, args.force, _out(args), sys.stderr, args.new
    )


def _cmd_new(args: argparse.Namespace) -> int:
    from .ingest.importer import new_story

    return new_story(args.slug, args.content, _out(args), sys.stderr)


def _cmd_review(args: argparse.Namespace) -> int:
    from .build.review import review

    review(args.content, args.story, _out(args))
    return EXIT_OK


def _cmd_serve(args: argparse.Namespace) -> int:
    from .serve.server import ServeOptions, serve  # imports tornado: only for this command

    options = ServeOptions(args.strict, args.drafts, webbrowser.open if args.open else None)
    return serve(args.content, args.host, args.port, _out(args), options)


EXIT_CODES = """\
exit status:
  0  success
  1  content errors, each printed on stderr as PATH:LINE: message (all of them),
     and any other failure sitegen foresees (one line says what to do)
  2  usage errors (a bad flag or argument)"""


def _subcommand(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    summary: str,
    description: str,
    examples: str,
) -> argparse.ArgumentParser:
    """A subcommand whose --help has a description, examples and the exit codes."""
    p = sub.add_parser(
        name,
        help=summary,
        description=textwrap.fill(description, 88),
        epilog=f"examples:\n{examples}\n\n{EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "-q", "--quiet", action="store_true", help="print nothing on stdout when all is well"
    )
    p.add_argument("-v", "--verbose", action="store_true", help="say more about what is being done")
    return p


def _content_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        help="content folder (default: content/)",
    )


def _strict_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--strict",
        action="store_true",
        help="fail on warnings (an unknown key, an unknown outlet) as on errors",
    )
    p.add_argument(
        "--drafts",
        action="store_true",
        help="include stories and articles marked `draft: true` (left out by default)",
    )


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="sitegen",
        description="Build a comparative coverage microsite from several outlets' articles "
        "about one news event.",
        epilog=f"Run `sitegen COMMAND --help` for a command's options.\n\n{EXIT_CODES}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"sitegen {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = _subcommand(
        sub,
        "build",
        "build the site and the JSON export",
        "Validate the content folder, analyse every story and write the site, its JSON "
        "export and CSV tables into the output folder. The site is built aside and swapped "
        "in: a failed build leaves the previous output as it was.",
        "  sitegen build\n"
        "  sitegen build --content news/ --output public/ --base-url https://example.org/coverage/",
    )
    _content_arg(p)
    p.add_argument(
        "--output", type=Path, default=Path("output"), help="output folder (default: output/)"
    )
    p.add_argument(
        "--base-url",
        default=None,
        help="absolute URL the site is published at (overrides site.yaml)",
    )
    _strict_args(p)
    p.add_argument(
        OVERWRITE_FLAG,
        action="store_true",
        help="replace the output folder even though it holds files sitegen did not write "
        "(never the content, home, current or root folder)",
    )
    p.set_defaults(func=_cmd_build)

    p = _subcommand(
        sub,
        "check",
        "validate the content, write nothing",
        "Read and validate every file of the content folder, print every problem as "
        "PATH:LINE: message, and write nothing.",
        "  sitegen check\n  sitegen check --content news/ --strict",
    )
    _content_arg(p)
    _strict_args(p)
    p.set_defaults(func=_cmd_check)

    p = _subcommand(
        sub,
        "serve",
        "build, serve and live-reload the site while you edit",
        "Build the site into a private folder, serve it, and rebuild and reload the "
        "browser on every save of the content or the templates. A failed build keeps the "
        "last good site on screen with the error laid over it.",
        "  sitegen serve\n  sitegen serve --drafts --open --port 8080",
    )
    _content_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument(
        "--port",
        type=int,
        default=8000,
        help="port to listen on, 0 for any free one (default: 8000)",
    )
    p.add_argument(
        "--open", action="store_true", help="open the site in the web browser once it is built"
    )
    _strict_args(p)
    p.set_defaults(func=_cmd_serve)

    p = _subcommand(
        sub,
        "review",
        "list a story's doubtful speakers and matches, with lines to correct them",
        "Print the story's doubtful attributions and matches, most doubtful first, each "
        "with the corrections.yaml lines that confirm or fix it. Corrections already made "
        "are not asked again.",
        "  sitegen review harbour-fire\n  sitegen review bridge-vote --content news/",
    )
    p.add_argument("story", help="story id (folder under the content folder)")
    _content_arg(p)
    p.set_defaults(func=_cmd_review)

    p = _subcommand(
        sub,
        "import",
        "turn saved web pages, URLs or pasted text into articles",
        "Turn saved web pages (.html), http(s) URLs and pasted text (.txt) into article "
        "files in content/STORY/, printing what was inferred (outlet, headline, date) and "
        "what was not. Nothing is written if any source fails.",
        "  sitegen import saved-page.html --story harbour-fire --new\n"
        "  sitegen import https://example.com/news/story pasted.txt --story harbour-fire",
    )
    p.add_argument("sources", nargs="+", metavar="FILE_OR_URL", help=".txt, .html or http(s) URL")
    p.add_argument("--story", required=True, help="story id (folder under the content folder)")
    _content_arg(p)
    p.add_argument(
        "--force",
        action="store_true",
        help="update an article imported before from the same source, or overwrite one",
    )
    p.add_argument(
        "--new", action="store_true", help="start the story folder if it does not exist yet"
    )
    p.set_defaults(func=_cmd_import)

    p = _subcommand(
        sub,
        "new",
        "start a story folder with a story.yaml to fill in",
        "Create content/SLUG/ with a commented story.yaml (title, date, summary) to fill "
        "in; then add articles with `sitegen import`.",
        "  sitegen new harbour-fire\n  sitegen new bridge-vote --content news/",
    )
    p.add_argument("slug", help="story id: lower-case letters, digits and hyphens")
    _content_arg(p)
    p.set_defaults(func=_cmd_new)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage line or the help
        return EXIT_USAGE if exc.code else EXIT_OK
    try:
        return int(args.func(args))
    except BrokenPipeError:
        # `sitegen ... | head`: the reader left; stop quietly like other Unix tools
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except SitegenError as exc:
        return _fail(exc)
    except OSError as exc:  # a folder not writable, a disk full: foreseeable, not a bug
        return _fail(OutputError(_os_problem(exc)))
    except KeyboardInterrupt:
        print("sitegen: interrupted; the previous output was left as it was", file=sys.stderr)
        return 130


def _os_problem(exc: OSError) -> str:
    """One line for a failure of the system (no space, read-only, permission denied)."""
    where = f" {display_path(Path(os.fsdecode(exc.filename)))}" if exc.filename else ""
    hint = {
        errno.ENOSPC: "free some space",
        errno.EDQUOT: "free some space",
        errno.EROFS: "write to a folder on a writable disk",
        errno.EACCES: "write to a folder you may write to",
        errno.EPERM: "write to a folder you may write to",
    }.get(exc.errno or 0, "check the folder and try again")
    return f"cannot write{where}: {exc.strerror or exc} (hint: {hint})"


def _fail(exc: SitegenError) -> int:
    for line in exc.lines():
        print(line, file=sys.stderr)
    return exc.exit_code


if __name__ == "__main__":
    sys.exit(main())
