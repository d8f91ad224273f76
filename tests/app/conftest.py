"""A real Voilà server on a free loopback port, and a real Chromium driven by Playwright."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from psoas.serve import NOTEBOOK_DIR, voila_command, voila_environment

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
SERVER_START_TIMEOUT_S = 90


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_serving(url: str, process: subprocess.Popen, timeout_s: float) -> None:
    """Poll ``url`` until it answers; fail early if the server process dies."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode} before serving")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)  # between connection attempts, not waiting on a page
    raise TimeoutError(f"Voilà did not answer {url} within {timeout_s} s")


@contextlib.contextmanager
def voila_server(log_dir: Path, notebook_dir: Path = NOTEBOOK_DIR, extra_args: tuple[str, ...] = ()):
    """Serve ``notebook_dir`` exactly as `make app` does (plus ``extra_args``, which win), on a
    free port; yield the base URL and the server process."""
    port = free_port()
    log_path = log_dir / "voila.log"
    with open(log_path, "w") as log:
        replaced = {arg.split("=", 1)[0] for arg in extra_args}
        command = [a for a in voila_command(port=port, notebook_dir=notebook_dir) if a.split("=", 1)[0] not in replaced]
        command += extra_args
        process = subprocess.Popen(command, env=voila_environment(), stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(base, process, SERVER_START_TIMEOUT_S)
        yield base, process
    finally:
        stop_server(process, log_path, timeout_s=20)


@contextlib.contextmanager
def running_voila(log_dir: Path, notebook_dir: Path = NOTEBOOK_DIR):
    """Serve ``notebook_dir`` exactly as `make app` does, on a free port; yield the base URL."""
    with voila_server(log_dir, notebook_dir) as (base, _process):
        yield base


def stop_server(process: subprocess.Popen, log_path: Path, timeout_s: float) -> None:
    """Stop a test server (kill it if it does not stop in ``timeout_s``) and show its log's end."""
    process.terminate()
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
    print(log_path.read_text(errors="replace")[-3000:])


@pytest.fixture(scope="session")
def voila_url(tmp_path_factory):
    """Base URL of a Voilà server serving the app's notebooks."""
    with running_voila(tmp_path_factory.mktemp("voila")) as base:
        yield base


def chromium_executable() -> str | None:
    for candidate in (os.environ.get("PSOAS_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright; under CI=true a missing browser fails, never skips."""
    executable = chromium_executable()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is missing under CI=true: .ci/run must install it (scripts/ensure-chromium.sh)")
        pytest.skip("Chromium is not installed (make browser installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )  # fmt: skip
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh page at 1280x900 that may only talk to loopback; other requests are aborted."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    outside = []

    def only_loopback(route):
        host = route.request.url.split("/")[2].split(":")[0] if "://" in route.request.url else ""
        if route.request.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", only_loopback)
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
