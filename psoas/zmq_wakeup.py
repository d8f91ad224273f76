"""A workaround for Voilà's server: a kernel's reply that an asyncio zmq poll never reports.

jupyter_client's async channels wait for a message with ``socket.poll(timeout)`` on
zmq.asyncio sockets, whose readiness is edge-triggered.  Caught on 2026-11-27 in loops of cold
page loads against one Voilà server: with a watchdog in the server, 6 times in ~325 loads a
shell socket held a message (``EVENTS`` had ``POLLIN``) while the poll waiting for it went on for
4-6 s (with ``install()``: none in 270 loads);
in an earlier loop one page hung for good (its cell's outputs and ``idle`` reached the server,
its ``execute_reply`` never reached Voilà's executor, which waits for it without a time limit).
Each time another kernel was being shut down at that moment (docs/performance.md).

``install()`` makes ``AsyncZMQSocketChannel.get_msg`` wait in slices of ``SLICE_S`` and look
at the socket itself (a poll with timeout 0) before each slice, so a message whose wake-up was
lost is read within one slice.  ``psoas.voila_main`` and the classroom server install it.
"""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

from jupyter_client.channels import AsyncZMQSocketChannel

SLICE_S = 0.25  # the longest a lost wake-up can delay a message


async def get_msg_in_slices(self: AsyncZMQSocketChannel, timeout: float | None = None) -> dict[str, Any]:
    """``get_msg`` that cannot sleep through a message: it checks the socket before each slice."""
    assert self.socket is not None
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        if await self.socket.poll(0):  # a direct zmq_poll: sees a message whatever the loop missed
            return await self._recv()
        remaining = None if deadline is None else deadline - time.monotonic()
        if remaining is not None and remaining <= 0:
            raise Empty
        wait_s = SLICE_S if remaining is None else min(SLICE_S, remaining)
        if await self.socket.poll(max(1, int(wait_s * 1000))):
            return await self._recv()


def install() -> None:
    """Use ``get_msg_in_slices`` for every async kernel channel in this process (idempotent)."""
    AsyncZMQSocketChannel.get_msg = get_msg_in_slices  # type: ignore[method-assign]

