"""Front matter parsing and validation, on inline strings: each error kind at its line."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from sitegen.content import load_site, parse_article, parse_date
from sitegen.errors import ContentErrors

PATH = Path("content/story/article.md")

GOOD = """---
outlet: Example News
title: A headline
url: https://example.com/a
published: 2025-12-14
language: en
translated_from: uk
section: World
---
Body text.
"""


def parse(text: str | bytes, name: str = "article.md"):
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return parse_article(raw, PATH.with_name(name), "story")


def test_valid_article_keeps_every_field_and_unknown_keys() -> None:
    article, errors = parse(GOOD)
    assert errors == ()
    assert article is not None
    assert (article.outlet, article.title, article.url) == (
        "Example News",
        "A headline",
        "https://example.com/a",
    )
    assert article.published == date(2025, 12, 14)
    assert (article.language, article.translated_from) == ("en", "uk")
    assert article.extra == (("section", "World"),)
    assert article.body == "Body text.\n"
    assert article.body_line == 10


# (description, file text, expected line, words the message must contain)
ERROR_CASES = [
    ("empty file", "", 1, "empty"),
    ("whitespace only", "  \n\n", 1, "empty"),
    ("no front matter", "Just a body.\n", 1, "missing front matter"),
    ("unclosed front matter", "---\noutlet: X\ntitle: T\nBody\n", 1, "not closed"),
    ("front matter not a mapping", "---\n- a\n- b\n---\nBody\n", 2, "mapping"),
    ("scalar front matter", "---\njust text\n---\nBody\n", 2, "mapping"),
    ("missing outlet", "---\ntitle: T\n---\nBody\n", 1, "missing `outlet`"),
    ("missing title", "---\noutlet: X\n---\nBody\n", 1, "missing `title`"),
    ("empty title", "---\noutlet: X\ntitle: ''\n---\nBody\n", 3, "missing `title`"),
    (
        "YAML syntax error at its line",
        "---\noutlet: X\ntitle: T\nurl: [unclosed\n---\nB\n",
        4,
        "YAML syntax error",
    ),
    ("bad indentation", "---\noutlet: X\n  title: T\n---\nBody\n", 3, "YAML syntax error"),
    (
        "impossible date",
        "---\noutlet: X\ntitle: T\npublished: 2025-02-30\n---\nB\n",
        4,
        "not a valid date",
    ),
    (
        "date that is not a date",
        "---\noutlet: X\ntitle: T\npublished: soon\n---\nB\n",
        4,
        "not a valid date",
    ),
    (
        "javascript URL",
        "---\noutlet: X\ntitle: T\nurl: javascript:alert(1)\n---\nB\n",
        4,
        "http(s)",
    ),
    ("ftp URL", "---\noutlet: X\ntitle: T\nurl: ftp://example.com/x\n---\nB\n", 4, "http(s)"),
    ("duplicate key", "---\noutlet: X\ntitle: T\ntitle: U\n---\nB\n", 4, "duplicate key"),
    ("no body", "---\noutlet: X\ntitle: T\n---\n\n", 4, "no text"),
    ("title is a list", "---\noutlet: X\ntitle: [a, b]\n---\nB\n", 3, "must be text"),
]


@pytest.mark.parametrize(
    ("text", "line", "words"), [c[1:] for c in ERROR_CASES], ids=[c[0] for c in ERROR_CASES]
)
def test_each_error_kind_is_reported_at_its_line(text: str, line: int, words: str) -> None:
    article, errors = parse(text)
    assert article is None
    assert any(e.line == line and words in e.message for e in errors), errors
    assert all(str(e).startswith(f"{PATH}:") for e in errors)


def test_not_utf8_reports_the_line_of_the_bad_byte() -> None:
    raw = b"---\noutlet: X\ntitle: T\n---\nfine\ncaf\xe9\n"
    article, errors = parse(raw)
    assert article is None
    assert [(e.line, e.message) for e in errors] == [(6, "file is not UTF-8 text")]


def test_article_id_must_be_a_slug() -> None:
    article, errors = parse(GOOD, name="Bad Name.md")
    assert article is None
    assert errors[0].line == 1 and "not a slug" in errors[0].message
    assert "bad-name" in errors[0].hint


def test_all_errors_of_one_file_are_reported_together() -> None:
    _, errors = parse("---\npublished: 2025-13-01\nurl: mailto:x@example.com\n---\nB\n")
    messages = " | ".join(e.message for e in errors)
    for words in ("missing `outlet`", "missing `title`", "not a valid date", "http(s)"):
        assert words in messages


def test_bom_and_crlf_are_accepted() -> None:
    raw = ("\ufeff" + GOOD.replace("\n", "\r\n")).encode("utf-8")
    article, errors = parse(raw)
    assert errors == ()
    assert article is not None and article.title == "A headline"
    assert "\r" not in article.body


def test_html_in_front_matter_is_kept_as_text() -> None:
    article, errors = parse("---\noutlet: <b>X</b>\ntitle: <script>alert(1)</script>\n---\nB\n")
    assert errors == ()
    assert article is not None and article.title == "<script>alert(1)</script>"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-12-14", date(2025, 12, 14)),
        (
            "2025-12-14T21:53:00+08:00",
            datetime(2025, 12, 14, 21, 53, tzinfo=timezone(timedelta(hours=8))),
        ),
        ("2025-12-14T13:53:00Z", datetime(2025, 12, 14, 13, 53, tzinfo=timezone.utc)),
        ("2025-02-29", None),
        ("14/12/2025", None),
        ("yesterday", None),
    ],
)
def test_parse_date(value: str, expected: object) -> None:
    assert parse_date(value) == expected


def _write(root: Path, rel: str, text: str | bytes) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_site_loads_config_outlets_and_story(tmp_path: Path) -> None:
    _write(tmp_path, "site.yaml", "title: Coverage\nbase_url: https://example.org/cov/\n")
    _write(
        tmp_path,
        "outlets.yaml",
        "example-news:\n  name: Example News\n  country: UK\n  kind: commercial\n",
    )
    _write(tmp_path, "event/story.yaml", "title: The event\ndate: 2025-12-14\nsummary: S\n")
    _write(tmp_path, "event/b.md", GOOD)
    _write(tmp_path, "event/a.md", GOOD.replace("Example News", "Other"))
    _write(tmp_path, "event/_draft.md", "not content")
    _write(tmp_path, "event/notes.txt", "not content")
    _write(tmp_path, ".hidden/x.md", "not content")
    site = load_site(tmp_path)
    assert site.config.title == "Coverage"
    assert site.config.base_url == "https://example.org/cov/"
    assert [o.slug for o in site.outlets] == ["example-news"]
    assert [s.id for s in site.stories] == ["event"]
    story = site.stories[0]
    assert (story.title, story.date, story.summary) == ("The event", date(2025, 12, 14), "S")
    assert [a.id for a in story.articles] == ["a", "b"]
    assert site.outlet_for("example news") is not None


def test_story_title_and_date_fall_back_to_its_articles(tmp_path: Path) -> None:
    _write(tmp_path, "event/a.md", GOOD)
    story = load_site(tmp_path).stories[0]
    assert story.title == "A headline" and story.date == date(2025, 12, 14)


def test_every_problem_in_the_folder_is_reported_at_once(tmp_path: Path) -> None:
    _write(tmp_path, "site.yaml", "title: [unclosed\n")
    _write(tmp_path, "outlets.yaml", "Bad Slug:\n  name: X\nok:\n  kind: tabloid\n")
    _write(tmp_path, "event/story.yaml", "date: 2025-13-40\n")
    _write(tmp_path, "event/a.md", "no front matter\n")
    _write(tmp_path, "event/b.md", b"\xff\xfe")
    _write(tmp_path, "Bad Story/c.md", GOOD)
    with pytest.raises(ContentErrors) as info:
        load_site(tmp_path)
    found = {(e.path.relative_to(tmp_path).as_posix(), e.line) for e in info.value.errors}
    assert found >= {
        ("site.yaml", 1),  # the line that opens the bracket never closed
        ("outlets.yaml", 1),
        ("outlets.yaml", 4),  # the `kind:` line, not the outlet's
        ("event/story.yaml", 1),
        ("event/a.md", 1),
        ("event/b.md", 1),
        ("Bad Story", 1),
    }


def test_duplicate_article_ids_differing_in_case(tmp_path: Path) -> None:
    _write(tmp_path, "event/a.md", GOOD)
    _write(tmp_path, "event/A.md", GOOD)
    with pytest.raises(ContentErrors) as info:
        load_site(tmp_path)
    assert any("not a slug" in e.message or "duplicate" in e.message for e in info.value.errors)


def test_symlink_out_of_content_is_refused(tmp_path: Path) -> None:
    outside = _write(tmp_path, "outside/secret.md", GOOD)
    content = tmp_path / "content"
    (content / "event").mkdir(parents=True)
    (content / "event" / "leak.md").symlink_to(outside)
    with pytest.raises(ContentErrors) as info:
        load_site(content)
    assert any("outside the content folder" in e.message for e in info.value.errors)
