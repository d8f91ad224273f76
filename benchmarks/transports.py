"""Which transport? Kernel-side cost and size of one frame of the posture scene, per option.

    python -m benchmarks.transports [--frames 40] [--no-write]

Every option draws the same figure (``PostureScene``) at the same fresh slider values; a frame
is timed from "artists moved" to "bytes ready to send" (the model and the readout are left out:
they are the same for all).  The ipympl rows use matplotlib's own ``FigureCanvasWebAggCore``,
whose ``get_diff_image`` is what ipympl sends (a PNG of the pixels that changed), so they need
no extra package; ipympl's browser side is not measured here (docs/performance.md cites it).
Writes a table between ``<!-- transports:start -->`` and ``<!-- transports:end -->`` in
``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import statistics
import time
from io import BytesIO
from types import SimpleNamespace

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_webagg_core import FigureCanvasWebAggCore
from PIL import Image

from psoas.draw.side_view import update_side_view
from psoas.model import standing_posture
from psoas.widgets.posture_scene import PostureScene
from psoas.live.render import PNG_COMPRESS_LEVEL, LiveFigure, frame_jpeg, frame_png

from .run import DOC

START, END = "<!-- transports:start -->", "<!-- transports:end -->"


def _rgb(canvas) -> Image.Image:
    return Image.frombytes("RGB", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBX")


def _save(image: Image.Image, **options) -> bytes:
    buffer = BytesIO()
    image.save(buffer, **options)
    return buffer.getvalue()


def png_truecolour(canvas, level=PNG_COMPRESS_LEVEL):
    return _save(_rgb(canvas), format="PNG", compress_level=level)


def webp_lossless(canvas):
    return _save(_rgb(canvas), format="WEBP", lossless=True, quality=0, method=0)


def diff_png(canvas):
    canvas._png_is_old = True  # what ipympl's draw/blit does before it sends
    return canvas.get_diff_image()


OPTIONS = [
    # (name, canvas class, blit?, encoder of a LiveFigure's canvas)
    ("Image widget, full redraw, true-colour PNG (before this work)", FigureCanvasAgg, False, lambda live: png_truecolour(live.canvas)),
    ("ipympl `draw_idle`: full redraw, diff PNG", FigureCanvasWebAggCore, False, lambda live: diff_png(live.canvas)),
    ("ipympl with blitting: blit, diff PNG", FigureCanvasWebAggCore, True, lambda live: diff_png(live.canvas)),
    ("Image widget, blit, true-colour PNG (zlib level 1)", FigureCanvasAgg, True, lambda live: png_truecolour(live.canvas, 1)),
    ("Image widget, blit, WebP lossless (fastest method)", FigureCanvasAgg, True, lambda live: webp_lossless(live.canvas)),
    ("Image widget, blit, JPEG quality 90, no chroma subsampling", FigureCanvasAgg, True, lambda live: frame_jpeg(live.canvas)),
    ("Image widget, blit, 256-colour PNG, a new palette each frame", FigureCanvasAgg, True, lambda live: frame_png(live.canvas)),
    ("**Image widget, blit, 256-colour PNG, the first frame's palette kept (chosen)**", FigureCanvasAgg, True, lambda live: frame_png(live.canvas, live.palette)),
]  # fmt: skip


def measure(frames: int) -> list[tuple[str, float, float, float]]:
    """Per option: median and p90 ms per frame, median KB.  The options take turns frame by
    frame, so a burst of load on the machine hits them all alike."""
    values = [round(0.1 * (1 + (i * 7) % 75), 1) for i in range(frames)]  # fresh, spread out
    setups = []
    for _name, canvas_class, blit, encode in OPTIONS:
        scene = PostureScene()
        canvas = canvas_class(scene.figure)
        if isinstance(canvas, FigureCanvasWebAggCore):  # ipympl sends the frame here; we time the encode
            canvas.manager = SimpleNamespace(refresh_all=lambda: None, _send_event=lambda *a, **k: None)
        live = LiveFigure(scene.figure, moving=scene.artists.moving() if blit else None, blit=blit)
        encode(live)  # the first frame (a full one for ipympl)
        setups.append((scene, live, encode, [], []))
    for value in values:
        posture = standing_posture(value)
        for scene, live, encode, times, sizes in setups:
            update_side_view(scene.artists, posture)
            start = time.perf_counter()
            live.render_pixels()
            data = encode(live)
            times.append((time.perf_counter() - start) * 1000)
            sizes.append(len(data))
    rows = []
    for (name, *_), (_, _, _, times, sizes) in zip(OPTIONS, setups, strict=True):
        ordered = sorted(times)
        rows.append(
            (name, statistics.median(times), ordered[int(0.9 * (len(ordered) - 1))], statistics.median(sizes) / 1024)
        )
        print(f"  {name}: {rows[-1][1]:.1f} ms, {rows[-1][3]:.0f} KB", flush=True)
    return rows


def table(rows) -> str:
    lines = ["| transport | kernel time per frame, median | p90 | frame size, median |", "|---|---:|---:|---:|"]
    lines += [f"| {name} | {med:.1f} ms | {p90:.1f} ms | {kb:.0f} KB |" for name, med, p90, kb in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=40)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    text = table(measure(args.frames))
    print()
    print(text)
    if not args.no_write:
        doc = DOC.read_text(encoding="utf-8")
        if START in doc and END in doc:
            head, rest = doc.split(START, 1)
            DOC.write_text(f"{head}{START}\n{text}\n{END}{rest.split(END, 1)[1]}", encoding="utf-8")
            print(f"\nwrote the table into {DOC}")
        else:
            print(f"\n{DOC} has no {START} marker: table not written")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
