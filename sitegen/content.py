"""Load stage: the content folder -> a validated :class:`Site`.

Every problem is collected as a :class:`ContentError` with its file and line; loading
fails once, at the end, with all of them.
"""

from __future__ import annotations

import dataclasses
import difflib
import errno
import re
import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, ContentErrors
from .guard import FileRefused, read_regular
from .model import Article, Correction, Corrections, Outlet, Ref, Site, SiteConfig, Story
from .untrusted import control_problem, language_problem, name_problem, skeleton, url_problem

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
# Ids become file names with a suffix or two (api/<story>.divergences.csv, cache entries
# with a temporary suffix): well under the 255 bytes a file name may have.
MAX_ID = 100


def slugify(text: str, limit: int | None = None) -> str:
    """An id from words, as :data:`SLUG` wants it: lower-case ASCII letters and digits
    joined by hyphens (accents dropped, other scripts left out), cut at a hyphen within
    ``limit`` characters. The one slug maker for article files, outlets and the feed."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if limit is not None and len(slug) > limit:
        slug = slug[: limit + 1].rsplit("-", 1)[0] if "-" in slug[:limit] else slug[:limit]
    return slug


OUTLET_KINDS = ("state", "public", "commercial", "agency", "aggregator")
ARTICLE_FIELDS = ("outlet", "title", "url", "published", "language", "translated_from")
# Read no more of any content file than this: the memory a build may spend on one file
# (whether that much text is worth analysing is decided later, on its text).
MAX_FILE_BYTES = 64 << 20
# YAML nested deeper than this is not a configuration or front matter anyone writes, and
# PyYAML's constructor and dumper recurse once per level.
MAX_YAML_DEPTH = 32
# Dates outside these years are typing mistakes, and the analysis and the feeds compute
# days around each date: 9999-12-31 plus a day overflows.
FIRST_YEAR, LAST_YEAR = 1000, 2999
# Files that look like articles but are not read: named in the error of an empty story.
NEAR_ARTICLE = (".markdown", ".mdown", ".mkd", ".mkdn", ".txt", ".text", ".html", ".htm")
# The keys each settings file knows; any other is a warning (a typo such as `baseurl:`
# would otherwise be ignored without a word). Article front matter takes any key: the
# contract keeps and shows unknown ones.
SITE_KEYS = ("title", "description", "base_url", "language")
STORY_KEYS = ("title", "date", "summary", "draft")
OUTLET_KEYS = ("name", "country", "url", "kind", "owner")
# What an import writes, and people type, when they do not know the outlet
PLACEHOLDER_OUTLETS = frozenset({"unknown", "unknown outlet", "n/a", "none", "?", "tbd"})

# Limits on what one build analyses, past which loading fails with a content error rather
# than a build running for hours. The analysis is linear in an article's size (a 5 MB
# article builds), but compares every article of a story with every other, so a story's
# work grows with the square of its articles; a news event is covered by tens of outlets.
MAX_ARTICLE_BYTES = 8 * 1024 * 1024  # as much as `import` reads from one page
MAX_STORY_ARTICLES = 250
MAX_STORY_BYTES = 32 * 1024 * 1024


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """SafeLoader that leaves timestamps as text, so an impossible date is reported with
    its line instead of crashing the YAML constructor. libyaml's parser where PyYAML
    has it: front matter is parsed for every article on every build, and the pure-Python
    parser was most of loading a large site."""


_Loader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


@dataclass
class _Doc:
    """A parsed YAML mapping with the line of each key (1-based, in the file)."""

    path: Path
    data: dict[str, Any]
    lines: dict[str, int]
    first_line: int
    # key -> the lines of the keys of its value, when that value is a mapping
    inner: dict[str, dict[str, int]] = field(default_factory=dict)

    def line(self, key: str) -> int:
        return self.lines.get(key, self.first_line)


@dataclass
class _Collector:
    errors: list[ContentError] = field(default_factory=list)
    outlet_lines: dict[Path, int] = field(default_factory=dict)  # of each article read
    warnings: list[ContentError] = field(default_factory=list)

    def add(self, path: Path, line: int, message: str, hint: str = "") -> None:
        self.errors.append(ContentError(path, line, message, hint))

    def warn(self, path: Path, line: int, message: str, hint: str = "") -> None:
        self.warnings.append(ContentError(path, line, message, hint, warning=True))


# --------------------------------------------------------------------------- YAML


def _parse_yaml(text: str, path: Path, offset: int, errors: _Collector) -> _Doc | None:
    """Parse a YAML mapping; ``offset`` is the number of file lines before ``text``."""
    parsed = _compose(text, path, offset, errors, construct=True)
    if parsed is None:
        return None
    node, data = parsed
    if node is None:
        return _Doc(path, {}, {}, offset + 1)
    if not isinstance(node, yaml.MappingNode):
        errors.add(
            path,
            offset + node.start_mark.line + 1,
            "expected a mapping of `key: value` lines",
            "write one `key: value` per line",
        )
        return None
    lines: dict[str, int] = {}
    inner: dict[str, dict[str, int]] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = offset + key_node.start_mark.line + 1
        if key in lines:
            errors.add(path, line, f"duplicate key {key!r} (first on line {lines[key]})")
        lines.setdefault(key, line)
        if isinstance(value_node, yaml.MappingNode):
            inner.setdefault(
                key, {str(k.value): offset + k.start_mark.line + 1 for k, _ in value_node.value}
            )
    return _Doc(path, {str(k): v for k, v in data.items()}, lines, offset + 1, inner)


def _compose(
    text: str, path: Path, offset: int, errors: _Collector, construct: bool
) -> tuple[yaml.Node | None, Any] | None:
    """The YAML node tree of ``text`` (and, if ``construct``, a mapping's values), or
    None after reporting a syntax error with its line."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        deep = _too_deep(node)
        if deep is not None:
            errors.add(
                path,
                offset + deep.start_mark.line + 1,
                f"YAML nested more than {MAX_YAML_DEPTH} levels deep",
                "write plain `key: value` lines",
            )
            return None
        if node is not None and not _plain_nodes(node, path, offset, errors):
            return None
        is_map = isinstance(node, yaml.MappingNode)
        data = loader.construct_document(node) if construct and is_map else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        if exc.context_mark and (mark is None or mark.index >= len(text.rstrip())):
            # Found only at the end of the text (an unclosed bracket or quote): the line
            # that opened what was never closed is the one to fix.
            mark = exc.context_mark
        line = offset + (mark.line + 1 if mark else 1)
        problem = exc.problem or exc.context or "invalid YAML"
        errors.add(path, line, f"YAML syntax error: {problem}", "check indentation and quoting")
        return None
    except yaml.reader.ReaderError as exc:
        line = offset + text[: exc.position].count("\n") + 1
        errors.add(
            path,
            line,
            f"YAML cannot contain the control character U+{exc.character:04X}",
            "delete the invisible character",
        )
        return None
    finally:
        loader.dispose()
    return node, data


# The YAML types a value may have: what JSON has, plus dates. A set, an ordered map, a
# binary blob or a language-specific object has no stable text form (a set prints in a
# different order on every run) and no place in an article's metadata.
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}"
    for name in ("null", "bool", "int", "float", "str", "timestamp", "map", "seq", "merge")
}


def _plain_nodes(root: yaml.Node, path: Path, offset: int, errors: _Collector) -> bool:
    """Report every node with a type other than the plain ones, and every text value
    holding a control character (YAML writes them as escapes such as ``"\\x01"``; they
    break XML and terminals); True when there is none. Walked without recursion, so a
    deeply nested document cannot exhaust the stack here."""
    ok = True
    stack, seen = [root], set()
    while stack:
        node = stack.pop()
        if id(node) in seen:  # an alias: the same node again
            continue
        seen.add(id(node))
        line = offset + node.start_mark.line + 1
        if node.tag not in _PLAIN_TAGS:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            errors.add(
                path,
                line,
                f"the YAML type {tag} is not allowed here",
                "write plain text, a number, a date, a list or a mapping",
            )
            ok = False
            continue
        if isinstance(node, yaml.ScalarNode):
            problem = control_problem(str(node.value))
            if problem:
                errors.add(path, line, f"text {problem}", "delete the invisible character")
                ok = False
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                stack.extend((value, key))
    return ok


def _too_deep(root: yaml.Node | None) -> yaml.Node | None:
    """The first node nested deeper than MAX_YAML_DEPTH, found without recursion."""
    stack = [(root, 0)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        if depth > MAX_YAML_DEPTH:
            return node
        if isinstance(node, yaml.SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))
    return None


def _unknown_keys(doc: _Doc, known: Collection[str], errors: _Collector, what: str = "") -> None:
    """Warn of each key the file does not know, with the nearest known one."""
    for key in doc.data:
        if key in known:
            continue
        near = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        hint = f"did you mean {near[0]}?" if near else "known keys: " + ", ".join(known)
        errors.warn(doc.path, doc.line(key), f"unknown key {key!r}{what}", hint)


def _decode(raw: bytes, path: Path, errors: _Collector) -> str | None:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        errors.add(path, line, "file is not UTF-8 text", "re-save it with UTF-8 encoding")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_bytes(path: Path, errors: _Collector) -> bytes | None:
    """A content file's bytes, or None with the reason: checked before reading, so a
    FIFO, a device or a huge file never hangs or fills memory, and a link that loops or
    leads nowhere is an error with its path, not a traceback."""
    try:
        return read_regular(path, MAX_FILE_BYTES)
    except FileRefused as exc:
        errors.add(path, 1, f"file {exc}", "content files are text files of articles")
    except FileNotFoundError:
        errors.add(path, 1, "symbolic link leads nowhere", "remove it or fix its target")
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            errors.add(path, 1, "symbolic link loops", "remove it or fix its target")
        else:
            errors.add(path, 1, f"cannot read it: {exc.strerror}", "check its permissions")
    return None


def _read_text(path: Path, errors: _Collector) -> str | None:
    raw = _read_bytes(path, errors)
    return None if raw is None else _decode(raw, path, errors)


def _load_yaml_file(path: Path, root: Path, errors: _Collector) -> _Doc | None:
    """A configuration file of the content folder, if there is one. Like every content
    file, a link there must lead to a file inside the folder."""
    if not path.is_symlink() and not path.exists():
        return None
    if not _inside(path, root, errors):
        return None
    text = _read_text(path, errors)
    return None if text is None else _parse_yaml(text, path, 0, errors)


# --------------------------------------------------------------------------- values


def _opt_str(doc: _Doc, key: str, errors: _Collector) -> str | None:
    value = doc.data.get(key)
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        errors.add(doc.path, doc.line(key), f"`{key}` must be text, not a list or mapping")
        return None
    text = str(value).strip()
    return text or None


def _req_str(doc: _Doc, key: str, errors: _Collector, hint: str) -> str:
    value = _opt_str(doc, key, errors)
    if value is None and not isinstance(doc.data.get(key), (dict, list)):
        errors.add(doc.path, doc.line(key), f"missing `{key}`", hint)
    return value or ""


def _url(doc: _Doc, key: str, errors: _Collector, base: bool = False) -> str | None:
    value = _opt_str(doc, key, errors)
    problem = url_problem(value, base) if value is not None else None
    if problem:
        errors.add(
            doc.path,
            doc.line(key),
            f"`{key}` must be an http(s) URL ({problem}): {value[:100]!r}",
            "use a full address such as https://example.org/page",
        )
        return None
    return value


def _language(doc: _Doc, key: str, errors: _Collector) -> str | None:
    value = _opt_str(doc, key, errors)
    problem = language_problem(value) if value is not None else None
    if problem:
        errors.add(
            doc.path,
            doc.line(key),
            f"`{key}` {problem}: {value[:60]!r}",
            "use a language code such as en, pt-BR or zh-Hant",
        )
        return None
    return value


def _outlet_name(doc: _Doc, key: str, value: str, errors: _Collector) -> bool:
    problem = name_problem(value)
    if problem:
        errors.add(
            doc.path,
            doc.line(key),
            f"outlet name {value!r} {problem}",
            "type the name again with plain letters, so no other outlet's name reads like it",
        )
    return problem is None


def parse_date(value: object) -> date | datetime | None:
    """A YYYY-MM-DD date or an ISO 8601 date-time; ``None`` if it is neither or impossible."""
    if isinstance(value, (date, datetime)):
        return value
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?", text):
            return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return None


def _in_range(value: date | datetime) -> bool:
    return FIRST_YEAR <= value.year <= LAST_YEAR


def _date(doc: _Doc, key: str, errors: _Collector) -> date | datetime | None:
    value = doc.data.get(key)
    if value is None or value == "":
        return None
    parsed = parse_date(value)
    if parsed is None:
        errors.add(
            doc.path,
            doc.line(key),
            f"`{key}` is not a valid date: {value!r}",
            "use YYYY-MM-DD or an ISO 8601 date-time such as 2025-12-14T21:53:00+08:00",
        )
    elif not _in_range(parsed):
        errors.add(
            doc.path,
            doc.line(key),
            f"`{key}` is out of range: {value!r}",
            f"use a year from {FIRST_YEAR} to {LAST_YEAR}",
        )
        return None
    return parsed


def _check_article_id(path: Path, errors: _Collector) -> bool:
    return _check_slug(path, path.stem, "article", errors)


def is_id(ident: str) -> bool:
    """Whether ``ident`` may be a story or article id."""
    return len(ident) <= MAX_ID and SLUG.match(ident) is not None


def _check_slug(path: Path, ident: str, kind: str, errors: _Collector) -> bool:
    if is_id(ident):
        return True
    if SLUG.match(ident):
        errors.add(
            path,
            1,
            f"{kind} id is {len(ident)} characters long, more than {MAX_ID}",
            "rename it with a shorter id",
        )
        return False
    errors.add(
        path,
        1,
        f"{kind} id {ident!r} is not a slug",
        "rename it with lower-case letters, digits and hyphens, e.g. "
        + repr(re.sub(r"[^a-z0-9]+", "-", ident.lower()).strip("-") or "story-1"),
    )
    return False


# --------------------------------------------------------------------------- files


def split_front_matter(text: str, path: Path, errors: _Collector) -> tuple[_Doc, str, int] | None:
    """Split an article file into its front matter and body (with the body's first line)."""
    if not text.strip():
        errors.add(path, 1, "file is empty", "an article needs front matter and a body")
        return None
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        errors.add(
            path,
            1,
            "missing front matter",
            "start the file with a `---` line, `outlet:` and `title:`, then `---`",
        )
        return None
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            break
    else:
        errors.add(path, 1, "front matter is not closed", "add a `---` line after it")
        return None
    doc = _parse_yaml("\n".join(lines[1:end]), path, 1, errors)
    if doc is None:
        return None
    doc.first_line = 1
    return doc, "\n".join(lines[end + 1 :]), end + 2


def _extra_value(value: object) -> str:
    if isinstance(value, (dict, list)):
        return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True).strip()
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def parse_article(
    raw: bytes, path: Path, story: str = "story"
) -> tuple[Article | None, tuple[ContentError, ...]]:
    """Parse one article file's bytes: the article, or ``None`` and every problem found."""
    errors = _Collector()
    article = _parse_article(raw, path, story, errors, drafts=True)
    return article, tuple(errors.errors)


def _is_draft(doc: _Doc, errors: _Collector) -> bool:
    """``draft: true`` in front matter or story.yaml: left out of a build without --drafts."""
    value = doc.data.get("draft")
    if value is None or isinstance(value, bool):
        return value is True
    errors.add(doc.path, doc.line("draft"), f"`draft` must be true or false, not {value!r}")
    return False


def _check_outlet(doc: _Doc, name: str, outlets: tuple[Outlet, ...], errors: _Collector) -> None:
    """Warn of an outlet nobody named (an import's `Unknown`) or, when there is a registry,
    one it lacks: its pages would show no country or kind, and a typo splits one outlet
    in two."""
    key = name.casefold()
    if key in PLACEHOLDER_OUTLETS:
        errors.warn(
            doc.path,
            doc.line("outlet"),
            f"the outlet is unknown ({name!r})",
            "set `outlet:` to the name of the outlet that published the article",
        )
        return
    if not outlets or any(key in (o.slug.casefold(), o.name.casefold()) for o in outlets):
        return
    names = {o.name: o.name for o in outlets} | {o.slug: o.name for o in outlets}
    near = difflib.get_close_matches(name, list(names), n=1, cutoff=0.6)
    errors.warn(
        doc.path,
        doc.line("outlet"),
        f"outlet {name!r} is not in outlets.yaml",
        f"did you mean {names[near[0]]}?"
        if near
        else "add it to outlets.yaml with its name, country and kind",
    )


def _parse_article(
    raw: bytes,
    path: Path,
    story: str,
    errors: _Collector,
    drafts: bool,
    outlets: tuple[Outlet, ...] | None = None,
) -> Article | None:
    before = len(errors.errors)
    if len(raw) > MAX_ARTICLE_BYTES:
        errors.add(
            path,
            1,
            f"article has {len(raw) / 2**20:.1f} MiB, more than the "
            f"{MAX_ARTICLE_BYTES // 2**20} MiB an article may have",
            "keep only the article's own text, or split it into several articles",
        )
        return None
    text = _decode(raw, path, errors)
    if text is None:
        return None
    parts = split_front_matter(text, path, errors)
    if parts is None:
        return None
    doc, body, body_line = parts
    if _is_draft(doc, errors) and not drafts:
        return None  # a draft is not checked further: it may be half-written
    outlet = _req_str(doc, "outlet", errors, "name the publishing outlet, e.g. `outlet: Reuters`")
    if outlet:
        _outlet_name(doc, "outlet", outlet, errors)
        errors.outlet_lines[path] = doc.line("outlet")
    title = _req_str(doc, "title", errors, "give the article's headline, e.g. `title: ...`")
    url = _url(doc, "url", errors)
    published = _date(doc, "published", errors)
    language = _language(doc, "language", errors)
    translated_from = _language(doc, "translated_from", errors)
    if not body.strip():
        errors.add(path, body_line - 1, "article has no text after the front matter")
    if not _check_article_id(path, errors) or len(errors.errors) > before:
        return None
    if outlets is not None:
        _check_outlet(doc, outlet, outlets, errors)
    extra = tuple(
        (key, _extra_value(value))
        for key, value in doc.data.items()
        if key not in ARTICLE_FIELDS and value is not None
    )
    return Article(
        id=path.stem,
        story=story,
        path=path,
        outlet=outlet,
        title=title,
        body=body,
        body_line=body_line,
        url=url,
        published=published,
        language=language,
        translated_from=translated_from,
        extra=extra,
    )


def _is_content(path: Path) -> bool:
    return not path.name.startswith((".", "_"))


def _inside(path: Path, root: Path, errors: _Collector) -> bool:
    """Refuse symbolic links that lead out of the content folder (or loop)."""
    if not path.is_symlink():
        return True
    try:
        target = path.resolve()
    except (OSError, RuntimeError):  # a loop: Python 3.11 raises RuntimeError
        errors.add(path, 1, "symbolic link loops", "remove it or fix its target")
        return False
    if not target.is_relative_to(root.resolve()):
        errors.add(
            path,
            1,
            "symbolic link leads outside the content folder",
            "copy the file into the content folder instead",
        )
        return False
    return True


def load_story(
    folder: Path,
    root: Path,
    errors: _Collector,
    drafts: bool = False,
    outlets: tuple[Outlet, ...] = (),
) -> Story | None:
    ok = _check_slug(folder, folder.name, "story", errors)
    doc = _load_yaml_file(folder / "story.yaml", root, errors)
    if doc is not None and _is_draft(doc, errors) and not drafts:
        return None
    if doc is not None:
        _unknown_keys(doc, STORY_KEYS, errors)
    title = _opt_str(doc, "title", errors) if doc else None
    day = _date(doc, "date", errors) if doc else None
    summary = _opt_str(doc, "summary", errors) if doc else None
    articles: list[Article] = []
    seen: dict[str, Path] = {}
    candidates = 0
    near: list[str] = []
    for path in sorted(folder.iterdir()):
        if _is_content(path) and path.suffix.lower() in NEAR_ARTICLE:
            near.append(path.name)
        if not _is_content(path) or path.suffix.lower() != ".md" or path.is_dir():
            continue
        candidates += 1
        if not _inside(path, root, errors):
            continue
        key = path.stem.casefold()
        if key in seen:
            errors.add(path, 1, f"duplicate article id {path.stem!r}", f"also {seen[key].name}")
            continue
        seen[key] = path
        raw = _read_bytes(path, errors)
        article = (
            None if raw is None else _parse_article(raw, path, folder.name, errors, drafts, outlets)
        )
        if article is not None:
            articles.append(article)
    if not candidates:
        # A story that would vanish from the site without a word (none yet, or saved as
        # .markdown): say so, and how to keep a draft folder out of the build.
        hint = (
            f"articles are .md files: rename {', '.join(near[:3])}"
            if near
            else f"add articles with `sitegen import FILE --story {folder.name}`, "
            "or start the folder's name with _ to leave it out"
        )
        errors.add(folder, 0, "story folder has no article (.md) files", hint)
    if not ok or not articles:
        return None
    size = sum(len(a.body) for a in articles)
    if len(articles) > MAX_STORY_ARTICLES or size > MAX_STORY_BYTES:
        errors.add(
            folder,
            1,
            f"story has {len(articles)} articles and {size / 2**20:.1f} MiB of text, more "
            f"than the {MAX_STORY_ARTICLES} articles and {MAX_STORY_BYTES // 2**20} MiB "
            "one story may have",
            "split the coverage into several stories (one per event or per day)",
        )
        return None
    articles.sort(key=lambda a: a.id)
    corrections = load_corrections(folder, root, {a.id for a in articles}, errors)
    if isinstance(day, datetime):
        day = day.date()
    if title is None:
        dated = sorted(articles, key=lambda a: (str(a.published_date or "9999"), a.id))
        title = dated[0].title
    if day is None:
        days = sorted(a.published_date for a in articles if a.published_date)
        day = days[0] if days else None
    return Story(folder.name, folder, title, day, summary, tuple(articles), corrections)


def load_config(root: Path, errors: _Collector, base_url: str | None = None) -> SiteConfig:
    path = root / "site.yaml"
    doc = _load_yaml_file(path, root, errors)
    defaults = SiteConfig()
    if doc is None:
        return SiteConfig(base_url=base_url or "")
    _unknown_keys(doc, SITE_KEYS, errors)
    configured = _url(doc, "base_url", errors, base=True)
    return SiteConfig(
        title=_opt_str(doc, "title", errors) or defaults.title,
        description=_opt_str(doc, "description", errors) or defaults.description,
        base_url=base_url if base_url is not None else configured or "",
        language=_language(doc, "language", errors) or defaults.language,
    )


def load_outlets(root: Path, errors: _Collector) -> tuple[Outlet, ...]:
    path = root / "outlets.yaml"
    doc = _load_yaml_file(path, root, errors)
    if doc is None:
        return ()
    outlets = []
    for slug, entry in doc.data.items():
        line = doc.line(slug)
        if not SLUG.match(slug):
            errors.add(path, line, f"outlet id {slug!r} is not a slug")
            continue
        if entry is None:
            entry = {}
        if not isinstance(entry, dict):
            errors.add(path, line, f"outlet {slug!r} must be a mapping of name, country, ...")
            continue
        sub = _Doc(path, {str(k): v for k, v in entry.items()}, doc.inner.get(slug, {}), line)
        _unknown_keys(sub, OUTLET_KEYS, errors, f" in outlet {slug!r}")
        kind = _opt_str(sub, "kind", errors)
        if kind is not None and kind not in OUTLET_KINDS:
            errors.add(
                path,
                sub.line("kind"),
                f"outlet {slug!r}: unknown kind {kind!r}",
                "one of " + ", ".join(OUTLET_KINDS),
            )
            kind = None
        name = _opt_str(sub, "name", errors)
        if name and not _outlet_name(sub, "name", name, errors):
            name = None
        outlets.append(
            Outlet(
                slug=slug,
                name=name or slug,
                country=_opt_str(sub, "country", errors),
                url=_url(sub, "url", errors),
                kind=kind,
                owner=_opt_str(sub, "owner", errors),
            )
        )
    return tuple(sorted(outlets, key=lambda o: o.slug))


def read_outlets(root: Path) -> tuple[tuple[Outlet, ...], tuple[ContentError, ...]]:
    """The outlet registry alone, with any problems in it (for tools other than build)."""
    errors = _Collector()
    return load_outlets(root, errors), tuple(errors.errors)


def load_site(
    root: Path,
    base_url: str | None = None,
    on_story: Callable[[int, int], None] | None = None,
    drafts: bool = False,
) -> Site:
    """Load and validate the whole content folder; raise :class:`ContentErrors` with all
    problems found. Stories and articles marked ``draft: true`` are left out unless
    ``drafts``; problems that need not stop a build are the site's ``warnings``."""
    errors = _Collector()
    if not root.is_dir():
        raise ContentErrors(
            [
                ContentError(
                    root, 0, "content folder not found", "pass --content DIR or create content/"
                )
            ]
        )
    config = load_config(root, errors, base_url)
    outlets = load_outlets(root, errors)
    folders = [p for p in sorted(root.iterdir()) if p.is_dir() and _is_content(p)]
    stories = []
    for done, folder in enumerate(folders, 1):
        if _inside(folder, root, errors):
            story = load_story(folder, root, errors, drafts, outlets)
            if story is not None:
                stories.append(story)
        if on_story:
            on_story(done, len(folders))
    site = Site(root, config, outlets, tuple(stories))
    _outlets_apart(site, errors)
    site = dataclasses.replace(site, warnings=tuple(sorted(set(errors.warnings))))
    if errors.errors:
        raise ContentErrors(errors.errors)
    return site


def _outlets_apart(site: Site, errors: _Collector) -> None:
    """Refuse two spellings of an outlet that a reader would take for one: they would
    share one outlet page (silently merged) or have two pages that read alike. A name
    that the registry resolves (by its slug or name) is that entry's, not a spelling."""
    first: dict[str, tuple[str, Article]] = {}
    for story in site.stories:
        for article in story.articles:
            entry = site.outlet_for(article.outlet)
            name = entry.name if entry else article.outlet
            # the slug of its outlet page, and what it reads as (untrusted.skeleton)
            for key in (slugify(name), skeleton(name)):
                if not key:
                    continue
                seen = first.setdefault(key, (name, article))
                if seen[0] != name:
                    other = seen[1]
                    # Plain ASCII spellings that differ in case or punctuation only
                    # ("Reuters", "REUTERS") are one outlet, as they always were: shown on
                    # one page and said. Anything else that reads alike (another script's
                    # look-alike letters, invisible characters) could pass for another
                    # outlet, and fails.
                    report = errors.warn if name.isascii() and seen[0].isascii() else errors.add
                    report(
                        article.path,
                        errors.outlet_lines.get(article.path, 1),
                        f"outlet {article.outlet!r} reads like {seen[0]!r} "
                        f"({other.story}/{other.path.name}), but is spelled differently",
                        "spell the outlet as the other articles do, so it has one page",
                    )
                    break


# --------------------------------------------------------------------------- corrections.yaml

CORRECTIONS_FILE = "corrections.yaml"

# Per section, each action and what it takes: "refs" (a list of references, at least
# ``n``), or "value" (text or null, with the references under ``of``).
_ACTIONS: dict[str, dict[str, tuple[str, int]]] = {
    "quotes": {
        "same": ("refs", 2),
        "apart": ("refs", 2),
        "speaker": ("value", 1),
        "not_a_quote": ("refs", 1),
    },
    "claims": {
        "same": ("refs", 2),
        "apart": ("refs", 2),
        "statement": ("value", 1),
        "not_a_claim": ("refs", 1),
    },
    "divergences": {"hide": ("refs", 1), "same": ("refs", 2)},
    "speakers": {"rename": ("value", 0)},
}
# Keys an entry may have besides its action.
_ENTRY_KEYS = {"quotes": ("of", "note"), "claims": ("of", "note"), "divergences": ("note",)}
_ENTRY_KEYS["speakers"] = ("to", "note")
_REF_KEYS = ("article", "text")
_NULL = "tag:yaml.org,2002:null"


def _nearest(word: str, known: Sequence[str]) -> str:
    from rapidfuzz import process  # the loader needs it only for a mistake

    best = process.extractOne(word, known)
    return f"did you mean `{best[0]}`?" if best else ""


class _CorrectionReader:
    """Walks the YAML node tree of one corrections.yaml, every line number at hand."""

    def __init__(self, path: Path, articles: set[str], errors: _Collector) -> None:
        self.path, self.articles, self.errors = path, articles, errors

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + 1

    def fail(self, node: yaml.Node, message: str, hint: str = "") -> None:
        self.errors.add(self.path, self.line(node), message, hint)

    def unknown(self, node: yaml.Node, where: str, known: Sequence[str]) -> None:
        # a warning like any settings file's unknown key: printed, and fatal with --strict
        key = str(node.value)
        self.errors.warn(
            self.path,
            self.line(node),
            f"unknown key `{key}` in {where}, ignored",
            _nearest(key, known),
        )

    def pairs(self, node: yaml.MappingNode) -> list[tuple[str, yaml.Node, yaml.Node]]:
        out, seen = [], set()
        for key, value in node.value:
            name = str(key.value)
            if name in seen:
                self.fail(key, f"duplicate key `{name}`", "keep one of them")
                continue
            seen.add(name)
            out.append((name, key, value))
        return out

    def text(self, node: yaml.Node, what: str, nullable: bool = False) -> str | None:
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _NULL:
                if nullable:
                    return None
            elif str(node.value).strip():
                return " ".join(str(node.value).split())
        self.fail(node, f"{what} must be text", "write it in quotes on the same line")
        return None

    def read(self, root: yaml.Node) -> tuple[Correction, ...]:
        if not isinstance(root, yaml.MappingNode):
            self.fail(root, "expected sections `quotes:`, `claims:`, ...", "see the README")
            return ()
        items: list[Correction] = []
        for name, key, value in self.pairs(root):
            if name not in _ACTIONS:
                self.unknown(key, "the file", tuple(_ACTIONS))
                continue
            if isinstance(value, yaml.ScalarNode) and value.tag == _NULL:
                continue  # an empty section
            if not isinstance(value, yaml.SequenceNode):
                self.fail(value, f"`{name}` must be a list of corrections", "start each with `- `")
                continue
            for entry in value.value:
                correction = self.entry(name, entry)
                if correction is not None:
                    items.append(correction)
        return tuple(sorted(items, key=lambda c: c.line))

    def entry(self, section: str, node: yaml.Node) -> Correction | None:
        actions = _ACTIONS[section]
        if not isinstance(node, yaml.MappingNode):
            example = f"e.g. `- {next(iter(actions))}: ...`"
            self.fail(node, "a correction must be a mapping", example)
            return None
        found = [(n, k, v) for n, k, v in self.pairs(node) if n in actions]
        if len(found) != 1:
            keys = [str(k.value) for k, _ in node.value]
            hint = _nearest(keys[0], tuple(actions)) if keys and not found else ""
            what = "no action" if not found else "more than one action"
            self.fail(node, f"{what}: one of " + ", ".join(f"`{a}`" for a in actions), hint)
            return None
        action, _, value = found[0]
        kind, least = actions[action]
        note, of, to = "", None, None
        for name, other_key, other in self.pairs(node):
            if name == action:
                continue
            if name not in _ENTRY_KEYS[section] or (name == "of" and kind != "value"):
                self.unknown(other_key, f"a `{action}` correction", (action, *_ENTRY_KEYS[section]))
            elif name == "note":
                note = self.text(other, "`note`", nullable=True) or ""
            elif name == "of":
                of = other
            else:
                to = other
        line = self.line(node)
        if kind == "refs":
            refs = self.refs(value, action, least)
            return None if refs is None else Correction(line, section, action, refs, None, note)
        if section == "speakers":  # rename: NAME, to: NAME
            old = self.text(value, f"`{action}`")
            new = None if to is None else self.text(to, "`to`")
            if to is None:
                self.fail(node, "`rename` needs `to:`", "the name to show, e.g. `to: Ada Lind`")
            if old is None or new is None:
                return None
            return Correction(line, section, action, (), new, note, target=old)
        nullable = action == "speaker"  # null: unattributed
        new = self.text(value, f"`{action}`", nullable=nullable)
        if of is None:
            self.fail(node, f"`{action}` needs `of:`", '`of: [{article: ID, text: "..."}]`')
            return None
        refs = self.refs(of, "of", least)
        if refs is None or (new is None and not nullable):
            return None
        return Correction(line, section, action, refs, new, note)

    def refs(self, node: yaml.Node, what: str, least: int) -> tuple[Ref, ...] | None:
        if not isinstance(node, yaml.SequenceNode):
            node_list = [node] if isinstance(node, yaml.MappingNode) else None
            if node_list is None:
                self.fail(node, f'`{what}` must be a list of `{{article: ID, text: "..."}}`')
                return None
        else:
            node_list = list(node.value)
        if len(node_list) < least:
            self.fail(node, f"`{what}` needs at least {least} references", "add another line")
            return None
        refs = [self.ref(item) for item in node_list]
        return None if any(r is None for r in refs) else tuple(r for r in refs if r)

    def ref(self, node: yaml.Node) -> Ref | None:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, 'a reference must be `{article: ID, text: "..."}`')
            return None
        values: dict[str, yaml.Node] = {}
        for name, key, value in self.pairs(node):
            if name in _REF_KEYS:
                values[name] = value
            else:
                self.unknown(key, "a reference", _REF_KEYS)
        if "article" not in values or "text" not in values:
            missing = " and ".join(f"`{k}`" for k in _REF_KEYS if k not in values)
            self.fail(node, f"reference without {missing}", '`{article: ID, text: "..."}`')
            return None
        article = self.text(values["article"], "`article`")
        text = self.text(values["text"], "`text`")
        if article is None or text is None:
            return None
        if article not in self.articles:
            self.fail(
                values["article"],
                f"no article {article!r} in this story",
                _nearest(article, sorted(self.articles)) or "use the file name without .md",
            )
            return None
        return Ref(article, text, self.line(node))


def parse_corrections(
    raw: bytes, path: Path, articles: Collection[str]
) -> tuple[Corrections | None, tuple[ContentError, ...]]:
    """Parse a corrections.yaml's bytes for a story with ``articles``: the corrections,
    checked for shape (what they refer to is checked when they are applied, against the
    analysis: sitegen.analysis.corrections), or None; and every problem found, warnings
    (an unknown key) marked ``.warning``."""
    errors = _Collector()
    corrections = _parse_corrections(raw, path, articles, errors)
    return corrections, tuple(errors.errors) + tuple(errors.warnings)


def _parse_corrections(
    raw: bytes, path: Path, articles: Collection[str], errors: _Collector
) -> Corrections | None:
    text = _decode(raw, path, errors)
    parsed = None if text is None else _compose(text, path, 0, errors, construct=False)
    if parsed is None:
        return None
    node = parsed[0]
    if node is None:
        return Corrections(path)
    before = len(errors.errors)
    items = _CorrectionReader(path, set(articles), errors).read(node)
    return Corrections(path, items) if len(errors.errors) == before else None


def load_corrections(
    folder: Path, root: Path, articles: Collection[str], errors: _Collector
) -> Corrections | None:
    path = folder / CORRECTIONS_FILE
    if not path.is_file() or not _inside(path, root, errors):
        return None
    raw = _read_bytes(path, errors)
    return None if raw is None else _parse_corrections(raw, path, articles, errors)
