"""Old addresses of claims and quotations (sitegen.site.moved), on inline analyses."""

from __future__ import annotations

from sitegen.analysis.text import wording_id
from sitegen.model import Claim, ClaimSource, Quote, QuoteOccurrence, StoryAnalysis
from sitegen.site.moved import Moved, moved, redirects_file


def source(article: str, text: str, home: str = "") -> ClaimSource:
    return ClaimSource(article, 0, text, "close", 80.0, home=home)


def claim(text: str, *sources: ClaimSource) -> Claim:
    return Claim(wording_id(text), text, sources)


def quote(text: str, *wordings: tuple[str, str]) -> Quote:
    occurrences = tuple(QuoteOccurrence(a, w, 0, len(w), 0, None) for a, w in wordings)
    return Quote(wording_id(text), None, text, occurrences)


def analysis(claims: tuple[Claim, ...] = (), quotes: tuple[Quote, ...] = ()) -> StoryAnalysis:
    return StoryAnalysis("s", (), (), quotes=quotes, claims=claims)


REP, OTHER = "The bridge reopened on Friday.", "On Friday the bridge opened again."


def test_each_other_wording_of_a_shared_claim_is_an_old_address() -> None:
    shared = claim(REP, source("a", REP), source("b", OTHER))
    (found,) = moved("s", analysis((shared,)))
    assert found == Moved(
        f"stories/s/claims/{wording_id(OTHER)}.html",
        f"stories/s/claims/{shared.id}.html",
        "claim",
        REP,
    )


def test_a_claim_without_a_page_has_no_old_address() -> None:
    assert moved("s", analysis((claim(REP, source("a", OTHER)),))) == ()


def test_a_sentence_serving_a_claim_second_is_the_other_claims_alias() -> None:
    first = claim(OTHER, source("b", OTHER), source("c", "The bridge opened again on Friday."))
    second = claim(REP, source("a", REP), source("b", OTHER, home=first.id))
    found = moved("s", analysis((first, second)))
    assert all(m.new.endswith(f"/{first.id}.html") for m in found)
    assert len(found) == 1


def test_an_alias_two_items_carry_goes_to_neither() -> None:
    one = claim(REP, source("a", REP), source("b", OTHER))
    two = claim("Traffic returned to the bridge.", source("c", "Traffic returned."))
    two = Claim(two.id, two.text, (*two.sources, source("d", OTHER)))
    assert moved("s", analysis((one, two))) == (
        Moved(
            f"stories/s/claims/{wording_id('Traffic returned.')}.html",
            f"stories/s/claims/{two.id}.html",
            "claim",
            two.text,
        ),
    )


def test_a_wording_that_is_an_items_own_address_is_never_moved() -> None:
    one = claim(REP, source("a", REP), source("b", OTHER))
    two = claim(OTHER, source("c", OTHER), source("d", "The bridge is open."))
    found = moved("s", analysis((one, two)))
    assert [m.old for m in found] == [f"stories/s/claims/{wording_id('The bridge is open.')}.html"]


def test_each_other_wording_of_a_quotation_is_an_old_address() -> None:
    q = quote("we will rebuild it", ("a", "we will rebuild it"), ("b", "We will rebuild it,"))
    assert moved("s", analysis(quotes=(q,))) == ()  # the same words, folded: its own address
    q = quote("we will rebuild it", ("a", "we will rebuild it"), ("b", "rebuild it"))
    (found,) = moved("s", analysis(quotes=(q,)))
    assert found.old == f"stories/s/quotes/{wording_id('rebuild it')}.html"
    assert found.new == f"stories/s/quotes/{q.id}.html" and found.kind == "quote"


def test_redirects_file_lists_site_relative_paths_in_order() -> None:
    file = redirects_file([("stories/s/quotes/b.html", "stories/s/quotes/c.html"), ("a", "x")])
    assert file.path == "_redirects"
    lines = file.data.decode().splitlines()
    rules = [line for line in lines if not line.startswith("#")]
    assert rules == ["/a /x 301!", "/stories/s/quotes/b.html /stories/s/quotes/c.html 301!"]
