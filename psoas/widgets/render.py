"""Matplotlib figures in widgets: render to PNG (Agg, no pyplot) and show in an ``Image``.

``LiveFigure`` is how every interactive scene shows its figure: the scene moves artists in
place, then calls ``refresh()``.  The first render fixes the layout (constrained layout runs
once); later renders only redraw and encode the pixels with Pillow at a fast compression level.
"""

from __future__ import annotations

from io import BytesIO

import ipywidgets as w
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

PNG_COMPRESS_LEVEL = 3


def figure_png(fig: Figure) -> bytes:
    """Render ``fig`` to PNG bytes at its own size and dpi."""
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    if fig.get_layout_engine() is not None:
        fig.set_layout_engine("none")  # keep the positions of the first draw
    pixels = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    buffer = BytesIO()
    pixels.convert("RGB").save(buffer, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


class LiveFigure:
    """A figure shown as an ``Image`` widget (``.widget``); ``refresh()`` sends a new frame."""

    def __init__(self, figure: Figure, css_class: str | None = None, max_width: str = "100%"):
        self.figure = figure
        width = f"{figure.bbox.width:.0f}px"
        self.widget = w.Image(value=figure_png(figure), format="png", layout=w.Layout(width=width, max_width=max_width, height="auto"))
        if css_class:
            self.widget.add_class(css_class)

    def refresh(self) -> None:
        """Render the figure as it is now and send it to the browser."""
        self.widget.value = figure_png(self.figure)
