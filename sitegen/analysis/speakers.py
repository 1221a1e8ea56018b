"""Who said each quotation, as one canonical name across the whole story.

Attribution reads the words around a quotation the way a reader does:

* a reporting verb next to the quotation (``"…," X said``, ``said X``, ``X told reporters:``,
  ``according to X``, ``X, who …, added``, ``X said the plan "…"``), the nearest one winning;
* a participle (``…, adding "…"``, ``…, saying the …``) takes the subject of its clause;
* a pronoun (``he said``) is the last person who spoke or was named before it, a role noun
  (``the spokesman``) the last person who carried that role or title;
* with no verb in the sentence, a quotation standing alone (or reopening a paragraph)
  keeps the speaker of the quotation before it.

Each attribution says how sure it is (:class:`Attribution`, 0 to 1): a reporting verb with
its agent named near the quotation is near certain, a pronoun or role noun less, a sentence
with no verb of saying only suggests its subject; below :data:`SURE_ENOUGH` pages offer
the name as a possible speaker (docs/accuracy.md has the scale).

Names are then made one per person across every article of the story: "Tchaikovskyy",
"Mr Tchaikovsky" and "Pyotr Tchaikovskiy" all become one full name (see
:func:`names.person_key`). An institution ("the Vatican") is the speaker when no person is.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..model import ArticleText, QuoteOccurrence, Sentence
from . import names
from .spans import QuoteSpan, all_spans


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _forms(base: str) -> set[str]:
    """Regular inflections of a verb (irregular ones are listed apart)."""
    out = {base, base + "s", base + "ing", base + "ed"}
    if base.endswith("e"):
        out |= {base + "d", base[:-1] + "ing"}
    if base.endswith(("s", "sh", "ch", "x", "z")):
        out.add(base + "es")
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        out |= {base[:-1] + "ies", base[:-1] + "ied"}
    if re.search(r"[^aeiou][aeiou][bdgmnprt]$", base):
        out |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return out


_VERBS = _words(
    """say tell add state note stress explain announce declare insist warn claim argue
write post tweet reply respond answer ask continue conclude admit acknowledge confirm deny
emphasise emphasize suggest describe call praise dub term label urge vow promise pledge
predict recall remark comment observe reiterate repeat maintain assert contend complain
boast concede agree cite quote criticise criticize accuse condemn welcome hail dismiss
reject brand caution indicate signal mention highlight underline underscore exclaim shout
whisper murmur joke quip recount testify report allege affirm blast slam lament demand
appeal propose characterise characterize estimate forecast advise inform assure reassure
tout threaten counter retort rebut interject sigh mutter scream cry yell plead question
speak concur clarify elaborate summarise summarize hint remember"""
)
_IRREGULAR = _words("said says saying told tells telling wrote written writes writing spoke spoken")
# Verbs that are nouns as often ("a post", "the report", "a phone call", "the state"):
# only their past and -ing forms report speech.
_NOUN_TOO = frozenset(
    _words(
        """state post report note answer comment question call quote demand appeal counter
        joke cry promise pledge label brand term signal estimate forecast reply tweet
        welcome cite blast slam hint"""
    )
)
# Reporting verbs that, followed by "to", take an infinitive and report nothing.
_BEFORE_INFINITIVE = frozenset(
    f for v in _words("continue promise vow pledge agree threaten plead claim") for f in _forms(v)
)
REPORTING_VERBS = frozenset(
    {f for v in _VERBS for f in _forms(v) if v not in _NOUN_TOO or f not in (v, v + "s")}
    | set(_IRREGULAR)
)

PRONOUNS = {"he": "person", "she": "person", "they": "group", "it": "group"}
_PRONOUN_GENDER = {"he": "m", "she": "f"}
# Nouns for groups and bodies that speak without a personal name ("Russian sources said").
GROUP_NOUNS = frozenset(
    _words(
        """source sources official officials authorities ministry government spokesperson
        spokespeople witnesses residents analysts experts diplomats police military army
        statement report reports media agency office presidency administration embassy
        cabinet committee council lawmakers critics observers campaigners protesters
        organisers organizers investigators prosecutors"""
    )
)
# Words allowed between an agent and its verb ("Ruiz had previously called ...").
_BETWEEN = frozenset(
    _words(
        """also later previously earlier reportedly then has had have was were is are would
        will could may might further again repeatedly recently separately subsequently
        however once since now today yesterday on in last this week weekend month year
        morning evening night afternoon monday tuesday wednesday thursday friday saturday
        sunday already immediately publicly privately quickly firmly flatly openly just
        not never only himself herself themselves itself first finally"""
    )
)
_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")
# Lower-case words that can stand for a speaker: pronouns, role nouns, group nouns.
_SPEAKER_WORDS = frozenset(PRONOUNS) | names.ROLE_NOUNS | GROUP_NOUNS
_DETERMINERS = frozenset(_words("the a an its his her their this that these those"))


@dataclass(frozen=True)
class Entity:
    """Something that can speak, named in the text outside quotations."""

    start: int
    end: int
    kind: str  # person | institution | pronoun | role | group
    text: str  # as written (for a person: the name without title)
    pronoun: str = ""  # person | group, for pronouns
    # a lone capitalised word opening a sentence, never written capitalised elsewhere:
    # perhaps a body's name ("Reuters said"), perhaps a common noun ("Critics said")
    doubtful: bool = False


def _gender(title: str, role: str) -> str:
    """The gender an honorific or role noun gives ("Ms", "spokeswoman"): "m", "f" or ""."""
    words = {names.bare(w) for w in f"{title} {role}".split()}
    if words & names.FEMALE_TITLES or any(w.endswith("woman") for w in words):
        return "f"
    if words & names.MALE_TITLES or any(
        w.endswith("man") and not w.endswith("woman") for w in words
    ):
        return "m"
    return ""


@dataclass(frozen=True)
class People:
    """Every person named in a story, with one canonical full name per person."""

    # (surname key, given-name initial) -> canonical full name; initial "" for surname alone
    canonical: tuple[tuple[tuple[str, str], str], ...]
    # canonical name -> "m" / "f", where an honorific or role noun in any article says so
    genders: tuple[tuple[str, str], ...] = ()
    _table: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)

    # any word of a full name -> the full names holding it, for a person called by one
    # name that is not the last ("Xi" of "Xi Jinping", "Lula" of "Luiz Inacio Lula da Silva")
    _words: dict[str, set[str]] = field(default_factory=dict, compare=False, repr=False)
    # lookups already answered: attribution asks about the same spellings again and again
    _found: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._table.update(self.canonical)
        for _, full in self.canonical:
            for word in full.split():
                if names.bare(word) not in names.PARTICLES:
                    self._words.setdefault(names.translit(word), set()).add(full)

    def lookup(self, name: str) -> str | None:
        """The canonical full name for a spelling of a person already known, else None."""
        if name not in self._found:
            self._found[name] = self._lookup(name)
        return self._found[name]

    def _lookup(self, name: str) -> str | None:
        key, given = names.person_key(name), names.given_key(name)
        if (key, given) in self._table:
            return self._table[(key, given)]
        if (key, "") in self._table:
            return self._table[(key, "")]
        bare = names.strip_title(name)[1]
        holders = self._words.get(names.translit(bare), set()) if " " not in bare else set()
        return next(iter(holders)) if len(holders) == 1 else None

    def knows(self, name: str) -> bool:
        return self.lookup(name) is not None

    def gender(self, canonical: str) -> str:
        return dict(self.genders).get(canonical, "")


def people(texts: Sequence[ArticleText]) -> People:
    """The story's people: full names grouped by :func:`names.person_key`.

    The canonical spelling is the one most articles use; on a tie the shortest (the least
    decorated transliteration), then the alphabetically first. A surname alone maps to the
    person most articles name with it.
    """
    seen: dict[tuple[str, str], dict[str, set[str]]] = {}
    titled: list[tuple[str, str]] = []
    for text in texts:
        for mention in names.mentions(text.text):
            gender = _gender(mention.title, mention.role)
            if gender:
                titled.append((mention.name, gender))
            if len(mention.tokens) < 2:
                continue
            key = (names.person_key(mention.name), names.given_key(mention.name))
            seen.setdefault(key, {}).setdefault(mention.name, set()).add(text.article)
    groups = _spelling_groups(sorted(seen))
    table: dict[tuple[str, str], str] = {}
    spread: dict[str, tuple[int, str]] = {}
    for keys in groups:
        forms: dict[str, set[str]] = {}
        for key in keys:
            for form, arts in seen[key].items():
                forms.setdefault(form, set()).update(arts)
        best = min(forms, key=lambda f: (-len(forms[f]), len(f), f))
        reach = len(set().union(*forms.values()))
        for key in keys:
            table[key] = best
            surname_key = key[0]
            if surname_key not in spread or reach > spread[surname_key][0]:
                spread[surname_key] = (reach, best)
    for surname_key, (_, best) in spread.items():
        table[(surname_key, "")] = best
    found = People(tuple(sorted(table.items())))
    genders: dict[str, set[str]] = {}
    for name, gender in titled:
        genders.setdefault(found.lookup(name) or name, set()).add(gender)
    sure = tuple(sorted((n, g.pop()) for n, g in genders.items() if len(g) == 1))
    return People(found.canonical, sure)


def _spelling_groups(keys: Sequence[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Person keys that are one person spelt two ways: same given-name initial and surname
    keys of five letters or more within a letter or two ("Prigozhin" / "Prigojine")."""
    groups: list[list[tuple[str, str]]] = []
    for key in keys:
        for group in groups:
            head = group[0]
            close = (
                key[1]
                and key[1] == head[1]
                and min(len(key[0]), len(head[0])) >= 5
                and fuzz.ratio(key[0], head[0]) >= 85
            )
            if close:
                group.append(key)
                break
        else:
            groups.append([key])
    return groups


class _Ranges:
    """Sorted, non-overlapping ``(start, end)`` ranges, asked whether they hold a position."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        self.ranges = sorted(ranges)
        self.starts = [r[0] for r in self.ranges]
        self.ends = {r[1] for r in self.ranges}

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and self.ranges[i][0] <= pos < self.ranges[i][1]


# how many earlier names or speakers a pronoun or role noun looks back over at most
LOOKBACK = 60


def _before(positions: Sequence[int], pos: int) -> range:
    """Indexes of the entries before ``pos``, nearest first, at most LOOKBACK of them."""
    end = bisect_right(positions, pos - 1)
    return range(end - 1, max(-1, end - 1 - LOOKBACK), -1)


# "R-Texas", "D-N.Y.", "I-Vt.": a US lawmaker's party and state, not a speaker.
_PARTY_TAG = re.compile(r"[RDI]-[A-Z]")
# Month and weekday names: a capitalised phrase made of them dates, not speaks.
# Time zones date a phrase too ("Monday EST", "10 a.m. GMT").
_TIME_ZONES = frozenset(
    _words("est edt cst cdt mst mdt pst pdt akst hst gmt utc bst cet cest eet eest et pt ct")
)
_DATE_WORDS = names.MONTHS | names.WEEKDAYS | _TIME_ZONES


def entities(text: str, quoted: Sequence[tuple[int, int]], known: People) -> list[Entity]:
    """Speakers named outside the quotations: people, bodies, pronouns, roles, groups."""
    inside = _Ranges(quoted)
    usage = _Usage(text)
    out: list[Entity] = []
    spans: list[tuple[int, int]] = []
    for cand in names.candidates(text):
        if cand.start in inside or _PARTY_TAG.match(cand.name) or len(cand.name) == 1:
            continue  # "(R-Texas)", "(D)": a party, not a speaker
        words = cand.tokens
        known_person = known.knows(cand.name) and (
            len(words) >= 2 or not names.non_person(cand.name)
        )
        shaped_person = names.looks_like_person(cand) and (len(words) >= 2 or bool(cand.title))
        if known_person or shaped_person or names.introduced(text, cand):
            kind = "person"
        elif all(names.bare(w) in _DATE_WORDS for w in words):
            continue
        elif cand.possessive or _modifies_noun(text, cand.end):
            continue  # "Spain's Defence Ministry", "Vatican spokesman": not the speaker
        elif len(words) == 1 and usage.common_word(cand):
            continue  # "Back in 1999", "Party leaders said": a word, not a body
        else:
            kind = "institution"
        doubtful = kind == "institution" and len(words) == 1 and usage.only_opening(cand)
        head = _name_head(text, cand.start, out)
        if head is not None:
            # "Institute for Fiscal Studies", "University of Lima": one body, not a body
            # and a person called "Fiscal Studies"
            out.pop()
            spans.pop()
            start = head.start
            out.append(Entity(start, cand.end, "institution", text[start : cand.end]))
            spans.append((start, cand.end))
            continue
        out.append(Entity(cand.start, cand.end, kind, cand.name, doubtful=doubtful))
        spans.append((cand.start, cand.end))
        if cand.role:
            spans.append((cand.start - len(cand.role) - 1, cand.start))
    taken = _Ranges(spans)
    # one pass over the words; the cheap word tests come before the position look-ups, and
    # the sort below puts the entities in order (no two of them share a span)
    for m in _WORD.finditer(text):
        word = m.group()
        if word[:1].isupper() and names.acronym(word):  # (an acronym opens with a capital)
            if word.lower() in _TIME_ZONES:
                continue
            if m.start() not in inside and m.start() not in taken:
                # "UNICEF said": an acronym standing alone is a body that can speak
                out.append(Entity(m.start(), m.end(), "institution", word))
            continue
        low = word.lower()
        if low not in _SPEAKER_WORDS or m.start() in inside or m.start() in taken:
            continue
        if low in PRONOUNS and (word.islower() or word.istitle()):
            out.append(Entity(m.start(), m.end(), "pronoun", low, PRONOUNS[low]))
        elif word.islower() and low in names.ROLE_NOUNS:
            out.append(Entity(m.start(), m.end(), "role", low))
        elif word.islower() and low in GROUP_NOUNS:
            if low in _MEDIA and _MEDIUM_BEFORE.search(text, max(0, m.start() - 8), m.start()):
                continue  # "X released a statement calling it …": the medium, not a speaker
            start = _group_start(text, m.start())
            out.append(Entity(start, m.end(), "group", text[start : m.end()]))
    out.sort(key=lambda e: (e.start, e.end))
    return out


_SENTENCE_OPENING = re.compile(r"(?:^|[.!?:\u201c\u201d\"]\s*|\n\s*)$")


class _Usage:
    """How a text writes its words, read in one pass when first asked: the words it has
    in lower case, and the capitalised ones it also has away from a sentence opening."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._lower: set[str] | None = None
        self._inside: set[str] = set()

    def _read(self) -> set[str]:
        if self._lower is None:
            self._lower = set()
            for m in _WORD.finditer(self.text):
                word = m.group()
                if word.islower():
                    self._lower.add(word)
                elif word[:1].isupper() and not _opens_sentence(self.text, m.start()):
                    self._inside.add(word)
        return self._lower

    def common_word(self, cand: names.Mention) -> bool:
        """Whether a lone capitalised word opening a sentence is an ordinary word of the
        article's language: the same word also stands in lower case in the text."""
        if not _opens_sentence(self.text, cand.start):
            return False
        return cand.name.lower() in self._read()

    def only_opening(self, cand: names.Mention) -> bool:
        """Whether a capitalised word stands only where any word is capitalised: at the
        opening of its sentence, and nowhere else in the text with a capital."""
        if not _opens_sentence(self.text, cand.start):
            return False
        self._read()
        return cand.name not in self._inside


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether ``pos`` opens a sentence: only spaces after a full stop, a question or
    exclamation mark, a colon, a quotation mark or a line break, or the text's start."""
    return bool(_SENTENCE_OPENING.search(text, max(0, pos - 3), pos))


_CONNECTOR = re.compile(r" (?:for|of|on|and|&) $")


def _name_head(text: str, start: int, found: Sequence[Entity]) -> Entity | None:
    """The body whose name goes on at ``start`` ("Institute" of "Institute for Fiscal
    Studies"): the entity found last, when only "for", "of", "on", "and" or "&" stands
    between and one of its words marks a body."""
    if not found or found[-1].kind != "institution":
        return None
    last = found[-1]
    if not _CONNECTOR.fullmatch(text[last.end : start]):
        return None
    return last if any(names.bare(w) in names.NON_PERSON_WORDS for w in last.text.split()) else None


_NEXT_WORD = re.compile(r" ([a-z][\w\-]*)")


def _modifies_noun(text: str, end: int) -> bool:
    """Whether the capitalised phrase ending at ``end`` stands before a lower-case noun."""
    m = _NEXT_WORD.match(text, end, end + 30)
    return bool(m) and (m.group(1) in names.ROLE_NOUNS or m.group(1) in GROUP_NOUNS)


_BODY_WORDS = re.compile(r"(?:^|\s)((?:[A-Z][\w\-]*(?:[’']s)? ){0,4}(?:[a-z][\w\-]* ){0,2})$")
# What someone speaks through: "a statement", "its report" are the medium of a speaker.
_MEDIA = frozenset(_words("statement report reports"))
_MEDIUM_BEFORE = re.compile(r"\b(?:a|an|its|his|her|their|our|my|your) $")


def _group_start(text: str, start: int) -> int:
    """Take the words that name a body into its noun: "Russian sources", "Chile's foreign
    ministry" (one capitalised or possessive word, after at most two modifiers)."""
    head = text[max(0, start - 60) : start]
    m = _BODY_WORDS.search(head)
    if not m or not m.group(1):
        return start
    words = m.group(1).split()
    while words and (names.bare(words[0]) in names.FUNCTION_WORDS or words[0] in _DETERMINERS):
        words.pop(0)
    if not words or not words[0][:1].isupper():
        return start  # "senior officials": no name for the body
    if any(w.islower() and not _modifier(w) for w in words):
        return start  # "Trust released a statement": a clause, not a body's name
    return start - len(" ".join(words)) - 1


def _modifier(word: str) -> bool:
    """Whether a lower-case word can qualify a body's noun ("foreign", "health")."""
    return (
        word not in _DETERMINERS
        and word not in names.FUNCTION_WORDS
        and word not in REPORTING_VERBS
        and not word.endswith("ed")
    )


@dataclass(frozen=True)
class _Verb:
    start: int
    end: int
    word: str
    sentence: int


def _verbs(text: str, quoted: _Ranges, bounds: Sequence[int]) -> list[_Verb]:
    out = []
    for m in _WORD.finditer(text):
        low = m.group().lower()
        if low not in REPORTING_VERBS and low != "according":
            continue
        if m.start() in quoted or not (m.group().islower() or low == "according"):
            continue  # a capitalised "Post" or "States" is a name, not a verb
        if low in _BEFORE_INFINITIVE and text[m.end() : m.end() + 4] == " to ":
            continue  # "will continue to be", "vowed to fight": not reporting speech
        if low in REPORTING_VERBS or (low == "according" and text[m.end() : m.end() + 3] == " to"):
            out.append(_Verb(m.start(), m.end(), low, bisect_right(bounds, m.start()) - 1))
    return out


# "(R-Texas)", "(D-Va.)", "(pictured)": a bracketed aside between a name and its verb
_PAREN = re.compile(r"\s*\([^()]{0,40}\)")


def _only_filler(between: str, also: frozenset[str] = frozenset()) -> bool:
    """Whether only adverbs, auxiliaries and time words stand between agent and verb."""
    between = _PAREN.sub("", between)
    words = _WORD.findall(between)
    if any(ch in between for ch in '\u201c\u201d"«»„;:'):
        return False
    return len(words) <= 4 and all(w.lower() in _BETWEEN or w.lower() in also for w in words)


_CLAUSE_OPENERS = frozenset(_words("who whose whom which the a an his her its their"))
# Lower-case words that open a description of a person, not a clause of its own.
_NOT_DESCRIPTIONS = frozenset(_words("and but or so then that if when while because as"))


def _describes(segment: str, words: Sequence[str]) -> bool:
    """Whether a comma-delimited insertion describes the name before it: a relative
    clause (``who chaired the talks``), a description in lower case (``director of
    research at the Lima Institute``, ``then senior pastor``, ``clad in red``) or one
    headed by a possessive (``Twitter’s director of advertising``)."""
    if not words or len(words) > 30 or any(ch in segment for ch in '\u201c\u201d"«»„;:'):
        return False
    head = words[0]
    if head.casefold() in _CLAUSE_OPENERS:
        return True
    if head.islower():
        return head not in _NOT_DESCRIPTIONS and head not in REPORTING_VERBS
    if any(w in REPORTING_VERBS for w in words):
        return False
    # "Sanders’ campaign manager", "President Obama's former chief of staff", "HP's
    # chief spokesman": a possessive or a role noun in lower case makes a description
    possessive = any(
        re.search(r"[’'](?:s)?$", w) and i + 1 < len(words) and words[i + 1].islower()
        for i, w in enumerate(words)
    )
    return possessive or any(w in names.ROLE_NOUNS or w in names.OCCUPATIONS for w in words)


def _just_a_name(segment: str, person: tuple[int, int], offset: int) -> bool:
    """Whether an insertion is a name with at most a title before it (``, Tom Beck,``,
    ``, the party's leader Tom Beck,``)."""
    lead = segment[: person[0] - offset]
    # only what follows a quotation or a sentence's end in the insertion counts
    words = _WORD.findall(re.split(r"[.?!\u201d\u2019\"»]", lead)[-1])
    return len(words) <= 4 and not any(w in REPORTING_VERBS for w in words)


def _clause_start(
    body: str, verb_start: int, sentence_start: int, persons: Sequence[tuple[int, int]]
) -> int:
    """Where the agent of a verb must end, looking past comma-delimited insertions.

    ``Ana Ruiz, who chaired the talks, added``, ``Ivo Kral, the Vatican spokesman,
    said``, ``Jo Lin, director of research at the Lima Institute, said`` and ``Ruiz,
    however, said`` put the agent before the insertions; ``The party's leader, Tom Beck,
    said`` inside the last one. With no such insertion, this is the verb itself.
    """
    head = body[sentence_start:verb_start]
    if not head.rstrip().endswith(","):
        return verb_start
    end = len(head.rstrip()) - 1  # the comma closing the last insertion
    described = False  # an insertion describing someone was passed
    while True:
        opening = head.rfind(",", 0, end)
        segment = head[opening + 1 : end]
        a, b = sentence_start + opening + 1, sentence_start + end
        words = _WORD.findall(segment)
        if opening >= 0 and _describes(segment, words):
            described = True
            end = opening
            continue
        inside = [(s, e) for s, e in persons if a <= s and e <= b]
        if inside and _just_a_name(segment, inside[-1], a):
            return sentence_start + end
        if opening < 0:
            return sentence_start + end if described else verb_start
        if len(words) > 3:
            return verb_start
        end = opening


def _appositive(between: str) -> bool:
    """``, who has led talks with Lima,`` or ``, the Vatican spokesman,`` between agent and verb."""
    between = between.strip()
    if not (between.startswith(",") and between.endswith(",")):
        return False
    if any(ch in between for ch in '\u201c\u201d"«»„;'):
        return False
    return len(_WORD.findall(between)) <= 25


class _Reader:
    """One article's sentences, quotations and speakers, indexed for lookups by position."""

    def __init__(
        self,
        text: ArticleText,
        sentences: Sequence[Sentence],
        spans: Sequence[QuoteSpan],
        marked: Sequence[QuoteSpan],
    ) -> None:
        self.text = text.text
        self.spans = spans
        self.span_starts = [s.start for s in spans]
        # everything in quotation marks, titles too: no speaker or verb is read inside
        self.quoted = _Ranges([(_open_at(s), _close_at(s)) for s in marked])
        self.sentences = sentences
        self.bounds = [s.start for s in sentences]

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect_right(self.bounds, pos) - 1)

    def spans_in(self, sentence: Sentence) -> Sequence[QuoteSpan]:
        lo = bisect_right(self.span_starts, sentence.start - 1)
        hi = bisect_right(self.span_starts, sentence.end)
        return self.spans[lo:hi]


def _value(entity: Entity, known: People) -> str:
    if entity.kind == "person":
        return known.lookup(entity.text) or entity.text
    text = entity.text
    return text[4:] if text.lower().startswith("the ") else text


@dataclass(frozen=True)
class Attribution:
    """Who said one quotation, and how sure the evidence makes that (0 to 1)."""

    speaker: str | None
    confidence: float


# How sure each kind of evidence makes an attribution. A reporting verb with its agent
# named in the sentence is near certain; a pronoun or a role noun is only as good as the
# person it is resolved to; a quotation standing alone keeps its neighbour's speaker with
# a little less; a sentence with no reporting verb only suggests who spoke.
_SURE_OF_AGENT = {
    "person": 0.95,
    "institution": 0.9,
    "group": 0.85,
    "pronoun": 0.75,
    "role": 0.7,
}
_CARRIED = 0.9  # a quotation that takes its speaker from the one before it
_DOUBTFUL_BODY = 0.45  # "Critics said": a body's name or a common noun? (Entity.doubtful)
_COLON = 0.85  # "Ruiz: “…”"
_COLON_SUBJECT = 0.7  # "Ruiz questioned the plan: “…”"
GUESSED = 0.4  # no reporting verb: the person the sentence or the one before is about
# Below this the site does not assert the speaker: it says "possible speaker: X".
SURE_ENOUGH = 0.5
# how far into the next sentence a reporting verb may stand ("“Why?” Ruiz asked.")
_NEXT_SENTENCE_REACH = 40


def quote_confidence(speaker: str | None, occurrences: Sequence[QuoteOccurrence]) -> float:
    """How sure an utterance's speaker is: the surest occurrence that names that speaker
    (0 with no speaker)."""
    if not speaker:
        return 0.0
    measured = [o.speaker_confidence for o in occurrences if o.speaker == speaker]
    return max((1.0 if sure is None else sure for sure in measured), default=0.0)


def attribute(
    text: ArticleText,
    sentences: Sequence[Sentence],
    spans: Sequence[QuoteSpan],
    known: People,
) -> tuple[str | None, ...]:
    """The canonical speaker of each quotation span of one article (None when unknown)."""
    return tuple(a.speaker for a in attributions(text, sentences, spans, known))


def attributions(
    text: ArticleText,
    sentences: Sequence[Sentence],
    spans: Sequence[QuoteSpan],
    known: People,
) -> tuple[Attribution, ...]:
    """The canonical speaker of each quotation span of one article, with how sure it is
    (speaker None and confidence 0 when unknown)."""
    sentences = _joined(text.text, sentences)
    reader = _Reader(text, sentences, spans, all_spans(text))
    body = reader.text
    ents = entities(body, reader.quoted.ranges, known)
    ent_starts = [e.start for e in ents]
    by_sentence: dict[int, list[Entity]] = {}
    for e in ents:
        by_sentence.setdefault(reader.sentence_of(e.start), []).append(e)
    verbs = _verbs(body, reader.quoted, reader.bounds)
    verbs_in: dict[int, list[int]] = {}
    for vi, verb in enumerate(verbs):
        verbs_in.setdefault(verb.sentence, []).append(vi)
    # persons named outside quotations, for pronouns and roles: (pos, value, roles)
    named: list[tuple[int, str, str]] = []
    for cand in names.mentions(body):
        if cand.start not in reader.quoted:
            value = known.lookup(cand.name) or cand.name
            roles = f"{cand.title} {cand.role}".casefold()
            named.append((cand.start, value, roles))
    named_at = [n[0] for n in named]
    history: list[tuple[int, str, str]] = []  # (pos, value, kind) of resolved agents, in order
    history_at: list[int] = []

    def resolve(entity: Entity) -> str | None:
        if entity.kind in ("person", "institution"):
            return _value(entity, known)
        if entity.kind == "pronoun":
            return pronoun(entity)
        if entity.kind == "role":
            return role(entity)
        return group(entity)

    def pronoun(entity: Entity) -> str | None:
        want = "person" if entity.pronoun == "person" else "institution"
        sex = _PRONOUN_GENDER.get(entity.text, "")

        def fits(value: str) -> bool:
            return not sex or known.gender(value) in ("", sex)

        for i in _before(history_at, entity.start):
            _, value, kind = history[i]
            if kind == want and fits(value):
                return value
        if want == "person":
            # nobody spoke yet: the subject (first person) of the last sentence naming one
            fitting = [i for i in _before(named_at, entity.start) if fits(named[i][1])]
            if fitting:
                last = reader.sentence_of(named[fitting[0]][0])
                same = [i for i in fitting if reader.sentence_of(named[i][0]) == last]
                return named[same[-1]][1]
        return None

    def role(entity: Entity) -> str | None:
        for i in _before(named_at, entity.start):
            if entity.text in named[i][2]:
                return named[i][1]
        if re.search(r"[’']s?\s+(?:\w+\s+)?$", body[max(0, entity.start - 30) : entity.start]):
            return None  # "Biden's spokeswoman" is someone else, unnamed
        here = reader.sentence_of(entity.start)
        for i in _before(named_at, entity.start):
            if reader.sentence_of(named[i][0]) == here:
                return named[i][1]
        return None

    def group(entity: Entity) -> str | None:
        # a named body ("Russian sources") is a speaker; "the ministry" is the body of that
        # kind named last; a bare noun ("officials") is nobody in particular
        first = entity.text.split()[0]
        opens_sentence = reader.bounds[reader.sentence_of(entity.start)] == entity.start
        proper = first[:1].isupper() and (
            not opens_sentence
            or names.bare(first) in names.DEMONYMS
            or bool(re.search(r"[’']s$", first))
        )
        if proper and first != entity.text:
            return entity.text
        noun = entity.text.split()[-1]
        if body[max(0, entity.start - 4) : entity.start].casefold() == "the ":
            for i in _before(ent_starts, entity.start):
                e = ents[i]
                named_noun = noun in (w.casefold() for w in e.text.split())
                if e.end <= entity.start and e.kind == "institution" and named_noun:
                    return _value(e, known)
        return None

    def kind_of(entity: Entity, value: str) -> str:
        if entity.kind == "person" or (entity.kind in ("pronoun", "role") and known.knows(value)):
            return "person"
        if entity.kind == "pronoun" and entity.pronoun == "person":
            return "person"
        return "institution"

    def clause_agent(
        vi: int, verb: _Verb, same: Sequence[Entity]
    ) -> tuple[str | None, str, float] | Entity | None:
        """A participle's agent: that of an earlier verb of its sentence, else the
        sentence's subject (its first named speaker)."""
        earlier = [agents[vj] for vj in reversed(verbs_in[verb.sentence]) if vj < vi]
        found = next((a for a in earlier if a[0] is not None), None)
        if found is not None:
            return found
        opening = _fronted_end(body, reader.bounds[verb.sentence], verb.start)
        subject = [
            e
            for e in same
            if opening <= e.start
            and e.end <= verb.start
            and e.kind != "group"
            and not _possessive(body, e)
        ]
        return subject[0] if subject else None

    persons = [(e.start, e.end) for e in ents if e.kind == "person"]
    # per verb: (speaker, kind, confidence); kind "" when the verb has no agent, "unnamed"
    # when its agent is nobody in particular ("a spokeswoman said")
    agents: dict[int, tuple[str | None, str, float]] = {}
    for vi, verb in enumerate(verbs):
        same = by_sentence.get(verb.sentence, [])
        agent: Entity | None = None
        if verb.word == "according":
            after = [e for e in same if e.start > verb.end and e.start - verb.end <= 8]
            agent = after[0] if after else None
        participle = verb.word.endswith("ing")
        if agent is None and participle and body[verb.start - 4 : verb.start] == " as ":
            # "Korpress quoted General Han as saying …": the one quoted speaks
            quoted_one = [e for e in same if e.end <= verb.start - 4]
            if quoted_one and not body[quoted_one[-1].end : verb.start - 4].strip():
                agent = quoted_one[-1]
        if agent is None and participle and _after_comma(body, verb.start):
            # "X responded on Twitter, calling it …": a participle after a comma takes the
            # subject of its clause, not the last name before it
            found = clause_agent(vi, verb, same)
            if isinstance(found, tuple):
                agents[vi] = found
                continue
            agent = found
        if agent is None:
            # "X, who chaired the talks in Geneva, added": the agent stands before the clause
            limit = _clause_start(body, verb.start, reader.bounds[verb.sentence], persons)
            for e in reversed(same):
                if e.end > limit:
                    continue
                between = body[e.end : limit]
                if _only_filler(between) or _appositive(between):
                    agent = _affiliated(body, e, same) if e.kind == "institution" else e
                break
        # a participle never has its agent after it: "“…,” saying X" is no attribution
        after_quote = not participle and _after_quote(body, verb.start, reader.quoted)
        if agent is None and ((not participle and _after_comma(body, verb.start)) or after_quote):
            # "“…,” said X" and "“…” in sharp contrast to 2012, says X"
            agent = _agent_after(body, verb.end, [e for e in same if e.start >= verb.end])
        if agent is None and participle:
            found = clause_agent(vi, verb, same)
            if isinstance(found, tuple):
                agents[vi] = found
                continue
            agent = found
        if agent is None:
            agents[vi] = (None, "", 0.0)
            continue
        value = resolve(agent)
        if value is None:
            agents[vi] = (None, "unnamed", 0.0)
            continue
        kind = kind_of(agent, value)
        sure = _DOUBTFUL_BODY if agent.doubtful else _SURE_OF_AGENT[agent.kind]
        agents[vi] = (value, kind, sure)
        if not body[max(0, agent.start - 5) : agent.start].endswith("that "):
            # "X said, adding that Y agreed": Y is reported, not the one speaking on
            history.append((verb.start, value, kind))
            history_at.append(verb.start)

    out: list[Attribution] = []
    previous = Attribution(None, 0.0)
    previous_block = -1
    for span in spans:
        open_at, close_at = _open_at(span), _close_at(span)
        first = reader.sentence_of(open_at)
        last = reader.sentence_of(span.end)
        best: tuple[int, str | None, float, int] | None = None
        for vi in (vi for n in range(first, last + 1) for vi in verbs_in.get(n, [])):
            best = _nearer(best, verbs[vi], agents[vi], open_at, close_at)
        if best is None and _ends_sentence(body, span, close_at, reader.bounds, last):
            # "“Really?” Bush said.": the splitter cut after the question mark; only an
            # attribution opening the next sentence counts ("“Why?” Ana Ruiz asked")
            for vi in verbs_in.get(last + 1, []):
                if _attribution_gap(body[close_at : verbs[vi].start]):
                    best = _nearer(best, verbs[vi], agents[vi], open_at, close_at)
        clause = _colon_clause(body, open_at, reader.bounds[first])
        if best is not None and clause is not None and best[3] < clause:
            # "When Tom Beck said so, Ruiz fired back: “…”": the colon's own clause
            # introduces the quotation, not a verb in an earlier one
            in_clause = [e for e in by_sentence.get(first, []) if e.start >= clause]
            found_colon = _colon_speaker(body, open_at, in_clause, resolve)
            if found_colon is not None:
                best = (0, found_colon[0], found_colon[1], clause)
        speaker = best[1] if best else None
        sure = best[2] if best and speaker else 0.0
        # "a spokeswoman said": someone unnamed spoke; no other fallback applies
        unnamed = best is not None and speaker is None
        if speaker is None and span.continued:
            speaker, sure = previous.speaker, previous.confidence * _CARRIED
        alone = _stands_alone(body, sentences[first], reader.spans_in(sentences[first]))
        if speaker is None and not unnamed:
            found_colon = _colon_speaker(body, open_at, by_sentence.get(first, []), resolve)
            if found_colon is not None:
                speaker, sure = found_colon
        follows = previous.speaker is not None and span.block - previous_block <= 1
        if speaker is None and not unnamed and alone and follows:
            speaker, sure = previous.speaker, previous.confidence * _CARRIED
        if speaker is None and not unnamed:
            # "“…” Sanders.": a sentence that is only a name signs the quotation
            signer = _signature(body, close_at, last, reader, by_sentence)
            if signer is not None:
                speaker, sure = resolve(signer), _SIGNED
        if speaker is None and not unnamed:
            # "Ruiz bemoaned a climate in which people “hate each other”": no reporting
            # verb, but the sentence's subject is someone; a guess, and shown as one
            subject = _subject(body, [e for e in by_sentence.get(first, []) if e.end <= open_at])
            if subject is not None:
                speaker = resolve(subject)
                sure = GUESSED if speaker else 0.0
        if speaker is None and not unnamed:
            # a scare quote in narration: the person the sentence before was about
            recent = [i for i in _before(history_at, open_at) if history[i][2] == "person"]
            if recent and reader.sentence_of(history[recent[0]][0]) >= first - 1:
                speaker, sure = history[recent[0]][1], GUESSED
            elif first > 0 and alone:
                # "Ruiz was defiant. “We will not resign.”": the last sentence's subject
                subject_named = [
                    named[i][1]
                    for i in _before(named_at, open_at)
                    if reader.sentence_of(named[i][0]) == first - 1
                ]
                speaker, sure = (subject_named[-1], GUESSED) if subject_named else (None, 0.0)
        out.append(Attribution(speaker, round(sure, 2) if speaker else 0.0))
        previous, previous_block = out[-1], span.block
    return tuple(out)


_SIGNED = 0.85  # "“…” Sanders.": a name alone after the quotation


def _signature(
    body: str,
    close_at: int,
    last: int,
    reader: _Reader,
    by_sentence: Mapping[int, Sequence[Entity]],
) -> Entity | None:
    """The person whose name alone makes the sentence right after a quotation."""
    following = last + 1
    if following >= len(reader.bounds) or not 0 <= reader.bounds[following] - close_at <= 2:
        return None
    sentence = reader.sentences[following]
    people = [e for e in by_sentence.get(following, []) if e.kind == "person"]
    if len(people) != 1:
        return None
    rest = body[sentence.start : people[0].start] + body[people[0].end : sentence.end]
    return people[0] if not any(ch.isalnum() for ch in rest) else None


def _subject(body: str, before: Sequence[Entity]) -> Entity | None:
    """The subject of a sentence without a reporting verb, among the speakers named
    before its quotation: the last person (or pronoun) followed by a word in lower case,
    as a verb follows its subject ("Fiorina routinely calls herself"), else the first;
    never a possessive ("Trump's comments")."""
    candidates = [e for e in before if e.kind in ("person", "pronoun") and not _possessive(body, e)]
    with_verb = [e for e in candidates if _FOLLOWED_BY_WORD.match(body, e.end)]
    if with_verb:
        return with_verb[-1]
    return candidates[0] if candidates else None


_FOLLOWED_BY_WORD = re.compile(r" (?!(?:and|or|of|the|a|an|in|on|at|to|for|with|by)\b)[a-z]")


def _possessive(body: str, entity: Entity) -> bool:
    return body[entity.end : entity.end + 2] in ("’s", "'s") or body[
        entity.end : entity.end + 1
    ] in ("’", "'")


# An abbreviated title ends a sentence only for a splitter that does not know it: "Former
# Arkansas Gov. | Mike Huckabee said" is one sentence to a reader.
_TITLE_ABBREVIATION = re.compile(r"\b(\w+)\.$")


def _joined(body: str, sentences: Sequence[Sentence]) -> list[Sentence]:
    """Sentences with those cut after an abbreviated title ("Gov.", "Sen.") joined to the
    next one, for attribution only."""
    out: list[Sentence] = []
    for sentence in sentences:
        if out and out[-1].block == sentence.block:
            m = _TITLE_ABBREVIATION.search(out[-1].text)
            if m and names.bare(m.group(1)) in names.HONORIFICS:
                prev = out[-1]
                out[-1] = dataclasses.replace(
                    prev, end=sentence.end, text=body[prev.start : sentence.end]
                )
                continue
        out.append(sentence)
    return out


def _nearer(
    best: tuple[int, str | None, float, int] | None,
    verb: _Verb,
    agent: tuple[str | None, str, float],
    open_at: int,
    close_at: int,
) -> tuple[int, str | None, float, int] | None:
    """The nearer of ``best`` and this verb's agent to a quotation: (distance, speaker,
    confidence, where the verb is); a verb with no agent at all does not count."""
    value, kind, sure = agent
    if not kind:
        return best
    distance = open_at - verb.end if verb.end <= open_at else verb.start - close_at
    if distance < 0:
        return best
    if verb.word == "according":
        # "X told Y "...", according to state media": the medium is the source, X the
        # speaker, whenever the sentence names one
        distance += 200
    return (distance, value, sure, verb.start) if best is None or distance < best[0] else best


def _attribution_gap(between: str) -> bool:
    """Whether only a speaker's name, title or pronoun stands between a quotation's
    closing mark and a verb ("” Ana Ruiz asked", "” he said", "” asked")."""
    words = _WORD.findall(between)
    if len(words) > 5 or any(ch in between for ch in _GAP_STOPS):
        return False
    return all(w[:1].isupper() or w.lower() in PRONOUNS or w.lower() in _DETERMINERS for w in words)


def _ends_sentence(
    body: str, span: QuoteSpan, close_at: int, bounds: Sequence[int], last: int
) -> bool:
    """Whether a quotation ends with its own sentence's question or exclamation mark
    (where a splitter cuts) and the next sentence starts right after it."""
    return (
        span.text.rstrip()[-1:] in ("?", "!")
        and last + 1 < len(bounds)
        and 0 <= bounds[last + 1] - close_at <= 2
    )


# "of the Institute for Fiscal Studies", "from Harbour Bank": a person's affiliation
_AFFILIATION = re.compile(
    r"\s+(?:of|from|at|with)\s+(?:the\s+)?"
    r"(?:[A-Z][\w.&’'\-]*\s+(?:(?:for|of|and|on|the|&)\s+)*)*$"
)


def _affiliated(body: str, body_entity: Entity, same: Sequence[Entity]) -> Entity:
    """The person a body belongs to when the body is only their affiliation ("Jane Orr of
    the Institute for Fiscal Studies said"), else the body itself."""
    people = [e for e in same if e.end <= body_entity.start and e.kind == "person"]
    if people and _AFFILIATION.fullmatch(body[people[-1].end : body_entity.start]):
        return people[-1]
    return body_entity


# Words opening a fronted phrase before a sentence's subject: "In an interview with CNN,
# Ruiz said", "Early in the campaign, Ruiz", "Facing criticism, Ruiz".
_FRONTING = frozenset(_words("early late last later earlier back once"))


def _fronted_end(body: str, sentence_start: int, limit: int) -> int:
    """Where a sentence's subject may start: after a fronted phrase (one opening with a
    preposition, an adverb or a participle and closed by a comma), else at its start."""
    comma = body.find(",", sentence_start, limit)
    if comma < 0:
        return sentence_start
    first = _WORD.match(body, sentence_start)
    if first is None:
        return sentence_start
    word = first.group().lower()
    fronted = (
        word in names.FUNCTION_WORDS
        or word in _FRONTING
        or word.endswith("ing")
        or word.endswith("ly")
    )
    return comma + 1 if fronted else sentence_start


def _after_comma(body: str, pos: int) -> bool:
    """Whether a comma (perhaps inside a closing quotation mark) stands right before."""
    return body[max(0, pos - 4) : pos].rstrip().rstrip("\u201d\u2019\"'").endswith(",")


def _agent_after(body: str, verb_end: int, after: Sequence[Entity]) -> Entity | None:
    """The agent written after its verb (``“…,” said Rep. Ana Ruiz``, ``said party
    spokesman Tom Beck``): the first person reached over titles, role nouns and
    capitalised words, else the entity right after the verb."""
    first: Entity | None = None
    for e in after[:4]:
        between = _ROLE_THEN_NAME.sub(r"\1 ", body[verb_end : e.start])
        if any(ch in between for ch in _GAP_STOPS):
            break
        words = _WORD.findall(between)
        if len(words) > 6 or any(w in REPORTING_VERBS or w == "that" for w in words):
            break
        if _possessive(body, e):
            continue  # "said Ana Ruiz's lawyer Tom Beck": the lawyer speaks
        if e.kind == "person":
            # "said pollster Tom Beck", "said undecided voter Ana Ruiz of Lima"; but in
            # "said Ruiz campaign spokesman Tom Beck" Ruiz only qualifies Beck
            later = [x for x in after if x.start >= e.end and x.kind == "person"][:1]
            if later and _names_qualifier(body[e.end : later[0].start]):
                return later[0]
            return e
        if first is None and _title_gap(between):
            first = e
    if first is not None and _only_filler(body[verb_end : first.start], _DETERMINERS):
        return first
    return None


# "said the bureau's director, James Comey": the comma before a name after a role
_ROLE_THEN_NAME = re.compile(r"\b(" + "|".join(sorted(names.ROLE_NOUNS)) + r"),\s+(?=\S*$)")


def _names_qualifier(gap: str) -> bool:
    """Whether the words between two names make the first qualify the second: only
    lower-case words ending with a role noun ("campaign spokesman")."""
    words = _WORD.findall(gap)
    return (
        0 < len(words) <= 4
        and not any(ch in gap for ch in _GAP_STOPS)
        and all(w.islower() for w in words)
        and words[-1] in names.ROLE_NOUNS
    )


_GAP_STOPS = frozenset(',;:()\u201c\u201d"«»„')


def _title_gap(between: str) -> bool:
    """Whether only titles, role nouns, determiners and capitalised words stand here."""
    if any(ch in between for ch in _GAP_STOPS):
        return False
    words = _WORD.findall(between)
    return len(words) <= 6 and all(
        w[:1].isupper()
        or w.lower() in _DETERMINERS
        or w.lower() in _BETWEEN
        or w in names.ROLE_NOUNS
        or names.is_title_word(w)
        for w in words
    )


def _open_at(span: QuoteSpan) -> int:
    """Where a quotation's opening mark starts (two apostrophes make one mark)."""
    return span.start - max(1, len(span.opening))


def _close_at(span: QuoteSpan) -> int:
    """Just after a quotation's closing mark (at its end when the paragraph ended first)."""
    return span.end + max(1, len(span.closing))


def _after_quote(body: str, pos: int, quoted: _Ranges) -> bool:
    """Whether only punctuation and spaces separate ``pos`` from a closing mark before it."""
    before = body[max(0, pos - 4) : pos].rstrip(" ,\u00a0")
    return max(0, pos - 4) + len(before) in quoted.ends


def _colon_clause(body: str, open_at: int, sentence_start: int) -> int | None:
    """Where the clause ending in a colon right before a quotation starts (after the
    last comma before the colon), or None with no such colon."""
    if ":" not in body[max(0, open_at - 3) : open_at]:
        return None
    colon = body.rfind(":", 0, open_at)
    return max(body.rfind(",", sentence_start, colon) + 1, sentence_start)


def _colon_speaker(body, open_at, ents, resolve) -> tuple[str, float] | None:  # type: ignore[no-untyped-def]
    """``Ruiz: "…"`` or ``Lula questioned the dollar's role: "…"``: a colon right
    before the quotation introduces the words of the name standing right before it, or
    else of the clause's subject (``ents`` are the sentence's)."""
    lead = body[max(0, open_at - 3) : open_at]
    if ":" not in lead:
        return None
    colon = body.rfind(":", 0, open_at)
    before = [e for e in ents if e.end <= colon and e.kind in ("person", "pronoun", "institution")]
    if before and not _PAREN.sub("", body[before[-1].end : colon]).strip(" -–—"):
        value = resolve(before[-1])
        if value is not None:
            return value, _COLON
    # the clause's subject: its first person, else its first body ("In a Fox interview,
    # Trump went further: …" is Trump's)
    people = [e for e in before if e.kind != "institution"]
    for e in (people or before)[:1]:
        value = resolve(e)
        return (value, _COLON_SUBJECT) if value is not None else None
    return None


def _stands_alone(body: str, sentence: Sentence, spans: Sequence[QuoteSpan]) -> bool:
    """Whether a sentence holds nothing but quotation(s) and punctuation."""
    rest = body[sentence.start : sentence.end]
    for span in spans:
        if sentence.start <= span.start and span.end <= sentence.end:
            a, b = span.start - sentence.start, span.end - sentence.start
            rest = rest[:a] + " " * (b - a) + rest[b:]
    return not any(ch.isalnum() for ch in rest)
