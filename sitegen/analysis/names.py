"""Person names in running text: where they are, what title goes with them, and a key
that says whether two spellings name the same person.

News copy names a person in full once ("Spain's Defence Minister Ana Ruiz") and
by surname afterwards, and outlets transliterate differently (Tchaikovsky /
Tchaikovskyy / Tchaikovskiy, Celik / Çelik). :func:`person_key` folds those spellings
together so the rest of the pipeline can compare people without a list of names.

Only general language data lives here (titles, honorifics, role nouns, demonyms, words
that mark a place or an organisation); no name of any real person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# names are compared without case and diacritics ("Çelik" = "celik")
from .text import fold_accents as fold


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Capitalised words that begin a title in front of a name ("Prime Minister Keir ...").
TITLE_HEADS = frozenset(
    _words("""president minister chancellor secretary senator governor mayor king queen prince
    princess pope general admiral colonel captain commander sergeant lieutenant major judge
    justice ambassador envoy commissioner chairman chairwoman chair speaker premier sheikh
    emir ayatollah cardinal archbishop bishop rabbi imam reverend professor doctor director
    spokesman spokeswoman spokesperson adviser advisor representative congressman
    congresswoman marshal inspector detective superintendent chief coach sultan crown
    councillor councilman councilwoman leader""")
)
# Words that can sit inside a title ("Deputy Prime Minister", "Secretary General").
TITLE_MODIFIERS = frozenset(
    _words("""prime deputy vice foreign defence defense interior finance economy economic health
    justice home state general acting former first senior special supreme attorney
    executive opposition crown grand high chief foreign-affairs energy trade culture
    education labour labor environment agriculture transport security national principal
    assistant associate lord lady minority majority democratic republican conservative
    liberal labour socialist communist independent green""")
)
# Honorifics, with or without the full stop.
HONORIFICS = frozenset(
    _words("mr mrs ms miss dr prof sir dame lord lady sen rep gen col lt capt adm sgt gov rev hon")
)
# Honorifics and titles that say a person's gender, for resolving "he" and "she".
FEMALE_TITLES = frozenset(_words("mrs ms miss dame lady queen princess"))
MALE_TITLES = frozenset(_words("mr sir lord king prince"))
# Lower-case nouns a reporter uses for a person ("the spokesman said").
ROLE_NOUNS = frozenset(
    _words("""president minister chancellor spokesman spokeswoman spokesperson envoy adviser advisor
    aide secretary ambassador leader diplomat general commander chief governor mayor senator
    premier king queen prince official head director chairman chairwoman negotiator
    prosecutor judge lawyer attorney analyst expert ceo founder owner officer captain
    coach manager presenter reporter correspondent editor author professor doctor
    economist researcher mother father son daughter wife husband brother sister
    businessman businesswoman witness resident survivor victim activist candidate
    lawmaker legislator congressman congresswoman representative deputy""")
)
# Capitalised words that make a phrase a place, an organisation or a thing, not a person.
NON_PERSON_WORDS = frozenset(
    _words("""ministry council union house sea ocean war hotel party committee office department
    agency bank university street square palace airport river republic kingdom states
    state region oblast province group company corp corporation inc ltd times news post
    press forces force army navy guard court parliament assembly congress senate church
    federation organization organisation association institute centre center museum
    stadium island islands mountains mountain strait gulf bay lake valley peninsula plan
    treaty agreement act day cup league club market exchange fund foundation network
    channel tv radio road avenue bridge tower hall station port coast basin city county
    district embassy commission government administration cabinet service services
    bureau authority police unit brigade battalion division fleet corps alliance front
    movement coalition summit conference forum games olympics championship festival
    award prize airlines airways motors group holdings media broadcasting television
    gazette journal herald tribune daily weekly magazine review online app language show
    world east west north south central northern southern eastern western europe asia
    africa america americas middle nations general-assembly square capital""")
)
DEMONYMS = frozenset(
    _words("""american british english scottish welsh irish french german italian spanish
    portuguese dutch belgian swiss austrian polish czech slovak hungarian romanian
    bulgarian greek turkish russian ukrainian belarusian moldovan georgian armenian
    azerbaijani kazakh uzbek estonian latvian lithuanian finnish swedish norwegian danish
    icelandic serbian croatian bosnian slovenian albanian macedonian montenegrin kosovar
    chinese japanese korean taiwanese vietnamese thai indian pakistani afghan iranian
    iraqi syrian lebanese israeli palestinian jordanian saudi emirati qatari kuwaiti
    yemeni omani egyptian libyan tunisian algerian moroccan sudanese ethiopian kenyan
    nigerian ghanaian south african canadian mexican brazilian argentine argentinian
    chilean colombian venezuelan peruvian cuban australian european western eastern
    soviet arab kurdish""")
)
# Months date a phrase; they are not name markers, since April, May and Jan are given names.
MONTHS = frozenset(
    _words("""january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec""")
)
WEEKDAYS = frozenset(_words("monday tuesday wednesday thursday friday saturday sunday"))
# Particles that may sit, lower case, inside a name ("Ursula von der Leyen").
PARTICLES = frozenset(
    _words("de del della der den di da das dos du la le van von ter bin ibn al el")
)
# Capitalised function words: sentence-initial words, not names.
FUNCTION_WORDS = frozenset(
    _words("""a an the this that these those there here he she it they we i you his her its their
    our my your in on at by for from to of with without after before during since until
    while when where why how what who which whose if as but and or nor so yet also
    despite although though because meanwhile however instead earlier later then now
    today yesterday tomorrow asked speaking according under over about against between
    among amid around across through into onto upon all some many most few several both
    each every no not one two three four five six seven eight nine ten last next new
    read select updated share follow see watch more other such only even still just
    dear regarding following including citing according concerning asked another""")
)
_SUFFIXES = frozenset(_words("jr sr ii iii iv"))
# What a reporter calls someone met on the street ("Maria, 54, a teacher,"): with an age
# or one of these after it, a lone capitalised word is a person's name.
OCCUPATIONS = frozenset(
    _words("""teacher student nurse farmer retiree pensioner worker driver engineer mechanic
    shopkeeper cook waiter waitress cleaner carpenter electrician plumber builder fisherman
    miner soldier veteran volunteer shopper commuter parent grandmother grandfather mother
    father widow widower voter supporter protester neighbour neighbor tenant landlord
    vendor trader clerk cashier accountant artist musician writer pastor priest doctor
    lawyer nun farmhand labourer laborer homeowner resident survivor witness""")
)
_INTRODUCED = re.compile(
    r",\s+(?:\d{1,3}(?![\d,.]\d)|(?:an?|the)\s+(?:[a-z\-]+\s+){0,2}?([a-z\-]+))\s*[,.]"
)

# A dotted abbreviation ("U.S.", "U.N.") is one word, so its letters are never initials.
_WORD = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:[’'\-]\w+)*", re.UNICODE)
_POSSESSIVE = re.compile(r"[’']s?$")
_POSSESSIVE_WORD = re.compile(r"\w[’']s$")
_POSSESSIVE_ENDINGS = ("’s", "'s")  # a cheap test before the pattern (most words fail it)
_NAME_WORD = re.compile(r"[^\W\d_][\w’'\-]*")


@dataclass(frozen=True)
class Mention:
    """One person named in a text: ``text[start:end] == name`` (title not included)."""

    start: int
    end: int
    name: str  # the name as written, without title or possessive ("Ana Ruiz")
    title: str = ""  # capitalised title or honorific in front ("Defence Minister", "Mr.")
    role: str = ""  # lower-case role noun just in front ("spokesman", "special envoy")
    possessive: bool = False  # written "X's"

    @property
    def tokens(self) -> tuple[str, ...]:
        return tuple(self.name.split())


_NOT_LETTER = re.compile(r"[^a-z]")
_DOUBLED = re.compile(r"(.)\1+")
_I_ENDING = re.compile(r"(?<=.)(?:iy|yi|ij|ii|y|i)$")
_YE_START = re.compile(r"^(?:ye|je)")


# Memoised, like the other per-word helpers here (each keeps a story's worth of words, a
# few megabytes at most): a story repeats its words, and every stage that compares names
# asks for the same words again.
@lru_cache(maxsize=1 << 14)
def translit(word: str) -> str:
    """Fold the usual spelling differences of transliterated names into one form."""
    w = _NOT_LETTER.sub("", fold(word))
    for a, b in (("kh", "h"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("w", "v"), ("x", "ks")):
        w = w.replace(a, b)
    w = _DOUBLED.sub(r"\1", w)  # doubled letters: Tchaikovskyy, Gaddafi
    w = _I_ENDING.sub("i", w)  # -iy / -yy / -y / -i endings
    w = _YE_START.sub("e", w)  # Yevgeny / Evgeny
    return w


@lru_cache(maxsize=1 << 14)
def surname(name: str) -> str:
    """The last word of a person's name, without suffixes such as "Jr."."""
    words = [w for w in _NAME_WORD.findall(name) if fold(w) not in _SUFFIXES]
    words = [w for w in words if not _is_particle(w)] or words
    return _POSSESSIVE.sub("", words[-1]) if words else ""


@lru_cache(maxsize=65536)
def person_key(name: str) -> str:
    """A key equal for spellings of one person's surname.

    Folds case, diacritics and common transliteration variants, so that
    ``person_key("Pyotr Tchaikovskyy") == person_key("Tchaikovskiy")``, the same for
    ``"Mr. Tchaikovsky"``, and ``person_key("Çelik") == person_key("Ahmet Kemal Celik")``.
    Titles and possessives are ignored. Two different people with the same surname share a key;
    callers that care use the given name too (see :func:`given_key`).
    """
    return translit(surname(strip_title(name)[1]))


@lru_cache(maxsize=1 << 14)
def given_key(name: str) -> str:
    """The folded first letter of a full name's given name, "" for a surname alone."""
    words = strip_title(name)[1].split()
    return fold(words[0])[:1] if len(words) >= 2 else ""


@lru_cache(maxsize=1 << 14)
def _is_particle(word: str) -> bool:
    return word in PARTICLES or fold(word).rstrip("-") in ("al", "el")


@lru_cache(maxsize=1 << 14)
def bare(word: str) -> str:
    return fold(_POSSESSIVE.sub("", word)).rstrip(".")


@lru_cache(maxsize=1 << 14)
def is_title_word(word: str) -> bool:
    w = bare(word)
    return w in TITLE_HEADS or w in TITLE_MODIFIERS or w in HONORIFICS


@lru_cache(maxsize=1 << 14)
def strip_title(name: str) -> tuple[str, str]:
    """Split a title off a name.

    ``"Defence Minister Ana Ruiz"`` -> ``("Defence Minister", "Ana Ruiz")``.
    """
    words = name.split()
    cut = 0
    while cut < len(words) - 1 and is_title_word(words[cut]):
        cut += 1
    return " ".join(words[:cut]), " ".join(words[cut:])


@lru_cache(maxsize=1 << 14)
def acronym(word: str) -> bool:
    """An all-capitals word of two letters or more: "UNICEF", "U.S."."""
    if not word[:1].isupper() or (not word[1:2].isupper() and word[1:2] != "."):
        return False
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# Everything up to the next word that may open a run: words that begin with a lower-case
# ASCII letter, a digit or "_" (no capital), each matched whole as _WORD would match it,
# and the characters between words (no word starts on a character that is not \w). A
# word with any other first character is left to _runs to judge, so the skip needs no
# list of the world's capital letters to be exact.
_SKIP = re.compile(rf"(?:(?=[a-z0-9_])(?:{_WORD.pattern})|\W)*")


def _runs(text: str) -> list[list[tuple[int, int, str]]]:
    """Runs of capitalised words, with name particles inside, as (start, end, word).

    Words join when only one space separates them, or ". " after an honorific or an
    initial ("Mr. Moreno", "J. Smith"); a possessive ("Lincoln's") ends its run.
    """
    runs: list[list[tuple[int, int, str]]] = []
    current: list[tuple[int, int, str]] = []
    pending: list[tuple[int, int, str]] = []
    prev_end = pos = 0
    while True:
        # outside a run only a capital opens one: skip to the next word that may (in C)
        pos = _SKIP.match(text, pos).end()
        if pos >= len(text):
            break
        for m in _WORD.finditer(text, pos):
            tok = m.group()
            capital = tok[:1].isalpha() and tok[:1].isupper()
            if not current:
                prev_end = m.end()
                if capital:
                    current.append((m.start(), prev_end, tok))
                    if tok.endswith(_POSSESSIVE_ENDINGS) and _POSSESSIVE_WORD.search(tok):
                        runs.append(current)
                        current = []
            else:
                gap = text[prev_end : m.start()]
                prev_end = m.end()
                joined = gap in (" ", "\u00a0") or (
                    gap in (". ", ".\u00a0") and not pending and _abbreviation(current[-1][2])
                )
                if not joined:
                    runs.append(current)
                    current, pending = [], []
                if capital:
                    current.extend(pending)
                    pending = []
                    current.append((m.start(), m.end(), tok))
                    if tok.endswith(_POSSESSIVE_ENDINGS) and _POSSESSIVE_WORD.search(tok):
                        runs.append(current)
                        current = []
                elif current and _is_particle(tok):
                    pending.append((m.start(), m.end(), tok))
                elif current:
                    runs.append(current)
                    current, pending = [], []
            if not current:  # back outside any run (pending is empty whenever current is)
                pos = m.end()
                break
        else:
            break
    if current:
        runs.append(current)
    return runs


def _abbreviation(tok: str) -> bool:
    """An honorific or an initial, written with a full stop after it."""
    return tok.casefold() in HONORIFICS or (len(tok) == 1 and tok.isupper())


def _role_before(text: str, start: int) -> str:
    """Lower-case role words right before ``start`` ("Vatican spokesman ", "special envoy ")."""
    before = text[max(0, start - 40) : start]
    if not before.endswith((" ", "\u00a0")):
        return ""
    words = _NAME_WORD.findall(before)[-2:]
    if not words or words[-1] not in ROLE_NOUNS:
        return ""
    modifier = words[0] if len(words) == 2 else ""
    if modifier.isalpha() and modifier.islower() and modifier not in FUNCTION_WORDS:
        return f"{modifier} {words[-1]}"
    return words[-1]


@lru_cache(maxsize=1 << 14)
def non_person(word: str) -> bool:
    """Whether a capitalised word marks a place, body, date or nationality, not a person."""
    w = bare(word)
    if "-" in w and any(part.islower() for part in word.split("-")[1:]):
        return True  # "House-backed", "Army-linked": an adjective, not a name
    return (
        w in NON_PERSON_WORDS
        or w in DEMONYMS
        or w in WEEKDAYS
        or w in FUNCTION_WORDS
        or acronym(word)
    )


@lru_cache(maxsize=256)  # one story asks for each article several times
def candidates(text: str) -> tuple[Mention, ...]:
    """Every capitalised phrase that could be a person's name, with its title.

    Leading function words, demonyms and acronyms are dropped ("US President Abraham Lincoln"
    -> title "President", name "Abraham Lincoln"). The result still holds places and
    organisations written like names; :func:`mentions` keeps only persons.
    """
    out: list[Mention] = []
    for run in _runs(text):
        words = list(run)
        while words and (bare(words[0][2]) in FUNCTION_WORDS or acronym(words[0][2])):
            words.pop(0)
        # "Irish Central Statistics Office": a demonym is part of a body's name
        if not any(bare(w[2]) in NON_PERSON_WORDS for w in words[1:]):
            while words and bare(words[0][2]) in DEMONYMS:
                words.pop(0)
        title_words: list[tuple[int, int, str]] = []
        # "Senate Minority Leader", "Democratic Senator": title words and words for
        # bodies in front of a name make its title when one of them heads a title
        while (
            len(words) > 1
            and (is_title_word(words[0][2]) or non_person(words[0][2]))
            and not (bare(words[0][2]) in TITLE_MODIFIERS and len(words) == 2)
        ):
            title_words.append(words.pop(0))
        if not words:
            continue
        if title_words and not any(
            bare(w[2]) in TITLE_HEADS or bare(w[2]) in HONORIFICS for w in title_words
        ):
            # "Defence" or "Hotel" alone is no title: put the words back
            words = title_words + words
            title_words = []
        if not title_words:
            # "Former Mendoza Gov. Lidia Paz", "York Congressman Pete King": a title
            # inside the run ends it, the name follows
            cut = _inner_title(words)
            title_words, words = words[:cut], words[cut:]
        possessive = bool(_POSSESSIVE_WORD.search(words[-1][2]))
        start, end = words[0][0], words[-1][1] - (2 if possessive else 0)
        name = text[start:end]
        title = " ".join(w[2] for w in title_words)
        role = "" if title else _role_before(text, start)
        out.append(Mention(start, end, name, title, role, possessive))
    return tuple(out)


def _inner_title(words: list[tuple[int, int, str]]) -> int:
    """How many words of a run make a title ending inside it (0 for none): up to the last
    title head or honorific that has a name (not only "Jr.") after it."""
    for k in range(len(words) - 2, 0, -1):
        w = bare(words[k][2])
        if (w in TITLE_HEADS or w in HONORIFICS) and words[k][2][:1].isupper():
            rest = [x for x in words[k + 1 :] if fold(x[2]).rstrip(".") not in _SUFFIXES]
            return k + 1 if rest else 0
    return 0


def introduced(text: str, mention: Mention) -> bool:
    """Whether a lone name is introduced as a person: "Maria, 54," or "Dawson, a nurse,"."""
    m = _INTRODUCED.match(text, mention.end)
    if not m or len(mention.tokens) != 1:
        return False
    noun = m.group(1)
    return noun is None or noun in OCCUPATIONS or noun in ROLE_NOUNS


def looks_like_person(mention: Mention) -> bool:
    """Whether a capitalised phrase reads as a person's name by its own shape."""
    words = mention.tokens
    if any(non_person(w) for w in words if not _is_particle(w)):
        return False
    if mention.title or mention.role:
        return True
    return 2 <= len([w for w in words if not _is_particle(w)]) <= 4


@lru_cache(maxsize=256)
def mentions(text: str) -> tuple[Mention, ...]:
    """Person-name mentions in ``text``, in order; ``text[m.start:m.end] == m.name``.

    A phrase counts as a person when it has a title or role in front ("President X",
    "spokesman X"), or is two to four capitalised words none of which marks a place, an
    organisation, a date or a nationality. A single word counts when it is the surname of
    such a full name elsewhere in the same text ("Ruiz said", "Ms. Ruiz"), or
    another of its words ("Xi" of "Xi Jinping", "Lula" of "Luiz Inacio Lula da Silva").
    Each mention carries its title ("Defence Minister", "Mr."), lower-case role noun and
    whether it was possessive ("Lincoln's").
    """
    found = candidates(text)
    shaped = [looks_like_person(m) for m in found]
    persons = [m for m, person in zip(found, shaped, strict=True) if person]
    known = {
        translit(w)
        for m in persons
        if len(m.tokens) >= 2
        for w in m.tokens
        if not _is_particle(w) and fold(w) not in _SUFFIXES
    }
    out = []
    # candidates come from disjoint runs, so a candidate is in ``persons`` exactly when
    # it is shaped like a person (no equality scan over the list)
    for m, person in zip(found, shaped, strict=True):
        full = person and (len(m.tokens) >= 2 or bool(m.title or m.role))
        surname_only = len(m.tokens) == 1 and not non_person(m.name)
        if full or (surname_only and (person_key(m.name) in known or introduced(text, m))):
            out.append(m)
    return tuple(out)
