"""Links that last (issue 19, point 6): a claim's and a quotation's address is made of its
own words; when a new article or an editor's correction moves it, the old address still
answers, with a page that sends the reader on and a line in _redirects."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from sitegen.build.pipeline import build
from sitegen.site.moved import REDIRECTS
from tests.ferry_story import write_site

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = (
    "---\noutlet: {outlet}\ntitle: The bridge, by {outlet}\npublished: 2025-03-04\n---\n{body}\n"
)
# An invented story: two outlets quote the minister in two wordings and state the same
# facts in their own sentences.
BRIDGE = {
    "north-star": (
        "The river bridge in Elmstad will be rebuilt before winter, the council decided on"
        ' Monday. "We will rebuild the bridge before winter," said transport minister Ola'
        " Berg. The work is expected to cost 40 million kronor."
    ),
    "south-post": (
        "Elmstad council on Monday decided to rebuild the river bridge before the winter."
        ' "We will rebuild the bridge before the winter sets in," Berg told reporters. The'
        " repairs will cost about 40 million kronor, officials said."
    ),
}
# A third outlet that words the decision as south-post does and quotes the minister at
# greater length: both items' representative wordings change.
EAST = (
    "Elmstad council on Monday decided to rebuild the river bridge before the winter."
    ' "We will rebuild the bridge before the winter sets in, whatever it costs," Berg'
    " said. Traffic will use a ferry until then."
)
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


@pytest.fixture(autouse=True)
def _home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))


def write_bridge(content: Path, extra: bool = False) -> None:
    folder = content / "bridge"
    folder.mkdir(parents=True, exist_ok=True)
    bodies = {**BRIDGE, **({"east-wire": EAST} if extra else {})}
    for outlet, body in bodies.items():
        text = ARTICLE.format(outlet=outlet, body=body)
        (folder / f"{outlet}.md").write_text(text, encoding="utf-8")


def export(out: Path, story: str) -> dict:
    return json.loads((out / f"api/{story}.json").read_text(encoding="utf-8"))


def redirects(out: Path) -> dict[str, str]:
    lines = (out / REDIRECTS).read_text(encoding="utf-8").splitlines()
    rules = [line.split() for line in lines if line and not line.startswith("#")]
    assert all(len(rule) == 3 and rule[2] == "301!" for rule in rules), rules
    return {old: new for old, new, _ in rules}


def assert_sends(out: Path, old: str, new: str) -> None:
    """The page at site path ``old`` sends the reader to site path ``new``, and
    _redirects says so."""
    page = (out / old).read_text(encoding="utf-8")
    (target,) = REFRESH.findall(page)
    assert (out / old).parent.joinpath(target).resolve() == (out / new).resolve()
    assert f'<a href="{target}">' in page  # a visible link, for a reader without refresh
    assert '<html lang="en"' in page and "<title>" in page
    assert redirects(out)["/" + old] == "/" + new


def claim_of(data: dict, words: str) -> dict:
    (claim,) = [c for c in data["claims"] if any(words in s["text"] for s in c["sources"])]
    return claim


def quote_of(data: dict, words: str) -> dict:
    (quote,) = [q for q in data["quotes"] if any(words in o["text"] for o in q["occurrences"])]
    return quote


def test_an_added_article_moves_a_claim_and_a_quote_and_the_old_addresses_answer(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    write_bridge(content)
    build(content, tmp_path / "one")
    before = export(tmp_path / "one", "bridge")
    claim = claim_of(before, "river bridge")
    quote = quote_of(before, "rebuild the bridge")
    assert len(claim["sources"]) == 2 and len(quote["occurrences"]) == 2
    old_claim = f"stories/bridge/claims/{claim['id']}.html"
    old_quote = f"stories/bridge/quotes/{quote['id']}.html"
    assert (tmp_path / "one" / old_claim).is_file() and (tmp_path / "one" / old_quote).is_file()

    write_bridge(content, extra=True)
    build(content, tmp_path / "two")
    after = export(tmp_path / "two", "bridge")
    new_claim, new_quote = claim_of(after, "river bridge"), quote_of(after, "rebuild the bridge")
    # the new article tipped both representatives to the other wording
    assert new_claim["id"] != claim["id"] and new_quote["id"] != quote["id"]
    assert_sends(tmp_path / "two", old_claim, f"stories/bridge/claims/{new_claim['id']}.html")
    assert_sends(tmp_path / "two", old_quote, f"stories/bridge/quotes/{new_quote['id']}.html")
    # an item the new article left alone keeps its address, and no page was moved onto it
    cost = claim_of(before, "40 million")
    assert claim_of(after, "40 million")["id"] == cost["id"]
    assert f"/stories/bridge/claims/{cost['id']}.html" not in redirects(tmp_path / "two")


def test_a_correction_that_merges_two_quotes_keeps_the_old_address(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_site(content)
    build(content, tmp_path / "one")
    role = quote_of(export(tmp_path / "one", "ferry"), "fulfilled its role")
    old = f"stories/ferry/quotes/{role['id']}.html"
    assert (tmp_path / "one" / old).is_file()

    (content / "ferry" / "corrections.yaml").write_text(
        "quotes:\n  - same:\n"
        '      - {article: courier, text: "the terminal has served its purpose"}\n'
        '      - {article: star, text: "fulfilled its role"}\n',
        encoding="utf-8",
    )
    build(content, tmp_path / "two")
    merged = quote_of(export(tmp_path / "two", "ferry"), "fulfilled its role")
    assert merged["edited"] and len(merged["occurrences"]) == 3
    assert merged["id"] != role["id"]
    assert_sends(tmp_path / "two", old, f"stories/ferry/quotes/{merged['id']}.html")


def test_old_addresses_stay_out_of_the_sitemap_and_search(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_bridge(content, extra=True)
    out = tmp_path / "out"
    build(content, out)
    moved = redirects(out)
    assert moved  # the story has some
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    for old in moved:
        assert old not in sitemap
        assert "data-pagefind-body" not in (out / old[1:]).read_text(encoding="utf-8")
    # and no page an item lives at is ever replaced by one that sends the reader away
    data = export(out, "bridge")
    for item in data["quotes"]:
        assert f"/stories/bridge/quotes/{item['id']}.html" not in moved


def test_two_builds_are_byte_identical_with_old_addresses(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_bridge(content, extra=True)
    build(content, tmp_path / "one")
    shutil.rmtree(tmp_path / ".sitegen-cache", ignore_errors=True)  # analysed afresh
    build(content, tmp_path / "two")

    def tree(root: Path) -> dict[str, bytes]:
        return {
            p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()
        }

    one, two = tree(tmp_path / "one"), tree(tmp_path / "two")
    assert REDIRECTS in one and one == two


def test_the_demo_keeps_its_ids_across_builds(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    build(content, tmp_path / "one")
    shutil.rmtree(tmp_path / ".sitegen-cache", ignore_errors=True)  # analysed afresh
    build(content, tmp_path / "two")
    for story in [p.name for p in content.iterdir() if p.is_dir()]:
        one, two = export(tmp_path / "one", story), export(tmp_path / "two", story)
        assert [c["id"] for c in one["claims"]] == [c["id"] for c in two["claims"]]
        assert [q["id"] for q in one["quotes"]] == [q["id"] for q in two["quotes"]]
    assert (tmp_path / "one" / REDIRECTS).read_bytes() == (
        tmp_path / "two" / REDIRECTS
    ).read_bytes()
