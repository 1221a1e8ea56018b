"""Hostile web pages met by `sitegen import` (issue 14: D6, D7, D16): terminal escapes in
what it prints, redirects to other schemes, servers that never finish. A loopback server
in a thread plays the hostile site; HOME and the content folder are in tmp_path."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitegen.cli import main
from sitegen.ingest import importer

PARAGRAPHS = "".join(
    f"<p>The bridge over the harbour will reopen on Monday after two weeks of repairs, "
    f"officials said in statement number {i}.</p>"
    for i in range(6)
)
ANSI = (
    "<!doctype html><html><head><meta charset='utf-8'>"
    "<title>Bridge \x1b]0;PWNED\x07\x1b[2J\x1b[31mRED\x1b]52;c;ZWNobw==\x07 \u202ereopens</title>"
    "<meta property='og:site_name' content='Evil\x1b[8m hidden'></head>"
    f"<body><article><h1>Bridge reopens</h1>{PARAGRAPHS}</article></body></html>"
).encode()


class HostileServer:
    """A few hostile answers on 127.0.0.1; ``ftp_hits`` counts connections to a second
    port that a redirect points at."""

    def __init__(self) -> None:
        self.stop = threading.Event()
        self.http = socket.create_server(("127.0.0.1", 0))
        self.ftp = socket.create_server(("127.0.0.1", 0))
        self.ftp_hits = 0
        for target in (self._serve, self._ftp):
            threading.Thread(target=target, daemon=True).start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http.getsockname()[1]}"

    def _ftp(self) -> None:
        self.ftp.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.ftp.accept()
            except OSError:  # a timeout, or closed at the end of the test
                continue
            self.ftp_hits += 1
            conn.close()

    def _serve(self) -> None:
        self.http.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.http.accept()
            except OSError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                request += chunk
            path = request.split(b" ")[1].decode()
            ftp = self.ftp.getsockname()[1]
            head = "HTTP/1.1 {}\r\nConnection: close\r\n{}\r\n"
            try:
                if path == "/ansi":
                    conn.sendall(
                        head.format("200 OK", "Content-Type: text/html; charset=utf-8\r\n").encode()
                        + ANSI
                    )
                elif path.startswith("/redir-"):
                    where = {
                        "/redir-ftp": f"ftp://127.0.0.1:{ftp}/a.html",
                        "/redir-file": "file:///etc/passwd",
                        "/redir-userinfo": f"http://user:pw@127.0.0.1:{ftp}/",
                    }[path]
                    conn.sendall(head.format("302 Found", f"Location: {where}\r\n").encode())
                elif path in ("/drip", "/drip-headers"):
                    first = head.format("200 OK", "Content-Type: text/html\r\n").encode()
                    data = ANSI if path == "/drip" else first
                    if path == "/drip":
                        conn.sendall(first)
                    for byte in data:  # one byte at a time, each well within a read timeout
                        if self.stop.is_set():
                            return
                        conn.sendall(bytes([byte]))
                        time.sleep(0.3)
                else:
                    conn.sendall(head.format("404 Not Found", "").encode())
            except OSError:
                return

    def close(self) -> None:
        self.stop.set()
        time.sleep(0.3)  # the accept loops see the flag before their sockets close
        self.http.close()
        self.ftp.close()


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[HostileServer]:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    hostile = HostileServer()
    yield hostile
    hostile.close()


def _import(url: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["import", url, "--story", "s", "--new", "--content", "content"])
    out, err = capsys.readouterr()
    return code, out, err


# --------------------------------------------------------------------------- D6


def test_d6_import_prints_no_terminal_escapes(
    server: HostileServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = _import(server.base + "/ansi", capsys)
    assert code == 0, err
    printed = out + err
    assert "\x1b" not in printed and "\x07" not in printed and "\u202e" not in printed
    assert "\\x1b]0;PWNED" in printed  # shown, not obeyed
    written = next((tmp_path / "content" / "s").glob("evil*.md")).read_text(encoding="utf-8")
    assert "\x1b" not in written and "\x07" not in written
    # and what was written passes check (its control characters would not)
    assert main(["check", "--content", "content"]) == 0


def test_d6_terminal_text_shows_controls() -> None:
    from sitegen.untrusted import terminal_text

    assert terminal_text("a\x1b[2Jb\x9bc\u202ed\te") == "a\\x1b[2Jb\\x9bc\\u202ed\\x09e"


# --------------------------------------------------------------------------- D7


@pytest.mark.parametrize("path", ["/redir-ftp", "/redir-file", "/redir-userinfo"])
def test_d7_redirects_are_followed_only_to_http(
    server: HostileServer, capsys: pytest.CaptureFixture[str], tmp_path: Path, path: str
) -> None:
    code, _out, err = _import(server.base + path, capsys)
    assert code == 1
    assert "Traceback" not in err
    assert err.splitlines()[0].startswith(server.base + path + ": redirects to ")
    assert server.ftp_hits == 0
    assert not (tmp_path / "content").exists()


# --------------------------------------------------------------------------- D16


@pytest.mark.parametrize("path", ["/drip", "/drip-headers"])
def test_d16_a_dripping_server_is_cut_off_by_one_deadline(
    server: HostileServer,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    path: str,
) -> None:
    # every byte arrives well within the read timeout; only a bound on the whole fetch
    # ends it (the page takes some 300 s to drip out)
    monkeypatch.setattr(importer, "FETCH_TIMEOUT", 20.0)
    monkeypatch.setattr(importer, "FETCH_DEADLINE", 2.0)
    code, _out, err = _import(server.base + path, capsys)
    assert code == 1
    assert err.splitlines()[0] == f"{server.base}{path}: the page took longer than 2 s to arrive"
    assert not (tmp_path / "content").exists()
