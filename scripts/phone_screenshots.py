"""Screenshots of the chapters as a phone (390x844) and a tablet (768x1024) see them, live and static.

    .venv/bin/python scripts/phone_screenshots.py                 # Dutch chapters, live and static
    .venv/bin/python scripts/phone_screenshots.py --english --only 01-houding 06-sport

Starts Voilà on a free loopback port (as `make app` does) and serves the static site (built
into --site first, as `make static` does: a rebuild with nothing changed takes seconds), then
opens each chapter in Debian's Chromium with touch and a mobile viewport and writes, per page
and screen size, three screens: the top of the page, the scene (picture and controls) and the
evidence box, to tests/artifacts/screens/ (not committed).  It prints each figure's width in
CSS px.  Look at the PNGs; the checks themselves are in tests/app/test_phone.py.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from harness.browser import launch, loopback_context  # noqa: E402
from harness.servers import FileServer, VoilaServer  # noqa: E402
from psoas.content import chapters  # noqa: E402

SCREENS = {"phone": (390, 844, True), "tablet": (768, 1024, True)}  # width, height (CSS px), a mobile viewport
SHOTS = {"top": None, "scene": ".psoas-figure", "evidence": "blockquote"}


@contextlib.contextmanager
def live_app(out: Path):
    """The app's Voilà as ``make app`` runs it (tests' harness), on a free loopback port."""
    with VoilaServer(out / "voila.log").running(show_log=False) as server:
        yield server.base + "voila/render/{language}{stem}.ipynb"


@contextlib.contextmanager
def static_site(site: Path, build: bool):
    if build:
        from psoas.static_site.build import build_site

        print("building the static site into", site, "...", flush=True)
        print(build_site(site), flush=True)
    with FileServer(site) as server:
        yield server.base + "{lang}/{stem}.html"


PHONE_FIGURE = ("() => { const img = document.querySelector('img.psoas-figure');"
                " return img && img.complete && img.naturalHeight > img.naturalWidth; }")  # the phone layout is portrait


def open_page(page, url: str, narrow: bool = False) -> None:
    page.goto(url)
    if "/voila/" in url:
        page.wait_for_function("() => !document.getElementById('loading')", timeout=180_000)
        page.locator(".psoas-projector-switch").first.wait_for(timeout=120_000)
        shown = "() => { const img = document.querySelector('img.psoas-figure'); return img && img.complete && img.naturalWidth > 0; }"
        page.wait_for_function(shown, timeout=120_000)
        if narrow:  # the kernel draws the phone layout once the page says it is narrow
            page.wait_for_function(PHONE_FIGURE, timeout=120_000)
    else:
        page.wait_for_function("() => document.documentElement.dataset.psoasReady === '1'")
    page.evaluate("() => document.fonts.ready")


def shoot(browser, url: str, name: str, out: Path) -> None:
    for screen, (width, height, mobile) in SCREENS.items():
        context = loopback_context(browser, viewport={"width": width, "height": height}, is_mobile=mobile, has_touch=True,
                                   device_scale_factor=2)  # fmt: skip
        page = context.new_page()
        try:
            open_page(page, url, narrow=width <= 600)
            figure = page.evaluate("() => Math.round(document.querySelector('img.psoas-figure').getBoundingClientRect().width)")
            for shot, selector in SHOTS.items():
                if selector:
                    target = page.locator(selector).first
                    if not target.count():
                        continue
                    target.evaluate("el => el.scrollIntoView({block: 'start'})")
                path = out / f"{name}-{screen}-{shot}.png"
                page.screenshot(path=str(path))
            print(f"{name} {screen} {width}x{height}: figure {figure} CSS px wide -> {out / name}-{screen}-*.png", flush=True)
        finally:
            context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--english", action="store_true", help="the English pages too")
    parser.add_argument("--only", nargs="*", default=None, help="chapters by name (01-houding ...); default: every chapter")
    parser.add_argument("--no-live", action="store_true", help="skip the live (Voilà) pages")
    parser.add_argument("--no-static", action="store_true", help="skip the static pages")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the static site's folder (default: site/)")
    parser.add_argument("--no-build", action="store_true", help="use --site as it is")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "artifacts" / "screens")
    args = parser.parse_args(argv)
    stems = [c["notebook"].removesuffix(".ipynb") for c in chapters()]
    if args.only:
        stems = [s for s in stems if any(s.startswith(o) for o in args.only)]
    languages = ["nl", "en"] if args.english else ["nl"]
    args.out.mkdir(parents=True, exist_ok=True)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, contextlib.ExitStack() as stack:
        browser = launch(playwright)
        kinds = {}
        if not args.no_live:
            kinds["live"] = stack.enter_context(live_app(args.out))
        if not args.no_static:
            kinds["static"] = stack.enter_context(static_site(args.site, build=not args.no_build))
        for kind, pattern in kinds.items():
            for language in languages:
                for stem in stems:
                    url = pattern.format(language="" if language == "nl" else "en/", lang=language, stem=stem)
                    shoot(browser, url, f"{kind}-{language}-{stem}", args.out)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
