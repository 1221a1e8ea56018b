"""sitegen serve and corrections.yaml: a saved correction is applied by the next reload
without analysing again, and a bad one is shown in the error overlay."""

from __future__ import annotations

from pathlib import Path

from tests.serve.test_server import Loop, loop, write

__all__ = ["loop"]  # the fixture, shared with the other serve tests

PAGE = "stories/harbour-fire/index.html"


def test_a_saved_correction_is_applied_and_a_bad_one_shown(loop: Loop, small_site: Path) -> None:
    corrections = small_site / "harbour-fire" / "corrections.yaml"
    write(
        corrections,
        "quotes:\n  - speaker: Chief Anna Berg\n"
        "    of: [{article: daily, text: under control}]\n    note: her title\n",
    )
    seen = loop.until("correction log (1)", PAGE)
    assert seen[-1].ok and "0 analysed afresh" in seen[-1].summary
    write(corrections, "quotes:\n  - not_a_quote: [{article: daily, text: on fire}]\n")
    failed = loop.next()
    while failed.ok:
        failed = loop.next()
    assert any(
        "corrections.yaml:2: no quotation in article 'daily' contains “on fire”" in line
        for line in failed.errors
    ), failed.errors
    assert "correction log (1)" in (loop.site / PAGE).read_text(encoding="utf-8")
