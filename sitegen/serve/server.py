"""``sitegen serve``: a live preview that shows every save, and never a broken site.

Serving and the browser's reload socket are livereload's (its static file handler, its
``livereload.js`` and its WebSocket handler), but not its watcher: that one polls every
800 ms, drops a change that comes within 3 s of the previous reload and lets an exception
in the build kill the callback. Instead, on every poll (every 0.05 s; less often on a
site so large that polling itself costs) the event loop here

1. polls the content folder and the templates (:mod:`sitegen.serve.watch`), ignoring editor
   temporaries and the folders the server writes;
2. once a burst of saves is over (debounce), runs the same :func:`build` as
   ``sitegen build``, with a long-lived analysis cache so only edited stories are
   analysed again, into a private folder that is swapped in whole (never half-written);
3. tells every open page to reload, without livereload's throttle;
4. then indexes the new pages for search in the background (the previous index serves
   meanwhile) and swaps the fresh index in whole: on a large site Pagefind alone takes
   longer than a writer should wait to see a save.

Changes that arrive while a build runs are seen by the next poll and built next, so none
is dropped and the last save always wins. A failed build keeps the last good site on
screen with the error (``PATH:LINE: message``) laid over every page until a save fixes
it. A page that connects after a reload was sent (it was loading during the swap) learns
so from the build id it was served with, and reloads itself.
"""

from __future__ import annotations

import asyncio
import fcntl
import html
import ipaddress
import json
import os
import secrets
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TextIO

from jinja2 import TemplateSyntaxError
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler, StaticFileHandler
from livereload.server import LiveScriptInjector
from livereload.watcher import Watcher
from tornado import httputil, web
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets

from ..build.analysis_cache import AnalysisCache
from ..build.page_cache import PageCache
from ..build.pipeline import build
from ..build.search import IndexJob, SearchIndexError
from ..errors import EXIT_FAILURE, EXIT_OK, EXIT_USAGE, ContentErrors, display_path
from ..site.theme import default_folder, theme_folders
from .watch import Debouncer, Signature, Snapshot, changes, scan

EXIT_CONTENT = EXIT_FAILURE
POLL_SECONDS = (0.05, 0.5)  # shortest and longest wait between polls
POLL_COST = 10  # wait at least this many times as long as a poll took: cheap on big sites
# After a reload, the search index job and the removal of the replaced site wait this
# long, so the reloading pages are served first, on an idle server.
SETTLE_SECONDS = 1.0
TRANSIENT_RETRIES = 3  # builds that may fail on a file vanishing mid-save before it is shown
STATUS_PATH = "/_sitegen/status"
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


# --------------------------------------------------------------------------- pure parts


def is_loopback(host: str) -> bool:
    """True when ``host`` only accepts connections from this machine."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:  # a host name: it may resolve to any interface
        return False


def allowed_hosts(host: str, port: int) -> frozenset[str] | None:
    """Host headers a loopback server answers (None: any). Refusing other names stops a
    web page from reading the preview through DNS rebinding."""
    if not is_loopback(host):
        return None
    names = {"localhost", "127.0.0.1", "[::1]", host.lower() if ":" not in host else f"[{host}]"}
    return frozenset(n + suffix for n in names for suffix in ("", f":{port}"))


def host_allowed(header: str, allowed: frozenset[str] | None) -> bool:
    return allowed is None or header.lower() in allowed


def url_for(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ("", "0.0.0.0") else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def describe_failure(
    exc: BaseException, templates: Sequence[Path] = (default_folder(),)
) -> tuple[str, ...]:
    """A failed build as ``PATH:LINE: message`` lines, naming the file to fix: the content
    file for content errors, the template for template errors, else the innermost frame."""
    if isinstance(exc, ContentErrors):
        return tuple(str(error) for error in exc.errors)
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        return (f"{display_path(Path(exc.filename))}:{exc.lineno}: {exc.message}",)
    message = f"{type(exc).__name__}: {exc}"
    frames = traceback.extract_tb(exc.__traceback__)
    in_templates = [f for f in frames if any(Path(f.filename).is_relative_to(t) for t in templates)]
    if not (in_templates or frames):
        return (message,)
    frame = (in_templates or frames)[-1]
    return (f"{display_path(Path(frame.filename))}:{frame.lineno}: {message}",)


CLIENT_PATH = "/_sitegen/preview.js"

# reload.js runs in every served page, before livereload.js (a file, not inline, so a page with a
# Content-Security-Policy forbidding inline scripts still gets it). On livereload's
# connect event (fired just before its `info` handshake) it tells the server which build
# the page shows; the server answers with a reload if that build is no longer current.
# With build errors it lays them over the page.
CLIENT_JS = (resources.files(__package__) / "reload.js").read_text(encoding="utf-8")


def injection(build_id: str, errors: Sequence[str], ready: bool = True) -> bytes:
    """What goes before ``</head>`` of every served page: the preview client with the
    page's build and errors, then livereload's client."""
    data = json.dumps(list(errors), ensure_ascii=False)
    return (
        f'<script src="{CLIENT_PATH}" data-build="{html.escape(build_id)}" '
        f'data-errors="{html.escape(data)}" data-site="{"last-good" if ready else "none"}">'
        '</script><script src="/livereload.js" async></script>'
    ).encode()


def placeholder_page(title: str, text: str) -> str:
    """A minimal page (with a ``</head>`` for the injection) for states without a site."""
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title} · sitegen serve</title></head>"
        f'<body style="font:16px/1.5 system-ui,sans-serif;margin:2rem">'
        f"<h1>{title}</h1><p>{text}</p></body></html>"
    )


# --------------------------------------------------------------------------- state


@dataclass
class Preview:
    """What the server shows. Changed only on the event loop's thread, so request
    handlers always see one consistent state."""

    site: Path  # the built site, swapped whole by each successful build
    instance: str  # random per server run: a page from an earlier run reloads
    generation: int = 0
    ready: bool = False  # a good site has been built
    errors: tuple[str, ...] = ()
    indexed: bool = False  # the search index describes the site shown

    @property
    def build_id(self) -> str:
        return f"{self.instance}.{self.generation}"


@dataclass(frozen=True)
class Outcome:
    """One build's result, passed from the build thread to the event loop."""

    errors: tuple[str, ...] = ()
    summary: str = ""  # what was built, for the terminal
    traceback: str = ""  # an unexpected exception's, for a bug report
    transient: bool = False  # a file vanished mid-save: build again before showing it
    indexed: bool = False  # the build wrote a fresh search index itself
    story_keys: tuple[tuple[str, str], ...] = ()  # what was built, for the search job

    @property
    def ok(self) -> bool:
        return not self.errors


def apply(preview: Preview, outcome: Outcome) -> bool:
    """Take a build's outcome into the shown state; True if pages must reload."""
    if outcome.ok:
        preview.ready, preview.errors, preview.indexed = True, (), outcome.indexed
    elif outcome.errors == preview.errors:
        return False  # the same error again: nothing new to show
    else:
        preview.errors = outcome.errors
    preview.generation += 1
    return True


# --------------------------------------------------------------------------- HTTP


class _LocalOnly:
    """Refuse requests whose Host header is not this server's (see allowed_hosts)."""

    allowed: frozenset[str] | None
    request: httputil.HTTPServerRequest

    def prepare(self) -> None:
        if not host_allowed(self.request.host, self.allowed):
            raise web.HTTPError(403, "unexpected Host header")


class _SiteFiles(_LocalOnly, StaticFileHandler):
    """livereload's static handler (no 304s) confined to the built site, never cached by
    the browser, with pages for "no site yet" and "not found" that also reload."""

    def initialize(  # type: ignore[override]
        self, path: str, preview: Preview, allowed: frozenset[str] | None
    ) -> None:
        super().initialize(path=path, default_filename="index.html")
        self.preview = preview
        self.allowed = allowed

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")

    def prepare(self) -> None:
        super().prepare()
        # No file name holds a NUL byte; os.stat would raise on it (a 500 and a traceback).
        if "\x00" in self.request.path or "%00" in self.request.path:
            raise web.HTTPError(404)

    async def get(self, path: str, include_body: bool = True) -> None:
        if self.preview.ready:
            await super().get(path, include_body)
            return
        # No good build yet (requests wait for the first build, so it failed): the
        # errors are laid over this page, which reloads when a save fixes them.
        self.set_status(503)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        page = placeholder_page("The site does not build yet", "Fix the file named above.")
        self.finish(page if include_body else None)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        reason = httputil.responses.get(status_code, "Error")
        self.finish(
            placeholder_page(f"{status_code} {reason}", "There is no such file in the built site.")
        )


class _ReloadSocket(_LocalOnly, LiveReloadHandler):
    """livereload's socket, plus: a page served by an older build is told to reload as
    soon as it connects, so a reload sent while it was loading is not lost."""

    def initialize(self, preview: Preview, allowed: frozenset[str] | None) -> None:
        self.preview = preview
        self.allowed = allowed

    def check_origin(self, origin: str) -> bool:
        return self.allowed is None or httputil.urlparse(origin).netloc.lower() in self.allowed

    def on_message(self, message: str | bytes) -> None:
        super().on_message(message)
        data = json.loads(message)
        if data.get("command") == "sitegen-build" and data.get("build") != self.preview.build_id:
            self.send_message(_reload_message())


class _Client(web.RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", "application/javascript; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(CLIENT_JS)


class _Status(_LocalOnly, web.RequestHandler):
    """The build state as JSON, for scripts and tests waiting for a build."""

    def initialize(self, preview: Preview, allowed: frozenset[str] | None) -> None:
        self.preview = preview
        self.allowed = allowed

    def get(self) -> None:
        self.set_header("Cache-Control", "no-store")
        p = self.preview
        self.finish(
            {"build": p.build_id, "ready": p.ready, "errors": list(p.errors), "indexed": p.indexed}
        )


def _reload_message() -> dict[str, object]:
    return {"command": "reload", "path": "*", "liveCSS": False, "liveImg": False}


def application(preview: Preview, allowed: frozenset[str] | None) -> web.Application:
    class Inject(LiveScriptInjector):
        def __init__(self, request: httputil.HTTPServerRequest) -> None:
            super().__init__(request)
            self.script = injection(preview.build_id, preview.errors, preview.ready)

    # The reload broadcast logs the watcher's last path; this one is never started.
    LiveReloadHandler.watcher = Watcher()
    LiveReloadHandler.live_css = False  # assets are fingerprinted: reload whole pages
    return web.Application(
        [
            (r"/livereload", _ReloadSocket, {"preview": preview, "allowed": allowed}),
            (r"/livereload\.js", LiveReloadJSHandler),
            (STATUS_PATH, _Status, {"preview": preview, "allowed": allowed}),
            (CLIENT_PATH, _Client),
            (
                r"/(.*)",
                _SiteFiles,
                {"path": str(preview.site), "preview": preview, "allowed": allowed},
            ),
        ],
        transforms=[Inject],
    )


# --------------------------------------------------------------------------- rebuilding


def rebuild(
    content: Path,
    site: Path,
    cache: AnalysisCache,
    pages: PageCache,
    discard: Callable[[Path], None] = shutil.rmtree,
    strict: bool = False,
    drafts: bool = False,
) -> Outcome:
    """Build once, carrying the search index over; any failure becomes an Outcome,
    because a bad save must not stop the server (the error is shown in the browser and
    printed, never dropped)."""
    started, analysed = time.perf_counter(), cache.computed
    try:
        report = build(
            content,
            site,
            cache=cache,
            pages=pages,
            search=False,
            discard=discard,
            strict=strict,
            drafts=drafts,
        )
    except FileNotFoundError as exc:
        where = display_path(Path(exc.filename or "."))
        return Outcome((f"{where}:0: file vanished during the build",), transient=True)
    except (ContentErrors, TemplateSyntaxError) as exc:
        return Outcome(describe_failure(exc, theme_folders(content)))
    except Exception as exc:
        return Outcome(
            describe_failure(exc, theme_folders(content)), traceback=traceback.format_exc()
        )
    stories = f"{report.stories} {'story' if report.stories == 1 else 'stories'}"
    return Outcome(
        summary=f"built {stories}, {report.pages} pages in "
        f"{time.perf_counter() - started:.2f} s, {cache.computed - analysed} analysed afresh",
        indexed=report.indexed,
        story_keys=report.story_keys,
    )


class Rebuilder:
    """Poll, debounce, build, publish. :meth:`poll` runs every :meth:`wait` seconds on the
    event loop's thread and builds right there once a burst of saves is over: a build
    never overlaps another, a save during a build is seen by the next poll, and the
    process has no other thread when the analysis forks its worker processes. Requests
    that arrive during a build wait for it, and so get the new site."""

    def __init__(
        self,
        content: Path,
        site: Path,
        cache: AnalysisCache,
        roots: Sequence[Path],
        exclude: Sequence[Path],
        publish: Callable[[Outcome], None],
        log: TextIO,
        debouncer: Debouncer | None = None,
        indexed: Callable[[], None] = lambda: None,
        strict: bool = False,
        drafts: bool = False,
    ) -> None:
        self.content, self.site, self.cache = content, site, cache
        self.strict, self.drafts = strict, drafts
        self.pages = PageCache(None, site)  # the served copy is private: records in memory
        self.indexed = indexed
        self.job: IndexJob | None = None
        self._job_started = 0.0
        self._stale = False  # the shown site's search index describes older pages
        self._keys: dict[str, str] = {}  # the shown site's stories and their page keys
        self._trash: list[Path] = []  # replaced sites, still to delete
        self._settled = 0.0  # monotonic time from which the work after a reload may run
        self.roots, self.exclude = tuple(roots), tuple(exclude)
        self.publish, self.log = publish, log
        self.debouncer = debouncer or Debouncer()
        self.snapshot: Snapshot = {}
        self.scan_seconds = 0.0
        self._transient = 0

    def _scan(self, previous: Snapshot) -> dict[Path, Signature]:
        started = time.perf_counter()
        snapshot = scan(self.roots, previous, time.time_ns(), self.exclude)
        self.scan_seconds = time.perf_counter() - started
        return snapshot

    def wait(self) -> float:
        """Seconds until the next poll: a few times what a poll costs (so a large site is
        watched cheaply), and no later than when a pending burst of saves is due."""
        shortest, longest = POLL_SECONDS
        interval = min(longest, max(shortest, POLL_COST * self.scan_seconds))
        now = time.monotonic()
        if self._trash or (self._stale and self.job is None):
            interval = min(interval, max(0.0, self._settled - now))
        return min(interval, self.debouncer.due_in(now))

    def first_build(self) -> None:
        # Scan first, so a save made during the build is a change to the next poll.
        self.snapshot = self._scan({})
        self._build(frozenset())

    def poll(self) -> None:
        self._check_index()
        now = time.monotonic()
        if now >= self._settled and not self.debouncer.due(now):
            self._after_reload()
        try:
            after = self._scan(self.snapshot)
        except OSError as exc:  # e.g. an unreadable file: say so, keep watching
            print(f"cannot watch {exc.filename}: {exc.strerror}", file=self.log, flush=True)
            return
        changed = changes(self.snapshot, after)
        if changed:
            vanished = any(p not in after for p in changed)
            self.debouncer.add(changed, time.monotonic(), vanished)
            self.snapshot = after
        if self.debouncer.due(time.monotonic()):
            self._build(self.debouncer.take())

    def close(self) -> None:
        """Stop a search index job still running (a build or the server's end is next)."""
        if self.job is not None:
            self.job.cancel()
            self.job = None

    def _check_index(self) -> None:
        if self.job is None:
            return
        try:
            if not self.job.finished():
                return
        except SearchIndexError as exc:
            print(f"search index not updated: {exc}", file=self.log, flush=True)
        else:
            self.pages.amend(self.job.records)
            seconds = time.perf_counter() - self._job_started
            stamp = time.strftime("%H:%M:%S")
            print(f"[{stamp}] search index updated in {seconds:.2f} s", file=self.log, flush=True)
            self._stale = False
            self.indexed()
        self.job = None

    def _build(self, paths: frozenset[Path]) -> None:
        self.close()  # its pages are about to be replaced: the next job indexes the new ones
        old: list[Path] = []
        outcome = rebuild(
            self.content, self.site, self.cache, self.pages, old.append, self.strict, self.drafts
        )
        if outcome.transient and self._transient < TRANSIENT_RETRIES:
            self._transient += 1
            self.debouncer.add(paths or {self.content}, time.monotonic(), vanished=True)
            return
        self._transient = 0
        self._report(outcome, paths)
        self.publish(outcome)
        self._trash += old
        if outcome.ok:
            self._stale, self._keys = not outcome.indexed, dict(outcome.story_keys)
        # a failed build may have stopped a job for the shown site: _stale starts it again
        self._settled = time.monotonic() + SETTLE_SECONDS

    def _after_reload(self) -> None:
        """Once the reloading pages have been served: remove the replaced sites and
        index the shown one for search, in the background."""
        while self._trash:
            shutil.rmtree(self._trash.pop())
        if self._stale and self.job is None:
            self._job_started = time.perf_counter()
            scratch = self.site.with_name("search-next")
            self.job = IndexJob(self.site, scratch, self._keys, self.pages)

    def _report(self, outcome: Outcome, paths: frozenset[Path]) -> None:
        stamp = time.strftime("%H:%M:%S")
        what = ", ".join(sorted(display_path(p) for p in paths)[:3])
        what += f" and {len(paths) - 3} more" if len(paths) > 3 else ""
        if outcome.ok:
            print(f"[{stamp}] {outcome.summary}{f' after {what}' if what else ''}", file=self.log)
        else:
            print(f"[{stamp}] build failed; still showing the last good site:", file=self.log)
            for line in outcome.errors:
                print(f"  {line}", file=self.log)
            if outcome.traceback:
                print(outcome.traceback.rstrip(), file=self.log)
        self.log.flush()


# --------------------------------------------------------------------------- serve


MEMORY_FOLDER = Path("/dev/shm")
MEMORY_NEEDED = 2 << 30  # bytes free in it: two copies of a large site, with room to spare


SCRATCH_PREFIX = "sitegen-serve-"
SCRATCH_LOCK = ".serving"  # held (flock) by the server using the folder, for its lifetime
UNLOCKED_STALE_S = 24 * 3600  # a folder without a lock (older sitegen) idle this long

# Descriptors kept open while a scratch folder is in use: its lock, the watchdog's pipe.
_held: dict[Path, list[int]] = {}


def scratch_folder() -> Path:
    """A fresh private folder for the served copy of the site, locked while served.

    In memory (``/dev/shm``) where the machine has one with room: every rebuild writes
    the whole site again, and on a busy disk that write alone can outlast the build.
    Elsewhere, or when ``TMPDIR`` says where temporary files go, the temporary folder.
    A server killed with SIGKILL cannot remove its folder, and in ``/dev/shm`` it would
    hold memory until the machine restarts: the next server removes it (see
    :func:`remove_stale_scratch`).
    """
    in_memory = (
        "TMPDIR" not in os.environ
        and MEMORY_FOLDER.is_dir()
        and os.access(MEMORY_FOLDER, os.W_OK)
        and shutil.disk_usage(MEMORY_FOLDER).free >= MEMORY_NEEDED
    )
    parent = MEMORY_FOLDER if in_memory else Path(tempfile.gettempdir())
    remove_stale_scratch(parent)
    folder = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, dir=parent))
    fd = os.open(folder / SCRATCH_LOCK, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)  # released by the kernel however this process ends
    _held.setdefault(folder, []).append(fd)
    return folder


# Run by a small process of its own: waits for the server to end, however it ends, then
# removes the scratch folder. The server holds the only writing end of its stdin, so the
# kernel closes it, and the read returns, even after SIGKILL.
_WATCHDOG = """
import shutil, signal, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
sys.stdin.buffer.read()
shutil.rmtree(sys.argv[1], ignore_errors=True)
"""


def watch_scratch(folder: Path) -> subprocess.Popen[bytes] | None:
    """Start the process that removes ``folder`` once this one is gone (None if it cannot
    be started: then the next server's sweep removes it, see remove_stale_scratch)."""
    read, write = os.pipe()
    try:
        child = subprocess.Popen(
            [sys.executable, "-c", _WATCHDOG, str(folder)],
            stdin=read,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C in the terminal is for the server, not for it
        )
    except OSError:
        os.close(write)
        return None
    finally:
        os.close(read)
    os.set_inheritable(write, False)
    _held.setdefault(folder, []).append(write)
    return child


def release_scratch(folder: Path) -> None:
    """Remove the folder :func:`scratch_folder` made, and let go of its lock."""
    shutil.rmtree(folder, ignore_errors=True)
    for fd in _held.pop(folder, []):
        os.close(fd)


def remove_stale_scratch(parent: Path, now: float | None = None) -> list[Path]:
    """Remove the scratch folders in ``parent`` of servers that are gone: this user's
    own, real folders (never a link another user planted), whose lock nobody holds, or,
    left by a sitegen without the lock, untouched for a day. Returns those removed."""
    removed = []
    now = time.time() if now is None else now
    try:
        entries = sorted(parent.glob(SCRATCH_PREFIX + "*"))
    except OSError:
        return removed
    for folder in entries:
        try:
            info = folder.lstat()
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            continue
        try:
            fd = os.open(folder / SCRATCH_LOCK, os.O_RDWR | os.O_NOFOLLOW)
        except FileNotFoundError:
            if now - info.st_mtime < UNLOCKED_STALE_S:
                continue
        except OSError:
            continue
        else:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:  # a live server holds it
                continue
            finally:
                os.close(fd)
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


def _publish(preview: Preview, outcome: Outcome) -> None:
    if apply(preview, outcome):
        LiveReloadHandler.reload_waiters("*")


def _interrupt(signum: int, frame: object) -> None:
    # Ctrl-C and SIGTERM stop the server at once, even in the middle of a build (whose
    # staging folder and cache entry are cleaned up as it unwinds), rather than after it
    # as asyncio's own Ctrl-C handling would.
    raise KeyboardInterrupt


@dataclass(frozen=True)
class ServeOptions:
    """What the command line adds to a preview: --strict, --drafts and --open."""

    strict: bool = False
    drafts: bool = False
    open_browser: Callable[[str], object] | None = None  # called with the URL once built


async def _run(
    content: Path, host: str, port: int, workdir: Path, out: TextIO, options: ServeOptions
) -> int:
    try:
        sockets = bind_sockets(port, address=host)
    except OSError as exc:
        print(
            f"sitegen serve: cannot listen on {host}:{port}: {exc.strerror} "
            "(hint: pass --port with a free port)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    preview = Preview(site=workdir / "site", instance=secrets.token_hex(4))
    port = sockets[0].getsockname()[1]
    HTTPServer(application(preview, allowed_hosts(host, port))).add_sockets(sockets)
    cache = AnalysisCache.beside(content)
    rebuilder = Rebuilder(
        content,
        preview.site,
        cache,
        roots=(content, *theme_folders(content)),
        exclude=(workdir, cache.folder.parent, Path("output").resolve()),
        publish=lambda outcome: _publish(preview, outcome),
        log=out,
        indexed=lambda: setattr(preview, "indexed", True),
        strict=options.strict,
        drafts=options.drafts,
    )
    url = url_for(host, port)
    print(f"serving {display_path(content)} at {url} (Ctrl-C to stop)", file=out)
    out.flush()
    try:
        rebuilder.first_build()
        if options.open_browser is not None:
            options.open_browser(url)  # after the first build: the page is there to show
        while True:  # until Ctrl-C
            await asyncio.sleep(rebuilder.wait())
            rebuilder.poll()
    finally:
        rebuilder.close()  # replaced sites still in the trash go with the scratch folder


def serve(
    content: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    out: TextIO = sys.stdout,
    options: ServeOptions = ServeOptions(),  # frozen: one shared default is safe
) -> int:
    """Build ``content``, serve it on ``host:port`` and rebuild on every change until
    interrupted (Ctrl-C or SIGTERM); return the exit status."""
    content = content.resolve()
    if not content.is_dir():
        print(
            f"{display_path(content)}:0: content folder not found "
            "(hint: pass --content DIR or create content/)",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    if not is_loopback(host):
        print(
            f"warning: listening on {host}: anyone who can reach this machine can read the "
            "preview, unpublished drafts included; use --host 127.0.0.1 to keep it private",
            file=sys.stderr,
        )
    workdir = scratch_folder()
    watch_scratch(workdir)
    previous = {sig: signal.signal(sig, _interrupt) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        return asyncio.run(_run(content, host, port, workdir, out, options))
    except KeyboardInterrupt:
        print("stopped", file=out, flush=True)
        return EXIT_OK
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        release_scratch(workdir)
