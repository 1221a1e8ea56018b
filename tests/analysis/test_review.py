"""sitegen review: how doubtful each speaker and match is, most doubtful first, and the
lines to confirm or fix each."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sitegen.analysis.review import doubt, doubts
from sitegen.cli import main
from sitegen.model import ClaimSource, Quote, QuoteOccurrence
from tests.ferry_story import write_site


def occurrence(
    relation: str = "verbatim", score: float = 100.0, speaker: str | None = None
) -> QuoteOccurrence:
    return QuoteOccurrence("a", "words", 0, 5, 0, speaker, relation, score)


def test_a_missing_speaker_is_more_doubtful_than_a_full_name() -> None:
    named = Quote("q", "Ada Lindqvist", "words", (occurrence(speaker="Ada Lindqvist"),))
    nobody = replace(named, speaker=None)
    surname = replace(named, speaker="Lindqvist")
    assert doubt(nobody) > doubt(surname) > doubt(named)


def test_a_match_is_as_doubtful_as_the_analysis_is_unsure() -> None:
    sure = occurrence("rendering", 30)
    assert doubt(sure) == 0
    assert doubt(replace(sure, confidence=0.3)) == pytest.approx(0.7)
    source = ClaimSource("a", 0, "x", "paraphrase", 20.0, confidence=0.41)
    assert doubt(source) > doubt(replace(source, confidence=0.8))


def test_review_lists_doubts_most_doubtful_first_with_lines_to_paste(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    content = tmp_path / "content"
    folder = write_site(content)
    assert main(["review", "ferry", "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert "most doubtful first" in out and "ferry/corrections.yaml" in out
    scores = [
        float(line.split("doubt ")[1].split("]")[0])
        for line in out.splitlines()
        if "doubt " in line
    ]
    assert scores and scores == sorted(scores, reverse=True)
    assert "  - same: [" in out and "  - apart: [" in out
    # an item the editor confirmed is not asked again
    (folder / "corrections.yaml").write_text(
        "quotes:\n  - speaker: Critics\n    of: [{article: courier, text: a reckless gamble}]\n",
        encoding="utf-8",
    )
    assert "“a reckless gamble” by Critics?" in out
    assert main(["review", "ferry", "--content", str(content)]) == 0
    assert "“a reckless gamble” by Critics?" not in capsys.readouterr().out
    assert main(["review", "nope", "--content", str(content)]) == 1
    assert "no story 'nope' (hint: stories: ferry)" in capsys.readouterr().err


def test_doubts_are_deterministic() -> None:
    from tests.analysis.test_corrections import analysed

    assert doubts(analysed()[1]) == doubts(analysed()[1])
