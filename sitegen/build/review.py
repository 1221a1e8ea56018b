"""``sitegen review STORY``: the story's doubtful speakers and matches, most doubtful
first, each with the corrections.yaml lines that confirm or fix it."""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from ..analysis.corrections import apply_corrections
from ..analysis.review import doubts
from ..analysis.stage import analyse_story
from ..content import CORRECTIONS_FILE, load_site
from ..errors import ContentError, ContentErrors, display_path
from .analysis_cache import AnalysisCache


def review(content: Path, story_id: str, out: TextIO) -> None:
    """Print the review of one story; ContentErrors for bad content or an unknown story.

    The analysis comes from the build's cache when it is current (and is stored there
    when it is not), and the story's corrections are applied first: what an editor has
    corrected or confirmed is not asked again."""
    site = load_site(content)
    story = next((s for s in site.stories if s.id == story_id), None)
    if story is None:
        known = ", ".join(s.id for s in site.stories) or "none"
        raise ContentErrors(
            [ContentError(content, 0, f"no story {story_id!r}", f"stories: {known}")]
        )
    cache = AnalysisCache.beside(content)
    key = cache.key(site, story)
    analysis = cache.get(story.id, key)
    if analysis is None:
        analysis = analyse_story(story)
        cache.put(story.id, key, analysis)
    analysis, errors = apply_corrections(story, analysis)
    if errors:
        raise ContentErrors(errors)
    found = doubts(analysis)
    target = display_path(story.path / CORRECTIONS_FILE)
    if not found:
        print(f"{story.id}: nothing doubtful left to review", file=out)
        return
    print(
        f"{story.id}: {len(found)} doubtful item{'s' if len(found) != 1 else ''},"
        f" most doubtful first. Paste the lines that apply into {target}.",
        file=out,
    )
    for number, item in enumerate(found, 1):
        print(f"\n{number}. [{item.kind}, doubt {item.score:.2f}] {item.what}", file=out)
        print("".join(f"   {line}\n" for line in item.lines.splitlines()), end="", file=out)
