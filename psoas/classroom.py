"""Classroom mode: one teacher's machine, thirty students, nothing to install.

``python -m psoas.classroom`` (``make classroom``) serves the static build (``site/``, ``make
static``) with no kernel per student: ``psoas.static_server``.  ``--live`` is this module: it
serves the app as ``make app`` does (the same settings: ``psoas.serve.voila_settings``) but for a
class:

* it listens on the network (``make app`` stays on 127.0.0.1) and prints the address for the
  students, with a QR code, in the terminal and on a teacher page (``/leraar``, this machine only);
  ``/les`` leads to the lesson's first page and keeps a query string (``/les?verkorting=3``);
* kernels are warm before the students arrive: Voilà's preheated pools, which are per notebook:
  a class-sized pool for the lesson's first page, none (``--pool-other``) for the other pages;
  the teacher page can warm the next chapter for the class ("Zet klaar").  A warm kernel has run
  the whole notebook for the plain link; a link with values (``?verkorting=3``) gets a kernel of
  its own, which reads them (``psoas.query``).  Warming runs one kernel at a time while students
  are working (so their sliders stay quick) and uses every core while nobody is; a pool is not
  refilled beyond the seats left under the cap;
* at most ``--max-kernels`` pages hold a kernel at once, and at most ``--max-per-device`` from
  one device, so one student with forty tabs cannot exhaust the machine: the next page gets a
  short Dutch message (HTTP 503) that retries by itself.  When the cap is reached, kernels of
  pages that were left (no connection, idle) are reclaimed first;
* a page that is closed or left tells the server (``/voila/api/leave/<kernel>``), which stops its
  kernel at once; kernels of pages that vanish without a word (a laptop lid closed) are culled
  after ``--cull-idle`` seconds without a connection.

Everything else is Voilà's standalone server: read-only (the kernel websocket passes only comm and
kernel-info messages), no sources, no tracebacks, images only from ``/voila/files``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import ipaddress
import json
import logging
import os
import sys
import time
import webbrowser
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import tornado.ioloop
import tornado.web
from jupyter_core.utils import ensure_async
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from traitlets import Float, Integer, Unicode
from traitlets.config import Config
from voila import app as voila_app
from voila.request_info_handler import RequestInfoSocketHandler
from voila.tornado.handler import TornadoVoilaHandler

from . import zmq_wakeup
from .query import POOL_QUERY
from .serve import DEFAULT_PORT, LOOPBACK, NOTEBOOK_DIR, Settings, voila_environment, voila_settings

log = logging.getLogger(__name__)

CLASS_SIZE = 30
FIRST_PAGE = "01-houding.ipynb"
KERNEL_MANAGERS = {  # "sync" is the voila#1428 workaround; it blocks the server here (docs/classroom.md)
    "sync": "jupyter_server.services.kernels.kernelmanager.MappingKernelManager",
    "async": "jupyter_server.services.kernels.kernelmanager.AsyncMappingKernelManager",
}
WARM_TIMEOUT_S = 120.0  # a warming kernel keeps its slot at most this long
RETRY_AFTER_S = 30  # the Dutch "full" page reloads itself after this


# --- options and settings ------------------------------------------------------------------------


@dataclass
class ClassroomOptions:
    """What a teacher (or a test) can choose; ``None`` means "derived from the class size"."""

    port: int = DEFAULT_PORT
    ip: str = "0.0.0.0"
    class_size: int = CLASS_SIZE
    page: str = FIRST_PAGE  # the lesson's first page: the QR code leads here, its pool is class sized
    pool: int | None = None  # warm kernels for ``page`` (default: the class size)
    pool_other: int = 0  # warm kernels for every other page (the teacher page can warm one for the class)
    max_kernels: int | None = None  # pages holding a kernel at once (default: class size + 10)
    max_per_device: int = 4  # pages per device (IP address); 0: no limit
    cull_idle_s: int = 600  # a kernel without a connection is stopped after this many idle seconds
    cull_interval_s: int = 30
    reclaim_after_s: float = 30.0  # at the cap, a left page's kernel may be reclaimed after this
    warm_parallel: int = 0  # kernels warming at once while nobody is seated (0: one per core)
    warm_parallel_busy: int = 1  # ... and while students are working
    kernel_manager: str = "async"
    base_url: str = "/"  # behind a proxy, e.g. a JupyterHub service: /services/psoas/
    open_browser: bool = True
    notebook_dir: Path = NOTEBOOK_DIR

    @property
    def pool_size(self) -> int:
        return self.class_size if self.pool is None else self.pool

    @property
    def kernel_cap(self) -> int:
        return self.class_size + 10 if self.max_kernels is None else self.max_kernels


def pools_config(options: ClassroomOptions) -> dict[str, dict]:
    """Voilà's ``kernel_pools_config``: pools are per notebook, so only the first page gets a big one.

    Warm kernels run the notebook for the plain link (no query string: ``PSOAS_POOL_QUERY`` is
    empty, see ``psoas.query``), so they need not wait for their request and are fully rendered.
    """
    env = {POOL_QUERY: ""}
    return {
        "default": {"pool_size": options.pool_other, "kernel_env_variables": env},
        options.page: {"pool_size": options.pool_size, "kernel_env_variables": env},
    }


def classroom_settings(options: ClassroomOptions) -> Settings:
    """``psoas.serve.voila_settings`` plus warm pools, culling, the kernel manager and the caps."""
    settings = voila_settings(port=options.port, ip=options.ip, open_browser=options.open_browser)
    settings["Voila"]["base_url"] = options.base_url
    preheat = options.pool_size > 0 or options.pool_other > 0
    settings["VoilaConfiguration"].update(
        preheat_kernel=preheat,
        default_pool_size=options.pool_other,
        multi_kernel_manager_class=KERNEL_MANAGERS[options.kernel_manager],
    )
    settings["VoilaKernelManager"] = {"kernel_pools_config": pools_config(options), "fill_delay": 1.0}
    if os.name == "posix":
        # Kernels talk to the server over Unix sockets: no TCP ports to pick.  With TCP, thirty
        # kernels starting at once can pick a port another process takes first ("Address already
        # in use"); shutting down such a kernel blocked the whole server (measured, loadtest/).
        settings["KernelManager"] = {"transport": "ipc"}
    settings["MappingKernelManager"] = {
        **settings.get("MappingKernelManager", {}),
        "cull_idle_timeout": options.cull_idle_s,
        "cull_interval": options.cull_interval_s,
        "cull_connected": False,  # a page in use keeps its kernel, however long the discussion
        "cull_busy": False,
    }
    settings["ClassroomVoila"] = {
        "first_page": options.page,
        "class_size": options.class_size,
        "max_kernels": options.kernel_cap,
        "max_per_device": options.max_per_device,
        "reclaim_after_s": options.reclaim_after_s,
        "warm_parallel": options.warm_parallel or (os.cpu_count() or 1),
        "warm_parallel_busy": max(1, options.warm_parallel_busy),
    }
    return settings


def classroom_arguments(options: ClassroomOptions) -> list[str]:
    """The command-line arguments of ``python -m psoas.classroom`` for ``options``."""
    arguments = [
        f"--port={options.port}", f"--ip={options.ip}", f"--class-size={options.class_size}",
        f"--page={options.page}", f"--pool-other={options.pool_other}",
        f"--max-per-device={options.max_per_device}", f"--cull-idle={options.cull_idle_s}",
        f"--cull-interval={options.cull_interval_s}", f"--reclaim-after={options.reclaim_after_s}",
        f"--warm-parallel={options.warm_parallel}", f"--warm-parallel-busy={options.warm_parallel_busy}",
        f"--kernel-manager={options.kernel_manager}", f"--notebook-dir={options.notebook_dir}",
        f"--base-url={options.base_url}",
    ]  # fmt: skip
    if options.pool is not None:
        arguments.append(f"--pool={options.pool}")
    if options.max_kernels is not None:
        arguments.append(f"--max-kernels={options.max_kernels}")
    if not options.open_browser:
        arguments.append("--no-browser")
    return arguments


def classroom_command(options: ClassroomOptions) -> list[str]:
    """The command that starts the live classroom server (used by the tests and the load test)."""
    return [sys.executable, "-m", "psoas.classroom", "--live", *classroom_arguments(options)]


# --- addresses and QR codes ----------------------------------------------------------------------


def network_addresses() -> list[str]:
    """This machine's IPv4 addresses on a network (private ones first); no packet is sent."""
    found: list[ipaddress.IPv4Address] = []
    try:
        import psutil

        for addresses in psutil.net_if_addrs().values():
            for address in addresses:
                if address.family.name == "AF_INET":
                    found.append(ipaddress.IPv4Address(address.address))
    except Exception:  # psutil missing or no interface list: ask the resolver
        import socket

        try:
            found = [ipaddress.IPv4Address(a) for a in socket.gethostbyname_ex(socket.gethostname())[2]]
        except OSError:
            found = []
    usable = [a for a in dict.fromkeys(found) if not (a.is_loopback or a.is_link_local or a.is_unspecified)]
    usable.sort(key=lambda a: (not a.is_private, a.packed))
    return [str(a) for a in usable]


def student_hosts(ip: str) -> list[str]:
    """The host names students can use to reach a server listening on ``ip``."""
    if ip in ("0.0.0.0", "", "::"):
        return network_addresses() or [LOOPBACK]
    return [ip]


def student_url(host: str, port: int, query: str = "", base_url: str = "/") -> str:
    return f"http://{host}:{port}{base_url}les" + (f"?{query}" if query else "")


def qr_terminal(text: str) -> str:
    """``text`` as a QR code in terminal characters ("" if segno is not installed)."""
    try:
        import io

        import segno
    except ImportError:
        return ""
    out = io.StringIO()
    segno.make(text, error="m").terminal(out=out, compact=True, border=2)
    return out.getvalue()


def qr_svg(text: str, scale: int = 8) -> str:
    """``text`` as an inline SVG QR code ("" if segno is not installed)."""
    try:
        import segno
    except ImportError:
        return ""
    return segno.make(text, error="m").svg_inline(scale=scale, border=3, dark="#1a1a1a", light="#ffffff")


# --- seats: kernels given to pages, with a cap ---------------------------------------------------


@dataclass(eq=False)
class Reservation:
    """A page request that passed the cap and has not got its kernel yet."""

    client: str
    kernel_id: str | None = None


@dataclass
class Seat:
    client: str
    since: float = field(default_factory=time.monotonic)


@dataclass(frozen=True)
class SeatPolicy:
    max_kernels: int = 0  # 0: no cap
    max_per_device: int = 0
    reclaim_after_s: float = 30.0
    warm_parallel: int = 2
    warm_parallel_busy: int = 1


_REQUEST: contextvars.ContextVar[Reservation | None] = contextvars.ContextVar("psoas_request", default=None)


class WarmGate:
    """At most ``limit()`` kernels warm at once; the limit is read whenever a slot is asked for."""

    def __init__(self, limit: Callable[[], int]):
        self._limit = limit
        self.busy = 0
        self._waiting: deque[asyncio.Future] = deque()

    async def acquire(self, urgent: Callable[[], bool] = lambda: False) -> None:
        """Wait for a slot; ``urgent()`` true (a student waits for this kernel) skips the queue."""
        while self.busy >= max(1, self._limit()) and not urgent():
            future = asyncio.get_running_loop().create_future()
            self._waiting.append(future)
            await future
        self.busy += 1

    def release(self) -> None:
        self.busy -= 1
        self.wake()

    def wake(self) -> None:
        """Let every waiter look again (a slot is free, or one of them became urgent)."""
        while self._waiting:
            future = self._waiting.popleft()
            if not future.done():
                future.set_result(None)


def _utcnow() -> datetime:
    return datetime.now(UTC)


class ClassroomKernels:
    """Mixed in on top of Voilà's kernel manager (with or without pools).

    A *seat* is a kernel given to a page: taken from a pool or started for the request.  Pool
    kernels are not seats.  ``admit`` decides whether a page may have one.
    """

    policy = SeatPolicy()

    def __init__(self, **kwargs):
        self._seats: dict[str, Seat] = {}
        self._reservations: set[Reservation] = set()
        self._gate = WarmGate(self._warm_limit)
        self._warming: set[str] = set()
        self.warmed = 0
        super().__init__(**kwargs)

    # seats ---------------------------------------------------------------------------------
    def seats(self) -> dict[str, Seat]:
        for kernel_id in [k for k in self._seats if k not in self]:  # culled, stopped or died
            del self._seats[kernel_id]
        return self._seats

    def in_use(self, client: str | None = None) -> int:
        """Seats plus admitted requests still waiting for their kernel (of ``client``, or all)."""
        seated = sum(1 for seat in self.seats().values() if client is None or seat.client == client)
        waiting = sum(1 for r in self._reservations if r.kernel_id is None and (client is None or r.client == client))
        return seated + waiting

    def refusal(self, client: str) -> str | None:
        """None if ``client`` may open one more page, else "device" or "full"."""
        if self.policy.max_per_device and self.in_use(client) >= self.policy.max_per_device:
            return "device"
        if self.policy.max_kernels and self.in_use() >= self.policy.max_kernels:
            return "full"
        return None

    async def admit(self, client: str) -> Reservation | str:
        """A reservation for one page, or why not ("device", "full"); left pages are reclaimed first."""
        reason = self.refusal(client)
        if reason and await self.reclaim(client if reason == "device" else None):
            reason = self.refusal(client)
        if reason:
            return reason
        reservation = Reservation(client)
        self._reservations.add(reservation)
        return reservation

    def release(self, reservation: Reservation) -> None:
        self._reservations.discard(reservation)

    def _take_seat(self, kernel_id: str) -> None:
        request = _REQUEST.get()
        if request is None:
            return
        if request.kernel_id is None:
            request.kernel_id = kernel_id
        self._seats[kernel_id] = Seat(request.client)

    def _idle_s(self, kernel_id: str) -> float:
        kernel = self._kernels.get(kernel_id)
        last = getattr(kernel, "last_activity", None)
        return (_utcnow() - last).total_seconds() if last else float("inf")

    async def reclaim(self, client: str | None = None) -> int:
        """Stop the kernels of pages that were left: no connection, idle and handed out a while ago."""
        now = time.monotonic()
        wait = self.policy.reclaim_after_s
        left = sorted(
            (seat.since, kernel_id)
            for kernel_id, seat in list(self.seats().items())
            if (client is None or seat.client == client)
            and not self._kernel_connections.get(kernel_id, 0)
            and now - seat.since >= wait
            and self._idle_s(kernel_id) >= wait
        )
        for _, kernel_id in left:
            self.log.info("Reclaiming the kernel %s of a page that was left", kernel_id)
            await self.shutdown_kernel(kernel_id)
        return len(left)

    # Voilà's entry points -----------------------------------------------------------------------
    async def get_rendered_notebook(self, notebook_name, extra_kernel_env_variables={}, **kwargs):  # noqa: B006
        self._gate.wake()  # the kernel Voilà takes may still wait for a warming slot: it goes first
        result = await super().get_rendered_notebook(notebook_name, extra_kernel_env_variables, **kwargs)
        self._take_seat(result[2])
        return result

    async def start_kernel(self, **kwargs):
        """Called by Voilà's page handler for a page without a warm kernel (pools use ``_initialize``)."""
        kernel_id = await ensure_async(super().start_kernel(**kwargs))
        self._take_seat(kernel_id)
        return kernel_id

    async def shutdown_kernel(self, kernel_id, *args, **kwargs):
        was_seat = self._seats.pop(kernel_id, None) is not None
        result = await ensure_async(super().shutdown_kernel(kernel_id, *args, **kwargs))
        if was_seat:
            self.refill_pools()
        return result

    async def cull_kernels(self):
        """Cull idle kernels at the same time (Jupyter Server stops them one after another)."""

        async def cull(kernel_id: str) -> None:
            try:
                await self.cull_kernel_if_idle(kernel_id)
            except Exception:
                self.log.exception("Culling kernel %s failed", kernel_id)

        await asyncio.gather(*(cull(kernel_id) for kernel_id in list(self._kernels)))

    # warm pools ---------------------------------------------------------------------------------
    def _warm_limit(self) -> int:
        return self.policy.warm_parallel_busy if self.in_use() else self.policy.warm_parallel

    def pool_target(self, notebook_name: str) -> int:
        """How many warm kernels ``notebook_name`` should have now: its pool size, at most the free seats."""
        configured = self.configured_pool_size(notebook_name)
        if not self.policy.max_kernels:
            return configured
        return max(0, min(configured, self.policy.max_kernels - self.in_use()))

    def configured_pool_size(self, notebook_name: str) -> int:
        pools = getattr(self, "kernel_pools_config", {})
        default = pools.get("default", {})
        return int(pools.get(notebook_name, default).get("pool_size", default.get("pool_size", 0)))

    def refill_pools(self) -> None:
        """Top up pools that were kept small while the seats were taken."""
        for notebook_name, pool in list(getattr(self, "_pools", {}).items()):
            if len(pool) < self.pool_target(notebook_name):
                self.fill_if_needed(notebook_name=notebook_name)

    def shrink_pool(self, notebook_name: str) -> None:
        """Stop warm kernels beyond the pool's size (kernels still warming stop at the gate)."""
        pool = self._pools.get(notebook_name, [])
        surplus = [
            t
            for t in pool[self.configured_pool_size(notebook_name) :]
            if t.done() and not t.cancelled() and t.exception() is None
        ]
        for task in surplus:
            asyncio.ensure_future(self.shutdown_kernel(task.result()["kernel_id"]))

    async def _initialize(self, notebook_path, kernel_id=None, **kwargs):
        """Voilà warms a pool kernel here; we do it a few at a time and only while it can be used."""
        if kernel_id is not None:  # a restart
            return await super()._initialize(notebook_path, kernel_id, **kwargs)
        task = asyncio.current_task()
        await self._gate.acquire(urgent=lambda: task not in self._pools.get(notebook_path, []))
        try:
            pool = self._pools.get(notebook_path, [])
            if task in pool and pool.index(task) >= self.pool_target(notebook_path):
                pool.remove(task)  # the class cannot use it now; a freed seat refills the pool
                raise asyncio.CancelledError
            try:
                content = await super()._initialize(notebook_path, None, **kwargs)
            except Exception:
                self.log.exception("Warming a kernel for %s failed", notebook_path)
                if task in pool:  # never hand a failed kernel to a student; a later refill replaces it
                    pool.remove(task)
                    raise asyncio.CancelledError from None
                raise
            self._warming.add(content["kernel_id"])
            try:
                await self._until_warm(content, notebook_path, task)
            finally:
                self._warming.discard(content["kernel_id"])
        finally:
            self._gate.release()
        self.warmed += 1
        return content

    def pooled_kernel_ids(self) -> set[str]:
        """Kernels warming or waiting in a pool (not yet any student's)."""
        ids = set(self._warming)
        for pool in getattr(self, "_pools", {}).values():
            ids.update(
                t.result()["kernel_id"] for t in pool if t.done() and not t.cancelled() and t.exception() is None
            )
        return ids

    def prune_pool(self, notebook_name: str) -> None:
        """Drop pool entries whose warming failed or whose kernel is gone (it died or was stopped)."""
        pool = getattr(self, "_pools", {}).get(notebook_name, [])
        for task in list(pool):
            if task.done() and (
                task.cancelled() or task.exception() is not None or task.result()["kernel_id"] not in self
            ):
                pool.remove(task)

    def get_pool_size(self, notebook_name: str) -> int:
        """Voilà's page handler asks this before taking a warm kernel: only live ones count."""
        self.prune_pool(notebook_name)
        return super().get_pool_size(notebook_name)

    async def cull_kernel_if_idle(self, kernel_id):
        """Never cull a warm kernel.  (Voilà's own check misses kernels still warming, and skips
        an entry when it drops a failed one from the list it is walking.)"""
        if kernel_id in self.pooled_kernel_ids():
            return None
        return await super().cull_kernel_if_idle(kernel_id)

    async def _until_warm(self, content: dict, notebook_path: str, task) -> None:
        """Until the notebook ran (or waits for its request), or a student took the kernel."""
        deadline = time.monotonic() + WARM_TIMEOUT_S
        kernel_id, render = content["kernel_id"], content["task"]
        while (
            not render.done()
            and kernel_id not in RequestInfoSocketHandler._waiters
            and task in self._pools.get(notebook_path, [])
            and kernel_id in self
            and time.monotonic() < deadline
        ):
            await asyncio.sleep(0.05)

    def pool_status(self) -> dict[str, dict[str, int]]:
        """Per notebook: warm kernels ready, warming, and the target size."""
        status = {}
        for notebook_name, pool in getattr(self, "_pools", {}).items():
            ready = sum(1 for t in pool if t.done() and not t.cancelled() and t.exception() is None)
            status[notebook_name] = {
                "ready": ready,
                "warming": len(pool) - ready,
                "target": self.pool_target(notebook_name),
            }
        return status


# --- handlers ------------------------------------------------------------------------------------


def _is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address((address or "").split("%")[0]).is_loopback
    except ValueError:
        return False


def client_address(request) -> str:
    """The device behind a request: the peer, or behind a proxy on this machine (a JupyterHub's),
    the address that proxy added last to X-Forwarded-For (earlier entries come from the client)."""
    peer = request.remote_ip or "?"
    if _is_loopback(peer):
        hops = [hop.strip() for hop in request.headers.get("X-Forwarded-For", "").split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return peer


class ClassroomRenderHandler(TornadoVoilaHandler):
    """Voilà's page handler behind the cap: past it, a short Dutch page instead of a kernel."""

    @tornado.web.authenticated
    async def get(self, path=None):
        if not path or not path.lower().endswith(".ipynb"):
            return await super().get(path=path)
        admitted = await self.kernel_manager.admit(client_address(self.request))
        if isinstance(admitted, str):
            return self.refuse(admitted)
        token = _REQUEST.set(admitted)
        try:
            await super().get(path=path)
        finally:
            self.kernel_manager.release(admitted)
            _REQUEST.reset(token)

    def should_use_rendered_notebook(self, notebook_data, pool_size, template_name, theme, request_args) -> bool:
        """A warm kernel ran the notebook for the plain link; a link with values gets its own kernel."""
        if self.request.query:
            return False
        return super().should_use_rendered_notebook(notebook_data, pool_size, template_name, theme, request_args)

    def refuse(self, reason: str) -> None:
        policy = self.kernel_manager.policy
        limit = policy.max_per_device if reason == "device" else policy.max_kernels
        self.log.warning("Page refused (%s, limit %s) for %s", reason, limit, client_address(self.request))
        self.set_status(503)
        self.set_header("Retry-After", str(RETRY_AFTER_S))
        self.set_header("Cache-Control", "no-store")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        page = self.settings["voila_jinja2_env"].get_template("vol.html")
        self.finish(page.render(reason=reason, limit=limit, retry_s=RETRY_AFTER_S))


class LeaveHandler(JupyterHandler):
    """``navigator.sendBeacon`` from a page that is closed or left: stop its kernel now."""

    def check_xsrf_cookie(self):
        return None  # a beacon cannot carry a token; knowing the kernel id is the proof

    @tornado.web.authenticated
    async def post(self, kernel_id: str):
        if kernel_id in self.kernel_manager.seats():
            self.log.info("Page left: stopping kernel %s", kernel_id)
            await self.kernel_manager.shutdown_kernel(kernel_id)
        self.set_status(204)
        self.finish()


class LessonHandler(JupyterHandler):
    """``/les`` -> the lesson's first page, with the same query string."""

    def initialize(self, first_page: str):
        self.first_page = first_page

    def get(self):
        target = url_path_join(self.base_url, "voila/render", self.first_page)
        query = self.request.query
        self.redirect(target + (f"?{query}" if query else ""))


class TeacherHandler(JupyterHandler):
    """The teacher page: the address and QR code to project, and how full the machine is."""

    def initialize(self, classroom: ClassroomVoila):
        self.classroom = classroom

    def prepare_teacher(self) -> bool:
        if _is_loopback(client_address(self.request)):
            return True
        self.set_status(403)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish('<!DOCTYPE html><html lang="nl"><meta charset="utf-8"><title>Lerarenpagina</title>'
                    '<p style="font-family:sans-serif;font-size:18px;margin:3em">De lerarenpagina opent alleen '
                    'op de computer van de leraar.</p></html>')  # fmt: skip
        return False

    def get(self):
        if not self.prepare_teacher():
            return
        query = urlencode({k: v[0].decode() for k, v in self.request.query_arguments.items() if k == "verkorting"})
        urls = [
            student_url(host, self.classroom.port, query, self.base_url) for host in student_hosts(self.classroom.ip)
        ]
        self.set_header("Cache-Control", "no-store")
        page = self.settings["voila_jinja2_env"].get_template("leraar.html")
        self.finish(
            page.render(
                urls=urls,
                qr=qr_svg(urls[0]),
                status=self.classroom.status(),
                first_page=self.classroom.first_page,
                chapters=self.classroom.chapter_links(),
                verkorting=self.get_argument("verkorting", ""),
                base_url=self.base_url,
            )
        )


class TeacherStatusHandler(TeacherHandler):
    def get(self):
        if not self.prepare_teacher():
            return
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(self.classroom.status()))


class WarmPageHandler(TeacherHandler):
    """POST ``page``: keep a class-sized pool warm for that page (the next chapter), not for others."""

    def check_xsrf_cookie(self):
        return None  # this machine only (see prepare_teacher); warming a page is all it can do

    async def post(self):
        if not self.prepare_teacher():
            return
        page = self.get_argument("page", "")
        if not self.classroom.warm_page(page):
            raise tornado.web.HTTPError(404)
        self.redirect(url_path_join(self.base_url, "leraar"))


# --- the application -----------------------------------------------------------------------------


def _leave_url_hook(page_config, base_url, settings, log, voila_configuration, notebook_path=None, **_):
    """Tell the page (template psoas, footer script) where to send its goodbye."""
    page_config["psoasLeaveUrl"] = url_path_join(base_url, "voila/api/leave/")
    return page_config


class ClassroomVoila(voila_app.Voila):
    """Voilà's standalone server with the classroom handlers and kernel seats."""

    name = "psoas-classroom"
    first_page = Unicode(FIRST_PAGE, config=True, help="the lesson's first page (the QR code leads here)")
    class_size = Integer(CLASS_SIZE, config=True, help="the pool size of a page warmed for the class")
    max_kernels = Integer(0, config=True, help="pages holding a kernel at once (0: no cap)")
    max_per_device = Integer(0, config=True, help="pages per device (0: no cap)")
    reclaim_after_s = Float(30.0, config=True)
    warm_parallel = Integer(2, config=True)
    warm_parallel_busy = Integer(1, config=True)

    def init_settings(self):
        policy = SeatPolicy(
            max_kernels=self.max_kernels, max_per_device=self.max_per_device, reclaim_after_s=self.reclaim_after_s,
            warm_parallel=self.warm_parallel, warm_parallel_busy=self.warm_parallel_busy,
        )  # fmt: skip
        self.voila_configuration.page_config_hook = _leave_url_hook
        make_manager_class = voila_app.voila_kernel_manager_factory

        def classroom_manager_class(*args, **kwargs):
            base = make_manager_class(*args, **kwargs)
            return type("ClassroomKernelManager", (ClassroomKernels, base), {"policy": policy})

        voila_app.voila_kernel_manager_factory = classroom_manager_class  # Voilà has no hook for this
        try:
            return super().init_settings()
        finally:
            voila_app.voila_kernel_manager_factory = make_manager_class

    def init_handlers(self):
        handlers = super().init_handlers()
        render = url_path_join(self.server_url, r"/voila/render/(.*)")
        handlers = [(h[0], ClassroomRenderHandler, *h[2:]) if h[0] == render else h for h in handlers]
        kernel_id = voila_app._kernel_id_regex
        return [
            (url_path_join(self.server_url, rf"/voila/api/leave/{kernel_id}"), LeaveHandler),
            (url_path_join(self.server_url, r"/les"), LessonHandler, {"first_page": self.first_page}),
            (url_path_join(self.server_url, r"/leraar"), TeacherHandler, {"classroom": self}),
            (url_path_join(self.server_url, r"/leraar/status.json"), TeacherStatusHandler, {"classroom": self}),
            (url_path_join(self.server_url, r"/leraar/klaarzetten"), WarmPageHandler, {"classroom": self}),
            *handlers,
        ]

    def launch_browser(self):  # Voilà calls this after binding when open_browser is set
        webbrowser.open(f"http://localhost:{self.port}{self.server_url}leraar")

    def start(self):
        tornado.ioloop.IOLoop.current().add_callback(self.announce)
        super().start()

    # --- what the teacher sees ------------------------------------------------------------
    def status(self) -> dict:
        km = self.kernel_manager
        pools = km.pool_status()
        status = {
            "seats": len(km.seats()),
            "max_kernels": km.policy.max_kernels,
            "max_per_device": km.policy.max_per_device,
            "devices": len({seat.client for seat in km.seats().values()}),
            "kernels": len(km.list_kernel_ids()),
            "pools": pools,
            "warm_ready": sum(p["ready"] for p in pools.values()),
            "warm_target": sum(p["target"] for p in pools.values()),
        }
        try:
            import psutil

            me = psutil.Process()
            processes = [me, *me.children(recursive=True)]
            status["memory_mb"] = round(sum(p.memory_info().rss for p in processes) / 2**20)
            status["memory_available_mb"] = round(psutil.virtual_memory().available / 2**20)
        except Exception:
            pass
        return status

    def chapter_links(self) -> list[dict]:
        try:
            from .content import chapters

            listed = [{"title": c["title"], "notebook": c["notebook"]} for c in chapters()]
        except Exception:
            listed = []
        pools = self.kernel_manager.pool_status()
        for chapter in listed:
            pool = pools.get(chapter["notebook"], {"ready": 0, "target": 0})
            chapter["warm"] = f"{pool['ready']} van {pool['target']}" if pool["target"] else ""
        return listed

    def warm_page(self, page: str) -> bool:
        """A class-sized pool for ``page`` (and the first page); other pages go back to ``default``."""
        km = self.kernel_manager
        if page not in getattr(km, "_pools", {}):
            return False
        pools = dict(km.kernel_pools_config)
        default = pools.get("default", {})
        warm = {"pool_size": self.class_size, "kernel_env_variables": default.get("kernel_env_variables", {})}
        pools = {name: config for name, config in pools.items() if name in ("default", self.first_page)}
        pools[page] = warm
        km.kernel_pools_config = pools
        for notebook_name in km._pools:
            km.shrink_pool(notebook_name)
        km.fill_if_needed(notebook_name=page)
        self.log.info("Warming %s kernels for %s", self.class_size, page)
        return True

    async def announce(self) -> None:
        """Print the students' address and QR code, then the warm-up progress until it is done."""
        hosts = student_hosts(self.ip)
        url = student_url(hosts[0], self.port, base_url=self.base_url)
        lines = ["", "Klaslokaalmodus: de psoas-app draait.", "", f"  Leerlingen openen (zelfde wifi):  {url}"]
        lines += [
            f"                              of:  {student_url(h, self.port, base_url=self.base_url)}" for h in hosts[1:]
        ]
        if hosts == [LOOPBACK] and self.ip in ("0.0.0.0", "", "::"):
            lines.append("  (Geen netwerk gevonden: verbind deze computer met het wifi van de klas.)")
        print("\n".join(lines), flush=True)
        print(qr_terminal(url), flush=True)
        print(f"  Lerarenpagina (projecteren):  http://localhost:{self.port}{self.server_url}leraar", flush=True)
        print("  Stoppen: Ctrl+C\n", flush=True)
        last = None
        while True:
            status = self.kernel_manager.pool_status()
            ready = sum(p["ready"] for p in status.values())
            target = sum(p["target"] for p in status.values())
            if ready >= target:
                print(f"Klaar: {ready} warme kernels staan klaar. De leerlingen kunnen beginnen.", flush=True)
                return
            if ready != last:
                print(f"Kernels opwarmen: {ready} van {target} klaar …", flush=True)
                last = ready
            await asyncio.sleep(5)


def parse_options(argv: list[str] | None = None) -> ClassroomOptions:
    d = ClassroomOptions()
    p = argparse.ArgumentParser(prog="python -m psoas.classroom --live",
                                description="Serve the psoas explainer to a class with Voilà, one kernel per student.")  # fmt: skip
    p.add_argument("--live", action="store_true", help="this mode (without it: the static site, psoas.static_server)")
    p.add_argument("--port", type=int, default=d.port)
    p.add_argument("--ip", default=d.ip, help="0.0.0.0: every network of this machine (default)")
    p.add_argument("--class-size", type=int, default=d.class_size, help="students in the class (default 30)")
    p.add_argument("--page", default=d.page, help=f"the lesson's first page, on the QR code (default {d.page})")
    p.add_argument("--pool", type=int, default=None, help="warm kernels for that page (default: the class size)")
    p.add_argument("--pool-other", type=int, default=d.pool_other, help="warm kernels for every other page")
    p.add_argument("--max-kernels", type=int, default=None, help="pages open at once (default: class size + 10)")
    p.add_argument("--max-per-device", type=int, default=d.max_per_device, help="pages per device; 0: no limit")
    p.add_argument("--cull-idle", dest="cull_idle_s", type=int, default=d.cull_idle_s,
                   help="stop a kernel after this many seconds idle without a connection")  # fmt: skip
    p.add_argument("--cull-interval", dest="cull_interval_s", type=int, default=d.cull_interval_s)
    p.add_argument("--reclaim-after", dest="reclaim_after_s", type=float, default=d.reclaim_after_s)
    p.add_argument("--warm-parallel", type=int, default=d.warm_parallel, help="0: one per core")
    p.add_argument("--warm-parallel-busy", type=int, default=d.warm_parallel_busy)
    p.add_argument("--kernel-manager", choices=sorted(KERNEL_MANAGERS), default=d.kernel_manager)
    p.add_argument("--notebook-dir", type=Path, default=d.notebook_dir)
    p.add_argument("--base-url", default=d.base_url, help="the path prefix behind a proxy (a JupyterHub service)")
    p.add_argument("--no-browser", dest="open_browser", action="store_false", help="do not open the teacher page")
    arguments = vars(p.parse_args(argv))
    del arguments["live"]
    return ClassroomOptions(**arguments)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else list(argv)
    if "--live" not in argv:  # the default: the static build, no kernel per student
        from .static_server import main as static_main

        sys.exit(static_main(argv))
    options = parse_options(argv)
    zmq_wakeup.install()  # a kernel reply the server's poll never reports (psoas/zmq_wakeup.py)
    os.environ.update(voila_environment())  # our template on JUPYTER_PATH, for Voilà and its kernels
    # A warm kernel asks the server for its page's query string at VOILA_APP_IP (default 127.0.0.1).
    os.environ["VOILA_APP_IP"] = LOOPBACK if options.ip in ("0.0.0.0", "", "::") else options.ip
    settings = classroom_settings(options)
    ClassroomVoila.launch_instance(argv=[str(options.notebook_dir)], config=Config(settings))


if __name__ == "__main__":
    main()
