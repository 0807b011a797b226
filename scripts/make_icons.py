"""Draw the home-screen icons (PNG) from the app's SVG mark, with Debian's chromium.

Run once when the mark changes: `.venv/bin/python scripts/make_icons.py`. The PNGs are
committed; nothing is drawn at run time.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

STATIC = Path(__file__).resolve().parent.parent / "src/recouple/core/static/recouple"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The mark on a round tile (any), and full-bleed with the mark inside the safe zone (maskable).
ROUND = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="{s}" height="{s}">'
    '<circle cx="16" cy="16" r="15" fill="#2c5f63"/>'
    '<path d="M10 17c0-3 2.5-5 6-5s6 2 6 5" stroke="#fff" stroke-width="2.5" fill="none" '
    'stroke-linecap="round"/></svg>'
)
MASKABLE = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="{s}" height="{s}">'
    '<rect width="32" height="32" fill="#2c5f63"/>'
    '<path d="M11.5 17c0-2.4 2-4 4.5-4s4.5 1.6 4.5 4" stroke="#fff" stroke-width="2" '
    'fill="none" stroke-linecap="round"/></svg>'
)


def main() -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for name, svg, size in (
            ("icon-192.png", ROUND, 192),
            ("icon-512.png", ROUND, 512),
            ("icon-maskable-512.png", MASKABLE, 512),
        ):
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(
                "<html><body style='margin:0;background:transparent'>"
                + svg.format(s=size)
                + "</body></html>"
            )
            page.screenshot(path=str(STATIC / name), omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
