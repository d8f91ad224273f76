"""The live classroom's kernel manager: Voilà's (with its warm pools) plus seats and a pace.

``ClassroomKernels`` is mixed in on top of the class Voilà makes (``voila_kernel_manager_factory``);
``psoas.classroom.app`` does that.  It

* gives a kernel to a page only within the caps (``SeatBook``), reclaiming left pages first;
* never lets the culler stop a kernel whose page is being made or not yet connected, nor a warm one;
* warms pool kernels a few at a time (``WarmGate``, ``warm_limit``): every core while nobody
  works, one while students do or while the machine is busy with something else;
* never hands a student a kernel whose warming failed.

The Voilà internals it overrides or reads are listed in ``psoas.internals``.
"""

from __future__ import annotations

import asyncio
import contextvars
import os
import time
from datetime import UTC, datetime

from jupyter_core.utils import ensure_async

from .seats import Reservation, SeatBook, SeatPolicy, WarmGate, warm_limit

WARM_TIMEOUT_S = 120.0  # a warming kernel keeps its warming slot at most this long

REQUEST: contextvars.ContextVar[Reservation | None] = contextvars.ContextVar("psoas_request", default=None)


def load_per_core(warming: int) -> float:
    """The machine's 1-minute load per core, without the kernels we are warming ourselves."""
    try:
        return max(0.0, os.getloadavg()[0] - warming) / (os.cpu_count() or 1)
    except OSError:  # no load average on this system
        return 0.0


class ClassroomKernels:
    """Seats, culling rules and the warming pace, on top of Voilà's kernel manager."""

    policy = SeatPolicy()

    def __init__(self, **kwargs):
        self.book = SeatBook(self.policy, exists=lambda kernel_id: kernel_id in self)
        self._gate = WarmGate(self._warm_limit)
        self._warming: set[str] = set()
        self.warmed = 0
        super().__init__(**kwargs)

    # seats ---------------------------------------------------------------------------------
    def seats(self):
        return self.book.seats()

    def in_use(self, client: str | None = None) -> int:
        return self.book.in_use(client)

    async def admit(self, client: str) -> Reservation | str:
        """A reservation for one page, or why not ("device", "full"); left pages are reclaimed first."""
        reason = self.book.refusal(client)
        if reason and await self.reclaim(client if reason == "device" else None):
            reason = self.book.refusal(client)
        return reason or self.book.reserve(client)

    def release(self, reservation: Reservation) -> None:
        self.book.release(reservation)

    def _take_seat(self, kernel_id: str) -> None:
        request = REQUEST.get()
        if request is not None:
            self.book.take_seat(request, kernel_id)

    def _idle_s(self, kernel_id: str) -> float:
        last = getattr(self._kernels.get(kernel_id), "last_activity", None)
        return (datetime.now(UTC) - last).total_seconds() if last else float("inf")

    def _connections(self, kernel_id: str) -> int:
        return self._kernel_connections.get(kernel_id, 0)

    async def reclaim(self, client: str | None = None) -> int:
        """Stop the kernels of pages that were left (no connection, idle, handed out a while ago)."""
        left = self.book.left_pages(client, self._connections, self._idle_s)
        for kernel_id in left:
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
        was_seat = self.book.drop(kernel_id)
        result = await ensure_async(super().shutdown_kernel(kernel_id, *args, **kwargs))
        if was_seat:
            self.refill_pools()
        return result

    def notify_connect(self, kernel_id):
        """A page's browser connected to its kernel (from then on the usual culling rules apply)."""
        super().notify_connect(kernel_id)
        self.book.mark_connected(kernel_id)

    async def cull_kernels(self):
        """Cull idle kernels at the same time (Jupyter Server stops them one after another)."""

        async def cull(kernel_id: str) -> None:
            try:
                await self.cull_kernel_if_idle(kernel_id)
            except Exception:
                self.log.exception("Culling kernel %s failed", kernel_id)

        await asyncio.gather(*(cull(kernel_id) for kernel_id in list(self._kernels)))

    async def cull_kernel_if_idle(self, kernel_id):
        """Never cull a warm kernel, nor a page's kernel while its page is being made or has not
        connected yet.  (Voilà's own check misses kernels still warming.)"""
        if kernel_id in self.pooled_kernel_ids() or self.book.protected(kernel_id):
            return None
        return await super().cull_kernel_if_idle(kernel_id)

    # warm pools ---------------------------------------------------------------------------------
    def _warm_limit(self) -> int:
        return warm_limit(self.policy, self.in_use(), load_per_core(self._gate.busy))

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
        surplus = [t for t in pool[self.configured_pool_size(notebook_name) :] if _ready(t)]
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
            ids.update(t.result()["kernel_id"] for t in pool if _ready(t))
        return ids

    def prune_pool(self, notebook_name: str) -> None:
        """Drop pool entries whose warming failed or whose kernel is gone (it died or was stopped)."""
        pool = getattr(self, "_pools", {}).get(notebook_name, [])
        for task in list(pool):
            if task.done() and not (_ready(task) and task.result()["kernel_id"] in self):
                pool.remove(task)

    def get_pool_size(self, notebook_name: str) -> int:
        """Voilà's page handler asks this before taking a warm kernel: only live ones count."""
        self.prune_pool(notebook_name)
        return super().get_pool_size(notebook_name)

    async def _until_warm(self, content: dict, notebook_path: str, task) -> None:
        """Until the notebook ran, or a student took the kernel (or ``WARM_TIMEOUT_S``).  A page's
        link values are applied after the page is up (``psoas.query``), so no notebook waits here
        for its request."""
        deadline = time.monotonic() + WARM_TIMEOUT_S
        kernel_id, render = content["kernel_id"], content["task"]
        while (
            not render.done()
            and task in self._pools.get(notebook_path, [])
            and kernel_id in self
            and time.monotonic() < deadline
        ):
            await asyncio.sleep(0.05)

    def pool_status(self) -> dict[str, dict[str, int]]:
        """Per notebook: warm kernels ready, warming, and the target size."""
        status = {}
        for notebook_name, pool in getattr(self, "_pools", {}).items():
            ready = sum(1 for t in pool if _ready(t))
            status[notebook_name] = {"ready": ready, "warming": len(pool) - ready, "target": self.pool_target(notebook_name)}
        return status


def _ready(task: asyncio.Task) -> bool:
    """A pool entry that warmed its kernel."""
    return task.done() and not task.cancelled() and task.exception() is None
