"""``sitegen import`` and ``sitegen new``: bring coverage into the content folder.

People gather coverage by saving web pages or pasting text. ``import`` turns each file or
http(s) address into ``content/<story>/<outlet>.md`` and prints what it read and what it
could not, so the user knows which front-matter fields to check. It reads every source
before writing anything: one unreadable source means nothing is written, and an existing
article is only replaced with ``--force``.

The body is written so that Markdown gives back the article's characters exactly
(:func:`markdown_escape`): the analysis quotes and compares those characters.
"""

from __future__ import annotations

import codecs
import difflib
import email
import email.policy
import hashlib
import http.client
import re
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import yaml

from .. import __version__
from ..content import is_id, parse_article, read_outlets, slugify
from ..errors import SitegenError, display_path
from ..files import atomic_write
from ..guard import FileRefused, read_regular
from ..model import Outlet
from .extract import OPENING_WORDS, Extracted, Found, Paragraph, from_html, from_text
from .furniture import norm

FETCH_TIMEOUT = 20.0  # seconds without an answer before a URL is given up
MAX_BYTES = 8 * 1024 * 1024  # a news page is far smaller; more is not an article
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
UNKNOWN_OUTLET = "Unknown"
# In each story folder (hidden, so not content): which sources each article was imported
# from, so importing one again updates that article instead of writing a second copy.
LEDGER = ".imports.yaml"

# Outlets recognised in bylines and web addresses even before content/outlets.yaml lists
# them: the big international wires, broadcasters and papers. Later names for the same
# slug are aliases ("AP" for the Associated Press). outlets.yaml entries come first.
WELL_KNOWN: tuple[Outlet, ...] = tuple(
    Outlet(slug=slug, name=name, url=url, kind=kind)
    for slug, name, url, kind in (
        ("reuters", "Reuters", "https://www.reuters.com/", "agency"),
        ("associated-press", "Associated Press", "https://apnews.com/", "agency"),
        ("associated-press", "AP", "https://apnews.com/", "agency"),
        ("afp", "AFP", "https://www.afp.com/", "agency"),
        ("afp", "Agence France-Presse", "https://www.afp.com/", "agency"),
        ("dpa", "dpa", "https://www.dpa.com/", "agency"),
        ("efe", "EFE", "https://www.efe.com/", "agency"),
        ("ansa", "ANSA", "https://www.ansa.it/", "agency"),
        ("kyodo", "Kyodo News", "https://english.kyodonews.net/", "agency"),
        ("yonhap", "Yonhap", "https://en.yna.co.kr/", "agency"),
        ("xinhua", "Xinhua", "https://english.news.cn/", "state"),
        ("tass", "TASS", "https://tass.com/", "state"),
        ("anadolu", "Anadolu Agency", "https://www.aa.com.tr/", "state"),
        ("bloomberg", "Bloomberg", "https://www.bloomberg.com/", "commercial"),
        ("bbc-news", "BBC News", "https://www.bbc.com/", "public"),
        ("bbc-news", "BBC", "https://www.bbc.co.uk/", "public"),
        ("cnn", "CNN", "https://www.cnn.com/", "commercial"),
        ("nbc-news", "NBC News", "https://www.nbcnews.com/", "commercial"),
        ("cbs-news", "CBS News", "https://www.cbsnews.com/", "commercial"),
        ("abc-news", "ABC News", "https://abcnews.go.com/", "commercial"),
        ("fox-news", "Fox News", "https://www.foxnews.com/", "commercial"),
        ("npr", "NPR", "https://www.npr.org/", "public"),
        ("sky-news", "Sky News", "https://news.sky.com/", "commercial"),
        ("new-york-times", "The New York Times", "https://www.nytimes.com/", "commercial"),
        ("washington-post", "The Washington Post", "https://www.washingtonpost.com/", "commercial"),
        ("wall-street-journal", "The Wall Street Journal", "https://www.wsj.com/", "commercial"),
        ("usa-today", "USA Today", "https://www.usatoday.com/", "commercial"),
        ("los-angeles-times", "Los Angeles Times", "https://www.latimes.com/", "commercial"),
        ("politico", "Politico", "https://www.politico.com/", "commercial"),
        ("axios", "Axios", "https://www.axios.com/", "commercial"),
        ("guardian", "The Guardian", "https://www.theguardian.com/", "commercial"),
        ("financial-times", "Financial Times", "https://www.ft.com/", "commercial"),
        ("times", "The Times", "https://www.thetimes.com/", "commercial"),
        ("telegraph", "The Telegraph", "https://www.telegraph.co.uk/", "commercial"),
        ("independent", "The Independent", "https://www.independent.co.uk/", "commercial"),
        ("economist", "The Economist", "https://www.economist.com/", "commercial"),
        ("deutsche-welle", "DW", "https://www.dw.com/", "public"),
        ("deutsche-welle", "Deutsche Welle", "https://www.dw.com/", "public"),
        ("france-24", "France 24", "https://www.france24.com/", "public"),
        ("euronews", "Euronews", "https://www.euronews.com/", "commercial"),
        ("le-monde", "Le Monde", "https://www.lemonde.fr/", "commercial"),
        ("der-spiegel", "Der Spiegel", "https://www.spiegel.de/", "commercial"),
        ("el-pais", "El País", "https://elpais.com/", "commercial"),
        ("cbc-news", "CBC News", "https://www.cbc.ca/", "public"),
        ("abc-australia", "ABC Australia", "https://www.abc.net.au/", "public"),
        ("nhk-world", "NHK World", "https://www3.nhk.or.jp/nhkworld/", "public"),
        ("scmp", "South China Morning Post", "https://www.scmp.com/", "commercial"),
        (
            "times-of-india",
            "The Times of India",
            "https://timesofindia.indiatimes.com/",
            "commercial",
        ),
        ("the-hindu", "The Hindu", "https://www.thehindu.com/", "commercial"),
    )
)

_BINARY_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an office document)"),
    (b"\xd0\xcf\x11\xe0", "an old office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"OggS", "an audio file"),
    (b"ID3", "an audio file"),
    (b"wOFF", "a font"),
    (b"wOF2", "a font"),
)


class ImportFailure(SitegenError):
    """One source that cannot be imported: where (``PATH:LINE`` or the URL) and why."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Source:
    label: str  # the file or URL as the user gave it
    kind: str  # html | text
    text: str
    url: str | None = None  # the address the page came from, when known


@dataclass(frozen=True)
class Planned:
    source: Source
    extracted: Extracted
    path: Path
    document: str  # the article file to write


# --------------------------------------------------------------------------- reading


def _binary_kind(data: bytes) -> str | None:
    """What a file is when it is not text: its format, or "binary data"."""
    for magic, kind in _BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    if data[4:12] in (b"ftypisom", b"ftypmp42", b"ftypheic", b"ftypavif"):
        return "a video or image file"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return "an image, audio or video file"
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    controls = sum(b < 32 and b not in b"\t\n\r\f\x1b" for b in head)
    if b"\x00" in head or (head and controls / len(head) > 0.1):
        return "binary data"
    return None


def _declared_charset(data: bytes) -> str | None:
    m = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", data[:8192], re.I)
    return m.group(1).decode("ascii").lower() if m else None


def _decode(data: bytes, label: str, declared: str | None) -> str:
    """Text from bytes: a byte-order mark first, then UTF-8, then the declared charset."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        where = label if "://" in label else f"{label}:{line}"
        if declared and declared.replace("_", "-") not in ("utf-8", "utf8"):
            try:
                return data.decode(declared)
            except LookupError as unknown:
                raise ImportFailure(
                    where, f"says it is in {declared!r}, an unknown encoding"
                ) from unknown
            except UnicodeError as second:  # Python's "undefined" codec refuses all
                raise ImportFailure(
                    where, f"cannot be read as {declared}, as it says it is: {second}"
                ) from second
        raise ImportFailure(where, "not UTF-8 text: save it again with UTF-8 encoding") from exc


def _looks_like_html(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return re.match(rb"<(?:!doctype\s+html|html[\s>]|head[\s>]|!--)", head) is not None or (
        head.startswith(b"<") and re.search(rb"<body[\s>]", head) is not None
    )


def _from_mhtml(data: bytes, label: str) -> Source | None:
    """The HTML page inside a browser's single-file archive (.mhtml), if this is one."""
    head = data[:2048].lower()
    if b"mime-version:" not in head or b"multipart/related" not in head:
        return None
    message = email.message_from_bytes(data, policy=email.policy.default)
    for part in message.walk():
        if part.get_content_type() in HTML_TYPES:
            location = part.get("Content-Location")
            url = str(location) if location and str(location).startswith("http") else None
            return Source(label, "html", part.get_content(), url)
    raise ImportFailure(f"{label}:1", "web archive holds no HTML page")


def _classify(data: bytes, label: str, declared: str | None, html: bool | None) -> Source:
    kind = _binary_kind(data)
    if kind is not None:
        where = label if "://" in label else f"{label}:1"
        raise ImportFailure(where, f"not a text or HTML page ({kind}): nothing imported")
    archive = _from_mhtml(data, label)
    if archive is not None:
        return archive
    if html is None:
        html = _looks_like_html(data)
    declared = declared or (_declared_charset(data) if html else None)
    text = _decode(data, label, declared)
    return Source(label, "html" if html else "text", text.replace("\r\n", "\n"))


def _read_file(label: str) -> Source:
    path = Path(label)
    try:
        # checked before a byte is read: /dev/zero, a FIFO or a 1 GB file never is
        data = read_regular(path, MAX_BYTES)
    except FileNotFoundError as exc:
        raise ImportFailure(f"{label}:1", "no such file") from exc
    except FileRefused as exc:
        if path.is_dir():
            raise ImportFailure(f"{label}:1", "is a folder: name the files in it") from exc
        raise ImportFailure(f"{label}:1", f"{exc}: not an article") from exc
    except OSError as exc:
        raise ImportFailure(f"{label}:1", f"cannot read it: {exc.strerror}") from exc
    suffix = path.suffix.lower()
    html = True if suffix in (".html", ".htm", ".xhtml", ".shtml") else None
    return _classify(data, label, None, False if suffix in (".txt", ".text") else html)


def _fetch(url: str) -> Source:
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": f"sitegen/{__version__} (article import)",
            "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT) as response:
            ctype = response.headers.get_content_type()
            if ctype not in HTML_TYPES + TEXT_TYPES:
                raise ImportFailure(url, f"not an article page: the server sent {ctype}")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > MAX_BYTES:
                raise ImportFailure(url, f"larger than {MAX_BYTES // 2**20} MiB: not an article")
            data = response.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise ImportFailure(url, f"larger than {MAX_BYTES // 2**20} MiB: not an article")
            charset = response.headers.get_content_charset()
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise ImportFailure(url, f"the server answered HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise ImportFailure(url, f"cannot reach it: {exc.reason}") from exc
    except TimeoutError as exc:
        raise ImportFailure(url, f"no answer within {FETCH_TIMEOUT:g} s") from exc
    except (http.client.HTTPException, OSError) as exc:
        raise ImportFailure(url, f"the connection failed: {exc}") from exc
    source = _classify(data, url, charset, ctype in HTML_TYPES)
    return Source(source.label, source.kind, source.text, source.url or final)


def read_source(arg: str) -> Source:
    """A file path or an http(s) address, read and told apart as HTML or plain text."""
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*)://", arg)
    if scheme:
        if scheme.group(1).lower() not in ("http", "https"):
            raise ImportFailure(arg, "only http:// and https:// addresses can be fetched")
        return _fetch(arg)
    return _read_file(arg)


def extract(source: Source, outlets: Sequence[Outlet]) -> Extracted:
    if source.kind == "html":
        return from_html(source.text, source.url, outlets)
    return from_text(source.text, outlets)


# --------------------------------------------------------------------------- writing

_INLINE_SPECIAL = re.compile(r"[\\`*_\[<]|&(?=#?[0-9A-Za-z]+;)")
_LINE_START = re.compile(r"[#>+\-~]|\d+(?=[.)])")


def markdown_escape(text: str) -> str:
    """One line of text as Markdown whose plain text is exactly ``text`` (stripped)."""
    escaped = _INLINE_SPECIAL.sub(lambda m: "\\" + m.group(0), text.strip())
    start = _LINE_START.match(escaped)
    if start is None:
        return escaped
    if start.group(0)[0].isdigit():  # "2019. That was..." is not an ordered list
        return escaped[: start.end()] + "\\" + escaped[start.end() :]
    return "\\" + escaped


def _heading(text: str) -> str:
    escaped = markdown_escape(text)
    backslashes = len(escaped[:-1]) - len(escaped[:-1].rstrip("\\"))
    if escaped.endswith("#") and backslashes % 2 == 0:
        # an unescaped "#" at the end would be read as the heading's closing sequence
        escaped = escaped[:-1] + "\\#"
    return "## " + escaped


def render_body(paragraphs: Sequence[Paragraph]) -> str:
    """Markdown for the paragraphs: blank lines between blocks, list items kept together."""
    blocks: list[str] = []
    previous = ""
    for paragraph in paragraphs:
        if paragraph.kind == "heading":
            block = _heading(paragraph.text)
        elif paragraph.kind == "item":
            block = "- " + markdown_escape(paragraph.text)
            if previous == "item":
                blocks[-1] += "\n" + block
                continue
        elif paragraph.kind == "quote":
            block = "> " + markdown_escape(paragraph.text)
        else:
            block = markdown_escape(paragraph.text)
        blocks.append(block)
        previous = paragraph.kind
    return "\n\n".join(blocks) + "\n"


def _scalar(value: str) -> str:
    """A YAML scalar for one front-matter value, quoted only when YAML needs it."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}([+-]\d{2}:\d{2}|Z)?)?", value):
        return value  # a date stays a YAML date, as people write it by hand
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("\n").removesuffix("\n...")


def front_matter(extracted: Extracted) -> str:
    fields = [
        ("outlet", extracted.outlet.value if extracted.outlet else UNKNOWN_OUTLET),
        ("title", extracted.title.value if extracted.title else "Untitled"),
    ]
    for key, found in (
        ("url", extracted.url),
        ("published", extracted.published),
        ("language", extracted.language),
    ):
        if found is not None:
            fields.append((key, found.value))
    return "---\n" + "".join(f"{k}: {_scalar(v)}\n" for k, v in fields) + "---\n"


# --------------------------------------------------------------------------- naming


def _file_name_bases(extracted: Extracted, source: Source) -> list[str]:
    """Names to try, best first: the outlet, then the outlet and the headline."""
    title = extracted.title
    headline = title.value if title and title.source != OPENING_WORDS else ""
    stem = slugify(Path(source.url or source.label).stem, 60) if source.label else ""
    outlet = extracted.outlet_slug or ""
    if not outlet and extracted.outlet:  # "The Example Times" files as example-times.md
        outlet = slugify(re.sub(r"(?i)^the\s+", "", extracted.outlet.value), 60)
    first = outlet or slugify(headline, 60) or stem or "article"
    second = "-".join(p for p in (outlet, slugify(headline, 40) or stem) if p)
    return list(dict.fromkeys(n for n in (first, second) if n))


def _identity(path: Path) -> tuple[str, str | None]:
    """What an existing article file is: its title and URL (empty if unreadable, or if it
    is not a regular file of the story folder: such a name is replaced, never followed)."""
    if path.is_symlink():
        return ("", None)
    try:
        data = read_regular(path, MAX_BYTES)
    except OSError:
        return ("", None)
    article, _ = parse_article(data, path)
    if article is None:
        return ("", None)
    return (norm(article.title), article.url)


def _target(
    story_dir: Path,
    extracted: Extracted,
    source: Source,
    taken: dict[Path, tuple[str, str | None]],
    force: bool,
) -> Path:
    """Where the article goes. A name taken by another article moves on to the next name;
    a name that holds this same article is only reused with --force."""
    this = (
        norm(extracted.title.value) if extracted.title else "",
        extracted.url.value if extracted.url else None,
    )
    path = story_dir
    for base in _file_name_bases(extracted, source):
        path = story_dir / f"{base}.md"
        if path in taken:
            if taken[path][0] == this[0]:
                raise ImportFailure(
                    f"{source.label}:1", f"the same article as another source ({path.name})"
                )
            continue
        if not path.exists() and not path.is_symlink():
            return path
        existing = _identity(path)
        same = existing[0] == this[0] or (this[1] is not None and existing[1] == this[1])
        if same or existing == ("", None):
            if force:
                return path
            raise ImportFailure(
                f"{display_path(path)}:1",
                "already exists: pass --force to overwrite it with the new import",
            )
    raise ImportFailure(
        f"{display_path(path)}:1", "already exists and holds another article: rename one of them"
    )


# --------------------------------------------------------------------------- sources seen before


def source_keys(source: Source, extracted: Extracted) -> tuple[str, ...]:
    """What identifies a source on a later import: the address it was fetched from, the
    page's own canonical address, and a hash of its text (a saved file has no address;
    no local path is kept, as the folder may be shared)."""
    keys = [source.url, extracted.url.value if extracted.url else None]
    keys.append("sha256:" + hashlib.sha256(source.text.encode("utf-8")).hexdigest())
    return tuple(dict.fromkeys(k for k in keys if k))


def read_ledger(story_dir: Path) -> dict[str, list[str]]:
    """The story's ledger: article file name -> source keys (empty when absent or unreadable:
    it only saves a second copy, so a damaged one is not worth stopping an import for)."""
    try:
        # a FIFO planted under the name would block a plain read for ever
        data = yaml.safe_load(read_regular(story_dir / LEDGER, MAX_BYTES).decode("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(name): [str(k) for k in keys] for name, keys in data.items() if isinstance(keys, list)
    }


def ledger_text(ledger: dict[str, list[str]]) -> str:
    head = "# sitegen import: the sources of each article, so a new import of one updates it\n"
    body = {name: sorted(set(keys)) for name, keys in sorted(ledger.items())}
    return head + yaml.safe_dump(body, allow_unicode=True, sort_keys=True, width=1000)


def imported_before(
    story_dir: Path, keys: Sequence[str], ledger: dict[str, list[str]]
) -> Path | None:
    """The article an earlier import made from the same source: by the ledger, or by an
    article whose ``url:`` is the source's address."""
    wanted = set(keys)
    for name, seen in sorted(ledger.items()):
        path = story_dir / name
        if wanted.intersection(seen) and path.is_file():
            return path
    addresses = {k for k in keys if not k.startswith("sha256:")}
    if addresses and story_dir.is_dir():
        for path in sorted(story_dir.glob("*.md")):
            if _identity(path)[1] in addresses:
                return path
    return None


def _missing_story(story: str, content: Path) -> str:
    """Why an import into a story that does not exist stops, and the nearest story id."""
    there = [p.name for p in content.iterdir() if p.is_dir()] if content.is_dir() else []
    near = difflib.get_close_matches(story, there, n=1, cutoff=0.6)
    guess = f"did you mean --story {near[0]}? " if near else ""
    return (
        f"sitegen import: there is no story {story!r} in {display_path(content)}/: "
        f"{guess}pass --new to start it\n"
    )


def _again(
    story_dir: Path,
    keys: Sequence[str],
    ledger: dict[str, list[str]],
    source: Source,
    taken: dict[Path, tuple[str, str | None]],
    force: bool,
) -> Path | None:
    """The article to update when this source was imported before; refused without
    --force, so an editor's changes to it are not lost by accident."""
    path = imported_before(story_dir, keys, ledger)
    if path is None:
        return None
    if path in taken:
        raise ImportFailure(
            f"{source.label}:1", f"the same article as another source ({path.name})"
        )
    if not force:
        raise ImportFailure(
            f"{display_path(path)}:1",
            f"already exists: pass --force to update it, imported before from {source.label}",
        )
    return path


# --------------------------------------------------------------------------- reporting


def _lines(numbers: Sequence[int]) -> str:
    return ", ".join(str(n) for n in numbers if n)


_FIELDS = (
    ("title", "set it in the front matter"),
    ("outlet", f"set it in the front matter (written as `outlet: {UNKNOWN_OUTLET}`)"),
    ("published", "set it in the front matter if you know it"),
    ("url", "add it to the front matter if you have it"),
    ("language", "add it to the front matter (e.g. `en`)"),
)


def report(planned: Planned, out: TextIO) -> None:
    """What was read from one source and where, what was not, and what was dropped."""
    extracted = planned.extracted
    out.write(f"{planned.source.label} -> {display_path(planned.path)}\n")
    for key, advice in _FIELDS:
        found: Found | None = getattr(extracted, key)
        notes = [p.message for p in extracted.problems if p.field == key]
        if found is not None:
            out.write(f"  {key}: {found.value}  ({found.source})\n")
            out.writelines(f"    check: {note}\n" for note in notes)
        elif key in ("title", "outlet"):
            out.write(f"  {key} unknown: {advice}\n")
        else:
            out.write(f"  {key} not found: {'; '.join([*notes, advice])}\n")
    out.writelines(f"  check: {p.message}\n" for p in extracted.problems if not p.field)
    kinds: dict[str, int] = defaultdict(int)
    for paragraph in extracted.paragraphs:
        kinds[paragraph.kind] += 1
    parts = [f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(kinds.items())]
    out.write(f"  text: {', '.join(parts)}\n")
    if extracted.dropped:
        by_rule: dict[str, list[int]] = defaultdict(list)
        for item in extracted.dropped:
            by_rule[item.rule].append(item.line.number)
        rules = "; ".join(
            rule + (f" (line {_lines(numbers)})" if _lines(numbers) else "")
            for rule, numbers in by_rule.items()
        )
        count = len(extracted.dropped)
        out.write(f"  dropped {count} line{'s' if count != 1 else ''} of page furniture: {rules}\n")


# --------------------------------------------------------------------------- commands


def registry(content: Path, err: TextIO) -> tuple[Outlet, ...]:
    """content/outlets.yaml entries first, then the well-known outlets they do not name."""
    listed, problems = read_outlets(content) if content.is_dir() else ((), ())
    for problem in problems:
        err.write(f"warning: {problem} (outlets from it are not recognised)\n")
    slugs = {o.slug for o in listed}
    return tuple(listed) + tuple(o for o in WELL_KNOWN if o.slug not in slugs)


def story_template(slug: str) -> str:
    title = _scalar(slug.replace("-", " ").capitalize())
    return (
        f"# {slug}: one news event, covered by several outlets. Every field is optional.\n"
        "# Add the coverage with:\n"
        f"#   sitegen import SAVED-PAGE.html https://... PASTED.txt --story {slug}\n"
        "\n"
        "# The event in one line, as a headline:\n"
        f"title: {title}\n"
        "\n"
        "# The day it happened (YYYY-MM-DD); remove the # to use it:\n"
        "# date: 2025-01-31\n"
        "\n"
        "# Two or three sentences on what happened, shown on the story page:\n"
        "# summary: >-\n"
        "#   What happened, where and when, and who said what.\n"
    )


def _story_folder(content: Path, story: str, command: str, err: TextIO) -> Path | None:
    """content/<story>/, the one folder import and new write in: None, with the reason
    on ``err``, when the content folder is a file or the story folder is not a folder
    of its own (a link could lead the writes anywhere)."""
    folder = content / story
    if content.exists() and not content.is_dir():
        err.write(
            f"sitegen {command}: {display_path(content)} is a file, not a content folder: "
            "pass --content with a folder\n"
        )
        return None
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        err.write(
            f"sitegen {command}: {display_path(folder)} is not a folder of its own "
            "(a file or a symbolic link): nothing written; move it away or pick another id\n"
        )
        return None
    return folder


def _bad_id(command: str, label: str, ident: str, err: TextIO) -> int:
    err.write(
        f"sitegen {command}: {label}{ident[:60]!r}{'...' if len(ident) > 60 else ''} is not a "
        "story id: use at most 100 lower-case letters, digits and hyphens "
        "([a-z0-9][a-z0-9-]*)\n"
    )
    return 2


def run_import(
    sources: Sequence[str],
    story: str,
    content: Path,
    force: bool,
    out: TextIO,
    err: TextIO,
    new: bool = False,
) -> int:
    """Import every source into content/<story>/; 0 on success, 1 if any source failed
    (then nothing is written), 2 for a bad story id or, without ``new``, a story that
    does not exist (a mistyped id must not start a story of its own). A source imported
    before updates its article with ``force`` and is refused without it."""
    if not is_id(story):
        return _bad_id("import", "--story ", story, err)
    story_dir = _story_folder(content, story, "import", err)
    if story_dir is None:
        return 1
    if not new and not story_dir.is_dir():
        err.write(_missing_story(story, content))
        return 2
    outlets = registry(content, err)
    ledger = read_ledger(story_dir)
    taken: dict[Path, tuple[str, str | None]] = {}
    planned: list[Planned] = []
    failures: list[ImportFailure] = []
    for arg in sources:
        try:
            source = read_source(arg)
            extracted = extract(source, outlets)
            if not extracted.paragraphs:
                where = arg if source.url and arg == source.label and "://" in arg else f"{arg}:1"
                raise ImportFailure(where, "no article text found in it")
            keys = source_keys(source, extracted)
            path = _again(story_dir, keys, ledger, source, taken, force) or _target(
                story_dir, extracted, source, taken, force
            )
        except ImportFailure as failure:
            failures.append(failure)
            continue
        document = front_matter(extracted) + render_body(extracted.paragraphs)
        taken[path] = (norm(extracted.title.value) if extracted.title else "", None)
        planned.append(Planned(source, extracted, path, document))
        ledger[path.name] = [*ledger.get(path.name, []), *keys]
    if failures:
        for failure in failures:
            err.write(f"{failure}\n")
        err.write(f"nothing written: {len(failures)} of {len(sources)} sources failed\n")
        return 1
    try:
        created = not story_dir.exists()
        if created:
            story_dir.mkdir(parents=True)
            atomic_write(story_dir / "story.yaml", story_template(story))
        for item in planned:  # a fresh temporary name each: a planted link is not followed
            atomic_write(item.path, item.document)
        atomic_write(story_dir / LEDGER, ledger_text(ledger))
    except OSError as exc:
        err.write(f"sitegen import: cannot write in {display_path(story_dir)}: {exc}\n")
        return 1
    if created:
        out.write(f"created {display_path(story_dir)}/ with a story.yaml to fill in\n")
    for item in planned:
        report(item, out)
    out.write(
        f"imported {len(planned)} article{'s' if len(planned) != 1 else ''} into "
        f"{display_path(story_dir)}/: check what is marked above, then run sitegen check\n"
    )
    return 0


def new_story(slug: str, content: Path, out: TextIO, err: TextIO) -> int:
    """Start content/<slug>/ with a commented story.yaml; refuse a bad id or an existing folder."""
    if not is_id(slug):
        return _bad_id("new", "", slug, err)
    folder = _story_folder(content, slug, "new", err)
    if folder is None:
        return 1
    if folder.exists():
        err.write(f"{display_path(folder)}: already exists: pick another id or edit it\n")
        return 1
    try:
        folder.mkdir(parents=True)
        atomic_write(folder / "story.yaml", story_template(slug))
    except OSError as exc:
        err.write(f"sitegen new: cannot write in {display_path(folder)}: {exc}\n")
        return 1
    out.write(
        f"created {display_path(folder / 'story.yaml')}: fill in the title, date and summary,\n"
        f"then add articles with: sitegen import FILE_OR_URL... --story {slug}\n"
    )
    return 0
