"""When a scene draws: the newest of a burst of values wins (no matplotlib here).

The browser keeps one update per widget in flight and overwrites the waiting one with the
newest (ipywidgets' own throttle); ``LatestValueWins`` wraps a scene's observer so that values
arriving in one burst inside the kernel are drawn once, with the newest value
(docs/performance.md).
"""

from __future__ import annotations

import asyncio
import logging
import sys
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

_NOTHING = object()


def running_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop running in this thread, or None."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def kernel_loop() -> asyncio.AbstractEventLoop | None:
    """The IPython kernel's event loop if we run inside it (handling a message), else None.

    Only that loop is sure to turn again soon; another "running" loop (Playwright's sync API
    leaves one set in the main thread) may not, and a value deferred to it would never be drawn.
    """
    loop = running_loop()
    ipython = sys.modules.get("IPython")
    if loop is None or ipython is None:
        return None
    try:
        io_loop = getattr(getattr(ipython.get_ipython(), "kernel", None), "io_loop", None)
    except Exception:  # noqa: BLE001 - no kernel, or a kernel of another kind: apply at once
        return None
    return loop if getattr(io_loop, "asyncio_loop", None) is loop else None


class LatestValueWins:
    """Apply only the newest of a burst of values: call ``submit(v)`` from an observer.

    A value that arrives while nothing is pending is applied at once, so a single change (from
    a reader or from code) behaves as with a plain observer.  Inside the kernel's event loop,
    values that arrive before the loop turns again (several controls changed by one message,
    code setting a slider in a loop) replace one another; only the newest is applied when the
    loop turns, and the ones it replaced are counted in ``dropped``.  Across the wire ipywidgets
    already does the same: the browser keeps one update per widget in flight and overwrites the
    waiting one with the newest (docs/performance.md).  ``event_loop`` says which loop to defer
    to (None: apply every value at once); tests pass ``running_loop``.
    """

    def __init__(
        self, apply: Callable[[Any], Any], event_loop: Callable[[], asyncio.AbstractEventLoop | None] = kernel_loop
    ):
        self._apply = apply
        self._event_loop = event_loop
        self._pending: Any = _NOTHING
        self._window_open = False
        self.applied = 0
        self.dropped = 0

    @property
    def pending(self) -> bool:
        """Whether a value waits for the event loop to turn."""
        return self._pending is not _NOTHING

    def submit(self, value: Any) -> None:
        if self._window_open:
            if self._pending is not _NOTHING:
                self.dropped += 1
            self._pending = value
            return
        loop = self._event_loop()
        if loop is not None:
            self._window_open = True
            loop.call_soon(self._turn, loop)
        self._run(value)

    def _turn(self, loop: asyncio.AbstractEventLoop) -> None:
        if self._pending is _NOTHING:
            self._window_open = False
            return
        value, self._pending = self._pending, _NOTHING
        loop.call_soon(self._turn, loop)  # values that arrive meanwhile wait for the next turn
        try:
            self._run(value)
        except Exception:  # apply reports to the reader itself; keep the event loop clean
            log.exception("deferred update failed")

    def _run(self, value: Any) -> None:
        self.applied += 1
        self._apply(value)

    def flush(self) -> None:
        """Apply a waiting value now (the loop's turn then finds nothing to do)."""
        if self._pending is not _NOTHING:
            value, self._pending = self._pending, _NOTHING
            self._run(value)
