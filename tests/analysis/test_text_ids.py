"""Ids from an item's own words (sitegen.analysis.text.wording_id, unique_ids)."""

from __future__ import annotations

from sitegen.analysis.text import unique_ids, wording_id


def test_a_wording_id_is_a_readable_slug_and_a_hash() -> None:
    found = wording_id("The bridge reopened on Friday.")
    slug, _, digest = found.rpartition("-")
    assert slug == "bridge-reopened-friday"
    assert len(digest) == 8 and all(c in "0123456789abcdef" for c in digest)


def test_typography_case_spaces_and_surrounding_punctuation_do_not_count() -> None:
    plain = wording_id('We will rebuild the bridge, "before winter" - he said')
    assert (
        wording_id("we  will rebuild the bridge, \u201cbefore winter\u201d \u2013 he said.")
        == plain
    )
    assert wording_id('\u201cWe will rebuild the bridge, "before winter" - he said,\u201d') == plain


def test_other_words_give_another_id_even_with_the_same_slug() -> None:
    one = wording_id("The bridge reopened on Friday.")
    assert wording_id("The bridge reopened on Friday, officials said.") != one
    # the same content words in another order: same slug words, another hash
    assert wording_id("On Friday the bridge reopened.") != one
    assert wording_id("The bridge has reopened on Friday.") != one


def test_repeats_are_told_apart_in_order() -> None:
    assert unique_ids(["a-1", "b-2", "a-1", "a-1"]) == ("a-1", "b-2", "a-1-2", "a-1-3")
    # a suffix never takes an id another item has
    assert unique_ids(["a", "a", "a-2"]) == ("a", "a-3", "a-2")
    assert unique_ids([]) == ()
