"""Links that last: a page at each address a claim or a quotation may have had before.

A claim's or a quotation's page lives at an address made of its representative wording
(:func:`sitegen.analysis.text.wording_id`). When an article is added and another wording
becomes the representative, or an editor's ``same`` merges two items, the address moves.
Nothing is carried from one build to the next (the same content must give the same site),
so which addresses were ever published is not known. What is known is every wording the
item carries: each source sentence of a shared claim, each occurrence of a quotation.
Each of those is an address the item would have had with that wording as its
representative, its *alias*; each alias that is no item's own address gets a small page
that sends the reader on, and a line in ``_redirects`` for hosts that read it (Netlify).

So the number of these pages grows with the shared claims' sources and the quotations'
occurrences, never with every sentence of every article. The limit: an address dies when
its words leave every article of the story, or when its item stops having a page (a
claim no longer shared links to its one outlet's sentence; a quotation an editor marks
``not_a_quote`` is gone). An alias two items both carry sends the reader to neither:
which of them the old link meant cannot be told.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..analysis.text import wording_id
from ..model import OutputFile, StoryAnalysis
from . import urls

REDIRECTS = "_redirects"  # Netlify's list of redirects, at the top of the published folder


@dataclass(frozen=True)
class Moved:
    """An old address (``old``, a site path) of the item whose page is at ``new``."""

    old: str
    new: str
    kind: str  # claim | quote
    text: str  # the item's representative wording


# (id, representative wording, the other wordings it carries) of each item with a page
_Item = tuple[str, str, Sequence[str]]


def moved(story: str, analysis: StoryAnalysis) -> tuple[Moved, ...]:
    """Every old address of the story's claims and quotations, sorted by address."""
    claims: list[_Item] = [
        # a sentence serving this claim second belongs first to another claim: its
        # wording is that claim's alias, not this one's
        (c.id, c.text, [s.text for s in c.sources if not s.home])
        for c in analysis.claims
        if c.shared  # see urls.claim_target: only shared claims have pages
    ]
    quotes: list[_Item] = [(q.id, q.text, [o.text for o in q.occurrences]) for q in analysis.quotes]
    found = _aliases(story, "claim", claims, urls.claim_path)
    found += _aliases(story, "quote", quotes, urls.quote_path)
    return tuple(sorted(found, key=lambda m: m.old))


def _aliases(
    story: str, kind: str, items: Sequence[_Item], path: Callable[[str, str], str]
) -> list[Moved]:
    own = {id_ for id_, _, _ in items}
    wanted: dict[str, set[int]] = {}
    for n, (_, _, wordings) in enumerate(items):
        for wording in wordings:
            alias = wording_id(wording)
            if alias not in own:
                wanted.setdefault(alias, set()).add(n)
    return [
        Moved(path(story, alias), path(story, items[n][0]), kind, items[n][1])
        for alias, holders in wanted.items()
        if len(holders) == 1  # carried by two items: which one the link meant is unknown
        for n in holders
    ]


def redirects_file(pairs: Iterable[tuple[str, str]]) -> OutputFile:
    """``_redirects``: one ``/old /new 301!`` line per moved address, site-relative.

    Forced (``!``): Netlify serves an existing file rather than apply a rule to its
    path, and each old address has its page; forced, the host answers with a real 301,
    which search engines and link checkers follow, and the page serves every other host.
    """
    lines = [
        "# Addresses of claims and quotations that moved: each sends the reader on.",
        "# Written by sitegen build; see sitegen/site/moved.py.",
    ]
    lines += [f"/{old} /{new} 301!" for old, new in sorted(pairs)]
    return OutputFile(REDIRECTS, ("\n".join(lines) + "\n").encode("utf-8"))
