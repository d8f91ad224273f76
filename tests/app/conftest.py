"""A real Voilà server on a free loopback port, and a real Chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from harness.browser import chromium_executable, launch, loopback_context
from harness.servers import VoilaServer
from psoas.serve import NOTEBOOK_DIR

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@contextlib.contextmanager
def voila_server(log_dir: Path, notebook_dir: Path = NOTEBOOK_DIR, extra_args: tuple[str, ...] = ()):
    """Serve ``notebook_dir`` exactly as `make app` does (plus ``extra_args``, which win), on a
    free port; yield the base URL and the server process."""
    with VoilaServer(log_dir / "voila.log", notebook_dir, extra_args).running() as server:
        yield server.base, server.process


@contextlib.contextmanager
def running_voila(log_dir: Path, notebook_dir: Path = NOTEBOOK_DIR):
    """Serve ``notebook_dir`` exactly as `make app` does, on a free port; yield the base URL."""
    with voila_server(log_dir, notebook_dir) as (base, _process):
        yield base


@pytest.fixture(scope="session")
def voila_url(tmp_path_factory):
    """Base URL of a Voilà server serving the app's notebooks."""
    with running_voila(tmp_path_factory.mktemp("voila")) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright; under CI=true a missing browser fails, never skips."""
    if chromium_executable() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing under CI=true: .ci/run must install it (scripts/ensure-chromium.sh)")
        pytest.skip("Chromium is not installed (make browser installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page at 1280x900 that may only talk to loopback; other requests are aborted."""
    outside = []
    context = loopback_context(browser, outside)
    page = context.new_page()
    page.outside_requests = outside
    yield page
    context.close()


def screenshot(page, name: str) -> Path:
    """Keep a screenshot for people to look at (tests/artifacts/, not committed)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def get(url: str, timeout_s: float = 60) -> tuple[int, dict, str]:
    """(status, headers, body) of a GET, an error status included (a page as a browser gets it)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout_s) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8")
