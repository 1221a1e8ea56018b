"""When each outlet published, and which carried a claim first (issue 19, point 4).

A publication time comes in one of four strengths, and the order says no more than they
allow:

- a date-time with its UTC offset: an instant, shown in UTC with the offset it was
  published with;
- a date-time without an offset: taken as stated (read as UTC, the only reading that adds
  nothing), and shown with "time zone not given";
- a date alone: a day, in some zone nobody gave. It is before or after a timed article
  only when their days differ: on the same day it could be either. "Same day" counts both
  the day the timed article gave and its UTC day, which differ near midnight;
- nothing: it could be any time, so it is never known to be before or after anything.

A claim's first carrier is asserted only when one article is known to be before every
other carrier; otherwise the articles that could each be first are named and the reason
given. Nothing here reads the clock: the same articles give the same timeline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..model import Claim
from .i18n import Translations

if TYPE_CHECKING:
    from .views import Column

Stamp = date | datetime | None

# What a publication time gives (Moment.kind).
TIMED = "timed"  # a date-time with its UTC offset
NAIVE = "naive"  # a date-time without one: read as UTC, said to be without a zone
DAY = "day"  # a date alone: time not given
NONE = "none"  # no date at all

# How two moments compare (compare()).
BEFORE, AFTER, SAME, UNKNOWN = "before", "after", "same", "unknown"

# Why a claim's first carrier cannot be told (ClaimOrder.reason).
TIE = "tie"  # two or more published at the same minute, the earliest
SAME_DAY = "same-day"  # one gives only the day, the day of the earliest time given
UNDATED = "undated"  # one gives no date, so it could be first


@dataclass(frozen=True)
class Moment:
    """One article's publication time, as strong as it was given."""

    kind: str  # TIMED | NAIVE | DAY | NONE
    stated: Stamp  # as the article gave it
    utc: datetime | None = None  # the instant in UTC (TIMED), or the stated time read as UTC

    @property
    def offset(self) -> timedelta | None:
        """The UTC offset the article was published with (TIMED only)."""
        if self.kind == TIMED and isinstance(self.stated, datetime):
            return self.stated.utcoffset()
        return None

    @property
    def day(self) -> date | None:
        """The day a timeline lists it under: its UTC day when it has a time."""
        if self.utc is not None:
            return self.utc.date()
        return self.stated if isinstance(self.stated, date) else None

    @property
    def local_day(self) -> date | None:
        """The day as the article gave it (its own zone's day)."""
        if isinstance(self.stated, datetime):
            return self.stated.date()
        return self.stated

    @property
    def days(self) -> frozenset[date]:
        """Every calendar day this moment can be said to fall on: a timed article's own
        day and its UTC day (one day, or two near midnight); a date's one day."""
        return frozenset(d for d in (self.local_day, self.day) if d is not None)

    @property
    def iso(self) -> str | None:
        """ISO 8601 as stated: with its offset, without one, or a date alone."""
        return self.stated.isoformat() if self.stated is not None else None


def moment(stated: Stamp) -> Moment:
    if isinstance(stated, datetime):
        if stated.utcoffset() is None:
            return Moment(NAIVE, stated, stated.replace(tzinfo=timezone.utc))
        return Moment(TIMED, stated, stated.astimezone(timezone.utc))
    if isinstance(stated, date):
        return Moment(DAY, stated)
    return Moment(NONE, None)


def compare(a: Moment, b: Moment) -> str:
    """Whether ``a`` is known to be BEFORE or AFTER ``b``, at the SAME instant, or
    UNKNOWN: either has no date, or one gives only a day that the other can fall on."""
    if a.kind == NONE or b.kind == NONE:
        return UNKNOWN
    if a.utc is not None and b.utc is not None:
        return BEFORE if a.utc < b.utc else AFTER if a.utc > b.utc else SAME
    if a.days & b.days:
        return UNKNOWN
    # One of them is a single day, and a timed moment's days are consecutive, so the
    # sets lie wholly on one side of each other.
    return BEFORE if max(a.days) < min(b.days) else AFTER


def sort_key(m: Moment, index: int) -> tuple[int, int, int, float, int]:
    """Timeline order: by day; in a day the timed articles by time, then the ones giving
    only that day (shown apart, not as later); undated last; ties in story order."""
    if m.kind == NONE or m.day is None:
        return (1, 0, 0, 0.0, index)
    if m.utc is not None:
        return (0, m.day.toordinal(), 0, m.utc.timestamp(), index)
    return (0, m.day.toordinal(), 1, 0.0, index)


# --------------------------------------------------------------------------- articles


@dataclass(frozen=True)
class Entry:
    article: str
    moment: Moment


@dataclass(frozen=True)
class Day:
    day: date
    timed: tuple[Entry, ...]  # by UTC time; a time without a zone read as UTC
    untimed: tuple[Entry, ...]  # giving only this day: not placed among the timed ones


@dataclass(frozen=True)
class Timeline:
    days: tuple[Day, ...]
    undated: tuple[Entry, ...]  # no date given: listed last

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Every article in timeline order."""
        return (*(e for d in self.days for e in (*d.timed, *d.untimed)), *self.undated)

    @property
    def zone_not_given(self) -> bool:
        return any(e.moment.kind == NAIVE for e in self.entries)

    @property
    def counts(self) -> Mapping[str, int]:
        """How many articles give each strength of time (TIMED, NAIVE, DAY, NONE)."""
        out = dict.fromkeys((TIMED, NAIVE, DAY, NONE), 0)
        for e in self.entries:
            out[e.moment.kind] += 1
        return out


def timeline(published: Sequence[tuple[str, Stamp]]) -> Timeline:
    """The articles ``(id, published)``, given in story order, in timeline order."""
    entries = [(Entry(a, moment(p)), i) for i, (a, p) in enumerate(published)]
    entries.sort(key=lambda e: sort_key(e[0].moment, e[1]))
    days: dict[date, tuple[list[Entry], list[Entry]]] = {}
    undated = []
    for entry, _ in entries:
        day = entry.moment.day
        if day is None:
            undated.append(entry)
            continue
        timed, untimed = days.setdefault(day, ([], []))
        (timed if entry.moment.utc is not None else untimed).append(entry)
    return Timeline(tuple(Day(d, tuple(t), tuple(u)) for d, (t, u) in days.items()), tuple(undated))


# --------------------------------------------------------------------------- claims

# Delay.kind: how much later than the reference carrier an article carried the claim.
FIRST = "first"  # the reference, known to be first
EARLIEST = "earliest"  # the reference, when which came first cannot be told
EARLIEST_DAY = "earliest-day"  # the same, giving only its day
MINUTES = "minutes"  # both timed: ``minutes`` later (earlier when negative)
DAYS = "days"  # one gives only a day, on another day: ``days`` later (earlier when negative)
SAME_TIME = "same-time"  # at the same minute
SAME_DAY_DELAY = "same-day"  # the same day, and one of them gives no time
NO_DATE = "no-date"  # no date given


@dataclass(frozen=True)
class Delay:
    kind: str
    minutes: int = 0
    days: int = 0
    zone_not_given: bool = False  # a time without a zone was read as UTC to measure it


@dataclass(frozen=True)
class Carrier:
    article: str
    moment: Moment
    delay: Delay  # from the claim's reference carrier


@dataclass(frozen=True)
class ClaimOrder:
    """When each article carried one claim."""

    claim: str
    carriers: tuple[Carrier, ...]  # the reference first, then in timeline order
    first: str | None  # the article known to be first; None when it cannot be told
    candidates: tuple[str, ...]  # the articles that could each be first
    reason: str = ""  # why not, when ``first`` is None: TIE | SAME_DAY | UNDATED

    @property
    def reference(self) -> Carrier | None:
        """The carrier the delays are measured from: the first, or else the earliest time
        (or day) given among those that could be first; None when none gives a date."""
        if self.carriers and self.carriers[0].delay.kind in (FIRST, EARLIEST, EARLIEST_DAY):
            return self.carriers[0]
        return None


def delay(reference: Moment, other: Moment) -> Delay:
    """How much later ``other`` is than ``reference``."""
    if other.kind == NONE or reference.kind == NONE:
        return Delay(NO_DATE)
    relation = compare(reference, other)
    if relation == UNKNOWN:
        return Delay(SAME_DAY_DELAY)
    if reference.utc is not None and other.utc is not None:
        minutes = int((other.utc - reference.utc).total_seconds() // 60)
        naive = NAIVE in (reference.kind, other.kind)
        if minutes == 0:
            return Delay(SAME_TIME, zone_not_given=naive)
        return Delay(MINUTES, minutes=minutes, zone_not_given=naive)
    # One gives only a day: count calendar days between the days as each gave them.
    assert reference.local_day is not None and other.local_day is not None
    return Delay(DAYS, days=(other.local_day - reference.local_day).days)


def _possible_firsts(moments: Sequence[Moment]) -> list[int]:
    """The positions of the moments no other is known to be BEFORE (see :func:`compare`),
    from three minima rather than comparing every pair: a story's claims times its
    articles make this the timeline's inner loop."""
    timed = [m.utc for m in moments if m.utc is not None]
    days = [m.local_day for m in moments if m.kind == DAY and m.local_day is not None]
    ends = [max(m.days) for m in moments if m.days]
    earliest = min(timed, default=None)
    first_day = min(days, default=None)
    first_end = min(ends, default=None)
    out = []
    for i, m in enumerate(moments):
        if m.kind == NONE:
            out.append(i)  # nothing is known to be before an undated article
        elif m.utc is not None:
            # after an earlier time, or after a date alone on an earlier day
            if m.utc == earliest and not (first_day is not None and first_day < min(m.days)):
                out.append(i)
        elif first_end is None or not first_end < max(m.days):
            out.append(i)  # a date alone: after anything whose every day is earlier
    return out


def claim_order(claim: str, carriers: Sequence[tuple[str, Stamp]]) -> ClaimOrder:
    """The order of one claim's carriers ``(article id, published)``, in story order."""
    moments = [(a, moment(p)) for a, p in carriers]
    candidates = [(i, *moments[i]) for i in _possible_firsts([m for _, m in moments])]
    # Delays are measured from the earliest time given among the possible firsts, else the
    # earliest day: a true statement ("2 h after X") whichever of them came first.
    timed = [c for c in candidates if c[2].utc is not None]
    dated = [c for c in candidates if c[2].kind != NONE]
    pool = timed or dated
    ref = min(pool, key=lambda c: sort_key(c[2], c[0])) if pool else None
    known = len(candidates) == 1 and ref is not None
    reason = ""
    if not known:
        kinds = {c[2].kind for c in candidates}
        reason = UNDATED if NONE in kinds else SAME_DAY if DAY in kinds else TIE
    rest = sorted(
        (sort_key(m, i), a, m) for i, (a, m) in enumerate(moments) if ref is None or a != ref[1]
    )
    out = []
    if ref is not None:
        unknown = EARLIEST if ref[2].utc is not None else EARLIEST_DAY
        out.append(Carrier(ref[1], ref[2], Delay(FIRST if known else unknown)))
    for _, a, m in rest:
        out.append(Carrier(a, m, delay(ref[2], m) if ref is not None else Delay(NO_DATE)))
    return ClaimOrder(
        claim,
        tuple(out),
        ref[1] if known and ref is not None else None,
        tuple(c[1] for c in candidates),
        reason,
    )


# --------------------------------------------------------------------------- a story

# The timeline page lists claims until it has shown this many carriers (five or six
# elements each), so a story with hundreds of shared claims still makes a page a phone
# loads; every claim's own page shows its order.
PAGE_CARRIERS = 400


def story_timeline(cols: Sequence[Column]) -> Timeline:
    return timeline([(c.id, c.article.published) for c in cols])


def story_order(cols: Sequence[Column]) -> ClaimOrder:
    """Every article's delay after the story's first (or earliest given) article."""
    return claim_order("", [(c.id, c.article.published) for c in cols])


def claim_orders(claims: Sequence[Claim], cols: Sequence[Column]) -> dict[str, ClaimOrder]:
    """Each claim's order, its carriers in the story's article order (the tie-break)."""
    at = {c.id: i for i, c in enumerate(cols)}
    published = {c.id: c.article.published for c in cols}
    out = {}
    for claim in claims:
        ids = sorted((s.article for s in claim.sources if s.article in at), key=at.__getitem__)
        out[claim.id] = claim_order(claim.id, [(a, published[a]) for a in ids])
    return out


def by_first_appearance(
    orders: Sequence[ClaimOrder], most: int = PAGE_CARRIERS
) -> tuple[tuple[ClaimOrder, ...], int]:
    """Claims in the order they entered the coverage (their reference carrier's time;
    ties in the order given, claims with no date last), cut once ``most`` carriers are
    shown; and how many claims were left out."""

    def key(item: tuple[int, ClaimOrder]) -> tuple[int, int, int, float, int]:
        index, order = item
        ref = order.reference
        return sort_key(ref.moment if ref else Moment(NONE, None), index)

    ranked = [order for _, order in sorted(enumerate(orders), key=key)]
    shown, carriers = [], 0
    for order in ranked:
        carriers += len(order.carriers)
        if carriers > most and shown:
            break
        shown.append(order)
    return tuple(shown), len(ranked) - len(shown)


# --------------------------------------------------------------------------- words


def _clock(value: datetime) -> str:
    return value.strftime("%H:%M")


def _offset(value: timedelta) -> str:
    sign = "-" if value < timedelta(0) else "+"
    minutes = abs(int(value.total_seconds() // 60))
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _time(iso: str, text: str) -> Markup:
    return Markup('<time datetime="{}">{}</time>').format(iso, text)


def when(m: Moment, t: Translations, brief: bool = False) -> Markup:
    """A publication time for the reader: in UTC, saying so, with the time as published
    where it had an offset other than UTC's; or what is missing. ``brief`` leaves out
    "time not given" after a date where the text beside it says so already."""
    if m.kind == NONE or m.day is None:
        return t("timeline.date_not_given")
    day = t.date(m.day)
    if m.kind == DAY:
        return _time(
            m.day.isoformat(), day if brief else t.text("timeline.time_not_given", date=day)
        )
    assert m.utc is not None and isinstance(m.stated, datetime)
    if m.kind == NAIVE:
        text = t.text("timeline.zone_not_given", date=day, time=_clock(m.stated))
        return _time(m.stated.isoformat(), text)
    utc = _time(
        m.utc.strftime("%Y-%m-%dT%H:%MZ"),
        t.text("timeline.utc", date=day, time=_clock(m.utc)),
    )
    offset = m.offset
    if not offset:
        return utc
    own = _clock(m.stated) + " UTC" + _offset(offset)
    if m.stated.date() != m.utc.date():
        own = t.text("timeline.own_day", date=t.date(m.stated.date()), time=own)
    return utc + Markup(" ") + t("timeline.as_published", time=_time(m.stated.isoformat(), own))


def span(minutes: int, t: Translations) -> str:
    """A length of time: "25 min", "2 h 25 min", "1 d 3 h"."""
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    if days:
        key = "timeline.span_days" if hours else "timeline.span_days_even"
    elif hours:
        key = "timeline.span_hours" if mins else "timeline.span_hours_even"
    else:
        key = "timeline.span_minutes"
    return t.text(key, d=days, h=hours, m=mins)


def delay_text(d: Delay, t: Translations) -> str:
    """How much later, in words: "+2 h 25 min", "next day", "same day, time not given"."""
    if d.kind == MINUTES:
        text = t.text(
            "timeline.later" if d.minutes > 0 else "timeline.earlier",
            span=span(abs(d.minutes), t),
        )
    elif d.kind == DAYS:
        if d.days == 1:
            text = t.text("timeline.next_day")
        elif d.days == -1:
            text = t.text("timeline.previous_day")
        elif d.days > 0:
            text = t.text("timeline.days_later", d.days)
        else:
            text = t.text("timeline.days_earlier", -d.days)
    else:
        text = t.text(
            {
                FIRST: "timeline.first",
                EARLIEST: "timeline.earliest",
                EARLIEST_DAY: "timeline.earliest_day",
                SAME_TIME: "timeline.same_time",
                SAME_DAY_DELAY: "timeline.same_day",
            }.get(d.kind, "timeline.date_not_given")
        )
    if d.zone_not_given:
        text = t.text("timeline.zone_read_as_utc", text=text)
    return text


def _bound(day: Day, timed: Entry | None, t: Translations) -> Markup:
    """One end of a story's span: the timed article's time, or only the day when an
    article of that day gives no time (it could be earlier, or later, than any)."""
    if timed is None or day.untimed:
        return _time(day.day.isoformat(), t.date(day.day))
    return when(timed.moment, t)


def story_span(line: Timeline, t: Translations) -> Markup:
    """When a story's articles were published, in a sentence or two, for its page."""
    counts = line.counts
    parts = []
    if line.days:
        first, last = line.days[0], line.days[-1]
        start = _bound(first, first.timed[0] if first.timed else None, t)
        end = _bound(last, last.timed[-1] if last.timed else None, t)
        # one article, or one day some article gives no time for: one moment to name
        if start == end:
            parts.append(t("timeline.story_at", first=start))
        else:
            parts.append(t("timeline.story_span", first=start, last=end))
    if counts[DAY]:
        parts.append(t("timeline.story_untimed", counts[DAY]))
    if counts[NONE]:
        parts.append(t("timeline.story_undated", counts[NONE]))
    return Markup(" ").join(parts)


def verdict(
    order: ClaimOrder,
    labels: Mapping[str, str],
    t: Translations,
    first_key: str = "timeline.first_is",
) -> Markup:
    """Who was first, or why that cannot be told and who could each be ("" when no
    article gives anything to compare)."""
    if order.first is not None:
        return t(first_key, outlet=labels[order.first])
    if not order.reason:
        return Markup("")
    names = t.text("format.list").join(labels[a] for a in order.candidates)
    # how many of those that could be first give only a day, or no date (the reason)
    kind = {SAME_DAY: DAY, UNDATED: NONE}.get(order.reason)
    n = sum(1 for c in order.carriers if c.article in order.candidates and c.moment.kind == kind)
    return t("timeline.unknown_" + order.reason, n, outlets=names)
