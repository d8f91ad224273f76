"""Static figures of the appendix "Hoe werkt het model?": named landmarks, and OpenSim."""

from __future__ import annotations

import logging

import ipywidgets as w

from ..content import ContentError, figure_labels, strings
from ..draw.landmarks import NAME_AT, landmark_figure
from .format import content_error_html, captioned
from ..live.render import LiveFigure

log = logging.getLogger(__name__)


def show_landmarks(language: str = "nl") -> w.Widget:
    """The side view with every landmark of the model named."""
    try:
        text = strings(language)
        names = {key: text[f"landmark.{key}"] for key in NAME_AT}
    except ContentError:
        log.exception("content for the landmark figure is missing or broken")
        return w.HTML(content_error_html(language))
    return captioned(LiveFigure(landmark_figure(names, figure_labels(text)), css_class="psoas-landmarks").widget, text["figure.landmarks_words"])


def show_validation(language: str = "nl") -> w.Widget:
    """The model's psoas length change and moment arm over the two OpenSim models'."""
    from ..validation import FIGURE_TEXT, validation_figure  # only this page needs it

    try:
        text = strings(language)
        figure = validation_figure(text={key: text[f"validation.{key}"] for key in FIGURE_TEXT})
    except (OSError, ValueError, ContentError):
        log.exception("the OpenSim table could not be read")
        return w.HTML(content_error_html(language))
    figure.set_dpi(90)
    return captioned(LiveFigure(figure, css_class="psoas-validation").widget, text["figure.validation_words"])
