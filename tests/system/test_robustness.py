"""Hostile and broken input: nothing lost, nothing written outside, odd input builds."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from sitegen.build.pipeline import build
from sitegen.build.staging import UnsafeOutputPath, staged, write_files
from sitegen.model import OutputFile
from tests.conftest import build_command, write_article

SENTENCE = "Officials said the harbour bridge would reopen on Monday after repairs. "


def tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def big_site(root: Path, stories: int = 40) -> Path:
    for s in range(stories):
        for a in range(4):
            body = "\n\n".join(
                f"“Quote {s} {a} {p},” said Ana Lima. " + SENTENCE * 3 for p in range(12)
            )
            write_article(root, f"story-{s:03d}", f"outlet-{a}", f"Outlet {a}", f"Story {s}", body)
    return root


def _processes_writing(output: Path) -> list[int]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue
        if str(output).encode() in args:
            found.append(int(cmdline.parent.name))
    return found


def run_build(content: Path, output: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        build_command(content, output),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize("path", ["../escape.html", "/etc/passwd", "a/../../b", "", "..", "a/.."])
def test_no_file_is_written_outside_the_output(tmp_path: Path, path: str) -> None:
    with pytest.raises(UnsafeOutputPath):
        write_files([OutputFile(path, b"x")], tmp_path / "out")
    assert not (tmp_path / "escape.html").exists()


def test_no_file_is_written_into_one_that_exists(tmp_path: Path) -> None:
    # a carried page is a hard link to the live site's file: writing into it in place
    # would change the site a build is about to replace
    live = tmp_path / "live.html"
    live.write_bytes(b"live")
    staging = tmp_path / "staging"
    staging.mkdir()
    os.link(live, staging / "page.html")
    with pytest.raises(FileExistsError):
        write_files([OutputFile("page.html", b"new")], staging)
    assert live.read_bytes() == b"live"


def test_exception_inside_the_build_keeps_the_old_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.html").write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), staged(out) as staging:
        (staging / "index.html").write_text("new", encoding="utf-8")
        raise RuntimeError("renderer failed")
    assert tree(out) == {"index.html": b"old"}
    assert [p.name for p in tmp_path.iterdir()] == ["out"] or all(
        "lock" in p.name or p.name == "out" for p in tmp_path.iterdir()
    )


def test_killed_builds_leave_the_previous_output_complete(tmp_path: Path) -> None:
    content = big_site(tmp_path / "content")
    out = tmp_path / "out"
    build(content, out)
    old = tree(out)
    (content / "story-000" / "outlet-0.md").write_text(
        (content / "story-000" / "outlet-0.md").read_text(encoding="utf-8") + "\nChanged.\n",
        encoding="utf-8",
    )
    build(content, tmp_path / "new")  # builds are the same bytes in any folder
    new = tree(tmp_path / "new")
    assert new != old
    for delay in (0.05, 0.2, 0.4, 0.7, 1.0):
        proc = run_build(content, out)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = tree(out)
        # either the old site or, if the kill came after the swap, the complete new one
        assert after in (old, new), f"incomplete output after {delay}s"
    time.sleep(0.5)
    assert _processes_writing(out) == []  # no orphaned analysis worker outlives its build
    build(content, out)  # the next build of the same output cleans up after killed ones
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".sitegen-staging")]
    assert leftovers == []  # the next build cleaned up after the killed ones


def test_two_builds_at_once_leave_one_complete_site(tmp_path: Path) -> None:
    content = big_site(tmp_path / "content", stories=10)
    build(content, tmp_path / "reference")
    out = tmp_path / "out"
    procs = [run_build(content, out) for _ in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err.decode()
    assert tree(out) == tree(tmp_path / "reference")


ODD_BODIES = {
    "bom-and-crlf": None,  # written as bytes below
    "unbalanced-quotes": "He said “this never closes.\n\nNext paragraph is plain.\n\n"
    'She said "also open\n\nAnd ‘single one.',
    "deep-nesting": "> " * 200
    + "deep\n\n"
    + "".join("  " * i + "- item\n" for i in range(200))
    + "\n"
    + "*" * 500
    + "x"
    + "*" * 500
    + "\n\n"
    + "[" * 300
    + "x"
    + "]" * 300,
    "html-and-script": "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n"
    "[click](javascript:alert(3)) “<b>quoted</b>,” said Ana Lima.",
    "only-punctuation": "“”\n\n''\n\n« »\n\n„“\n\n...",
}


def test_odd_but_valid_input_builds(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for name, body in ODD_BODIES.items():
        if body is None:
            continue
        write_article(content, name, "only", "Outlet", name, body)
    bom = content / "bom-and-crlf" / "only.md"
    bom.parent.mkdir(parents=True)
    bom.write_bytes(
        "\ufeff---\r\noutlet: O\r\ntitle: T\r\n---\r\nLine “one,” he said.\r\n".encode()
    )
    build(content, tmp_path / "out")
    html = (tmp_path / "out/stories/html-and-script/articles/only/index.html").read_text()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)" in html
    assert 'href="javascript' not in html and "[click](javascript:alert(3))" in html


def test_story_of_thirty_outlets_builds(tmp_path: Path) -> None:
    content = tmp_path / "content"
    for i in range(30):
        body = "\n\n".join(
            [
                f"“The bridge will reopen on Monday,” mayor Ana Lima said, outlet {i} reported.",
                SENTENCE * 2,
                f"Outlet {i} alone reports that {i + 3} lanes were closed.",
            ]
        )
        write_article(content, "thirty", f"outlet-{i:02d}", f"Outlet {i}", f"Title {i}", body)
    build(content, tmp_path / "out")
    assert len(list((tmp_path / "out/stories/thirty/articles").iterdir())) == 30


def test_five_megabyte_article_builds(tmp_path: Path) -> None:
    content = tmp_path / "content"
    paragraph = (
        "The council met on Tuesday and “approved the budget,” the mayor said. " + SENTENCE * 4
    )
    body = "\n\n".join([paragraph] * (5_000_000 // len(paragraph) + 1))
    write_article(content, "huge", "big", "Outlet", "Huge", body)
    write_article(content, "huge", "small", "Other", "Small", paragraph)
    proc = subprocess.run(
        build_command(content, tmp_path / "out"),
        capture_output=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert os.path.getsize(tmp_path / "out/stories/huge/articles/big/index.html") > 5_000_000
