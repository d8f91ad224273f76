"""Projector mode: bigger figures, fonts and controls and more contrast, for a projected screen.

A switch at the top of a chapter (and ``?projector=1`` in the page link) turns it on for every
scene on the page: figures are rendered at a higher dpi (sharper and larger, not stretched), and
a style sheet enlarges the text and the controls and darkens grey text.
"""

from __future__ import annotations

import html
import logging
import weakref

import ipywidgets as w

from ..content import ContentError, strings
from ..query import parameters, query_string, when_link_known
from .format import content_error_html

log = logging.getLogger(__name__)

PROJECTOR_SCALE = 1.45
ON_WORDS = {"1", "ja", "aan", "true", "yes", "on"}
PROJECTOR_CSS = """
<style>
  .jp-RenderedMarkdown, .jp-RenderedHTMLCommon { font-size: 22px !important; line-height: 1.5 !important; color: #000 !important; }
  .jp-RenderedMarkdown h1 { font-size: 40px !important; } .jp-RenderedMarkdown h2 { font-size: 32px !important; }
  .psoas-readout div, .psoas-description div, .psoas-note, .psoas-tip, .psoas-message { font-size: 21px !important; color: #000 !important; }
  .psoas-readout p, .psoas-description span { color: #000 !important; }
  .psoas-hint, .psoas-language { font-size: 20px !important; }
  .widget-label, .widget-readout, .widget-toggle-button, .widget-radio-box label, .widget-button, .jupyter-button { font-size: 20px !important; }
  .widget-slider .noUi-handle { transform: scale(1.5); }
  .widget-slider .noUi-target { height: 10px; }
  .psoas-figure, .psoas-comparison { max-width: 100% !important; }
</style>
"""

_scenes: "weakref.WeakSet" = weakref.WeakSet()
_state = {"on": False}
_styles: list[tuple[w.HTML, str]] = []  # (widget, its words): the style sheet is added after the words


def is_on() -> bool:
    """Whether projector mode is on for this page (this kernel)."""
    return _state["on"]


def register(scene) -> None:
    """A scene that follows projector mode (``scene.set_projector(on)``)."""
    _scenes.add(scene)
    if _state["on"]:
        try:
            scene.set_projector(True)
        except Exception:  # a figure that failed to build: the scene reports it at its first step
            log.exception("projector mode failed for %s", type(scene).__name__)


def set_projector(on: bool) -> None:
    """Turn projector mode on or off for every registered scene and the page's style."""
    _state["on"] = bool(on)
    for widget, words in _styles:
        widget.value = words + (PROJECTOR_CSS if on else "")
    for scene in list(_scenes):
        try:
            scene.set_projector(on)
        except Exception:  # one failing scene must not stop the others
            log.exception("projector mode failed for %s", type(scene).__name__)


def link_asks_for_projector(query: str | None = None) -> bool:
    """``?projector=1`` (or ja/aan/true) in the page link (``query``, or this page's)."""
    query = query_string() if query is None else query
    return parameters(query).get("projector", "").strip().lower() in ON_WORDS


def projector_switch(language: str = "nl", extra_html: str = "") -> w.Widget:
    """The projector switch for the top of a chapter, its hint and ``extra_html`` beside it.

    One HTML widget holds the hint, ``extra_html`` and, when the mode is on, the style sheet:
    every widget on a page is a model the browser must create before it shows the figures.
    """
    try:
        text = strings(language)
    except ContentError:
        log.exception("content for the projector switch is missing or broken")
        return w.HTML(content_error_html(language) + extra_html)
    switch = w.ToggleButton(value=False, description=text["projector.switch"], icon="desktop", tooltip=text["projector.tooltip"], layout=w.Layout(width="auto"))
    switch.add_class("psoas-projector-switch")
    switch.observe(lambda change: set_projector(change["new"]), names="value")
    words = f'<span class="psoas-hint" style="font-size:15px;color:#1a1a1a;margin-left:8px">{html.escape(text["projector.hint"])}</span>{extra_html}'
    beside = w.HTML(words)
    _styles.append((beside, words))
    when_link_known(lambda query: setattr(switch, "value", True) if link_asks_for_projector(query) else None)
    return w.HBox([switch, beside], layout=w.Layout(align_items="center", flex_flow="row wrap"))
