"""Static figures shown in a notebook as an image, with a Dutch message if they cannot be drawn."""

from __future__ import annotations

import logging

import ipywidgets as w

from ..content import ContentError, figure_labels, strings
from ..draw.figures import comparison_figure
from .format import CONTENT_ERROR_NL, captioned, message_html
from .render import LiveFigure

log = logging.getLogger(__name__)


def show_comparison(language: str = "nl") -> w.Widget:
    """Neutral standing beside anterior pelvic tilt, as an image widget."""
    try:
        text = strings(language)
    except ContentError:
        log.exception("content for the comparison figure is missing or broken")
        return w.HTML(message_html(CONTENT_ERROR_NL))
    fig = comparison_figure(figure_labels(text), titles=(text["figure.neutral_title"], text["figure.tilted_title"]))
    return captioned(LiveFigure(fig, css_class="psoas-comparison").widget, text["figure.comparison_words"])
