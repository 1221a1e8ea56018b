"""Save-to-reload delay of `sitegen serve`, measured the way a writer feels it.

For each site the benchmark starts `python -m sitegen serve` in a subprocess, opens an
article page in headless Chromium, then saves a new paragraph into that article's
Markdown file and times from the start of the write until the browser shows the new
text. Each save waits for the previous one to be on screen. Two sites:

* ``demo``: a copy of content/ (one story, five articles);
* ``generated``: 1,000 articles, 200 stories of 5 outlets each, made by
  :mod:`benchmarks.corpus` (seeded, 400-1,200 words per article, shared wire copy and
  quotations, as real coverage has). Its analysis cache starts cold, as after a fresh
  clone; the first build's time is reported separately.

Usage::

    python3 -m benchmarks.serve_bench [--saves 15] [--large-saves N] [--no-readme]

Prints the figures and writes them into benchmarks/README.md, section "serve".
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from benchmarks import corpus
from scripts.browser import CHROMIUM, CHROMIUM_ARGS  # the browser the e2e tests use

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "content"
README = Path(__file__).resolve().parent / "README.md"
TARGETS = {"demo": 1.0, "generated": 2.0}  # median seconds
DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: no proxy
WAIT_MS = 900_000  # a guard against a hung server; a slow save is measured, not cut off
START_SECONDS = 1800  # the first build analyses every story, on a possibly busy machine


@dataclass(frozen=True)
class Result:
    site: str
    articles: int
    first_build: float  # seconds, as the server reported it
    delays: tuple[float, ...]
    builds: tuple[float, ...]  # seconds of each rebuild after a save, as the server logged

    @property
    def build_median(self) -> float:
        return statistics.median(self.builds) if self.builds else float("nan")

    @property
    def median(self) -> float:
        return statistics.median(self.delays)

    @property
    def p90(self) -> float:
        ordered = sorted(self.delays)
        return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(content: Path) -> Iterator[tuple[str, Path]]:
    """A running `sitegen serve` on ``content``, its first build done: URL and log file."""
    port = free_port()
    log = content.parent / "serve.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "sitegen",
                "serve",
                "--content",
                str(content),
                "--port",
                str(port),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + START_SECONDS
        while not ready(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the server did not start:\n" + log.read_text())
            time.sleep(0.1)
        yield url, log
    finally:
        proc.send_signal(signal.SIGINT)  # Ctrl-C
        proc.wait(timeout=60)


def build_seconds(log: Path) -> list[float]:
    """Seconds of every build the server logged, the first one included."""
    return [float(m) for m in re.findall(r"built .* in ([\d.]+) s", log.read_text())]


def ready(url: str) -> bool:
    try:
        with DIRECT.open(url + "_sitegen/status", timeout=5) as response:
            status = json.loads(response.read())
    except OSError:
        return False
    if status["errors"]:
        raise RuntimeError("the site does not build: " + "; ".join(status["errors"]))
    return bool(status["ready"])


def measure(name: str, content: Path, saves: int, browser) -> Result:
    story = sorted(p for p in content.iterdir() if p.is_dir())[0]
    article = sorted(story.glob("*.md"))[0]
    original = article.read_text(encoding="utf-8")
    articles = sum(1 for _ in content.glob("*/*.md"))
    delays = []
    with server(content) as (url, log):
        page = browser.new_page()
        page.goto(f"{url}stories/{story.name}/articles/{article.stem}/")
        for n in range(saves):
            page.wait_for_function(
                "window.sitegenPreview && window.sitegenPreview.live", timeout=WAIT_MS
            )
            marker = f"Benchmark paragraph number {n} was saved."
            started = time.perf_counter()
            article.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
            page.wait_for_function(
                "t => document.body && document.body.innerText.includes(t)",
                arg=marker,
                timeout=WAIT_MS,
            )
            delays.append(time.perf_counter() - started)
        page.close()
    first, *rebuilds = build_seconds(log)
    return Result(name, articles, first, tuple(delays), tuple(rebuilds))


def table(results: list[Result]) -> str:
    rows = [
        "| site | articles | saves | median | p90 | max | target (median) | rebuild (median) "
        "| first build |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        verdict = "met" if r.median < TARGETS[r.site] else "MISSED"
        rows.append(
            f"| {r.site} | {r.articles} | {len(r.delays)} | {r.median:.2f} s | {r.p90:.2f} s "
            f"| {max(r.delays):.2f} s | < {TARGETS[r.site]:.0f} s ({verdict}) "
            f"| {r.build_median:.2f} s | {r.first_build:.1f} s |"
        )
    return "\n".join(rows)


def readme_section(results: list[Result], argv: str) -> str:
    when = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"""## serve

Save-to-reload delay of `sitegen serve`: from the start of writing a changed article file
to the new text being on screen in headless Chromium, one save at a time. `demo` is
content/; `generated` is 1,000 articles (200 stories x 5 outlets, `benchmarks.corpus`,
seed 1). "rebuild" is the server's own build time per save (the whole `sitegen build`
pipeline, with only the edited story analysed again); the rest of the delay is noticing
the save (polls every 0.05 s, less often on a large site, then a 0.1 s quiet period) and
the browser reloading the page. "first build" is the server's initial build, with a cold
analysis cache.

{table(results)}

When "rebuild" is most of the delay, the build itself is the bottleneck: see the
"build" section for what each stage costs on a one-article edit ("touch").

Measured {when} with `python3 -m benchmarks.serve_bench{argv}`
on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()};
load average {load} when it finished (the machine was shared with other work, so these
are upper bounds).
"""


def write_readme(section: str, readme: Path = README) -> None:
    """Replace the "serve" section of the README, keeping every other section."""
    text = readme.read_text(encoding="utf-8") if readme.exists() else "# Benchmarks\n"
    pattern = re.compile(r"^## serve\n.*?(?=^## |\Z)", re.M | re.S)
    if pattern.search(text):
        text = pattern.sub(lambda _: section + "\n", text).rstrip("\n") + "\n"
    else:
        text = text.rstrip("\n") + "\n\n" + section
    readme.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=15, help="saves on the demo (default 15)")
    parser.add_argument(
        "--large-saves",
        type=int,
        default=None,
        help="saves on the 1,000 articles (default: --saves)",
    )
    parser.add_argument("--no-readme", action="store_true", help="only print the figures")
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="serve-bench-") as tmp:
        demo = shutil.copytree(DEMO, Path(tmp) / "demo" / "content")
        generated = Path(tmp) / "generated" / "content"
        corpus.write(corpus.Spec(stories=200, outlets=5, seed=1), generated)
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            results = [
                measure("demo", demo, args.saves, browser),
                measure("generated", generated, args.large_saves or args.saves, browser),
            ]
            browser.close()
    print(table(results))
    for r in results:
        print(f"{r.site}: " + " ".join(f"{d:.2f}" for d in r.delays))
    if not args.no_readme:
        given = " ".join(sys.argv[1:] if argv is None else argv)
        write_readme(readme_section(results, f" {given}" if given else ""))
        print(f"wrote {README.relative_to(ROOT)}")
    return 0 if all(r.median < TARGETS[r.site] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
