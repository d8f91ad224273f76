"""Debian's Chromium driven by Playwright (its own download does not work here), talking to
127.0.0.1 only: every other request of a page is aborted (and can be listed)."""

from __future__ import annotations

import os
import shutil

CHROMIUM_FLAGS = ("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")  # fmt: skip
VIEWPORT = {"width": 1280, "height": 900}
LOCALE = "nl-NL"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost")
MISSING = "Chromium is missing: run `make browser` (scripts/ensure-chromium.sh)"


def chromium_executable() -> str | None:
    """``$PSOAS_CHROMIUM`` or Debian's Chromium, None when there is none."""
    for candidate in (os.environ.get("PSOAS_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def launch(playwright):
    """Headless Chromium with the project's flags, from a started ``sync_playwright()``."""
    executable = chromium_executable()
    if executable is None:
        raise RuntimeError(MISSING)
    return playwright.chromium.launch(executable_path=executable, headless=True, args=list(CHROMIUM_FLAGS))


def is_loopback(url: str) -> bool:
    """A ``data:``/``blob:`` URL or one on 127.0.0.1 / localhost."""
    host = url.split("/")[2].split(":")[0] if "://" in url else ""
    return url.startswith(("data:", "blob:")) or host in LOOPBACK_HOSTS


def loopback_context(browser, outside: list[str] | None = None, **options):
    """A new context (1280x900, Dutch, unless ``options`` say otherwise) whose requests go to
    loopback only; the others are aborted and their URLs appended to ``outside``."""

    def only_loopback(route):
        if is_loopback(route.request.url):
            route.continue_()
        else:
            if outside is not None:
                outside.append(route.request.url)
            route.abort()

    context = browser.new_context(**{"viewport": VIEWPORT, "locale": LOCALE, **options})
    context.route("**/*", only_loopback)
    return context
