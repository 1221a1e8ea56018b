"""A story read by its outlets' country and by their kind (state, public, commercial...).

The story page's matrix answers "which outlet carries this claim"; grouped, the same facts
answer "do the state outlets carry it, and the commercial ones?", with counts per group
("1 of 2") so a group of one outlet is never mistaken for a consensus. Groups come from
``outlets.yaml`` (:class:`~sitegen.model.Outlet`'s ``country`` and ``kind``); an outlet
the registry says nothing about falls in a group of its own, "not given".

Pure functions on the story page's own views (:mod:`sitegen.site.views`): the grouped
page shows exactly the claims, cells and omissions the story page does, regrouped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Claim
from . import urls
from .views import Cell, Column, Omission, Row

# The kinds CONTRACT §1 names, in the order a reader compares them: who answers to a
# government, who to the public, who to owners, then who supplies or reposts the news.
KINDS = ("state", "public", "commercial", "agency", "aggregator")


@dataclass(frozen=True)
class Group:
    """The story's articles whose outlets share one country (or one kind)."""

    key: str | None  # the country or kind as outlets.yaml writes it; None: not given
    columns: tuple[Column, ...]

    @property
    def size(self) -> int:
        return len(self.columns)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(c.id for c in self.columns)


def group_key(column: Column, by: str) -> str | None:
    """The group an article falls in: its outlet's country or kind, None when not given."""
    if by not in urls.GROUPINGS:
        raise ValueError(f"cannot group by {by!r}: one of {', '.join(urls.GROUPINGS)}")
    value = getattr(column.outlet, by)
    value = " ".join(str(value).split()) if value is not None else ""
    return value or None


def _order(key: str | None, by: str) -> tuple[int, int, str, str]:
    """Countries by name; kinds in :data:`KINDS` order, then any other kind by name;
    "not given" last."""
    if key is None:
        return (2, 0, "", "")
    rank = KINDS.index(key) if by == "kind" and key in KINDS else len(KINDS)
    return (0 if rank < len(KINDS) else 1, rank, key.casefold(), key)


def groups(cols: Sequence[Column], by: str) -> tuple[Group, ...]:
    """The story's articles grouped ``by`` country or kind; within a group, in the
    story's own order."""
    found: dict[str | None, list[Column]] = {}
    for col in cols:
        found.setdefault(group_key(col, by), []).append(col)
    keys = sorted(found, key=lambda k: _order(k, by))
    return tuple(Group(k, tuple(found[k])) for k in keys)


@dataclass(frozen=True)
class Share:
    """How many of one group's articles carry a claim, and which."""

    group: Group
    carrying: tuple[Cell, ...]  # the story matrix's cells of the group that carry it

    @property
    def count(self) -> int:
        return len(self.carrying)

    @property
    def level(self) -> str:
        """``all``, ``some`` or ``none`` of the group: the cell's shade."""
        if not self.carrying:
            return "none"
        return "all" if self.count == self.group.size else "some"


@dataclass(frozen=True)
class GroupRow:
    row: Row  # the story matrix's row: the claim, and each article's cell
    shares: tuple[Share, ...]  # one per group, in the groups' order

    @property
    def groups_carrying(self) -> int:
        return sum(1 for s in self.shares if s.carrying)


def grouped_rows(rows: Sequence[Row], grouped: Sequence[Group]) -> tuple[GroupRow, ...]:
    """Each matrix row with its cells gathered by group."""
    out = []
    for row in rows:
        by_id = {cell.column.id: cell for cell in row.cells}
        shares = tuple(
            Share(g, tuple(by_id[c.id] for c in g.columns if c.id in by_id and by_id[c.id].source))
            for g in grouped
        )
        out.append(GroupRow(row, shares))
    return tuple(out)


def group_totals(rows: Sequence[GroupRow], grouped: Sequence[Group]) -> tuple[int, ...]:
    """Per group, how many of the rows at least one of its articles carries."""
    return tuple(sum(1 for r in rows if r.shares[i].carrying) for i in range(len(grouped)))


@dataclass(frozen=True)
class Gap:
    """The articles of one group that leave a point out."""

    group: Group
    left_out: tuple[Column, ...]

    @property
    def count(self) -> int:
        return len(self.left_out)

    @property
    def whole(self) -> bool:
        """Every article of the group leaves it out."""
        return self.count == self.group.size


@dataclass(frozen=True)
class GroupedOmission:
    omission: Omission
    gaps: tuple[Gap, ...]  # the groups with an article that leaves it out
    complete: tuple[Group, ...]  # the groups whose every article carries it


def grouped_omissions(
    omissions: Sequence[Omission], grouped: Sequence[Group]
) -> tuple[GroupedOmission, ...]:
    """Each omission with the groups that leave it out (how many of each) and the groups
    that all carry it; in the story page's order."""
    out = []
    for o in omissions:
        left = {col.id for col, _ in o.left_out_by}
        gaps = []
        complete = []
        for g in grouped:
            missing = tuple(c for c in g.columns if c.id in left)
            if missing:
                gaps.append(Gap(g, missing))
            else:
                complete.append(g)
        out.append(GroupedOmission(o, tuple(gaps), tuple(complete)))
    return tuple(out)


@dataclass(frozen=True)
class GroupOnly:
    """What the articles of one group carry and no other group's do."""

    group: Group
    shared: tuple[Claim, ...]  # claims two or more of its articles carry, and no one else
    single: int  # claims one article of the group alone carries (the story's "only" list)


def only_in_group(claims: Sequence[Claim], grouped: Sequence[Group]) -> tuple[GroupOnly, ...]:
    """Per group, the claims no article outside it carries; shared ones listed most
    widely carried first, single-article ones counted (the story page lists them)."""
    group_of = {c.id: i for i, g in enumerate(grouped) for c in g.columns}
    shared: dict[int, list[Claim]] = {}
    single: dict[int, int] = {}
    for claim in claims:
        homes = {group_of.get(a, -1) for a in claim.articles}
        if len(homes) != 1 or -1 in homes:  # several groups, or an article not in the story
            continue
        (home,) = homes
        if claim.shared:
            shared.setdefault(home, []).append(claim)
        elif claim.sources:
            single[home] = single.get(home, 0) + 1
    return tuple(
        GroupOnly(
            g,
            tuple(sorted(shared.get(i, []), key=lambda c: (-len(c.sources), c.id))),
            single.get(i, 0),
        )
        for i, g in enumerate(grouped)
    )


@dataclass(frozen=True)
class GroupedView:
    """Everything a grouped page shows."""

    by: str  # one of urls.GROUPINGS
    groups: tuple[Group, ...]
    rows: tuple[GroupRow, ...]  # the rows the story page's matrix shows
    totals: tuple[int, ...]  # per group, of all the shared claims, how many it carries
    more: int  # shared claims the story page lists below its matrix, not shown here
    omissions: tuple[GroupedOmission, ...]
    only: tuple[GroupOnly, ...]

    @property
    def single(self) -> bool:
        """All the story's outlets are in one group: nothing to compare."""
        return len(self.groups) == 1

    @property
    def shared(self) -> int:
        return len(self.rows) + self.more


def grouped_view(
    by: str,
    cols: Sequence[Column],
    rows: Sequence[Row],
    shown: int,
    omissions: Sequence[Omission],
    claims: Sequence[Claim],
) -> GroupedView:
    """The story grouped ``by`` country or kind: ``rows`` are all the story matrix's rows
    (``shown`` of them on the page), ``omissions`` the story page's, ``claims`` all the
    story's claims."""
    grouped = groups(cols, by)
    every = grouped_rows(rows, grouped)
    return GroupedView(
        by,
        grouped,
        every[:shown],
        group_totals(every, grouped),
        max(0, len(every) - shown),
        grouped_omissions(omissions, grouped),
        only_in_group(claims, grouped),
    )
