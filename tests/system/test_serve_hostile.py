"""D21 and D8 for `sitegen serve`: a killed server's copy of the site does not stay in
memory for good, a NUL in a path is a 404, and a FIFO in the content never hangs it."""

from __future__ import annotations

import fcntl
import os
import signal
import threading
import time
from pathlib import Path

from sitegen.serve import server
from sitegen.serve.watch import scan
from tests.serve.test_server import get, running
from tests.system.conftest import mini_site


def test_a_killed_server_leaves_nothing_behind(tmp_path: Path) -> None:
    content = mini_site(tmp_path / "content")
    temp = tmp_path / "tmp"
    temp.mkdir()
    with running(content, temp) as (url, proc):
        assert get(url + "x%00.html")[0] == 404
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        _, err = proc.communicate(timeout=60)
    assert "Traceback" not in err
    # SIGKILL: the server cannot clean up; its watchdog process does, once it is gone.
    deadline = time.monotonic() + 60  # a guard against a hang, not a speed check
    while list(temp.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not list(temp.iterdir())


def test_stale_sweep_spares_live_servers_links_and_recent_unlocked_folders(
    tmp_path: Path,
) -> None:
    live = tmp_path / "sitegen-serve-live"
    live.mkdir()
    fd = os.open(live / server.SCRATCH_LOCK, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    dead = tmp_path / "sitegen-serve-dead"
    dead.mkdir()
    (dead / server.SCRATCH_LOCK).touch()
    (dead / "index.html").write_text("left by a killed server")
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "keep.txt").write_text("keep")
    (tmp_path / "sitegen-serve-link").symlink_to(victim)
    old = tmp_path / "sitegen-serve-older-sitegen"
    old.mkdir()
    recent = tmp_path / "sitegen-serve-older-but-recent"
    recent.mkdir()
    day_ago = time.time() - server.UNLOCKED_STALE_S - 60
    os.utime(old, (day_ago, day_ago))
    try:
        removed = server.remove_stale_scratch(tmp_path)
    finally:
        os.close(fd)
    assert sorted(p.name for p in removed) == ["sitegen-serve-dead", "sitegen-serve-older-sitegen"]
    assert live.is_dir() and recent.is_dir() and (victim / "keep.txt").is_file()


def test_watching_a_fifo_does_not_hang(tmp_path: Path) -> None:
    content = mini_site(tmp_path / "content")
    os.mkfifo(content / "s" / "pipe.md")
    (content / "s" / "loop.md").symlink_to("loop.md")
    found: list[object] = []
    worker = threading.Thread(
        target=lambda: found.append(scan([content], {}, time.time_ns())), daemon=True
    )
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "scanning the content folder hung on a FIFO"
    assert found
