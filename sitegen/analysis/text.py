"""Text basics every analysis step shares, each with one owner: folding (typography,
case, accents), the stop-word lists, stems, slugs and the stable ids made from them.

Ids and comparisons must agree across steps: a quotation folded one way by the grouper and
another by the word diff would be "different" on one page and "the same" on the next.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from functools import lru_cache

# Typographic variants that carry no wording difference, folded to one ASCII form.
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
    }
)


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (readable word lists)."""
    return frozenset(text.split())


_SPACES = re.compile(r"\s+")

# Texts already folded: the same words are folded on every page that diffs them, and
# the same sentences by every stage that compares them. A plain dict of strings rather
# than an lru_cache: the garbage collector stops visiting a dict that holds only strings,
# while it walks every entry of an lru_cache on each full collection (some 60,000 here,
# a story's worth of words and sentences). Emptied when full, so memory stays bounded.
_FOLDED: dict[str, str] = {}
_FOLDED_MOST = 1 << 16


def fold(text: str) -> str:
    """Typography- and case-folded text with whitespace collapsed: the form compared."""
    folded = _FOLDED.get(text)
    if folded is None:
        if len(_FOLDED) >= _FOLDED_MOST:
            _FOLDED.clear()
        normal = unicodedata.normalize("NFKC", text).translate(_FOLD)
        folded = _FOLDED[text] = _SPACES.sub(" ", normal).strip().casefold()
    return folded


def normalise(text: str) -> str:
    """:func:`fold`, without the punctuation around the words: a quotation's wording."""
    return fold(text).strip(" \"'.,;:!?-")


@lru_cache(maxsize=65536)
def fold_accents(text: str) -> str:
    """Lower case without diacritics: "Çelik" -> "celik"."""
    base = unicodedata.normalize("NFKD", text)
    return "".join(c for c in base if not unicodedata.combining(c)).casefold()


# Function words and reporting verbs: they say how something was said, not what.
STOP_WORDS = word_set(
    """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves
    s t don shall may might must one ones upon via per amid among within without toward towards
    said says say saying told tell tells telling added adding add adds according stated
    stating noted noting explained announced reported reports reportedly asked
    mr mrs ms dr however meanwhile also already still yet even though although whether
    """
)


# Function words alone (no reporting verbs): what a quotation's content words leave out.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor so yet of to in on at by for from with without into onto
    upon about as than then that this these those there here it its it's is are was were
    be been being am do does did doing have has had having will would shall should can
    could may might must i me my we us our you your he him his she her they them their
    what which who whom whose when where why how all any both each few more most other some
    such no not only own same too very just also again further once s t don't isn't
    aren't wasn't weren't won't wouldn't can't cannot if because while until over under
    up down out off""".split()  # noqa: SIM905 - a word list reads best as one string
)

_POSSESSIVE_END = re.compile(r"'s?$")
_WORD = re.compile(r"[a-z0-9]+")


def stem(word: str) -> str:
    word = _POSSESSIVE_END.sub("", word)
    for suffix in ("ies", "es", "s"):
        if len(word) > 4 and word.endswith(suffix) and not word.endswith("ss"):
            return word[: -len(suffix)] + ("y" if suffix == "ies" else "")
    return word


def slug(text: str, words: int = 6) -> str:
    found = [w for w in _WORD.findall(fold(text)) if w not in STOP_WORDS][:words]
    return "-".join(found) or "x"


def stable_id(text: str, parts: Sequence[str]) -> str:
    """A readable, content-derived id: a slug of ``text`` and a short hash of ``parts``."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:8]
    return f"{slug(text)}-{digest}"


def wording_id(text: str) -> str:
    """The id of a claim or quotation from its own words alone: a slug of the wording and
    a short hash of it folded (typography, case, spaces and the punctuation around it do
    not count), so an item keeps its id, and its page its address, whatever else the
    story holds. Any other wording the item carries gives the id the item would have had
    with that wording as its representative: the address a link may still point to."""
    digest = hashlib.sha1(normalise(text).encode("utf-8")).hexdigest()[:8]
    return f"{slug(text)}-{digest}"


def unique_ids(ids: Sequence[str]) -> tuple[str, ...]:
    """``ids`` with repeats told apart: the first keeps its id, the next get ``-2``,
    ``-3``... (never an id already in ``ids``), in the order given."""
    taken = set(ids)
    seen: set[str] = set()
    last: dict[str, int] = {}  # the suffix each repeated id reached: linear however many
    out = []
    for id_ in ids:
        if id_ in seen:
            n = last.get(id_, 1) + 1
            while f"{id_}-{n}" in taken:
                n += 1
            last[id_] = n
            id_ = f"{id_}-{n}"
            taken.add(id_)
        seen.add(id_)
        out.append(id_)
    return tuple(out)
