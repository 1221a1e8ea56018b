"""What an editor should look at first: the analysis's doubtful speakers and matches,
each with the corrections.yaml lines that confirm or fix it (``sitegen review``).

How doubtful an item is comes from one place, :func:`doubt`, from the confidence the
analysis gives: an occurrence's or a claim source's ``confidence`` (0-1), a quote's
``speaker_confidence`` once it has one, and until then whether and how the articles
name the speaker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from ..model import Claim, ClaimSource, Quote, QuoteOccurrence, StoryAnalysis
from .corrections import Writer, clip, marks

# Items at least this doubtful are listed.
THRESHOLD = 0.35


def doubt(item: Quote | QuoteOccurrence | ClaimSource) -> float:
    """0 (sure) to 1 (a guess): a quote's speaker, an occurrence's place in its quote, or
    a source's place in its claim."""
    if isinstance(item, Quote):
        sure = getattr(item, "speaker_confidence", None)
        if sure is not None:
            return round(1.0 - float(sure), 2)
        if item.speaker is None:
            return 0.9
        named = {o.speaker for o in item.occurrences if o.speaker}
        if len(named) > 1:
            return 0.6  # the articles credit different people
        if not named:
            return 0.5  # no article names the speaker where it quotes
        return 0.4 if len(item.speaker.split()) < 2 else 0.1  # a surname or a body
    return round(1.0 - item.confidence, 2)


@dataclass(frozen=True)
class Doubt:
    score: float
    kind: str  # speaker | quotation | claim
    item: str  # the quote or claim id
    what: str  # the doubt in words
    lines: str  # corrections.yaml lines to confirm or fix it


def _quote_doubts(quote: Quote, writer: Writer) -> list[Doubt]:
    out = []
    score = doubt(quote)
    if score >= THRESHOLD:
        who = quote.speaker or "nobody"
        out.append(
            Doubt(
                score,
                "speaker",
                quote.id,
                f"is “{clip(quote.text)}” by {who}?",
                writer.speaker(quote),
            )
        )
    if len(quote.occurrences) >= 2:
        rep = next((o for o in quote.occurrences if o.text == quote.text), quote.occurrences[0])
        out += _matches(
            ("quotation", "quotes", "one utterance"),
            quote.id,
            rep,
            quote.occurrences,
            lambda o: (o.relation, writer.quote_ref(o)),
        )
    return out


def _claim_doubts(claim: Claim, writer: Writer) -> list[Doubt]:
    if not claim.shared:
        return []
    rep = next((s for s in claim.sources if s.text == claim.text), claim.sources[0])
    return _matches(
        ("claim", "claims", "one claim"),
        claim.id,
        rep,
        claim.sources,
        lambda s: (s.strength, writer.sentence_ref(s.article, s.sentence)),
    )


Member = TypeVar("Member", QuoteOccurrence, ClaimSource)


def _matches(
    kind: tuple[str, str, str],
    item: str,
    rep: Member,
    members: Sequence[Member],
    how: Callable[[Member], tuple[str, str]],
) -> list[Doubt]:
    """A doubt for each member whose match to the representative is doubtful; ``kind``
    is (kind, corrections section, what the two would be), ``how`` gives a member's
    match label and its reference."""
    name, section, one = kind
    out = []
    for member in members:
        score = doubt(member)
        if member is rep or score < THRESHOLD:
            continue
        label, ref = how(member)
        out.append(
            Doubt(
                score,
                name,
                item,
                f"are {member.article}'s “{clip(member.text)}” and {rep.article}'s"
                f" “{clip(rep.text)}” {one}? ({label}, {member.score:.0f}/100)",
                Writer.pair(section, how(rep)[1], ref),
            )
        )
    return out


def doubts(analysis: StoryAnalysis) -> tuple[Doubt, ...]:
    """The story's doubtful items an editor has not corrected or confirmed yet, most
    doubtful first."""
    writer = Writer(analysis)
    seen = marks(analysis)
    found = [d for q in analysis.quotes if q.id not in seen for d in _quote_doubts(q, writer)]
    found += [d for c in analysis.claims if c.id not in seen for d in _claim_doubts(c, writer)]
    return tuple(sorted(found, key=lambda d: (-d.score, d.kind, d.item, d.what)))
