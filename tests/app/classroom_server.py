"""A real classroom server (``python -m psoas.classroom --live``) on a free loopback port, for the tests."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
from pathlib import Path

from harness.servers import ClassroomServer
from harness.servers import classroom_status as status  # noqa: F401 - the tests' names
from harness.servers import wait_until as wait_for  # noqa: F401
from psoas.classroom.options import LiveOptions

_LOGS: dict[str, Path] = {}


def classroom_log(base: str) -> str:
    """What the server at ``base`` has logged so far."""
    return _LOGS[base].read_text(errors="replace")


@contextlib.contextmanager
def running_classroom(log_dir: Path, **options):
    """Serve the app in classroom mode on 127.0.0.1 (small pools unless told); yield the base URL
    once the server answers and its warm pools are full."""
    defaults = {"class_size": 2, "pool": 1, "pool_other": 0, "cull_idle_s": 600, "cull_interval_s": 30}
    server = ClassroomServer(LiveOptions(**{**defaults, **options}), log_dir / "classroom.log")
    _LOGS[server.base] = server.log_path
    with server.running():
        yield server.base


def run(coroutine, timeout_s: float = 180):
    """Run one asyncio step of a test (the simulated students are asyncio clients).

    In a thread of its own: Playwright's sync API keeps an event loop running in this one.
    """
    with concurrent.futures.ThreadPoolExecutor(1) as worker:
        return worker.submit(asyncio.run, asyncio.wait_for(coroutine, timeout=timeout_s)).result()
