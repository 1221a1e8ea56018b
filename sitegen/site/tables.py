"""The CSV tables (CONTRACT §5): ``api/<story>.<table>.csv`` and ``api/outlets.csv``.

One row per item and article, so a spreadsheet or ``pandas.read_csv`` can group and count
by outlet, country or outlet kind without joining anything. The format is fixed so that
two builds of the same content give byte-identical files:

- UTF-8 without a byte-order mark, a header row, RFC 4180 quoting (a field is quoted when
  it holds a comma, a quotation mark or a line break; quotation marks are doubled);
- records end in CRLF (``\\r\\n``), as RFC 4180 writes them, so a line break inside a
  quoted field (``\\n``) can never be mistaken for the end of a record;
- a missing value (no speaker, no date, an outlet without a country) is an empty field;
- rows follow the JSON export's order: items in export order, then each item's articles
  in the order the export lists them.

Texts are written exactly as the export has them, character for character, so a table
row and the JSON entry it comes from can be matched by their text. After the contract's
columns each story table has ``edited`` (``true`` when an editor's correction changed
the item, as the JSON's ``"edited"``, else ``false``). Columns are only ever added at
the end of a table, never renamed or reordered.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from ..analysis.corrections import edited_ids
from ..model import Article, OutputFile, Site, Story, StoryAnalysis
from .urls import OUTLETS_TABLE, table_path
from .views import all_outlets, outlet_info

QUOTE_COLUMNS = (
    "quote_id",
    "speaker",
    "article_id",
    "outlet",
    "country",
    "outlet_kind",
    "published",
    "text",
    "edited",
)
CLAIM_COLUMNS = (
    "claim_id",
    "claim",
    "article_id",
    "outlet",
    "country",
    "outlet_kind",
    "published",
    "sentence",
    "edited",
)
DIVERGENCE_COLUMNS = (
    "divergence_id",
    "kind",
    "about",
    "article_id",
    "outlet",
    "country",
    "outlet_kind",
    "text",
    "edited",
)
OUTLET_COLUMNS = ("outlet_id", "outlet", "country", "outlet_kind", "owner", "url", "articles")

Row = Sequence[str | None]


def to_csv(header: Sequence[str], rows: Iterable[Row]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue().encode("utf-8")


def _published(article: Article) -> str | None:
    value = article.published
    return value.isoformat() if isinstance(value, (date, datetime)) else None


class _Outlets:
    """Each article of a story with the registry entry of its outlet."""

    def __init__(self, site: Site, story: Story) -> None:
        self.articles = {a.id: a for a in story.articles}
        self.info = {a.id: outlet_info(site, a.outlet) for a in story.articles}

    def columns(self, article: str) -> tuple[str, str | None, str | None]:
        """``outlet, country, outlet_kind`` for an article id: the outlet as the article's
        front matter names it (as the JSON export does), and the registry's facts."""
        info = self.info[article]
        return self.articles[article].outlet, info.country, info.kind

    def published(self, article: str) -> str | None:
        return _published(self.articles[article])


def story_tables(site: Site, story: Story, analysis: StoryAnalysis) -> list[OutputFile]:
    """The story's three tables, beside its JSON export."""
    outlets = _Outlets(site, story)
    edited = edited_ids(analysis)

    def flag(item: str) -> str:
        return "true" if item in edited else "false"

    quotes = (
        (
            q.id,
            q.speaker,
            o.article,
            *outlets.columns(o.article),
            outlets.published(o.article),
            o.text,
            flag(q.id),
        )
        for q in analysis.quotes
        for o in q.occurrences
    )
    claims = (
        (
            c.id,
            c.text,
            s.article,
            *outlets.columns(s.article),
            outlets.published(s.article),
            s.text,
            flag(c.id),
        )
        for c in analysis.claims
        for s in c.sources
    )
    divergences = (
        (d.id, d.kind, d.about, v.article, *outlets.columns(v.article), v.text, flag(d.id))
        for d in analysis.divergences
        for v in d.variants
    )
    return [
        OutputFile(table_path(story.id, "quotes"), to_csv(QUOTE_COLUMNS, quotes)),
        OutputFile(table_path(story.id, "claims"), to_csv(CLAIM_COLUMNS, claims)),
        OutputFile(table_path(story.id, "divergences"), to_csv(DIVERGENCE_COLUMNS, divergences)),
    ]


def outlets_table(site: Site) -> OutputFile:
    """Every outlet with at least one article: its registry facts and its article count."""
    counts: dict[str, int] = {}
    for story in site.stories:
        for article in story.articles:
            slug = outlet_info(site, article.outlet).slug
            counts[slug] = counts.get(slug, 0) + 1
    rows = (
        (o.slug, o.name, o.country, o.kind, o.owner, o.url, str(counts.get(o.slug, 0)))
        for o in all_outlets(site)
    )
    return OutputFile(OUTLETS_TABLE, to_csv(OUTLET_COLUMNS, rows))
