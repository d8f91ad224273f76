"""``make bench``: the app beside the naive baseline, measured in one run, written to docs.

    python -m benchmarks.run [--steps 12] [--loads 3] [--kernel-steps 40] [--chapter-loads 2]
                             [--chapter-steps 8] [--no-chapters] [--no-static] [--no-write]

Measures (app = chapter ``01-houding`` served as ``make app`` serves it; baseline =
``benchmarks/notebooks/baseline.ipynb``, the same figure with ``interact`` and a new pyplot
figure per step, served by an identical Voilà; for start-up and memory also
``benchmarks/notebooks/scene.ipynb``, the app's scene alone on a page, like for like):

1. kernel-side time of a slider step, in real kernels (``benchmarks/kernel.py``);
2. in Chromium through Voilà (``benchmarks/browser.py``), per cold page load: time to the first
   interactive figure, keyboard step -> new pixels on screen, fast drags of 50 steps (five per
   load, right and left in turn) -> time until the picture shows the final value, and the
   kernel's resident memory;
3. every chapter 01-08 (``benchmarks/chapters.py``), live in Voilà once the page has the
   chapter's frames, and as a static page (``psoas.static_site``, built into a temporary folder
   with the run's disk cache and served by ``http.server``) once its frames are fetched: keyboard
   step -> new pixels, a few cold loads each, with more baseline loads in between for the ratio.

Prints Markdown tables and writes them, with a plot, between the markers in
``docs/performance.md``.  A benchmark, not a test: it asserts nothing; the table says which
targets were met in this run.  Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"
PLOT = ROOT / "docs" / "performance-bench.png"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
BENCH_NOTEBOOKS = Path(__file__).resolve().parent / "notebooks"  # baseline.ipynb, scene.ipynb
BASELINE_PAGE = "voila/render/baseline.ipynb"
SCENE_PAGE = "voila/render/scene.ipynb"
DEFAULT_CHAPTER = "01-houding.ipynb"

TARGET_KERNEL_RATIO = 10.0
TARGET_E2E_RATIO = 3.0
TARGET_SETTLE_MS = 100.0
TARGET_CHAPTER_RATIO = 0.2  # a live chapter's keyboard step, ÷ the baseline's (issue 15)
TARGET_STATIC_MS = 20.0  # a static page's keyboard step, median (issue 15)


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ms(value: float | None) -> str:
    if value is None or math.isnan(value):
        return "–"
    return f"{value:.0f} ms" if value >= 10 else f"{value:.1f} ms"


def mb(value: float | None) -> str:
    return "–" if value is None or math.isnan(value) else f"{value:.0f} MB"


def verdict(ok: bool | None) -> str:
    return "–" if ok is None else ("**yes**" if ok else "**no**")


def drags(loads: list) -> list:
    """Every fast drag of these loads (the start-up-only loads did none)."""
    return [drag for load in loads for drag in load.drags]


def summarise(kernel: dict[str, list[float]], loads: list) -> dict:
    by = {side: [load for load in loads if load.side == side] for side in ("app", "baseline", "scene")}
    out: dict = {"kernel": kernel, "loads": loads}
    for side, group in by.items():
        out[side] = {
            "kernel_med": med(kernel.get(side, [])),
            "kernel_p90": p90(kernel[side]) if kernel.get(side) else float("nan"),
            "e2e": [x for load in group for x in load.steps_ms],
            "settle": [drag.settle_ms for drag in drags(group) if drag.settle_ms is not None],
            "settle_failed": sum(1 for drag in drags(group) if drag.settle_ms is None),
            "drag_frames": [drag.frames for drag in drags(group)],
            "first": [load.first_figure_ms for load in group],
            "rss": [load.rss_mb for load in group if load.rss_mb is not None],
            "uss": [load.uss_mb for load in group if load.uss_mb is not None],
        }
        out[side]["e2e_med"] = med(out[side]["e2e"])
        out[side]["e2e_p90"] = p90(out[side]["e2e"]) if out[side]["e2e"] else float("nan")
    return out


def paired_median(differences: list[float], level: float = 0.95) -> tuple[float, float, float]:
    """Median of paired differences with a distribution-free confidence interval (order
    statistics of the sign test): ``(median, low, high)``."""
    d = sorted(differences)
    n = len(d)
    if n == 0:
        return (float("nan"),) * 3
    # largest k with P(Binomial(n, 1/2) < k) <= (1 - level) / 2; the interval is d[k-1] .. d[n-k]
    k, tail = 0, 0.0
    while k < n and tail + math.comb(n, k) / 2**n <= (1 - level) / 2:
        tail += math.comb(n, k) / 2**n
        k += 1
    low, high = (d[k - 1], d[n - k]) if k >= 1 else (d[0], d[-1])
    return statistics.median(d), low, high


def table(s: dict) -> str:
    a, b, c = s["app"], s["baseline"], s["scene"]
    k_ratio = b["kernel_med"] / a["kernel_med"]
    e_ratio = b["e2e_med"] / a["e2e_med"]
    settle_worst = max(a["settle"]) if a["settle"] else None
    settle_ok = None if settle_worst is None else (settle_worst <= TARGET_SETTLE_MS and a["settle_failed"] == 0)
    over = sum(1 for x in a["settle"] if x > TARGET_SETTLE_MS) + a["settle_failed"]
    n_drags = len(a["settle"]) + a["settle_failed"]
    first_ok = med(a["first"]) <= med(b["first"])
    rss_ok = med(a["rss"]) <= med(b["rss"]) if a["rss"] and b["rss"] else None
    # Loads alternate app, baseline, scene round by round, so the i-th load of each side shares
    # a round (and the machine's load at that moment) with the i-th of the other.
    diff, low, high = paired_median([x - y for x, y in zip(a["first"], b["first"])])
    rows = [
        ("Kernel-side update per slider step, median", ms(a["kernel_med"]), ms(b["kernel_med"]), f"{k_ratio:.2f}×", f"≥ {TARGET_KERNEL_RATIO:.0f}×", verdict(k_ratio >= TARGET_KERNEL_RATIO)),
        ("Kernel-side update per slider step, p90", ms(a["kernel_p90"]), ms(b["kernel_p90"]), f"{b['kernel_p90'] / a['kernel_p90']:.2f}×", "", ""),
        ("… the app once the page switches the pictures itself (numbers only), median", ms(med(s["kernel"]["app_page"])) if s["kernel"].get("app_page") else "–", ms(b["kernel_med"]), f"{b['kernel_med'] / med(s['kernel']['app_page']):.2f}×" if s["kernel"].get("app_page") else "", "", ""),
        ("… CPU time of the kernel process per step, median", ms(med(s["kernel"]["app_cpu"])), ms(med(s["kernel"]["baseline_cpu"])), f"{med(s['kernel']['baseline_cpu']) / med(s['kernel']['app_cpu']):.2f}×", "", ""),
        ("Keyboard step → new pixels in Chromium, median", ms(a["e2e_med"]), ms(b["e2e_med"]), f"{e_ratio:.2f}×", f"≥ {TARGET_E2E_RATIO:.0f}×", verdict(e_ratio >= TARGET_E2E_RATIO)),
        ("Keyboard step → new pixels in Chromium, p90", ms(a["e2e_p90"]), ms(b["e2e_p90"]), f"{b['e2e_p90'] / a['e2e_p90']:.2f}×", "", ""),
        (f"Drag of {s['drag_steps']} fast steps: last key → final picture, median (worst)",
         f"{ms(med(a['settle']))} ({ms(settle_worst)})",
         f"{ms(med(b['settle']))} ({ms(max(b['settle']) if b['settle'] else None)})", "",
         f"≤ {TARGET_SETTLE_MS:.0f} ms", verdict(settle_ok)),
        ("… p90, and drags over the target (or not ending on the final value)",
         f"{ms(p90(a['settle']) if a['settle'] else None)}, {over} of {n_drags}",
         f"{ms(p90(b['settle']) if b['settle'] else None)}", "", "", ""),
        (f"Pictures drawn during a drag, median (the {s['drag_steps']} keys took {med([d.span_ms for d in drags(s['loads'])]):.0f} ms)", f"{med(a['drag_frames']):.0f}", f"{med(b['drag_frames']):.0f}", "", "", ""),
        ("Time to first interactive figure, cold kernel, median", ms(med(a["first"])), ms(med(b["first"])), f"{med(b['first']) / med(a['first']):.2f}×", "app ≤ baseline", verdict(first_ok)),
        ("… app minus baseline, load by load (same round), median [95 % interval]", f"{diff:+.0f} ms [{low:+.0f}, {high:+.0f}]", "", "", "", ""),
        ("… the same, the scene alone on its page (`scene.ipynb`)", ms(med(c["first"])), ms(med(b["first"])), f"{med(b['first']) / med(c['first']):.2f}×", "", ""),
        ("Resident memory per kernel (RSS), median", mb(med(a["rss"])), mb(med(b["rss"])), "", "app ≤ baseline", verdict(rss_ok)),
        ("… the same, the scene alone on its page", mb(med(c["rss"])), mb(med(b["rss"])), "", "", ""),
        ("Unique memory per kernel (USS), median", mb(med(a["uss"])), mb(med(b["uss"])), "", "", ""),
    ]  # fmt: skip
    if n_drags == 0:  # --drags 0 or --drag-steps 0: no drag rows
        rows = [row for row in rows if "drag" not in row[0].lower()]
    lines = ["| measure | app | baseline | baseline ÷ app | target | met |", "|---|---:|---:|---:|---|---|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def br_think_ms() -> int:
    from .browser import THINK_MS

    return THINK_MS


def context_line(s: dict) -> str:
    a, b = s["app"], s["baseline"]
    start, end = s["load_start"], os.getloadavg()[0]
    failed = a["settle_failed"] + b["settle_failed"]
    return (
        f"One run of `make bench` on {dt.datetime.now():%Y-%m-%d %H:%M}: {os.cpu_count()} cores, load average "
        f"{start:.2f} at the start and {end:.2f} at the end (other work on the machine slows both sides), Python {platform.python_version()}, Chromium {s['chromium']}. "
        f"Chapter `{s['chapter']}` vs `benchmarks/notebooks/baseline.ipynb`; kernel side {len(s['kernel']['app'])} "
        f"fresh values each; in Chromium {s['n_loads']} cold loads each (alternating, a new kernel each, after one uncounted load that fills the disk cache), {len(a['e2e'])} single steps each, {br_think_ms()} ms apart, and {s['drags_per_load']} fast drags per load; start-up and memory also from {s['start_loads']} more cold loads each. Page loads that hung and were tried again: {len(RETRIED)}{' (' + ', '.join(RETRIED) + ')' if RETRIED else ''}."
        + (f" {failed} drag(s) did not end on the final value." if failed else "")
    )


def plot(s: dict, path: Path) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    fig = Figure(figsize=(10, 3.4), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    panels = [
        ("kernel-side per step (ms)", s["kernel"]["app"], s["kernel"]["baseline"]),
        ("keyboard step → new pixels (ms)", s["app"]["e2e"], s["baseline"]["e2e"]),
        ("drag: last key → final picture (ms)", s["app"]["settle"], s["baseline"]["settle"]),
    ]
    for ax, (title, app, base) in zip(fig.subplots(1, 3), panels):
        data = [x for x in (app, base)]
        ax.boxplot(
            [d if d else [float("nan")] for d in data], tick_labels=["app", "baseline"], widths=0.5, showfliers=True
        )
        ax.set_yscale("log")
        plain = FuncFormatter(lambda value, _: f"{value:.0f}")
        ax.yaxis.set_major_formatter(plain)
        ax.yaxis.set_minor_formatter(plain)
        ax.tick_params(axis="y", which="minor", labelsize=7)
        ax.set_title(title, fontsize=10)
        ax.grid(axis="y", alpha=0.3, which="both")
        if "drag" in title:
            ax.axhline(TARGET_SETTLE_MS, color="tab:red", lw=1, ls="--")
    fig.savefig(path)


RETRIED: list[str] = []  # the pages whose load hung and was tried again, in this run


def retried(measure, *args, label: str, attempts: int = 2):
    """One cold page load; a page that never shows its figure (a new kernel that never
    answered, see docs/performance.md) is tried once more with a new page and kernel, and
    the report says how often that happened."""
    for attempt in range(1, attempts + 1):
        try:
            return measure(*args)
        except RuntimeError as error:
            if attempt == attempts:
                raise
            RETRIED.append(label)
            print(f"  retrying a page load: {error}", flush=True)
    raise AssertionError("unreachable")


def measure_load(br, *args, attempts: int = 2):
    return retried(br.measure_load, *args, label=str(args[2]), attempts=attempts)


def chapter_context(c: dict) -> str:
    """What the chapters' table measured, in one paragraph."""
    if not c:
        return ""
    parts = []
    if c.get("live"):
        parts.append(
            f"Live: each chapter served by the app's Voilà, {c['warmup']} uncounted and {c['loads']} cold loads each "
            f"(a new kernel and browser context each, chapters in turn, reversed every round), {c['steps']} single steps "
            f"per load on the chapter's last slider (the psoas shortening; in 03 the right leg's), right to its end and "
            f"back; the steps start once the chapter's frames are in the page (the strip's `data-frames`), as for a reader "
            f"who has the page open; \"frames in the page after\" is that moment from navigation. After each step the strip's "
            f"`data-source` is read: a step that showed the kernel's picture, not the page's frame, would be counted beside "
            f"its median. \"live ÷ baseline\" is the chapter's median over the median of all of this run's baseline steps "
            f"(the issue's direction; chapter 1's table above gives baseline ÷ app): the chapter-1 loads above "
            f"and {c['baseline_loads']} more baseline loads of {c['steps']} steps between the chapters' rounds "
            f"({c['baseline_steps']} steps)."
        )
    if c.get("static"):
        parts.append(
            f"Static: the Dutch pages built by `psoas.static_site.build.build_site` into a temporary folder with this run's "
            f"disk cache ({c['build_s']:.0f} s, {c['build_files']} files), served by Python's `http.server` on 127.0.0.1; "
            f"{c['warmup']} uncounted and {c['loads']} cold loads per page (a new browser context: an empty cache), "
            f"{c['steps']} single steps per load on the page's last range input, started once `psoasReady` is set and every "
            f"frame of the page's manifests has been fetched (its resource timing entry: the page's own prefetch done); "
            f"\"all frames fetched after\" is the last one's arrival from navigation."
        )
    return " ".join(parts)


def write_doc(text: str) -> None:
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else f"# Performance\n\n{START}\n{END}\n"
    if START not in doc or END not in doc:
        doc = doc.rstrip() + f"\n\n{START}\n{END}\n"
    head, rest = doc.split(START, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{START}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    from . import chapters as ch

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kernel-steps", type=int, default=40, help="kernel-side steps per side")
    parser.add_argument("--loads", type=int, default=3, help="cold page loads per side in Chromium")
    parser.add_argument("--steps", type=int, default=12, help="single keyboard steps per load")
    parser.add_argument("--drag-steps", type=int, default=50)
    parser.add_argument("--drags", type=int, default=5, help="fast drags per load (right and left in turn)")
    parser.add_argument("--start-loads", type=int, default=12, help="extra cold loads per side: first figure only")
    parser.add_argument("--chapter", default=DEFAULT_CHAPTER, help="the app notebook to measure")
    parser.add_argument("--chapter-loads", type=int, default=2, help="cold loads per chapter, live and static")
    parser.add_argument("--chapter-warmup", type=int, default=1, help="uncounted loads per chapter first")
    parser.add_argument("--chapter-steps", type=int, default=8, help="single keyboard steps per chapter load")
    parser.add_argument("--chapters", default=",".join(ch.CHAPTERS), help="comma-separated chapter stems")
    parser.add_argument("--no-chapters", action="store_true", help="skip the live chapters 01-08")
    parser.add_argument("--no-static", action="store_true", help="skip the static pages")
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    chapters = tuple(name.strip().removesuffix(".ipynb") for name in args.chapters.split(",") if name.strip())

    from harness.servers import FileServer, VoilaServer
    from psoas.serve import NOTEBOOK_DIR
    from psoas.disk_cache import CACHE_ENV

    from . import browser as br
    from . import kernel as kn

    started, load_start = time.monotonic(), os.getloadavg()[0]
    print("1/4 kernel side: app and baseline in two kernels, alternating rounds", flush=True)
    kernel = kn.measure(steps=args.kernel_steps)

    print("2/4 Chromium through Voilà: starting two servers", flush=True)
    logs = Path(tempfile.mkdtemp(prefix="psoas-bench-"))
    # A fresh figure cache: the first (uncounted) load of each page fills it, as the first
    # reader on a machine does (psoas/disk_cache.py).
    os.environ[CACHE_ENV] = str(logs / "figure-cache")
    app_server, bench_server = (
        VoilaServer(logs / "voila-app.log", NOTEBOOK_DIR),
        VoilaServer(logs / "voila-bench.log", BENCH_NOTEBOOKS),
    )
    servers = {"app": app_server, "baseline": bench_server, "scene": bench_server}
    pages = {"app": f"voila/render/{args.chapter}", "baseline": BASELINE_PAGE, "scene": SCENE_PAGE}
    selectors = {"app": br.APP, "baseline": br.BASELINE, "scene": br.APP}
    plan = {
        "app": (args.steps, args.drag_steps, args.drags),
        "baseline": (args.steps, args.drag_steps, args.drags),
        "scene": (2, 0, 0),
    }
    loads = []
    chapter_loads: list = []  # ch.ChapterLoad, live and static
    chapter_baseline: list = []  # baseline loads between the chapters' rounds
    static_info: dict = {}
    browser = None
    try:
        for server in (app_server, bench_server):
            server.start()
            server.wait_ready()
        browser = br.Browser()
        for side in ("app", "baseline", "scene"):  # a warm-up load each (not counted): disk caches
            measure_load(br, browser, servers[side], pages[side], side, selectors[side], 2, 5, 1)
        for i in range(args.loads):
            order = ("app", "baseline", "scene") if i % 2 == 0 else ("scene", "baseline", "app")
            for side in order:
                load = measure_load(br, browser, servers[side], pages[side], side, selectors[side], *plan[side])
                loads.append(load)
                print(f"  load {i + 1}/{args.loads} {side}: first figure {load.first_figure_ms:.0f} ms, "
                      f"step median {med(load.steps_ms):.0f} ms, drag settle {', '.join(ms(d.settle_ms) for d in load.drags)}, "
                      f"RSS {mb(load.rss_mb)}", flush=True)  # fmt: skip
        # Start-up varies by ±150 ms from load to load on this machine: more cold loads (first
        # figure and memory only) make its median worth comparing.
        for i in range(args.start_loads):
            for side in ("app", "baseline", "scene") if i % 2 == 0 else ("scene", "baseline", "app"):
                load = measure_load(br, browser, servers[side], pages[side], side, selectors[side], 0, 0)
                loads.append(load)
            print(f"  start-up load {i + 1}/{args.start_loads}: first figure "
                  + ", ".join(f"{x.side} {x.first_figure_ms:.0f} ms" for x in loads[-3:]), flush=True)  # fmt: skip
        def baseline_load():
            return measure_load(br, browser, bench_server, BASELINE_PAGE, "baseline", br.BASELINE, args.chapter_steps, 0, 0)

        if not args.no_chapters:
            print(f"3/4 every chapter, live: {args.chapter_warmup} uncounted + {args.chapter_loads} cold loads each, "
                  "waiting for its frames, then the keys", flush=True)  # fmt: skip
            for i in range(args.chapter_warmup + args.chapter_loads):
                counted = i >= args.chapter_warmup
                steps = args.chapter_steps if counted else 0
                order = chapters if i % 2 == 0 else chapters[::-1]
                if counted and i % 2 == 0:  # the baseline once a round, at its start or its end
                    chapter_baseline.append(baseline_load())
                for chapter in order:
                    load = retried(ch.measure_live, browser, app_server, chapter, steps, label=f"live {chapter}")
                    if counted:
                        chapter_loads.append(load)
                    print(f"  {'load ' + str(i - args.chapter_warmup + 1) if counted else 'warm-up'} live {chapter}: "
                          f"frames after {load.frames_ms:.0f} ms, step median {ms(med(load.steps_ms))}", flush=True)  # fmt: skip
                if counted and i % 2 == 1:
                    chapter_baseline.append(baseline_load())
        for server in (app_server, bench_server):  # no kernels left running beside the static pages
            server.stop()
        if not args.no_static:
            site = logs / "site"
            print(f"4/4 static pages: building the site into {site}", flush=True)
            build_s, build_files = ch.build(site)
            static_info.update(build_s=build_s, build_files=build_files)
            with FileServer(site) as files:
                for i in range(args.chapter_warmup + args.chapter_loads):
                    counted = i >= args.chapter_warmup
                    for chapter in chapters if i % 2 == 0 else chapters[::-1]:
                        steps = args.chapter_steps if counted else 0
                        load = retried(ch.measure_static, browser, files, chapter, steps, logs, label=f"static {chapter}")
                        if counted:
                            chapter_loads.append(load)
                        print(f"  {'load ' + str(i - args.chapter_warmup + 1) if counted else 'warm-up'} static {chapter}: "
                              f"frames after {load.frames_ms:.0f} ms, step median {ms(med(load.steps_ms))}", flush=True)  # fmt: skip
        chromium = browser.version
    finally:
        if browser is not None:
            browser.close()
        for server in (app_server, bench_server):
            server.stop()

    print("report", flush=True)
    s = summarise(kernel, loads)
    s.update(
        chromium=chromium,
        chapter=args.chapter,
        n_loads=args.loads,
        drag_steps=args.drag_steps,
        drags_per_load=args.drags,
        load_start=load_start,
        start_loads=args.start_loads,
    )
    text = table(s)
    context = context_line(s)
    print()
    print(text)
    print()
    print(context)
    chapters_text = ""
    if chapter_loads:
        baseline_steps = s["baseline"]["e2e"] + [x for load in chapter_baseline for x in load.steps_ms]
        c = {
            "live": any(load.side == "live" for load in chapter_loads),
            "static": any(load.side == "static" for load in chapter_loads),
            "warmup": args.chapter_warmup, "loads": args.chapter_loads, "steps": args.chapter_steps,
            "baseline_loads": len(chapter_baseline), "baseline_steps": len(baseline_steps), **static_info,
        }  # fmt: skip
        chapters_text = (
            "**Every chapter, live and static** (the same run; load average "
            f"{os.getloadavg()[0]:.2f} at its end). {chapter_context(c)}\n\n"
            + ch.chapter_table(ch.chapter_summary(chapter_loads), baseline_steps, TARGET_CHAPTER_RATIO, TARGET_STATIC_MS, chapters)
        )
        print()
        print(chapters_text)
    print(f"\n({time.monotonic() - started:.0f} s; load average now {os.getloadavg()[0]:.2f})")
    if not args.no_write:
        plot(s, PLOT)
        blocks = [context, text] + ([chapters_text] if chapters_text else []) + [f"![app vs baseline, one run]({PLOT.name})"]
        write_doc("\n\n".join(blocks))
        print(f"\nwrote {DOC.relative_to(ROOT)} and {PLOT.relative_to(ROOT)} ({time.monotonic() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
