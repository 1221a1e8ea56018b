"""`sitegen serve` in Chromium, as a writer uses it: save, look, break, fix, save in a burst.

Each test runs `python -m sitegen serve` in a subprocess on a copy of content/ and edits
that copy. Waits have generous limits (a hung server fails rather than blocks); nothing
asserts how fast anything happened: benchmarks/serve_bench.py measures that.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.harness import CONTENT

pytestmark = pytest.mark.browser
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: no proxy
WAIT_MS = 20_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def is_watchdog(pid: int) -> bool:
    """The server's one lifelong helper: it waits for the server to end, however it ends,
    to remove its scratch copy of the site (sitegen.serve.server.watch_scratch)."""
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False
    return b"shutil.rmtree(sys.argv[1]" in cmdline


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue  # exited while we looked
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@dataclass
class Server:
    url: str
    content: Path
    proc: subprocess.Popen[bytes]
    log: Path

    def status(self) -> dict[str, Any]:
        with DIRECT.open(self.url + "_sitegen/status", timeout=10) as response:
            return json.loads(response.read())

    def article(self) -> tuple[Path, str]:
        """The first article of the first story, and its page's URL."""
        story = sorted(p for p in self.content.iterdir() if p.is_dir())[0]
        file = sorted(story.glob("*.md"))[0]
        return file, f"{self.url}stories/{story.name}/articles/{file.stem}/"


@pytest.fixture
def server(tmp_path: Path, browser: Any) -> Iterator[Server]:
    content = shutil.copytree(CONTENT, tmp_path / "content")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "sitegen", "serve", "--content", "content", "--port", str(port)],
            cwd=tmp_path,  # so errors name the file as `content/<story>/<file>.md`
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    running = Server(f"http://127.0.0.1:{port}/", content, proc, log)
    try:
        deadline = time.monotonic() + 120  # guards a hung start; not a speed check
        while True:
            assert proc.poll() is None, log.read_text()
            try:
                if running.status()["ready"]:
                    break
            except OSError:
                pass  # not listening yet
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield running
        assert proc.poll() is None, "the server died:\n" + log.read_text()
        # Once the search index is up to date, no process of the server's is left running
        # (the background Pagefind job has ended; no analysis worker lingers).
        while not running.status()["indexed"]:
            assert time.monotonic() < deadline + 120, log.read_text()
            time.sleep(0.1)
        running_now = [p for p in children(proc.pid) if not is_watchdog(p)]
        assert running_now == [], "the server left processes running"
    finally:
        left = children(proc.pid)
        proc.send_signal(signal.SIGINT)  # what Ctrl-C sends
        proc.wait(timeout=30)
    assert proc.returncode == 0, log.read_text()
    gone_by = time.monotonic() + 10  # an orphan is reaped by init, not at once
    while [pid for pid in left if Path(f"/proc/{pid}").exists()]:
        assert time.monotonic() < gone_by, f"a child of serve outlived it: {left}"
        time.sleep(0.05)


def open_live(page: Any, url: str) -> None:
    """Open ``url`` and wait until its reload socket is connected."""
    page.goto(url)
    page.wait_for_function("window.sitegenPreview && window.sitegenPreview.live", timeout=WAIT_MS)


def shows(page: Any, text: str) -> None:
    page.wait_for_function(
        "t => document.body && document.body.innerText.includes(t)", arg=text, timeout=WAIT_MS
    )


def with_paragraph(source: str, text: str) -> str:
    return source.rstrip("\n") + f"\n\n{text}\n"


def test_a_save_shows_in_the_open_page(server: Server, page: Any) -> None:
    file, url = server.article()
    original = file.read_text(encoding="utf-8")
    open_live(page, url)
    file.write_text(with_paragraph(original, "Saved paragraph alpha."), encoding="utf-8")
    shows(page, "Saved paragraph alpha.")


def test_a_broken_save_shows_the_error_over_the_last_good_page_until_fixed(
    server: Server, page: Any
) -> None:
    file, url = server.article()
    original = file.read_text(encoding="utf-8")
    open_live(page, url)
    file.write_text(with_paragraph(original, "Last good paragraph."), encoding="utf-8")
    shows(page, "Last good paragraph.")

    # An impossible date on line 2 of the file.
    lines = [line for line in original.split("\n") if not line.startswith("published:")]
    lines.insert(1, "published: 2025-13-45")
    file.write_text("\n".join(lines), encoding="utf-8")
    where = f"content/{file.parent.name}/{file.name}:2:"
    overlay = page.locator("#sitegen-error")
    overlay.wait_for(timeout=WAIT_MS)
    assert where in overlay.inner_text()
    assert "not a valid date" in overlay.inner_text()
    assert "Last good paragraph." in page.inner_text("body")  # the last good site, under it
    assert server.proc.poll() is None
    assert any(where in e for e in server.status()["errors"])

    page.goto(server.url)  # every page shows the error while it lasts
    page.locator("#sitegen-error").wait_for(timeout=WAIT_MS)
    open_live(page, url)

    file.write_text(with_paragraph(original, "Fixed paragraph."), encoding="utf-8")
    shows(page, "Fixed paragraph.")
    assert page.locator("#sitegen-error").count() == 0
    assert server.status()["errors"] == []


def test_after_a_burst_of_saves_the_last_one_is_shown(server: Server, page: Any) -> None:
    file, url = server.article()
    original = file.read_text(encoding="utf-8")
    open_live(page, url)
    for n in ("one", "two", "three"):  # three saves within a second
        file.write_text(with_paragraph(original, f"Burst save {n}."), encoding="utf-8")
        time.sleep(0.25)
    shows(page, "Burst save three.")
    page.reload()
    body = page.inner_text("body")
    assert "Burst save three." in body
    assert "Burst save one." not in body and "Burst save two." not in body


def test_editor_style_saves_through_temporary_files(server: Server, page: Any) -> None:
    """vim's default: probe file 4913, move the file to a backup, write it anew, remove
    the backup; the page follows, and no temporary file is ever published."""
    file, url = server.article()
    original = file.read_text(encoding="utf-8")
    open_live(page, url)
    probe = file.parent / "4913"
    probe.write_text("")
    probe.unlink()
    backup = file.with_name(file.name + "~")
    os.rename(file, backup)
    swap = file.with_name(f".{file.name}.swp")
    swap.write_text("swap")
    file.write_text(with_paragraph(original, "Saved like vim does."), encoding="utf-8")
    backup.unlink()
    swap.unlink()
    shows(page, "Saved like vim does.")
    assert re.search(r"build failed", server.log.read_text()) is None
