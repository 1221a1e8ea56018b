"""The JSON data export (CONTRACT §3): ``api/index.json`` and ``api/<story>.json``.

Keys appear in the contract's order; fields beyond the contract (match strength, offsets,
anchors) are added after them, never instead of them.
"""

from __future__ import annotations

import json
from datetime import date, datetime

from .model import Article, OutputFile, Site, Story, StoryAnalysis
from .urls import story_path


def _published(article: Article) -> str | None:
    value = article.published
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return None


def story_data(story: Story, analysis: StoryAnalysis) -> dict[str, object]:
    texts = {t.article: t.text for t in analysis.texts}
    return {
        "id": story.id,
        "title": story.title,
        "articles": [
            {
                "id": a.id,
                "outlet": a.outlet,
                "title": a.title,
                "url": a.url,
                "published": _published(a),
                "text": texts[a.id],
                "language": a.language,
                "translated_from": a.translated_from,
            }
            for a in story.articles
        ],
        "quotes": [
            {
                "id": q.id,
                "speaker": q.speaker,
                "text": q.text,
                "occurrences": [
                    {
                        "article": o.article,
                        "text": o.text,
                        "relation": o.relation,
                        "score": round(o.score, 1),
                        "start": o.start,
                        "end": o.end,
                        "speaker": o.speaker,
                    }
                    for o in q.occurrences
                ],
            }
            for q in analysis.quotes
        ],
        "claims": [
            {
                "id": c.id,
                "text": c.text,
                "shared": c.shared,
                "sources": [
                    {
                        "article": s.article,
                        "text": s.text,
                        "strength": s.strength,
                        "score": round(s.score, 1),
                        "anchor": f"s{s.sentence + 1}",
                    }
                    for s in c.sources
                ],
            }
            for c in analysis.claims
        ],
        "divergences": [
            {
                "id": d.id,
                "about": d.about,
                "kind": d.kind,
                "variants": [{"article": v.article, "text": v.text} for v in d.variants],
                "note": d.note,
            }
            for d in analysis.divergences
        ],
        "reuse": [
            {
                "articles": [r.a, r.b],
                "share": [round(r.share_a, 3), round(r.share_b, 3)],
                "passages": [p.text for p in r.passages],
            }
            for r in analysis.reuse
        ],
    }


def index_data(site: Site) -> dict[str, object]:
    return {
        "stories": [
            {"id": s.id, "title": s.title, "articles": len(s.articles), "url": story_path(s.id)}
            for s in site.stories
        ]
    }


def dumps(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def index_file(site: Site) -> OutputFile:
    return OutputFile("api/index.json", dumps(index_data(site)))


def story_file(story: Story, analysis: StoryAnalysis) -> OutputFile:
    return OutputFile(f"api/{story.id}.json", dumps(story_data(story, analysis)))


def export_files(site: Site, analyses: tuple[StoryAnalysis, ...]) -> list[OutputFile]:
    files = [index_file(site)]
    for story, analysis in zip(site.stories, analyses, strict=True):
        files.append(story_file(story, analysis))
    return files
