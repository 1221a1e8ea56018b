"""The JSON data export (CONTRACT §3): ``api/index.json`` and ``api/<story>.json``.

Keys appear in the contract's order; fields beyond the contract (match strength, offsets,
anchors) are added after them, never instead of them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from datetime import date, datetime
from functools import lru_cache
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]

from ..analysis.corrections import edited_ids
from ..model import Article, OutputFile, Site, Story, StoryAnalysis
from . import urls
from .urls import API_INDEX, export_path, story_path


def _published(article: Article) -> str | None:
    value = article.published
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return None


def story_data(story: Story, analysis: StoryAnalysis) -> dict[str, object]:
    texts = {t.article: t.text for t in analysis.texts}
    edited = edited_ids(analysis)
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
                "speaker_confidence": q.speaker_confidence,
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
                        "speaker_confidence": o.speaker_confidence,
                        "confidence": o.confidence,
                    }
                    for o in q.occurrences
                ],
                "edited": q.id in edited,
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
                        "anchor": urls.sentence_anchor(s.sentence),
                        "confidence": s.confidence,
                        "quotation": s.quotation,
                        # a second claim of this sentence: the claim it belongs to first
                        "first_claim": s.home or None,
                    }
                    for s in c.sources
                ],
                "edited": c.id in edited,
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
                "edited": d.id in edited,
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
        # The editor's corrections.yaml, as applied, in file order (CONTRACT §4).
        "corrections": [
            {
                "line": a.line,
                "action": a.action,
                "note": a.note or None,
                "section": a.section,
                "summary": a.summary,
                "changed": list(a.changed),
                "checked": list(a.checked),
            }
            for a in analysis.corrections
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
    """``json.dumps(data, ensure_ascii=False, indent=2)`` plus a newline, byte for byte.

    With ``indent`` the json module takes its pure-Python encoder, several times slower
    than its C one. Here only the nesting is walked in Python: each dict or list of
    plain values (most of an export: sources, occurrences, articles) goes through the C
    encoder, whose separators then carry the line break and indent of its depth.
    """
    out: list[str] = []
    _encode(data, 0, out)
    out.append("\n")
    return "".join(out).encode("utf-8")


_INDENT = 2
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _unencodable(value: object) -> object:
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


@lru_cache(maxsize=32)
def _flat_encoder(depth: int) -> Callable[[object], str]:
    """The C encoder for a container at ``depth`` holding plain values only: items on
    lines of their own, indented one step deeper."""
    separator = ",\n" + " " * (_INDENT * (depth + 1))
    if c_make_encoder is None:  # a Python built without the _json accelerator
        return json.JSONEncoder(ensure_ascii=False, separators=(separator, ": ")).encode
    chunks = c_make_encoder(
        None, _unencodable, encode_basestring, None, ": ", separator, False, False, True
    )
    return lambda value: "".join(chunks(value, 0))


def _encode(value: object, depth: int, out: list[str]) -> None:
    if type(value) is dict:
        items: Collection[object] = value.values()
        opening, closing = "{", "}"
    elif type(value) in (list, tuple):
        items = value  # type: ignore[assignment]
        opening, closing = "[", "]"
    else:
        out.append(_flat_encoder(depth)(value))
        return
    if not items:
        out.append(opening + closing)
        return
    inner = "\n" + " " * (_INDENT * (depth + 1))
    outer = "\n" + " " * (_INDENT * depth)
    if _PLAIN.issuperset(map(type, items)):
        flat = _flat_encoder(depth)(value)
        out.append(opening + inner + flat[1:-1] + outer + closing)
        return
    out.append(opening)
    separator = inner
    deeper = inner + " " * _INDENT
    pairs = value.items() if type(value) is dict else ((None, item) for item in value)  # type: ignore[union-attr]
    for key, item in pairs:
        if key is not None:
            if type(key) is not str:
                raise TypeError(f"export keys are strings, not {type(key).__name__}")
            separator += encode_basestring(key) + ": "
        if type(item) is str:
            out.append(separator + encode_basestring(item))
        elif type(item) in _PLAIN:
            out.append(separator + _flat_encoder(depth + 1)(item))
        elif type(item) is dict and item and _PLAIN.issuperset(map(type, item.values())):
            # a record of plain values (a source, an occurrence): the commonest leaf
            flat = _flat_encoder(depth + 1)(item)
            out.append(separator + "{" + deeper + flat[1:-1] + inner + "}")
        else:
            out.append(separator)
            _encode(item, depth + 1, out)
        separator = "," + inner
    out.append(outer + closing)


def index_file(site: Site) -> OutputFile:
    return OutputFile(API_INDEX, dumps(index_data(site)))


def story_file(story: Story, analysis: StoryAnalysis) -> OutputFile:
    return OutputFile(export_path(story.id), dumps(story_data(story, analysis)))
