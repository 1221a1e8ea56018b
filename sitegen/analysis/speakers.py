"""Who said each quotation, as one canonical name across the whole story.

Attribution reads the words around a quotation the way a reader does:

* a reporting verb next to the quotation (``"…," X said``, ``said X``, ``X told reporters:``,
  ``according to X``, ``X, who …, added``, ``X said the plan "…"``), the nearest one winning;
* a participle (``…, adding "…"``, ``…, saying the …``) takes the subject of its clause;
* a pronoun (``he said``) is the last person who spoke or was named before it, a role noun
  (``the spokesman``) the last person who carried that role or title;
* with no verb in the sentence, a quotation standing alone (or reopening a paragraph)
  keeps the speaker of the quotation before it.

Names are then made one per person across every article of the story: "Tchaikovskyy",
"Mr Tchaikovsky" and "Pyotr Tchaikovskiy" all become one full name (see
:func:`names.person_key`). An institution ("the Vatican") is the speaker when no person is.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..model import ArticleText, Sentence
from . import names
from .spans import QuoteSpan


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
speak concur clarify elaborate summarise summarize hint"""
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


# Month and weekday names: a capitalised phrase made of them dates, not speaks.
_DATE_WORDS = names.MONTHS | names.WEEKDAYS


def entities(text: str, quoted: Sequence[tuple[int, int]], known: People) -> list[Entity]:
    """Speakers named outside the quotations: people, bodies, pronouns, roles, groups."""
    inside = _Ranges(quoted)
    out: list[Entity] = []
    spans: list[tuple[int, int]] = []
    for cand in names.candidates(text):
        if cand.start in inside:
            continue
        words = cand.tokens
        known_person = known.knows(cand.name) and (
            len(words) >= 2 or not names.non_person(cand.name)
        )
        shaped_person = names.looks_like_person(cand) and (len(words) >= 2 or bool(cand.title))
        if known_person or shaped_person:
            kind = "person"
        elif all(names.bare(w) in _DATE_WORDS for w in words):
            continue
        elif cand.possessive or _modifies_noun(text, cand.end):
            continue  # "Spain's Defence Ministry", "Vatican spokesman": not the speaker
        else:
            kind = "institution"
        out.append(Entity(cand.start, cand.end, kind, cand.name))
        spans.append((cand.start, cand.end))
        if cand.role:
            spans.append((cand.start - len(cand.role) - 1, cand.start))
    taken = _Ranges(spans)
    # one pass over the words; the cheap word tests come before the position look-ups, and
    # the sort below puts the entities in order (no two of them share a span)
    for m in _WORD.finditer(text):
        word = m.group()
        if word[:1].isupper() and names.acronym(word):  # (an acronym opens with a capital)
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
            start = _group_start(text, m.start())
            out.append(Entity(start, m.end(), "group", text[start : m.end()]))
    out.sort(key=lambda e: (e.start, e.end))
    return out


_NEXT_WORD = re.compile(r" ([a-z][\w\-]*)")


def _modifies_noun(text: str, end: int) -> bool:
    """Whether the capitalised phrase ending at ``end`` stands before a lower-case noun."""
    m = _NEXT_WORD.match(text, end, end + 30)
    return bool(m) and (m.group(1) in names.ROLE_NOUNS or m.group(1) in GROUP_NOUNS)


_BODY_WORDS = re.compile(r"(?:^|\s)((?:[A-Z][\w\-]*(?:[’']s)? )?(?:[a-z][\w\-]* ){0,2})$")


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
    return start - len(" ".join(words)) - 1


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
        if low in REPORTING_VERBS or (low == "according" and text[m.end() : m.end() + 3] == " to"):
            out.append(_Verb(m.start(), m.end(), low, bisect_right(bounds, m.start()) - 1))
    return out


def _only_filler(between: str, also: frozenset[str] = frozenset()) -> bool:
    """Whether only adverbs, auxiliaries and time words stand between agent and verb."""
    words = _WORD.findall(between)
    if any(ch in between for ch in '\u201c\u201d"«»„;:'):
        return False
    return len(words) <= 4 and all(w.lower() in _BETWEEN or w.lower() in also for w in words)


_CLAUSE_OPENERS = frozenset(_words("who whose whom which the a an his her its their"))


def _clause_start(
    body: str, verb_start: int, sentence_start: int, persons: Sequence[tuple[int, int]]
) -> int:
    """Where the agent of a verb must end, looking past comma-delimited insertions.

    ``Ana Ruiz, who chaired the talks, added``, ``Ivo Kral, the Vatican spokesman,
    said``, ``Joe Manchin, D-W.Va., whose vote decided it, said`` and ``Ruiz, however,
    said`` put the agent before the insertions; ``The party's leader, Tom Beck, said``
    inside the last one. With no such insertion, this is the verb itself.
    """
    head = body[sentence_start:verb_start]
    if not head.rstrip().endswith(","):
        return verb_start
    end = len(head.rstrip()) - 1  # the comma closing the last insertion
    while True:
        opening = head.rfind(",", 0, end)
        segment = head[opening + 1 : end]
        a, b = sentence_start + opening + 1, sentence_start + end
        if any(a <= s and e <= b for s, e in persons):
            return sentence_start + end
        words = _WORD.findall(segment)
        relative = bool(words) and words[0].casefold() in _CLAUSE_OPENERS
        if opening < 0 or not (relative or len(words) <= 3):
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
        self, text: ArticleText, sentences: Sequence[Sentence], spans: Sequence[QuoteSpan]
    ) -> None:
        self.text = text.text
        self.spans = spans
        self.span_starts = [s.start for s in spans]
        self.quoted = _Ranges([(s.start - 1, s.end + 1) for s in spans])
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


def attribute(
    text: ArticleText,
    sentences: Sequence[Sentence],
    spans: Sequence[QuoteSpan],
    known: People,
) -> tuple[str | None, ...]:
    """The canonical speaker of each quotation span of one article (None when unknown)."""
    reader = _Reader(text, sentences, spans)
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

    persons = [(e.start, e.end) for e in ents if e.kind == "person"]
    agents: dict[int, tuple[str | None, str]] = {}
    for vi, verb in enumerate(verbs):
        same = by_sentence.get(verb.sentence, [])
        agent: Entity | None = None
        if verb.word == "according":
            after = [e for e in same if e.start > verb.end and e.start - verb.end <= 8]
            agent = after[0] if after else None
        if agent is None:
            # "X, who chaired the talks in Geneva, added": the agent stands before the clause
            limit = _clause_start(body, verb.start, reader.bounds[verb.sentence], persons)
            for e in reversed(same):
                if e.end > limit:
                    continue
                between = body[e.end : limit]
                if _only_filler(between) or _appositive(between):
                    agent = e
                break
        if agent is None and _after_quote(body, verb.start, reader.quoted):
            after = [e for e in same if e.start >= verb.end]
            if after and _only_filler(body[verb.end : after[0].start], _DETERMINERS):
                agent = after[0]
        if agent is None and verb.word.endswith("ing"):
            earlier = [agents[vj] for vj in reversed(verbs_in[verb.sentence]) if vj < vi]
            found = next((a for a in earlier if a[0] is not None), None)
            if found is not None:
                agents[vi] = found
                continue
            subject = [e for e in same if e.end <= verb.start and e.kind != "group"]
            agent = subject[0] if subject else None
        if agent is None:
            agents[vi] = (None, "")
            continue
        value = resolve(agent)
        if value is None:
            agents[vi] = (None, "unnamed")
            continue
        kind = kind_of(agent, value)
        agents[vi] = (value, kind)
        history.append((verb.start, value, kind))
        history_at.append(verb.start)

    out: list[str | None] = []
    previous: str | None = None
    previous_block = -1
    alone_in: dict[int, bool] = {}  # per sentence: the same for each quotation in it
    for span in spans:
        open_at, close_at = span.start - 1, span.end + 1
        first = reader.sentence_of(open_at)
        last = reader.sentence_of(span.end)
        best: tuple[int, str | None] | None = None
        for vi in (vi for n in range(first, last + 1) for vi in verbs_in.get(n, [])):
            verb = verbs[vi]
            value, kind = agents[vi]
            if not kind:
                continue
            distance = open_at - verb.end if verb.end <= open_at else verb.start - close_at
            if distance < 0:
                continue
            if verb.word == "according":
                # "X told Y "...", according to state media": the medium is the source,
                # X the speaker, whenever the sentence names one
                distance += 200
            if best is None or distance < best[0]:
                best = (distance, value)
        speaker = best[1] if best else None
        # "a spokeswoman said": someone unnamed spoke; no other fallback applies
        unnamed = best is not None and speaker is None
        if speaker is None and span.continued:
            speaker = previous
        if first not in alone_in:
            alone_in[first] = _stands_alone(
                body, sentences[first], reader.spans_in(sentences[first])
            )
        alone = alone_in[first]
        if speaker is None and not unnamed:
            speaker = _colon_speaker(body, open_at, by_sentence.get(first, []), resolve)
        follows = previous is not None and span.block - previous_block <= 1
        if speaker is None and not unnamed and alone and follows:
            speaker = previous
        if speaker is None and not unnamed:
            # a scare quote in narration: the person the sentence before was about
            recent = [i for i in _before(history_at, open_at) if history[i][2] == "person"]
            if recent and reader.sentence_of(history[recent[0]][0]) >= first - 1:
                speaker = history[recent[0]][1]
            elif first > 0 and alone:
                # "Ruiz was defiant. “We will not resign.”": the last sentence's subject
                subject = [
                    named[i][1]
                    for i in _before(named_at, open_at)
                    if reader.sentence_of(named[i][0]) == first - 1
                ]
                speaker = subject[-1] if subject else None
        out.append(speaker)
        previous, previous_block = speaker, span.block
    return tuple(out)


def _after_quote(body: str, pos: int, quoted: _Ranges) -> bool:
    """Whether only punctuation and spaces separate ``pos`` from a closing mark before it."""
    before = body[max(0, pos - 4) : pos].rstrip(" ,\u00a0")
    return max(0, pos - 4) + len(before) in quoted.ends


def _colon_speaker(body, open_at, ents, resolve) -> str | None:  # type: ignore[no-untyped-def]
    """``Ruiz: "…"`` or ``Lula questioned the dollar's role: "…"``: a colon right
    before the quotation introduces the words of the clause's subject (``ents`` are the
    sentence's)."""
    lead = body[max(0, open_at - 3) : open_at]
    if ":" not in lead:
        return None
    for e in ents:
        if e.end <= open_at and e.kind in ("person", "pronoun", "institution"):
            return resolve(e)
    return None


def _stands_alone(body: str, sentence: Sentence, spans: Sequence[QuoteSpan]) -> bool:
    """Whether a sentence holds nothing but quotation(s) and punctuation.

    Reads the gaps between the (sorted) spans once: blanking each span in a copy of the
    sentence was quadratic in a sentence holding many quotations."""
    at = sentence.start
    for span in spans:
        if sentence.start <= span.start and span.end <= sentence.end and span.start >= at:
            if any(ch.isalnum() for ch in body[at : span.start]):
                return False
            at = span.end
    return not any(ch.isalnum() for ch in body[at : sentence.end])
