"""What any sitegen build of a corpus must spend, measured piece by piece against Pelican.

Issue #8 asks that a full build of 1,000 articles cost no more CPU than Pelican building
the same articles as plain pages. This measures, in one run on one corpus, the work a
sitegen build cannot skip and Pelican does not do, each piece on its own:

* ``plain text``: parsing every article's Markdown (markdown-it-py) into text and blocks;
* ``sentences``: splitting that text into sentences (every sentence is an anchor on the
  article page and the unit claims are aligned on); the ``syntok`` library, which our
  splitter ports, is timed beside it for reference;
* ``file writes``: creating the files a search-less build writes (one page per article,
  shared claim and shared quote, the story pages, the export), with their real sizes;
* ``Pagefind, articles``: indexing the article pages alone (search must find a word of
  any article: issue #4 prescribes Pagefind), the binary's CPU;

next to Pelican's whole build and the Markdown conversion inside it. The pieces are lower
bounds: the analysis proper (quotes, speakers, claim alignment, divergences) and the
rendering of about twenty pages per article come on top of them.

Usage::

    python3 -m benchmarks.floor --articles 1000
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks import corpus
from benchmarks.run import ROOT, corpus_folder, empty_trash, pelican_site, run_pelican, trash

Cpu = tuple[float, float]  # (user + system, of which system) seconds


def _spent(before: resource.struct_rusage, after: resource.struct_rusage) -> Cpu:
    system = after.ru_stime - before.ru_stime
    return (after.ru_utime - before.ru_utime + system, system)


def _cpu(func: Callable[[], object]) -> Cpu:
    """CPU seconds of this process spent in ``func``."""
    before = resource.getrusage(resource.RUSAGE_SELF)
    func()
    return _spent(before, resource.getrusage(resource.RUSAGE_SELF))


def _child_cpu(command: list[str]) -> Cpu:
    """CPU seconds of ``command``, run to completion."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return _spent(before, resource.getrusage(resource.RUSAGE_CHILDREN))


def measure(content: Path, scratch: Path) -> dict[str, Cpu]:
    import markdown
    from syntok import segmenter

    from sitegen.analysis.sentences import segment
    from sitegen.build.analysis_cache import AnalysisCache
    from sitegen.build.page_cache import PageCache
    from sitegen.build.pipeline import build
    from sitegen.build.search import pagefind_executable
    from sitegen.content import load_site
    from sitegen.markdown import plain_text

    site = load_site(content)
    articles = [a for story in site.stories for a in story.articles]
    figures: dict[str, Cpu] = {}
    pelican = run_pelican(pelican_site(content, scratch / "pelican"))
    figures["Pelican, whole build"] = (pelican.cpu_s, pelican.sys_s)
    figures["Python-Markdown inside it"] = _cpu(
        lambda: [markdown.markdown(a.body) for a in articles]
    )

    texts = []
    figures["plain text (markdown-it-py)"] = _cpu(
        lambda: texts.extend(plain_text(a.id, a.body) for a in articles)
    )
    figures["sentences (sitegen.analysis.sentences)"] = _cpu(lambda: [segment(t) for t in texts])
    figures["sentences (syntok, reference)"] = _cpu(
        lambda: [
            len(sentence) for t in texts for para in segmenter.process(t.text) for sentence in para
        ]
    )

    built = scratch / "site"
    trash(built)  # renamed, not deleted: see benchmarks.run.trash
    build(content, built, cache=AnalysisCache(None), pages=PageCache(None, built), search=False)
    files = sorted(p for p in built.rglob("*") if p.is_file())
    blobs = [(p.relative_to(built), p.read_bytes()) for p in files]
    copy = scratch / "writes"
    trash(copy)

    def write_all() -> None:
        for path, data in blobs:
            target = copy / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)

    figures[f"file writes ({len(blobs)} files)"] = _cpu(write_all)

    pages = Path(tempfile.mkdtemp(dir=scratch))
    try:
        for page in built.glob("stories/*/articles/**/*.html"):
            target = pages / page.relative_to(built)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(page, target)
        bundle = scratch / "pagefind"
        trash(bundle)
        command = [pagefind_executable(), "--site", str(pages), "--output-path", str(bundle)]
        figures["Pagefind, article pages only"] = _child_cpu([*command, "--quiet"])
    finally:
        shutil.rmtree(pages)
    return figures


FLOOR = (
    "plain text (markdown-it-py)",
    "sentences (sitegen.analysis.sentences)",
    "file writes",
    "Pagefind, article pages only",
)


def table(figures: dict[str, Cpu]) -> str:
    """CPU, and user CPU alone: system CPU is the disk's, and it varies (see benchmarks.run)."""
    pelican, pelican_sys = figures["Pelican, whole build"]
    lines = [
        "| work | CPU s | of which sys | / Pelican | user / Pelican's user |",
        "|---|---:|---:|---:|---:|",
    ]

    def row(name: str, cpu: float, system: float) -> str:
        user = (cpu - system) / (pelican - pelican_sys)
        return f"| {name} | {cpu:.2f} | {system:.2f} | {cpu / pelican:.2f} | {user:.2f} |"

    lines += [row(name, *cpu) for name, cpu in figures.items()]
    floor = [cpu for name, cpu in figures.items() if name.startswith(FLOOR)]
    total = (sum(c for c, _ in floor), sum(s for _, s in floor))
    lines.append(row("**sum of the sitegen pieces (a lower bound)**", *total))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--outlets", type=int, default=5, help="articles per story")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)
    spec = corpus.Spec(
        stories=max(1, args.articles // args.outlets), outlets=args.outlets, seed=args.seed
    )
    work = args.work.resolve()
    empty_trash(work)
    content = corpus_folder(work, spec)
    scratch = content.parent / "floor"
    scratch.mkdir(exist_ok=True)
    print(f"{spec.articles} articles in {spec.stories} stories ({spec.outlets} each)\n")
    print(table(measure(content, scratch)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
