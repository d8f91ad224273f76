"""Seats: which page holds which kernel, and whether one more page may have one.

Pure bookkeeping, no server: ``SeatBook`` is told about requests and kernels and answers
questions (tests drive it with a fake clock).  ``psoas.classroom.kernels`` wires it into Voilà's
kernel manager.

* A *reservation* is a page request that passed the cap and has not got its kernel yet.
* A *seat* is a kernel given to a page.  Kernels warming or waiting in a pool are not seats.
* A seat is *rendering* from the moment its page request takes the kernel until the page has
  been sent; then the browser connects to the kernel.  Until that first connection (or
  ``connect_grace_s``) a seat is protected from the culler, whatever its idle timeout: a slow
  page on a busy machine is never lost while it is being made.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from .options import LiveOptions

CONNECT_GRACE_S = 120.0  # after its page is sent, a seat waits this long for the browser to connect


@dataclass(frozen=True)
class SeatPolicy:
    """The live options that decide about seats (``LiveOptions`` has the defaults and their meaning)."""

    max_kernels: int = 0  # 0: no cap
    max_per_device: int = LiveOptions.max_per_device
    reclaim_after_s: float = LiveOptions.reclaim_after_s
    warm_parallel: int = 2  # kernels warming at once while nobody is seated ...
    warm_parallel_busy: int = LiveOptions.warm_parallel_busy  # ... and while students are working
    connect_grace_s: float = CONNECT_GRACE_S

    @classmethod
    def from_options(cls, options: LiveOptions, cores: int) -> SeatPolicy:
        return cls(max_kernels=options.kernel_cap, max_per_device=options.max_per_device,
                   reclaim_after_s=options.reclaim_after_s, warm_parallel=options.warm_parallel or cores,
                   warm_parallel_busy=max(1, options.warm_parallel_busy))  # fmt: skip


@dataclass(eq=False)
class Reservation:
    client: str
    kernel_id: str | None = None


@dataclass
class Seat:
    client: str
    since: float
    rendering: bool = True  # its page is being made
    sent_at: float | None = None  # when its page was sent (None while rendering)
    connected: bool = False  # the page's browser connected to the kernel at least once


class SeatBook:
    """The seats and reservations of one server.  ``exists(kernel_id)`` says whether a kernel is
    still running (culled, stopped and dead kernels lose their seat)."""

    def __init__(self, policy: SeatPolicy, exists: Callable[[str], bool], clock: Callable[[], float] = time.monotonic):
        self.policy = policy
        self._exists = exists
        self._clock = clock
        self._seats: dict[str, Seat] = {}
        self._reservations: set[Reservation] = set()

    def seats(self) -> dict[str, Seat]:
        for kernel_id in [k for k in self._seats if not self._exists(k)]:
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

    def reserve(self, client: str) -> Reservation | str:
        """A reservation for one page, or why not ("device", "full")."""
        reason = self.refusal(client)
        if reason:
            return reason
        reservation = Reservation(client)
        self._reservations.add(reservation)
        return reservation

    def take_seat(self, reservation: Reservation, kernel_id: str) -> None:
        """The request of ``reservation`` got ``kernel_id``: a seat, rendering."""
        if reservation.kernel_id is None:
            reservation.kernel_id = kernel_id
        self._seats[kernel_id] = Seat(reservation.client, self._clock())

    def release(self, reservation: Reservation) -> None:
        """The request is over (its page was sent, or it failed)."""
        self._reservations.discard(reservation)
        seat = self._seats.get(reservation.kernel_id or "")
        if seat is not None and seat.rendering:
            seat.rendering, seat.sent_at = False, self._clock()

    def drop(self, kernel_id: str) -> bool:
        """The kernel stopped; True if it was a seat."""
        return self._seats.pop(kernel_id, None) is not None

    def mark_connected(self, kernel_id: str) -> None:
        """The kernel's page connected (told when its websocket opens)."""
        seat = self._seats.get(kernel_id)
        if seat is not None:
            seat.connected = True

    def protected(self, kernel_id: str) -> bool:
        """True while the culler must leave this kernel alone: its page is being made, or was sent
        and the browser has not connected yet (for at most ``connect_grace_s``)."""
        seat = self._seats.get(kernel_id)
        if seat is None:
            return False
        if seat.rendering:
            return True
        return not seat.connected and self._clock() - (seat.sent_at or seat.since) < self.policy.connect_grace_s

    def left_pages(self, client: str | None, connections: Callable[[str], int], idle_s: Callable[[str], float]) -> list[str]:
        """Kernels of pages that were left (no connection, idle and handed out a while ago), oldest first."""
        now, wait = self._clock(), self.policy.reclaim_after_s
        left = sorted(
            (seat.since, kernel_id)
            for kernel_id, seat in list(self.seats().items())
            if (client is None or seat.client == client)
            and not seat.rendering
            and not connections(kernel_id)
            and now - seat.since >= wait
            and idle_s(kernel_id) >= wait
        )
        return [kernel_id for _, kernel_id in left]


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


def warm_limit(policy: SeatPolicy, seated: int, load_per_core: float) -> int:
    """How many kernels may warm at once now: all cores while nobody works, ``warm_parallel_busy``
    while students do, and one when the machine is already busy (load average per core >= 1):
    the pool then fills at a pace the machine can bear instead of starving every kernel."""
    if load_per_core >= 1.0:
        return 1
    return policy.warm_parallel_busy if seated else policy.warm_parallel
