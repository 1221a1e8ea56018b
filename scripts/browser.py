"""What the end-to-end tests, the screenshots script and the preview benchmark share:
Chromium and its flags, a local HTTP server that serves a built site the way a static host
does, and the list of page types found in a build. (Here, not under tests/, because
benchmarks and scripts do not import from the tests.)
"""

from __future__ import annotations

import contextlib
import functools
import mimetypes
import os
import posixpath
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import tomllib

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "content"
# The invented fixture stories, with an outlets.yaml of several countries and every kind of
# outlet: the e2e checks run on this site as well as on the demo.
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "stories"
NODE_MODULES = ROOT / "node_modules"
NETLIFY_TOML = ROOT / "netlify.toml"
CHROMIUM = Path(os.environ.get("SITEGEN_CHROMIUM", "/usr/bin/chromium"))
# Without the background-networking flags Chromium tries to reach the internet and stalls.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Friendly names for the page types of the layout in sitegen/urls.py; any other kind of
# page found in a build is still checked, under its path pattern.
PAGE_TYPE_NAMES = {
    "": "home",
    "stories": "story",
    "stories/articles": "article",
    "stories/claims": "claim",
    "stories/quotes": "quote",
    "stories/timeline.html/": "timeline",  # stories/<story>/timeline.html
    "stories/by-country.html/": "by-country",  # stories/<story>/by-country.html
    "stories/by-kind.html/": "by-kind",
    "stories/speakers": "speaker",
    "outlets": "outlet",
    "outlets/": "outlets",
    "search/": "search",
    "embed/claims": "embed-claim",
    "embed/quotes": "embed-quote",
}


# --------------------------------------------------------------------------- building


def build_site(output: Path, content: Path = CONTENT, base_url: str | None = None) -> Path:
    from sitegen.build.pipeline import build

    build(content, output, base_url)
    return output


def build_copy(content: Path, work: Path) -> Path:
    """Build a copy of ``content`` in ``work``: a build keeps its cache beside the content
    folder, and a trial writes only in a temporary folder. The site is ``work/output``."""
    copy = shutil.copytree(content, work / "content")
    return build_site(work / "output", copy)


# --------------------------------------------------------------------------- page types


def page_type(site_path: str) -> str:
    """``stories/x/claims/y.html`` -> ``claim``: the collections on the path, slugs dropped."""
    parts = [p for p in site_path.split("/") if p]
    key = "/".join(parts[0::2])
    if len(parts) % 2:  # ends on a collection, e.g. ``outlets/``: its index page
        key += "/"
    return PAGE_TYPE_NAMES.get(key, key)


def html_paths(site: Path) -> list[str]:
    """Site paths of every HTML page of a built site, ``404.html`` included, sorted."""
    paths = []
    for file in sorted(site.rglob("*.html")):
        rel = file.relative_to(site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        paths.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return paths


# The mark of a page at an old address (sitegen/site/moved.py): it sits among the claim or
# quote pages but sends the reader on, so it is a type of its own.
MOVED_MARK = b'<meta http-equiv="refresh"'


def sends_on(file: Path) -> bool:
    """Whether the built page ``file`` is an old address that sends the reader on."""
    with file.open("rb") as f:
        return MOVED_MARK in f.read(1024)


def hold(page: Any, url: str) -> None:
    """Keep a Playwright page that sends the reader on (type "moved") at ``url``, so that
    it is itself checked or photographed: every navigation away is cancelled (an aborted
    navigation leaves the page as it was, with no error page). Install before ``goto``."""

    def route(r: Any) -> None:
        if r.request.is_navigation_request() and r.request.url != url:
            r.abort("aborted")
        else:
            r.continue_()

    page.route("**/*", route)


def page_types(site: Path) -> dict[str, str]:
    """One page of every type the build made: type name -> site path (the first by path)."""
    found: dict[str, str] = {}
    for path in html_paths(site):
        name = "404" if path == "404.html" else page_type(path)
        if name in ("claim", "quote") and sends_on(site / path):
            name = "moved"
        found.setdefault(name, path)
    return found


# --------------------------------------------------------------------------- headers


def netlify_headers(site_path: str, config: Path = NETLIFY_TOML) -> dict[str, str]:
    """The headers netlify.toml gives a path: those of every rule whose ``for`` matches it,
    as Netlify applies them all. Each header is set by one rule only (tests check that),
    so the order of merging does not matter."""
    doc = tomllib.loads(config.read_text(encoding="utf-8"))
    headers: dict[str, str] = {}
    for rule in doc.get("headers", []):
        if path_matches(rule["for"], site_path):
            headers.update({k: str(v) for k, v in rule.get("values", {}).items()})
    return headers


def path_matches(pattern: str, path: str) -> bool:
    """Whether a rule's ``for`` matches a path, by the regular expression Netlify makes of
    it (@netlify/headers-parser, for_regexp.js): case-insensitive, an optional trailing
    slash, ``:name`` for one segment, ``*`` for any rest -- so ``/embed/*`` also matches
    ``/embed`` and ``/embedded``, which a plain prefix test would miss."""
    return _for_regexp(pattern).match(path) is not None


@functools.lru_cache(maxsize=256)
def _for_regexp(pattern: str) -> re.Pattern[str]:
    def part(segment: str) -> str:
        if segment.startswith(":"):
            return "([^/]+)"
        if segment == "*":
            return "?(.*)"  # the whole segment optional, as Netlify's
        return "(.*)".join(re.escape(piece) for piece in segment.split("*"))

    segments = [s.rstrip() for s in pattern.split("/") if s.rstrip()]
    return re.compile("^/" + "/".join(part(s) for s in segments) + "/?$", re.IGNORECASE)


# --------------------------------------------------------------------------- serving


class _Handler(BaseHTTPRequestHandler):
    root: Path
    prefix: str
    headers_for: bool

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def do_GET(self) -> None:
        self._serve(body=True)

    def _serve(self, body: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        file = self._file(path)
        if file is not None and file.is_dir():
            # Like static hosts: a folder's address without its slash redirects to it.
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.end_headers()
            return
        status = 200
        if file is None or not file.is_file():
            status, file = 404, self.root / "404.html"
            if not file.is_file():
                self.send_error(404)
                return
        data = file.read_bytes()
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/json", "application/xml"):
            kind += "; charset=utf-8"
        headers = {"Content-Type": kind, "Content-Length": str(len(data))}
        if self.headers_for:
            site_path = "/" + file.relative_to(self.root).as_posix()
            headers.update(netlify_headers(site_path.removesuffix("index.html")))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _file(self, path: str) -> Path | None:
        if not path.startswith(self.prefix):
            return None
        rel = posixpath.normpath(path[len(self.prefix) :] or ".")
        if rel.startswith(".."):
            return None
        file = self.root / rel
        if file.is_dir() and path.endswith("/"):
            file = file / "index.html"
        return file


@contextlib.contextmanager
def serve(root: Path, prefix: str = "/", netlify: bool = False, port: int = 0) -> Iterator[str]:
    """Serve ``root`` at ``http://127.0.0.1:PORT{prefix}`` (yields that URL); missing
    paths get ``404.html`` with status 404, as on Netlify. With ``netlify=True`` every
    response carries the headers netlify.toml gives its path."""
    handler = type(
        "Handler",
        (_Handler,),
        {"root": root, "prefix": prefix, "headers_for": netlify},
    )
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
