"""Time sitegen builds of synthetic corpora, stage by stage, against Pelican.

For each size (number of articles, ``--outlets`` per story) the runner generates a corpus
with :mod:`benchmarks.corpus` (kept under ``--work`` and reused), then runs each build in a
subprocess of its own, so peak memory and CPU time are that build's alone:

* ``full``: cold build, no analysis cache, empty output;
* ``noop``: the same again with the cache warm and nothing changed;
* ``template``: the cache warm and one template changed (a comment added to a copy of
  ``base.html``): every page is rendered again, no story should be analysed again;
* ``touch``: the cache warm and one article changed (a sentence added);
* ``pelican``: Pelican building the same articles as plain pages (no analysis).

Pelican runs first, then full, noop, touch and template. Nothing is deleted before a
measurement: previous outputs go to a trash folder, emptied at the start of the next run
(see :func:`trash` for why this disk needs it).

The child times the stage functions exactly where :func:`sitegen.build.pipeline.build` calls them,
by wrapping the names in its module (load_site, analyse_site, write_stories, staged +
write_files, and index_site when there is search), so the figures
follow build() as it changes. CPU time is user + system of the build's process tree
(worker processes and Pagefind included), from ``os.wait4``; peak memory is the largest
resident set of any process in that tree.

Usage::

    python3 -m benchmarks.run --sizes 100,1000          # a table on stdout
    python3 -m benchmarks.run --sizes 10000 --no-pelican --json results.json
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import corpus

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ("full", "noop", "template", "touch", "pelican")


# --------------------------------------------------------------------------- trash

# On this machine's ext4, which has no journal, creating a file right after many were
# deleted costs far more kernel time: the allocator skips inodes freed in the last 60 s
# (up to 6 min while their blocks are unwritten) and reads inode tables to find them
# (``recently_deleted`` in fs/ext4/ialloc.c). Writing 20,000 pages took 1.1 s of system
# CPU on a quiet disk and 7 s just after a previous output was deleted. So no run deletes
# anything before it measures: old outputs are renamed into the trash, emptied once at
# the start of the next run, which then waits for the deleted inodes to age.
TRASH = ".trash"
SETTLE_S = 65


def trash(path: Path) -> None:
    """Move ``path`` (if any) into the trash beside it: a rename, nothing deleted."""
    if not path.exists():
        return
    bin_ = path.parent / TRASH
    bin_.mkdir(exist_ok=True)
    path.rename(Path(tempfile.mkdtemp(dir=bin_)) / path.name)


def empty_trash(work: Path) -> None:
    """Delete what earlier runs trashed under ``work``, then let the freed inodes age."""
    bins = [b for depth in ("", "*/", "*/*/") for b in work.glob(f"{depth}{TRASH}")]
    if not bins:
        return
    print(f"emptying the trash, then waiting {SETTLE_S} s for the disk", file=sys.stderr)
    for bin_ in bins:
        shutil.rmtree(bin_)
    os.sync()
    time.sleep(SETTLE_S)


# --------------------------------------------------------------------------- child side


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


@dataclass
class _Stages:
    """Wall and CPU seconds per stage; a stage called inside another is not counted twice."""

    wall: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    active: list[str] = field(default_factory=list)
    analysed: int | None = None  # stories the cache had to analyse again

    @contextlib.contextmanager
    def timing(self, stage: str) -> Iterator[None]:
        if self.active:
            yield
            return
        self.active.append(stage)
        wall, cpu = time.perf_counter(), _cpu()
        try:
            yield
        finally:
            self.wall[stage] = self.wall.get(stage, 0.0) + time.perf_counter() - wall
            self.cpu[stage] = self.cpu.get(stage, 0.0) + _cpu() - cpu
            self.active.pop()

    def wrap(self, stage: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.timing(stage):
                result = func(*args, **kwargs)
            cache = kwargs.get("cache")
            if func.__name__ == "analyse_site" and cache is not None:
                self.analysed = getattr(cache, "computed", None)
            return result

        return timed

    def wrap_context(self, stage: str, func: Callable[..., Any]) -> Callable[..., Any]:
        @contextlib.contextmanager
        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            manager = func(*args, **kwargs)
            with self.timing(stage):
                value = manager.__enter__()
            try:
                yield value
            except BaseException:
                if not manager.__exit__(*sys.exc_info()):
                    raise
            else:
                with self.timing(stage):
                    manager.__exit__(None, None, None)

        return timed


# Stage -> column. "render" is every story's pages and export, rendered and written or
# carried over from the previous output; "write" is the site-wide pages, feeds and the
# swap of the staging folder into place.
STAGES = {
    "load_site": "load",
    "analyse_site": "analyse",
    "write_stories": "render",
    "write_files": "write",
    "staged": "write",
    "index_site": "search",
}


def _edit_template(content: Path) -> Path:
    """Override the theme's base.html beside ``content`` with the default plus one
    comment, as a site's own ``templates/`` does; returns the folder to remove after."""
    from sitegen.site.theme import OVERRIDES, default_folder

    folder = content.parent / OVERRIDES
    folder.mkdir()
    base = (default_folder() / "base.html").read_text(encoding="utf-8")
    (folder / "base.html").write_text(base + "{# edited #}\n", encoding="utf-8")
    return folder


def _skip_search(*args: Any, **kwargs: Any) -> dict[str, Any]:
    """Stands in for index_site in ``--no-search`` runs: no bundles written."""
    return {}


def child(content: Path, output: Path, template: bool, search_index: bool) -> dict[str, Any]:
    started, cpu0 = time.perf_counter(), _cpu()
    import sitegen.build.pipeline as build_module
    from sitegen.build.pipeline import search

    imported = time.perf_counter() - started
    stages = _Stages()
    for name, stage in STAGES.items():
        for module in (build_module, search):
            func = getattr(module, name, None)
            if func is None:
                continue
            if name == "index_site" and not search_index:
                func = _skip_search
            wrapped = stages.wrap_context if name == "staged" else stages.wrap
            setattr(module, name, wrapped(stage, func))
    edited = _edit_template(content) if template else None
    try:
        report = build_module.build(content, output)
    finally:
        if edited is not None:
            shutil.rmtree(edited)
    total_wall = time.perf_counter() - started
    from sitegen.build.analysis_cache import code_version

    return {
        "code": code_version(),
        "import_s": round(imported, 3),
        "wall_s": round(total_wall, 3),
        "cpu_s": round(_cpu() - cpu0, 3),
        "stages_wall_s": {k: round(v, 3) for k, v in stages.wall.items()},
        "stages_cpu_s": {k: round(v, 3) for k, v in stages.cpu.items()},
        "analysed_stories": stages.analysed,
        "pages": report.pages,
        "self_maxrss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "workers_maxrss_mib": round(
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1
        ),
    }


# --------------------------------------------------------------------------- parent side


@dataclass(frozen=True)
class Measured:
    wall_s: float
    cpu_s: float
    sys_s: float  # of cpu_s, in the kernel (file system work, mostly)
    maxrss_mib: float
    detail: dict[str, Any]


MEMORY_CAP = 16 << 30  # address space per process: a runaway build fails, not the machine


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> Measured:
    """Run ``cmd`` to completion; its wall time, and CPU and peak memory of its tree."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        # the working folder comes first on ``python -m``'s path: the snapshot's, if any
        cwd = env["SITEGEN_BENCH_CODE"] if env and "SITEGEN_BENCH_CODE" in env else ROOT
        proc = subprocess.Popen(
            cmd, stdout=out, stderr=err, cwd=cwd, env=env, preexec_fn=_cap_memory
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{stderr[-4000:]}")
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    detail = json.loads(lines[-1]) if lines else {}
    return Measured(
        wall_s=round(wall, 3),
        cpu_s=round(usage.ru_utime + usage.ru_stime, 3),
        sys_s=round(usage.ru_stime, 3),
        maxrss_mib=round(usage.ru_maxrss / 1024, 1),
        detail=detail,
    )


def corpus_folder(work: Path, spec: corpus.Spec) -> Path:
    """The corpus for ``spec`` under ``work``, generated on first use."""
    folder = work / f"corpus-{spec.stories}x{spec.outlets}-seed{spec.seed}" / "content"
    done = folder / ".complete"
    if not done.is_file():
        if folder.exists():
            shutil.rmtree(folder)
        corpus.write(spec, folder)
        done.write_text("", encoding="utf-8")
    return folder


def cache_folder(content: Path) -> Path:
    from sitegen.build.analysis_cache import AnalysisCache

    folder = AnalysisCache.beside(content).folder
    assert folder is not None
    return folder


def snapshot(work: Path) -> dict[str, str]:
    """A frozen copy of the code for this run, and the environment that runs it.

    The builds of one run must run the same code: the cache keys on a hash of the
    package, so an edit made in the work tree mid-run would turn a warm rebuild cold.
    """
    work.mkdir(parents=True, exist_ok=True)
    target = Path(tempfile.mkdtemp(prefix="code-", dir=work))
    ignore = shutil.ignore_patterns("__pycache__", "results")
    for name in ("sitegen", "templates", "benchmarks"):
        shutil.copytree(ROOT / name, target / name, ignore=ignore)
    env = dict(os.environ)
    env["PYTHONPATH"] = str(target)
    env["SITEGEN_BENCH_CODE"] = str(target)
    return env


def sitegen_cmd(
    content: Path, output: Path, template: bool = False, search_index: bool = True
) -> list[str]:
    cmd = [sys.executable, "-m", "benchmarks.run", "--child", str(content), str(output)]
    cmd += ["--edit-template"] if template else []
    return cmd if search_index else [*cmd, "--no-search"]


# --------------------------------------------------------------------------- Pelican

PELICAN_CONF = """\
PATH = {path!r}
SITENAME = "bench"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
RELATIVE_URLS = True
PAGE_PATHS = ["pages"]
ARTICLE_PATHS = []
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
# the default theme lists every page in every page's menu: quadratic, not a plain page
DISPLAY_PAGES_ON_MENU = False
"""


def pelican_site(content: Path, target: Path) -> Path:
    """The corpus's articles as Pelican pages: same titles, dates and Markdown bodies."""
    from sitegen.content import load_site

    trash(target)
    pages = target / "content" / "pages"
    pages.mkdir(parents=True)
    for story in load_site(content).stories:
        for article in story.articles:
            slug = f"{story.id}-{article.id}"
            meta = [f"Title: {article.title}", f"Slug: {slug}"]
            if article.published_date:
                meta.append(f"Date: {article.published_date.isoformat()}")
            text = "\n".join(meta) + "\n\n" + article.body
            (pages / f"{slug}.md").write_text(text, encoding="utf-8")
    conf = target / "pelicanconf.py"
    conf.write_text(PELICAN_CONF.format(path=str(target / "content")), encoding="utf-8")
    return target


def run_pelican(site: Path) -> Measured:
    output = site / "output"
    trash(output)
    cmd = [sys.executable, "-m", "pelican", str(site / "content"), "-o", str(output)]
    return run_measured([*cmd, "-s", str(site / "pelicanconf.py"), "-q"])


# --------------------------------------------------------------------------- scenarios


def _touch_article(content: Path) -> tuple[Path, str]:
    """Add a sentence to the first article of the middle story; return it to restore."""
    stories = sorted(p for p in content.iterdir() if p.is_dir())
    article = sorted(stories[len(stories) // 2].glob("*.md"))[0]
    original = article.read_text(encoding="utf-8")
    article.write_text(original + "\nA correction was added to this article later.\n")
    return article, original


def _mtimes(root: Path) -> dict[str, int]:
    return {
        p.relative_to(root).as_posix(): p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()
    }


def _log(name: str, measured: dict[str, Any]) -> dict[str, Any]:
    """Print each build's figures as soon as it ends: a 10,000-article run takes long."""
    print(json.dumps({"run": name, **measured}), file=sys.stderr, flush=True)
    return measured


def bench_size(
    articles: int,
    outlets: int,
    seed: int,
    work: Path,
    scenarios: tuple[str, ...],
    env: dict[str, str],
    search_index: bool = True,
) -> dict[str, Any]:
    spec = corpus.Spec(stories=max(1, articles // outlets), outlets=outlets, seed=seed)
    started = time.perf_counter()
    content = corpus_folder(work, spec)
    generated = time.perf_counter() - started
    output = content.parent / "output"

    def command(template: bool = False) -> list[str]:
        return sitegen_cmd(content, output, template, search_index)

    results: dict[str, Any] = {
        "articles": spec.articles,
        "stories": spec.stories,
        "outlets": outlets,
        "corpus_s": round(generated, 1),
    }
    trash(output)
    trash(cache_folder(content))
    # Pelican first: no build of ours has deleted files before it (see ``trash``)
    if "pelican" in scenarios:
        site = pelican_site(content, content.parent / "pelican")
        results["pelican"] = _log("pelican", asdict(run_pelican(site)))
    if "full" in scenarios:
        results["full"] = _log("full", asdict(run_measured(command(), env)))
    if "noop" in scenarios:
        results["noop"] = _log("noop", asdict(run_measured(command(), env)))
    if "touch" in scenarios:
        before = _mtimes(output) if output.exists() else {}
        article, original = _touch_article(content)
        try:
            results["touch"] = asdict(run_measured(command(), env))
        finally:
            article.write_text(original, encoding="utf-8")
        after = _mtimes(output)
        results["touch"]["files"] = len(after)
        results["touch"]["files_rewritten"] = sum(
            1 for path, mtime in after.items() if before.get(path) != mtime
        )
        _log("touch", results["touch"])
    # after touch: the edited template makes every page differ from the output's
    if "template" in scenarios:
        run = run_measured(command(template=True), env)
        results["template"] = _log("template", asdict(run))
    return results


def _ratio(a: float | None, b: float | None) -> str:
    return f"{a / b:.2f}" if a is not None and b else "-"


def table(all_results: list[dict[str, Any]]) -> str:
    """A Markdown table per size: one row per scenario."""
    lines = []
    for r in all_results:
        lines.append(f"\n{r['articles']} articles in {r['stories']} stories ({r['outlets']} each)")
        lines.append("")
        lines.append(
            "| run | wall s | CPU s | of which sys | peak MiB | load | analyse | render | write |"
            " search | analysed |"
        )
        lines.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for name in SCENARIOS:
            if name not in r:
                continue
            m = r[name]
            cpu = m["detail"].get("stages_cpu_s", {})
            cells = [cpu.get(s) for s in ("load", "analyse", "render", "write", "search")]
            stage_cells = " | ".join("-" if c is None else f"{c:.2f}" for c in cells)
            analysed = m["detail"].get("analysed_stories")
            lines.append(
                f"| {name} | {m['wall_s']:.2f} | {m['cpu_s']:.2f} | {m['sys_s']:.2f} | "
                f"{m['maxrss_mib']:.0f} | "
                f"{stage_cells} | {'-' if analysed is None else analysed} |"
            )
        full = r.get("full", {}).get("cpu_s")
        notes = []
        if "pelican" in r:
            notes.append(f"full / Pelican CPU = {_ratio(full, r['pelican']['cpu_s'])}")
        for name in ("touch", "template", "noop"):
            if name in r:
                notes.append(f"{name} / full CPU = {_ratio(r[name]['cpu_s'], full)}")
        if "touch" in r:
            notes.append(
                f"touch rewrote {r['touch']['files_rewritten']} of {r['touch']['files']} files"
            )
        if full:
            notes.append(f"full CPU per story = {full / r['stories'] * 1000:.1f} ms")
        lines.append("")
        lines.append("; ".join(notes))
    lines.append("\n(stage columns: CPU seconds inside each stage, workers included)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time sitegen builds against Pelican.")
    parser.add_argument("--sizes", default="100,1000", help="article counts, comma-separated")
    parser.add_argument("--outlets", type=int, default=5, help="articles per story")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--no-pelican", action="store_true")
    parser.add_argument("--json", type=Path, help="also write every figure here")
    parser.add_argument("--child", nargs=2, type=Path, metavar=("CONTENT", "OUTPUT"))
    parser.add_argument("--edit-template", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--no-search",
        action="store_true",
        help="skip the Pagefind index (it held 2.6 GB for 1,000 articles' 31,000 pages)",
    )
    args = parser.parse_args(argv)
    if args.child:
        result = child(*args.child, template=args.edit_template, search_index=not args.no_search)
        print(json.dumps(result))
        return 0
    scenarios = tuple(s for s in args.scenarios.split(",") if s)
    if args.no_pelican:
        scenarios = tuple(s for s in scenarios if s != "pelican")
    unknown = set(scenarios) - set(SCENARIOS)
    if unknown:
        parser.error(f"unknown scenarios: {', '.join(sorted(unknown))}")
    args.work = args.work.resolve()  # the builds run in the snapshot's folder
    empty_trash(args.work)
    env = snapshot(args.work)
    results = []
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            result = bench_size(
                size, args.outlets, args.seed, args.work, scenarios, env, not args.no_search
            )
            results.append(result)
            print(table([result]), flush=True)
    finally:
        shutil.rmtree(env["SITEGEN_BENCH_CODE"])
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
