"""Every chapter, live and static: a keyboard step -> new pixels, once the page has its frames.

Part of ``make bench`` (``benchmarks/run.py``), measured with the same clock as chapter 1's rows
(``benchmarks/browser.py``: a ``keydown`` listener stamps the key; a picture is on screen when
its new ``<img>`` source is decoded and the next animation frame starts).

* **Live**: each chapter ``01``-``08`` served by Voilà as ``make app`` serves it, a cold load (a
  new kernel, a new browser context).  The page first waits until the chapter's frame strip has
  its frames (``data-frames`` on the strip's element, ``psoas/live/frame_strip.py``), as a reader
  who has the page open has them; then it steps the chapter's **last slider** (for chapters with
  two controls that is the psoas shortening: gait's right leg, sport's and sitting's
  shortening) with the arrow keys.
* **Static**: the Dutch pages of a site built with ``psoas.static_site.build.build_site`` into a
  temporary folder, served by the standard library's ``http.server`` on 127.0.0.1 in a thread.
  The page first waits for ``psoasReady`` and until every frame of its scenes' manifests is in
  the browser (each one's resource timing entry, i.e. the page's own prefetch is done); then it
  steps the page's **last range input**.

A step goes right until the slider's end, then left, and so on, so a step always moves it.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from pathlib import Path

from harness.servers import FileServer, VoilaServer

from . import browser as br

CHAPTERS = (
    "01-houding", "02-onderrugpijn", "03-looppatroon-en-balans", "04-knie-en-heupklachten",
    "05-flexibiliteit", "06-sport", "07-zittend-werk", "08-samenvatting",
)  # fmt: skip
STATIC_LANGUAGE = "nl"

# The last slider of a live chapter (every scene's control has the class psoas-control).
LIVE = {"handle": ".psoas-control .noUi-handle", "scene": "body", "figure": "img.psoas-figure", "last": True}
# The last range input of a static page's scenes.
STATIC = {
    "handle": ".psoas-scene [data-control] input[type=range]", "scene": ".psoas-scene",
    "figure": "img.psoas-figure", "last": True,
}  # fmt: skip

# When the live strip's frames arrived (page time), recorded by the page itself.
LIVE_FRAMES_WATCH = r"""
(() => {
  window.__benchFramesAt = null;
  const seen = () => {
    if (window.__benchFramesAt !== null) return;
    const img = document.querySelector("img.psoas-figure");
    if (img && Number(img.parentElement.dataset.frames || 0) > 0) window.__benchFramesAt = performance.now();
  };
  new MutationObserver(seen).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-frames"] });
})();
"""
LIVE_FRAMES_ARRIVED = "() => window.__benchFramesAt !== null"

# Every frame of the page's manifests, as absolute URLs (the page resolves them against itself).
STATIC_MANIFEST_FRAMES = """async () => {
  const urls = new Set();
  for (const root of document.querySelectorAll(".psoas-scene[data-psoas-scene]")) {
    const manifest = await (await fetch(root.dataset.psoasScene)).json();
    manifest.frames.forEach((f) => urls.add(new URL(f, location.href).href));
  }
  window.__benchWanted = [...urls];
  return window.__benchWanted.length;
}"""
STATIC_FRAMES_FETCHED = """() => {
  const got = new Map(performance.getEntriesByType("resource").map((e) => [e.name, e.responseEnd]));
  if (!window.__benchWanted.every((u) => got.has(u))) return null;
  return Math.max(...window.__benchWanted.map((u) => got.get(u)));
}"""
STATIC_READY = """() => document.documentElement.dataset.psoasReady === "1"
  && [...document.querySelectorAll(".psoas-scene[data-psoas-scene]")].every((s) => s.dataset.ready === "1")"""

# The focused control's value and range: a native range input, or a noUiSlider handle.
FOCUSED_RANGE = """() => {
  const el = document.activeElement;
  if (el && el.matches("input[type=range]")) return [Number(el.value), Number(el.min), Number(el.max)];
  const a = (name) => parseFloat(el.getAttribute(name));
  return [a("aria-valuenow"), a("aria-valuemin"), a("aria-valuemax")];
}"""


def step_key(now: float, lo: float, hi: float, rightwards: bool) -> tuple[str, bool]:
    """The arrow key that moves a slider at ``now`` in ``lo..hi``: on in the same direction,
    back from an end.  Returns the key and the direction after it."""
    span = abs(hi - lo) or 1.0
    if rightwards and now >= hi - 1e-9 * span:
        rightwards = False
    elif not rightwards and now <= lo + 1e-9 * span:
        rightwards = True
    return ("ArrowRight" if rightwards else "ArrowLeft"), rightwards


@dataclass
class ChapterLoad:
    """One cold load of a chapter: ms from navigation to the frames being in the page, and the
    keyboard steps' ms to new pixels."""

    chapter: str
    side: str  # "live" or "static"
    frames_ms: float
    steps_ms: list[float]
    kernel_pictures: int = 0  # live: steps whose picture was the kernel's, not the page's frame


# Where the live strip's picture came from ("page": its own frame; "kernel"); static: none.
SOURCE = "() => { const img = document.querySelector('img.psoas-figure'); return img && img.parentElement.dataset.source || null; }"


def _steps(page, steps: int) -> tuple[list[float], int]:
    """A warm-up step, then ``steps`` single steps ``THINK_MS`` apart, each timed key -> pixels;
    also how many of them showed a picture that was not the page's own frame (live pages)."""
    rightwards = True
    latencies = []
    kernel = 0
    for i in range(steps + 1):
        if i:
            page.wait_for_timeout(br.THINK_MS)  # input cadence, not waiting for the page (browser.THINK_MS)
        key, rightwards = step_key(*page.evaluate(FOCUSED_RANGE), rightwards)
        pressed = br._press(page, key)
        frame = br._wait_new_frame(page, pressed)
        if i:
            latencies.append(frame["t"] - pressed)
            kernel += page.evaluate(SOURCE) == "kernel"  # read after the timing
    return latencies, kernel


# What a static page still lacks: ready or not, and the frames of its manifests not yet fetched.
STATIC_STATE = """() => {
  const got = new Set(performance.getEntriesByType("resource").map((e) => e.name));
  const wanted = window.__benchWanted || null;
  return { ready: document.documentElement.dataset.psoasReady || null, wanted: wanted && wanted.length,
           missing: wanted && wanted.filter((u) => !got.has(u)).slice(0, 3), entries: got.size };
}"""


def _stuck(page, where: Path, name: str, what: str, state_js: str = br.STATE) -> RuntimeError:
    shot = where / f"stuck-{name}.png"
    try:
        page.screenshot(path=str(shot), full_page=True)
        state = page.evaluate(state_js)
    except Exception as error:  # noqa: BLE001 - the report matters more than the screenshot
        state = repr(error)
    return RuntimeError(f"{name}: {what} ({state}); screenshot {shot}")


def measure_live(browser: br.Browser, server: VoilaServer, chapter: str, steps: int) -> ChapterLoad:
    """One cold load of a live chapter: wait for its frames, then ``steps`` keyboard steps."""
    with browser.page(LIVE) as page:
        page.add_init_script(script=LIVE_FRAMES_WATCH)
        page.goto(server.base + f"voila/render/{chapter}.ipynb", wait_until="commit", timeout=br.PAGE_TIMEOUT_MS)
        try:
            page.wait_for_function(LIVE_FRAMES_ARRIVED, timeout=br.PAGE_TIMEOUT_MS)
        except Exception:  # noqa: BLE001 - any failure: leave a screenshot and say where
            raise _stuck(page, server.log_path.parent, f"live-{chapter}", "the frames never arrived") from None
        frames_at = page.evaluate("window.__benchFramesAt")
        page.locator(LIVE["handle"]).last.focus()
        return ChapterLoad(chapter, "live", frames_at, *_steps(page, steps))


def measure_static(browser: br.Browser, files: FileServer, chapter: str, steps: int, where: Path) -> ChapterLoad:
    """One cold load of a static page (a new browser context: an empty cache): wait until it is
    ready and every frame of its manifests is fetched, then ``steps`` keyboard steps."""
    with browser.page(STATIC) as page:
        page.goto(files.base + f"{STATIC_LANGUAGE}/{chapter}.html", wait_until="commit", timeout=br.PAGE_TIMEOUT_MS)
        try:
            page.wait_for_function(STATIC_READY, timeout=br.PAGE_TIMEOUT_MS)
            if not page.evaluate(STATIC_MANIFEST_FRAMES):
                raise RuntimeError("no frames in the manifests")
            fetched = page.wait_for_function(STATIC_FRAMES_FETCHED, timeout=br.PAGE_TIMEOUT_MS).json_value()
        except Exception:  # noqa: BLE001 - any failure: leave a screenshot and say where
            raise _stuck(page, where, f"static-{chapter}", "not ready, or its frames were not all fetched", STATIC_STATE) from None
        page.locator(STATIC["handle"]).last.focus()
        return ChapterLoad(chapter, "static", fetched, *_steps(page, steps))


def build(site: Path) -> tuple[float, int]:
    """Build the static site's Dutch pages into ``site``; returns seconds and files."""
    from psoas.static_site.build import build_site

    report = build_site(site, (STATIC_LANGUAGE,))
    return report.seconds, report.files


# -- the table ---------------------------------------------------------------------------------


def _med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))] if ordered else float("nan")


def _ms(value: float) -> str:
    if value != value:  # nan
        return "–"
    return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def _s(value: float) -> str:
    return "–" if value != value else f"{value / 1000:.1f} s"


def chapter_summary(loads: list[ChapterLoad]) -> dict[tuple[str, str], dict]:
    """Per (chapter, side): every step, the median and p90, and the frames' median arrival."""
    out: dict[tuple[str, str], dict] = {}
    for load in loads:
        entry = out.setdefault((load.chapter, load.side), {"steps": [], "frames": [], "kernel_pictures": 0})
        entry["steps"] += load.steps_ms
        entry["kernel_pictures"] += load.kernel_pictures
        entry["frames"].append(load.frames_ms)
    for entry in out.values():
        entry["med"], entry["p90"], entry["frames_med"] = _med(entry["steps"]), _p90(entry["steps"]), _med(entry["frames"])
    return out


def chapter_table(
    summary: dict[tuple[str, str], dict], baseline_steps: list[float], live_ratio: float, static_ms: float,
    chapters: tuple[str, ...] = CHAPTERS,
) -> str:  # fmt: skip
    """One row per chapter: live (frames in the page after, step median and p90, ÷ baseline)
    and static (frames fetched after, step median and p90), with the targets."""
    base = _med(baseline_steps)
    lines = [
        "| chapter | live: frames in the page after | live: key → new pixels, median (p90) | live ÷ baseline "
        f"| ≤ {live_ratio:g}× | static: all frames fetched after | static: key → new pixels, median (p90) | ≤ {static_ms:g} ms |",
        "|---|---:|---:|---:|---|---:|---:|---|",
    ]
    for chapter in chapters:
        live, static = summary.get((chapter, "live")), summary.get((chapter, "static"))
        row = [f"`{chapter}`"]
        if live:
            ratio = live["med"] / base if base == base and base else float("nan")
            met = "–" if ratio != ratio else ("**yes**" if ratio <= live_ratio else "**no**")
            kernel = f"; {live['kernel_pictures']} of {len(live['steps'])} the kernel's picture" if live["kernel_pictures"] else ""
            row += [_s(live["frames_med"]), f"{_ms(live['med'])} ({_ms(live['p90'])}{kernel})", f"{ratio:.2f}×", met]
        else:
            row += ["–", "–", "–", "–"]
        if static:
            met = "**yes**" if static["med"] <= static_ms else "**no**"
            row += [_s(static["frames_med"]), f"{_ms(static['med'])} ({_ms(static['p90'])})", met]
        else:
            row += ["–", "–", "–"]
        lines.append("| " + " | ".join(row) + " |")
    lines.append(f"| baseline (`baseline.ipynb`, live) | – | {_ms(base)} ({_ms(_p90(baseline_steps))}) | 1.00× |  | – | – |  |")
    return "\n".join(lines)
