"""A fixture site with a corrections.yaml, built whole: export, pages, failure, caching,
determinism, and a correction that survives a new article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitegen.build.analysis_cache import AnalysisCache
from sitegen.build.page_cache import PageCache
from sitegen.build.pipeline import build
from sitegen.cli import main
from sitegen.errors import ContentErrors
from tests.ferry_story import BODIES, CORRECTIONS, EXTRA, write_site


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HOME", str(tmp_path))
    content = tmp_path / "content"
    write_site(content)
    (content / "ferry" / "corrections.yaml").write_text(CORRECTIONS, encoding="utf-8")
    return content


def export(out: Path) -> dict:
    return json.loads((out / "api/ferry.json").read_text(encoding="utf-8"))


def served(data: dict) -> dict:
    (quote,) = [q for q in data["quotes"] if "served its purpose" in q["text"]]
    return quote


def test_the_export_marks_edited_items_and_lists_the_corrections(
    site: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    build(site, out)
    data = export(out)
    quote = served(data)
    assert [o["article"] for o in quote["occurrences"]] == ["courier", "post", "star"]
    assert quote["edited"] is True
    assert [q["speaker"] for q in data["quotes"] if "cynical" in q["text"]] == [
        "Opposition councillors"
    ]
    assert all(o["text"] != "Hearts of Oak" for q in data["quotes"] for o in q["occurrences"])
    assert [{k: c[k] for k in ("line", "action", "note")} for c in data["corrections"]] == [
        {
            "line": 2,
            "action": "same",
            "note": "Two renderings of one statement <b>by</b> the director",
        },
        {"line": 6, "action": "speaker", "note": None},
        {"line": 8, "action": "not_a_quote", "note": "the band's name"},
        {"line": 11, "action": "not_a_claim", "note": None},
    ]
    untouched = [c for c in data["claims"] if not c["edited"]]
    assert untouched  # the flag is there, false, on what no correction changed


def test_pages_show_marks_the_log_and_correct_this_boxes(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(site, out)
    quote = served(export(out))
    page = (out / f"stories/ferry/quotes/{quote['id']}.html").read_text(encoding="utf-8")
    assert '<span class="tag">edited</span>' in page
    assert "Two renderings of one statement &lt;b&gt;by&lt;/b&gt; the director" in page
    assert 'href="../#corrections-2"' in page
    assert "<summary>Correct this</summary>" in page
    assert "{article: star, text: &#34;It has fulfilled its role&#34;}" in page
    story = (out / "stories/ferry/index.html").read_text(encoding="utf-8")
    assert '<a href="#corrections">correction log (4)</a>' in story
    assert "Checked by an editor: " in story
    assert '<li id="corrections-8">' in story and "Why: the band&#39;s name" in story
    assert "<b>by</b>" not in story  # third-party text is text
    for item in export(out)["claims"]:
        if len(item["sources"]) < 2:
            continue  # no page: it links to its one outlet's sentence
        claim = out / f"stories/ferry/claims/{item['id']}.html"
        assert "<summary>Correct this</summary>" in claim.read_text(encoding="utf-8")


def test_a_bad_line_fails_the_build_with_its_line_and_writes_nothing(
    site: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    build(site, out)
    before = tree(out)
    path = site / "ferry" / "corrections.yaml"
    path.write_text(
        CORRECTIONS + "  - same: [{article: post, text: nowhere}, {article: star, text: Some}]\n",
        encoding="utf-8",
    )
    assert main(["build", "--content", str(site), "--output", str(out)]) == 1
    err = capsys.readouterr().err
    assert "corrections.yaml:12: no sentence in article 'post' contains “nowhere”" in err
    assert "content errors; nothing was written" in err or "content error; nothing" in err
    assert tree(out) == before


def test_editing_corrections_re_renders_without_re_analysing(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    cache = AnalysisCache(None)
    pages = PageCache(None, out)
    build(site, out, cache=cache, pages=pages)
    assert cache.computed == 1
    path = site / "ferry" / "corrections.yaml"
    path.write_text(CORRECTIONS.replace("the band's name", "a band"), encoding="utf-8")
    build(site, out, cache=cache, pages=pages)
    assert cache.computed == 1  # the analysis was reused ...
    assert [c["note"] for c in export(out)["corrections"]][2] == "a band"  # ... pages were not
    path.unlink()
    build(site, out, cache=cache, pages=pages)
    assert cache.computed == 1
    assert export(out)["corrections"] == []
    assert "Hearts of Oak" in {o["text"] for q in export(out)["quotes"] for o in q["occurrences"]}


def test_a_correction_survives_a_new_article(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(site, out)
    first = served(export(out))
    write_site(site, dict([EXTRA]))
    build(site, out)
    data = export(out)
    quote = served(data)
    assert quote["id"] == first["id"]
    assert [o["article"] for o in quote["occurrences"]] == ["courier", "gazette", "post", "star"]
    assert [c["line"] for c in data["corrections"]] == [2, 6, 8, 11]
    assert len(data["articles"]) == len(BODIES) + 1


def test_two_builds_with_corrections_are_byte_identical(site: Path, tmp_path: Path) -> None:
    build(site, tmp_path / "one")
    build(site, tmp_path / "two")
    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert len(one) > 10 and one == two


def test_an_invalid_file_is_reported_by_check_too(site: Path) -> None:
    (site / "ferry" / "corrections.yaml").write_text("quotes:\n  - sme: []\n", encoding="utf-8")
    with pytest.raises(ContentErrors) as raised:
        build(site, site.parent / "out")
    (error,) = raised.value.errors
    assert (error.line, error.hint) == (2, "did you mean `same`?")
    assert main(["check", "--content", str(site)]) == 1
