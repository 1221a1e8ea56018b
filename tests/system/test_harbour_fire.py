"""The invented harbour-fire story (tests/fixtures/stories) measured against its gold.

Five invented outlets disagree on the death toll, the number injured and when the fire
started, misspell two officials' names, render one statement in other words, quote
fragments of another and carry two near-identical statements of two different sources
(issue 16, error classes 3-7). The gold is in the format of the seed gold, scored by the
project's copy of the yardstick.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from sitegen.build.pipeline import build

TESTS = Path(__file__).parent.parent
STORIES = TESTS / "fixtures" / "stories"


def _scorer():
    spec = importlib.util.spec_from_file_location("score", TESTS / "data" / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("site")
    # a copy: a build keeps its cache beside the content, and a test writes only in tmp
    content = shutil.copytree(STORIES, out / "stories")
    build(content, out / "site")
    score = _scorer()
    export = json.loads((out / "site/api/harbour-fire.json").read_text(encoding="utf-8"))
    gold, texts = score.load_gold(STORIES / "harbour-fire" / "_gold.yaml", None)
    amap = score.map_articles(texts, export)
    kinds = {"number", "date", "place", "name", "title"}
    return {
        "mapped": len(amap),
        "export": export,
        "quotes": score.score_quotes(gold, export, amap),
        "claims": score.score_claims(gold, export, amap),
        "divergences": score.score_divergences(gold, export, amap, kinds),
    }


def test_every_article_maps_to_the_gold(report: dict) -> None:
    assert report["mapped"] == 5


def test_every_planted_difference_of_fact_is_found(report: dict) -> None:
    # the death toll, the injured, the start time and two misspelt names
    d = report["divergences"]
    assert (d["found"], d["gold"]) == (5, 5)


def test_utterances_group_across_renderings_and_fragments(report: dict) -> None:
    q = report["quotes"]
    assert q["f1"] >= 0.95
    assert q["cluster_f1"] >= 0.9
    assert q["shared_found"] >= 3


def test_the_look_alike_stays_apart(report: dict) -> None:
    speakers = [
        {o["speaker"] for o in q["occurrences"]}
        for q in report["export"]["quotes"]
        if any("deliberately" in o["text"] for o in q["occurrences"])
    ]
    assert {"Anna Berg"} in speakers and {"Lars Dahl"} in speakers


def test_matches_say_how_sure_they_are(report: dict) -> None:
    export = report["export"]
    for quote in export["quotes"]:
        assert all(0.0 <= o["confidence"] <= 1.0 for o in quote["occurrences"])
    for claim in export["claims"]:
        assert all(0.0 <= s["confidence"] <= 1.0 for s in claim["sources"])


@pytest.mark.parametrize(
    ("kind", "texts"),
    [
        ("number", ("Three workers", "Four people")),  # the death toll
        ("number", ("12 people", "15 injured")),  # the injured
        ("date", ("3:40 a.m.", "about 4 a.m.")),  # when it started
        ("name", ("Marta Kowalczyk", "Marta Kowalcyk")),
        ("name", ("Oskar Pellinen", "Oskar Pelinen")),
    ],
)
def test_each_difference_has_its_kind(report: dict, kind: str, texts: tuple[str, str]) -> None:
    assert any(
        d["kind"] == kind and all(any(t in v["text"] for v in d["variants"]) for t in texts)
        for d in report["export"]["divergences"]
    )
