"""Render stage: site + analyses -> HTML pages and static assets.

Pages are described first (path, template, context built by :mod:`sitegen.site.views`), then
rendered with one Jinja2 environment with autoescape on, so third-party text can only
ever appear as text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import (
    Template,
    pass_context,
)
from markupsafe import Markup, escape

from .. import __version__
from ..analysis.corrections import Writer
from ..model import Article, Claim, ClaimSource, OutputFile, Quote, Site, Story, StoryAnalysis
from . import theme as theme_module
from . import urls
from . import views as pages
from .assets import asset_url
from .editor import EditorView, correct_html, editor_view, mark_html
from .safe_html import (
    QuoteMark,
    SentenceMark,
    article_html,
    in_context_html,
    rendering_diff,
    same_wording,
    shared_words_html,
)
from .theme import Theme


@dataclass(frozen=True)
class Page:
    path: str  # site path: "" for home, "stories/x/" ...
    template: str
    title: str
    description: str
    context: Mapping[str, Any] = field(default_factory=dict)
    kind: str = "website"  # Open Graph type: website | article


@pass_context
def _link(ctx: Mapping[str, Any], target: str) -> str:
    return urls.relative(target, ctx["page"].path)


@pass_context
def _asset_url(ctx: Mapping[str, Any], name: str) -> str:
    return urls.relative("assets/" + name, ctx["page"].path)


# One encoder for every page: json.dumps with any option builds a new one per call.
_JSON_LD = json.JSONEncoder(ensure_ascii=False)


def json_ld(data: object) -> Markup:
    """JSON for a ``<script type="application/ld+json">`` block: ``<``, ``>`` and ``&``
    are escaped so no article text can close the element or open a comment."""
    # On one line: with ``indent`` the json module takes its pure-Python encoder, which
    # was the largest single cost of rendering claim pages.
    text = _JSON_LD.encode(data)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def when(value: date | datetime) -> Markup:
    """A ``<time>`` element: the date, and for a date-time the time with its UTC offset."""
    shown = value.isoformat()
    if isinstance(value, datetime):
        shown = value.strftime("%Y-%m-%d %H:%M")
        offset = value.strftime("%z")
        if offset:
            shown += f" UTC{offset[:3]}:{offset[3:]}"
    return Markup('<time datetime="{}">{}</time>').format(value.isoformat(), shown)


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def load_theme(content: Path | None) -> Theme:
    """The theme for the site whose content folder is ``content`` (see
    :mod:`sitegen.site.theme`), with the helpers every template may call."""
    return theme_module.load_theme(
        content,
        globals_={
            "link": _link,
            "asset_url": _asset_url,
            "urls": urls,
            "version": __version__,
            "strengths": pages.STRENGTHS,
            "rendering_diff": rendering_diff,
            "same_wording": same_wording,
            "shared_words": shared_words_html,
            "in_context": in_context_html,
            "share_level": pages.share_level,
            "outlets_index": pages.OUTLETS_INDEX,
            "search_path": urls.SEARCH_PATH,
        },
        filters={"percent": _percent, "when": when, "clip": pages.clip},
    )


# --------------------------------------------------------------------------- page descriptions


def _published(article: Article) -> str | None:
    return article.published.isoformat() if article.published else None


def claim_json_ld(
    site: Site, story: Story, claim: Claim, cols: Sequence[pages.Column]
) -> dict[str, object]:
    by_id = {c.id: c for c in cols}
    base = site.config.base_url
    appearances = []
    for src in claim.sources:
        col = by_id.get(src.article)
        if col is None:
            continue
        item: dict[str, object] = {"@type": "NewsArticle", "headline": col.article.title}
        page = urls.article_path(story.id, col.id) + "#" + urls.sentence_anchor(src.sentence)
        if col.article.url:
            item["url"] = col.article.url
        elif base:
            item["url"] = urls.absolute(base, page)
        if _published(col.article):
            item["datePublished"] = _published(col.article)
        item["publisher"] = {"@type": "Organization", "name": col.outlet.name}
        item["text"] = src.text
        appearances.append(item)
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Claim",
        "text": claim.text,
    }
    if base:
        data["url"] = urls.absolute(base, urls.claim_path(story.id, claim.id))
    data["appearance"] = appearances
    return data


def _article_body(
    story: Story,
    article: Article,
    analysis: StoryAnalysis,
) -> Markup:
    total = len(story.articles)
    marks = {
        index: SentenceMark(
            share.count,
            total,
            pages.share_level(share.count, total),
            urls.relative(
                # a claim no other outlet carries is listed under "Only in one outlet"
                urls.claim_path(story.id, share.claim)
                if share.count > 1
                else urls.story_path(story.id) + "#only",
                urls.article_path(story.id, article.id),
            ),
        )
        for index, share in pages.sentence_shares(article.id, analysis.claims).items()
    }
    here = urls.article_path(story.id, article.id)
    quotes = [
        QuoteMark(
            o.start,
            o.end,
            o.speaker or q.speaker,
            urls.relative(urls.quote_path(story.id, q.id), here),
        )
        for q in analysis.quotes
        for o in q.occurrences
        if o.article == article.id
    ]
    return article_html(
        analysis.text_of(article.id), analysis.sentences_of(article.id), marks, quotes
    )


_SORT_RANK = {"verbatim": 3, "close": 2, "paraphrase": 1}  # a matrix column sorts by it
_ABSENT_CELL = (
    '<td class="c c-absent" data-sort="0"><span class="sym" aria-hidden="true"></span>absent</td>\n'
)


# Shown after a weak match instead of asserting it (issue 16: say how sure it is).
_POSSIBLE = ' <span class="possible">possible match</span>'
# A sentence that is only a quotation and its attribution: the quote table compares it;
# the claim matrix keeps it, flagged, since what an outlet quotes is part of what it says.
_QUOTATION = (
    ' <span class="flag" title="This sentence is only a quotation and its attribution:'
    ' the quote table compares its wording across outlets.">only a quotation</span>'
)
# A sentence stating two facts serves a second claim; said so, never shown as two firsts.
_SECOND = (
    ' <span class="flag" title="This sentence states another claim too, where it is'
    ' listed first.">second claim of this sentence</span>'
)


def matrix_cells(row: pages.Row, article_href: Mapping[str, str]) -> Markup:
    """A coverage matrix row's cells, each linking to its outlet's sentence.

    Written here rather than in story.html: a story page has hundreds of cells, and
    every expression a template outputs costs an escape.
    """
    out = []
    for cell in row.cells:
        src = cell.source
        if src is None:
            out.append(_ABSENT_CELL)
            continue
        strength = escape(src.strength)
        href = escape(article_href[cell.column.id])
        out.append(
            f'<td class="c c-{strength}" data-sort="{_SORT_RANK.get(src.strength, 1)}">'
            f'<a href="{href}#{urls.sentence_anchor(src.sentence)}">'
            '<span class="sym" aria-hidden="true"></span>'
            f"{strength}{_POSSIBLE if src.possible else ''}</a>"
            f"{_QUOTATION if src.quotation else ''}{_SECOND if src.home else ''}</td>\n"
        )
    return Markup("".join(out))


def variant_items(views: Sequence[pages.VariantView], article_href: Mapping[str, str]) -> Markup:
    """A divergence's list items on the story page: each outlet's version, inside its
    sentence, with a link to that sentence.

    Written here rather than in story.html: a story page lists hundreds of versions,
    and every expression a template outputs costs an escape.
    """
    out = []
    for view in views:
        col, variant = view.column, view.variant
        who = escape(col.label if col else variant.article)
        context = ""
        if view.in_sentence:
            marked = in_context_html(view.before, variant.text, view.after)
            context = f'<span class="vcontext">{marked}</span>'
        to = (
            f'<a class="to-passage" href="{escape(article_href[col.id])}#{escape(view.anchor)}">'
            "in context</a>"
            if view.anchor and col
            else ""
        )
        out.append(
            f'    <li><span class="who">{who}</span>\n'
            f'      <span class="vtext">{escape(variant.text)}</span>\n{context}{to}</li>\n'
        )
    return Markup("".join(out))


def _source_heads(cols: Sequence[pages.Column], outlet_href: Mapping[str, str]) -> dict[str, str]:
    """Each outlet's cells before its sentence in a claim page's sources table: the same
    on every claim page of the story."""
    heads = {}
    for col in cols:
        label, country = escape(col.label), escape(col.outlet.country or "")
        narrow = f'<span class="narrow-only meta">{country}</span>' if country else ""
        heads[col.id] = (
            f'<tr>\n  <th scope="row" data-pagefind-ignore><a href="{escape(outlet_href[col.id])}">'
            f"{label}</a>{narrow}</th>\n"
            f'  <td class="wide-only" data-pagefind-ignore>{country or "—"}</td>\n'
            '  <td class="sentence">'
        )
    return heads


def _first_claim(home: str, claim_href: Mapping[str, str] | None) -> str:
    """The mark of a sentence serving a claim second, linking to its first claim."""
    if not home:
        return ""
    href = (claim_href or {}).get(home)
    if href is None:
        return _SECOND
    return (
        ' <span class="flag">second claim of this sentence; '
        f'<a href="{escape(href)}">its first claim</a></span>'
    )


def claim_rows(
    claim: Claim,
    sources: Sequence[tuple[pages.Column, ClaimSource]],
    heads: Mapping[str, str],
    article_href: Mapping[str, str],
    claim_href: Mapping[str, str] | None = None,
) -> Markup:
    """The rows of a claim page's sources table: each outlet's sentence with the words it
    shares with the claim marked, how it carries the claim, and a link to the sentence
    (and, for a sentence serving this claim second, to the claim it serves first, by its
    id in ``claim_href``).

    Written here rather than in claim.html: claim pages are most of a site's pages, and
    every expression a template outputs costs an escape.
    """
    marked: dict[str, Markup] = {}  # outlets carrying the same sentence: marked once
    out = []
    for col, src in sources:
        sentence = marked.get(src.text)
        if sentence is None:
            sentence = marked[src.text] = shared_words_html(src.text, claim.text)
        strength = escape(src.strength)
        out.append(
            f"{heads[col.id]}{sentence}</td>\n"
            f'  <td class="c c-{strength}" data-pagefind-ignore><span class="nowrap">'
            f'<span class="sym" aria-hidden="true"></span>{strength}</span> '
            f'<span class="score">{src.score:.0f}/100</span>'
            f"{_POSSIBLE if src.possible else ''}{_QUOTATION if src.quotation else ''}"
            f"{_first_claim(src.home, claim_href)}<br>"
            f'<a class="to-passage" href="{escape(article_href[col.id])}'
            f'#{urls.sentence_anchor(src.sentence)}">'
            f'sentence {src.sentence + 1}</a><span class="vh"> in {escape(col.label)}</span></td>\n'
            "</tr>\n"
        )
    return Markup("".join(out))


def _row_editor(row: pages.Row, story: Story, editor: EditorView, lines: str) -> Markup:
    """A matrix row's mark and "Correct this" box (``lines``), under the claim."""
    mark = mark_html(editor.marks.get(row.claim.id), "")
    label = f"claim: {pages.clip(row.claim.text, 60)}"
    return mark + correct_html(story.id, lines, label)


def _quote_label(quote: Quote) -> str:
    who = quote.speaker or "Unattributed"
    return f"{who}: “{pages.clip(quote.text, 70)}”"


def story_pages(site: Site, story: Story, analysis: StoryAnalysis) -> list[Page]:
    cols = pages.columns(site, story)
    lookup = pages.SentenceLookup.of(analysis)
    rendered = {q.id: pages.renderings(q, cols, lookup) for q in analysis.quotes}
    shared_claims = [c for c in analysis.claims if c.shared]
    all_rows = pages.matrix(shared_claims, cols)
    shown = pages.matrix_rows(len(cols))
    rows, more_rows = all_rows[:shown], all_rows[shown:]
    summary = pages.summary(story, analysis)
    # The story page links to every article, claim and quotation of the story, many
    # of them more than once: each link is worked out once, here.
    here = urls.folder_of(urls.story_path(story.id))
    article_href = {c.id: urls.relative_from(here, urls.article_path(story.id, c.id)) for c in cols}
    claim_href = {
        c.id: urls.relative_from(here, urls.claim_target(story.id, c)) for c in analysis.claims
    }
    quote_href = {
        q.id: urls.relative_from(here, urls.quote_path(story.id, q.id)) for q in analysis.quotes
    }
    editor = editor_view(analysis)
    writer = Writer(analysis)
    # each shared claim's lines go on its page and on its matrix row: written once
    claim_lines = {c.id: writer.claim(c) for c in shared_claims}
    out = [
        Page(
            urls.story_path(story.id),
            "story.html",
            story.title,
            pages.clip(summary),
            {
                "story": story,
                "analysis": analysis,
                "summary": summary,
                "columns": cols,
                "rows": [
                    (
                        row,
                        matrix_cells(row, article_href),
                        _row_editor(row, story, editor, claim_lines[row.claim.id]),
                    )
                    for row in rows
                ],
                "editor": editor,
                "quote_marks": {i: mark_html(m, "") for i, m in editor.marks.items()},
                "article_href": article_href,
                "claim_href": claim_href,
                "quote_href": quote_href,
                "more_rows": more_rows,
                "story_items": pages.STORY_ITEMS,
                "column_counts": pages.column_counts(all_rows, cols),
                "strength_counts": pages.strength_counts(all_rows),
                "unique_claims": len(analysis.claims) - len(shared_claims),
                "quotes": [(q, rendered[q.id]) for q in pages.shared_quotes(analysis.quotes)],
                "groups": pages.divergence_groups(analysis.divergences),
                "variants": {
                    d.id: variant_items(pages.variant_views(d, cols, lookup), article_href)
                    for d in analysis.divergences
                },
                "omissions": pages.omissions(analysis.divergences, analysis.claims, cols),
                "only_here": pages.only_here(analysis.claims, analysis.quotes, cols),
                "reuse": pages.reuse_pairs(analysis.reuse, cols),
                "claim_ids": {c.id for c in shared_claims},
                "quote_ids": {q.id for q in analysis.quotes},
            },
        )
    ]
    by_id = {c.id: c for c in cols}
    for col in cols:
        article = col.article
        out.append(
            Page(
                urls.article_path(story.id, article.id),
                "article.html",
                f"{article.title} ({col.outlet.name})",
                pages.clip(
                    f"{col.outlet.name}'s article in the story “{story.title}”: {article.title}"
                ),
                {
                    "story": story,
                    "article": article,
                    "column": col,
                    "body": _article_body(story, article, analysis),
                },
                kind="article",
            )
        )
    # Every claim page of the story sits in one folder: its links to the story, the
    # outlets and the articles are worked out once.
    claims_folder = urls.folder_of(urls.claim_path(story.id, ""))
    story_href = urls.relative_from(claims_folder, urls.story_path(story.id))
    outlet_hrefs = {
        c.id: urls.relative_from(claims_folder, urls.outlet_path(c.outlet.slug)) for c in cols
    }
    article_hrefs = {
        c.id: urls.relative_from(claims_folder, urls.article_path(story.id, c.id)) for c in cols
    }
    heads = _source_heads(cols, outlet_hrefs)
    claim_hrefs = {
        c.id: urls.relative_from(claims_folder, urls.claim_target(story.id, c))
        for c in analysis.claims
    }
    for claim in shared_claims:  # see urls.claim_target for the others
        sources = [(by_id[s.article], s) for s in claim.sources if s.article in by_id]
        carrying = {s.article for s in claim.sources}
        out.append(
            Page(
                urls.claim_path(story.id, claim.id),
                "claim.html",
                f"Claim: {pages.clip(claim.text, 80)}",
                pages.clip(
                    f"Carried by {len(carrying)} of {len(cols)} outlets"
                    f" in “{story.title}”: {claim.text}"
                ),
                {
                    "story": story,
                    "story_href": story_href,
                    "claim": claim,
                    "sources": sources,
                    "rows": claim_rows(claim, sources, heads, article_hrefs, claim_hrefs),
                    "missing": [(c, article_hrefs[c.id]) for c in cols if c.id not in carrying],
                    "total": len(cols),
                    "json_ld": json_ld(claim_json_ld(site, story, claim, cols)),
                    "mark": mark_html(editor.marks.get(claim.id), story_href),
                    "correct": correct_html(story.id, claim_lines[claim.id]),
                },
            )
        )
    quote_story_href = urls.relative_from(
        urls.folder_of(urls.quote_path(story.id, "")), urls.story_path(story.id)
    )
    for quote in analysis.quotes:
        rend = rendered[quote.id]
        quoting = {o.article for o in quote.occurrences}
        out.append(
            Page(
                urls.quote_path(story.id, quote.id),
                "quote.html",
                f"Quote: {_quote_label(quote)}",
                pages.clip(
                    f"How {len(quoting)} of {len(cols)} outlets render this quotation"
                    f" of {quote.speaker or 'an unattributed speaker'}: {quote.text}"
                ),
                {
                    "story": story,
                    "quote": quote,
                    "renderings": rend,
                    "missing": [c for c in cols if c.id not in quoting],
                    "total": len(cols),
                    "mark": mark_html(editor.marks.get(quote.id), quote_story_href),
                    "correct": correct_html(story.id, writer.quote(quote)),
                },
            )
        )
    return out


def site_pages(site: Site, digests: Sequence[pages.StoryDigest]) -> list[Page]:
    """The pages that read every story: home, the outlets index and each outlet's page."""
    views = pages.site_views(site, digests)
    outlets = views.outlets
    result = [
        Page(
            "",
            "home.html",
            site.config.title,
            site.config.description,
            {"cards": views.cards, "outlets": outlets},
        ),
        Page(
            pages.OUTLETS_INDEX,
            "outlets.html",
            "Outlets",
            pages.clip(
                f"The {len(outlets)} outlets covered on {site.config.title},"
                " and how often they agree."
            ),
            {"outlets": outlets, "heatmap": pages.heatmap(site, views.counts)},
        ),
        # The search page comes with sitegen.site.feeds.feed_files; Pagefind indexes after writing.
    ]
    for view in outlets:
        result.append(
            Page(
                urls.outlet_path(view.outlet.slug),
                "outlet.html",
                view.outlet.name,
                pages.clip(
                    f"{view.outlet.name}: {len(view.articles)} article(s), what only it reports,"
                    " and how often it agrees with other outlets."
                ),
                {"view": view},
            )
        )
    return result


def render_pages(site: Site, described: Iterable[Page], theme: Theme) -> Iterator[OutputFile]:
    """Render each page as it is asked for, linking assets by their fingerprinted paths
    (see :mod:`sitegen.site.assets`)."""
    env = theme.env
    extra = {"asset_url": asset_url(theme.manifest)}
    templates: dict[str, Template] = {}  # looked up (and checked for edits) once per call
    chromes: dict[tuple[str, str | None], Mapping[str, Markup]] = {}
    for page in described:
        template = templates.get(page.template)
        if template is None:
            template = templates[page.template] = env.get_template(page.template)
        # ``link`` bound to the page's folder: the global one takes the template context,
        # which Jinja derives afresh for every call made inside a loop.
        folder = urls.folder_of(page.path)
        link = partial(urls.relative_from, folder)
        key = (folder, page.path if page.path in _MARKED_CURRENT else None)
        parts = chromes.get(key)
        if parts is None:
            parts = chromes[key] = chrome(theme, site, page, link=link, **extra)
        html = template.render(
            site=site, page=page, link=link, chrome=parts, **extra, **page.context
        )
        yield OutputFile(urls.file_for(page.path), html.encode("utf-8"))


# The pages the site header links to, which it marks as current (templates/_chrome.html).
_MARKED_CURRENT = frozenset({"", pages.OUTLETS_INDEX, urls.SEARCH_PATH})


def chrome(theme: Theme, site: Site, page: Page, **context: object) -> Mapping[str, Markup]:
    """The blocks of ``_chrome.html`` (assets, header) for a page: what base.html shows
    that depends only on the page's folder. ``context`` may give ``link`` and
    ``asset_url`` in place of the environment's."""
    template = theme.env.get_template("_chrome.html")
    ctx = template.new_context({"site": site, "page": page, **context})
    return {name: Markup("".join(block(ctx))) for name, block in template.blocks.items()}


def story_files(
    site: Site, story: Story, analysis: StoryAnalysis, theme: Theme
) -> Iterator[OutputFile]:
    """A story's pages, rendered lazily so the writer can stream them to disk."""
    yield from render_pages(site, story_pages(site, story, analysis), theme)


def site_files(
    site: Site, digests: Sequence[pages.StoryDigest], theme: Theme
) -> Iterator[OutputFile]:
    """The site-wide pages and the assets."""
    yield from render_pages(site, site_pages(site, digests), theme)
    yield from theme.assets
