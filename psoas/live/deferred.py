"""A scene's figure, built on a background thread once its first picture is on the page.

A chapter's page finishes loading only when its last cell has run, and the browser starts the
widgets only then.  Importing matplotlib and building a scene's figure was most of a chapter's
kernel work (~0.45 s of ~0.6 s).  A scene's first picture is the same in every kernel of a
machine, so it is kept in the disk cache (``psoas.disk_cache``): ``DeferredFigure`` shows that
PNG at once and builds the live figure on a background thread, while the browser loads Voilà's
JavaScript (~0.6 s).  A step that comes before the build is done waits for it.

Only the kernel's main thread touches widgets: the worker builds the figure and renders its
first frame to bytes; the main thread (a callback on the kernel's event loop, or ``get()``)
then brings the widget up to date if that frame differs from the cached one.  Without a cached
picture (the first kernel on a machine, or outside a kernel) the figure is built at once.

This module imports no matplotlib; ``build`` does.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import ipywidgets as w

from ..disk_cache import complete_png, png_width_px, read_cached, store
from .picture import as_data_url, picture_widget, shown_picture
from .schedule import kernel_loop

log = logging.getLogger(__name__)

CACHE_NAME = "first-frame"

# One thread builds every deferred figure, one after another: matplotlib's objects are not
# meant to be built from several threads at once.
_worker: ThreadPoolExecutor | None = None
_worker_lock = threading.Lock()
_on_worker = threading.local()  # .yes is set in the worker thread


def _executor() -> ThreadPoolExecutor:
    global _worker
    with _worker_lock:
        if _worker is None:
            _worker = ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="psoas-figure", initializer=setattr, initargs=(_on_worker, "yes", True)
            )
        return _worker


class DeferredFigure:
    """The ``Image`` widget of a ``LiveFigure`` that may still be in the making.

    ``build(widget)`` makes the LiveFigure (``LiveFigure(..., widget=widget)``; ``widget`` is
    None when it runs at once).  ``key``: everything the first picture depends on (JSON-able);
    with the package's source and the drawing libraries it names the cached picture.
    ``defer``: build on the worker thread when a cached picture exists; by default only inside
    a running IPython kernel (which can bring the widget up to date from its event loop).
    ``widget`` is what the page shows; ``get()`` returns the LiveFigure, waiting if need be.
    ``css_class`` and ``max_width`` style the cached picture's widget; a figure built at once
    brings its own widget (``build(None)``).  ``make_widget`` makes the cached picture's widget
    (``picture.picture_widget``'s signature); the build must pass the same kind to its LiveFigure.
    """

    def __init__(
        self,
        build: Callable[[w.DOMWidget | None], Any],
        key: Any,
        css_class: str | None = None,
        max_width: str = "100%",
        defer: bool | None = None,
        make_widget: Callable[..., w.DOMWidget] = picture_widget,
    ):
        self._future: Future | None = None
        self._live: Any = None
        self._synced = False
        self.key = key
        loop = kernel_loop()
        cached = read_cached(CACHE_NAME, key, complete_png, "png")
        if cached is None or not (defer or (defer is None and loop)):
            self._live = build(None)
            self._synced = True
            self.widget = self._live.widget
            if self._live.frame_format == "png" and self._live.first_frame != cached:
                store(CACHE_NAME, key, self._live.first_frame, "png")  # missing or out of date
            return
        self.widget = make_widget(cached, "png", f"{png_width_px(cached)}px", max_width, css_class)
        self._future = _executor().submit(build, self.widget)
        if loop is not None:
            self._future.add_done_callback(lambda _: _call_soon(loop, self._settle))

    @property
    def ready(self) -> bool:
        """Whether the figure is built (or its build has failed)."""
        return self._future is None or self._future.done()

    def get(self) -> Any:
        """The LiveFigure; waits for the build, and raises what the build raised."""
        if self._live is None:
            assert self._future is not None
            if getattr(_on_worker, "yes", False):
                raise RuntimeError("a figure's build asked for its own figure; it would wait forever")
            self._live = self._future.result()
        self._sync()
        return self._live

    def _settle(self) -> None:
        """On the kernel's main thread, once the build is done: the widget shows the built
        figure's first frame (a build that failed is reported here, and again at ``get()``)."""
        try:
            self.get()
        except Exception:  # the reader keeps the cached picture; a step reports the failure
            log.exception("building the figure %s failed", self.key)

    def _sync(self) -> None:
        if self._synced:
            return
        live = self._live
        if live.widget is not self.widget:
            raise RuntimeError("a deferred build must pass its widget on to LiveFigure(widget=...)")
        self._synced = True
        if live.first_frame != shown_picture(self.widget):
            log.warning("the cached first picture of %s differed from the figure's; replaced", self.key)
            self.widget.value = as_data_url(live.first_frame, live.frame_format)
            if live.frame_format == "png":
                store(CACHE_NAME, self.key, live.first_frame, "png")  # later kernels get the right one
        if live.width_css != self.widget.layout.width:
            self.widget.layout.width = live.width_css


def _call_soon(loop: asyncio.AbstractEventLoop, callback: Callable[[], None]) -> None:
    try:
        loop.call_soon_threadsafe(callback)
    except RuntimeError:  # the loop has closed (the kernel is shutting down)
        pass
