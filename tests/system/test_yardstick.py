"""The demo story measured against the seed gold with the project's yardstick.

The targets are the issue's; the same scorer runs on held-out corpora, so a regression
here is a regression of the general mechanism, not a score to tune.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from sitegen.build.pipeline import build

DATA = Path(__file__).parent.parent / "data"


def _scorer():
    spec = importlib.util.spec_from_file_location("score", DATA / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("site")
    build(Path(__file__).parent.parent.parent / "content", out / "site")
    index = json.loads((out / "site/api/index.json").read_text(encoding="utf-8"))
    story = next(s["id"] for s in index["stories"] if s["articles"] == 5)
    score = _scorer()
    export = json.loads((out / f"site/api/{story}.json").read_text(encoding="utf-8"))
    gold, texts = score.load_gold(DATA / "seeds.yaml", DATA / "seeds")
    amap = score.map_articles(texts, export)
    kinds = {"number", "date", "place", "title", "factual-error", "translation", "framing"}
    return {
        "mapped": len(amap),
        "quotes": score.score_quotes(gold, export, amap),
        "claims": score.score_claims(gold, export, amap),
        "divergences": score.score_divergences(gold, export, amap, kinds),
    }


def test_every_article_maps_to_the_gold(report: dict) -> None:
    assert report["mapped"] == 5


def test_quotes(report: dict) -> None:
    q = report["quotes"]
    assert q["f1"] >= 0.98
    assert q["speaker_accuracy"] >= 0.95
    assert q["cluster_f1"] >= 0.95
    assert (q["shared_found"], q["shared_gold"]) == (6, 6)


def test_claims(report: dict) -> None:
    c = report["claims"]
    assert c["mean_best_f1"] >= 0.85
    assert c["precision"] >= 0.80


def test_divergences(report: dict) -> None:
    assert report["divergences"]["recall"] >= 0.60
