"""Another program keeping every core busy: the load tests' "busy" columns."""

from __future__ import annotations

import contextlib
import subprocess
import sys

BUSY_LOOP = "import os\np = os.getppid()\nwhile os.getppid() == p:\n    for _ in range(1000000): pass\n"  # ends with us


@contextlib.contextmanager
def busy_cores(count: int):
    """``count`` processes spinning (each ends when this one does); yields them."""
    processes = [subprocess.Popen([sys.executable, "-c", BUSY_LOOP]) for _ in range(count)]
    try:
        yield processes
    finally:
        for process in processes:
            process.kill()
        for process in processes:
            process.wait(timeout=10)


def cpu_seconds(processes: list[subprocess.Popen]) -> float:
    """The CPU time the busy processes got so far."""
    total = 0.0
    for process in processes:
        with contextlib.suppress(Exception):
            import psutil

            times = psutil.Process(process.pid).cpu_times()
            total += times.user + times.system
    return total
