"""Static figures shown in a notebook as an image, with a Dutch message if they cannot be drawn.

A static figure is the same for every reader of a language, so its picture comes from the
disk cache (``psoas.disk_cache``): drawn by the first kernel on the machine, read by the others.
"""

from __future__ import annotations

import logging
from io import BytesIO

import ipywidgets as w
from PIL import Image

from ..content import ContentError, figure_labels, strings
from ..disk_cache import cached_png
from .format import CONTENT_ERROR_NL, captioned, message_html

log = logging.getLogger(__name__)


def image_widget(png: bytes, css_class: str) -> w.Image:
    """A PNG at its own pixel width (narrower on a narrow screen), as a live figure shows it."""
    with Image.open(BytesIO(png)) as image:
        width_px = image.width
    widget = w.Image(value=png, format="png", layout=w.Layout(width=f"{width_px}px", max_width="100%", height="auto"))
    widget.add_class(css_class)
    return widget


def comparison_png(language: str = "nl") -> bytes:
    """The picture of neutral standing beside anterior pelvic tilt (cached per machine)."""
    text = strings(language)
    labels = figure_labels(text)
    titles = (text["figure.neutral_title"], text["figure.tilted_title"])

    def draw() -> bytes:
        from ..draw.figures import comparison_figure  # noqa: PLC0415 - matplotlib only on a cache miss
        from .render import still_png  # noqa: PLC0415

        return still_png(comparison_figure(labels, titles=titles))

    return cached_png("comparison", {"labels": dict(labels), "titles": list(titles)}, draw)


def show_comparison(language: str = "nl") -> w.Widget:
    """Neutral standing beside anterior pelvic tilt, as an image widget."""
    try:
        text = strings(language)
        png = comparison_png(language)
    except ContentError:
        log.exception("content for the comparison figure is missing or broken")
        return w.HTML(message_html(CONTENT_ERROR_NL))
    return captioned(image_widget(png, "psoas-comparison"), text["figure.comparison_words"])
