from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "content"

ARTICLE = """---
outlet: {outlet}
title: {title}
published: 2025-12-14
---
{body}
"""


def build_command(content: Path, output: Path) -> list[str]:
    """`sitegen build` as a separate process, with the interpreter running the tests."""
    return [
        sys.executable,
        "-m",
        "sitegen",
        "build",
        "--content",
        str(content),
        "--output",
        str(output),
    ]


def write_article(root: Path, story: str, slug: str, outlet: str, title: str, body: str) -> Path:
    path = root / story / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(outlet=outlet, title=title, body=body), encoding="utf-8")
    return path


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    """A two-story content folder with shared and unique sentences and a quotation."""
    content = tmp_path / "content"
    write_article(
        content,
        "harbour-fire",
        "daily",
        "Daily Example",
        "Fire at the harbour",
        "A fire broke out at the harbour on Monday, officials said.\n\n"
        "“We have it under control,” fire chief Anna Berg told reporters.",
    )
    write_article(
        content,
        "harbour-fire",
        "gazette",
        "Example Gazette",
        "Harbour blaze",
        "A fire broke out at the harbour on Monday, officials said.\n\n"
        "Three warehouses were damaged.",
    )
    write_article(
        content,
        "bridge-vote",
        "daily",
        "Daily Example",
        "Council backs bridge",
        "The council voted 7-2 to build the new bridge.",
    )
    return content


@pytest.fixture
def demo_content(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(DEMO, target)
    return target
