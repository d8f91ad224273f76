"""The servers the tests, the bench and the load test start, each on a free 127.0.0.1 port.

``VoilaServer`` is the app exactly as ``make app`` runs it, ``ClassroomServer`` and
``StaticClassroomServer`` the two modes of ``python -m psoas.classroom``, ``FileServer`` a plain
file server in a thread (what a school's web server does with ``site/``).  A server process writes
to its log file; ``wait_ready`` polls the server's own state (an answer, the warm pools' status)
and fails at once, with the log's end, when the process exits.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import http.client
import http.server
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import psutil

from psoas.classroom.options import CommonOptions, LiveOptions, StaticOptions
from psoas.serve import LOOPBACK, NOTEBOOK_DIR, voila_command, voila_environment

START_TIMEOUT_S = 90.0
POLL_S = 0.2  # between polls of a server's state
LOG_TAIL_CHARS = 3000

T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((LOOPBACK, 0))
        return sock.getsockname()[1]


def answers(url: str, timeout_s: float = 2) -> bool:
    """Whether ``url`` answers with a success (redirects followed)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout_s):
            return True
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def log_tail(log_path: Path | None, chars: int = LOG_TAIL_CHARS) -> str:
    """The end of a server's log, to put under an error message ("" without one)."""
    if log_path is None:
        return ""
    try:
        text = log_path.read_text(errors="replace")
    except OSError:
        return ""
    return f"\n--- the end of {log_path} ---\n{text[-chars:]}"


def wait_until(
    condition: Callable[[], T],
    timeout_s: float,
    what: str,
    process: subprocess.Popen | None = None,
    log_path: Path | None = None,
    poll_s: float = POLL_S,
) -> T:
    """Poll ``condition()`` (a server's state) until it is truthy, and return it.  Fails at once
    when ``process`` has exited, and after ``timeout_s``, with the end of ``log_path``."""
    deadline = time.monotonic() + timeout_s
    while True:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what}: the server exited with code {process.returncode}{log_tail(log_path)}")
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError(f"{what}: not within {timeout_s:g} s{log_tail(log_path)}")
        time.sleep(poll_s)  # between polls of the server's state, not waiting on a page


def wait_until_serving(url: str, process: subprocess.Popen, timeout_s: float, log_path: Path | None = None) -> None:
    """Until ``url`` answers; fails at once if the server process exits."""
    wait_until(lambda: answers(url), timeout_s, f"an answer from {url}", process, log_path)


def stop_process(process: subprocess.Popen, timeout_s: float) -> None:
    """Terminate ``process``; kill it if it has not stopped within ``timeout_s``."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def stop_server(process: subprocess.Popen, log_path: Path, timeout_s: float) -> None:
    """Stop a test's server and print its log's end (pytest shows it beside a failure)."""
    stop_process(process, timeout_s)
    print(log_path.read_text(errors="replace")[-LOG_TAIL_CHARS:])


def proc_status_mb(pid: int, key: str) -> float | None:
    """``VmRSS`` or ``VmHWM`` of ``pid`` in MB (Linux), None elsewhere."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


@dataclass
class Memory:
    server_mb: float
    kernels_mb: float
    kernels: int

    @property
    def total_mb(self) -> float:
        return self.server_mb + self.kernels_mb


class Server:
    """A server process on ``port`` of 127.0.0.1, its output in ``log_path``.

    ``with server:`` starts it (without waiting) and stops it; ``running()`` also waits until it
    is ready.  Ready means ``ready_state()`` is truthy: here, ``ready_path`` answers.
    """

    name = "the server"
    start_timeout_s = START_TIMEOUT_S
    stop_timeout_s = 20.0

    def __init__(self, command: list[str], log_path: Path, port: int, env: dict[str, str] | None = None,
                 ready_path: str = ""):  # fmt: skip
        self.command, self.log_path, self.port, self.env = list(command), Path(log_path), port, env
        self.ready_path = ready_path
        self.process: subprocess.Popen | None = None
        self.started = 0.0
        self.ready_after_s: float | None = None  # from start to the last wait_ready's success

    @property
    def base(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/"

    def start(self) -> None:
        self.started = time.monotonic()
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(self.command, env=self.env, stdout=log, stderr=subprocess.STDOUT)

    def ready_state(self):
        """Truthy once the server is ready."""
        return answers(self.base + self.ready_path)

    def wait_ready(self, timeout_s: float | None = None, poll_s: float = POLL_S):
        """Until ``ready_state()`` is truthy (returned); fails at once if the process exits."""
        what = f"{self.name} at {self.base} getting ready"
        state = wait_until(self.ready_state, timeout_s or self.start_timeout_s, what, self.process, self.log_path, poll_s)
        self.ready_after_s = time.monotonic() - self.started
        return state

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process, self.stop_timeout_s)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    @contextlib.contextmanager
    def running(self, timeout_s: float | None = None, show_log: bool = True):
        """Started and ready; stopped afterwards, printing the log's end (for pytest's report)."""
        self.start()
        try:
            self.wait_ready(timeout_s)
            yield self
        finally:
            self.stop()
            if show_log:
                print(self.log_tail())

    def log_tail(self, chars: int = LOG_TAIL_CHARS) -> str:
        return self.log_path.read_text(errors="replace")[-chars:]

    def children(self) -> list[psutil.Process]:
        """The server's child processes (its kernels), [] once it is gone."""
        with contextlib.suppress(psutil.Error):
            return psutil.Process(self.process.pid).children(recursive=True)
        return []

    def kernel_pids(self) -> set[int]:
        """Process ids of the server's IPython kernels."""
        pids = set()
        for child in self.children():
            with contextlib.suppress(psutil.Error):
                if "ipykernel" in " ".join(child.cmdline()):
                    pids.add(child.pid)
        return pids

    def memory(self) -> Memory:
        """RSS of the server process and of its kernels (every child process)."""
        kernels = self.children()
        kernel_rss = 0
        for child in kernels:
            with contextlib.suppress(psutil.Error):
                kernel_rss += child.memory_info().rss
        return Memory(psutil.Process(self.process.pid).memory_info().rss / 2**20, kernel_rss / 2**20, len(kernels))

    def rss_mb(self) -> float | None:
        return proc_status_mb(self.process.pid, "VmRSS")

    def hwm_mb(self) -> float | None:
        """The server process's peak RSS so far."""
        return proc_status_mb(self.process.pid, "VmHWM")


def voila_app_command(port: int, notebook_dir: Path = NOTEBOOK_DIR, extra_args: tuple[str, ...] = ()) -> list[str]:
    """``make app``'s command (``psoas.serve.voila_command``) on ``port``, serving ``notebook_dir``;
    ``extra_args`` (``--Section.trait=value``) replace the app's own settings of the same name."""
    command = voila_command(port=port)
    command[command.index(str(NOTEBOOK_DIR))] = str(notebook_dir)
    replaced = {arg.split("=", 1)[0] for arg in extra_args}
    return [arg for arg in command if arg.split("=", 1)[0] not in replaced] + list(extra_args)


class VoilaServer(Server):
    """The app's Voilà exactly as ``make app`` runs it, on ``notebook_dir`` (plus ``extra_args``,
    which win); ready when ``/`` answers."""

    name = "Voilà"

    def __init__(self, log_path: Path, notebook_dir: Path = NOTEBOOK_DIR, extra_args: tuple[str, ...] = ()):
        self.notebook_dir = Path(notebook_dir)
        port = free_port()
        super().__init__(voila_app_command(port, self.notebook_dir, extra_args), log_path, port, voila_environment())


def classroom_arguments(options: CommonOptions) -> list[str]:
    """The command line that gives ``options`` back (defaults left out), with the flags that
    ``psoas.classroom.options.parser`` makes from the option tables."""
    out = []
    for f in dataclasses.fields(options):
        value = getattr(options, f.name)
        if value == f.default or value is None:
            continue
        flag = f.metadata["flag"] or "--" + f.name.replace("_", "-")
        if isinstance(value, bool):
            out.append(f.metadata["negative"] or flag)
        else:
            out.append(f"{flag}={value}")
    return out


def classroom_command(options: CommonOptions) -> list[str]:
    """The command that starts the classroom server (static or ``--live``) with ``options``."""
    live = ["--live"] if isinstance(options, LiveOptions) else []
    return [sys.executable, "-m", "psoas.classroom", *live, *classroom_arguments(options)]


def classroom_status(base: str) -> dict | None:
    """The live classroom's numbers (``/leraar/status.json``), None while it does not answer."""
    try:
        with urllib.request.urlopen(base + "leraar/status.json", timeout=10) as response:
            return json.loads(response.read())
    except (OSError, http.client.HTTPException, ValueError):
        return None


class ClassroomServer(Server):
    """The live classroom (``python -m psoas.classroom --live``) with ``options`` (its ip, port and
    browser are set here); ready when every warm pool is full (the terminal's "Klaar")."""

    name = "the classroom server"
    start_timeout_s = 180.0
    stop_timeout_s = 30.0

    def __init__(self, options: LiveOptions, log_path: Path):
        options.ip, options.port, options.open_browser = LOOPBACK, free_port(), False
        self.options = options
        super().__init__(classroom_command(options), log_path, options.port, voila_environment())

    def status(self) -> dict | None:
        return classroom_status(self.base)

    def ready_state(self) -> dict | None:
        status = self.status()
        return status if status is not None and status["warm_ready"] >= status["warm_target"] else None


class StaticClassroomServer(Server):
    """The static classroom (``make classroom``'s command) serving ``site_dir``; ready when ``/``
    answers with its redirect to the start page."""

    name = "the static classroom server"
    stop_timeout_s = 10.0

    def __init__(self, site_dir: Path, log_path: Path):
        self.options = StaticOptions(ip=LOOPBACK, port=free_port(), site_dir=site_dir, open_browser=False)
        super().__init__(classroom_command(self.options), log_path, self.options.port)

    def ready_state(self) -> bool:
        connection = http.client.HTTPConnection(LOOPBACK, self.port, timeout=10)
        try:
            try:
                connection.connect()
            except OSError:  # not listening yet
                return False
            connection.request("GET", "/")
            status = connection.getresponse().status
        finally:
            connection.close()
        if status not in (301, 302):
            raise RuntimeError(f"{self.name} answered / with {status}")
        return True


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # no line per request
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A browser that goes away mid-file (a page left, a prefetch cancelled) is not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class FileServer:
    """A plain file server (``http.server``) for ``folder`` on 127.0.0.1, in a thread."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        handler = functools.partial(_QuietHandler, directory=str(folder))
        self.httpd = _QuietServer((LOOPBACK, 0), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, name="file-server", daemon=True)

    @property
    def base(self) -> str:
        return f"http://{LOOPBACK}:{self.httpd.server_address[1]}/"

    def __enter__(self) -> FileServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=10)
