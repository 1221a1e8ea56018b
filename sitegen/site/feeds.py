"""The files a site carries around its pages: Atom feed, sitemap, robots.txt, the 404
page, the search page and a favicon at a stable address.

Every date written here comes from the content (a story's date, its articles'
publication dates); where the content has none, from ``SOURCE_DATE_EPOCH`` when it is
set, else the Unix epoch, never the clock, so two builds of the same content are byte
for byte the same.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timezone
from urllib.parse import urlsplit

from ..content import slugify
from ..model import Article, OutputFile, Site, Story
from ..untrusted import xml_text
from . import urls
from .assets import asset_url
from .i18n import Translations
from .render import Page, chrome
from .theme import Theme, english

ATOM_NS = "http://www.w3.org/2005/Atom"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
FEED_PATH = urls.FEED_PATH
SITEMAP_PATH = "sitemap.xml"
NOT_FOUND_PATH = "404.html"
FAVICON = "favicon.svg"
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)

# Pages a search engine has no use for: the error page and the search form.
_NOT_IN_SITEMAP = {NOT_FOUND_PATH, urls.file_for(urls.SEARCH_PATH)}
# What a page's own links and assets may be made with: the chrome takes the same.
_CHROME_ARGS = ("link", "asset_url")


# --------------------------------------------------------------------------- dates


def source_date(environ: Mapping[str, str] = os.environ) -> datetime:
    """The build's stand-in for "now": ``SOURCE_DATE_EPOCH`` (reproducible-builds.org)
    when set, else the Unix epoch."""
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return EPOCH
    try:
        return datetime.fromtimestamp(int(raw), tz=timezone.utc)
    except ValueError:
        raise ValueError(f"SOURCE_DATE_EPOCH must be whole seconds, got {raw!r}") from None


def _moment(value: date | datetime) -> datetime:
    """A date or date-time from the content as an aware UTC date-time (a bare date is
    midnight UTC; a date-time without a zone is taken as UTC)."""
    if isinstance(value, datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=timezone.utc)
        return aware.astimezone(timezone.utc)
    return datetime(value.year, value.month, value.day, tzinfo=timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def story_dates(story: Story) -> list[datetime]:
    found: list[date | datetime] = [a.published for a in story.articles if a.published]
    if story.date:
        found.append(story.date)
    return sorted(_moment(d) for d in found)


def story_updated(story: Story, fallback: datetime) -> datetime:
    """The latest date the content gives for a story: its own or its newest article's."""
    dates = story_dates(story)
    return dates[-1] if dates else fallback


def story_published(story: Story, fallback: datetime) -> datetime:
    if story.date:
        return _moment(story.date)
    dates = story_dates(story)
    return dates[0] if dates else fallback


# --------------------------------------------------------------------------- URLs


def base_path(base_url: str) -> str:
    """The path the site lives under: ``https://x.org/coverage`` -> ``/coverage/``."""
    path = urlsplit(base_url).path if base_url else ""
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def rooted(base_url: str, target: str) -> str:
    """A link that works from any page: absolute path under the site's base path."""
    return base_path(base_url) + target


def _feed_link(base_url: str, target: str) -> str:
    # Without a base URL, links stay relative to feed.xml, which sits at the site root,
    # so readers resolve them against wherever the feed was fetched from.
    return urls.absolute(base_url, target) if base_url else (target or "./")


# --------------------------------------------------------------------------- XML


def _xml(root: ET.Element) -> bytes:
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body + "\n").encode("utf-8")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    # ElementTree writes any character it is given; one XML cannot carry (a control
    # character from an imported title) would make the whole file unreadable.
    element = ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attrs.items()})
    if text is not None:
        element.text = xml_text(text)
    return element


def _outlets(articles: Iterable[Article]) -> list[str]:
    return sorted({a.outlet for a in articles}, key=str.casefold)


def atom_feed(site: Site, fallback: datetime, t: Translations | None = None) -> bytes:
    """An Atom 1.0 feed with one entry per story, newest first, in the site's language."""
    t = t or english()
    base = site.config.base_url
    stories = sorted(site.stories, key=lambda s: (story_updated(s, fallback), s.id), reverse=True)
    feed = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": site.config.language})
    _sub(feed, "title", site.config.title)
    _sub(feed, "subtitle", site.config.description)
    _sub(feed, "id", urls.absolute(base, "") if base else f"urn:sitegen:{_slug(site)}")
    updated = max((story_updated(s, fallback) for s in stories), default=fallback)
    _sub(feed, "updated", _iso(updated))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=_feed_link(base, FEED_PATH))
    _sub(feed, "link", rel="alternate", type="text/html", href=_feed_link(base, ""))
    author = _sub(feed, "author")
    _sub(author, "name", site.config.title)
    _sub(feed, "icon", _feed_link(base, FAVICON))
    _sub(feed, "generator", "sitegen")
    for story in stories:
        path = urls.story_path(story.id)
        entry = _sub(feed, "entry")
        _sub(entry, "title", story.title)
        _sub(entry, "link", rel="alternate", type="text/html", href=_feed_link(base, path))
        entry_id = urls.absolute(base, path) if base else f"urn:sitegen:{_slug(site)}:{story.id}"
        _sub(entry, "id", entry_id)
        _sub(entry, "published", _iso(story_published(story, fallback)))
        _sub(entry, "updated", _iso(story_updated(story, fallback)))
        outlets = _outlets(story.articles)
        summary = story.summary or t.text("story.title", n=len(outlets), title=story.title)
        _sub(entry, "summary", summary)
        for outlet in outlets:
            _sub(entry, "category", term=outlet)
    return _xml(feed)


def _slug(site: Site) -> str:
    """A stable name for a site without a base URL, for the feed's URN ids."""
    return slugify(site.config.title) or "site"


def _page_paths(site: Site, files: Sequence[str]) -> list[str]:
    """Site paths of the pages to list: every HTML file built, or when none are given,
    the pages the content alone implies (home, stories, articles)."""
    if files:
        found = []
        for path in files:
            if not path.endswith(".html") or path in _NOT_IN_SITEMAP:
                continue
            if path.startswith(urls.EMBED_ROOT):  # a card for other sites: its full page is listed
                continue
            found.append(path.removesuffix("index.html"))
        return sorted(found)
    paths = [""]
    for story in site.stories:
        paths.append(urls.story_path(story.id))
        paths.extend(urls.article_path(story.id, a.id) for a in story.articles)
    return sorted(paths)


def sitemap(site: Site, files: Sequence[str], fallback: datetime) -> bytes:
    """sitemap.xml. Search engines need absolute URLs: without a base URL the locations
    are root-relative paths, correct for a site at the root of its host. A page's date is
    its story's; a page of no story has the newest story's."""
    updated = {urls.story_path(s.id): story_updated(s, fallback) for s in site.stories}
    newest = max(updated.values(), default=fallback)
    root = ET.Element("urlset", {"xmlns": SITEMAP_NS})
    for path in _page_paths(site, files):
        story = "/".join(path.split("/", 2)[:2]) + "/"  # "stories/<id>/" for a story's page
        entry = _sub(root, "url")
        _sub(entry, "loc", urls.absolute(site.config.base_url, path))
        _sub(entry, "lastmod", updated.get(story, newest).date().isoformat())
    return _xml(root)


def robots_txt(site: Site) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if site.config.base_url:
        # The Sitemap line must be an absolute URL, so it needs the base URL.
        lines += ["", f"Sitemap: {urls.absolute(site.config.base_url, SITEMAP_PATH)}"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _render(theme: Theme, site: Site, page: Page, **context: object) -> bytes:
    parts = chrome(theme, site, page, **{k: v for k, v in context.items() if k in _CHROME_ARGS})
    template = theme.env.get_template(page.template)
    html = template.render(site=site, page=page, chrome=parts, **context)
    return html.encode("utf-8")


def not_found_page(theme: Theme, site: Site) -> bytes:
    """404.html: served for any missing path, so its links cannot be relative to where it
    lives. They start from the site's base path (``/`` or e.g. ``/coverage/``)."""
    base = site.config.base_url

    def link(target: str) -> str:
        return rooted(base, target)

    t = theme.translations
    page = Page(
        NOT_FOUND_PATH,
        "404.html",
        t.text("notfound.title"),
        t.text("notfound.description", site=site.config.title),
    )
    return _render(
        theme,
        site,
        page,
        link=link,
        asset_url=asset_url(theme.manifest, lambda target, _page: rooted(base, target)),
        stories=site.stories,
    )


def search_page(theme: Theme, site: Site) -> bytes:
    """The search page: Pagefind's UI over the index :func:`sitegen.build.search.index_site`
    writes. Its links are relative, like every page's."""
    t = theme.translations
    page = Page(
        urls.SEARCH_PATH,
        "search.html",
        t.text("search.title"),
        t.text("search.page_description", site=site.config.title),
    )
    shards = urls.shard_paths([story.id for story in site.stories])
    return _render(theme, site, page, asset_url=asset_url(theme.manifest), shards=shards)


def feed_files(
    theme: Theme,
    site: Site,
    files: Sequence[str] = (),
    environ: Mapping[str, str] = os.environ,
) -> list[OutputFile]:
    """The files around the pages: feed.xml, sitemap.xml, robots.txt, 404.html, the search
    page and /favicon.svg.

    ``files`` are the paths of the files already written; the sitemap lists every HTML
    page among them.
    """
    fallback = source_date(environ)
    favicon = {f.path: f.data for f in theme.assets}[theme.manifest[FAVICON]]
    return [
        OutputFile(FEED_PATH, atom_feed(site, fallback, theme.translations)),
        OutputFile(SITEMAP_PATH, sitemap(site, files, fallback)),
        OutputFile("robots.txt", robots_txt(site)),
        OutputFile(NOT_FOUND_PATH, not_found_page(theme, site)),
        OutputFile(urls.file_for(urls.SEARCH_PATH), search_page(theme, site)),
        OutputFile(FAVICON, favicon),
    ]
