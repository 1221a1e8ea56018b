"""Screenshots of one page of every type, at desktop (1280 px) and phone (390 px) width,
to look at what a reader sees. Not a test: it writes PNGs into screenshots/.

    python3 scripts/screenshots.py                    # builds content/ into a temp folder
    python3 scripts/screenshots.py --site output      # uses an existing build
    python3 scripts/screenshots.py --dark             # also in dark mode
    python3 scripts/screenshots.py --site built --query fire   # another site, its own word

Needs Chromium (/usr/bin/chromium, .ci/setup-browser.sh installs it) and Playwright.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.browser import (  # noqa: E402  (the path above makes scripts importable)
    CHROMIUM,
    CHROMIUM_ARGS,
    CONTENT,
    build_site,
    hold,
    page_types,
    serve,
)

WIDTHS = (1280, 390)


def shoot(site: Path, out: Path, schemes: list[str], query: str = "nato") -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    shots: list[Path] = []
    types = page_types(site)
    targets = sorted(types.items())
    if "search" in types:
        targets.append(("search-results", types["search"] + "?q=" + query))
    with serve(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        for scheme in schemes:
            for width in WIDTHS:
                context = browser.new_context(
                    viewport={"width": width, "height": 900}, color_scheme=scheme
                )
                reader = context.new_page()
                for name, path in targets:
                    page = reader
                    if name == "moved":  # photographed itself, not where it sends the reader
                        page = context.new_page()
                        hold(page, url + path)
                    page.goto(url + path)
                    if "?q=" in path:
                        page.wait_for_selector(".pagefind-ui__result", timeout=15000)
                    page.wait_for_load_state("networkidle")
                    suffix = "" if scheme == "light" else f"-{scheme}"
                    target = out / f"{name.replace('/', '-')}-{width}{suffix}.png"
                    page.screenshot(path=str(target), full_page=True)
                    shots.append(target)
                    if page is not reader:
                        page.close()
                context.close()
        browser.close()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build content/)")
    parser.add_argument("--content", type=Path, default=CONTENT)
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--dark", action="store_true", help="also take dark-mode shots")
    parser.add_argument("--query", default="nato", help="a word the site's search finds")
    args = parser.parse_args(argv)
    schemes = ["light", "dark"] if args.dark else ["light"]
    if args.site:
        shots = shoot(args.site, args.out, schemes, args.query)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            site = build_site(Path(tmp) / "output", args.content)
            shots = shoot(site, args.out, schemes, args.query)
    for shot in shots:
        print(shot.relative_to(args.out.parent) if shot.is_relative_to(args.out.parent) else shot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
