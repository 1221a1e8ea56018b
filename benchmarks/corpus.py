"""Synthetic newsroom corpora for benchmarking: N stories, each covered by K outlets.

The text is made up but shaped like real coverage of one event, so every analysis stage
does the work it does on real copy:

* shared quotations rendered differently by each outlet: curly or straight or single
  marks, cut shorter, split by the attribution (“A,” she said. “B.”), or paraphrased;
* shared facts worded differently (and now and then with a different number);
* wire copy: agency paragraphs reused verbatim by some outlets;
* unique sentences from a small news grammar, up to 400-1200 words per article;
* names with titles, numbers, money, percentages, votes and dates.

Everything is drawn from ``random.Random`` seeded with text (``"<seed>:<story>"``), so the
same spec gives byte-identical files on every run and machine, and a story's text does not
depend on how many other stories are generated. Places and outlets are invented from
syllables; the word lists are general English, not taken from any real corpus.

Usage: ``python3 -m benchmarks.corpus --stories 200 --outlets 5 --out /tmp/corpus``
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path


def _words(text: str) -> list[str]:
    return text.split()


FIRST = _words("""Anna Boris Carmen Daniel Elena Farid Grace Hiro Ines Jonas Kofi Lena Marta Nikos
Olga Pavel Rosa Samir Tomas Ursula Viktor Wen Yusuf Zofia Amir Beatriz Chidi Dana Emil
Fatima Goran Hana Ivan Julia Karim Leila Mateo Nadia Oscar Priya Rafael Sofia Tariq
Vera Walter Ximena Yara Aiko Bruno Clara""")
LAST = _words("""Abbott Bergstrom Castillo Dimitrov Eriksen Fontaine Gallagher Haddad Ibrahim Jansen
Kowalski Lindqvist Moreau Novak Okafor Petrov Quinn Rahman Santos Tanaka Underwood Vasquez
Weber Xu Yilmaz Zhang Adeyemi Brennan Costa Duarte Ferreira Grunewald Horvat Ivanova
Kaplan Lopez Mbeki Nakamura Olsen Papadopoulos Reyes Schmidt Takahashi Varga Wojcik
Yamamoto Ziegler Halvorsen Marchetti Oyelaran""")
FEMALE = frozenset(
    _words("""Anna Carmen Elena Grace Ines Lena Marta Olga Rosa Ursula Wen Zofia Beatriz Dana
    Fatima     Hana Julia Leila Nadia Priya Sofia Vera Ximena Yara Aiko Clara""")
)
SYLLABLES = _words("""var nol kes mir dan tho bel gra sto fen lum rik ast ord vel han mar tor lin
ced bra wen dor ile kar sun pel ros tam ver""")
PLACE_ENDINGS = ["holt", "mere", "by", "stad", "ford", "vale", "ton", "grad", "ia", "a"]
ROLES = [
    ("Mayor", "mayor"),
    ("Minister", "minister"),
    ("Governor", "governor"),
    ("Chief Executive", "chief executive"),
    ("Commissioner", "commissioner"),
    ("Police Chief", "police chief"),
    ("Union Leader", "union leader"),
    ("Senator", "senator"),
    ("Judge", "judge"),
    ("Professor", "professor"),
]
ORGS = _words("""council ministry agency company union commission regulator court committee board
authority parliament utility federation university""")
GROUPS = _words("""residents workers farmers teachers nurses drivers shopkeepers students parents
commuters engineers pensioners tenants fishermen doctors landlords cyclists voters
exporters builders firefighters lawyers investors retailers volunteers miners bakers""")
COUNTED = _words("""households workers residents passengers students flights homes jobs vehicles
schools patients buildings shops trains containers""")
PARTICIPLES = _words("""affected evacuated cancelled cut added relocated inspected damaged delayed
registered closed approved""")
THINGS = """the new bridge|the water plan|the transport levy|the housing scheme|the port
expansion|the school reform|the energy subsidy|the rail link|the flood barrier|the tax
rebate|the hospital wing|the wage agreement|the data law|the waste contract|the grain
deal""".replace("\n", " ").split("|")
NOUNS = _words("""plan proposal budget agreement reform contract project investigation report
policy measure review rule decision programme network market supply price service
inquiry deadline strategy response talks vote ban permit license loan grant survey
timetable audit merger tender pension tariff subsidy lawsuit appeal treaty census quota
pipeline reservoir runway tunnel depot clinic library stadium harbour warehouse archive
shelter bypass curfew ceasefire referendum mandate charter levy fund registry dispute""")
VERBS = _words("""criticised welcomed questioned delayed expanded rejected approved backed
postponed reviewed challenged defended revised extended suspended announced funded
praised opposed examined scrapped unveiled blocked tightened eased paused launched
drafted leaked signed vetoed audited renamed reopened shelved overhauled relaxed""")
ADJECTIVES = _words("""new local national regional public private early final former recent
major minor key broad temporary permanent joint separate formal independent urgent
controversial long-awaited costly modest fragile ambitious overdue disputed revised
outdated cross-party emergency interim multi-year coastal northern southern rural urban""")
GROUP_ADJECTIVES = _words("local young retired striking rural angry worried unpaid veteran")
OCCUPATIONS = _words("""teacher baker nurse driver farmer mechanic student carpenter
pharmacist electrician librarian fisherman welder accountant cook""")
INSTITUTIONS = _words("Foundation Institute Hospital Academy Cooperative Trust Museum Bank")
TIMES = [
    "on {weekday}",
    "last week",
    "earlier this month",
    "in {month}",
    "after weeks of talks",
    "late on {weekday}",
    "this year",
    "since {month} {year}",
]
CONNECTIVES = ["However,", "Meanwhile,", "Separately,", "Earlier,", "In a statement,", ""]
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
MONTHS = _words("""January February March April May June July August September October November
December""")
SAYS = ["said", "told reporters", "said in a statement", "told a news conference", "added"]
OUTLET_NOUNS = _words("""Courier Herald Tribune Gazette Observer Post Times Chronicle Express
Ledger Monitor Sentinel Dispatch Journal Record Standard""")
OUTLET_KINDS = ["commercial", "public", "state", "commercial", "aggregator"]


@dataclass(frozen=True)
class Spec:
    stories: int
    outlets: int = 5
    seed: int = 1

    @property
    def articles(self) -> int:
        return self.stories * self.outlets


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    title: str  # "Mayor"
    role: str  # "mayor"

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def pronoun(self) -> str:
        return "she" if self.first in FEMALE else "he"


@dataclass(frozen=True)
class OutletInfo:
    slug: str
    name: str
    kind: str
    domain: str
    quote_style: str  # curly | straight | single


def _place(rng: random.Random) -> str:
    parts = rng.sample(SYLLABLES, rng.choice((1, 2)))
    return ("".join(parts) + rng.choice(PLACE_ENDINGS)).capitalize()


def _outlets(spec: Spec) -> list[OutletInfo]:
    """The corpus's outlet pool: at least as many as one story needs, one agency first."""
    rng = random.Random(f"{spec.seed}:outlets")
    names: list[str] = []
    pool: list[OutletInfo] = []
    count = max(spec.outlets, 8)
    while len(pool) < count:
        agency = not pool
        name = (
            f"{_place(rng)} Press Agency"
            if agency
            else f"The {_place(rng)} {rng.choice(OUTLET_NOUNS)}"
        )
        if name in names:
            continue
        names.append(name)
        slug = name.lower().removeprefix("the ").replace(" ", "-")
        pool.append(
            OutletInfo(
                slug=slug,
                name=name,
                kind="agency" if agency else rng.choice(OUTLET_KINDS),
                domain=slug.replace("-", "") + ".example",
                quote_style=rng.choice(("curly", "curly", "straight", "single")),
            )
        )
    return pool


# --------------------------------------------------------------------------- a story


@dataclass(frozen=True)
class Fact:
    renderings: tuple[str, ...]  # the same statement, worded differently
    divergent: str  # the same statement with another number or date


@dataclass(frozen=True)
class Utterance:
    speaker: Person
    sentences: tuple[str, ...]  # each ends with "." (or "?")


@dataclass
class _World:
    """Everything one story's articles draw on; mutable only while it is being built."""

    rng: random.Random
    place: str
    day: date
    people: list[Person]
    org: str
    thing: str

    @property
    def weekday(self) -> str:
        return WEEKDAYS[self.day.weekday()]

    def time(self) -> str:
        month = MONTHS[(self.day.month - 2) % 12]
        return self.rng.choice(TIMES).format(
            weekday=self.weekday, month=month, year=self.day.year - 1
        )

    def noun_phrase(self) -> str:
        rng = self.rng
        choice = rng.randrange(6)
        if choice == 0:
            return f"the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
        if choice == 1:
            return f"the {rng.choice(NOUNS)} on {rng.choice(GROUPS)}"
        if choice == 2:
            return f"the {self.org}'s {rng.choice(NOUNS)}"
        if choice == 3:
            return self.thing
        if choice == 4:
            adjective = rng.choice(ADJECTIVES)
            a = "an" if adjective[0] in "aeiou" else "a"
            return f"{a} {adjective} {rng.choice(NOUNS)} for {rng.choice(GROUPS)}"
        return f"plans for {rng.choice(THINGS)}"

    def subject(self, start: bool = True) -> str:
        """Who did something; capitalised only at the start of a sentence."""
        rng = self.rng
        choice = rng.randrange(5)
        if choice == 3:
            person = rng.choice(self.people)
            return f"{person.title} {person.name}"
        if choice == 0:
            text = f"the {self.org}"
        elif choice == 1:
            text = f"{rng.choice(GROUPS)} in {self.place}"
        elif choice == 2:
            text = f"{rng.choice(GROUP_ADJECTIVES)} {rng.choice(GROUPS)}"
        else:
            text = f"officials in {self.place}"
        return text[0].upper() + text[1:] if start else text

    def clause(self, start: bool = True) -> str:
        """A plain statement, without the final full stop."""
        rng = self.rng
        base = f"{self.subject(start)} {rng.choice(VERBS)} {self.noun_phrase()} {self.time()}"
        extra = rng.randrange(5)
        if extra == 0:
            base += f", saying it would cost about {rng.randint(2, 90)} million"
        elif extra == 1:
            base += f" after {rng.choice(GROUPS)} complained about {self.noun_phrase()}"
        elif extra == 2:
            base += f", which affects some {rng.randint(120, 9800):,} {rng.choice(COUNTED)}"
        elif extra == 3:
            base += f" while {rng.choice(GROUPS)} waited for {self.noun_phrase()}"
        return base

    def sentence(self) -> str:
        """A sentence of one outlet's own: background, local voices, colour."""
        rng = self.rng
        shape = rng.randrange(6)
        if shape == 0:
            first, last = rng.choice(FIRST), rng.choice(LAST)
            return (
                f"{first} {last}, a {rng.randint(19, 84)}-year-old {rng.choice(OCCUPATIONS)} "
                f"from {_place(rng)}, said the {rng.choice(NOUNS)} had been "
                f"{rng.choice(VERBS)} {self.time()}."
            )
        if shape == 1:
            return (
                f"The {_place(rng)} {rng.choice(INSTITUTIONS)} {rng.choice(VERBS)} "
                f"{self.noun_phrase()} in {self.day.year - rng.randint(1, 30)}."
            )
        if shape == 2:
            return (
                f"{_place(rng)}, about {rng.randint(3, 250)} km from {self.place}, has "
                f"{rng.randint(1_000, 900_000):,} {rng.choice(GROUPS)} and "
                f"{rng.randint(2, 60)} {rng.choice(NOUNS)}s."
            )
        connective = rng.choice(CONNECTIVES)
        if connective:
            return f"{connective} {self.clause(start=False)}."
        return self.clause() + "."


def _amount(value: float) -> tuple[str, str]:
    return f"${value:.1f} million", f"{value:.1f} million dollars"


def _facts(w: _World) -> list[Fact]:
    rng, place, org, thing = w.rng, w.place, w.org, w.thing
    lead = w.people[0]
    facts: list[Fact] = []
    # a count
    n = rng.randint(12, 4800)
    noun, part = rng.choice(COUNTED), rng.choice(PARTICIPLES)

    def count(k: int) -> tuple[str, ...]:
        return (
            f"At least {k:,} {noun} were {part} in {place} on {w.weekday}, the {org} said.",
            f"The {org} said {k:,} {noun} had been {part} across {place}.",
            f"The number of {noun} {part} reached {k:,}, according to the {org}.",
            f"Some {k:,} {noun} in {place} were {part} by {w.weekday} evening.",
        )

    facts.append(Fact(count(n), rng.choice(count(n + rng.randint(1, 40)))))
    # money
    value = rng.randint(15, 950) / 10
    a, b = _amount(value)
    other, _ = _amount(value + rng.randint(1, 30) / 10)
    facts.append(
        Fact(
            (
                f"The {org} has approved {a} for {thing}.",
                f"{b.capitalize()} will go towards {thing}, the {org} said.",
                f"The {org} set aside {a} to pay for {thing}.",
            ),
            f"The {org} has approved {other} for {thing}.",
        )
    )
    # a date
    start = w.day + timedelta(days=rng.randint(10, 200))
    moved = start + timedelta(days=rng.randint(1, 20))

    def when(d: date) -> tuple[str, ...]:
        month = MONTHS[d.month - 1]
        return (
            f"{thing.capitalize()} will take effect on {month} {d.day}, {d.year}.",
            f"From {d.day} {month}, {thing} will apply to all {rng.choice(GROUPS)}.",
            f"{thing.capitalize()} is due to start on {month} {d.day}.",
        )

    facts.append(Fact(when(start), when(moved)[0]))
    # a decision by the lead person
    verb = rng.choice(VERBS)
    facts.append(
        Fact(
            (
                f"{lead.title} {lead.name} {verb} {thing} on {w.weekday}.",
                f"{thing.capitalize()} was {verb} by {lead.name}, the {lead.role}, on {w.weekday}.",
                f"On {w.weekday}, {lead.name} {verb} {thing} in {place}.",
            ),
            f"{lead.title} {lead.name} {verb} {thing} on {WEEKDAYS[(w.day.weekday() + 1) % 7]}.",
        )
    )
    # a vote
    yes = rng.randint(20, 90)
    no = rng.randint(2, yes - 1)
    body = rng.choice(("council", "assembly", "parliament", "board"))
    facts.append(
        Fact(
            (
                f"The {body} voted {yes}-{no} in favour of {thing}.",
                f"{thing.capitalize()} passed by {yes} votes to {no}.",
                f"Members of the {body} backed {thing} by {yes} votes to {no}.",
            ),
            f"{thing.capitalize()} passed by {yes + 1} votes to {no}.",
        )
    )
    # a percentage
    pct = rng.randint(2, 40)
    what = rng.choice(("prices", "costs", "fares", "rents", "exports", "waiting times"))
    facts.append(
        Fact(
            (
                f"{what.capitalize()} in {place} rose by {pct} per cent in {w.day.year - 1}.",
                f"{what.capitalize()} went up {pct}% last year, official figures show.",
                f"Official data show a {pct} percent rise in {what} in {place} last year.",
            ),
            f"{what.capitalize()} in {place} rose by {pct + 3} per cent in {w.day.year - 1}.",
        )
    )
    # a few more person actions for variety
    for person in w.people[1:]:
        np_ = w.noun_phrase()
        v = rng.choice(VERBS)
        facts.append(
            Fact(
                (
                    f"{person.title} {person.name} {v} {np_}.",
                    f"{np_[0].upper()}{np_[1:]} was {v} by {person.name}, the {person.role}.",
                    f"{person.name}, the {person.role}, {v} {np_} {w.time()}.",
                ),
                f"{person.title} {person.name} {v} {np_}.",
            )
        )
    return facts


def _utterances(w: _World) -> list[Utterance]:
    out = []
    for i in range(w.rng.randint(3, 6)):
        speaker = w.people[i % len(w.people)]
        sentences = []
        for _ in range(w.rng.randint(2, 3)):
            rng = w.rng
            kind = rng.randrange(4)
            if kind == 0:
                text = f"We will not accept {w.noun_phrase()} without a {rng.choice(NOUNS)}."
            elif kind == 1:
                text = f"This is about {rng.choice(GROUPS)} and their {rng.choice(NOUNS)}."
            elif kind == 2:
                clause = w.clause()
                text = f"{clause[0].upper()}{clause[1:]}."
            else:
                text = f"Nobody in {w.place} should pay for {w.noun_phrase()}."
            sentences.append(text)
        out.append(Utterance(speaker, tuple(sentences)))
    return out


def _render_quote(u: Utterance, style: str, rng: random.Random, known: set[str]) -> str:
    """One outlet's rendering of an utterance, attributed."""
    p = u.speaker
    who = p.last if p.name in known else f"{p.role} {p.name}"
    known.add(p.name)
    op, cl = {"curly": ("“", "”"), "straight": ('"', '"'), "single": ("‘", "’")}[style]
    says = rng.choice(SAYS)
    sents = list(u.sentences)
    form = rng.randrange(6)
    if form == 0 and len(sents) >= 2:  # split by the attribution
        first = sents[0][:-1] + ","
        rest = " ".join(sents[1:])
        return f"{op}{first}{cl} {who} {says}. {op}{rest}{cl}"
    if form == 1:  # cut shorter: the first sentence only
        return f"{op}{sents[0][:-1]},{cl} {who} {says}."
    if form == 2:  # attribution first
        return f"{who[0].upper()}{who[1:]} {says}: {op}{' '.join(sents)}{cl}"
    if form == 3:  # a fragment inside reported speech
        words = sents[-1].rstrip(".?").split()
        cut = max(3, len(words) // 2)
        frag = " ".join(words[-cut:])
        return f"{who[0].upper()}{who[1:]} said it was {op}{frag}{cl}."
    if form == 4:  # paraphrase: no marks at all
        text = sents[0]
        return f"{who[0].upper()}{who[1:]} said that {text[0].lower()}{text[1:]}"
    full = " ".join(sents)
    return f"{op}{full[:-1]},{cl} {who} {says}."


def _wire(w: _World, facts: list[Fact], utterances: list[Utterance]) -> list[str]:
    """Agency paragraphs, reused word for word by the outlets that take wire copy."""
    known: set[str] = set()
    paras = []
    for i in range(w.rng.randint(2, 4)):
        parts = [facts[i % len(facts)].renderings[0], w.sentence()]
        if i < len(utterances):
            parts.append(_render_quote(utterances[i], "curly", w.rng, known))
        paras.append(" ".join(parts))
    return paras


def _world(spec: Spec, index: int) -> _World:
    rng = random.Random(f"{spec.seed}:story:{index}")
    people = []
    names: set[str] = set()
    while len(people) < rng.randint(3, 4):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        if last in names:
            continue
        names.add(last)
        title, role = rng.choice(ROLES)
        people.append(Person(first, last, title, role))
    day = date(2024, 1, 1) + timedelta(days=rng.randrange(700))
    return _World(rng, _place(rng), day, people, rng.choice(ORGS), rng.choice(THINGS))


@dataclass(frozen=True)
class StoryFiles:
    slug: str
    files: tuple[tuple[str, str], ...]  # (file name, text)


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML scalar


def story(spec: Spec, index: int, outlets: list[OutletInfo]) -> StoryFiles:
    w = _world(spec, index)
    facts = _facts(w)
    utterances = _utterances(w)
    wire = _wire(w, facts, utterances)
    slug = f"{w.place.lower()}-{w.thing.split()[-1]}-{index:05d}"
    title = f"{w.place} {w.org} and {w.thing}: {w.people[0].name} under pressure"
    chosen = [outlets[(index + k) % len(outlets)] for k in range(spec.outlets)]
    files = [
        (
            "story.yaml",
            f"title: {_yaml_str(title)}\ndate: {w.day.isoformat()}\n"
            f"summary: {_yaml_str(facts[0].renderings[0])}\n",
        )
    ]
    for outlet in chosen:
        files.append((f"{outlet.slug}.md", _article(w, outlet, facts, utterances, wire, slug)))
    return StoryFiles(slug, tuple(files))


def _article(
    w: _World,
    outlet: OutletInfo,
    facts: list[Fact],
    utterances: list[Utterance],
    wire: list[str],
    slug: str,
) -> str:
    rng = w.rng
    known: set[str] = set()
    target = rng.randint(400, 1200)
    takes_wire = outlet.kind == "agency" or rng.random() < 0.5
    units: list[str] = []  # paragraphs in order
    lead = facts[0]
    units.append(rng.choice(lead.renderings) + " " + w.sentence())
    pool: list[str] = []
    for fact in facts[1:]:
        if rng.random() < 0.75:
            pool.append(fact.divergent if rng.random() < 0.1 else rng.choice(fact.renderings))
    for u in utterances:
        if rng.random() < 0.8:
            pool.append(_render_quote(u, outlet.quote_style, rng, known))
    if takes_wire:
        pool.extend(p for p in wire if outlet.kind == "agency" or rng.random() < 0.6)
    rng.shuffle(pool)
    for item in pool:
        extra = [w.sentence() for _ in range(rng.randint(0, 2))]
        units.append(" ".join([item, *extra]))
    words = sum(len(u.split()) for u in units)
    while words < target:
        para = " ".join(w.sentence() for _ in range(rng.randint(1, 3)))
        units.append(para)
        words += len(para.split())
    if len(units) > 6 and rng.random() < 0.4:
        units.insert(len(units) // 2, f"## {rng.choice(ADJECTIVES).capitalize()} questions")
    if rng.random() < 0.3:
        i = rng.randrange(1, len(units))
        units[i] = units[i] + f" [Read the {w.org}'s statement](https://{outlet.domain}/docs)."
    published = w.day + timedelta(days=rng.choice((0, 0, 0, 1)))
    headline = (
        f"{w.place} {w.org} moves on {w.thing}"
        if rng.random() < 0.5
        else f"{w.people[0].name}: {w.thing} to go ahead in {w.place}"
    )
    front = [
        "---",
        f"outlet: {_yaml_str(outlet.name)}",
        f"title: {_yaml_str(headline)}",
        f"url: https://{outlet.domain}/{slug}",
        f"published: {published.isoformat()}",
        "language: en",
        "---",
    ]
    return "\n".join(front) + "\n" + "\n\n".join(units) + "\n"


def outlets_yaml(spec: Spec) -> str:
    lines = []
    for o in _outlets(spec):
        lines.append(f"{o.slug}:")
        lines.append(f"  name: {_yaml_str(o.name)}")
        lines.append(f"  kind: {o.kind}")
        lines.append(f"  url: https://{o.domain}/")
    return "\n".join(lines) + "\n"


def generate(spec: Spec) -> Iterator[tuple[str, str]]:
    """Every file of the corpus as (path relative to the content folder, text), in order."""
    yield "site.yaml", "title: Synthetic newsroom\nlanguage: en\n"
    yield "outlets.yaml", outlets_yaml(spec)
    pool = _outlets(spec)
    for index in range(spec.stories):
        s = story(spec, index, pool)
        for name, text in s.files:
            yield f"{s.slug}/{name}", text


def write(spec: Spec, root: Path) -> int:
    """Write the corpus under ``root`` (which must not hold another corpus); return the
    number of files written."""
    count = 0
    for rel, text in generate(spec):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, required=True)
    parser.add_argument("--outlets", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    spec = Spec(args.stories, args.outlets, args.seed)
    count = write(spec, args.out)
    print(f"wrote {count} files ({spec.articles} articles) -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
