"""The progress of a long build: stage, stories done of total, and time left.

Shown only once a build has run for ``delay`` seconds (a small site's build says nothing
until its summary), on stderr so stdout stays the command's result. On a terminal it is
one line redrawn in place; elsewhere (a log, CI) it is plain lines, one per tenth of a
stage, so a log shows that a long build moves without filling up.

Written here rather than taken from rich or tqdm: those are 40 lines of this, and each
would be a dependency for every install of a tool whose other output is one line.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

DELAY_SECONDS = 2.0


def duration(seconds: float) -> str:
    """``7 s``, ``3 min 05 s``, ``1 h 02 min``: rounded up, so "0 s" is never promised."""
    whole = max(1, int(seconds + 0.999))
    if whole < 60:
        return f"{whole} s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {secs:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class Progress:
    """Called with ``(stage, done, total)`` as a build goes; :meth:`clear` at its end."""

    def __init__(
        self,
        stream: TextIO,
        tty: bool | None = None,
        delay: float = DELAY_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.stream, self.clock, self.delay = stream, clock, delay
        self.tty = stream.isatty() if tty is None else tty
        self.started = clock()
        self.stage, self.stage_started, self.tenth = "", self.started, -1
        self.last = self.started  # the previous call: when a new stage began its work
        self.shown = False  # a terminal line is on screen, to be cleared

    def line(self, stage: str, done: int, total: int, now: float) -> str:
        text = f"{stage} {done}/{total} {'story' if total == 1 else 'stories'}"
        if 0 < done < total:
            left = (now - self.stage_started) / done * (total - done)
            text += f", about {duration(left)} left"
        return text

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = self.clock()
        if stage != self.stage:
            self.stage, self.stage_started, self.tenth = stage, self.last, -1
        self.last = now
        if now - self.started < self.delay or total < 1:
            return
        text = self.line(stage, done, total, now)
        if self.tty:
            self.stream.write("\r\033[K" + text)
            self.shown = True
        else:
            tenth = done * 10 // total
            if tenth == self.tenth:
                return
            self.tenth = tenth
            self.stream.write(text + "\n")
        self.stream.flush()

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
            self.shown = False
