"""Correct stage: the editor's corrections.yaml applied to a story's analysis.

It runs between analyse and render, on the analysis as the cache keeps it (uncorrected),
so an edited corrections file re-renders a story without analysing it again. Every
correction names an article and words from it, never an analysis id: references are
resolved here, against the analysis of this build, and one that matches no quotation or
sentence, or several, is a content error with its line and the nearest matches.

Grouping corrections (``same``, ``apart``, ``not_a_quote``, ``not_a_claim``) work on
occurrences (an article's quotation, keyed by its start) and sentences (an article's
sentence, keyed by its index), which new articles and new analyses leave in place:

1. what ``not_a_quote``/``not_a_claim`` names leaves its group;
2. each ``apart``, in file order, moves a reference out of a group that holds an earlier
   reference of it into a group of its own;
3. each ``same``, in file order, merges the groups of its references; an article's other
   occurrence in the merged group, which no ``same`` named, leaves it (one per article);
4. an ``apart`` pair that ends up together is a contradiction, as is anything that names
   what a ``not_a_*`` removed, and two ``speaker``/``statement`` values for one group.

Everything is a pure function of the analysis and the corrections: the same file gives
the same result, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

from ..errors import ContentError, ContentErrors
from ..model import (
    Applied,
    Claim,
    ClaimSource,
    Correction,
    Divergence,
    Quote,
    QuoteOccurrence,
    Ref,
    Sentence,
    Site,
    Story,
    StoryAnalysis,
)
from .speakers import quote_confidence
from .text import fold, unique_ids, wording_id

# --------------------------------------------------------------------------- folding


def _ref_words(text: str) -> str:
    """A reference's words: quotation marks pasted around them are not part of them."""
    return fold(text).strip("\"' ")


def clip(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# --------------------------------------------------------------------------- references

K = TypeVar("K", bound=Hashable)
T = TypeVar("T", Quote, Claim)


@dataclass(frozen=True)
class _Item(Generic[K]):
    key: K
    text: str
    folded: str


class _Problems:
    def __init__(self, story: Story) -> None:
        self.path = story.corrections.path if story.corrections else story.path
        self.found: list[ContentError] = []

    def add(self, line: int, message: str, hint: str = "") -> None:
        self.found.append(ContentError(self.path, line, message, hint))


def _find(items: Sequence[_Item[K]], ref: Ref) -> tuple[list[_Item[K]], str]:
    """The items of the referenced article holding the reference's words (one only, if
    one of them is exactly those words), and the words folded."""
    words = _ref_words(ref.text)
    hits = [item for item in items if words in item.folded]
    exact = [item for item in hits if item.folded.strip("\"' ") == words]
    return (exact if len(exact) == 1 else hits), words


def _nearest(items: Sequence[_Item[K]], words: str, limit: int = 3) -> str:
    choices = [item.folded for item in items]
    best = process.extract(words, choices, scorer=fuzz.partial_ratio, limit=limit)
    return "; ".join(f"“{clip(items[index].text)}”" for _, _, index in best)


def _resolve(
    index: Mapping[str, Sequence[_Item[K]]], ref: Ref, what: str, problems: _Problems
) -> K | None:
    """The one item of ``what`` (quotation | sentence) the reference names, or None after
    saying why not."""
    items = index.get(ref.article, ())
    hits, words = _find(items, ref)
    if len(hits) == 1:
        return hits[0].key
    shown = f"“{clip(ref.text)}”"
    if not hits:
        near = _nearest(items, words)
        problems.add(
            ref.line,
            f"no {what} in article {ref.article!r} contains {shown}",
            f"nearest: {near}" if near else f"article {ref.article!r} has no {what}s",
        )
    else:
        listed = "; ".join(f"“{clip(item.text)}”" for item in hits[:3])
        problems.add(
            ref.line,
            f"{shown} is in {len(hits)} {what}s of article {ref.article!r}",
            f"quote more of the words to name one: {listed}",
        )
    return None


# --------------------------------------------------------------------------- grouping


@dataclass
class _Grouping(Generic[K]):
    """Groups of keys (occurrences or sentences) as the corrections leave them."""

    groups: list[list[K]]
    article: Callable[[K], str]
    owner: dict[K, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for index, members in enumerate(self.groups):
            for key in members:
                self.owner.setdefault(key, index)  # a claim's second home stays put

    def remove(self, key: K) -> None:
        for members in self.groups:
            if key in members:
                members.remove(key)
        self.owner.pop(key, None)

    def alone(self, key: K) -> None:
        """Move ``key`` into a group of its own."""
        if key in self.owner:
            self.groups[self.owner[key]].remove(key)
        self.owner[key] = len(self.groups)
        self.groups.append([key])

    def merge(self, keys: Sequence[K], pinned: set[K]) -> tuple[bool, list[K]]:
        """Merge the groups of ``keys``; whether anything moved, and the keys of articles
        that had two occurrences in the merged group and no ``same`` for them (each is
        left alone). A key in no group yet starts one."""
        for key in keys:
            if key not in self.owner:
                self.alone(key)
        target = self.owner[keys[0]]
        moved = False
        for key in keys[1:]:
            source = self.owner[key]
            if source == target:
                continue
            moved = True
            for member in self.groups[source]:
                self.owner[member] = target
            self.groups[target].extend(self.groups[source])
            self.groups[source] = []
        evicted: list[K] = []
        seen: dict[str, K] = {}
        for member in sorted(self.groups[target], key=lambda k: (k not in pinned, str(k))):
            article = self.article(member)
            if article in seen:
                evicted.append(member)
            else:
                seen[article] = member
        for member in evicted:
            self.alone(member)
        return moved, evicted


@dataclass
class _Log:
    """What one correction did, before the final ids are known."""

    correction: Correction
    summary: str
    changed: list[Hashable] = field(default_factory=list)  # keys whose groups it changed
    checked: list[Hashable] = field(default_factory=list)  # keys it found already right
    ids: list[str] = field(default_factory=list)  # divergences, known by id


def _regroup(
    grouping: _Grouping[K],
    entries: Sequence[tuple[Correction, tuple[K, ...]]],
    removal: str,
    noun: str,
    problems: _Problems,
) -> dict[int, _Log]:
    """Steps 1-4 of the module's description on one grouping; a log per correction line."""
    logs: dict[int, _Log] = {}
    removed: dict[K, int] = {}
    for correction, keys in entries:
        if correction.action == removal:
            for key in keys:
                removed.setdefault(key, correction.line)
                grouping.remove(key)
            logs[correction.line] = _Log(correction, "", changed=list(keys))
    kept = []
    for correction, keys in entries:
        gone = [removed[k] for k in keys if k in removed]
        if correction.action != removal and gone:
            problems.add(
                correction.line,
                f"names a {noun} that `{removal}` on line {gone[0]} removes",
                "keep one of the two corrections",
            )
        elif correction.action != removal:
            kept.append((correction, keys))
    entries = kept
    aparts = [(c, k) for c, k in entries if c.action == "apart"]
    for correction, keys in aparts:
        for key in keys:
            if key not in grouping.owner:
                grouping.alone(key)  # a sentence no claim holds yet
        moved = []
        for j, later in enumerate(keys):
            if any(grouping.owner.get(k) == grouping.owner.get(later) for k in keys[:j]):
                grouping.alone(later)
                moved.append(later)
        log = logs[correction.line] = _Log(correction, "")
        (log.changed if moved else log.checked).extend(keys)
    pinned: set[K] = set()
    sames: list[tuple[Correction, tuple[K, ...]]] = []
    for correction, keys in entries:
        if correction.action != "same":
            continue
        articles = [grouping.article(k) for k in keys]
        twice = sorted({a for a in articles if articles.count(a) > 1})
        if twice:
            problems.add(
                correction.line,
                f"two {noun}s of article {twice[0]!r} cannot be one",
                f"a {noun} group holds one per article; use `apart` or drop one",
            )
            continue
        pinned.update(keys)
        moved, evicted = grouping.merge(keys, pinned)
        log = logs[correction.line] = _Log(correction, "")
        (log.changed if moved else log.checked).extend(keys)
        log.changed.extend(evicted)  # left their group: a group of their own, changed too
        sames.append((correction, keys))
    for correction, keys in aparts:
        for j, later in enumerate(keys):
            for earlier in keys[:j]:
                if grouping.owner.get(earlier) == grouping.owner.get(later):
                    group = set(grouping.groups[grouping.owner[later]])
                    by = [c.line for c, ks in sames if group & set(ks)]
                    where = f"`same` on line {by[0]}" if by else "another correction"
                    problems.add(
                        correction.line,
                        f"`apart` contradicts {where}, which makes these {noun}s one",
                        "keep one of the two corrections",
                    )
    return logs


def _group_value(
    grouping: _Grouping[K],
    entries: Sequence[tuple[Correction, tuple[K, ...]]],
    action: str,
    problems: _Problems,
) -> dict[int, tuple[str | None, Correction]]:
    """Group index -> the value (speaker, statement) a correction sets for it."""
    values: dict[int, tuple[str | None, Correction]] = {}
    for correction, keys in entries:
        if correction.action != action:
            continue
        for key in keys:
            if key not in grouping.owner:
                grouping.alone(key)  # a statement for a sentence no claim holds yet
            group = grouping.owner[key]
            held = values.get(group)
            if held is not None and held[0] != correction.value:
                problems.add(
                    correction.line,
                    f"`{action}` {correction.value!r} contradicts {held[0]!r} on line"
                    f" {held[1].line} for the same group",
                    "keep one of the two corrections",
                )
            values.setdefault(group, (correction.value, correction))
    return values


# --------------------------------------------------------------------------- likeness


def _likeness(text: str, representative: str) -> float:
    a, b = fold(text), fold(representative)
    return 100.0 if a == b else round(float(fuzz.token_sort_ratio(a, b)), 1)


def _relation(text: str, representative: str) -> tuple[str, float]:
    score = _likeness(text, representative)
    if score == 100.0:
        return "verbatim", score
    return ("near-verbatim" if score >= 90 else "rendering"), score


def _strength(text: str, representative: str) -> tuple[str, float]:
    score = _likeness(text, representative)
    if score >= 95:
        return "verbatim", score
    return ("close" if score >= 70 else "paraphrase"), score


# --------------------------------------------------------------------------- quotes

OccKey = tuple[str, int]  # (article, start of the quotation)
SentKey = tuple[str, int]  # (article, sentence index)


def _named(drafts: list[tuple[tuple[int, ...], int, str, T]], outcome: _Outcome) -> list[T]:
    """Each corrected group, in order, with its id from its own words, as the analysis
    gives one (:func:`sitegen.analysis.text.wording_id`): a merged or split group keeps
    the address its wording has, and a merge's other wordings stay its aliases."""
    drafts.sort(key=lambda d: d[0])
    ids = unique_ids([wording_id(words) for _, _, words, _ in drafts])
    named = []
    for (_, index, _, item), id_ in zip(drafts, ids, strict=True):
        outcome.ids[index] = id_
        named.append(replace(item, id=id_))  # type: ignore[type-var]
    return named


@dataclass
class _Outcome:
    """Per final group: its id, and whether the corrections changed it."""

    owner: Mapping[Hashable, int]  # key -> its group
    ids: dict[int, str] = field(default_factory=dict)
    remap: dict[str, str | None] = field(default_factory=dict)  # original id -> final id

    def final_id(self, key: Hashable) -> str | None:
        """The id of the group a key (occurrence or sentence) ended up in."""
        group = self.owner.get(key)
        return None if group is None else self.ids.get(group)


def _quotes(
    analysis: StoryAnalysis,
    entries: Sequence[tuple[Correction, tuple[OccKey, ...]]],
    renames: Sequence[Correction],
    order: Mapping[str, int],
    problems: _Problems,
) -> tuple[tuple[Quote, ...], _Outcome, dict[int, _Log], Callable[[Hashable], str | None]]:
    occ = {(o.article, o.start): (q, o) for q in analysis.quotes for o in q.occurrences}
    grouping: _Grouping[OccKey] = _Grouping(
        [[(o.article, o.start) for o in q.occurrences] for q in analysis.quotes],
        lambda k: k[0],
    )
    logs = _regroup(grouping, entries, "not_a_quote", "quotation", problems)
    valid = [(c, ks) for c, ks in entries if all(k in grouping.owner for k in ks)]
    speakers = _group_value(grouping, valid, "speaker", problems)
    confirmed = {k for c, ks in valid if c.action == "same" for k in ks}
    outcome = _Outcome(grouping.owner)  # type: ignore[arg-type]
    drafts: list[tuple[tuple[int, ...], int, str, Quote]] = []
    for index, members in enumerate(grouping.groups):
        if not members:
            continue
        members = sorted(members, key=lambda k: (order.get(k[0], len(order)), k[0], k[1]))
        sources = [occ[k][0] for k in members]
        base = max(sources, key=lambda q: (sources.count(q), -analysis.quotes.index(q)))
        text = base.text if any(occ[k][1].text == base.text for k in members) else ""
        text = text or occ[members[0]][1].text
        speaker = base.speaker or next((q.speaker for q in sources if q.speaker), None)
        set_speaker = speakers.get(index)
        if set_speaker is not None:
            speaker = set_speaker[0]
        occurrences = []
        for key in members:
            quote, o = occ[key]
            if quote is not base or text != base.text:
                relation, score = _relation(o.text, text)
                o = replace(o, relation=relation, score=score)
            if set_speaker is not None and o.speaker not in (None, speaker):
                # an article's own attribution gives way; one it lacks stays lacking
                # (pages show the utterance's speaker for it)
                o = replace(o, speaker=speaker, speaker_confidence=1.0)
            if key in confirmed and o.confidence < 1.0:
                o = replace(o, confidence=1.0)  # the editor's word: no longer a possible match
            occurrences.append(o)
        occurrences.sort(key=lambda o: o.article)
        # a speaker an editor set is asserted; otherwise as sure as the analysis was
        sure = quote_confidence(speaker, occurrences)
        if set_speaker is not None and speaker != base.speaker:
            sure = 1.0 if speaker else 0.0  # an editor named the speaker
        quote = Quote("", speaker, text, tuple(occurrences), speaker_confidence=sure)
        first = min((order.get(o.article, len(order)), o.start) for o in occurrences)
        drafts.append(((-len(occurrences), *first), index, text, quote))
    final = _rename(_named(drafts, outcome), renames, outcome, logs, problems)

    for correction, keys in entries:
        if correction.action == "speaker":
            log = logs[correction.line] = _Log(correction, "")
            kept = all(occ[k][0].speaker == correction.value for k in keys)
            (log.checked if kept else log.changed).extend(keys)
        elif correction.action == "not_a_quote":
            log = logs[correction.line]
            log.changed = [m for k in log.changed for m in _members(occ[k][0])]
    for original in analysis.quotes:
        ids = {outcome.final_id(m) for m in _members(original)} - {None}
        outcome.remap[original.id] = original.id if original.id in ids else min(ids, default=None)
    return tuple(final), outcome, logs, outcome.final_id


def _members(quote: Quote) -> list[OccKey]:
    return [(o.article, o.start) for o in quote.occurrences]


def _rename(
    quotes: list[Quote],
    renames: Sequence[Correction],
    outcome: _Outcome,
    logs: dict[int, _Log],
    problems: _Problems,
) -> list[Quote]:
    """Each ``speakers: - rename`` applied to every quote and occurrence of the story."""
    for correction in renames:
        old = fold(correction.target or "")
        names = sorted({s for q in quotes for s in _speakers(q)})
        if not any(fold(name) == old for name in names):
            best = process.extract(old, [fold(n) for n in names], limit=3)
            near = "; ".join(names[i] for _, _, i in best)
            problems.add(
                correction.line,
                f"no quotation of this story is attributed to {correction.target!r}",
                f"speakers named: {near}" if near else "no quotation has a speaker",
            )
            continue
        log = logs[correction.line] = _Log(correction, "")
        renamed = []
        for quote in quotes:
            if any(fold(name) == old for name in _speakers(quote)):
                quote = replace(
                    quote,
                    speaker=_renamed(quote.speaker, old, correction.value),
                    occurrences=tuple(
                        replace(o, speaker=_renamed(o.speaker, old, correction.value))
                        for o in quote.occurrences
                    ),
                )
                log.ids.append(quote.id)
            renamed.append(quote)
        quotes = renamed
    return quotes


def _speakers(quote: Quote) -> set[str]:
    return {s for s in (quote.speaker, *(o.speaker for o in quote.occurrences)) if s}


def _renamed(name: str | None, old: str, new: str | None) -> str | None:
    return new if name is not None and fold(name) == old else name


# --------------------------------------------------------------------------- claims


def _claims(
    analysis: StoryAnalysis,
    entries: Sequence[tuple[Correction, tuple[SentKey, ...]]],
    sentences: Mapping[SentKey, Sentence],
    order: Mapping[str, int],
    problems: _Problems,
) -> tuple[tuple[Claim, ...], _Outcome, dict[int, _Log], Callable[[Hashable], str | None]]:

    src = {(s.article, s.sentence): (c, s) for c in analysis.claims for s in c.sources}
    home: dict[SentKey, Claim] = {}
    for claim in analysis.claims:
        for s in claim.sources:
            home.setdefault((s.article, s.sentence), claim)
    grouping: _Grouping[SentKey] = _Grouping(
        [[(s.article, s.sentence) for s in c.sources] for c in analysis.claims], lambda k: k[0]
    )
    logs = _regroup(grouping, entries, "not_a_claim", "sentence", problems)
    valid = [(c, ks) for c, ks in entries if c.action != "not_a_claim"]
    statements = _group_value(grouping, valid, "statement", problems)
    confirmed = {k for c, ks in valid if c.action == "same" for k in ks}
    outcome = _Outcome(grouping.owner)  # type: ignore[arg-type]
    drafts: list[tuple[tuple[int, ...], int, str, Claim]] = []
    for index, members in enumerate(grouping.groups):
        if not members:
            continue
        members = sorted(members)
        originals = [home[k] for k in members if k in home]
        base = (
            max(originals, key=lambda c: (originals.count(c), -analysis.claims.index(c)))
            if originals
            else None
        )
        unchanged = base is not None and {(s.article, s.sentence) for s in base.sources} == set(
            members
        )
        text = base.text if base is not None else sentences[members[0]].text
        if base is not None and not any(sentences[k].text == base.text for k in members):
            text = sentences[members[0]].text
        words = text  # the id's: a statement an editor writes is not an outlet's wording
        set_text = statements.get(index)
        sources = []
        for key in members:
            held = src.get(key)
            if held is not None and unchanged:
                source = held[1]
            else:
                sentence = sentences[key]
                strength, score = _strength(sentence.text, text)
                source = ClaimSource(key[0], key[1], sentence.text, strength, score)
                if held is not None:  # moved: what it is stays (a quotation, its confidence)
                    source = replace(held[1], strength=strength, score=score)
            if key in confirmed and source.confidence < 1.0:
                source = replace(source, confidence=1.0)  # the editor's word
            sources.append(source)
        if set_text is not None and set_text[0]:
            text = set_text[0]
        claim = Claim("", text, tuple(sorted(sources, key=lambda s: (s.article, s.sentence))))
        first = min((order.get(a, len(order)), i) for a, i in members)
        drafts.append(((-len(members), *first, len(members)), index, words, claim))
    claims = [_rehomed(c, outcome) for c in _named(drafts, outcome)]

    for correction, keys in entries:
        if correction.action == "statement":
            log = logs[correction.line] = _Log(correction, "")
            kept = all(home.get(k) is not None and home[k].text == correction.value for k in keys)
            (log.checked if kept else log.changed).extend(keys)
        elif correction.action == "not_a_claim":
            log = logs[correction.line]
            log.changed = [
                (s.article, s.sentence) for k in log.changed if k in home for s in home[k].sources
            ]
    for original in analysis.claims:
        ids = {outcome.final_id((s.article, s.sentence)) for s in original.sources} - {None}
        outcome.remap[original.id] = original.id if original.id in ids else min(ids, default=None)
    return tuple(claims), outcome, logs, outcome.final_id


def _rehomed(claim: Claim, outcome: _Outcome) -> Claim:
    """A sentence serving this claim second names the claim it serves first by that
    claim's corrected id (ids follow wordings, which a correction may change)."""
    if not any(s.home for s in claim.sources):
        return claim
    sources = []
    for s in claim.sources:
        if s.home:
            first = outcome.final_id((s.article, s.sentence))
            s = replace(s, home=first if first and first != claim.id else "")
        sources.append(s)
    return replace(claim, sources=tuple(sources))


# --------------------------------------------------------------------------- divergences


def _divergence_candidates(
    analysis: StoryAnalysis, ref: Ref, sentences: Mapping[SentKey, Sentence]
) -> set[str]:
    words = _ref_words(ref.text)
    found = set()
    for d in analysis.divergences:
        for v in d.variants:
            if v.article != ref.article:
                continue
            sentence = sentences.get((v.article, v.sentence)) if v.sentence is not None else None
            if words in fold(v.text) or (sentence is not None and words in fold(sentence.text)):
                found.add(d.id)
    return found


def _divergences(
    analysis: StoryAnalysis,
    corrections: Sequence[Correction],
    sentences: Mapping[SentKey, Sentence],
    remap: Mapping[str, str | None],
    quote_ids: set[str],
    problems: _Problems,
) -> tuple[tuple[Divergence, ...], dict[int, _Log]]:
    by_id = {d.id: d for d in analysis.divergences}
    hidden: dict[str, int] = {}
    joined: dict[str, list[set[str]]] = {}
    logs: dict[int, _Log] = {}
    for correction in corrections:
        candidates: set[str] | None = None
        for ref in correction.refs:
            found = _divergence_candidates(analysis, ref, sentences)
            candidates = found if candidates is None else candidates & found
        if not candidates or len(candidates) > 1:
            ref = correction.refs[0]
            if not candidates:
                near = sorted(
                    {
                        f"“{clip(v.text, 40)}” ({clip(d.about, 40)})"
                        for d in analysis.divergences
                        for v in d.variants
                        if v.article == ref.article
                    }
                )[:3]
                problems.add(
                    correction.line,
                    "no divergence has a version from "
                    + " and ".join(f"{r.article!r} with “{clip(r.text)}”" for r in correction.refs),
                    "divergences of that article: " + "; ".join(near)
                    if near
                    else f"article {ref.article!r} has no divergence",
                )
            else:
                abouts = "; ".join(sorted(by_id[i].about for i in candidates)[:3])
                problems.add(
                    correction.line,
                    f"the references match {len(candidates)} divergences",
                    f"add a reference from another article or more words (about: {abouts})",
                )
            continue
        (did,) = candidates
        log = logs[correction.line] = _Log(correction, "", ids=[did])
        if correction.action == "hide":
            hidden.setdefault(did, correction.line)
        else:
            articles = {r.article for r in correction.refs}
            joined.setdefault(did, []).append(articles)
    out = []
    for d in analysis.divergences:
        hang = d.claim
        if hang is not None and hang in remap:
            hang = remap[hang]
            if hang is None and d.claim in quote_ids:
                continue  # the wording of something that is not a quotation after all
        if d.id in hidden:
            continue
        if hang != d.claim:
            d = replace(d, claim=hang)
        if d.id in joined:
            groups = _union(joined[d.id])
            articles = {v.article for v in d.variants}
            if any(articles <= g for g in groups):
                for log in logs.values():
                    if d.id in log.ids and log.correction.action == "same":
                        log.summary = "all versions say the same: no longer shown"
                continue
            said = "; ".join(" and ".join(sorted(g)) for g in groups)
            note = f"An editor found these to say the same: {said}."
            d = replace(d, note=f"{d.note} {note}".strip())
        out.append(d)
    return tuple(out), logs


def _union(sets: Sequence[set[str]]) -> list[set[str]]:
    groups: list[set[str]] = []
    for each in sets:
        touching = [g for g in groups if g & each]
        merged = set(each).union(*touching)
        groups = [g for g in groups if not g & each] + [merged]
    return sorted(groups, key=lambda g: sorted(g))


# --------------------------------------------------------------------------- the stage


def _index(
    analysis: StoryAnalysis,
) -> tuple[dict[str, list[_Item[OccKey]]], dict[str, list[_Item[SentKey]]]]:
    quotations: dict[str, list[_Item[OccKey]]] = {}
    found = sorted((o for q in analysis.quotes for o in q.occurrences), key=lambda o: o.start)
    for o in found:
        quotations.setdefault(o.article, []).append(
            _Item((o.article, o.start), o.text, fold(o.text))
        )
    sentences: dict[str, list[_Item[SentKey]]] = {}
    for s in analysis.sentences:
        sentences.setdefault(s.article, []).append(
            _Item((s.article, s.index), s.text, fold(s.text))
        )
    return quotations, sentences


_SUMMARIES = {
    ("quotes", "same"): "one utterance: {refs}",
    ("quotes", "apart"): "different utterances: {refs}",
    ("quotes", "speaker"): "speaker set to {value}: {refs}",
    ("quotes", "not_a_quote"): "not a quotation: {refs}",
    ("claims", "same"): "one claim: {refs}",
    ("claims", "apart"): "different claims: {refs}",
    ("claims", "statement"): "statement set to “{value}”: {refs}",
    ("claims", "not_a_claim"): "not a claim: {refs}",
    ("divergences", "hide"): "divergence hidden: {refs}",
    ("divergences", "same"): "these versions say the same: {refs}",
    ("speakers", "rename"): "speaker {target} shown as {value}",
}


def describe(correction: Correction) -> str:
    """A correction in words, for the story's correction log."""
    refs = "; ".join(f"{r.article} “{clip(r.text, 80)}”" for r in correction.refs)
    value = correction.value if correction.value is not None else "unattributed"
    template = _SUMMARIES[(correction.section, correction.action)]
    return template.format(refs=refs, value=value, target=correction.target)


def apply_corrections(
    story: Story, analysis: StoryAnalysis
) -> tuple[StoryAnalysis, tuple[ContentError, ...]]:
    """The story's analysis with its corrections.yaml applied, and every problem found in
    the file (with problems, the analysis comes back unchanged)."""
    corrections = story.corrections.items if story.corrections else ()
    if not corrections:
        return analysis, ()
    problems = _Problems(story)
    quotations, sentence_index = _index(analysis)
    order = {a.id: i for i, a in enumerate(story.articles)}
    quote_entries: list[tuple[Correction, tuple[OccKey, ...]]] = []
    claim_entries: list[tuple[Correction, tuple[SentKey, ...]]] = []
    for correction in corrections:
        if correction.section == "quotes":
            keys = [_resolve(quotations, r, "quotation", problems) for r in correction.refs]
            if all(k is not None for k in keys):
                quote_entries.append((correction, tuple(k for k in keys if k is not None)))
        elif correction.section == "claims":
            found = [_resolve(sentence_index, r, "sentence", problems) for r in correction.refs]
            if all(k is not None for k in found):
                claim_entries.append((correction, tuple(k for k in found if k is not None)))
    renames = [c for c in corrections if c.section == "speakers"]
    sentences = {(s.article, s.index): s for s in analysis.sentences}
    resolved = list(problems.found)
    quotes, q_out, q_logs, q_id = _quotes(analysis, quote_entries, renames, order, problems)
    claims, c_out, c_logs, c_id = _claims(analysis, claim_entries, sentences, order, problems)
    divergences, d_logs = _divergences(
        analysis,
        [c for c in corrections if c.section == "divergences"],
        sentences,
        {**q_out.remap, **c_out.remap},
        {q.id for q in analysis.quotes},
        problems,
    )
    if problems.found:
        return analysis, tuple(sorted(set(problems.found) | set(resolved)))
    logs = {**q_logs, **c_logs, **d_logs}
    applied = []
    for correction in corrections:
        log = logs.get(correction.line)
        if log is None:
            continue
        to_id = q_id if correction.section == "quotes" else c_id
        changed = [*log.ids, *(to_id(k) for k in log.changed)]
        checked = [to_id(k) for k in log.checked]
        applied.append(
            Applied(
                line=correction.line,
                section=correction.section,
                action=correction.action,
                note=correction.note,
                summary=log.summary or describe(correction),
                changed=tuple(dict.fromkeys(i for i in changed if i)),
                checked=tuple(dict.fromkeys(i for i in checked if i)),
            )
        )
    corrected = replace(
        analysis,
        quotes=quotes,
        claims=claims,
        divergences=divergences,
        corrections=tuple(applied),
    )
    return corrected, ()


# --------------------------------------------------------------------------- marks


@dataclass(frozen=True)
class Mark:
    """How an item of the analysis stands with the editor: ``edited`` (a correction
    changed it) or only checked (a correction confirmed it), with the notes given."""

    edited: bool
    notes: tuple[tuple[int, str], ...]  # (line, note or the correction in words)


def marks(analysis: StoryAnalysis) -> dict[str, Mark]:
    """Quote, claim and divergence id -> its mark, for those an editor touched."""
    out: dict[str, Mark] = {}
    for applied in analysis.corrections:
        said = (applied.line, applied.note or applied.summary)
        for item in applied.changed:
            held = out.get(item)
            out[item] = Mark(True, (*(held.notes if held else ()), said))
        for item in applied.checked:
            held = out.get(item)
            out[item] = Mark(bool(held and held.edited), (*(held.notes if held else ()), said))
    return out


def edited_ids(analysis: StoryAnalysis) -> frozenset[str]:
    return frozenset(i for i, m in marks(analysis).items() if m.edited)


# --------------------------------------------------------------------------- the pipeline


def corrected_key(analysis_key: str, story: Story) -> str:
    """The key a story's pages and export are kept under: the analysis key, and the
    corrections if the story has any (with their lines, which the pages show)."""
    if story.corrections is None or not story.corrections.items:
        return analysis_key
    digest = hashlib.sha256(analysis_key.encode() + b"\0")
    for item in story.corrections.items:
        digest.update(
            repr((item.line, item.section, item.action, item.value, item.target)).encode()
        )
        digest.update(
            repr((item.note, tuple((r.article, r.text, r.line) for r in item.refs))).encode()
        )
    return digest.hexdigest()


class Corrected:
    """Every story's analysis with its corrections applied, in story order; ``keys``
    cover the corrections as well as the analysis (the page cache's keys).

    Stories with corrections are corrected once, at construction, so that a bad line
    fails the build before anything is written; the others are passed through as they
    are read (from disk, for a large site)."""

    def __init__(self, site: Site, analyses: Sequence[StoryAnalysis], keys: Sequence[str]) -> None:
        self._analyses = analyses
        self.keys = tuple(corrected_key(k, s) for k, s in zip(keys, site.stories, strict=True))
        self._fixed: dict[int, StoryAnalysis] = {}
        errors: list[ContentError] = []
        for index, story in enumerate(site.stories):
            if story.corrections is not None and story.corrections.items:
                fixed, found = apply_corrections(story, analyses[index])
                errors += found
                self._fixed[index] = fixed
        if errors:
            raise ContentErrors(errors)

    def __len__(self) -> int:
        return len(self._analyses)

    def __getitem__(self, index: int) -> StoryAnalysis:
        fixed = self._fixed.get(index)
        return fixed if fixed is not None else self._analyses[index]


# --------------------------------------------------------------------------- writing them


# One encoder for every box: json.dumps with an option builds a new one per call.
_YAML_TEXT = json.JSONEncoder(ensure_ascii=False).encode


def _yaml_text(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's): any text, any quote
    or backslash in it, pastes back as itself."""
    return _YAML_TEXT(text)


class Writer:
    """Ready-to-paste corrections for a story's quotes and claims (the "Correct this"
    boxes and ``sitegen review``), with references that name exactly one quotation or
    sentence of this analysis."""

    def __init__(self, analysis: StoryAnalysis) -> None:
        self.quotations, self.sentences = _index(analysis)
        self._sentence_text = {(s.article, s.index): s.text for s in analysis.sentences}
        self._refs: dict[SentKey, str] = {}  # a sentence may serve several claims

    def _words(self, items: Sequence[_Item[K]], key: K, text: str) -> str:
        """The fewest leading words of ``text`` (at least 8) naming it alone."""
        words = text.split()
        for n in (8, 14):
            if len(words) > n:
                shorter = " ".join(words[:n]).strip(" ,;:")
                hits, _ = _find(items, Ref("", shorter, 0))
                if [h.key for h in hits] == [key]:
                    return shorter
        return " ".join(words).strip(" ,;:") or text

    def quote_ref(self, o: QuoteOccurrence) -> str:
        items = self.quotations.get(o.article, [])
        words = self._words(items, (o.article, o.start), o.text)
        return f"{{article: {o.article}, text: {_yaml_text(words)}}}"

    def sentence_ref(self, article: str, index: int) -> str:
        held = self._refs.get((article, index))
        if held is None:
            held = self._refs[(article, index)] = self._sentence_ref(article, index)
        return held

    def _sentence_ref(self, article: str, index: int) -> str:
        items = self.sentences.get(article, [])
        text = self._sentence_text.get((article, index), "")
        words = self._words(items, (article, index), text)
        return f"{{article: {article}, text: {_yaml_text(words)}}}"

    def quote(self, quote: Quote) -> str:
        refs = [self.quote_ref(o) for o in quote.occurrences]
        who = _yaml_text(quote.speaker) if quote.speaker else "null"
        return _snippet(
            "quotes",
            refs,
            ("one utterance", "different utterances"),
            [f"  - speaker: {who}   # who said it (null: unattributed)", f"    of: [{refs[0]}]"],
            f"  - not_a_quote: [{refs[0]}]   # or: not a quotation (a title, a scare quote)",
        )

    def speaker(self, quote: Quote) -> str:
        """Lines to confirm or set a quotation's speaker, or to say it is none."""
        ref = self.quote_ref(quote.occurrences[0])
        who = _yaml_text(quote.speaker) if quote.speaker else "null"
        return (
            f"quotes:\n  - speaker: {who}   # confirm, or write who said it (null: nobody)\n"
            f"    of: [{ref}]\n  - not_a_quote: [{ref}]   # or: not a quotation at all\n"
        )

    @staticmethod
    def pair(section: str, first: str, second: str) -> str:
        """Lines to confirm that two references are one utterance or claim, or not."""
        return (
            f"{section}:\n  - same: [{first}, {second}]   # confirm: one\n"
            f"  - apart: [{first}, {second}]   # or: two\n"
        )

    def claim(self, claim: Claim) -> str:
        refs = [self.sentence_ref(s.article, s.sentence) for s in claim.sources]
        return _snippet(
            "claims",
            refs,
            ("one claim", "different claims"),
            [
                f"  - statement: {_yaml_text(claim.text)}   # the claim in the words to show",
                f"    of: [{refs[0]}]",
            ],
            f"  - not_a_claim: [{refs[0]}]   # or: not a claim",
        )


def _snippet(
    section: str, refs: Sequence[str], says: tuple[str, str], setting: list[str], removal: str
) -> str:
    """A section of ready-to-paste corrections: confirm or split the group, set its
    value, or remove the first reference from it."""
    lines = [f"{section}:"]
    if len(refs) >= 2:
        lines += [f"  - same:    # confirm: {says[0]}"] + [f"      - {r}" for r in refs]
        lines += [f"  - apart:   # or: {says[1]}"] + [f"      - {r}" for r in refs]
    lines += [*setting, removal, "    note: why, in a few words (shown to readers)"]
    return "\n".join(lines) + "\n"
