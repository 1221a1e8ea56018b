"""Render stage: site + analyses -> HTML pages and static assets.

Pages are described first (path, template, context built by :mod:`sitegen.site.views`), then
rendered with one Jinja2 environment with autoescape on, so third-party text can only
ever appear as text.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
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
from ..analysis.speakers import people as story_people
from ..model import (
    Article,
    Claim,
    ClaimSource,
    OutputFile,
    Quote,
    QuoteOccurrence,
    Site,
    Story,
    StoryAnalysis,
)
from ..untrusted import is_safe_url
from . import embeds, grouping, timeline, urls
from . import speakers as speaker_views
from . import theme as theme_module
from . import views as pages
from .assets import asset_url
from .editor import EditorView, correct_html, editor_view, mark_html
from .glance import glance
from .i18n import Translations
from .moved import moved
from .safe_html import (
    QuoteMark,
    SentenceMark,
    article_html,
    in_context_html,
    rendering_diff,
    same_wording,
    shared_words_html,
)
from .theme import Theme, english


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


def load_theme(content: Path | None, language: str = "en") -> Theme:
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
            "who": pages.who,
            "sure_of_speaker": pages.sure_of_speaker,
            "outlets_index": pages.OUTLETS_INDEX,
            "search_path": urls.SEARCH_PATH,
            "feed_path": urls.FEED_PATH,
            "api_index": urls.API_INDEX,
            "tables": urls.TABLES,
            "outlets_table": urls.OUTLETS_TABLE,
            "timeline_when": timeline.when,
            "delay_text": timeline.delay_text,
            "timeline_verdict": timeline.verdict,
        },
        # ``when`` and ``percent`` come with the language (sitegen.site.i18n)
        filters={"clip": pages.clip},
        language=language,
    )


# --------------------------------------------------------------------------- page descriptions


def _published(article: Article) -> str | None:
    return article.published.isoformat() if article.published else None


def claim_json_ld(
    site: Site,
    story: Story,
    claim: Claim,
    cols: Sequence[pages.Column],
    order: timeline.ClaimOrder | None = None,
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
    order = order or timeline.claim_orders([claim], cols)[claim.id]
    # firstAppearance names one work as the first: only when the publication times prove
    # it. A tie, a date alone on the day of the earliest time, or a carrier with no date
    # leaves the order unknown, and naming any one of them would assert a guess.
    if order.first is not None and order.first in by_id:
        data["firstAppearance"] = _first_appearance(by_id[order.first])
    return data


def _first_appearance(col: pages.Column) -> dict[str, object]:
    """A schema.org CreativeWork for the article that carried a claim first."""
    item: dict[str, object] = {"@type": "CreativeWork", "headline": col.article.title}
    if is_safe_url(col.article.url):
        item["url"] = col.article.url
    if _published(col.article):
        item["datePublished"] = _published(col.article)
    item["publisher"] = {"@type": "Organization", "name": col.outlet.name}
    return item


def _described_speaker(quote: Quote, t: Translations) -> str:
    """Who said a quotation, for a sentence about it: never a guess asserted."""
    if not quote.speaker:
        return t.text("quote.an_unattributed")
    return quote.speaker if pages.sure_of_speaker(quote) else t.text("quote.a_possible")


def _chip_label(item: Quote | QuoteOccurrence, t: Translations) -> str | None:
    """The name on a quotation's tag in the article: None when unattributed."""
    return pages.who(item, t) if item.speaker else None


def _article_body(
    story: Story,
    article: Article,
    analysis: StoryAnalysis,
    t: Translations | None = None,
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
            _chip_label(o if o.speaker else q, t or english()),
            urls.relative(urls.quote_path(story.id, q.id), here),
        )
        for q in analysis.quotes
        for o in q.occurrences
        if o.article == article.id
    ]
    return article_html(
        analysis.text_of(article.id), analysis.sentences_of(article.id), marks, quotes, t
    )


_SORT_RANK = {"verbatim": 3, "close": 2, "paraphrase": 1}  # a matrix column sorts by it


# Shown after a weak match instead of asserting it (issue 16: say how sure it is).
def _possible(t: Translations) -> str:
    return f' <span class="possible">{t("strength.possible")}</span>'


# A sentence that is only a quotation and its attribution: the quote table compares it;
# the claim matrix keeps it, flagged, since what an outlet quotes is part of what it says.
def _quotation(t: Translations) -> str:
    return (
        f' <span class="flag" title="{t("strength.quotation_note")}">'
        f"{t('strength.quotation')}</span>"
    )


# A sentence stating two facts serves a second claim: said so, never shown as two firsts;
# on a claim page it links to the claim the sentence serves first.
def _second(t: Translations, href: str | None = None) -> str:
    link = f'; <a href="{escape(href)}">{t("strength.first_claim")}</a>' if href else ""
    return (
        f' <span class="flag" title="{t("strength.second_note")}">'
        f"{t('strength.second')}{link}</span>"
    )


def matrix_cells(
    row: pages.Row, article_href: Mapping[str, str], t: Translations | None = None
) -> Markup:
    """A coverage matrix row's cells, each linking to its outlet's sentence.

    Written here rather than in story.html: a story page has hundreds of cells, and
    every expression a template outputs costs an escape.
    """
    t = t or english()
    absent = (
        '<td class="c c-absent" data-sort="0"><span class="sym" aria-hidden="true"></span>'
        f"{t('strength.absent')}</td>\n"
    )
    out = []
    for cell in row.cells:
        src = cell.source
        if src is None:
            out.append(absent)
            continue
        strength = escape(src.strength)
        href = escape(article_href[cell.column.id])
        out.append(
            f'<td class="c c-{strength}" data-sort="{_SORT_RANK.get(src.strength, 1)}">'
            f'<a href="{href}#{urls.sentence_anchor(src.sentence)}">'
            '<span class="sym" aria-hidden="true"></span>'
            f"{t('strength.' + src.strength)}"
            f"{_possible(t) if src.possible else ''}</a>"
            f"{_quotation(t) if src.quotation else ''}{_second(t) if src.home else ''}</td>\n"
        )
    return Markup("".join(out))


def variant_items(
    views: Sequence[pages.VariantView],
    article_href: Mapping[str, str],
    t: Translations | None = None,
) -> Markup:
    """A divergence's list items on the story page: each outlet's version, inside its
    sentence, with a link to that sentence.

    Written here rather than in story.html: a story page lists hundreds of versions,
    and every expression a template outputs costs an escape.
    """
    in_context = (t or english())("common.in_context")
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
            f"{in_context}</a>"
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


def claim_rows(
    claim: Claim,
    sources: Sequence[tuple[pages.Column, ClaimSource]],
    heads: Mapping[str, str],
    article_href: Mapping[str, str],
    t: Translations | None = None,
    claim_href: Mapping[str, str] | None = None,
) -> Markup:
    """The rows of a claim page's sources table: each outlet's sentence with the words it
    shares with the claim marked, how it carries the claim, and a link to the sentence
    (and, for a sentence serving this claim second, to the claim it serves first, by its
    id in ``claim_href``).

    Written here rather than in claim.html: claim pages are most of a site's pages, and
    every expression a template outputs costs an escape.
    """
    t = t or english()
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
            f'<span class="sym" aria-hidden="true"></span>{t("strength." + src.strength)}</span> '
            f'<span class="score">{src.score:.0f}/100</span>'
            f"{_possible(t) if src.possible else ''}{_quotation(t) if src.quotation else ''}"
            f"{_second(t, (claim_href or {}).get(src.home)) if src.home else ''}<br>"
            f'<a class="to-passage" href="{escape(article_href[col.id])}'
            f'#{urls.sentence_anchor(src.sentence)}">'
            f"{t('claim.sentence_n', n=src.sentence + 1)}</a>"
            f'<span class="vh">{t("claim.in_outlet", outlet=col.label)}</span></td>\n'
            "</tr>\n"
        )
    return Markup("".join(out))


def _row_editor(
    row: pages.Row, story: Story, editor: EditorView, lines: str, t: Translations
) -> Markup:
    """A matrix row's mark and "Correct this" box (``lines``), under the claim."""
    mark = mark_html(editor.marks.get(row.claim.id), "", t)
    label = t.text("editor.claim_label", claim=pages.clip(row.claim.text, 60))
    return mark + correct_html(story.id, lines, label, t)


def story_pages(
    site: Site, story: Story, analysis: StoryAnalysis, t: Translations | None = None
) -> list[Page]:
    t = t or english()
    cols = pages.columns(site, story)
    lookup = pages.SentenceLookup.of(analysis)
    rendered = {q.id: pages.renderings(q, cols, lookup) for q in analysis.quotes}
    shared_claims = [c for c in analysis.claims if c.shared]
    all_rows = pages.matrix(shared_claims, cols)
    shown = pages.matrix_rows(len(cols))
    rows, more_rows = all_rows[:shown], all_rows[shown:]
    summary = pages.summary(story, analysis, t)
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
    line = timeline.story_timeline(cols)
    orders = timeline.claim_orders(shared_claims, cols)
    labels = {c.id: c.label for c in cols}
    editor = editor_view(analysis)
    writer = Writer(analysis)
    who = speaker_views.who_is_quoted(analysis.quotes, cols, rendered)
    # each shared claim's lines go on its page and on its matrix row: written once
    claim_lines = {c.id: writer.claim(c) for c in shared_claims}
    omissions = pages.omissions(analysis.divergences, analysis.claims, cols)
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
                "glance": glance(analysis, cols),
                "rows": [
                    (
                        row,
                        matrix_cells(row, article_href, t),
                        _row_editor(row, story, editor, claim_lines[row.claim.id], t),
                    )
                    for row in rows
                ],
                "editor": editor,
                "quote_marks": {i: mark_html(m, "", t) for i, m in editor.marks.items()},
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
                    d.id: variant_items(pages.variant_views(d, cols, lookup), article_href, t)
                    for d in analysis.divergences
                },
                "omissions": omissions,
                "only_here": pages.only_here(analysis.claims, analysis.quotes, cols),
                "reuse": pages.reuse_pairs(analysis.reuse, cols),
                "claim_ids": {c.id for c in shared_claims},
                "quote_ids": {q.id for q in analysis.quotes},
                "timeline_span": timeline.story_span(line, t),
                "who_quoted": who,
                "speaker_href": {
                    sp.name: urls.relative_from(here, urls.speaker_path(story.id, sp.slug))
                    for sp in who.speakers
                },
            },
        ),
        _timeline_page(story, cols, line, shared_claims, orders, article_href, claim_href, t),
    ]
    # The story read by country and by kind: files beside the story page, so its links are
    # the story page's own (sitegen.site.grouping).
    for by in urls.GROUPINGS:
        view = grouping.grouped_view(by, cols, all_rows, shown, omissions, analysis.claims)
        out.append(
            Page(
                urls.grouped_path(story.id, by),
                "groups.html",
                t.text(f"groups.title_{by}", story=story.title),
                pages.clip(t.text(f"groups.description_{by}", story=story.title)),
                {
                    "story": story,
                    "view": view,
                    "columns": cols,
                    "article_href": article_href,
                    "claim_href": claim_href,
                    "story_items": pages.STORY_ITEMS,
                },
            )
        )
    by_id = {c.id: c for c in cols}
    for col in cols:
        article = col.article
        out.append(
            Page(
                urls.article_path(story.id, article.id),
                "article.html",
                t.text("article.title", title=article.title, outlet=col.outlet.name),
                pages.clip(
                    t.text(
                        "article.description",
                        outlet=col.outlet.name,
                        story=story.title,
                        title=article.title,
                    )
                ),
                {
                    "story": story,
                    "article": article,
                    "column": col,
                    "body": _article_body(story, article, analysis, t),
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
        card_path = urls.embed_claim_path(story.id, claim.id)  # its card, for other sites
        card = embeds.claim_embed_title(claim, t)
        sources = [(by_id[s.article], s) for s in claim.sources if s.article in by_id]
        carrying = {s.article for s in claim.sources}
        out.append(
            Page(
                urls.claim_path(story.id, claim.id),
                "claim.html",
                t.text("claim.title", claim=pages.clip(claim.text, 80)),
                pages.clip(
                    t.text(
                        "claim.description",
                        count=len(carrying),
                        total=len(cols),
                        story=story.title,
                        claim=claim.text,
                    )
                ),
                {
                    "story": story,
                    "story_href": story_href,
                    "claim": claim,
                    "sources": sources,
                    "rows": claim_rows(claim, sources, heads, article_hrefs, t, claim_hrefs),
                    "missing": [(c, article_hrefs[c.id]) for c in cols if c.id not in carrying],
                    "total": len(cols),
                    "json_ld": json_ld(claim_json_ld(site, story, claim, cols, orders[claim.id])),
                    "order": orders[claim.id],
                    "labels": labels,
                    "mark": mark_html(editor.marks.get(claim.id), story_href, t),
                    "correct": correct_html(story.id, claim_lines[claim.id], t=t),
                    "embed_this": embeds.embed_this_html(site, card_path, card, "claim", t),
                },
            )
        )
        context = embeds.claim_context(site, story, claim, sources, len(cols), t)
        out.append(_embed(out[-1], card_path, card, context))
    quote_story_href = urls.relative_from(
        urls.folder_of(urls.quote_path(story.id, "")), urls.story_path(story.id)
    )
    # a quotation's speaker page, from the quotes' folder (see speaker_pages)
    speaker_hrefs = {
        sp.name: urls.relative_from(
            urls.folder_of(urls.quote_path(story.id, "")), urls.speaker_path(story.id, sp.slug)
        )
        for sp in who.speakers
    }
    for quote in analysis.quotes:
        rend = rendered[quote.id]
        card_path = urls.embed_quote_path(story.id, quote.id)  # its card, for other sites
        card = embeds.quote_embed_title(quote, t)
        quoting = {o.article for o in quote.occurrences}
        out.append(
            Page(
                urls.quote_path(story.id, quote.id),
                "quote.html",
                t.text(
                    "quote.title",
                    speaker=pages.who(quote, t),
                    quote=pages.clip(quote.text, 70),
                ),
                pages.clip(
                    t.text(
                        "quote.description",
                        count=len(quoting),
                        total=len(cols),
                        speaker=_described_speaker(quote, t),
                        quote=quote.text,
                    )
                ),
                {
                    "story": story,
                    "quote": quote,
                    "renderings": rend,
                    "missing": [c for c in cols if c.id not in quoting],
                    "total": len(cols),
                    "speaker_href": speaker_hrefs.get(quote.speaker or ""),
                    "mark": mark_html(editor.marks.get(quote.id), quote_story_href, t),
                    "correct": correct_html(story.id, writer.quote(quote), t=t),
                    "embed_this": embeds.embed_this_html(site, card_path, card, "quote", t),
                },
            )
        )
        context = embeds.quote_context(site, story, quote, rend, len(cols), t)
        out.append(_embed(out[-1], card_path, card, context))
    out.extend(speaker_pages(story, analysis, cols, lookup, who, t))
    return out


def speaker_pages(
    story: Story,
    analysis: StoryAnalysis,
    cols: Sequence[pages.Column],
    lookup: pages.SentenceLookup,
    who: speaker_views.WhoIsQuoted,
    t: Translations,
) -> list[Page]:
    """A page per speaker of the story: what they said, and how each outlet names them."""
    if not who.speakers:
        return []
    folder = urls.folder_of(urls.speaker_path(story.id, ""))
    article_href = {
        c.id: urls.relative_from(folder, urls.article_path(story.id, c.id)) for c in cols
    }
    people = story_people(analysis.texts)  # who each short form or spelling names
    namings = speaker_views.outlet_namings([sp.name for sp in who.speakers], cols, lookup, people)
    out = []
    for sp in who.speakers:
        label = sp.name if sp.sure else t.text("common.possible_speaker", speaker=sp.name)
        quotes = t.text("common.quotes", len(sp.utterances))
        out.append(
            Page(
                urls.speaker_path(story.id, sp.slug),
                "speaker.html",
                t.text("speakers.title", speaker=label, story=story.title),
                pages.clip(
                    t.text(
                        "speakers.description",
                        speaker=label,
                        quotes=quotes,
                        count=len(sp.outlets),
                        total=len(cols),
                        story=story.title,
                    )
                ),
                {
                    "story": story,
                    "speaker": sp,
                    "label": label,
                    "total": len(cols),
                    "article_href": article_href,
                    "namings": namings[sp.name],
                    "story_items": pages.STORY_ITEMS,
                },
            )
        )
    return out


def _timeline_page(
    story: Story,
    cols: Sequence[pages.Column],
    line: timeline.Timeline,
    claims: Sequence[Claim],
    orders: Mapping[str, timeline.ClaimOrder],
    article_href: Mapping[str, str],
    claim_href: Mapping[str, str],
    t: Translations,
) -> Page:
    """The story's timeline page. It sits in the story page's folder, so the story
    page's links to articles and claims serve it as they are."""
    order = timeline.story_order(cols)
    # the claims in matrix order first, so ties in time keep the order the story page shows
    ranked = pages.sort_claims(claims, cols)
    shown, left = timeline.by_first_appearance([orders[c.id] for c in ranked])
    return Page(
        urls.timeline_path(story.id),
        "timeline.html",
        t.text("timeline.title", story=story.title),
        pages.clip(t.text("timeline.description", story=story.title)),
        {
            "story": story,
            "story_href": urls.relative(urls.story_path(story.id), urls.timeline_path(story.id)),
            "line": line,
            "order": order,
            "delays": {c.article: c.delay for c in order.carriers},
            "labels": {c.id: c.label for c in cols},
            "titles": {c.id: c.article.title for c in cols},
            "article_href": article_href,
            "claim_href": claim_href,
            "claims": shown,
            "texts": {c.id: c.text for c in claims},
            "claims_left": left,
        },
    )


def _embed(full: Page, here: str, title: str, context: Mapping[str, Any]) -> Page:
    """The embeddable card (sitegen.site.embeds) of the claim or quote page ``full``."""
    return Page(here, embeds.TEMPLATE, title, full.description, context)


def site_pages(
    site: Site, digests: Sequence[pages.StoryDigest], t: Translations | None = None
) -> list[Page]:
    """The pages that read every story: home, the outlets index and each outlet's page."""
    t = t or english()
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
            t.text("outlets.title"),
            pages.clip(t.text("outlets.description", n=len(outlets), site=site.config.title)),
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
                    t.text(
                        "outlet.description",
                        outlet=view.outlet.name,
                        count=t.text("common.articles", len(view.articles)),
                    )
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
    pages_ = story_pages(site, story, analysis, theme.translations)
    pages_ += moved_pages(site, story, analysis, theme.translations)
    yield from render_pages(site, pages_, theme)


def moved_pages(
    site: Site, story: Story, analysis: StoryAnalysis, t: Translations | None = None
) -> list[Page]:
    """A page at each old address of the story's claims and quotations (see
    :mod:`sitegen.site.moved`), sending the reader to where the item is now."""
    t = t or english()
    base = site.config.base_url
    return [
        Page(
            item.old,
            "moved.html",
            t.text(f"moved.title_{item.kind}"),
            pages.clip(t.text("moved.description", story=story.title, text=item.text)),
            {
                "story": story,
                "moved": item,
                # absolute or none, as on every page (a relative one is no canonical URL)
                "canonical": urls.absolute(base, item.new) if base else "",
            },
        )
        for item in moved(story.id, analysis)
    ]


def site_files(
    site: Site, digests: Sequence[pages.StoryDigest], theme: Theme
) -> Iterator[OutputFile]:
    """The site-wide pages and the assets."""
    yield from render_pages(site, site_pages(site, digests, theme.translations), theme)
    yield from theme.assets
