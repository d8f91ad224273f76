"""The classroom server under test: started on a free loopback port, watched, stopped."""

from __future__ import annotations

import asyncio
import contextlib
import json
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import psutil
from tornado.httpclient import AsyncHTTPClient, HTTPRequest

from psoas.classroom.options import LiveOptions, command
from psoas.serve import LOOPBACK, voila_environment


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


@dataclass
class Memory:
    server_mb: float
    kernels_mb: float
    kernels: int

    @property
    def total_mb(self) -> float:
        return self.server_mb + self.kernels_mb


class ClassroomServer:
    """``python -m psoas.classroom`` on 127.0.0.1 with ``options`` (ip and port are set here)."""

    def __init__(self, options: LiveOptions, log_path: Path):
        self.options = options
        self.options.ip, self.options.port, self.options.open_browser = LOOPBACK, free_port(), False
        self.log_path = log_path
        self.process: subprocess.Popen | None = None
        self.base = f"http://{LOOPBACK}:{self.options.port}/"
        self.started = 0.0
        self.ready_after_s: float | None = None

    def start(self) -> None:
        self.started = time.monotonic()
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(command(self.options), env=voila_environment(), stdout=log,
                                            stderr=subprocess.STDOUT)  # fmt: skip

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def __enter__(self) -> ClassroomServer:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def log_tail(self, chars: int = 3000) -> str:
        return self.log_path.read_text(errors="replace")[-chars:]

    async def status(self) -> dict | None:
        try:
            response = await AsyncHTTPClient().fetch(HTTPRequest(self.base + "leraar/status.json", request_timeout=10))
        except (OSError, Exception):
            return None
        return json.loads(response.body)

    async def wait_ready(self, timeout_s: float) -> dict:
        """Until the server answers and every warm pool is full (the terminal's "Klaar")."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the classroom server exited ({self.process.returncode}):\n{self.log_tail()}")
            status = await self.status()
            if status is not None and status["warm_ready"] >= status["warm_target"]:
                self.ready_after_s = time.monotonic() - self.started
                return status
            await asyncio.sleep(0.5)  # polling the server's own status, not waiting on a page
        raise TimeoutError(f"the classroom server was not ready within {timeout_s:.0f} s:\n{self.log_tail()}")

    def memory(self) -> Memory:
        """RSS of the server process and of its kernels (every child process)."""
        server = psutil.Process(self.process.pid)
        kernels = []
        with contextlib.suppress(psutil.Error):
            kernels = server.children(recursive=True)
        kernel_rss = 0
        for child in kernels:
            with contextlib.suppress(psutil.Error):
                kernel_rss += child.memory_info().rss
        return Memory(server.memory_info().rss / 2**20, kernel_rss / 2**20, len(kernels))
