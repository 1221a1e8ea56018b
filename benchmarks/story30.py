"""How long one story with many outlets takes to analyse (target: 30 outlets in < 2 s).

Claims and quotes compare every article with every other, so a story's cost grows faster
than its article count; this times :func:`sitegen.build.parallel.analyse_story` alone, in this
process, on a synthetic story from :mod:`benchmarks.corpus`, and prints the best of a
few runs (the least disturbed by the rest of the machine). ``--profile`` also prints a
pyinstrument profile of one run (``pip install pyinstrument``).

Usage: ``python3 -m benchmarks.story30 [--outlets 30] [--repeat 3] [--profile]``
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from benchmarks import corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outlets", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)

    from sitegen.build.parallel import analyse_story
    from sitegen.content import load_site

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        corpus.write(corpus.Spec(stories=1, outlets=args.outlets, seed=args.seed), root)
        story = load_site(root).stories[0]
    words = sum(len(a.body.split()) for a in story.articles)
    times = []
    for _ in range(args.repeat):
        started = time.process_time()
        analysis = analyse_story(story)
        times.append(time.process_time() - started)
    print(
        f"{len(story.articles)} articles, {words} words: analyse_story best "
        f"{min(times):.3f} s CPU of {args.repeat} (all: {', '.join(f'{t:.3f}' for t in times)})"
    )
    print(
        f"{len(analysis.sentences)} sentences, {len(analysis.quotes)} quotes, "
        f"{len(analysis.claims)} claims, {len(analysis.divergences)} divergences, "
        f"{len(analysis.reuse)} reuse pairs"
    )
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
        analyse_story(story)
        profiler.stop()
        print(profiler.output_text(unicode=True, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
