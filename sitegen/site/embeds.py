"""Embeddable cards: one shared claim's sources, or one quotation's renderings, on a bare
page (templates/embed.html) that other sites may put in an ``<iframe>``; and the "Embed
this" box on the full claim and quote pages that offers the ready ``<iframe>`` code.

An embed page has no site header, navigation or search: it is framed inside someone
else's page, 300 to 600 px wide. It names the site and links to the full comparison, and
its canonical link points there, so search engines send readers to the full page.
netlify.toml lets other sites frame ``/embed/*`` only (see SECURITY.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape as attr_escape

from markupsafe import Markup, escape

from ..model import Claim, ClaimSource, Quote, Site, Story
from . import urls
from . import views as pages
from .i18n import Translations

# Big enough for three or four outlets at 400 px, the height a reader scrolls within.
FRAME_HEIGHT = 480
TEMPLATE = "embed.html"


def frame_src(site: Site, path: str) -> str:
    """The ``src`` of an embed page's ``<iframe>``: absolute with a base URL, else the
    site-relative path, which works only on this site's own host."""
    return urls.absolute(site.config.base_url, path)


def iframe_code(src: str, title: str) -> str:
    """The ``<iframe>`` element other sites paste: ``title`` (untrusted text) escaped for
    its attribute, as the code is HTML in the embedding page."""
    return (
        f'<iframe src="{attr_escape(src)}" title="{attr_escape(title)}" '
        f'width="100%" height="{FRAME_HEIGHT}" loading="lazy" '
        'style="max-width:600px;border:0"></iframe>'
    )


def embed_this_html(site: Site, path: str, title: str, kind: str, t: Translations) -> Markup:
    """The "Embed this" box of a ``kind`` ("claim" or "quote") page: a collapsed
    ``<details>`` holding the code of the card at site path ``path`` in a read-only text
    area (no script: selecting and copying is the reader's own). Everything in it is
    escaped once more, as the text area shows the code as text."""
    code = iframe_code(frame_src(site, path), title)
    intro = t.text(f"embed.code_{kind}")
    note = "" if site.config.base_url else f'<p class="meta">{t("embed.needs_base_url")}</p>\n'
    return Markup(
        '<details class="embed-this" data-pagefind-ignore>\n'
        f"<summary>{t('embed.this')}</summary>\n"
        f'<p><label for="embed-code">{escape(intro)}</label></p>\n'
        '<textarea id="embed-code" readonly rows="5" spellcheck="false">'
        f"{escape(code)}</textarea>\n"
        f"{note}</details>\n"
    )


def claim_embed_title(claim: Claim, t: Translations) -> str:
    return t.text("embed.claim_title", claim=pages.clip(claim.text, 80))


def quote_embed_title(quote: Quote, t: Translations) -> str:
    return t.text(
        "embed.quote_title", speaker=pages.who(quote, t), quote=pages.clip(quote.text, 70)
    )


def claim_items(
    story: Story,
    claim: Claim,
    sources: Sequence[tuple[pages.Column, ClaimSource]],
    here: str,
    t: Translations,
) -> list[dict[str, object]]:
    """One item per outlet carrying the claim: its sentence, how closely it carries the
    claim (a possible match said so), and a link to the sentence on its article page."""
    folder = urls.folder_of(here)
    items = []
    for col, src in sources:
        target = f"{urls.article_path(story.id, col.id)}#{urls.sentence_anchor(src.sentence)}"
        notes = []
        if src.possible:
            notes.append(t.text("strength.possible"))
        if src.quotation:
            notes.append(t.text("strength.quotation"))
        if src.home:
            notes.append(t.text("strength.second"))
        items.append(
            {
                "outlet": col.label,
                "text": src.text,
                "strength": src.strength,
                "label": t.text("strength." + src.strength),
                "score": f"{src.score:.0f}",
                "notes": notes,
                "speaker": "",
                "href": urls.relative_from(folder, target),
                "link": t.text("quote.read", outlet=col.label),
            }
        )
    return items


def quote_items(
    story: Story,
    quote: Quote,
    renderings: Sequence[pages.Rendering],
    here: str,
    t: Translations,
) -> list[dict[str, object]]:
    """One item per outlet quoting the words: its exact wording, how close it is to the
    representative wording, who it attributes them to when that differs, and a link."""
    folder = urls.folder_of(here)
    items = []
    for r in renderings:
        occ = r.occurrence
        notes = []
        if occ.possible:
            notes.append(t.text("strength.possible"))
        items.append(
            {
                "outlet": r.column.label,
                "text": occ.text,
                "strength": occ.relation,
                "label": t.text("relation." + occ.relation),
                "score": f"{occ.score:.0f}",
                "notes": notes,
                "speaker": pages.who(occ, t)
                if occ.speaker and occ.speaker != quote.speaker
                else "",
                "href": urls.relative_from(
                    folder, f"{urls.article_path(story.id, r.column.id)}#{r.anchor}"
                ),
                "link": t.text("quote.read", outlet=r.column.label),
            }
        )
    return items


def context(
    site: Site,
    story: Story,
    here: str,
    full: str,
    heading: str,
    kicker: Markup,
    items: list[dict[str, object]],
    note: Markup,
) -> dict[str, object]:
    """What templates/embed.html shows on the embed page at site path ``here`` whose full
    page is at site path ``full``."""
    base = site.config.base_url
    return {
        "story": story,
        "heading": heading,
        "kicker": kicker,
        "items": items,
        "note": note,
        "full_href": urls.relative(full, here),
        # Lighthouse and search engines take only an absolute canonical URL
        "canonical": urls.absolute(base, full) if base else None,
    }


def claim_context(
    site: Site,
    story: Story,
    claim: Claim,
    sources: Sequence[tuple[pages.Column, ClaimSource]],
    total: int,
    t: Translations,
) -> dict[str, object]:
    """A shared claim's card: each outlet's sentence carrying it."""
    here = urls.embed_claim_path(story.id, claim.id)
    kicker = t("claim.kicker", count=len(sources), total=total)
    items = claim_items(story, claim, sources, here, t)
    full = urls.claim_path(story.id, claim.id)
    return context(site, story, here, full, claim.text, kicker, items, t("embed.claim_note"))


def quote_context(
    site: Site,
    story: Story,
    quote: Quote,
    rendered: Sequence[pages.Rendering],
    total: int,
    t: Translations,
) -> dict[str, object]:
    """A quotation's card: each outlet's rendering of the words."""
    here = urls.embed_quote_path(story.id, quote.id)
    speaker = pages.who(quote, t)
    kicker = t("quote.kicker", speaker=speaker, count=len(rendered), total=total)
    items = quote_items(story, quote, rendered, here, t)
    heading = f"{speaker}: “{quote.text}”"
    full = urls.quote_path(story.id, quote.id)
    return context(site, story, here, full, heading, kicker, items, t("embed.quote_note"))
