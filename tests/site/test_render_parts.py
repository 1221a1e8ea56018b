"""The page parts written in Python for speed (matrix cells, claim page rows, divergence
versions): the markup they write, and that third-party text in them is escaped."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sitegen.model import Article, Claim, ClaimSource, Divergence, Outlet, Variant
from sitegen.site import views as pages
from sitegen.site.render import _source_heads, claim_rows, matrix_cells, variant_items

EVIL = '<script>alert("x")</script> & it\'s'
SAFE = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; it&#39;s"


def _column(aid: str, label: str = "Wire", country: str | None = None) -> pages.Column:
    article = Article(aid, "s", Path(f"{aid}.md"), label, "Title", "", 1)
    return pages.Column(article, Outlet(slug=aid, name=label, country=country), label)


def _source(aid: str, text: str = "Five died.", strength: str = "verbatim") -> ClaimSource:
    return ClaimSource(aid, 2, text, strength, 87.4)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            _source("a"),
            '<td class="c c-verbatim" data-sort="3"><a href="articles/a/#s3">'
            '<span class="sym" aria-hidden="true"></span>verbatim</a></td>\n',
        ),
        (
            _source("a", strength="paraphrase"),
            '<td class="c c-paraphrase" data-sort="1"><a href="articles/a/#s3">'
            '<span class="sym" aria-hidden="true"></span>paraphrase</a></td>\n',
        ),
        (
            None,
            '<td class="c c-absent" data-sort="0"><span class="sym" aria-hidden="true">'
            "</span>absent</td>\n",
        ),
        (
            replace(_source("a", strength="paraphrase"), confidence=0.3),  # a weak match
            '<td class="c c-paraphrase" data-sort="1"><a href="articles/a/#s3">'
            '<span class="sym" aria-hidden="true"></span>paraphrase'
            ' <span class="possible">possible match</span></a></td>\n',
        ),
        (
            _source("a", strength="<b>"),  # an unknown strength sorts as 1, escaped
            '<td class="c c-&lt;b&gt;" data-sort="1"><a href="articles/a/#s3">'
            '<span class="sym" aria-hidden="true"></span>&lt;b&gt;</a></td>\n',
        ),
    ],
)
def test_matrix_cells(source: ClaimSource | None, expected: str) -> None:
    col = _column("a")
    row = pages.Row(Claim("c", "Five died.", ()), (pages.Cell(col, source),))
    assert str(matrix_cells(row, {"a": "articles/a/"})) == expected


def test_matrix_cell_links_are_escaped() -> None:
    col = _column("a")
    row = pages.Row(Claim("c", "x", ()), (pages.Cell(col, _source("a")),))
    assert 'href="a&#34;b/#s3"' in str(matrix_cells(row, {"a": 'a"b/'}))


@pytest.mark.parametrize(
    ("country", "narrow", "wide"),
    [
        ("UA", '<span class="narrow-only meta">UA</span>', "UA"),
        (None, "", "—"),
        (EVIL, f'<span class="narrow-only meta">{SAFE}</span>', SAFE),
    ],
)
def test_claim_rows(country: str | None, narrow: str, wide: str) -> None:
    col = _column("a", label="Wire", country=country)
    heads = _source_heads([col], {"a": "../../../outlets/a/"})
    claim = Claim("c", "Five people died.", (_source("a"),))
    html = str(claim_rows(claim, [(col, claim.sources[0])], heads, {"a": "../articles/a/"}))
    assert html == (
        '<tr>\n  <th scope="row" data-pagefind-ignore><a href="../../../outlets/a/">Wire</a>'
        f"{narrow}</th>\n"
        f'  <td class="wide-only" data-pagefind-ignore>{wide}</td>\n'
        '  <td class="sentence"><mark>Five</mark> <mark>died.</mark></td>\n'
        '  <td class="c c-verbatim" data-pagefind-ignore><span class="nowrap">'
        '<span class="sym" aria-hidden="true"></span>verbatim</span> '
        '<span class="score">87/100</span><br>'
        '<a class="to-passage" href="../articles/a/#s3">sentence 3</a>'
        '<span class="vh"> in Wire</span></td>\n</tr>\n'
    )


def test_claim_rows_escape_sentences_and_labels() -> None:
    col = _column("a", label=EVIL)
    heads = _source_heads([col], {"a": "o/"})
    claim = Claim("c", EVIL, (_source("a", text=EVIL),))
    html = str(claim_rows(claim, [(col, claim.sources[0])], heads, {"a": "x/"}))
    assert "<script>" not in html
    assert html.count("&lt;script&gt;") == 3  # the label twice, the sentence once


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        (
            pages.VariantView(_column("a"), Variant("a", "5 people", 0), "s1"),
            '    <li><span class="who">Wire</span>\n'
            '      <span class="vtext">5 people</span>\n'
            '<a class="to-passage" href="articles/a/#s1">in context</a></li>\n',
        ),
        (
            pages.VariantView(_column("a"), Variant("a", "5", 0), "s1", "About ", " died."),
            '    <li><span class="who">Wire</span>\n'
            '      <span class="vtext">5</span>\n'
            '<span class="vcontext">About <mark class="qm">5</mark> died.</span>'
            '<a class="to-passage" href="articles/a/#s1">in context</a></li>\n',
        ),
        (  # an article the story lacks: named by its id, with no link
            pages.VariantView(None, Variant("gone", "5"), None),
            '    <li><span class="who">gone</span>\n      <span class="vtext">5</span>\n</li>\n',
        ),
        (
            pages.VariantView(None, Variant(EVIL, EVIL), None, EVIL, ""),
            f'    <li><span class="who">{SAFE}</span>\n      <span class="vtext">{SAFE}</span>\n'
            f'<span class="vcontext">{SAFE}<mark class="qm">{SAFE}</mark></span></li>\n',
        ),
    ],
)
def test_variant_items(view: pages.VariantView, expected: str) -> None:
    assert str(variant_items([view], {"a": "articles/a/"})) == expected


def test_variant_items_of_a_divergence_keep_its_order() -> None:
    d = Divergence("d", "x", "number", (Variant("b", "2"), Variant("a", "1")))
    views = [pages.VariantView(None, v, None) for v in d.variants]
    html = str(variant_items(views, {}))
    assert html.index(">2<") < html.index(">1<")


def test_a_quotation_and_a_second_claim_are_flagged_in_the_matrix() -> None:
    col = _column("a")
    source = replace(_source("a"), quotation=True, home="first-claim")
    row = pages.Row(Claim("c", "Five died.", ()), (pages.Cell(col, source),))
    html = str(matrix_cells(row, {"a": "articles/a/"}))
    assert ">only a quotation</span>" in html
    assert ">second claim of this sentence</span>" in html


def test_a_claim_page_links_a_second_claim_to_its_first() -> None:
    col = _column("a")
    heads = _source_heads([col], {"a": "o/"})
    source = replace(_source("a"), quotation=True, home="first-claim")
    claim = Claim("c", "Five people died.", (source,))
    html = str(
        claim_rows(
            claim,
            [(col, source)],
            heads,
            {"a": "x/"},
            claim_href={"first-claim": "first-claim.html"},
        )
    )
    assert 'title="This sentence is only a quotation and its attribution:' in html
    assert '<a href="first-claim.html">its first claim</a>' in html
