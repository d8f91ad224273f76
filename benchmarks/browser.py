"""End to end in Debian's Chromium through real Voilà servers: app chapter and baseline notebook.

Everything is timed inside the page with ``performance.now()``: a key press is stamped by a
``keydown`` listener; a picture counts as *on screen* when its ``<img>`` has a new source, that
source has been decoded, and the next animation frame has started.  Each picture also gets a
hash of its bytes, so the drag test can tell which value a picture shows.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass

import psutil

from harness.browser import launch, loopback_context
from harness.servers import VoilaServer

PAGE_TIMEOUT_MS = int(os.environ.get("PSOAS_BENCH_PAGE_TIMEOUT_MS", "60000"))
STEP_TIMEOUT_MS = 20_000
QUIET_MS = 1_500  # the drag has settled when no new picture came for this long
# Single steps come this far apart: a reader tapping an arrow key about four times a second.
# Each step then starts from a quiet page and kernel, and measures one step's latency; keys
# faster than the pictures are the drag's job.  (Back to back, the previous step's trailing
# work, such as the kernel's idle message and this page's own hashing, adds ~5-10 ms.)
THINK_MS = 250

# Which slider and which picture to watch on each page (``"last": True``: the page's last
# matching handle rather than its first).
APP = {"handle": ".psoas-shortening .noUi-handle", "scene": ".widget-hbox", "figure": "img.psoas-figure"}
BASELINE = {"handle": ".widget-interact .noUi-handle", "scene": ".widget-interact", "figure": "img"}

WATCH = r"""
(() => {
  const sel = window.__benchSel;
  const B = (window.__bench = { ready: null, keys: [], frames: [], lastSrc: null });
  document.addEventListener("keydown", (e) => B.keys.push(e.timeStamp), true);
  const fnv = (n, at) => { let h = 0x811c9dc5; for (let i = 0; i < n; i++) { h ^= at(i); h = Math.imul(h, 0x01000193); } return (h >>> 0).toString(16) + ":" + n; };
  const hash = (b) => b === null ? null : typeof b === "string" ? fnv(b.length, (i) => b.charCodeAt(i)) : fnv(b.length, (i) => b[i]);
  const figure = () => {
    const handles = document.querySelectorAll(sel.handle);  // the first, or the last with sel.last
    const handle = handles[sel.last ? handles.length - 1 : 0];
    const scene = handle && handle.closest(sel.scene);
    return scene ? scene.querySelector(sel.figure) : null;
  };
  const check = () => {
    const img = figure();
    const src = img && img.getAttribute("src");
    if (!src || src === B.lastSrc) return;
    B.lastSrc = src;
    // Keep the bytes now (a blob URL is revoked when the next picture comes); hash them only
    // after the picture has been timed, so the hashing never delays it.
    const bytes = src.startsWith("data:") ? Promise.resolve(src)
      : fetch(src).then((r) => r.arrayBuffer()).then((a) => new Uint8Array(a)).catch(() => null);
    img.decode().catch(() => null).then(() => requestAnimationFrame(() => {
      const t = performance.now();
      if (B.ready === null) B.ready = t;
      setTimeout(() => bytes.then((b) => B.frames.push({ t, hash: hash(b) })), 0);
    }));
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["src", "class"] });
})();
"""

STATE = """() => { const B = window.__bench || {}; const hs = document.querySelectorAll(window.__benchSel.handle);
  const h = hs[window.__benchSel.last ? hs.length - 1 : 0];
  const s = h && h.closest(window.__benchSel.scene); const img = s && s.querySelector(window.__benchSel.figure);
  return { bench: !!window.__bench, handle: !!h, scene: !!s, img: !!img, src: img ? (img.getAttribute("src") || "").slice(0, 40) : null,
           complete: img ? img.complete : null, lastSrc: (B.lastSrc || "").slice(0, 40), frames: (B.frames || []).length }; }"""

LAST_FRAME_AFTER = """(since) => {
  const after = window.__bench.frames.filter((f) => f.t > since).sort((a, b) => a.t - b.t);
  return after.length ? after[after.length - 1] : null;
}"""


@dataclass
class Load:
    """What one cold page load measured."""

    side: str
    first_figure_ms: float
    steps_ms: list[float]
    drags: list[Drag]
    rss_mb: float | None
    uss_mb: float | None


class Browser:
    def __init__(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        try:
            self.browser = launch(self._playwright)
        except Exception:
            self._playwright.stop()
            raise
        self.version = self.browser.version

    def close(self) -> None:
        self.browser.close()
        self._playwright.stop()

    @contextlib.contextmanager
    def page(self, selectors: dict[str, str]):
        context = loopback_context(self.browser)  # the benchmark talks to 127.0.0.1 only
        context.add_init_script(script=f"window.__benchSel = {json.dumps(selectors)};")
        # Room for every picture a page fetches ahead (a grid of 256 frames and more) in the
        # resource timings, which the static pages' measurement waits on (benchmarks/chapters.py).
        context.add_init_script(script="performance.setResourceTimingBufferSize(10000);")
        context.add_init_script(script=WATCH)
        page = context.new_page()
        try:
            yield page
        finally:
            page.close(run_before_unload=True)
            context.close()


def _wait_new_frame(page, since: float) -> dict:
    page.wait_for_function(f"(since) => ({LAST_FRAME_AFTER})(since) !== null", arg=since, timeout=STEP_TIMEOUT_MS)
    return page.evaluate(LAST_FRAME_AFTER, since)


def _press(page, key: str) -> float:
    """Press ``key`` on the focused slider; return the page's timestamp of the keydown."""
    count = page.evaluate("window.__bench.keys.length")
    page.keyboard.press(key)
    page.wait_for_function("(n) => window.__bench.keys.length > n", arg=count, timeout=STEP_TIMEOUT_MS)
    return page.evaluate("window.__bench.keys[window.__bench.keys.length - 1]")


@dataclass
class Drag:
    """One fast drag: ms from the last key to the picture of the final value (None: the last
    picture was not the final value's), pictures drawn meanwhile, ms the keys took."""

    settle_ms: float | None
    frames: int
    span_ms: float


def _drag(page, drag_steps: int, key: str = "ArrowRight", back: str = "ArrowLeft") -> Drag:
    """``drag_steps`` presses of ``key`` as fast as the browser sends them, then wait for quiet;
    the picture of the final value is recognised by drawing it again slowly (``back``, ``key``)."""
    for _ in range(drag_steps):
        page.keyboard.press(key)
    last_key = page.evaluate("window.__bench.keys[window.__bench.keys.length - 1]")
    first_key = page.evaluate(f"window.__bench.keys[window.__bench.keys.length - {drag_steps}]")
    page.wait_for_function(
        """(quiet) => { const B = window.__bench; const times = B.frames.map((f) => f.t).concat(B.keys);
            return performance.now() - Math.max(...times) > quiet; }""",
        arg=QUIET_MS, timeout=60_000, polling=100,
    )  # fmt: skip
    final = page.evaluate(LAST_FRAME_AFTER, first_key)
    # The picture of the final value, drawn slowly: one step back, one step forward.
    _wait_new_frame(page, _press(page, back))
    reference = _wait_new_frame(page, _press(page, key))
    frames = page.evaluate("(since) => window.__bench.frames.filter((f) => f.t > since)", first_key)
    ok = final is not None and final["hash"] == reference["hash"]
    settled = sorted(
        f["t"] for f in frames if ok and last_key < f["t"] <= final["t"] and f["hash"] == reference["hash"]
    )
    drawn = sum(1 for f in frames if final is not None and first_key < f["t"] <= final["t"])
    return Drag(settled[0] - last_key if settled else None, drawn, last_key - first_key)


def measure_load(
    browser: Browser, server: VoilaServer, path: str, side: str, selectors: dict, steps: int, drag_steps: int, drags: int = 1
) -> Load:
    """One cold load: first interactive figure, single steps, ``drags`` fast drags of
    ``drag_steps`` keys (right, left, right, ...), the kernel's memory.  The first drag starts
    after ``1 + steps`` steps right; with the defaults (12 steps, 50-key drags) the posture
    slider (0-7.5 % in 0.1 steps) ends at 6.3 %.  A drag that hits the slider's end stops
    early and is reported as not ending on the final value."""
    before = server.kernel_pids()
    with browser.page(selectors) as page:
        page.goto(server.base + path, wait_until="commit", timeout=PAGE_TIMEOUT_MS)
        try:
            page.wait_for_function("() => window.__bench && window.__bench.ready !== null", timeout=PAGE_TIMEOUT_MS)
        except Exception:  # noqa: BLE001 - any failure: leave a screenshot and say where
            shot = server.log_path.with_name(f"stuck-{side}.png")
            page.screenshot(path=str(shot), full_page=True)
            state = page.evaluate(STATE)
            raise RuntimeError(
                f"{path} showed no interactive figure ({state}); screenshot {shot}, log {server.log_path}"
            )
        first_figure = page.evaluate("window.__bench.ready")
        handle = page.locator(selectors["handle"]).first
        handle.focus()

        # Warm-up step (first message on the comm), then single steps, one at a time.
        since = _press(page, "ArrowRight")
        _wait_new_frame(page, since)
        latencies = []
        for _ in range(steps):
            page.wait_for_timeout(THINK_MS)  # input cadence, not waiting for the page (see THINK_MS)
            pressed = _press(page, "ArrowRight")
            frame = _wait_new_frame(page, pressed)
            latencies.append(frame["t"] - pressed)

        directions = [("ArrowRight", "ArrowLeft"), ("ArrowLeft", "ArrowRight")]
        fast = [_drag(page, drag_steps, *directions[i % 2]) for i in range(drags)] if drag_steps else []

        rss = uss = None
        new = server.kernel_pids() - before
        if len(new) == 1:
            info = psutil.Process(new.pop()).memory_full_info()
            rss, uss = info.rss / 2**20, info.uss / 2**20
    return Load(side, first_figure, latencies, fast, rss, uss)
