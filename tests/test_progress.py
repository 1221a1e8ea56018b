"""The progress display of a long build, driven by a fake clock (no timed asserts)."""

from __future__ import annotations

import io

import pytest

from sitegen.progress import Progress, duration


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0.2, "1 s"), (7.0, "7 s"), (59.5, "1 min 00 s"), (185, "3 min 05 s"), (3725, "1 h 02 min")],
)
def test_duration(seconds: float, shown: str) -> None:
    assert duration(seconds) == shown


def test_a_build_under_two_seconds_shows_nothing() -> None:
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, tty=True, clock=clock)
    for done in range(1, 11):
        clock.now += 0.1
        progress("analysing", done, 10)
    progress.clear()
    assert stream.getvalue() == ""


def test_on_a_terminal_one_line_is_redrawn_with_stage_count_and_time_left() -> None:
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, tty=True, clock=clock)
    progress("loading", 1, 10)  # at once: too early to show
    clock.now += 2.5
    progress("loading", 10, 10)  # analysing starts here
    clock.now += 4.0
    progress("analysing", 2, 10)  # 2 s a story, 8 to go
    shown = stream.getvalue()
    assert shown.endswith("\r\033[Kanalysing 2/10 stories, about 16 s left")
    assert "\n" not in shown
    progress.clear()
    assert stream.getvalue().endswith("\r\033[K")


def test_off_a_terminal_plain_lines_one_per_tenth_of_a_stage() -> None:
    stream, clock = io.StringIO(), Clock()
    progress = Progress(stream, tty=False, clock=clock)
    clock.now += 3
    progress("loading", 1, 1)
    for done in range(1, 101):
        clock.now += 1
        progress("rendering", done, 100)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 12  # loading, then the first story and each tenth
    assert lines[0] == "loading 1/1 story"
    assert lines[1] == "rendering 1/100 stories, about 1 min 39 s left"
    assert lines[2] == "rendering 10/100 stories, about 1 min 30 s left"
    assert lines[-1] == "rendering 100/100 stories"
    assert "\r" not in stream.getvalue()
    progress.clear()  # nothing to clear off a terminal
    assert len(stream.getvalue().splitlines()) == 12
