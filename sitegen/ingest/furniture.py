"""Page furniture in text copied from a news page, as an ordered list of named rules.

Text pasted from a browser carries the page around the article: logos' alt text, language
pickers, "Read also" links, related-story lists, app promotions, copyright lines, section
labels, bylines and datelines. Each rule recognises one kind by general patterns (never by
a particular page), and :func:`strip_furniture` applies them in order, so the importer can tell the
user exactly which line was dropped and why. Nothing here edits a kept line: the article's
words pass through character for character.

The rules see a :class:`PastedText`: the non-blank lines plus where the article's prose starts,
because a short line means different things above the first paragraph (a section label)
and inside the article (a subhead).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

# --------------------------------------------------------------------------- lines


@dataclass(frozen=True)
class Line:
    number: int  # 1-based line in the source (pasted file or HTML)
    text: str  # stripped of surrounding whitespace; inner characters untouched


@dataclass(frozen=True)
class Dropped:
    rule: str
    line: Line


@dataclass(frozen=True)
class PastedText:
    lines: tuple[Line, ...]
    outlet_names: tuple[str, ...]  # known outlet names, for recognising bylines
    header: bool  # pasted text has a page header above the article; extracted HTML has not
    prose_start: int  # index of the first line of prose (len(lines) when there is none)
    headline: int | None  # index of the headline line, spared by every rule
    prose_end: int  # index of the last line of prose (-1 when there is none)


@dataclass(frozen=True)
class Rule:
    name: str
    why: str
    match: Callable[[PastedText, int], int]  # how many lines from index i are this furniture


@dataclass(frozen=True)
class Stripped:
    headline: Line | None
    body: tuple[Line, ...]
    dropped: tuple[Dropped, ...]


# --------------------------------------------------------------------------- shapes


def norm(text: str) -> str:
    """Case- and space-folded text, for matching only (never written out)."""
    return " ".join(text.split()).casefold()


def word_count(text: str) -> int:
    return len(text.split())


_CLOSERS = "\"'”’»)]"
_SENTENCE_END = ".!?…"


def ends_sentence(text: str) -> bool:
    return text.rstrip().rstrip(_CLOSERS)[-1:] in tuple(_SENTENCE_END)


def is_prose(text: str) -> bool:
    """A line that reads as running text rather than a label, headline or link."""
    words = word_count(text)
    return words >= 20 or (words >= 8 and ends_sentence(text))


def is_subhead(text: str) -> bool:
    """A short title-like line inside the article: a crosshead such as "What happens next"."""
    stripped = text.rstrip()
    return (
        1 <= word_count(stripped) <= 10
        and (stripped[:1].isupper() or stripped[:1].isdigit())
        and stripped[-1:] not in tuple(_SENTENCE_END + ",;:" + _CLOSERS)
    )


def _full(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern, re.IGNORECASE)
    return lambda text: compiled.fullmatch(norm(text)) is not None


def _search(pattern: str) -> Callable[[str], bool]:
    compiled = re.compile(pattern, re.IGNORECASE)
    return lambda text: compiled.search(norm(text)) is not None


# --------------------------------------------------------------------------- dates

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for name in names
}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WEEKDAYS = _wordset(
    "monday mon tuesday tue tues wednesday wed thursday thu thurs friday fri "
    "saturday sat sunday sun"
)
# time zone abbreviations that may follow a time; only UTC/GMT offsets are turned into a
# time zone, the rest only mark the line as a dateline (their offsets are ambiguous)
_ZONES = sorted(
    _wordset(
        "utc gmt z et est edt ct cst cdt mt mst mdt pt pst pdt bst ist cet cest eet eest wet "
        "west msk jst kst hkt sgt aest aedt awst nzst nzdt sast wat eat cat pkt ict"
    ),
    key=lambda zone: (-len(zone), zone),  # longest first, so "cest" is not read as "ce"
)
_TIME = (
    r"(?:\s*(?:,|at|t|\||·|-|–|—)?\s*(?P<hour>\d{1,2})[:.](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
    r"\s*(?P<ampm>am|pm|a\.m\.|p\.m\.)?"
    r"(?:\s*\(?(?P<zone>" + "|".join(_ZONES) + r")\b\)?)?"
    r"(?:\s*(?P<offset>[+-]\d{1,2}(?::?\d{2})?))?\)?)?"
)
_DATE_PATTERNS = (
    # 2025-12-14, 2025.12.14, 2025/12/14 (year first: never ambiguous)
    re.compile(r"\b(?P<year>\d{4})[-./](?P<mon>\d{1,2})[-./](?P<day>\d{1,2})(?!\d)" + _TIME, re.I),
    # 14 December 2025, 14th of Dec. 2025
    re.compile(
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
        + _MONTH
        + r",?\s+(?P<year>\d{4})\b"
        + _TIME,
        re.I,
    ),
    # December 14, 2025
    re.compile(
        r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b" + _TIME,
        re.I,
    ),
    # 14.12.2025 (day first, the European convention for dots)
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>\d{4})\b" + _TIME, re.I),
    # 12/14/2025 or 14/12/2025: read only when one order is impossible
    re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b" + _TIME, re.I),
    # no year: "Sunday, December 14", "14 December"
    re.compile(
        r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*\d{4})" + _TIME, re.I
    ),
    re.compile(
        r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"(?!,?\s*\d{4})\b", re.I
    ),
)
_UPDATED = re.compile(r"^\W*(?:last\s+)?(?:updated|modified|edited|revised)\b", re.I)
# words that may stand around a date in a dateline ("Updated", "Published on ... at")
_DATELINE_WORDS = (
    _wordset(
        "updated published posted first last modified edited revised on at date time local and by"
    )
    | _WEEKDAYS
    | frozenset(_ZONES)
)


@dataclass(frozen=True)
class DateFound:
    text: str  # the characters that state the date
    value: date | datetime | None  # None: the date is stated without a year, or ambiguously
    updated: bool  # the line gives a revision time, not the first publication
    problem: str = ""  # why ``value`` is None


def _time_of(m: re.Match[str], day: date) -> date | datetime:
    """The date with its time when the time zone is known; a naive time is not a moment."""
    groups = m.groupdict()
    if groups.get("hour") is None:
        return day
    hour, minute = int(groups["hour"]), int(groups["minute"])
    ampm = (groups.get("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    zone = (groups.get("zone") or "").lower()
    offset = groups.get("offset")
    if zone not in ("utc", "gmt", "z", "") or (not zone and not offset):
        return day
    delta = timedelta(0)
    if offset:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
        delta = sign * timedelta(hours=int(hours), minutes=int(minutes))
    if hour > 23 or minute > 59 or abs(delta) > timedelta(hours=14):
        return day
    second = int(groups.get("second") or 0)
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=timezone(delta))


def _month_number(m: re.Match[str]) -> int:
    if m.groupdict().get("month"):
        return _MONTHS[m.group("month").lower()]
    return int(m.group("mon"))


def find_date(text: str) -> DateFound | None:
    """The first date stated in a line, with its time when the time zone is given."""
    best: tuple[int, re.Match[str]] | None = None
    for pattern in _DATE_PATTERNS:
        m = pattern.search(text)
        if m and (best is None or m.start() < best[1].start()):
            best = (_DATE_PATTERNS.index(pattern), m)
    if best is None:
        return None
    _, m = best
    groups = m.groupdict()
    updated = bool(_UPDATED.match(text))
    stated = m.group(0).strip(" ,|·-–—")
    if groups.get("year") is None:
        return DateFound(stated, None, updated, "has no year")
    year = int(groups["year"])
    if groups.get("a") is not None:
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 >= b:
            month, day = b, a
        elif b > 12 >= a:
            month, day = a, b
        else:
            return DateFound(stated, None, updated, "could be day/month or month/day")
    else:
        month, day = _month_number(m), int(groups["day"])
    try:
        value = date(year, month, day)
    except ValueError:
        return DateFound(stated, None, updated, "is not a real date")
    return DateFound(stated, _time_of(m, value), updated)


def is_dateline(text: str) -> bool:
    """A line that only states a date (and time), perhaps after "Updated" or a weekday."""
    found = find_date(text)
    if found is None or word_count(text) > 12:
        return False
    rest = norm(text).replace(norm(found.text), " ", 1)
    words = re.findall(r"[^\W\d_]+", rest)
    return all(w in _DATELINE_WORDS for w in words)


# --------------------------------------------------------------------------- outlets


def _outlet_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    keys = sorted({norm(n) for n in names if n.strip()}, key=len, reverse=True)
    if not keys:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(k) for k in keys) + r")(?!\w)")


_CREDIT_WORDS = r"(?:by|source|sources|from|via|credit|photo|published by|reporting by|©)"
_CREDIT_SUFFIX = (
    r"(?:\s+(?:staff|staff writers?|reporters?|correspondents?|news agency|news service|"
    r"newsroom|wire|with agencies|and agencies))?"
)


def outlet_in_credit(text: str, names: Sequence[str]) -> str | None:
    """The known outlet a credit line names ("Example News", "By J. Doe, Example News",
    "Source: Example News"), as the folded name it matched; ``None`` for any other line.
    The name must close the line, so a subhead that starts with it is not a credit."""
    pattern = _outlet_pattern(names)
    if pattern is None or word_count(text) > 8 or ends_sentence(text):
        return None
    line = norm(text).strip(" ()[]—–-|·")
    for m in pattern.finditer(line):
        if not re.fullmatch(_CREDIT_SUFFIX, line[m.end() :]):
            continue
        before = line[: m.start()].rstrip(" :")
        if (
            before == ""
            or re.fullmatch(_CREDIT_WORDS, before)
            or before[-1] in ",|/·—–-"
            or re.match(_CREDIT_WORDS + r"\s", before)
        ):
            return m.group(0)
    return None


# --------------------------------------------------------------------------- rules

# alt text left by an image: "Site Logo", "Store Badge"; "... Image" only outside the
# article, where it cannot be a subhead such as "A tarnished image"
_PLACEHOLDER = _full(
    r"(?:[^\s]+ ){0,4}(?:logo|icon|badge|img|thumbnail|avatar|placeholder)"
    r"|\[(?:image|photo|picture|video|graphic)[^\]]*\]"
)
_PICTURE_PLACEHOLDER = _full(r"(?:[^\s]+ ){0,4}(?:image|banner|photo|picture)")
_LANGUAGE_NAMES = (
    "english|español|espanol|français|francais|deutsch|italiano|português|portugues|"
    "русский|українська|polski|nederlands|türkçe|العربية|中文|日本語|한국어|latviešu|"
    "lietuvių|eesti|română|čeština|magyar|ελληνικά|svenska|norsk|dansk|suomi"
)
_LANGUAGE_PICKER = _full(
    r"(?:select|choose|change|switch)(?: your| the| a)? language\s*:?.*"
    r"|(?:" + _LANGUAGE_NAMES + r")(?:\s*[|/·,]?\s*(?:" + _LANGUAGE_NAMES + r"))+"
)
_READ_ALSO = re.compile(
    r"(?:read|see|watch|listen)(?: also| more| next)?|also read|related(?: article| story| content"
    r"| coverage)?|more on this(?: story)?|recommended|more",
    re.IGNORECASE,
)
_RELATED_HEADING = _full(
    r"(?:related|more|other|top|latest|recommended|trending|popular|similar|featured)"
    r"(?: news)? (?:stories|articles|content|coverage|reads|links|videos|news|posts|topics)"
    r"|related|recommended(?: for you)?|you (?:may|might) also (?:like|be interested in)"
    r"|most (?:read|popular|viewed|shared|watched)|trending(?: now)?|popular now"
    r"|more (?:on|from|about) .{1,40}|further reading|what to read next|read next"
    r"|editor'?s picks|also on .{1,40}|in other news|top stories|latest news"
)
_APP_CALL = _search(
    r"\b(?:download|get|install|open|try) (?:(?:it|our|the|this) )?(?:free )?(?:\w+ )?app\b"
    r"|\b(?:in|on) (?:the|our) app\b"
)
_APP_STORE = _search(r"\b(?:app store|google play|play store)\b")
# a newsletter box speaks to the reader ("Sign up", "your inbox"); an article that
# mentions a newsletter does not
_NEWSLETTER = _search(
    r"^(?:sign up|subscribe|get|receive|join|don'?t miss)\b.{0,60}\bnewsletters?\b"
    r"|\bsign up (?:to|for) (?:our|the) .{0,40}newsletters?\b|^newsletters?:?$"
    r"|\b(?:delivered|straight) (?:straight )?to your inbox\b"
    r"|^(?:sign up|subscribe)(?: now| today| here)?[.!]?$"
)
_SHARE_WORDS = _wordset(
    "share shares sharing this article story page on via tweet facebook twitter x whatsapp "
    "telegram linkedin email e-mail mail copy link print pinterest reddit messenger bluesky "
    "threads vk weibo wechat flipboard save bookmark gift comments comment"
)
_SHARE_STRONG = _wordset(
    "share tweet facebook twitter whatsapp telegram linkedin pinterest reddit messenger "
    "bluesky flipboard weibo wechat"
)
_COOKIE_NOTICE = _search(
    r"\b(?:we|(?:this )?(?:web)?site) uses? cookies\b|\bcookie (?:policy|settings|preferences|"
    r"notice|consent)\b|\baccept (?:all )?cookies\b|\b(?:manage|reject) (?:all )?cookies\b"
    r"|\buse of cookies\b"
)
_ADVERTISEMENT = _full(
    r"(?:advertisement|advert|ads?|sponsored(?: content)?|paid (?:content|post|partnership)|"
    r"promoted(?: content)?|skip advertisement)(?:\s*[-–—:]\s*.{0,40})?"
    r"|(?:scroll|continue reading|story continues|article continues)(?: to continue)?"
    r"(?: (?:below|with content))?(?: (?:the )?advertisement)?"
)
# "Copyright ©", "© 2025 Example Media", "Copyright 2025 ..."; not "Copyright law ..."
_COPYRIGHT = _search(
    r"^(?:©|\(c\)\s*\d{4})|^copyright\s*(?:©|\(c\)|\d{4}|$)|\ball rights reserved\b"
)
_URL_LINE = re.compile(r"https?://\S+")
_CONTROL = _full(
    r"\d+\s*(?:min|mins|minutes?)(?: read| listen)?|listen(?:ing)?(?: to (?:this|the) article)?"
    r"(?:\s*[·|-]?\s*\d+[:.]\d+(?: min)?)?|skip to (?:main )?content|toggle navigation|menu"
    r"|print(?: this)?(?: article| page)?|(?:font|text) size|(?:play|watch) video|\d+[:.]\d{2}"
    r"|\d*\s*comments?|(?:view|show|hide|load) (?:\d+ )?comments?|back to top|(?:\d+ )?(?:hours?|"
    r"minutes?|mins?|days?) ago"
)
_TAGS = _search(r"^(?:tags|topics|filed under|categories|keywords|more about)\s*:")
_CRUMB_SEPARATOR = re.compile(r"\s+[›>»/|]\s+")
_AUTHOR = re.compile(r"by\s+\S+(?:\s+\S+){0,5}", re.IGNORECASE)


def _line(test: Callable[[str], bool], max_words: int = 40) -> Callable[[PastedText, int], int]:
    def match(page: PastedText, i: int) -> int:
        text = page.lines[i].text
        return int(word_count(text) <= max_words and test(text))

    return match


def _read_also(text: str) -> bool:
    head, colon, rest = text.partition(":")
    if not colon:
        head, sep, rest = text.partition("|")
        if not sep:
            return False
    return _READ_ALSO.fullmatch(norm(head)) is not None and bool(rest.strip())


def _share_bar(text: str) -> bool:
    words = re.findall(r"[^\W\d_][\w-]*", norm(text))
    return bool(words) and set(words) <= _SHARE_WORDS and bool(set(words) & _SHARE_STRONG)


def _breadcrumb(text: str) -> bool:
    """ "Home › News › Europe": three or more short names joined by a path separator, or
    two that start from the home page."""
    parts = _CRUMB_SEPARATOR.split(text.strip())
    if ends_sentence(text) or not all(1 <= word_count(p) <= 5 for p in parts):
        return False
    return len(parts) >= 3 or (len(parts) == 2 and norm(parts[0]) in ("home", "homepage", "start"))


def _placeholder(page: PastedText, i: int) -> int:
    text = page.lines[i].text
    if word_count(text) > 6:
        return 0
    outside = i < page.prose_start or i > page.prose_end
    return int(_PLACEHOLDER(text) or (outside and _PICTURE_PLACEHOLDER(text)))


def _run(page: PastedText, i: int, follower: Callable[[str], bool]) -> int:
    """The index just past the lines after ``i`` that ``follower`` accepts."""
    end = i + 1
    while end < len(page.lines) and end != page.headline and follower(page.lines[end].text):
        end += 1
    return end


def _related_stories(page: PastedText, i: int) -> int:
    """A related-stories heading and the headlines under it. It needs at least one story
    under it, or the page's end: a heading followed by prose is a subhead such as
    "More on the economy"."""
    text = page.lines[i].text
    if word_count(text) > 8 or not _RELATED_HEADING(text):
        return 0
    end = _run(page, i, _related_item)
    return end - i if end > i + 1 or end == len(page.lines) else 0


def _app_promotion(page: PastedText, i: int) -> int:
    """An app promotion box. Its slogans look like short sentences, so the lines after the
    marker go only when the box runs to the end of the page, and in mid-article only the
    line that tells the reader to get the app goes. A line that only names an app store
    may be a subhead, so it goes only as the page's last line."""
    text = page.lines[i].text
    if word_count(text) > 20 or is_prose(text):
        return 0
    if not _APP_CALL(text):
        return int(i == len(page.lines) - 1 and _APP_STORE(text))
    end = _run(page, i, _promotion_line)
    return end - i if end == len(page.lines) else 1


def _related_item(text: str) -> bool:
    # headlines of other stories: short, not sentences
    return word_count(text) <= 25 and not ends_sentence(text)


def _promotion_line(text: str) -> bool:
    # marketing copy is short even when it is a sentence
    return word_count(text) <= 16


def _byline(page: PastedText, i: int) -> int:
    return int(outlet_in_credit(page.lines[i].text, page.outlet_names) is not None)


def _in_header(test: Callable[[PastedText, int], bool]) -> Callable[[PastedText, int], int]:
    def match(page: PastedText, i: int) -> int:
        return int(page.header and i < page.prose_start and i != page.headline and test(page, i))

    return match


def _trailing(page: PastedText, i: int) -> int:
    """Short lines after the article's last prose line that are not sentences: tags,
    credits, widget labels. A short closing sentence ("Talks resume on Monday.") stays."""
    text = page.lines[i].text
    return int(
        page.header
        and 0 <= page.prose_end < i
        and word_count(text) <= 12
        and not ends_sentence(text)
    )


def _beside_dateline(page: PastedText, i: int) -> int:
    """A short line next to a dateline near the top: the author's name and place, which
    some pages print under the standfirst rather than above the article."""
    text = page.lines[i].text
    if not page.header or i > page.prose_start + 3 or word_count(text) > 8 or is_prose(text):
        return 0
    neighbours = (page.lines[j].text for j in (i - 1, i + 1) if 0 <= j < len(page.lines))
    return int(any(is_dateline(n) for n in neighbours))


LINE_RULES: tuple[Rule, ...] = (
    Rule("placeholder", "alt text of a logo, badge or image", _placeholder),
    Rule("language-picker", "a language menu", _line(_LANGUAGE_PICKER, 20)),
    Rule("read-also", "a link to another story (Read also: ...)", _line(_read_also, 30)),
    Rule("newsletter", "a newsletter sign-up", _line(_NEWSLETTER, 30)),
    Rule("share-bar", "share buttons", _line(_share_bar, 12)),
    Rule("cookie-notice", "a cookie consent notice", _line(_COOKIE_NOTICE, 60)),
    Rule("advertisement", "an advertisement label", _line(_ADVERTISEMENT, 8)),
    Rule("copyright", "a copyright line", _line(_COPYRIGHT, 30)),
    Rule("dateline", "the publication date and time", _line(is_dateline, 12)),
    Rule("url", "a bare web address", _line(lambda t: _URL_LINE.fullmatch(t) is not None, 1)),
    Rule("byline", "a credit line naming a known outlet", _byline),
    Rule("tags", "the story's tags or topics", _line(_TAGS, 30)),
    Rule("breadcrumb", "the section path (Home › News › ...)", _line(_breadcrumb, 15)),
    Rule("page-control", "a reading-time, listen, print or comments control", _line(_CONTROL, 8)),
)
BLOCK_RULES: tuple[Rule, ...] = (
    Rule(
        "related-stories",
        "a list of other stories under a heading such as Related stories",
        _related_stories,
    ),
    Rule(
        "app-promotion",
        "an app promotion box and its slogans",
        _app_promotion,
    ),
)
HEADER_RULES: tuple[Rule, ...] = (
    Rule("author", "the author's name beside the dateline", _beside_dateline),
    Rule(
        "author",
        "an author byline above the article (By ...)",
        _in_header(lambda p, i: _AUTHOR.fullmatch(p.lines[i].text) is not None),
    ),
    Rule(
        "section-label",
        "a section or country label above the article",
        _in_header(lambda p, i: word_count(p.lines[i].text) <= 3),
    ),
    Rule(
        "header",
        "a teaser, tag or menu line above the article's first paragraph",
        _in_header(lambda p, i: True),
    ),
)
TAIL_RULES: tuple[Rule, ...] = (
    Rule("trailing", "short lines after the article's last paragraph", _trailing),
)
RULES: tuple[Rule, ...] = LINE_RULES + BLOCK_RULES + HEADER_RULES + TAIL_RULES

HEADLINE_MIN_WORDS = 4  # shorter header lines are section labels ("World", "Middle East")


def _layout(lines: tuple[Line, ...], outlet_names: tuple[str, ...], header: bool) -> PastedText:
    """Find where the prose starts and which header line is the headline; single-line
    furniture is ignored for both, so a long cookie notice does not pass for the lede."""
    draft = PastedText(lines, outlet_names, header, len(lines), None, -1)
    plain = [not any(rule.match(draft, i) for rule in LINE_RULES) for i in range(len(lines))]
    prose_start = next(
        (i for i, line in enumerate(lines) if plain[i] and is_prose(line.text)), len(lines)
    )
    headline = None
    if header:
        headline = next(
            (
                i
                for i in range(prose_start)
                if plain[i] and word_count(lines[i].text) >= HEADLINE_MIN_WORDS
            ),
            None,
        )
    prose_end = max((i for i, line in enumerate(lines) if is_prose(line.text)), default=-1)
    return PastedText(lines, outlet_names, header, prose_start, headline, prose_end)


def strip_furniture(
    lines: Sequence[Line],
    outlet_names: Sequence[str] = (),
    *,
    header: bool = True,
    rules: Sequence[Rule] = RULES,
) -> Stripped:
    """Drop page furniture: each line goes to the first rule that claims it, or is kept."""
    page = _layout(tuple(lines), tuple(outlet_names), header)
    kept: list[Line] = []
    dropped: list[Dropped] = []
    i = 0
    while i < len(page.lines):
        if i == page.headline:
            i += 1
            continue
        for rule in rules:
            count = rule.match(page, i)
            if count:
                dropped.extend(Dropped(rule.name, line) for line in page.lines[i : i + count])
                i += count
                break
        else:
            kept.append(page.lines[i])
            i += 1
    headline = page.lines[page.headline] if page.headline is not None else None
    return Stripped(headline, tuple(kept), tuple(dropped))
