"""Reading a built site in tests: which pages are items' own and which only send on.

A claims/ or quotes/ folder holds each item's page and, since links last
(sitegen.site.moved), pages at the items' old addresses that send the reader to the
new one. A test about the items' pages reads the first kind only.
"""

from __future__ import annotations

from pathlib import Path

_SENDS_ON = '<meta http-equiv="refresh"'


def is_moved_page(page: Path) -> bool:
    """Whether the page only sends the reader to an item's current address."""
    return _SENDS_ON in page.read_text(encoding="utf-8")


def item_pages(folder: Path) -> list[Path]:
    """The items' own pages in a claims/ or quotes/ folder, sorted by name."""
    return sorted(p for p in folder.glob("*.html") if not is_moved_page(p))
