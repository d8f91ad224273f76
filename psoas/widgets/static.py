"""Static figures shown in a notebook as a plain HTML output, with a Dutch message if they cannot be drawn.

A static figure is the same for every reader of a language, so its picture comes from the
disk cache (``psoas.disk_cache``): drawn by the first kernel on the machine, read by the others.
It is an ordinary output, not a widget: Voilà puts it in the page as it streams, and the browser
has it on screen before the widgets (and their models) arrive.
"""

from __future__ import annotations

import html
import logging

from IPython.display import HTML

from ..content import ContentError, figure_labels, strings
from ..disk_cache import cached_png, png_width_px
from .format import content_error_html, caption_html
from ..live.picture import as_data_url

log = logging.getLogger(__name__)


def figure_html(png: bytes, css_class: str, words: str) -> str:
    """A PNG at its own pixel width (narrower on a narrow screen) with its words beneath it
    and as its alt text, as a captioned live figure shows it."""
    width_px = png_width_px(png)
    source = as_data_url(png).decode("ascii")
    return (
        f'<div class="psoas-static-figure" style="max-width:100%;overflow:hidden">'
        f'<img class="{css_class}" src="{source}" width="{width_px}" alt="{html.escape(words)}" style="max-width:100%;height:auto">'
        f"{caption_html(words)}</div>"
    )


def comparison_png(language: str = "nl") -> bytes:
    """The picture of neutral standing beside anterior pelvic tilt (cached per machine)."""
    text = strings(language)
    labels = figure_labels(text)
    titles = (text["figure.neutral_title"], text["figure.tilted_title"])

    def draw() -> bytes:
        from ..draw.figures import comparison_figure  # noqa: PLC0415 - matplotlib only on a cache miss
        from ..live.render import still_png  # noqa: PLC0415

        return still_png(comparison_figure(labels, titles=titles))

    return cached_png("comparison", {"labels": dict(labels), "titles": list(titles)}, draw)


def show_comparison(language: str = "nl") -> HTML:
    """Neutral standing beside anterior pelvic tilt, as an HTML output."""
    try:
        text = strings(language)
        png = comparison_png(language)
    except ContentError:
        log.exception("content for the comparison figure is missing or broken")
        return HTML(content_error_html(language))
    return HTML(figure_html(png, "psoas-comparison", text["figure.comparison_words"]))
