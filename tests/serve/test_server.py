"""sitegen serve without a browser: what is ignored, when a burst ends, what is shown after
a failed build, and the rebuild loop and HTTP server end to end (waits, never timed asserts)."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import math
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

import sitegen.serve.server
from sitegen.build.analysis_cache import AnalysisCache
from sitegen.build.pipeline import build
from sitegen.content import load_site
from sitegen.errors import ContentErrors
from sitegen.serve.server import (
    Outcome,
    Preview,
    Rebuilder,
    allowed_hosts,
    apply,
    describe_failure,
    host_allowed,
    injection,
    is_loopback,
    url_for,
)
from sitegen.serve.watch import RECENT_NS, Debouncer, Signature, changes, is_ignored, scan
from tests.build.test_pipeline import tree

# --------------------------------------------------------------------------- ignoring


@pytest.mark.parametrize(
    ("name", "ignored"),
    [
        ("al-jazeera.md", False),
        ("story.yaml", False),
        ("site.css", False),
        ("4913", True),  # vim's write probe
        (".al-jazeera.md.swp", True),  # vim swap file
        ("al-jazeera.md.swp", True),
        ("al-jazeera.md~", True),  # backup
        (".#al-jazeera.md", True),  # emacs lock
        ("#al-jazeera.md#", True),  # emacs autosave
        ("al-jazeera.md.tmp", True),
        ("al-jazeera.md.bck", True),
        (".DS_Store", True),
        (".git", True),
        ("49130", False),
        ("notes#1.md", False),
    ],
)
def test_editor_temporaries_and_dotfiles_are_ignored(name: str, ignored: bool) -> None:
    assert is_ignored(name) is ignored


# --------------------------------------------------------------------------- scanning


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_scan_sees_content_and_skips_temporaries_and_excluded_folders(tmp_path: Path) -> None:
    article = write(tmp_path / "story" / "a.md", "one")
    write(tmp_path / "story" / ".a.md.swp", "swap")
    write(tmp_path / "story" / "4913", "")
    write(tmp_path / ".git" / "HEAD", "ref")
    write(tmp_path / "out" / "index.html", "built")
    snapshot = scan([tmp_path], {}, 0, exclude=[tmp_path / "out"])
    assert list(snapshot) == [article]


def test_changes_are_additions_removals_and_edits(tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.md", "a"), write(tmp_path / "b.md", "b")
    before = scan([tmp_path], {}, 0)
    b.unlink()
    c = write(tmp_path / "c.md", "c")
    write(a, "a, edited")
    assert changes(before, scan([tmp_path], before, 0)) == {a, b, c}


def test_a_same_size_save_within_the_clock_tick_is_still_a_change(tmp_path: Path) -> None:
    article = write(tmp_path / "a.md", "version 1")
    stat = article.stat()
    before = scan([tmp_path], {}, stat.st_mtime_ns)
    write(article, "version 2")  # same size; force the same mtime, as a coarse clock would
    os.utime(article, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert changes(before, scan([tmp_path], before, stat.st_mtime_ns + 1)) == {article}


def test_a_file_growing_old_is_not_a_change(tmp_path: Path) -> None:
    write(tmp_path / "a.md", "text")
    mtime = (tmp_path / "a.md").stat().st_mtime_ns
    recent = scan([tmp_path], {}, mtime)
    old = scan([tmp_path], recent, mtime + 2 * RECENT_NS)
    assert changes(recent, old) == frozenset()
    fresh_process = scan([tmp_path], {}, mtime + 2 * RECENT_NS)
    assert next(iter(fresh_process.values())) == Signature(
        mtime, 4, (tmp_path / "a.md").stat().st_ino
    )


# --------------------------------------------------------------------------- debouncing

P, Q = Path("a.md"), Path("b.md")


@pytest.mark.parametrize(
    ("events", "checks"),
    [
        # one save: built once the quiet period has passed
        ([(0.0, P, False)], [(0.1, False), (0.15, True)]),
        # a burst of three saves: one build, after the last
        ([(0.0, P, False), (0.1, P, False), (0.2, Q, False)], [(0.34, False), (0.4, True)]),
        # a file vanished (delete-then-write save): wait longer for it to come back
        ([(0.0, P, True)], [(0.15, False), (0.59, False), (0.6, True)]),
        # ...and it came back: the normal quiet period again
        ([(0.0, P, True), (0.05, P, False)], [(0.19, False), (0.2, True)]),
        # an endless stream of saves still builds every `longest` seconds
        ([(t / 10, P, False) for t in range(25)], [(1.9, False), (2.0, True)]),
    ],
)
def test_debounce(events, checks) -> None:
    debouncer = Debouncer(quiet=0.15, vanish_quiet=0.6, longest=2.0)
    for now, path, vanished in events:
        debouncer.add([path], now, vanished)
    for now, due in checks:
        assert debouncer.due(now) is due, now


@pytest.mark.parametrize(
    ("events", "now", "due_in"),
    [
        ([], 5.0, math.inf),  # nothing pending
        ([(0.0, False)], 0.0, 0.25),
        ([(0.0, False)], 0.1, 0.15),
        ([(0.0, False)], 0.5, 0.0),  # overdue: now
        ([(0.0, True)], 0.0, 1.0),  # a file vanished: the longer quiet
        ([(0.0, False), (1.9, False)], 1.9, 0.1),  # the burst's time is nearly up
    ],
)
def test_due_in(events, now: float, due_in: float) -> None:
    debouncer = Debouncer(quiet=0.25, vanish_quiet=1.0, longest=2.0)
    for at, vanished in events:
        debouncer.add([P], at, vanished)
    assert debouncer.due_in(now) == pytest.approx(due_in)


def test_take_returns_the_burst_and_starts_afresh() -> None:
    debouncer = Debouncer()
    assert not debouncer.pending and not debouncer.due(100.0)
    debouncer.add([P], 0.0)
    debouncer.add([Q, P], 0.1)
    debouncer.add([], 5.0)  # nothing changed: not a save
    assert debouncer.pending
    assert debouncer.take() == {P, Q}
    assert not debouncer.pending and not debouncer.due(100.0)


# --------------------------------------------------------------------------- showing


def test_a_failed_build_keeps_the_site_and_shows_the_error_until_fixed() -> None:
    preview = Preview(site=Path("site"), instance="x")
    assert apply(preview, Outcome()) and (preview.ready, preview.build_id) == (True, "x.1")
    broken = Outcome(errors=("content/s/a.md:2: missing `title`",))
    assert apply(preview, broken)
    assert (preview.ready, preview.errors, preview.generation) == (True, broken.errors, 2)
    assert not apply(preview, broken)  # the same error again: no reload
    assert apply(preview, Outcome())
    assert (preview.ready, preview.errors, preview.generation) == (True, (), 3)


def test_injection_carries_the_build_and_escapes_errors() -> None:
    html = injection("x.3", ["a.md:1: </script><b>\"'"]).decode()
    assert html.endswith('<script src="/livereload.js" async></script>')
    assert 'data-build="x.3"' in html and 'data-site="last-good"' in html
    assert "</script><b>" not in html and "&lt;/script&gt;&lt;b&gt;" in html
    assert 'data-errors="[]"' in injection("x.4", []).decode()
    assert 'data-site="none"' in injection("x.4", ["e"], ready=False).decode()


def test_content_errors_are_shown_as_path_line_message(small_site: Path) -> None:
    write(small_site / "bridge-vote" / "daily.md", "---\noutlet: X\n---\nBody.\n")
    with pytest.raises(ContentErrors) as caught:
        load_site(small_site)
    (line,) = describe_failure(caught.value)
    assert re.fullmatch(r".*bridge-vote/daily\.md:1: missing `title`.*", line)


def test_template_errors_name_the_template_and_line(tmp_path: Path) -> None:
    write(tmp_path / "page.html", "<p>\n{{ missing.value }}\n</p>\n")
    write(tmp_path / "bad.html", "<p>\n{% if %}\n")
    env = Environment(loader=FileSystemLoader(tmp_path), undefined=StrictUndefined)
    with pytest.raises(Exception) as runtime:
        env.get_template("page.html").render()
    with pytest.raises(Exception) as syntax:
        env.get_template("bad.html")
    assert re.fullmatch(
        r".*page\.html:2: UndefinedError: .*missing.*",
        describe_failure(runtime.value, templates=(tmp_path,))[0],
    )
    assert re.fullmatch(
        r".*bad\.html:2: .*", describe_failure(syntax.value, templates=(tmp_path,))[0]
    )


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("example.org", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(
    ("bound", "header", "allowed"),
    [
        ("127.0.0.1", "127.0.0.1:8000", True),
        ("127.0.0.1", "localhost:8000", True),
        ("127.0.0.1", "LOCALHOST:8000", True),
        ("127.0.0.1", "attacker.example:8000", False),  # DNS rebinding
        ("127.0.0.1", "127.0.0.1:9999", False),
        ("::1", "[::1]:8000", True),
        ("0.0.0.0", "anything.example:8000", True),  # the user chose to publish it
    ],
)
def test_host_header_check(bound: str, header: str, allowed: bool) -> None:
    assert host_allowed(header, allowed_hosts(bound, 8000)) is allowed


@pytest.mark.parametrize(
    ("host", "url"),
    [
        ("127.0.0.1", "http://127.0.0.1:8/"),
        ("0.0.0.0", "http://127.0.0.1:8/"),
        ("::1", "http://[::1]:8/"),
    ],
)
def test_url_for(host: str, url: str) -> None:
    assert url_for(host, 8) == url


@pytest.mark.parametrize(("tmpdir_set", "in_memory"), [(False, True), (True, False)])
def test_the_served_copy_goes_to_memory_unless_tmpdir_says_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tmpdir_set: bool, in_memory: bool
) -> None:
    memory, temp = tmp_path / "shm", tmp_path / "tmp"
    memory.mkdir()
    temp.mkdir()
    monkeypatch.setattr(sitegen.serve.server, "MEMORY_FOLDER", memory)
    monkeypatch.setattr(sitegen.serve.server, "MEMORY_NEEDED", 0)
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    if tmpdir_set:
        monkeypatch.setenv("TMPDIR", str(temp))
    else:
        monkeypatch.delenv("TMPDIR", raising=False)
    folder = sitegen.serve.server.scratch_folder()
    assert folder.parent == (memory if in_memory else temp)
    assert folder.name.startswith("sitegen-serve-")


# --------------------------------------------------------------------------- rebuild loop


class Loop:
    """A Rebuilder on a content folder, polled here as the server's event loop polls it."""

    def __init__(self, content: Path, site: Path) -> None:
        self.site = site
        self.outcomes: list[Outcome] = []
        self.log = io.StringIO()
        self.rebuilder = Rebuilder(
            content,
            site,
            AnalysisCache(None),
            roots=[content],
            exclude=[site.parent],
            publish=self.outcomes.append,
            log=self.log,
            debouncer=Debouncer(quiet=0.05, vanish_quiet=0.2),
        )
        self.rebuilder.first_build()

    def next(self) -> Outcome:
        """Poll until a build is published; that build's outcome."""
        published = len(self.outcomes)
        deadline = time.monotonic() + 60  # a guard against a lost save, not a speed check
        while len(self.outcomes) == published:
            assert time.monotonic() < deadline, (
                "no build followed the save:\n" + self.log.getvalue()
            )
            time.sleep(self.rebuilder.wait())
            self.rebuilder.poll()
        return self.outcomes[-1]

    def until(self, text: str, page: str = "stories/harbour-fire/articles/gazette/index.html"):
        """Outcomes until the built page holds ``text``; all of them."""
        seen = [self.next()]
        while text not in (self.site / page).read_text(encoding="utf-8"):
            seen.append(self.next())
        return seen


@pytest.fixture
def loop(small_site: Path, tmp_path: Path) -> Iterator[Loop]:
    running = Loop(small_site, tmp_path / "serve" / "site")
    assert running.outcomes[-1].ok
    yield running
    running.rebuilder.close()


GAZETTE = "---\noutlet: Example Gazette\ntitle: Harbour blaze\n---\n{body}\n"


def test_a_save_is_built(loop: Loop, small_site: Path) -> None:
    write(small_site / "harbour-fire" / "gazette.md", GAZETTE.format(body="Four ships left."))
    assert all(o.ok for o in loop.until("Four ships left."))


def test_the_last_save_of_a_burst_is_what_is_served(loop: Loop, small_site: Path) -> None:
    for n in (1, 2, 3):  # each save seen by a poll, all within one quiet period
        write(small_site / "harbour-fire" / "gazette.md", GAZETTE.format(body=f"Version {n}."))
        loop.rebuilder.poll()
    assert all(o.ok for o in loop.until("Version 3."))


def test_a_save_during_a_build_is_built_next(
    loop: Loop, small_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = small_site / "harbour-fire" / "gazette.md"
    saved_during: list[bool] = []

    def build_then_save(content: Path, site: Path, **kwargs):
        report = build(content, site, **kwargs)
        if not saved_during:  # the build has read the files: this save comes too late for it
            saved_during.append(True)
            write(article, GAZETTE.format(body="Saved during the build."))
        return report

    monkeypatch.setattr(sitegen.serve.server, "build", build_then_save)
    write(article, GAZETTE.format(body="First save."))
    loop.until("Saved during the build.")


def test_search_is_indexed_after_the_reload_as_a_build_indexes_it(
    loop: Loop, small_site: Path, tmp_path: Path
) -> None:
    indexed: list[bool] = []
    loop.rebuilder.indexed = lambda: indexed.append(True)
    stale = tree(loop.site / "pagefind")
    write(small_site / "harbour-fire" / "gazette.md", GAZETTE.format(body="Zanzibarite ships."))
    loop.until("Zanzibarite ships.")
    # the pages are shown first, with the previous index; Pagefind runs after that
    assert loop.rebuilder.job is None and not indexed
    assert tree(loop.site / "pagefind") == stale
    deadline = time.monotonic() + 120  # a guard against a hung Pagefind, not a speed check
    while not indexed:
        assert time.monotonic() < deadline, loop.log.getvalue()
        time.sleep(loop.rebuilder.wait())
        loop.rebuilder.poll()
    assert "search index updated" in loop.log.getvalue()
    build(small_site, tmp_path / "built")
    assert tree(loop.site / "pagefind") == tree(tmp_path / "built" / "pagefind") != stale
    # nothing left beside the served site: no index scratch, no replaced site
    left = {p.name for p in loop.site.parent.iterdir()}
    assert left == {"site", ".site.sitegen-lock"}, left


def test_a_broken_save_keeps_the_last_good_site(loop: Loop, small_site: Path) -> None:
    article = small_site / "harbour-fire" / "gazette.md"
    write(article, GAZETTE.format(body="Good version."))
    loop.until("Good version.")
    write(article, "---\noutlet: Example Gazette\n---\nBroken version.\n")
    failed = loop.next()
    while failed.ok:
        failed = loop.next()
    assert any(re.search(r"gazette\.md:1: missing `title`", line) for line in failed.errors)
    page = loop.site / "stories/harbour-fire/articles/gazette/index.html"
    assert "Good version." in page.read_text(encoding="utf-8")
    write(article, GAZETTE.format(body="Fixed version."))
    assert loop.until("Fixed version.")[-1].ok


# --------------------------------------------------------------------------- the server


DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: no proxy
INJECTED = re.compile(
    rb'<script src="/_sitegen/preview\.js"[^>]*></script><script src="/livereload\.js" async>'
    rb"</script>"
)


def fetch(url: str, host: str | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    try:
        with DIRECT.open(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def get(url: str, host: str | None = None) -> tuple[int, str]:
    status, body = fetch(url, host)
    return status, body.decode()


def status_of(url: str) -> dict:
    return json.loads(get(url + "_sitegen/status")[1])


def wait_for(url: str, done) -> dict:
    """Poll the server's status until ``done(status)``; that status."""
    deadline = time.monotonic() + 120  # a guard against a hung server, not a speed check
    while time.monotonic() < deadline:
        status = status_of(url)
        if done(status):
            return status
        time.sleep(0.05)
    raise AssertionError(f"{url}: gave up waiting; last status {status}")


@contextlib.contextmanager
def running(content: Path, temp: Path) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """`sitegen serve` in a subprocess on any free port, its first build done; stopped
    with Ctrl-C's signal on leaving (see the test that checks that)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "sitegen", "serve", "--content", str(content), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(temp)},
    )
    try:
        url = re.search(r"http://127\.0\.0\.1:\d+/", proc.stdout.readline()).group(0)
        wait_for(url, lambda s: s["ready"] or s["errors"])
        yield url, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            proc.wait(timeout=60)


def test_server_serves_only_the_built_site_and_stops_cleanly_on_ctrl_c(
    demo_content: Path, tmp_path: Path
) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    with running(demo_content, temp) as (url, proc):
        assert list(temp.glob("sitegen-serve-*"))
        status, body = get(url)
        assert status == 200 and "/livereload.js" in body
        story = next(p.name for p in demo_content.iterdir() if p.is_dir())
        assert get(url + f"stories/{story}/")[0] == 200
        assert get(url + "%2e%2e/%2e%2e/etc/passwd")[0] == 403
        assert get(url + "api/../../../etc/hostname")[0] in (403, 404)
        assert get(url, host="attacker.example")[0] == 403
        missing_status, missing = get(url + "no/such/page/")
        assert missing_status == 404 and "/livereload.js" in missing
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "stopped" in out
    assert not list(temp.iterdir())  # the served copy is gone


def test_the_served_site_is_what_sitegen_build_makes(small_site: Path, tmp_path: Path) -> None:
    with running(small_site, tmp_path) as (url, _):
        first = status_of(url)
        assert first["indexed"]  # the first build indexes before it is shown
        write(small_site / "harbour-fire" / "gazette.md", GAZETTE.format(body="A late edit."))
        # later builds are shown at once and indexed for search right after
        wait_for(url, lambda s: s["build"] != first["build"] and s["indexed"])
        build(small_site, tmp_path / "built")
        files = sorted(p for p in (tmp_path / "built").rglob("*") if p.is_file())
        assert files
        for file in files:
            status, body = fetch(url + file.relative_to(tmp_path / "built").as_posix())
            assert status == 200, file
            assert INJECTED.sub(b"", body, count=1) == file.read_bytes(), file


async def _reload_socket(url: str, build_id: str, origin: str | None = None) -> dict:
    """Greet the reload socket as livereload.js does, then say which build the page shows."""
    request = HTTPRequest(
        url.replace("http://", "ws://") + "livereload", headers={"Origin": origin} if origin else {}
    )
    socket = await websocket_connect(request)
    try:
        hello = {"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}
        await socket.write_message(json.dumps(hello))
        assert json.loads(await socket.read_message())["command"] == "hello"
        await socket.write_message(json.dumps({"command": "info", "url": url}))
        await socket.write_message(json.dumps({"command": "sitegen-build", "build": build_id}))
        return json.loads(await asyncio.wait_for(socket.read_message(), 60))
    finally:
        socket.close()


def test_a_page_of_an_older_build_is_told_to_reload_when_it_connects(
    small_site: Path, tmp_path: Path
) -> None:
    with running(small_site, tmp_path) as (url, _):
        assert asyncio.run(_reload_socket(url, "a-stale-build"))["command"] == "reload"
        with pytest.raises(HTTPClientError, match="403"):
            asyncio.run(_reload_socket(url, "x", origin="http://attacker.example"))


def test_serve_refuses_a_missing_content_folder(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sitegen", "serve", "--content", str(tmp_path / "none")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "content folder not found" in result.stderr
