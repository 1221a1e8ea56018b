"""An article's text and metadata from a saved web page, or from text pasted from one.

HTML: trafilatura finds the article's main text (menus, share bars, cookie notices, related
lists, newsletter boxes and footers fall away), and the metadata comes from the page's
JSON-LD ``NewsArticle``, OpenGraph and ``<meta>`` tags. Trafilatura folds every run of
whitespace into one space, which would turn a no-break space into a plain one, so each
paragraph it keeps is looked up in the page itself and the page's own characters are used.

Pasted text: :mod:`sitegen.ingest.furniture` drops the page around the article; the headline,
byline and dateline it recognises give the title, outlet and date.

Every value says where it was read (:class:`Found`), and everything that could not be read
says what the user should do, so the importer can print both.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..errors import MissingPackage
from ..model import Outlet
from .furniture import (
    BLOCK_RULES,
    LINE_RULES,
    Dropped,
    Line,
    find_date,
    is_subhead,
    norm,
    outlet_in_credit,
    strip_furniture,
    word_count,
)

OPENING_WORDS = "the article's opening words"  # where a title comes from when no headline is


@dataclass(frozen=True)
class Paragraph:
    kind: str  # paragraph | heading | item | quote
    text: str  # the article's characters, exactly
    line: int  # where it starts in the source, for messages


@dataclass(frozen=True)
class Found:
    value: str
    source: str  # where the value was read, told to the user


@dataclass(frozen=True)
class Problem:
    field: str  # the front-matter field it concerns; "" for the page as a whole
    message: str  # what could not be read, and what to do about it


@dataclass(frozen=True)
class Extracted:
    paragraphs: tuple[Paragraph, ...]
    title: Found | None = None
    outlet: Found | None = None  # the outlet's display name
    outlet_slug: str | None = None  # registry id when the outlet is a known one
    published: Found | None = None  # YYYY-MM-DD or an ISO 8601 date-time
    url: Found | None = None
    language: Found | None = None
    dropped: tuple[Dropped, ...] = ()
    problems: tuple[Problem, ...] = ()


# --------------------------------------------------------------------------- outlets


def _host(url: str | None) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def _canonical(outlet: Outlet, outlets: Sequence[Outlet]) -> Outlet:
    # an alias ("AP") stands for the outlet's first entry ("Associated Press")
    return next(o for o in outlets if o.slug == outlet.slug)


def known_outlet(name: str, outlets: Sequence[Outlet]) -> Outlet | None:
    """The registry entry a site name refers to ("The Example Times" finds "Example Times")."""
    key = norm(name).removeprefix("the ")
    for outlet in outlets:
        if key in (norm(outlet.name).removeprefix("the "), outlet.slug):
            return _canonical(outlet, outlets)
    return None


def outlet_for_host(url: str | None, outlets: Sequence[Outlet]) -> Outlet | None:
    """The registry entry whose web address is the page's site (or a parent domain)."""
    host = _host(url)
    if not host:
        return None
    for outlet in outlets:
        home = _host(outlet.url)
        if home and (host == home or host.endswith("." + home)):
            return _canonical(outlet, outlets)
    return None


def _with_registry(
    found: Found | None, url: str | None, outlets: Sequence[Outlet]
) -> tuple[Found | None, str | None]:
    """Prefer the registry's spelling of a found outlet; fall back to the page's address."""
    if found is not None:
        entry = known_outlet(found.value, outlets)
        if entry is not None:
            return Found(entry.name, found.source), entry.slug
        return found, None
    entry = outlet_for_host(url, outlets)
    if entry is not None:
        return Found(entry.name, f"web address {_host(url)}"), entry.slug
    return None, None


# --------------------------------------------------------------------------- values


def iso_date(value: str) -> str | None:
    """An ISO date or date-time from a metadata value; a time without a zone is dropped,
    because it does not name a moment."""
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        found = find_date(text)
        return _iso(found.value) if found and found.value else None
    return _iso(moment)


def _iso(value: date | datetime) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.date().isoformat()
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


def language_code(value: str) -> str | None:
    """The primary language subtag: "en-GB" and "en_US" give "en"."""
    m = re.match(r"\s*([A-Za-z]{2,3})(?:[-_]|\s*$)", value)
    return m.group(1).lower() if m else None


# common English words; a text where they are frequent is English
_ENGLISH = frozenset(
    re.findall(
        r"\S+",
        "the of and to in a is that for on with as was said by at from it his has have be are "
        "were this which its their who not but an will would",
    )
)


def guess_language(texts: Sequence[str]) -> Found | None:
    words = [w.casefold() for text in texts for w in re.findall(r"[^\W\d_]+", text)]
    if len(words) >= 30 and sum(w in _ENGLISH for w in words) / len(words) >= 0.15:
        return Found("en", "common English words in the text")
    return None


def _opening_words(text: str, limit: int = 12) -> str:
    sentence = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    words = sentence.split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")


def _article(
    paragraphs: tuple[Paragraph, ...],
    *,
    title: Found | None,
    outlet: Found | None,
    outlet_slug: str | None,
    published: Found | None,
    url: Found | None,
    language: Found | None,
    dropped: tuple[Dropped, ...],
    problems: list[Problem],
) -> Extracted:
    """The extracted article, with what every source can fall back on: the opening words
    for a missing headline (and a warning), the words themselves for a missing language."""
    if title is None and paragraphs:
        title = Found(_opening_words(paragraphs[0].text), OPENING_WORDS)
        problems = [
            *problems,
            Problem(
                "title",
                "no headline found: these are the article's opening words; "
                "replace them with the real headline",
            ),
        ]
    return Extracted(
        paragraphs=paragraphs,
        title=title,
        outlet=outlet,
        outlet_slug=outlet_slug,
        published=published,
        url=url,
        language=language or guess_language([p.text for p in paragraphs]),
        dropped=dropped,
        problems=tuple(problems),
    )


# --------------------------------------------------------------------------- pasted text


_DATE_RULES = ("dateline", "byline", "author", "section-label", "header")


def _date_from(dropped: Sequence[Dropped]) -> tuple[Found | None, Problem | None]:
    """The publication date from the datelines above the article; a revision time only
    when no first-publication time is given."""
    candidates = []
    for item in dropped:
        if item.rule in _DATE_RULES:
            found = find_date(item.line.text)
            if found is not None:
                candidates.append((found, item.line))
    dated = [c for c in candidates if c[0].value is not None]
    dated.sort(key=lambda c: c[0].updated)  # stable: first publication first, in line order
    if dated:
        found, line = dated[0]
        kind = "revision time" if found.updated else "dateline"
        return Found(_iso(found.value), f"{kind}, line {line.number}"), None
    if candidates:
        found, line = candidates[0]
        return None, Problem("published", f"line {line.number} ({line.text!r}) {found.problem}")
    return None, None


_SENTENCE_STOPS = frozenset(".!?…:;\"'”’»)]")
_PICTURE_CREDIT = re.compile(r"\W*(?:photo|image|picture|video|graphic|credit)", re.I)
# "KYIV, Ukraine (AP) —", "BERLIN, Dec 14 (Reuters) -": the agency that filed the story
_WIRE_DATELINE = re.compile(
    r"(?P<place>[^\W\d_][^()\n.!?]{0,60}?)\s*\((?P<who>[^()]{2,40})\)\s*[-—–]\s"
)


def _wire_dateline(lede: Paragraph, outlets: Sequence[Outlet]) -> Found | None:
    m = _WIRE_DATELINE.match(lede.text)
    entry = known_outlet(m.group("who"), outlets) if m else None
    if entry is None:
        return None
    return Found(entry.name, f"wire dateline, line {lede.line}")


def _unwrap(text: str) -> tuple[Line, ...]:
    """Non-blank lines, with hard-wrapped paragraphs joined again: a line that stops
    mid-sentence and a next line that starts in lower case are one paragraph."""
    lines: list[Line] = []
    joinable = False
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            joinable = False
            continue
        if joinable and line[0].islower() and "://" not in line.split()[0]:
            lines[-1] = Line(lines[-1].number, f"{lines[-1].text} {line}")
        else:
            lines.append(Line(number, line))
        last = lines[-1].text
        # wrapped lines are long: a short one is a label, a date or a headline
        joinable = len(last) >= 40 and word_count(last) >= 6 and last[-1] not in _SENTENCE_STOPS
    return tuple(lines)


def from_text(text: str, outlets: Sequence[Outlet] = ()) -> Extracted:
    """An article from text copied out of a web page: one paragraph per line."""
    lines = _unwrap(text)
    names = tuple(o.name for o in outlets)
    stripped = strip_furniture(lines, names)

    body = stripped.body
    paragraphs = tuple(
        Paragraph(
            "heading" if is_subhead(line.text) and i < len(body) - 1 else "paragraph",
            line.text,
            line.number,
        )
        for i, line in enumerate(body)
    )

    title = None
    if stripped.headline is not None:
        title = Found(stripped.headline.text, f"headline, line {stripped.headline.number}")

    outlet = url = None
    for item in stripped.dropped:
        # a picture credit names the photo agency, not the publisher
        if outlet is None and item.rule == "byline" and not _PICTURE_CREDIT.match(item.line.text):
            matched = outlet_in_credit(item.line.text, names)
            entry = known_outlet(matched, outlets) if matched else None
            if entry is not None:
                outlet = Found(entry.name, f"byline, line {item.line.number}")
        if url is None and item.rule == "url":
            url = Found(item.line.text, f"line {item.line.number}")
    if outlet is None and paragraphs:
        outlet = _wire_dateline(paragraphs[0], outlets)
    outlet, slug = _with_registry(outlet, url.value if url else None, outlets)

    published, date_problem = _date_from(stripped.dropped)
    return _article(
        paragraphs,
        title=title,
        outlet=outlet,
        outlet_slug=slug,
        published=published,
        url=url,
        language=None,
        dropped=stripped.dropped,
        problems=[date_problem] if date_problem else [],
    )


# --------------------------------------------------------------------------- HTML

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "button", "select"})
_BLOCK_TAGS = frozenset(
    re.findall(r"\S+", "p h1 h2 h3 h4 h5 h6 li blockquote figcaption dd dt td th pre div section")
)
_ASCII_SPACE = re.compile(r"[ \t\n\r\f]+")
_ARTICLE_TYPES = (
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "OpinionNewsArticle",
    "ReviewNewsArticle",
    "LiveBlogPosting",
    "Article",
    "BlogPosting",
    "Report",
)


def _rendered(element: Any) -> str:
    """An element's text as a browser shows it: HTML whitespace folded into single spaces,
    a no-break or thin space kept as it is."""
    parts: list[str] = []

    def walk(el: Any) -> None:
        if isinstance(el.tag, str) and el.tag.lower() in _SKIP_TAGS:
            return
        parts.append(el.text or "")
        for child in el:
            if isinstance(child.tag, str) and child.tag.lower() == "br":
                parts.append(" ")
            else:
                walk(child)
            parts.append(child.tail or "")

    walk(element)
    return _ASCII_SPACE.sub(" ", "".join(parts)).strip()


def _page_texts(tree: Any) -> dict[str, tuple[str, int]]:
    """Every block of the page by its space-folded text: the page's own characters and line."""
    texts: dict[str, tuple[str, int]] = {}
    for el in tree.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            text = _rendered(el)
            if text:
                texts.setdefault(" ".join(text.split()), (text, el.sourceline or 0))
    return texts


def _xml_text(el: Any) -> str:
    parts = [el.text or ""]
    for child in el:
        parts.append(" " if child.tag == "lb" else _xml_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _main_blocks(xml: str) -> Iterator[tuple[str, str]]:
    """(kind, text) for each block of trafilatura's XML main text, in order."""
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    for el in main if main is not None else ():
        if el.tag == "head":
            yield "heading", _xml_text(el)
        elif el.tag == "list":
            for item in el.findall("item"):  # a nested list stays inside its item
                yield "item", _xml_text(item)
        elif el.tag == "quote":
            paragraphs = el.findall("p")
            for p in paragraphs or [el]:
                yield "quote", _xml_text(p)
        elif el.tag in ("p", "code"):
            yield "paragraph", _xml_text(el)


def _jsonld_nodes(tree: Any, problems: list[Problem]) -> list[dict[str, Any]]:
    nodes: list[dict[str, Any]] = []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content(), strict=False)
        except json.JSONDecodeError as exc:
            problems.append(
                Problem(
                    "",
                    f"the JSON-LD on line {script.sourceline} is not valid JSON ({exc.msg}), "
                    "so its metadata was not read",
                )
            )
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                nodes.append(item)
                if isinstance(item.get("@graph"), list):
                    stack[:0] = item["@graph"]
    return nodes


def _types(node: Mapping[str, Any]) -> list[str]:
    kind = node.get("@type", [])
    return [str(k) for k in (kind if isinstance(kind, list) else [kind])]


def _text_of(value: Any, nodes: Sequence[Mapping[str, Any]], *keys: str) -> str | None:
    """A text value from JSON-LD: a string, or a named node (possibly by ``@id`` reference)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        if set(value) <= {"@id"}:
            value = next((n for n in nodes if n.get("@id") == value.get("@id")), value)
        for key in keys:
            found = value.get(key)
            if isinstance(found, str) and found.strip():
                return found.strip()
    return None


def _strip_site(title: str, site: str | None) -> str:
    """A <title> without the site name that pages append ("Headline | Site")."""
    if not site:
        return title
    sep = r"\s+[|–—\-:·»]\s+"
    pattern = re.compile(rf"^(?:{re.escape(site)}{sep})?(.*?)(?:{sep}{re.escape(site)})?$", re.I)
    m = pattern.match(title.strip())
    return m.group(1).strip() if m and m.group(1).strip() else title


def _first(*candidates: tuple[str | None, str]) -> Found | None:
    for value, source in candidates:
        if value and value.strip():
            return Found(" ".join(value.split()), source)
    return None


_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)


@dataclass(frozen=True)
class _PageMeta:
    site: Found | None
    title: Found | None
    published: Found | None
    url: Found | None
    language: Found | None


def _metadata(tree: Any, page_url: str | None, problems: list[Problem]) -> _PageMeta:
    def meta(*names: str) -> tuple[str | None, str]:
        for name in names:
            for attr in ("property", "name", "itemprop", "http-equiv"):
                values = tree.xpath(
                    f"//meta[translate(@{attr}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', "
                    f"'abcdefghijklmnopqrstuvwxyz')=$n]/@content",
                    n=name.lower(),
                )
                if values and str(values[0]).strip():
                    return str(values[0]), f"<meta {attr}={name}>"
        return None, ""

    nodes = _jsonld_nodes(tree, problems)
    articles = [n for n in nodes if set(_types(n)) & set(_ARTICLE_TYPES)]
    articles.sort(
        key=lambda n: min(_ARTICLE_TYPES.index(t) for t in _types(n) if t in _ARTICLE_TYPES)
    )
    article: Mapping[str, Any] = articles[0] if articles else {}
    label = f"JSON-LD {_types(article)[0]}" if article else ""
    website = next((n for n in nodes if "WebSite" in _types(n)), {})

    site = _first(
        meta("og:site_name"),
        (_text_of(article.get("publisher"), nodes, "name"), f"{label} publisher"),
        meta("application-name"),
        (_text_of(website.get("name"), nodes), "JSON-LD WebSite"),
    )
    titles = tree.xpath("//title")
    page_title = _rendered(titles[0]) if titles else ""
    h1s = tree.xpath("//h1")
    h1 = _rendered(h1s[0]) if h1s else ""
    # "Headline - Site" in <title> around the page's <h1>: the rest is the site's name
    rest = page_title[len(h1) :] if h1 and page_title.startswith(h1) else ""
    suffix = re.fullmatch(r"\s+[|–—\-:·»]\s+(.{2,60})", rest)
    if site is None and suffix:
        site = Found(suffix.group(1).strip(), "<title>, after the headline")
    title = _first(
        (_text_of(article.get("headline"), nodes), f"{label} headline"),
        meta("og:title"),
        meta("twitter:title"),
        (h1 if suffix else None, "<h1>"),
        (_strip_site(page_title, site.value if site else None), "<title>"),
        (h1, "<h1>"),
    )
    if title is not None and site is not None:
        title = Found(_strip_site(title.value, site.value), title.source)

    published = None
    times = tree.xpath("//time[@datetime]/@datetime")
    for value, source in (
        (_text_of(article.get("datePublished"), nodes), f"{label} datePublished"),
        meta(*_DATE_META),
        (str(times[0]) if times else None, "<time datetime>"),
        (_text_of(article.get("dateModified"), nodes), f"{label} dateModified"),
    ):
        iso = iso_date(value) if value else None
        if iso:
            published = Found(iso, source)
            break

    canonical = tree.xpath('//link[translate(@rel, "CANOIL", "canoil")="canonical"]/@href')
    url = None
    for value, source in (
        (str(canonical[0]) if canonical else None, '<link rel="canonical">'),
        meta("og:url"),
        (_text_of(article.get("url"), nodes), f"{label} url"),
        (
            _text_of(article.get("mainEntityOfPage"), nodes, "@id", "url"),
            f"{label} mainEntityOfPage",
        ),
        (page_url, "the address it was fetched from"),
    ):
        absolute = urljoin(page_url or "", value.strip()) if value else ""
        if absolute.lower().startswith(("http://", "https://")):
            url = Found(absolute, source)
            break

    language = None
    html_lang = tree.xpath("/html/@lang | /html/@xml:lang")
    for value, source in (
        (str(html_lang[0]) if html_lang else None, "<html lang>"),
        (
            _text_of(article.get("inLanguage"), nodes, "alternateName", "name"),
            f"{label} inLanguage",
        ),
        meta("og:locale"),
        meta("content-language", "language"),
    ):
        code = language_code(value) if value else None
        if code:
            language = Found(code, source)
            break
    return _PageMeta(site, title, published, url, language)


def from_html(html: str, page_url: str | None = None, outlets: Sequence[Outlet] = ()) -> Extracted:
    """An article from a web page: its main text and its metadata."""
    try:  # heavy, and optional: loaded only when a web page is imported
        import lxml.etree
        import lxml.html
        import trafilatura
    except ModuleNotFoundError as exc:
        raise MissingPackage(exc.name or "trafilatura") from exc  # a default dependency

    # lxml refuses text that still declares its byte encoding (XHTML's <?xml ...?>)
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        tree = lxml.html.document_fromstring(html)
    except lxml.etree.ParserError:  # nothing but whitespace or comments: no article in it
        return Extracted(())
    problems: list[Problem] = []
    meta = _metadata(tree, page_url, problems)
    xml = trafilatura.extract(
        html,
        url=page_url,
        output_format="xml",
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        include_formatting=False,
        deduplicate=False,
    )
    page = _page_texts(tree)
    blocks: list[tuple[str, Line]] = []
    for kind, text in _main_blocks(xml) if xml else ():
        key = " ".join(text.split())
        if not key:
            continue
        original, line = page.get(key, (key, 0))
        blocks.append((kind, Line(line, original)))

    dropped: list[Dropped] = []
    title = meta.title
    if blocks and title is not None and norm(blocks[0][1].text) == norm(title.value):
        dropped.append(Dropped("headline", blocks.pop(0)[1]))
    names = tuple(o.name for o in outlets)
    stripped = strip_furniture(
        [line for _, line in blocks], names, header=False, rules=LINE_RULES + BLOCK_RULES
    )
    kept = {id(line) for line in stripped.body}
    paragraphs = tuple(
        Paragraph(kind, line.text, line.number) for kind, line in blocks if id(line) in kept
    )
    url = meta.url
    outlet, slug = _with_registry(meta.site, url.value if url else page_url, outlets)
    return _article(
        paragraphs,
        title=title,
        outlet=outlet,
        outlet_slug=slug,
        published=meta.published,
        url=url,
        language=meta.language,
        dropped=tuple(dropped) + stripped.dropped,
        problems=problems,
    )
