"""One entry per utterance: quotations from several articles grouped into quotes.

Outlets quote the same words differently: another translation, a shorter cut, one or two
words of it, the comma inside or outside the marks. Two occurrences in different articles
are the same utterance when

* their wording matches once typography and case are folded (``fuzz.ratio``), or one is a
  contiguous stretch of the other (``partial_ratio``: a fragment), or they share most of
  their content words (a different translation or a paraphrase inside the marks);
* for a quotation of one to three words, the words match and so do the sentences around
  them, or, for the same speaker, the sentences around them match closely (one word
  translated two ways: "just" / "fair");
* the speakers do not contradict each other.

Pairs are merged best first, and a quote never takes two occurrences from one article
(the contract allows one per article): when one article splits an utterance in pieces,
each piece joins the matching piece of the other articles.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..model import Article, ArticleText, Quote, QuoteOccurrence, Sentence
from . import names
from .spans import QuoteSpan, find_spans
from .speakers import REPORTING_VERBS, attribute, people

# Typography that differs between outlets but not in wording: quote marks, dashes.
_FOLD = str.maketrans(
    "\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u00ab\u00bb"
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212",
    "'" * 5 + '"' * 6 + "-" * 7,
)
STOPWORDS = frozenset(
    """a an the and or but nor so yet of to in on at by for from with without into onto
    upon about as than then that this these those there here it its it's is are was were
    be been being am do does did doing have has had having will would shall should can
    could may might must i me my we us our you your he him his she her they them their
    what which who whom whose when where why how all any both each few more most other some
    such no not only own same too very just also again further once s t don't isn't
    aren't wasn't weren't won't wouldn't can't cannot if because while until over under
    up down out off""".split()  # noqa: SIM905 - a word list reads best as one string
)
THRESHOLD = 60.0  # pair score from which two occurrences are one utterance
_SPEAKER = "\0speaker:"  # the blocking key of a speaker's short quotations
BLOCK_MIN = 50  # occurrences: below this, every word may bring a pair to be scored
SHORT = 3  # words: a quotation this short is matched with its sentence as well


_SPACES = re.compile(r"\s+")
_POSSESSIVE_END = re.compile(r"'s?$")
_WORD = re.compile(r"\w+(?:'\w+)?")
_SLUG_WORD = re.compile(r"[a-z0-9]+")


def normalise(text: str) -> str:
    """Fold typography and case so that only wording is compared."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD).replace("\u2026", "...")
    text = _SPACES.sub(" ", text).strip().casefold()
    return text.strip(" \"'.,;:!?-")


def _stem(word: str) -> str:
    word = _POSSESSIVE_END.sub("", word)
    for suffix in ("ies", "es", "s"):
        if len(word) > 4 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def content_words(text: str, drop: frozenset[str] = frozenset()) -> frozenset[str]:
    """Content words of a text, stemmed and with name spellings folded; words in ``drop``
    (lower case, as written) are left out."""
    words = _WORD.findall(normalise(text))
    return frozenset(
        names.translit(_stem(w)) or w for w in words if w not in STOPWORDS and w not in drop
    )


def _context(sentence_text: str, speaker: str | None) -> frozenset[str]:
    """What a sentence says around its quotations, without the attribution itself: the
    speaker's name and reporting verbs are in every "X said" and tell utterances nothing."""
    context = content_words(sentence_text, REPORTING_VERBS)
    if speaker:
        context -= content_words(speaker)
    return context


@dataclass(frozen=True)
class _Occ:
    """An occurrence with what grouping compares."""

    index: int
    order: int  # position of the article in the story
    occurrence: QuoteOccurrence
    norm: str
    words: int
    content: frozenset[str]
    context: frozenset[str]
    speaker_key: str


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _weighted_overlap(
    a: frozenset[str], b: frozenset[str], weight: Mapping[str, float]
) -> tuple[float, float]:
    """Shared content words, each weighted by its rarity in the story: against the smaller
    set (a cut) and against both (a rendering). Words every quotation of the story uses
    ("security", "guarantees") say little about which utterance two quotations are."""
    # math.fsum is exact in any order: set order changes with the hash seed, and a last-bit
    # difference could flip a tie between two processes
    shared = math.fsum(map(weight.__getitem__, a & b))
    smaller = min(math.fsum(map(weight.__getitem__, a)), math.fsum(map(weight.__getitem__, b)))
    union = math.fsum(map(weight.__getitem__, a | b))
    return (shared / smaller if smaller else 0.0), (shared / union if union else 0.0)


def word_weights(occs: Sequence[_Occ]) -> dict[str, float]:
    """Inverse document frequency of each content word over the story's quotations."""
    df = Counter(w for o in occs for w in o.content)
    n = len(occs)
    return {w: math.log(1.0 + n / count) for w, count in df.items()}


def pair_score(a: _Occ, b: _Occ, weight: Mapping[str, float]) -> float:
    """How surely two occurrences in different articles are one utterance, 0-100."""
    speakers_differ = bool(a.speaker_key and b.speaker_key and a.speaker_key != b.speaker_key)
    same_speaker = bool(a.speaker_key and a.speaker_key == b.speaker_key)
    context = _overlap(a.context, b.context)
    short, other = (a, b) if a.words <= b.words else (b, a)
    if short.words <= SHORT:
        inside = short.content <= other.content if short.content else short.norm in other.norm
        if short.norm == other.norm:
            score = 70.0 + 30.0 * context
        elif inside and short.content and (fuzz.partial_ratio(short.norm, other.norm) >= 90):
            # a word or two inside a longer quotation: only when the sentence around it tells
            # what the longer one says (in its words or around them), or a common word would
            # join every quotation holding it
            told = _overlap(short.context, (other.content | other.context) - short.content)
            score = 45.0 + 55.0 * max(context, told)
        elif other.words <= SHORT and same_speaker and context >= 0.4:
            score = 40.0 + 60.0 * context
        else:
            return 0.0
    else:
        # two independent signals, averaged: the characters (whole wording, or a cut of it)
        # and the rare content words. Either alone sits near 50 for two different remarks
        # on one topic; a retyped, cut or retranslated remark scores on both.
        score = float(fuzz.ratio(a.norm, b.norm))
        if len(short.norm) >= 12 and len(short.norm) <= 0.8 * len(other.norm):
            score = max(score, float(fuzz.partial_ratio(short.norm, other.norm)))
        if min(len(a.content), len(b.content)) >= 3:
            shared, union = _weighted_overlap(a.content, b.content, weight)
            score = (score + 100.0 * (0.75 * shared + 0.25 * union)) / 2.0
        elif score < 75.0:
            return 0.0  # too few content words to back a loose character match
    if same_speaker:
        score += 10.0
    elif speakers_differ:
        # a short phrase from two different people is two utterances far more often than
        # one misattributed quotation
        score -= 30.0 if short.words >= 6 else 40.0
    return min(score, 100.0)


def _masked_sentence(body: str, sentence: Sentence, spans: Sequence[QuoteSpan]) -> str:
    """The sentence around a quotation, with every quotation in it blanked out.

    Built in one pass over the (sorted) spans: slicing the sentence again for each span
    was quadratic in a sentence holding many quotations."""
    pieces: list[str] = []
    at = sentence.start
    for span in spans:
        a, b = max(span.start, at), min(span.end, sentence.end)
        if a < b:
            pieces += (body[at:a], " " * (b - a))
            at = b
    pieces.append(body[at : sentence.end])
    return "".join(pieces)


def occurrences(
    articles: Sequence[Article],
    texts: Sequence[ArticleText],
    sentences: Sequence[Sentence],
) -> list[_Occ]:
    """Every quotation of every article, attributed, with what grouping compares."""
    known = people(texts)
    out: list[_Occ] = []
    by_article: dict[str, list[Sentence]] = {}  # one pass, not one per article
    for s in sentences:
        by_article.setdefault(s.article, []).append(s)
    for order, (article, text) in enumerate(zip(articles, texts, strict=True)):
        own = sorted(by_article.get(text.article, ()), key=lambda s: s.index)
        starts = [s.start for s in own]
        spans = find_spans(text)
        span_starts = [s.start for s in spans]
        speakers = attribute(text, own, spans, known)
        contexts: dict[tuple[int, str | None], frozenset[str]] = {}
        for span, speaker in zip(spans, speakers, strict=True):
            at = max(0, bisect_right(starts, max(span.start - 1, 0)) - 1)
            sentence = own[at] if own else None
            occ = QuoteOccurrence(
                article=article.id,
                text=span.text,
                start=span.start,
                end=span.end,
                sentence=sentence.index if sentence else 0,
                speaker=speaker,
            )
            # the same for every quotation of one sentence with one speaker: computed once
            # (a sentence may hold hundreds of quotations)
            key = (sentence.index if sentence else -1, speaker)
            if key not in contexts:
                masked = ""
                if sentence:
                    # only the quotations that start inside the sentence can blank part of it
                    lo = bisect_right(span_starts, sentence.start - 2)
                    hi = bisect_right(span_starts, sentence.end)
                    masked = _masked_sentence(text.text, sentence, spans[lo:hi])
                contexts[key] = _context(masked, speaker)
            context = contexts[key]
            norm = normalise(span.text)
            out.append(
                _Occ(
                    index=len(out),
                    order=order,
                    occurrence=occ,
                    norm=norm,
                    words=len(norm.split()),
                    content=content_words(span.text),
                    context=context,
                    speaker_key=names.person_key(speaker) if speaker else "",
                )
            )
    return out


def _candidate_pairs(occs: Sequence[_Occ]) -> list[tuple[int, int]]:
    """Pairs worth scoring: from different articles, sharing a rare-enough content word,
    or both short with one speaker (a word translated two ways shares no word)."""
    by_word: dict[str, list[int]] = {}
    for o in occs:
        for w in o.content:
            by_word.setdefault(w, []).append(o.index)
        if o.words <= SHORT and o.speaker_key:
            by_word.setdefault(_SPEAKER + o.speaker_key, []).append(o.index)
    pairs: set[tuple[int, int]] = set()
    # in a big story a word most quotations share pairs nearly everything with everything
    # and decides nothing; rarer shared words still bring the right pairs together
    crowded = max(BLOCK_MIN, len(occs) // 4)
    for word, members in sorted(by_word.items()):
        if len(members) > crowded and not word.startswith(_SPEAKER):
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if occs[a].order != occs[b].order:
                    pairs.add((a, b))
    return sorted(pairs)


def group(occs: Sequence[_Occ]) -> tuple[list[list[int]], dict[tuple[int, int], float]]:
    """Clusters of occurrence indexes, best pairs merged first, one article per cluster."""
    scored: list[tuple[float, int, int]] = []
    scores: dict[tuple[int, int], float] = {}
    weight = word_weights(occs)
    for a, b in _candidate_pairs(occs):
        s = pair_score(occs[a], occs[b], weight)
        scores[(a, b)] = s
        if s >= THRESHOLD:
            scored.append((s, a, b))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    cluster = {o.index: o.index for o in occs}
    members: dict[int, list[int]] = {o.index: [o.index] for o in occs}
    orders: dict[int, set[int]] = {o.index: {o.order} for o in occs}
    for _, a, b in scored:
        ca, cb = cluster[a], cluster[b]
        if ca == cb or orders[ca] & orders[cb]:
            continue
        keep, gone = min(ca, cb), max(ca, cb)
        for m in members[gone]:
            cluster[m] = keep
        members[keep].extend(members.pop(gone))
        orders[keep] |= orders.pop(gone)
    return [sorted(m) for _, m in sorted(members.items())], scores


def relation(occ: _Occ, rep: _Occ) -> tuple[str, float]:
    """How an occurrence stands to the representative wording, and how close it is."""
    if occ.index == rep.index or occ.norm == rep.norm:
        return "verbatim", 100.0
    ratio = float(fuzz.ratio(occ.norm, rep.norm))
    if ratio >= 90:
        return "near-verbatim", ratio
    if occ.words < rep.words:
        partial = float(fuzz.partial_ratio(occ.norm, rep.norm))
        if partial >= 90:
            return "fragment", partial
    return "rendering", round(max(ratio, float(fuzz.token_set_ratio(occ.norm, rep.norm))), 1)


def _slug(text: str, limit: int) -> str:
    words = _SLUG_WORD.findall(names.fold(normalise(text).replace("'", "")))
    return "-".join(words[:limit])


def _speaker(members: Sequence[_Occ]) -> str | None:
    """The speaker most occurrences name; a person wins a tie over a body, then the first."""
    votes = Counter(o.occurrence.speaker for o in members if o.occurrence.speaker)
    if not votes:
        return None
    first = {}
    for o in members:
        first.setdefault(o.occurrence.speaker, (o.order, o.occurrence.start))
    return min(votes, key=lambda s: (-votes[s], len(s.split()) < 2, first[s]))


def build(occs: Sequence[_Occ]) -> tuple[Quote, ...]:
    """Quotes from grouped occurrences, most-quoted first, with stable ids."""
    clusters, scores = group(occs)

    def score(a: int, b: int) -> float:
        return scores.get((min(a, b), max(a, b)), 0.0)

    drafts = []
    for cluster in clusters:
        members = [occs[i] for i in cluster]
        rep = max(
            members,
            key=lambda o: (
                sum(score(o.index, m.index) for m in members),
                o.words,
                -o.order,
            ),
        )
        speaker = _speaker(members)
        occurrences = []
        for o in sorted(members, key=lambda m: (m.order, m.occurrence.start)):
            rel, sim = relation(o, rep)
            occurrences.append(
                QuoteOccurrence(
                    article=o.occurrence.article,
                    text=o.occurrence.text,
                    start=o.occurrence.start,
                    end=o.occurrence.end,
                    sentence=o.occurrence.sentence,
                    speaker=o.occurrence.speaker,
                    relation=rel,
                    score=round(sim, 1),
                )
            )
        first = min((m.order, m.occurrence.start) for m in members)
        drafts.append((-len(members), first, speaker, rep.occurrence.text, tuple(occurrences)))
    drafts.sort(key=lambda d: (d[0], d[1]))
    quotes: list[Quote] = []
    used: Counter[str] = Counter()
    for _, _, speaker, text, occurrences in drafts:
        who = _slug(names.surname(speaker), 3) if speaker else "unattributed"
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
        base = "-".join(p for p in (who, _slug(text, 6), digest) if p)
        used[base] += 1
        qid = base if used[base] == 1 else f"{base}-{used[base]}"
        quotes.append(Quote(id=qid, speaker=speaker, text=text, occurrences=occurrences))
    return tuple(quotes)


def find_quotes(
    articles: Sequence[Article],
    texts: Sequence[ArticleText],
    sentences: Sequence[Sentence],
) -> tuple[Quote, ...]:
    """Every direct quotation of a story, one entry per utterance.

    ``articles`` and ``texts`` are in the same order; ``sentences`` are all sentences of
    all articles. Quotes come most-quoted first, then in reading order.
    """
    return build(occurrences(articles, texts, sentences))
