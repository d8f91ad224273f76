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
import functools
import http.server
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from psoas.content import chapters  # noqa: E402
from psoas.serve import voila_command, voila_environment  # noqa: E402

SCREENS = {"phone": (390, 844, True), "tablet": (768, 1024, True)}  # width, height (CSS px), a mobile viewport
SHOTS = {"top": None, "scene": ".psoas-figure", "evidence": "blockquote"}
CHROMIUM = "/usr/bin/chromium"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def live_app(out: Path):
    port = free_port()
    log = open(out / "voila.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(voila_command(port=port), env=voila_environment(), stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        for _ in range(450):
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)  # between connection attempts
        yield url + "voila/render/{language}{stem}.ipynb"
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@contextlib.contextmanager
def static_site(site: Path, build: bool):
    if build:
        from psoas.static_site.build import build_site

        print("building the static site into", site, "...", flush=True)
        print(build_site(site), flush=True)
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/" + "{lang}/{stem}.html"
    finally:
        server.shutdown()
        server.server_close()


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def open_page(page, url: str) -> None:
    page.goto(url)
    if "/voila/" in url:
        page.wait_for_function("() => !document.getElementById('loading')", timeout=180_000)
        page.locator(".psoas-projector-switch").first.wait_for(timeout=120_000)
        shown = "() => { const img = document.querySelector('img.psoas-figure'); return img && img.complete && img.naturalWidth > 0; }"
        page.wait_for_function(shown, timeout=120_000)
    else:
        page.wait_for_function("() => document.documentElement.dataset.psoasReady === '1'")
    page.evaluate("() => document.fonts.ready")


def shoot(browser, url: str, name: str, out: Path) -> None:
    for screen, (width, height, mobile) in SCREENS.items():
        context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=mobile, has_touch=True, device_scale_factor=2)
        page = context.new_page()
        try:
            open_page(page, url)
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
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
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
