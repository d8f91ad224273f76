"""A real classroom server (``python -m psoas.classroom``) on a free loopback port, for the tests."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import json
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from psoas.classroom.options import LiveOptions, command
from psoas.serve import LOOPBACK, voila_environment

from .conftest import free_port, stop_server

READY_TIMEOUT_S = 180
_LOGS: dict[str, Path] = {}


def classroom_log(base: str) -> str:
    """What the server at ``base`` has logged so far."""
    return _LOGS[base].read_text(errors="replace")


def status(base: str) -> dict | None:
    try:
        with urllib.request.urlopen(base + "leraar/status.json", timeout=10) as response:
            return json.loads(response.read())
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_ready(base: str, process: subprocess.Popen, timeout_s: float = READY_TIMEOUT_S) -> dict:
    """Until the server answers and its warm pools are full; fail early if it dies."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the classroom server exited with code {process.returncode}")
        answer = status(base)
        if answer is not None and answer["warm_ready"] >= answer["warm_target"]:
            return answer
        time.sleep(0.2)  # between status polls, not waiting on a page
    raise TimeoutError(f"the classroom server was not ready within {timeout_s} s")


def wait_for(condition, timeout_s: float, what: str):
    """Poll ``condition()`` (a server state) until it is truthy; return it."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)  # between polls of the server's state
    raise TimeoutError(f"{what} did not happen within {timeout_s} s")


@contextlib.contextmanager
def running_classroom(log_dir: Path, **options):
    """Serve the app in classroom mode on 127.0.0.1 (small pools unless told); yield the base URL."""
    defaults = {"class_size": 2, "pool": 1, "pool_other": 0, "cull_idle_s": 600, "cull_interval_s": 30}
    chosen = LiveOptions(**{**defaults, **options})
    chosen.ip, chosen.port, chosen.open_browser = LOOPBACK, free_port(), False
    log_path = log_dir / "classroom.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            command(chosen), env=voila_environment(), stdout=log, stderr=subprocess.STDOUT
        )
    base = f"http://{LOOPBACK}:{chosen.port}/"
    _LOGS[base] = log_path
    try:
        wait_ready(base, process)
        yield base
    finally:
        stop_server(process, log_path, timeout_s=30)


def run(coroutine, timeout_s: float = 180):
    """Run one asyncio step of a test (the simulated students are asyncio clients).

    In a thread of its own: Playwright's sync API keeps an event loop running in this one.
    """
    with concurrent.futures.ThreadPoolExecutor(1) as worker:
        return worker.submit(asyncio.run, asyncio.wait_for(coroutine, timeout=timeout_s)).result()
