"""Render stage: site + analyses -> HTML pages and static assets.

Pages are described first (path, template, context), then rendered with one Jinja2
environment with autoescape on, so third-party text can only ever appear as text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context, select_autoescape

from . import __version__, urls
from .highlight import article_html
from .model import OutputFile, Site, StoryAnalysis

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ASSETS = TEMPLATES / "assets"


@dataclass(frozen=True)
class Page:
    path: str  # site path: "" for home, "stories/x/" ...
    template: str
    title: str
    description: str
    context: Mapping[str, Any] = field(default_factory=dict)


@pass_context
def _link(ctx: Mapping[str, Any], target: str) -> str:
    return urls.relative(target, ctx["page"].path)


@lru_cache(maxsize=4)
def environment(templates: Path = TEMPLATES) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(link=_link, urls=urls, version=__version__)
    return env


def describe_pages(site: Site, analyses: Sequence[StoryAnalysis]) -> list[Page]:
    pages = [
        Page(
            "",
            "home.html",
            site.config.title,
            site.config.description,
            {"stories": list(zip(site.stories, analyses, strict=True))},
        ),
    ]
    for story, analysis in zip(site.stories, analyses, strict=True):
        pages.append(
            Page(
                urls.story_path(story.id),
                "story.html",
                story.title,
                story.summary or f"How {len(story.articles)} outlets covered: {story.title}",
                {"story": story, "analysis": analysis},
            )
        )
        for article in story.articles:
            text = analysis.text_of(article.id)
            body = article_html(text, analysis.sentences_of(article.id))
            pages.append(
                Page(
                    urls.article_path(story.id, article.id),
                    "article.html",
                    f"{article.title} ({article.outlet})",
                    f"{article.outlet}'s article in the story “{story.title}”",
                    {
                        "story": story,
                        "article": article,
                        "body": body,
                        "outlet": site.outlet_for(article.outlet),
                    },
                )
            )
    return pages


def render_pages(site: Site, pages: Sequence[Page]) -> list[OutputFile]:
    env = environment()
    files = []
    for page in pages:
        html = env.get_template(page.template).render(site=site, page=page, **page.context)
        files.append(OutputFile(urls.file_for(page.path), html.encode("utf-8")))
    return files


def asset_files() -> list[OutputFile]:
    return [
        OutputFile("assets/" + p.relative_to(ASSETS).as_posix(), p.read_bytes())
        for p in sorted(ASSETS.rglob("*"))
        if p.is_file()
    ]


def render_site(site: Site, analyses: Sequence[StoryAnalysis]) -> list[OutputFile]:
    return render_pages(site, describe_pages(site, analyses)) + asset_files()
