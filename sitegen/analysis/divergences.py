"""Where articles covering the same point differ.

Comparisons are made inside *comparison groups*: the sources of each shared claim, and
every other pair of closely similar sentences from two articles (a sentence that lost its
place in a claim to a better match still says something about the same point). Inside a
group the detectors compare

* numbers, normalised (``10%`` = ``10 percent``; ``five hours`` vs ``more than five``);
* dates, resolved against each article's publication date (``Monday`` and ``the 15th of
  December`` name one day written two ways; two different days are a conflict);
* places named after a locative preposition (``in Geneva`` vs ``in Vienna``);
* wording, where two sources are renderings of one sentence and swap a few words.

Across whole articles they compare how each person is named (spelling, via
:mod:`sitegen.analysis.names`) and described (``former President``, ``dictator`` vs ``President``),
the wording of each shared quotation, and which widely carried claims an article omits.
Every variant text is an exact substring of its article's text.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from babel import Locale
from rapidfuzz import fuzz

from ..model import Article, ArticleText, Claim, Divergence, Quote, Sentence, Variant
from . import names
from .claims import ScoredSentences, similar_pairs, terms
from .quantities import (
    DATE_WORDS,
    FACETS,
    NUMBER_WORDS,
    DateMention,
    Quantity,
    TimeMention,
    comparable,
    dates,
    facet,
    quantities,
    same_amount,
    time_facet,
    times,
)
from .text import STOP_WORDS, fold, stable_id, word_set
from .wordiff import changed_words, near_spelling, word_diff

# A claim carried by at least this share of the story's articles is one a reader expects;
# an article without it has an omission worth showing.
OMISSION_SHARE = 0.6
# Sentence pairs at least this similar (weighted dice) are compared even across claims.
PAIR = 0.26
# Two renderings of one sentence: similar enough that word swaps are wording, not content.
RENDERING = 60
SWAP_WORDS = 4  # a rendering swaps short phrases; a longer change is a rewrite
# Qualifiers that change a title's meaning without changing the role.
TITLE_QUALIFIERS = word_set("former ex acting interim late then outgoing incoming")
LOCATIVE = word_set("in at to near outside inside")
# Content words either side of a figure or date that show two mentions are about one thing.
CONTEXT_WORDS = 5
CONTEXT_SPAN = 300  # characters looked at on each side of a mention for those words
SAME_POINT = 2  # shared context terms; one common word ("talks") is not enough


@dataclass(frozen=True)
class _Found:
    """A divergence before ids: variants keyed by article, one per article."""

    kind: str
    about: str
    variants: tuple[Variant, ...]
    claim: str | None = None
    note: str = ""


@dataclass(frozen=True)
class _Context:
    texts: dict[str, str]
    order: dict[str, int]
    published: dict[str, date | None]
    sentences: dict[tuple[str, int], Sentence]
    # what each sentence mentions, worked out once: a sentence sits in many groups
    figures: dict[tuple[str, int], tuple[Quantity, ...]]
    days: dict[tuple[str, int], tuple[DateMention, ...]]
    places: dict[tuple[str, int], tuple[tuple[int, int, str], ...]]
    persons: dict[tuple[str, int], tuple[names.Mention, ...]]
    # context terms around each figure and date, keyed by (article, sentence, start, end)
    near_words: dict[tuple[str, int, int, int], frozenset[str]]
    # what each figure counts ("dead", "injured", ...; "" when no word near it says),
    # keyed like near_words, and each sentence's times of day
    facets: dict[tuple[str, int, int, int], str] = field(default_factory=dict)
    clocks: dict[tuple[str, int], tuple[TimeMention, ...]] = field(default_factory=dict)
    # what the detectors compare: the story's sentences in order, its claims and quotes,
    # the similar sentence pairs, and every person's mentions grouped by person
    sentence_list: Sequence[Sentence] = ()
    claims: Sequence[Claim] = ()
    quotes: Sequence[Quote] = ()
    pairs: Sequence[tuple[Sentence, Sentence, float]] = ()
    people: Mapping[str, list[_Naming]] = field(default_factory=dict)


def _variant(ctx: _Context, sentence: Sentence, start: int, end: int) -> Variant:
    """A variant for ``sentence.text[start:end]``, checked against the article's text."""
    a, b = sentence.start + start, sentence.start + end
    text = ctx.texts[sentence.article][a:b]
    if text != sentence.text[start:end]:
        raise ValueError(f"sentence offsets of {sentence.article} do not match its text")
    return Variant(article=sentence.article, text=text, sentence=sentence.index)


# --------------------------------------------------------------------------- groups


def _groups(
    ctx: _Context, claims: Sequence[Claim], pairs: Sequence[tuple[Sentence, Sentence, float]]
) -> list[tuple[str | None, str, list[Sentence]]]:
    """Comparison groups: (claim id, claim text, one sentence per article)."""
    groups: list[tuple[str | None, str, list[Sentence]]] = []
    together: set[tuple[tuple[str, int], tuple[str, int]]] = set()
    for claim in claims:
        if not claim.shared:
            continue
        members = [ctx.sentences[(s.article, s.sentence)] for s in claim.sources]
        groups.append((claim.id, claim.text, members))
        keys = [(s.article, s.index) for s in members]
        together.update((a, b) for a in keys for b in keys)
    for a, b, _ in pairs:
        if ((a.article, a.index), (b.article, b.index)) not in together:
            groups.append((None, a.text, [a, b]))
    return groups


def _about(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _context(text: str, start: int, end: int) -> frozenset[str]:
    """Content terms near a mention (same clause side), the mention itself excluded."""
    # the clause side runs from the last ; : , ( before the mention to the first ; : , )
    # after it (found with rfind and find, not by splitting the whole sentence)
    # ... and no further than CONTEXT_SPAN characters: CONTEXT_WORDS terms lie well within
    # it, and a clause without punctuation made this quadratic in the sentence's length
    low, high = max(0, start - CONTEXT_SPAN), min(len(text), end + CONTEXT_SPAN)
    opened = max(low - 1, *(text.rfind(mark, low, start) for mark in ";:,("))
    closed = min((at for mark in ";:,)" if (at := text.find(mark, end, high)) >= 0), default=high)
    if opened == low - 1 and low > 0:  # cut inside a word: start after it
        space = text.find(" ", low, start)
        opened = space if space >= 0 else start - 1
    if closed == high < len(text):
        closed = max(text.rfind(" ", end, high), end)
    before = terms(text[opened + 1 : start])[-CONTEXT_WORDS:]
    after = terms(text[end:closed])[:CONTEXT_WORDS]
    return frozenset(before) | frozenset(after)


def _same_point(
    ctx: _Context, a: Sentence, sa: tuple[int, int], b: Sentence, sb: tuple[int, int]
) -> bool:
    """Whether two mentions sit among the same words, so they answer the same question."""
    near_a = ctx.near_words[(a.article, a.index, *sa)]
    near_b = ctx.near_words[(b.article, b.index, *sb)]
    return len(near_a & near_b) >= SAME_POINT


# --------------------------------------------------------------------------- numbers


def _numbers(ctx: _Context, claim: str | None, about: str, group: list[Sentence]) -> list[_Found]:
    found = []
    per = [(s, ctx.figures[(s.article, s.index)]) for s in group]
    for i, (sa, qa) in enumerate(per):
        for sb, qb in per[i + 1 :]:
            for x in qa:
                for y in qb:
                    fx = ctx.facets.get((sa.article, sa.index, x.start, x.end), "")
                    fy = ctx.facets.get((sb.article, sb.index, y.start, y.end), "")
                    if (
                        comparable(x, y)
                        and not (fx and fy and fx != fy)  # the dead against the injured
                        and not same_amount(x, y)
                        and _same_point(ctx, sa, (x.start, x.end), sb, (y.start, y.end))
                    ):
                        note = f"{x.text} vs {y.text}"
                        found.append(
                            _Found(
                                "number",
                                f"Figure in: {_about(about)}",
                                (
                                    _variant(ctx, sa, x.start, x.end),
                                    _variant(ctx, sb, y.start, y.end),
                                ),
                                claim,
                                note,
                            )
                        )
    return found


def _hedged_figures(ctx: _Context, sentences: Sequence[Sentence]) -> list[_Found]:
    """The same figure of the same thing hedged differently (``five hours`` vs ``more than
    five hours``) in two articles: the figure itself shows it is the same point, however
    differently the sentences around it are worded."""
    by_figure: dict[tuple[str, float], list[tuple[Sentence, Quantity]]] = defaultdict(list)
    for s in sentences:
        for q in ctx.figures[(s.article, s.index)]:
            if q.unit and q.unit != "share" and not q.vague:
                by_figure[(q.unit, q.value)].append((s, q))
    found = []
    for key in sorted(by_figure):
        # one mention per article and hedge: repeats inside an article add nothing
        firsts: dict[tuple[str, str], tuple[Sentence, Quantity]] = {}
        for s, q in by_figure[key]:
            firsts.setdefault((s.article, q.qualifier), (s, q))
        mentions = [firsts[k] for k in sorted(firsts)]
        for i, (sa, x) in enumerate(mentions):
            for sb, y in mentions[i + 1 :]:
                if sa.article != sb.article and x.qualifier != y.qualifier:
                    found.append(
                        _Found(
                            "number",
                            f"Figure in: {_about(sa.text)}",
                            (_variant(ctx, sa, x.start, x.end), _variant(ctx, sb, y.start, y.end)),
                            None,
                            f"{x.text} vs {y.text}",
                        )
                    )
    return found


# --------------------------------------------------------------------------- facts

# The headline figures of an event, however each outlet words the sentence: an outlet
# that says "three workers died" and one that says "four people lost their lives" differ
# on the death toll although the two sentences share almost no words.
FACT_LABELS = {
    "dead": "How many died",
    "injured": "How many were injured",
    "missing": "How many are missing",
    "arrested": "How many were arrested",
    "evacuated": "How many were evacuated or displaced",
}
TIME_LABELS = {"start": "When it started (time of day)", "end": "When it ended (time of day)"}
# Words after a number that make it a count of people ("three workers"), or that are the
# facet itself ("15 injured"); any other noun ("four stations", "34-year-old") counts
# something else.
PEOPLE = word_set(
    """people person persons worker workers resident residents civilian civilians child
    children adult adults woman women man men passenger passengers crew firefighter
    firefighters officer officers soldier soldiers police policemen employee employees
    staff student students patient patients victim victims miner miners tourist tourists
    migrant migrants member members guest guests visitor visitors others other more
    protesters protester fighters fighter pupils pupil teenagers teenager boys girls boy
    girl babies baby infants infant villagers locals inmates prisoners sailors fishermen"""
)
_TAIL_WORD = re.compile(r"[a-z]+")
FACET_WORDS = frozenset().union(*FACETS.values())
# the number and its hedge, in front of what it counts
_NOT_TAIL = NUMBER_WORDS | word_set("and of a an more than less fewer at least about around some")


def _counts_people(q: Quantity) -> bool:
    """Whether a figure counts people (or says nothing of what it counts)."""
    if q.unit in ("percent", "share") or q.vague:
        return False
    tail = [w for w in _TAIL_WORD.findall(fold(q.text)) if w not in _NOT_TAIL]
    return not tail or tail[0] in PEOPLE or tail[0] in FACET_WORDS


def _facts(ctx: _Context, sentences: Sequence[Sentence]) -> list[_Found]:
    """Each article's first figure for each facet (the dead, the injured...) and first
    time of each event (start, end), compared across all articles: a difference is kept
    when two articles give values that the other never mentions."""
    ordered = sorted(sentences, key=lambda s: (ctx.order.get(s.article, 0), s.index))
    counts: dict[str, dict[str, list[tuple[Sentence, Quantity]]]] = defaultdict(dict)
    clocks: dict[str, dict[str, list[tuple[Sentence, TimeMention]]]] = defaultdict(dict)
    for s in ordered:
        for q in ctx.figures[(s.article, s.index)]:
            kind = ctx.facets.get((s.article, s.index, q.start, q.end), "")
            if kind and _counts_people(q):
                counts[kind].setdefault(s.article, []).append((s, q))
        for t in ctx.clocks.get((s.article, s.index), ()):
            kind = time_facet(s.text, t.start, t.end)
            if kind:
                clocks[kind].setdefault(s.article, []).append((s, t))
    found = []
    for kind in sorted(counts):
        found += _fact_conflict(ctx, "number", FACT_LABELS[kind], counts[kind], _figure_value)
    for kind in sorted(clocks):
        found += _fact_conflict(ctx, "date", TIME_LABELS[kind], clocks[kind], _clock_value)
    return found


def _figure_value(q: Quantity | TimeMention) -> tuple[float, str]:
    return (q.value, q.qualifier) if isinstance(q, Quantity) else (float(q.minute), "")


def _clock_value(t: Quantity | TimeMention) -> tuple[float, str]:
    return (float(t.minute), t.qualifier) if isinstance(t, TimeMention) else (t.value, "")


def _shown(m: Quantity | TimeMention) -> str:
    """A value as compared: "03:40", "about 04:00", "over 3" (at least three), "12"."""
    if isinstance(m, TimeMention):
        return m.clock
    return f"{m.qualifier} {m.value:g}".strip()


def _fact_conflict(
    ctx: _Context,
    kind: str,
    about: str,
    per_article: Mapping[str, Sequence[tuple[Sentence, Quantity | TimeMention]]],
    value: Callable[[Quantity | TimeMention], tuple[float, str]],
) -> list[_Found]:
    if len(per_article) < 2:
        return []
    values = {a: {value(m)[0] for _, m in ms} for a, ms in per_article.items()}
    firsts = {a: ms[0] for a, ms in per_article.items()}
    articles = sorted(per_article, key=lambda a: ctx.order.get(a, 0))
    # two articles disagree when each gives a first value the other never mentions
    clash = any(
        value(firsts[a][1])[0] not in values[b] and value(firsts[b][1])[0] not in values[a]
        for i, a in enumerate(articles)
        for b in articles[i + 1 :]
    )
    if not clash:
        return []
    variants = tuple(_variant(ctx, s, m.start, m.end) for s, m in (firsts[a] for a in articles))
    note = " vs ".join(dict.fromkeys(_shown(firsts[a][1]) for a in articles))
    return [_Found(kind, about, variants, None, note)]


# --------------------------------------------------------------------------- dates


_DATE_LEAD = re.compile(r"^(?:on|the)\s+")


def _date_key(text: str) -> str:
    return _DATE_LEAD.sub("", fold(text))


def _dates(ctx: _Context, claim: str | None, about: str, group: list[Sentence]) -> list[_Found]:
    found = []
    per = [(s, [d for d in ctx.days[(s.article, s.index)] if d.day]) for s in group]
    for i, (sa, da) in enumerate(per):
        for sb, db in per[i + 1 :]:
            for x in da:
                for y in db:
                    if x.precision != y.precision or not _same_point(
                        ctx, sa, (x.start, x.end), sb, (y.start, y.end)
                    ):
                        continue
                    kx, ky = _date_key(x.text), _date_key(y.text)
                    if x.day == y.day and (kx in ky or ky in kx):
                        continue  # "Tuesday" / "Tuesday morning": one day, one way
                    if x.day == y.day:
                        note = f"same day ({x.day.isoformat()}), written differently"
                    else:
                        # two different days only conflict when neither sentence also
                        # names the other's day
                        if any(d.day == y.day for d in da) or any(d.day == x.day for d in db):
                            continue
                        note = f"{x.day.isoformat()} vs {y.day.isoformat()}"
                    found.append(
                        _Found(
                            "date",
                            f"Date in: {_about(about)}",
                            (_variant(ctx, sa, x.start, x.end), _variant(ctx, sb, y.start, y.end)),
                            claim,
                            note,
                        )
                    )
    return found


# --------------------------------------------------------------------------- places


_ASCII_WORD = re.compile(r"[A-Za-z]+")
# Countries and larger regions ("Germany", "Western Europe", "European Union"), from the
# CLDR's English territory names that Babel ships (kept up to date there, not here), with
# the short forms news writing uses. A city and a country may be one place seen at two
# scales ("talks in Berlin" and "talks in Germany"), so a country is compared only with
# another country; two cities, or two countries, that differ do conflict.
_REGION_ALIASES = (
    "Britain",
    "Great Britain",
    "England",
    "Scotland",
    "Wales",
    "Northern Ireland",
    "America",
    "Holland",
    "Middle East",
    "West",
)


def _region_names() -> frozenset[str]:
    english = Locale("en").territories.values()
    return frozenset(names.fold(n) for n in (*english, *_REGION_ALIASES))


REGIONS = _region_names()


def _places(
    sentence: Sentence, mentions: Sequence[names.Mention], candidates: Sequence[names.Mention]
) -> tuple[tuple[int, int, str], ...]:
    """Capitalised non-person names right after a locative preposition (``mentions``: the
    persons the sentence names, ``candidates``: its capitalised phrases)."""
    persons = [(m.start, m.end) for m in mentions]
    out = []
    for cand in candidates:
        name = names.fold(cand.name)
        if (
            any(s <= cand.start < e for s, e in persons)
            or cand.title
            or cand.role
            or cand.possessive
            or name in DATE_WORDS  # "in May": a time, not a place
        ):
            continue
        before = sentence.text[max(0, cand.start - 16) : cand.start]
        words = _ASCII_WORD.findall(before)
        if words and words[-1].lower() == "the":
            words = words[:-1]
        if words and words[-1].lower() in LOCATIVE:
            out.append((cand.start, cand.end, name))
    return tuple(out)


def _place_conflicts(
    ctx: _Context, claim: str | None, about: str, group: list[Sentence]
) -> list[_Found]:
    found = []
    per = [(s, ctx.places[(s.article, s.index)]) for s in group]
    for i, (sa, pa) in enumerate(per):
        for sb, pb in per[i + 1 :]:
            # most sentences name no place: fold the texts only for pairs that both do
            if not pa or not pb or {p[2] for p in pa} == {p[2] for p in pb}:
                continue
            text_a, text_b = fold(sa.text), fold(sb.text)
            only_a = [p for p in pa if p[2] not in text_b]
            only_b = [p for p in pb if p[2] not in text_a]
            # the first two places of one scale: a city against a city, a country
            # against a country (a city and a country may be one place)
            both = [(x, y) for x in only_a for y in only_b if _one_scale(x[2], y[2])]
            if both:
                x, y = both[0]
                found.append(
                    _Found(
                        "place",
                        f"Place in: {_about(about)}",
                        (_variant(ctx, sa, x[0], x[1]), _variant(ctx, sb, y[0], y[1])),
                        claim,
                        f"{x[2]} vs {y[2]}",
                    )
                )
    return found


def _one_scale(a: str, b: str) -> bool:
    """Whether two folded place names are both countries (or larger) or both not."""
    return (a in REGIONS) == (b in REGIONS)


# --------------------------------------------------------------------------- wording


def _content(words: Sequence[str]) -> list[str]:
    return [w for w in words if w not in STOP_WORDS and not w.isdigit()]


def _substitutions(a: str, b: str) -> list[str] | None:
    """Word swaps between two renderings of one sentence, as "old words / new words".

    None when the two are not renderings of one sentence: some change replaces more than
    a short phrase, so the sentences were written apart, not translated or retouched.
    """
    diff = word_diff(a, b)
    # each change's words, worked out once: a deletion and the insertion after it are
    # read on their own and again as a pair
    words: dict[int, tuple[tuple[str, ...], tuple[str, ...]]] = {}

    def changed(n: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if n not in words:
            words[n] = changed_words((diff[n],))
        return words[n]

    out = []
    for n, (op, _) in enumerate(diff):
        if op == "equal":
            continue
        gone, new = changed(n)
        if len(gone) > SWAP_WORDS or len(new) > SWAP_WORDS:
            return None
        if op != "delete" or n + 1 >= len(diff) or diff[n + 1][0] != "insert":
            continue
        gone, new = changed(n)[0], changed(n + 1)[1]
        if len(gone) > SWAP_WORDS or len(new) > SWAP_WORDS:
            return None
        if _content(gone) and _content(new) and not _same_stems(gone, new):
            out.append(_swap_note(gone, new))
    return out


def _same_stems(gone: Sequence[str], new: Sequence[str]) -> bool:
    """Spelling-only swaps (transliterations, Defence/Defense) are not wording."""
    a = [w[:5] for w in _content(gone)]
    b = [w[:5] for w in _content(new)]
    return a == b or " ".join(gone).replace(" ", "") == " ".join(new).replace(" ", "")


def _wording(ctx: _Context, claims: Sequence[Claim]) -> list[_Found]:
    """Shared claims whose sources render one sentence with a few words swapped."""
    found = []
    for claim in claims:
        if not claim.shared:
            continue
        sources = [ctx.sentences[(s.article, s.sentence)] for s in claim.sources]
        rep = next((s for s in sources if s.text == claim.text), sources[0])
        variants = [_variant(ctx, rep, 0, len(rep.text))]
        notes = []
        for other in sources:
            if other is rep or other.text == rep.text:
                continue  # the same words (wire copy) swap nothing
            if fuzz.token_sort_ratio(fold(rep.text), fold(other.text)) < RENDERING:
                continue
            swaps = _substitutions(rep.text, other.text)
            if swaps:  # None (rewritten) and [] (same words) are no wording divergence
                variants.append(_variant(ctx, other, 0, len(other.text)))
                notes.append(f"{other.article}: " + "; ".join(swaps))
        if len(variants) >= 2:
            found.append(
                _Found(
                    "other",
                    f"Wording of: {_about(claim.text)}",
                    tuple(variants),
                    claim.id,
                    " | ".join(notes),
                )
            )
    return found


# --------------------------------------------------------------------------- quotes


def _swap_note(gone: Sequence[str], new: Sequence[str], most: int = 8) -> str:
    """ "old / new" for a few changed words; a count when a rendering differs throughout."""
    if len(gone) + len(new) > most:
        return f"{len(gone)} words out, {len(new)} in"
    return f"{' '.join(gone) or '∅'} / {' '.join(new) or '∅'}"


def _quote_wording(ctx: _Context, quotes: Sequence[Quote]) -> list[_Found]:
    found = []
    for quote in quotes:
        occs = list(quote.occurrences)
        if len(occs) < 2:
            continue
        base = occs[0]
        notes = []
        for occ in occs[1:]:
            if occ.text == base.text:
                continue  # verbatim: no word changed
            gone, new = changed_words(word_diff(base.text, occ.text))
            if gone or new:
                notes.append(f"{occ.article}: {_swap_note(gone, new)}")
        if not notes:
            continue  # the same words, at most typography or punctuation apart
        variants = []
        for occ in occs:
            text = ctx.texts[occ.article][occ.start : occ.end]
            if text != occ.text:
                raise ValueError(f"quote offsets of {occ.article} do not match its text")
            variants.append(Variant(occ.article, text, occ.sentence))
        found.append(
            _Found(
                "quote-wording",
                f"Wording of the quote: {_about(quote.text)}",
                tuple(variants),
                quote.id,
                "; ".join(notes),
            )
        )
    return found


# --------------------------------------------------------------------------- people


@dataclass(frozen=True)
class _Naming:
    article: str
    sentence: Sentence
    start: int  # in sentence
    end: int
    surname: str  # as written
    spelling: str  # surname folded for case only
    descriptor: str  # normalised words in front of the name ("former president"), or ""
    given: str = ""  # the folded given name, "" when only the surname is written


_DESCRIPTOR_STOP = word_set(
    """a an the and or of with by for from to in on at as that which who whom his her its
    their our my your this these those said says told added was were is are has have had
    be been will would not also while when where after before during under over including
    like than then but if so"""
)


_DESCRIPTOR_WORD = re.compile(r"[^\W\d_][\w\-]*(?:[’']s)?\.?")
_POSSESSIVE_END = re.compile(r"[’']s$")


def _descriptor(text: str, start: int) -> tuple[int, str]:
    """Words right before a name that describe the person: (start offset, folded words)."""
    before = text[:start]
    words = list(_DESCRIPTOR_WORD.finditer(before))
    taken: list[re.Match[str]] = []
    pos = start
    for m in reversed(words):
        gap = text[m.end() : pos]
        if gap.strip():
            break  # punctuation between: not part of the same phrase
        word = m.group().rstrip(".")
        if _POSSESSIVE_END.search(word) or fold(word) in _DESCRIPTOR_STOP:
            break
        taken.insert(0, m)
        pos = m.start()
        if len(taken) == 4:
            break
    kept = [
        fold(m.group().rstrip("."))
        for m in taken
        if fold(m.group().rstrip(".")) not in names.DEMONYMS and not names.acronym(m.group())
    ]
    return (taken[0].start() if taken else start), " ".join(kept)


def _namings(ctx: _Context, sentences: Sequence[Sentence]) -> dict[str, list[_Naming]]:
    """Every person mention in every sentence, grouped by person key."""
    people: dict[str, list[_Naming]] = defaultdict(list)
    for s in sentences:
        for m in ctx.persons[(s.article, s.index)]:
            key = names.person_key(m.name)
            if not key:
                continue
            surname = names.surname(m.name)
            head = m.start
            if m.title:
                head = s.text.rfind(m.title, 0, m.start)
                head = m.start if head < 0 else head
            d_start, words = _descriptor(s.text, head)
            title = fold(m.title).rstrip(".") if m.title else ""
            descriptor = " ".join(w for w in (words, title) if w)
            start = min(d_start, head)
            words = names.strip_title(m.name)[1].split()
            given = fold(words[0]) if len(words) >= 2 else ""
            people[key].append(
                _Naming(s.article, s, start, m.end, surname, fold(surname), descriptor, given)
            )
    return _near_spellings(people)


def _near_spellings(people: dict[str, list[_Naming]]) -> dict[str, list[_Naming]]:
    """Join the namings of one person whose surname an article misspells.

    Two keys are one person when some naming under each gives the same given name, the
    surnames are a letter or two apart (:func:`near_spelling`), and no article writes
    both (an article naming both is naming two people).
    """
    by_given: dict[str, set[str]] = defaultdict(set)
    for key, namings in people.items():
        for n in namings:
            if n.given:
                by_given[n.given].add(key)
    parent = {key: key for key in people}

    def root(key: str) -> str:
        while parent[key] != key:
            key = parent[key]
        return key

    articles = {key: {n.article for n in namings} for key, namings in people.items()}
    for given in sorted(by_given):
        keys = sorted(by_given[given])
        for i, a in enumerate(keys):
            for b in keys[i + 1 :]:
                if near_spelling(a, b) and not articles[a] & articles[b]:
                    ra, rb = root(a), root(b)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
    if all(parent[k] == k for k in parent):
        return people
    joined: dict[str, list[_Naming]] = defaultdict(list)
    for key in sorted(people):
        joined[root(key)].extend(people[key])
    return dict(joined)


def _spellings(ctx: _Context, people: dict[str, list[_Naming]]) -> list[_Found]:
    found = []
    for key in sorted(people):
        by_article: dict[str, _Naming] = {}
        for n in people[key]:
            by_article.setdefault(n.article, n)
        firsts = sorted(by_article.values(), key=lambda n: ctx.order.get(n.article, 0))
        written: list[str] = []
        for n in firsts:
            if n.spelling not in [fold(w) for w in written]:
                written.append(n.surname)
        if len(firsts) < 2 or len(written) < 2:
            continue
        found.append(
            _Found(
                "name",
                "Spelling of the name " + " / ".join(written),
                tuple(_variant(ctx, n.sentence, n.start, n.end) for n in firsts),
                None,
                " / ".join(written),
            )
        )
    return found


def _written_name(namings: Sequence[_Naming]) -> str:
    """The surname as most namings write it (ties: the first in reading order)."""
    counts: dict[str, int] = defaultdict(int)
    for n in namings:
        counts[n.surname] += 1
    return max(counts, key=lambda w: (counts[w], -[n.surname for n in namings].index(w)))


# Gendered and neutral forms of one role are the same title.
_SAME_ROLE = {
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "chairman": "chair",
    "chairwoman": "chair",
    "chairperson": "chair",
    "congressman": "representative",
    "congresswoman": "representative",
    "advisor": "adviser",
}


def _head(descriptor: str) -> str:
    words = [w for w in descriptor.split() if w not in TITLE_QUALIFIERS]
    return _SAME_ROLE.get(words[-1], words[-1]) if words else ""


def _descriptors(ctx: _Context, people: dict[str, list[_Naming]]) -> list[_Found]:
    found = []
    for key in sorted(people):
        described = [n for n in people[key] if _head(n.descriptor)]
        by_label: dict[str, dict[str, _Naming]] = defaultdict(dict)
        for n in described:
            label = " ".join(w for w in n.descriptor.split() if w in TITLE_QUALIFIERS)
            label = f"{label} {_head(n.descriptor)}".strip()
            by_label[label].setdefault(n.article, n)
        articles = {n.article for n in described}
        if len(by_label) < 2 or len(articles) < 2:
            continue
        # labels that only some articles use, against the label most articles use
        common = max(by_label, key=lambda lab: (len(by_label[lab]), lab))
        for label in sorted(by_label):
            if label == common:
                continue
            odd = by_label[label]
            heads = {_head(label), _head(common)}
            roles = names.TITLE_HEADS | names.ROLE_NOUNS
            kind = "title" if heads <= roles or _head(label) == _head(common) else "framing"
            variants = []
            used = set()
            for n in sorted(odd.values(), key=lambda n: ctx.order.get(n.article, 0)):
                variants.append(_variant(ctx, n.sentence, n.start, n.end))
                used.add(n.article)
            for n in sorted(by_label[common].values(), key=lambda n: ctx.order.get(n.article, 0)):
                if n.article not in used:
                    variants.append(_variant(ctx, n.sentence, n.start, n.end))
                    used.add(n.article)
            found.append(
                _Found(
                    kind,
                    f"How {_written_name(people[key])} is described",
                    tuple(variants),
                    None,
                    f"{label} vs {common}",
                )
            )
    return found


# --------------------------------------------------------------------------- omissions


def _omissions(
    ctx: _Context, claims: Sequence[Claim], sentences: Sequence[Sentence]
) -> list[_Found]:
    articles = sorted(ctx.order, key=lambda a: ctx.order[a])
    if len(articles) < 3:
        return []
    words = {(s.article, s.index): frozenset(terms(s.text)) for s in sentences}
    # each article's sentences by index, with their words: a claim is measured against
    # every sentence of each article that lacks it
    by_article: dict[str, list[Sentence]] = defaultdict(list)
    for s in sorted(sentences, key=lambda s: s.index):
        by_article[s.article].append(s)
    words_of = {a: [words[(s.article, s.index)] for s in group] for a, group in by_article.items()}

    def nearest(claim: Claim, article: str) -> Sentence | None:
        """The article's sentence sharing most content words with the claim's sources
        (the first such sentence when several share as many; none when none shares any)."""
        said = frozenset().union(*(words[(s.article, s.sentence)] for s in claim.sources))
        shared = [len(said & w) for w in words_of.get(article, ())]
        most = max(shared, default=0)
        return by_article[article][shared.index(most)] if most else None

    # a sentence can serve two claims; an article carries a claim too when one of the
    # claim's sentences shares another claim with a sentence of that article
    claims_of: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for claim in claims:
        for src in claim.sources:
            claims_of[(src.article, src.sentence)].append(claim)
    found = []
    for claim in claims:
        carried = {
            other_src.article
            for src in claim.sources
            for other in claims_of[(src.article, src.sentence)]
            for other_src in other.sources
        }
        missing = [a for a in articles if a not in carried]
        if not missing or len(claim.sources) < max(2, OMISSION_SHARE * len(articles)):
            continue
        variants = [
            _variant(ctx, ctx.sentences[(s.article, s.sentence)], 0, len(s.text))
            for s in claim.sources
        ]
        for art in missing:
            sentence = nearest(claim, art)
            if sentence is not None:
                variants.append(_variant(ctx, sentence, 0, len(sentence.text)))
        found.append(
            _Found(
                "omission",
                f"Not reported by every article: {_about(claim.text)}",
                tuple(sorted(variants, key=lambda v: ctx.order.get(v.article, 0))),
                claim.id,
                "missing from " + ", ".join(missing),
            )
        )
    return found


# --------------------------------------------------------------------------- assembly


def _merge(found: list[_Found], order: dict[str, int]) -> list[_Found]:
    """Join findings of one kind on one point into one divergence, one variant per article.

    Two findings join when they share a variant (same article, same text), so pairwise
    comparisons (A vs B, A vs C) become one divergence over A, B and C.
    """
    parent = list(range(len(found)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[tuple[str, str, int | None, str, str | None], int] = {}
    for i, f in enumerate(found):
        for v in f.variants:
            key = (
                f.kind,
                v.article,
                v.sentence,
                v.text,
                f.claim if f.kind in ("other", "omission") else None,
            )
            if key in seen:
                parent[root(i)] = root(seen[key])
            else:
                seen[key] = i
    groups: dict[int, list[_Found]] = defaultdict(list)
    for i, f in enumerate(found):
        groups[root(i)].append(f)
    merged = []
    for members in groups.values():
        variants: dict[str, Variant] = {}
        notes: dict[str, None] = {}  # in order, once each: a list's `in` was quadratic
        for f in members:
            for v in f.variants:
                variants.setdefault(v.article, v)
            if f.note:
                notes.setdefault(f.note)
        first = members[0]
        merged.append(
            _Found(
                first.kind,
                first.about,
                tuple(
                    sorted(variants.values(), key=lambda v: (order.get(v.article, 0), v.article))
                ),
                first.claim,
                "; ".join(notes),
            )
        )
    return merged


def _aligned_points(ctx: _Context) -> list[_Found]:
    """Figures, dates and places compared within each group of sentences on one point."""
    found: list[_Found] = []
    for claim_id, about, group in _groups(ctx, ctx.claims, ctx.pairs):
        found += _numbers(ctx, claim_id, about, group)
        found += _dates(ctx, claim_id, about, group)
        # also two sentences on one point that ended up in different claims ("before the
        # meeting in Brussels" when the others say Berlin): the article may carry the
        # point twice, and its other sentence took the place in the claim
        found += _place_conflicts(ctx, claim_id, about, group)
    return found


# The divergence detectors, in the order they run (as markdown-it-py's rule lists): each
# reads the story's context and returns what it found; find_divergences merges them.
DETECTORS: tuple[tuple[str, Callable[[_Context], list[_Found]]], ...] = (
    # the facts first: a pairwise finding that joins one of them takes its label
    ("facts", lambda ctx: _facts(ctx, ctx.sentence_list)),
    ("aligned points", _aligned_points),
    ("hedged figures", lambda ctx: _hedged_figures(ctx, ctx.sentence_list)),
    ("wording", lambda ctx: _wording(ctx, ctx.claims)),
    ("quote wording", lambda ctx: _quote_wording(ctx, ctx.quotes)),
    ("spellings", lambda ctx: _spellings(ctx, dict(ctx.people))),
    ("descriptors", lambda ctx: _descriptors(ctx, dict(ctx.people))),
    ("omissions", lambda ctx: _omissions(ctx, ctx.claims, ctx.sentence_list)),
)


KIND_ORDER = (
    "name",
    "title",
    "framing",
    "place",
    "date",
    "number",
    "quote-wording",
    "other",
    "omission",
)


def find_divergences(
    articles: Sequence[Article],
    texts: Sequence[ArticleText],
    sentences: Sequence[Sentence],
    claims: Sequence[Claim],
    quotes: Sequence[Quote],
    scored: ScoredSentences | None = None,
) -> tuple[Divergence, ...]:
    """Every point on which the story's articles differ, with each article's variant:
    what each of :data:`DETECTORS` finds, in order, merged."""
    order = {a.id: i for i, a in enumerate(articles)}
    for t in texts:
        order.setdefault(t.article, len(order))
    published = {a.id: a.published_date for a in articles}
    figures = {(s.article, s.index): quantities(s.text) for s in sentences}
    days = {(s.article, s.index): dates(s.text, published.get(s.article)) for s in sentences}
    near_words = {
        (s.article, s.index, m.start, m.end): _context(s.text, m.start, m.end)
        for s in sentences
        for m in days[(s.article, s.index)]
    }
    for s in sentences:
        for q in figures[(s.article, s.index)]:
            # the words a figure counts are part of it ("about 12,000 registered members"):
            # they say what it answers as much as the words around it do
            counted = frozenset(w for w in terms(q.text) if not w[0].isdigit())
            near_words[(s.article, s.index, q.start, q.end)] = (
                _context(s.text, q.start, q.end) | counted
            )
    # each sentence's capitalised phrases and persons, found once and together (mentions
    # reads the candidates just found): places and namings both need them, and a story
    # has more sentences than names keeps in its caches
    persons: dict[tuple[str, int], tuple[names.Mention, ...]] = {}
    places: dict[tuple[str, int], tuple[tuple[int, int, str], ...]] = {}
    for s in sentences:
        candidates = names.candidates(s.text)
        known = scored.mentions.get((s.article, s.index)) if scored else None
        persons[(s.article, s.index)] = names.mentions(s.text) if known is None else known
        places[(s.article, s.index)] = _places(s, persons[(s.article, s.index)], candidates)
    facets = {}
    for s in sentences:
        found_q = figures[(s.article, s.index)]
        for i, q in enumerate(found_q):
            lo = found_q[i - 1].end if i else 0
            hi = found_q[i + 1].start if i + 1 < len(found_q) else None
            facets[(s.article, s.index, q.start, q.end)] = facet(s.text, q.start, q.end, lo, hi)
    ctx = _Context(
        texts={t.article: t.text for t in texts},
        order=order,
        published=published,
        sentences={(s.article, s.index): s for s in sentences},
        figures=figures,
        days=days,
        places=places,
        persons=persons,
        near_words=near_words,
        facets=facets,
        clocks={(s.article, s.index): times(s.text) for s in sentences},
    )
    ctx = replace(
        ctx,
        sentence_list=sentences,
        claims=claims,
        quotes=quotes,
        pairs=similar_pairs(articles, texts, sentences, PAIR, scored),
    )
    ctx = replace(ctx, people=_namings(ctx, sentences))
    found = [f for _name, detect in DETECTORS for f in detect(ctx)]
    out = []
    seen: set[tuple[str, tuple[Variant, ...]]] = set()
    for f in _merge(found, order):
        if len({v.article for v in f.variants}) < 2 or (f.kind, f.variants) in seen:
            continue  # one point shown once, even when two claims share its sentences
        seen.add((f.kind, f.variants))
        parts = [f.kind] + [f"{v.article}:{v.sentence}:{v.text}" for v in f.variants]
        out.append(
            Divergence(
                id=stable_id(f"{f.kind} {f.about}", parts),
                about=f.about,
                kind=f.kind,
                variants=f.variants,
                claim=f.claim,
                note=f.note,
            )
        )
    out.sort(key=lambda d: (KIND_ORDER.index(d.kind), d.about, d.id))
    return tuple(out)
