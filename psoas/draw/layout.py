"""Settle a figure's layout once, so that later draws (and blitting) keep every position."""

from __future__ import annotations

from collections.abc import Hashable

from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from ..disk_cache import cached_json

LAYOUT_PASSES = 2


def _solve(figure: Figure) -> dict[str, list[list[float]]]:
    """Lay the figure out; return what the layout engine set: Axes boxes and figure texts'
    places (a suptitle's)."""
    engine = figure.get_layout_engine()
    for _ in range(LAYOUT_PASSES):
        try:
            engine.execute(figure)
        except ValueError:  # as in Figure.draw: a layout that cannot be solved keeps its positions
            break
    return {
        "axes": [list(ax.get_position(original=True).bounds) for ax in figure.axes],
        "texts": [[float(v) for v in text.get_position()] for text in figure.texts],
    }


def _fits(figure: Figure, found) -> bool:
    return (
        isinstance(found, dict)
        and len(found.get("axes", ())) == len(figure.axes)
        and len(found.get("texts", ())) == len(figure.texts)
        and all(len(b) == 4 for b in found["axes"])
        and all(len(p) == 2 for p in found["texts"])
    )


def settle_layout(figure: Figure, key: Hashable | None = None) -> None:
    """Run the figure's layout engine (constrained layout), then keep the positions.

    Two passes: the first lays out the Axes before an equal aspect has shrunk their boxes, so a
    title could end up above the picture's top edge; the second sees the real boxes (~50 ms for
    a scene).  With ``key`` (JSON-able; it must name everything the layout depends on besides
    the figure's size and dpi, such as the language of its texts) the positions are solved once
    per machine and read from the disk cache after that (``psoas.disk_cache``).
    """
    if figure.get_layout_engine() is None:
        return
    if key is None or figure.subfigs:  # subfigures: their boxes are laid out too; solve each time
        _solve(figure)
    else:
        size = [*figure.get_size_inches().tolist(), float(figure.dpi), len(figure.axes), len(figure.texts)]
        found = cached_json("layout", [key, size], lambda: _solve(figure), valid=lambda found: _fits(figure, found))
        for ax, bounds in zip(figure.axes, found["axes"]):
            ax._set_position(Bbox.from_bounds(*bounds))  # what the layout engine itself calls
        for text, place in zip(figure.texts, found["texts"]):
            text.set_position(place)
    figure.set_layout_engine("none")


def wrap_to_fit(figure: Figure, pad_px: float = 6.0) -> int:
    """Break the lines of the figure's texts that reach past its left or right edge (a phone
    figure's titles and long names), at spaces, so that each fits; returns how many it broke.
    Run it after the build, before ``settle_layout``; texts a scene sets later are its own."""
    import textwrap

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
    renderer = canvas.get_renderer()
    width = figure.bbox.width
    from matplotlib.text import Text

    texts = list(figure.texts)
    for ax in figure.axes:
        texts += [child for child in ax.get_children() if isinstance(child, Text)]  # titles, texts, names
    broken = 0
    for text in texts:
        words = text.get_text()
        if not text.get_visible() or not words.strip() or "\n" in words:
            continue
        box = text.get_window_extent(renderer)
        if box.x0 >= pad_px and box.x1 <= width - pad_px:
            continue
        if text.get_ha() == "left":
            room = width - pad_px - max(box.x0, pad_px)
        elif text.get_ha() == "right":
            room = min(box.x1, width - pad_px) - pad_px
        else:
            room = width - 2 * pad_px
        chars = max(8, int(len(words) * room / box.width))
        text.set_text(textwrap.fill(words, chars))
        broken += 1
    return broken
