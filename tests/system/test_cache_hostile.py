"""D9: nothing in `.sitegen-cache/` can make a build run code, and a planted or damaged
entry is ignored (the story is analysed afresh), whatever key its header carries."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from sitegen.build.analysis_cache import AnalysisCache
from sitegen.build.analysis_codec import DamagedEntry, decode, encode
from sitegen.build.parallel import analyse_story
from sitegen.content import load_site
from tests.system.conftest import mini_site, sitegen, snapshot


class Evil:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, ("open('PWNED', 'w').write('code ran inside sitegen build')",))


def _plant(content: Path, body: bytes, suffix: str) -> None:
    """Entries under the right key, as anyone who has the content and the code can."""
    site = load_site(content)
    cache = AnalysisCache.beside(content)
    for story in site.stories:
        path = cache.folder / f"{story.id}{suffix}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(cache.key(site, story).encode() + b"\n" + body)


@pytest.mark.parametrize("suffix", [".json", ".pickle"])
def test_a_planted_pickle_never_runs(tmp_path: Path, suffix: str) -> None:
    content = mini_site(tmp_path / "content")
    assert sitegen(["build", "--output", "fresh"], cwd=tmp_path).code == 0
    _plant(content, pickle.dumps(Evil()), suffix)
    run = sitegen(["build"], cwd=tmp_path)
    assert run.code == 0, run.err
    assert not (tmp_path / "PWNED").exists()
    assert snapshot(tmp_path / "output") == snapshot(tmp_path / "fresh")


def test_planted_json_of_the_wrong_shape_is_ignored(tmp_path: Path) -> None:
    content = mini_site(tmp_path / "content")
    assert sitegen(["build", "--output", "fresh"], cwd=tmp_path).code == 0
    good = encode(analyse_story(load_site(content).stories[0]))
    wrong = json.loads(good)
    wrong[1][0][0] = 42  # an article id that is a number
    _plant(content, json.dumps(wrong).encode(), ".json")
    run = sitegen(["build"], cwd=tmp_path)
    assert run.code == 0 and "Traceback" not in run.err, run.err
    assert snapshot(tmp_path / "output") == snapshot(tmp_path / "fresh")


def test_the_codec_gives_back_the_analysis_and_nothing_else(demo_content: Path) -> None:
    for story in load_site(demo_content).stories:
        analysis = analyse_story(story)
        assert decode(encode(analysis)) == analysis
    for data in (
        b'{"__class__": "os.system"}',
        b"[]",
        b'["s", [], [], [], [], [], [], 1]',
        b"\x80",
    ):
        with pytest.raises(DamagedEntry):
            decode(data)
