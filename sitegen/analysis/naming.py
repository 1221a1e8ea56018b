"""How an article names a person: the titles and descriptors it attaches to each mention.

One outlet writes "Russian dictator Vladimir Putin", another "President Putin", a third
"Putin, the Russian leader,": the words around a name frame the person before a reader
meets what they said. For each mention of one person this finds

* the words in front of the name that describe them: a capitalised title ("President",
  "Foreign Minister", "Mr.") and the modifiers before it ("Russian", "Ukraine's"), or a
  lower-case role noun with its modifiers ("Kremlin spokesman", "the country's top
  diplomat");
* an appositive after it: ``Name, the X of Y,`` up to the comma or the sentence's end.

A word counts only by general rules and word lists (titles, role nouns, adjectives):
the phrase must have a noun for a person at its head, so "said Putin" or "met Putin"
yields nothing, and a capitalised word is taken only as a modifier of such a noun.
One pass over the text's mentions, each looking at a bounded window: linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from . import names
from .speakers import (  # one rule for where a sentence opens
    GROUP_NOUNS,
    REPORTING_VERBS,
    People,
    _opens_sentence,
)
from .text import fold, word_set

# Nouns for a person that may head a descriptor, beyond titles, role nouns and
# occupations (names.TITLE_HEADS, ROLE_NOUNS, OCCUPATIONS): the words framing uses.
DESCRIPTOR_NOUNS = word_set(
    """dictator autocrat strongman tyrant despot ruler monarch emperor leader counterpart
    ally rival critic opponent foe incumbent predecessor successor billionaire tycoon
    oligarch mogul magnate hardliner nationalist populist reformer dissident politician
    statesman stateswoman boss head chief figure warlord militant hawk loyalist frontrunner
    front-runner nominee challenger contender heir entrepreneur investor banker financier
    star actor actress singer celebrity athlete footballer player champion negotiator
    mediator emissary administrator minister diplomat strategist ideologue propagandist
    president premier chancellor counterparts host guest hero villain architect"""
)
# Lower-case words that qualify such a noun ("top diplomat", "embattled leader").
ADJECTIVES = word_set(
    """top senior veteran longtime long-time embattled beleaguered authoritarian autocratic
    hardline hard-line populist nationalist far-right far-left right-wing left-wing centrist
    conservative liberal progressive moderate radical controversial powerful influential
    outspoken ousted exiled jailed imprisoned detained disgraced elected unelected
    self-proclaimed self-styled so-called newly new current sitting incumbent presumptive
    retired serving lead main leading prominent fellow former ex acting interim late then
    outgoing incoming top-ranking high-ranking ranking chief deputy vice de facto
    re-elected reelected besieged defiant wartime"""
)
# Lower-case nouns that qualify a person noun ("opposition leader", "party chief").
NOUN_MODIFIERS = GROUP_NOUNS | word_set(
    """government ministry party army military police state opposition campaign security
    intelligence defence defense foreign finance health justice election union business
    industry company team club church regime rebel militia navy country nation world
    peace trade energy climate war fire city town county village district border port
    harbour harbor school hospital court prison labour labor media press news oil gas
    football sports transport housing airport emergency rescue customs tax budget
    aid health-care healthcare environment education farm bank"""
)
PERSON_NOUNS = names.ROLE_NOUNS | names.TITLE_HEADS | names.OCCUPATIONS | DESCRIPTOR_NOUNS
_ADJECTIVE_ENDINGS = ("ian", "ist", "ical", "ary", "ous", "ive", "ern", "ese")
_DETERMINERS = word_set("the a an")
_RELATIVES = word_set("who whose whom which that")
# Words that never open an appositive: a list of people or a clause goes on instead.
_NOT_APPOSITIVE = word_set("and but or so then if when while because as after before")

# a dotted abbreviation ("U.S.") is one word, as names.py reads it
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_][\w\-]*(?:[’'][sS]?)?\.?")
_TOKEN = re.compile(r"\w[\w\-]*(?:[’'][sS]?)?\.?")  # after a name: figures too ("since 2004")
_POSSESSIVE = re.compile(r"\w[’'][sS]$|[sS][’']$")
_BEFORE_SPAN = 120  # characters looked at in front of a name: six words and their spaces
_AFTER_SPAN = 120  # and after it, for an appositive
_MOST_BEFORE = 6
_MOST_AFTER = 12
_CLOSERS = frozenset(",;:()–—-")  # punctuation that may end an appositive


@dataclass(frozen=True)
class Naming:
    """One mention of a person: ``text[start:end]`` holds the descriptor and the name."""

    start: int  # where the words in front begin (the name's start when there are none)
    end: int  # where the name ends, or the appositive when there is one
    name: str  # the name as written ("Vladimir Putin", "Putin")
    before: str = ""  # the words in front, as written ("Russian President", "Mr.")
    after: str = ""  # an appositive, as written ("the Russian leader")

    @property
    def descriptors(self) -> tuple[str, ...]:
        return tuple(d for d in (self.before, self.after) if d)


def _person_noun(word: str) -> bool:
    return names.bare(word) in PERSON_NOUNS


def _modifier(word: str) -> bool:
    """Whether a lower-case word may qualify a person noun in front of it."""
    w = word.rstrip(".")
    if w in REPORTING_VERBS or w in names.FUNCTION_WORDS or w in _DETERMINERS:
        return False
    if w in ADJECTIVES or w in NOUN_MODIFIERS or w in names.TITLE_MODIFIERS or w in PERSON_NOUNS:
        return True
    if "-" in w:  # "pro-Kremlin", "long-serving", "Kremlin-backed"
        return not w.endswith("-")
    return len(w) > 4 and w.endswith(_ADJECTIVE_ENDINGS)


def _capital_modifier(word: str, after: str = "") -> bool:
    """Whether a capitalised word may qualify the person noun after it: a nationality, a
    body ("Kremlin", "White House"), an acronym ("US"); not a date or a function word.
    ``after``: the word after it, for a place whose name opens with one ("New York")."""
    w = names.bare(word)
    if w == "new" and after[:1].isupper():
        return True
    return not (
        w in names.FUNCTION_WORDS
        or w in names.MONTHS
        or w in names.WEEKDAYS
        or w in REPORTING_VERBS
        or w in _RELATIVES
    )


def _ordinary_opening(text: str, m: re.Match[str], after: str) -> bool:
    """Whether a capitalised word may be capitalised only for opening its sentence ("Well
    Senator Sanders"): one that is no nationality, acronym, possessive or title word, in
    front of a capitalised word. Before a role noun in lower case it is taken for a body's
    name ("Kremlin spokesman")."""
    word = m.group()
    if not _opens_sentence(text, m.start()) or after[:1].islower():
        return False
    w = names.bare(word)
    return not (
        w in names.DEMONYMS
        or names.acronym(word)
        or _POSSESSIVE.search(word)
        or names.is_title_word(word)
    )


def _words_before(text: str, end: int) -> list[re.Match[str]]:
    """The words that run up to ``end`` with single spaces between, nearest first."""
    run: list[re.Match[str]] = []
    pos = end
    for m in reversed(list(_WORD.finditer(text, max(0, end - _BEFORE_SPAN), end))):
        if text[m.end() : pos] not in (" ", "\u00a0") or len(run) >= _MOST_BEFORE:
            break  # punctuation or a line between: not one phrase
        if _ends_sentence(m.group()):
            break
        run.append(m)
        pos = m.start()
    return run


def _ends_sentence(word: str) -> bool:
    """A word with a full stop that is no abbreviation ("Gov.", "U.S.", "J.")."""
    if not word.endswith("."):
        return False
    return not (names.bare(word) in names.HONORIFICS or names.acronym(word) or len(word) <= 2)


def descriptor_before(text: str, start: int, titled: bool) -> int:
    """Where the words describing a person begin in front of ``start`` (``start`` itself
    when none do). ``titled``: a title is already at ``start``'s right, so it heads the
    phrase; otherwise the word right before must be a noun for a person."""
    begin = start
    headed = titled
    owner = False  # a proper name's possessive was taken: only its other words may follow
    after = ""
    for i, m in enumerate(_words_before(text, start)):
        word = m.group()
        lower = word[:1].islower()
        if i == 0 and not titled:
            if lower and _person_noun(word) and _modifier(word):
                headed, begin, after = True, m.start(), word
                continue
            if lower or not _POSSESSIVE.search(word) or not _capital_modifier(word):
                return start
            headed = owner = True  # "Ukraine's Zelensky"
        elif not headed:
            break
        elif owner:
            if lower or not _capital_modifier(word, after) or _POSSESSIVE.search(word):
                break  # "Associated Press's Lisa Lerer": the owner's name, whole
        elif lower and _POSSESSIVE.search(word):
            # "the country's top diplomat": a common noun's possessive takes its article
            begin = m.start()
            if text[max(0, begin - 4) : begin] in ("the ", "The "):
                begin -= 4
            break
        elif lower:
            if not _modifier(word):
                break
        elif _capital_modifier(word, after) and not _ordinary_opening(text, m, after):
            owner = bool(_POSSESSIVE.search(word))  # "Russia's foreign minister"
        else:
            break
        begin, after = m.start(), word
    return begin


def appositive_after(text: str, end: int, others: Sequence[int] = ()) -> str:
    """The appositive right after a name ending at ``end`` ("the Russian leader" of
    ``Putin, the Russian leader, said``), or "". It must name a role or kind of person,
    hold no reporting verb, quotation or other person (``others``: where the text's person
    names start, in order), and stop
    at a comma, a bracket, a dash or the sentence's end; a relative clause after it is
    left out."""
    if not text.startswith(", ", end):
        return ""
    begin = end + 2
    limit = min(len(text), begin + _AFTER_SPAN)
    words: list[str] = []
    pos = begin
    stop = None
    for m in _TOKEN.finditer(text, begin, limit):
        gap = text[pos : m.start()]
        if gap.strip() or (not words and gap):
            # punctuation: the phrase ends there, unless it opens the phrase ("71,")
            stop = pos if words and gap.strip()[:1] in _CLOSERS else None
            break
        word = m.group()
        if words and fold(word) in _RELATIVES:
            stop = pos  # "the Russian leader who …": the description before the clause
            break
        if len(words) >= _MOST_AFTER:
            break
        if _ends_sentence(word):
            words.append(word[:-1])
            stop = m.end() - 1
            break
        words.append(word)
        pos = m.end()
    else:
        if words and (limit == len(text) or text[pos:limit].strip()[:1] in _CLOSERS):
            stop = pos
    if stop is None or not words:
        return ""
    phrase = text[begin:stop].strip()
    first = fold(words[0])
    if not first[:1].isalpha() or first in _NOT_APPOSITIVE or first in _RELATIVES:
        return ""
    if words[0][:1].islower() and not (
        first in _DETERMINERS or _modifier(first) or _POSSESSIVE.search(first)
    ):
        return ""  # "seen as a formidable opponent": a clause, not a description
    if any(fold(w) in REPORTING_VERBS for w in words):
        return ""
    if bisect_left(others, stop) > bisect_left(others, begin):
        return ""  # "Putin, President Xi Jinping and …": a list of people
    if not any(_person_noun(w) for w in words):
        return ""
    return phrase


def _named(name: str, persons: Sequence[str], people: People | None) -> str | None:
    """Which of ``persons`` a name written in the text names, if any."""
    if people is not None:
        found = people.lookup(name)
        if found in persons:
            return found
        return name if name in persons else None
    key, given = names.person_key(name), names.given_key(name)
    for person in persons:
        if key and names.person_key(person) == key:
            other = names.given_key(person)
            if not given or not other or given == other:
                return person
    return None


def _describe(text: str, m: names.Mention, starts: Sequence[int]) -> Naming:
    head = m.start
    if m.title:
        at = text.rfind(m.title, max(0, m.start - len(m.title) - 3), m.start)
        head = at if at >= 0 else m.start
        first = _WORD.match(text, head)
        after = (m.title.split()[1:] or [m.name])[0]  # the word after the title's first
        if first and first.end() < m.start and _ordinary_opening(text, first, after):
            head = first.end() + 1  # "Well Senator Ruiz": the title is "Senator"
    begin = descriptor_before(text, head, bool(m.title))
    after = "" if m.possessive else appositive_after(text, m.end, starts)
    end = m.end + 2 + len(after) if after else m.end
    return Naming(begin, end, m.name, text[begin : m.start].strip(), after)


def namings_of(
    text: str, persons: Sequence[str], people: People | None = None
) -> dict[str, tuple[Naming, ...]]:
    """Each mention of each of ``persons`` (canonical names) in ``text``, in order, with
    the words that describe them there: one pass over the text's person names.
    ``people`` (:func:`speakers.people` of the story) says which spellings and short
    forms name whom; without it surnames are compared. A speaker who is not a person
    ("Kremlin") is found where the text writes the name itself."""
    found = names.mentions(text)
    starts = [m.start for m in found]  # in text order: mentions never overlap
    # another person inside an appositive makes it a list ("Putin, Xi Jinping and …"),
    # unless named as an owner ("Putin, Trump's envoy")
    named = [m.start for m in found if not m.possessive]
    out: dict[str, list[Naming]] = {p: [] for p in persons}
    for m in found:
        person = _named(m.name, persons, people)
        if person is not None:
            out[person].append(_describe(text, m, named))
    for person in persons:
        if out[person] or not person:
            continue
        # not a person's name the name finder knows: the name as written, whole words
        for hit in re.finditer(rf"(?<!\w){re.escape(person)}(?!\w)", text):
            i = bisect_right(starts, hit.start()) - 1
            if i < 0 or found[i].end <= hit.start():
                out[person].append(Naming(hit.start(), hit.end(), hit.group()))
    return {p: tuple(n) for p, n in out.items()}


def namings(text: str, person: str, people: People | None = None) -> tuple[Naming, ...]:
    """:func:`namings_of` for one person."""
    return namings_of(text, (person,), people)[person]
