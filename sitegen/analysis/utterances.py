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

import math
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..model import Article, ArticleText, Quote, QuoteOccurrence, Sentence
from . import names
from .claims import LINK, ScoredSentences, aligned_sentences, score_sentences
from .spans import QuoteSpan, find_spans
from .speakers import REPORTING_VERBS, attributions, people, quote_confidence
from .text import FUNCTION_WORDS, normalise, stem, unique_ids, wording_id
from .wordiff import near_spelling

THRESHOLD = 60.0  # pair score from which two occurrences are one utterance
_SPEAKER = "\0speaker:"  # the blocking key of a speaker's short quotations
BLOCK_MIN = 50  # occurrences: below this, every word may bring a pair to be scored
SHORT = 3  # words: a quotation this short is matched with its sentence as well


_SPACES = re.compile(r"\s+")
_POSSESSIVE_END = re.compile(r"'s?$")
_WORD = re.compile(r"\w+(?:'\w+)?")
_SLUG_WORD = re.compile(r"[a-z0-9]+")


def content_words(text: str, drop: frozenset[str] = frozenset()) -> frozenset[str]:
    """Content words of a text, stemmed and with name spellings folded; words in ``drop``
    (lower case, as written) are left out."""
    words = _WORD.findall(normalise(text))
    return frozenset(
        names.translit(stem(w)) or w for w in words if w not in FUNCTION_WORDS and w not in drop
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
    # the speaker is named in the quotation's own sentence ("Dahl said"), not found by a
    # pronoun or an earlier sentence: two such speakers who differ are two people
    explicit: bool = False
    # every content word of the article (one set shared by its occurrences)
    article_words: frozenset[str] = frozenset()


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


def same_person(a: str, b: str) -> bool:
    """Whether two speaker keys name one person: equal, or one misspelt ("Kowalczyk" /
    "Kowalcyk")."""
    return bool(a) and (a == b or near_spelling(a, b))


def pair_score(
    a: _Occ,
    b: _Occ,
    weight: Mapping[str, float],
    anchored: bool = False,
) -> float:
    """How surely two occurrences in different articles are one utterance, 0-100.

    ``anchored``: the two quotations sit among sentences the articles share (their own
    sentences, or the ones before or after them, are aligned), so the surrounding facts
    agree, which is what tells a second translation from a different remark.
    """
    same_speaker = bool(a.speaker_key and same_person(a.speaker_key, b.speaker_key))
    speakers_differ = bool(a.speaker_key and b.speaker_key and not same_speaker)
    if speakers_differ and a.explicit and b.explicit:
        # both sentences name their speaker, and not the same one: an official's words and
        # the filing they sum up are two utterances however alike they read
        return 0.0
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
            if same_speaker and short.explicit and short.context:
                # the person named beside the words said the longer quotation holding
                # them, and what the sentence says around them is told in the longer
                # one's article too (not a remark on another subject: "the harvest")
                covered = len(short.context & other.article_words) / len(short.context)
                if covered >= 0.5:
                    score = max(score, 55.0)
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
        elif score < 75.0 and not (anchored and same_speaker):
            return 0.0  # too few content words to back a loose character match
        if anchored and same_speaker and 0.5 <= a.words / b.words <= 2.0:
            # one person's statement among the same facts, in other words: a second
            # translation ("served its purpose" / "fulfilled its role") shares few words
            score += 20.0
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
    spans: Mapping[str, tuple[QuoteSpan, ...]] | None = None,
) -> list[_Occ]:
    """Every quotation of every article, attributed, with what grouping compares;
    ``spans``: each article's quotation spans (found here when not given)."""
    known = people(texts)
    out: list[_Occ] = []
    by_article: dict[str, list[Sentence]] = {}  # one pass, not one per article
    for s in sentences:
        by_article.setdefault(s.article, []).append(s)
    for order, (article, text) in enumerate(zip(articles, texts, strict=True)):
        article_words = content_words(text.text)
        own = sorted(by_article.get(text.article, ()), key=lambda s: s.index)
        starts = [s.start for s in own]
        found_spans = spans.get(text.article) if spans is not None else None
        spans_here = found_spans if found_spans is not None else find_spans(text)
        span_starts = [s.start for s in spans_here]
        found = attributions(text, own, spans_here, known)
        contexts: dict[tuple[int, str | None], tuple[frozenset[str], bool]] = {}
        for span, attribution in zip(spans_here, found, strict=True):
            speaker = attribution.speaker
            at = max(0, bisect_right(starts, max(span.start - 1, 0)) - 1)
            sentence = own[at] if own else None
            occ = QuoteOccurrence(
                article=article.id,
                text=span.text,
                start=span.start,
                end=span.end,
                sentence=sentence.index if sentence else 0,
                speaker=speaker,
                speaker_confidence=attribution.confidence,
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
                    masked = _masked_sentence(text.text, sentence, spans_here[lo:hi])
                named = bool(speaker) and names.fold(names.surname(speaker)) in names.fold(masked)
                contexts[key] = (_context(masked, speaker), named)
            context, named = contexts[key]
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
                    explicit=named,
                    article_words=article_words,
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


Aligned = frozenset[tuple[tuple[str, int], tuple[str, int]]]


def _anchored(a: _Occ, b: _Occ, aligned: Aligned) -> bool:
    """Whether the sentences holding two quotations, or those right before or after them,
    are aligned (a similar pair of sentences from the two articles)."""
    if not aligned:
        return False
    oa, ob = a.occurrence, b.occurrence
    return any(
        ((oa.article, oa.sentence + da), (ob.article, ob.sentence + db)) in aligned
        or ((ob.article, ob.sentence + db), (oa.article, oa.sentence + da)) in aligned
        for da in (-1, 0, 1)
        for db in (-1, 0, 1)
    )


def _contradict(a: _Occ, b: _Occ) -> bool:
    """Both sentences name their speaker, and not one person."""
    return bool(
        a.explicit
        and b.explicit
        and a.speaker_key
        and b.speaker_key
        and not same_person(a.speaker_key, b.speaker_key)
    )


def group(
    occs: Sequence[_Occ], aligned: Aligned = frozenset()
) -> tuple[list[list[int]], dict[tuple[int, int], float]]:
    """Clusters of occurrence indexes, best pairs merged first, one article per cluster,
    never two named speakers who differ in one cluster."""
    scored: list[tuple[float, int, int]] = []
    scores: dict[tuple[int, int], float] = {}
    weight = word_weights(occs)
    for a, b in _candidate_pairs(occs):
        s = pair_score(occs[a], occs[b], weight, _anchored(occs[a], occs[b], aligned))
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
        if any(_contradict(occs[x], occs[y]) for x in members[ca] for y in members[cb]):
            continue  # a chain through an unnamed speaker would join two people's words
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


def _speaker(members: Sequence[_Occ]) -> str | None:
    """The speaker most occurrences name; a person wins a tie over a body, then the first."""
    votes = Counter(o.occurrence.speaker for o in members if o.occurrence.speaker)
    if not votes:
        return None
    first = {}
    for o in members:
        first.setdefault(o.occurrence.speaker, (o.order, o.occurrence.start))
    return min(votes, key=lambda s: (-votes[s], len(s.split()) < 2, first[s]))


def _confidence(
    occ: _Occ, rep: _Occ, members: Sequence[_Occ], score: Callable[[int, int], float]
) -> float:
    """How sure the match of ``occ`` to the quote's other occurrences is, 0-1: its best
    pair score within the quote (the representative's included), rescaled so that the
    merge threshold is a third and 70 a half (:data:`POSSIBLE_MATCH`); 1 alone."""
    if len(members) == 1:
        return 1.0
    best = max(
        100.0 if m.norm == occ.norm else score(occ.index, m.index)
        for m in members
        if m.index != occ.index
    )
    best = max(best, score(occ.index, rep.index)) if occ.index != rep.index else best
    return round(min(1.0, max(0.0, (best - 40.0) / 60.0)), 2)


def build(occs: Sequence[_Occ], aligned: Aligned = frozenset()) -> tuple[Quote, ...]:
    """Quotes from grouped occurrences, most-quoted first, with stable ids."""
    clusters, scores = group(occs, aligned)

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
                    confidence=_confidence(o, rep, members, score),
                    speaker_confidence=o.occurrence.speaker_confidence,
                )
            )
        first = min((m.order, m.occurrence.start) for m in members)
        drafts.append((-len(members), first, speaker, rep.occurrence.text, tuple(occurrences)))
    drafts.sort(key=lambda d: (d[0], d[1]))
    # An id from the words alone, not the speaker: an attribution another outlet adds
    # would move the page. The same words quoted twice: the most quoted keeps the plain id.
    ids = unique_ids([wording_id(d[3]) for d in drafts])
    quotes: list[Quote] = []
    for (_, _, speaker, text, occurrences), qid in zip(drafts, ids, strict=True):
        quotes.append(
            Quote(
                id=qid,
                speaker=speaker,
                text=text,
                occurrences=occurrences,
                speaker_confidence=quote_confidence(speaker, occurrences),
            )
        )
    return tuple(quotes)


def find_quotes(
    articles: Sequence[Article],
    texts: Sequence[ArticleText],
    sentences: Sequence[Sentence],
    scored: ScoredSentences | None = None,
    spans: Mapping[str, tuple[QuoteSpan, ...]] | None = None,
) -> tuple[Quote, ...]:
    """Every direct quotation of a story, one entry per utterance.

    ``articles`` and ``texts`` are in the same order; ``sentences`` are all sentences of
    all articles; ``scored``, the story's sentence pairs (computed when not given), tells
    which sentences around two quotations are aligned. Quotes come most-quoted first,
    then in reading order.
    """
    scored = scored or score_sentences(articles, texts, sentences)
    aligned = aligned_sentences(scored, LINK)
    return build(occurrences(articles, texts, sentences, spans), aligned)
