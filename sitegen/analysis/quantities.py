"""Numbers, quantities and dates in news prose, normalised so outlets can be compared.

``10 percent`` and ``10%`` are one value; ``five hours`` and ``more than five hours`` share
a value but not a qualifier; ``thousands`` and ``hundreds of thousands`` are vague
magnitudes of different size. Relative dates (``Monday``, ``tomorrow morning``,
``on the 15th of December``) are resolved against the article's publication date, so two
articles naming the same day in different words can be recognised as agreeing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .text import fold, word_set

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_FRACTIONS = {"half": 50.0, "quarter": 25.0, "third": 100 / 3}
# Vague magnitudes: "dozens", "hundreds of thousands" -> order of magnitude.
_VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000}
_PARTITIVES = ("parts", "part", "some", "much", "most", "all", "many")

# Qualifiers in front of a number, folded to one of a few comparable classes.
_QUALIFIERS = {
    "about": "about",
    "around": "about",
    "roughly": "about",
    "approximately": "about",
    "some": "about",
    "nearly": "under",
    "almost": "under",
    "close to": "under",
    "less than": "under",
    "fewer than": "under",
    "under": "under",
    "up to": "under",
    "more than": "over",
    "over": "over",
    "at least": "over",
    "upwards of": "over",
    "in excess of": "over",
}
_PERCENT = ("%", "percent", "per cent", "pct")

# Every word that is a number on its own ("five", "thousands"), for quick look-ups.
NUMBER_WORDS = frozenset([*_UNITS, *_TENS, *_SCALES, *_VAGUE])
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))
_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s+(?:hundred|thousand|million|billion))?"
    rf"|(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?(?:{_NUMBER_WORD}))*)"
    r"|(?:hundreds|tens|thousands)\s+of\s+(?:thousands|millions)|dozens|scores|hundreds|thousands|millions"
)
_QUALIFIER = "|".join(sorted(_QUALIFIERS, key=len, reverse=True))


def _opening(*words: str) -> str:
    """A look-ahead a match must pass at its first character: ``(?<!\\w)`` and a digit or
    the first letter of one of ``words``. It only restates what the pattern after it
    requires (a word boundary, then one of the words or a digit), so it changes no match;
    it lets the scanner give up at most positions without trying every alternative."""
    return rf"(?<!\w)(?=[\d{''.join(sorted({w[0] for w in words}))}])"


QUANTITY_PATTERN = rf"\b(?:(?P<qual>{_QUALIFIER})\s+)?(?P<num>{_NUMBER})\b"
_QUANTITY = re.compile(
    _opening(*_QUALIFIERS, *_UNITS, *_TENS, *_SCALES, *_VAGUE, "tens") + QUANTITY_PATTERN,
    re.IGNORECASE,
)
_PERCENT_AFTER = re.compile(r"\s*%|\s+per\s?cent\b|\s+percent\b|\s+pct\b", re.IGNORECASE)
_WORD_AFTER = re.compile(r"(?:\s+|-)([a-z][a-z-]*)")
_PARTITIVE = re.compile(r"\b(?P<num>parts?|some|much|most|half|a quarter|a third)\s+of\b", re.I)

# Cheap pre-checks. Scanning a sentence with the big case-insensitive patterns above costs
# far more than listing its words, and most sentences hold no number and no date. Every
# match of those patterns contains one of these words as a whole word (a number word is
# followed by a space, a hyphen or a word boundary; a month, weekday or "today" likewise),
# so a sentence with none of them cannot match and the scan is skipped.
_ANY_WORD = re.compile(r"\w+")
_ANY_DIGIT = re.compile(r"\d")
_NUMBER_TOKENS = frozenset([*_UNITS, *_TENS, *_SCALES, "hundreds", "tens", "thousands"]) | set(
    _VAGUE
)
# Letters the case-insensitive patterns match that str.lower() does not turn into the
# letter (or turns into two characters): with one of them, the words cannot tell, so the
# full scan runs.
_CASE_SPECIAL = frozenset("\u0130\u0131\u017f")  # İ ı ſ


def _words(text: str) -> frozenset[str] | None:
    """The lower-case words of ``text``, or None when they cannot stand in for a scan."""
    if not _CASE_SPECIAL.isdisjoint(text):
        return None
    return frozenset(_ANY_WORD.findall(text.lower()))


@dataclass(frozen=True)
class Quantity:
    """A number as written, with what it counts and how it is hedged."""

    text: str
    start: int
    end: int
    value: float  # for vague magnitudes, the order of magnitude (thousands -> 1000)
    unit: str  # "percent", a singular noun ("hour"), "share" for partitives, or ""
    qualifier: str = ""  # "", "about", "under" or "over"
    vague: bool = False

    @property
    def key(self) -> tuple[str, float, str, bool]:
        return (self.unit, self.value, self.qualifier, self.vague)


_DECIMAL = re.compile(r"\d+(?:\.\d+)?")
_FOUR_DIGITS = re.compile(r"\d{4}")


def number_value(text: str) -> float | None:
    """The value of a written number: ``1,500``, ``2.5 million``, ``twenty-five``."""
    words = fold(text).replace("-", " ").replace(" and ", " ").split()
    if not words:
        return None
    if len(words) == 1 and words[0] in _VAGUE:
        return float(_VAGUE[words[0]])
    if len(words) == 3 and words[1] == "of" and words[0] in ("hundreds", "tens", "thousands"):
        scale = {"tens": 10, "hundreds": 100, "thousands": 1_000}[words[0]]
        return float(scale * _VAGUE.get(words[2], 1))
    total = current = 0.0
    for word in words:
        digits = word.replace(",", "")
        if _DECIMAL.fullmatch(digits):
            current += float(digits)
        elif word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            scale = _SCALES[word]
            if scale == 100:
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = 0.0
        else:
            return None
    return total + current


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ses") or word.endswith("xes") or word.endswith("ches"):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


# Words after a number that are not what it counts.
_NOT_UNITS = word_set(
    """is are was were be been has have had will would could should may might can or but
    as at by for from on with than that which who what when where while if so per into
    more less other others former new of and the a an to in without across after before
    since during against among over under about like ago later earlier"""
)


def _unit_after(text: str, pos: int) -> tuple[str, int]:
    """What a number at ``pos`` counts: the head noun of the words that follow it.

    ``four guided aerial bombs and`` -> ``bomb``; ``five hours of talks`` -> ``hour``;
    ``thousands without power`` -> no unit.
    """
    percent = _PERCENT_AFTER.match(text, pos)
    if percent:
        return "percent", percent.end()
    unit, end = "", pos
    for _ in range(3):
        word = _WORD_AFTER.match(text, end)
        if not word or word.group(1) in _NOT_UNITS or word.group(1).endswith("ly"):
            break
        unit, end = _singular(word.group(1).strip("-")), word.end()
    return unit, end


# Memoised: the claim aligner (for each sentence's facets) and the divergence finder read
# the figures of the same sentences; a pure function of a str, returning a tuple.
@lru_cache(maxsize=1 << 14)
def quantities(text: str) -> tuple[Quantity, ...]:
    """Every number or quantity in ``text`` with its unit and qualifier, in text order.

    Four-digit years and ordinal day numbers are dates, not quantities, and are skipped.
    """
    found: list[Quantity] = []
    words = _words(text)
    if words is not None and words.isdisjoint(_NUMBER_TOKENS) and not _ANY_DIGIT.search(text):
        numbers: Iterator[re.Match[str]] = iter(())
    else:
        numbers = _QUANTITY.finditer(text)
    for m in numbers:
        num = m.group("num")
        value = number_value(num)
        if value is None:
            continue
        if _FOUR_DIGITS.fullmatch(num) and 1800 <= value <= 2100:
            continue  # a year
        if text[m.end("num") : m.end("num") + 2].lower() in ("st", "nd", "rd", "th"):
            continue  # an ordinal ("15th"): a date or a rank
        unit, end = _unit_after(text, m.end("num"))
        qual = _QUALIFIERS.get(fold(m.group("qual") or ""), "")
        vague = fold(num).split()[-1] in _VAGUE
        start = m.start("qual") if m.group("qual") else m.start("num")
        found.append(Quantity(text[start:end], start, end, value, unit, qual, vague))
    if words is not None and "of" not in words:
        return tuple(sorted(found, key=lambda q: (q.start, q.end)))
    for m in _PARTITIVE.finditer(text):
        word = fold(m.group("num"))
        if any(q.start <= m.start() < q.end for q in found):
            continue
        frac = _FRACTIONS.get(word.removeprefix("a "))
        q = Quantity(
            text[m.start() : m.end("num")],
            m.start(),
            m.end("num"),
            frac if frac is not None else 0.0,
            "share",
            "",
            frac is None,
        )
        found.append(q)
    return tuple(sorted(found, key=lambda q: (q.start, q.end)))


def same_amount(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities state the same thing (``10%`` vs ``10 percent``)."""
    return a.key == b.key


def comparable(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities measure the same kind of thing and so can disagree."""
    if a.unit and b.unit:
        return a.unit == b.unit or {a.unit, b.unit} <= {"percent", "share"}
    return not a.unit and not b.unit and (a.vague or b.vague)


# --------------------------------------------------------------------------- dates

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE_DAYS = {"today": 0, "tonight": 0, "tomorrow": 1, "yesterday": -1}

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = "|".join(WEEKDAYS)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
# Words after which a month name alone is a date, each a fixed-width look-behind (the
# regex module's rule); "may" is never taken alone (see dates()).
_MONTH_ALONE_AFTER = (
    "(?:"
    + "|".join(
        rf"(?<=\b{w}\s)" for w in ("in", "since", "until", "by", "during", "early", "late", "last")
    )
    + ")"
)
DATE_PATTERN = (
    rf"\b(?:(?:the\s+)?{_DAY}\s+(?:of\s+)?(?P<month1>{_MONTH})\.?(?:,?\s+(?P<year1>\d{{4}}))?"
    rf"|(?P<month2>{_MONTH})\.?\s+(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<year2>\d{{4}}))?"
    rf"|(?P<month3>{_MONTH})\s+(?P<year3>\d{{4}})"
    # a month alone after a preposition ("voted in January", "since March"): the month of
    # the year the article is about, resolved like a month without its year
    rf"|{_MONTH_ALONE_AFTER}(?P<month4>{_MONTH})(?!\.?\s+\d)"
    rf"|(?P<rel>(?:next|last|this|on|early|late)\s+)?(?P<weekday>{_WEEKDAY})"
    r"(?:\s+(?:morning|afternoon|evening|night))?"
    r"|(?P<relday>today|tonight|tomorrow|yesterday)(?:\s+(?:morning|afternoon|evening|night))?"
    r")\b"
)
_DATE = re.compile(
    # "the 15th", a day number, a month, a relative word before a weekday, or "today"
    _opening(
        "the", *MONTHS, "next", "last", "this", "on", "early", "late", *WEEKDAYS, *_RELATIVE_DAYS
    )
    + DATE_PATTERN,
    re.IGNORECASE,
)
# Every date names a month, a weekday or a day relative to today, as a whole word.
DATE_WORDS = frozenset([*MONTHS, *WEEKDAYS, *_RELATIVE_DAYS])
_FUTURE = re.compile(
    r"\b(?:will|would|shall|to resume|expected|scheduled|due|plans?|next|going to)\b", re.I
)


@dataclass(frozen=True)
class DateMention:
    """A date as written and the calendar day (or month) it names, when resolvable."""

    text: str
    start: int
    end: int
    day: date | None  # the resolved day; the 1st for month-only mentions
    precision: str  # "day" or "month"
    relative: bool  # written relative to the publication date (weekday, tomorrow)


def _name(word: str) -> str:
    """A month, weekday or relative-day word as the tables spell it. The patterns match
    without regard to case, which in Unicode also takes "FRİDAY" (dotted capital I,
    whose lower case carries a combining dot) and "ſeptember" (long s)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _weekday_date(name: str, rel: str, reference: date, future: bool) -> date:
    target = WEEKDAYS.index(name)
    ahead = (target - reference.weekday()) % 7
    behind = ahead - 7 if ahead else 0
    if rel == "next":
        return reference + timedelta(days=ahead or 7)
    if rel == "last":
        return reference + timedelta(days=behind or -7)
    if ahead == 0:
        return reference
    # "on Monday" in a story about talks that "will resume" is the coming Monday; in a
    # past-tense sentence it is the nearest one, looking back on a tie.
    if future:
        return reference + timedelta(days=ahead)
    return reference + timedelta(days=ahead if ahead < -behind else behind)


def dates(text: str, reference: date | None) -> tuple[DateMention, ...]:
    """Dates in ``text``; relative ones resolved against ``reference`` (publication date).

    ``future`` context (``will``, ``expected``...) anywhere in ``text`` sends a bare
    weekday forward, so callers should pass one sentence at a time.
    """
    words = _words(text)
    if words is not None and words.isdisjoint(DATE_WORDS):
        return ()
    future = bool(_FUTURE.search(text))
    found: list[DateMention] = []
    for m in _DATE.finditer(text):
        g = m.groupdict()
        day: date | None = None
        precision = "day"
        relative = False
        month_name = g["month1"] or g["month2"] or g["month3"] or g["month4"]
        if month_name:
            month = MONTHS[_name(month_name)]
            year_text = g["year1"] or g["year2"] or g["year3"]
            year = int(year_text) if year_text else (reference.year if reference else None)
            day_text = g["day"] or g["day2"]
            if g["month3"] or g["month4"]:
                precision = "month"
                day_num = 1
            else:
                day_num = int(day_text)
            if year is not None and 1 <= day_num <= 31:
                try:
                    day = date(year, month, day_num)
                except ValueError:
                    day = None
                if day and not year_text and reference and (day - reference).days > 180:
                    day = day.replace(year=day.year - 1)
            if _name(month_name) == "may" and not (day_text or g["year3"]):
                continue
        elif g["weekday"]:
            relative = True
            rel = (g["rel"] or "").strip().lower()
            if reference:
                day = _weekday_date(_name(g["weekday"]), rel, reference, future)
        else:
            relative = True
            if reference:
                day = reference + timedelta(days=_RELATIVE_DAYS[_name(g["relday"])])
        found.append(DateMention(m.group(0), m.start(), m.end(), day, precision, relative))
    return tuple(found)


# --------------------------------------------------------------------------- times of day

_TIME_QUALIFIERS = {
    "about": "about",
    "around": "about",
    "approximately": "about",
    "roughly": "about",
    "shortly before": "before",
    "just before": "before",
    "before": "before",
    "shortly after": "after",
    "just after": "after",
    "soon after": "after",
    "after": "after",
    "by": "by",
    "until": "by",
    "at": "",
}
_TIME_QUALIFIER = "|".join(sorted(_TIME_QUALIFIERS, key=len, reverse=True))
# "3:40 a.m.", "4am", "5.15 p.m.", "04:00 GMT", "9 o'clock", "midnight", "noon"; a bare
# "hh:mm" only after a preposition ("at 14:30"), as scores and ratios look the same.
_TIME = re.compile(
    rf"(?<!\w)(?:(?P<qual>{_TIME_QUALIFIER})\s+)?(?:"
    r"(?P<h>[01]?\d)(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>[ap]\.m\.|[ap]\.?\s?m\b)"
    r"|(?P<h2>[012]?\d)[:.](?P<m2>[0-5]\d)\s*(?P<zone>h\b|hrs\b|GMT\b|UTC\b|local time\b)"
    r"|(?P<h3>[01]?\d)\s+o'clock\b"
    r"|(?P<word>midnight|noon|midday)\b)",
    re.IGNORECASE,
)
_BARE_TIME = re.compile(
    rf"(?<!\w)(?P<qual>{_TIME_QUALIFIER})\s+(?P<h>[012]?\d):(?P<m>[0-5]\d)(?![\d:])",
    re.IGNORECASE,
)
_TIME_TOKENS = frozenset(["am", "pm", "a", "p", "m", "midnight", "noon", "midday", "gmt", "utc"])


@dataclass(frozen=True)
class TimeMention:
    """A time of day as written and the minute of the day it names."""

    text: str
    start: int
    end: int
    minute: int  # 0-1439
    qualifier: str = ""  # "", "about", "before", "after" or "by"

    @property
    def clock(self) -> str:
        h, m = divmod(self.minute, 60)
        return f"{self.qualifier + ' ' if self.qualifier else ''}{h:02d}:{m:02d}"


_SPACES = re.compile(r"\s+")


def _time_start(m: re.Match[str]) -> int:
    """Where a time of day starts in a match whose qualifier is no hedge ("at")."""
    starts = [m.start(g) for g in ("h", "h2", "h3", "word") if m.start(g) >= 0]
    return min(starts) if starts else m.start()


@lru_cache(maxsize=1 << 14)  # as quantities
def times(text: str) -> tuple[TimeMention, ...]:
    """Every time of day in ``text``, in text order: ``about 4 a.m.`` -> 04:00, about."""
    if not _ANY_DIGIT.search(text) and not re.search(r"(?i)midnight|noon|midday", text):
        return ()
    found: list[TimeMention] = []
    for m in _TIME.finditer(text):
        g = m.groupdict()
        if g["word"]:
            minute = 0 if fold(g["word"]) == "midnight" else 12 * 60
        elif g["ampm"]:
            hour = int(g["h"])
            if not 1 <= hour <= 12:
                continue
            pm = fold(g["ampm"]).startswith("p")
            minute = (hour % 12 + (12 if pm else 0)) * 60 + int(g["m"] or 0)
        elif g["h2"]:
            hour = int(g["h2"])
            if hour > 23:
                continue
            minute = hour * 60 + int(g["m2"])
        else:
            hour = int(g["h3"])
            if not 1 <= hour <= 12:
                continue
            minute = hour * 60
        qual = _TIME_QUALIFIERS.get(_SPACES.sub(" ", fold(g["qual"] or "")), "")
        # a bare "at" is no hedge: the mention starts at the time itself
        begin = m.start() if qual else _time_start(m)
        end = m.end()
        found.append(TimeMention(text[begin:end].rstrip(), begin, end, minute, qual))
    for m in _BARE_TIME.finditer(text):
        if any(t.start <= m.start("h") < t.end for t in found):
            continue
        hour = int(m.group("h"))
        if hour > 23:
            continue
        qual = _TIME_QUALIFIERS.get(_SPACES.sub(" ", fold(m.group("qual"))), "")
        begin = m.start() if qual else m.start("h")
        found.append(
            TimeMention(text[begin : m.end()], begin, m.end(), hour * 60 + int(m.group("m")), qual)
        )
    return tuple(sorted(found, key=lambda t: (t.start, t.end)))


# --------------------------------------------------------------------------- facets

# What a figure counts, told by the words around it rather than by its unit noun: "three
# workers died", "four people were killed", "15 were hurt", "the death toll rose to five"
# all answer "how many died" although no two share a unit. Stems (lower case, cut to 6
# letters as claims.terms cuts them), so inflections meet.
FACETS = {
    "dead": word_set(
        """died die dies dying dead death deaths killed kill kills killing fatalities
        fatality fatally toll lives bodies body perished drowned"""
    ),
    "injured": word_set(
        """injured injuring injuries injury hurt wounded wounding hospital hospitalised
        hospitalized treated casualties"""
    ),
    "missing": word_set("missing unaccounted"),
    "arrested": word_set("arrested arrests arrest detained detaining held"),
    "evacuated": word_set("evacuated evacuation evacuate displaced homeless rescued"),
}
_FACET_OF = {word: facet for facet, words in FACETS.items() for word in words}
# Events a time of day can mark, told the same way: "started at 3:40", "under control by 9".
TIME_FACETS = {
    "start": word_set(
        """started start starts began begin begins broke break erupted erupt ignited
        alarm raised reported spotted struck hit exploded explosion outbreak"""
    ),
    "end": word_set("control extinguished contained ended doused"),
}
_TIME_FACET_OF = {word: facet for facet, words in TIME_FACETS.items() for word in words}
_FACET_WORD = re.compile(r"[a-z]+")
# Where the words about one figure stop: the next clause or the next coordinated fact.
_CLAUSE_END = re.compile(r"[;:,()\u2013\u2014]|\s-\s|\b(?:and|but|while|whereas|when)\b")
FACET_AFTER = 6  # words after a figure read for its facet
FACET_BEFORE = 4  # words before it ("killed three", "death toll of five")


def facet(
    text: str,
    start: int,
    end: int,
    lo: int = 0,
    hi: int | None = None,
    table: dict[str, str] | None = None,
) -> str:
    """What the figure at ``text[start:end]`` counts, by a facet word near it: first the
    words after it (its own unit included) up to the clause's end, then the words before
    it; "" when none says. ``lo``/``hi`` bound the window (the neighbouring figures)."""
    table = _FACET_OF if table is None else table
    stop = len(text) if hi is None else hi
    after = text[start:stop]
    cut = _CLAUSE_END.search(after, end - start)
    words = _FACET_WORD.findall(fold(after[: cut.start() if cut else len(after)]))
    for word in words[: FACET_AFTER + len(text[start:end].split())]:
        if word in table:
            return table[word]
    return _facet_before(text[lo:start], FACET_BEFORE, table)


def _facet_before(before: str, words: int, table: dict[str, str]) -> str:
    """The facet of the nearest facet word among the last ``words`` of ``before``'s last
    clause, or ""."""
    marks = list(_CLAUSE_END.finditer(before))
    if marks:
        before = before[marks[-1].end() :]
    for word in reversed(_FACET_WORD.findall(fold(before))[-words:]):
        if word in table:
            return table[word]
    return ""


def time_facet(text: str, start: int, end: int) -> str:
    """The event a time of day marks ("start", "end"), or ""; see :func:`facet`. Before the
    time first: "broke out at 4 a.m.", "under control by 9 a.m."."""
    return _facet_before(text[:start], FACET_AFTER, _TIME_FACET_OF) or facet(
        text, start, end, table=_TIME_FACET_OF
    )
