"""Who is quoted in a story, and how each outlet names them: view data for the story
page's "Who is quoted" section and for each speaker's page.

A speaker is a quotation's canonical speaker (:mod:`sitegen.analysis.speakers`). One whose
every quotation is attributed below :data:`~sitegen.analysis.speakers.SURE_ENOUGH` is a
possible speaker and shown as such; quotations nobody is named for are counted apart.
How an outlet names a person comes from :func:`sitegen.analysis.naming.namings`, read
from the article's text when the page is made.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from .. import content
from ..analysis import naming
from ..analysis.speakers import People
from ..analysis.text import fold
from ..model import Quote
from . import urls
from .views import Column, Rendering, SentenceLookup, sure_of_speaker


@dataclass(frozen=True)
class Utterance:
    """One quotation of a speaker, with each outlet's rendering of it."""

    quote: Quote
    renderings: tuple[Rendering, ...]

    @property
    def sure(self) -> bool:
        return sure_of_speaker(self.quote)


@dataclass(frozen=True)
class Quoting:
    """One outlet quoting a speaker: how many of their quotations it carries."""

    column: Column
    count: int


@dataclass(frozen=True)
class Speaker:
    name: str
    slug: str
    utterances: tuple[Utterance, ...]  # the most widely quoted first
    outlets: tuple[Quoting, ...]  # in the story's article order

    @property
    def sure(self) -> bool:
        """Whether any of their quotations is attributed with confidence: else the
        speaker is only a possible one and named as such."""
        return any(u.sure for u in self.utterances)

    @property
    def doubtful(self) -> int:
        """Quotations only possibly theirs."""
        return sum(1 for u in self.utterances if not u.sure)


@dataclass(frozen=True)
class WhoIsQuoted:
    speakers: tuple[Speaker, ...]  # the most quoted first
    unattributed: int  # quotations with no speaker
    unattributed_outlets: tuple[Quoting, ...]


def _quoting(quotes: Sequence[Quote], cols: Sequence[Column]) -> tuple[Quoting, ...]:
    counts: dict[str, int] = {}
    for q in quotes:
        for article in dict.fromkeys(o.article for o in q.occurrences):
            counts[article] = counts.get(article, 0) + 1
    return tuple(Quoting(c, counts[c.id]) for c in cols if c.id in counts)


def speaker_slugs(speakers: Sequence[str]) -> dict[str, str]:
    """Each speaker's page name within the story: a slug of the name alone, so it stays
    when other speakers come and go; a second name with the same slug gets a number."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(speakers):
        # cut short like a file name must be; a name in another script gets a hashed one
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
        base = slug = content.slugify(name, 60) or f"speaker-{digest}"
        n = 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        out[name] = slug
    return out


def who_is_quoted(
    quotes: Sequence[Quote],
    cols: Sequence[Column],
    rendered: Mapping[str, tuple[Rendering, ...]],
) -> WhoIsQuoted:
    """The story's speakers, the most quoted first (then the most widely quoted, then by
    name), and the quotations no one is named for."""
    by_speaker: dict[str, list[Quote]] = {}
    for q in quotes:
        if q.speaker and q.occurrences:
            by_speaker.setdefault(q.speaker, []).append(q)
    slugs = speaker_slugs(list(by_speaker))
    found = []
    for name, said in by_speaker.items():
        said.sort(key=lambda q: (-len(q.occurrences), q.occurrences[0].article, q.id))
        utterances = tuple(Utterance(q, rendered.get(q.id, ())) for q in said)
        found.append(Speaker(name, slugs[name], utterances, _quoting(said, cols)))
    found.sort(key=lambda s: (-len(s.utterances), -len(s.outlets), fold(s.name), s.name))
    lone = [q for q in quotes if not q.speaker and q.occurrences]
    return WhoIsQuoted(tuple(found), len(lone), _quoting(lone, cols))


# --------------------------------------------------------------------------- naming


@dataclass(frozen=True)
class Descriptor:
    """Words one article attaches to the person, as first written, with the sentence
    they first appear in and how many mentions carry them."""

    text: str
    anchor: str
    count: int


@dataclass(frozen=True)
class OutletNaming:
    """How one article names a speaker."""

    column: Column
    mentions: int  # 0: the article does not name them
    first: str | None  # the anchor of the first mention's sentence
    descriptors: tuple[Descriptor, ...]  # in the order the article first uses them
    bare: int = 0  # mentions with no title or description


def _anchor(lookup: SentenceLookup, article: str, offset: int) -> str | None:
    sentence = lookup.ending_at(article, offset + 1)
    return urls.sentence_anchor(sentence.index) if sentence else None


def _outlet_naming(
    col: Column, found: Sequence[naming.Naming], lookup: SentenceLookup
) -> OutletNaming:
    seen: dict[str, Descriptor] = {}  # by the folded words: one entry per wording
    for n in found:
        for words in n.descriptors:
            was = seen.get(key := fold(words))
            if was is None:
                seen[key] = Descriptor(words, _anchor(lookup, col.id, n.start) or "", 1)
            else:
                seen[key] = replace(was, count=was.count + 1)
    first = _anchor(lookup, col.id, found[0].start) if found else None
    bare = sum(1 for n in found if not n.descriptors)
    return OutletNaming(col, len(found), first, tuple(seen.values()), bare)


def outlet_namings(
    speakers: Sequence[str],
    cols: Sequence[Column],
    lookup: SentenceLookup,
    people: People | None = None,
) -> dict[str, tuple[OutletNaming, ...]]:
    """For each speaker, for each article of the story in order, the titles and
    descriptors it gives them (see :func:`sitegen.analysis.naming.namings_of`: one pass
    over each article for all the speakers); ``people`` says which short forms and
    spellings name whom."""
    per: dict[str, list[OutletNaming]] = {name: [] for name in speakers}
    for col in cols:
        found = naming.namings_of(lookup.texts.get(col.id, ""), tuple(per), people)
        for name, items in per.items():
            items.append(_outlet_naming(col, found[name], lookup))
    return {name: tuple(items) for name, items in per.items()}
