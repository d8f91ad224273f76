"""The posture scene: a slider shortens the psoas; the side view and the numbers follow.

State flow: slider value -> ``standing_posture`` (pure) -> ``update_side_view`` (artists in
place) -> PNG into an ``Image`` widget, and the readout table.  The figure is built once.
"""

from __future__ import annotations

import html
import logging
import math

import ipywidgets as w

from ..content import ContentError, figure_labels, strings
from ..draw.figures import side_view_figure
from ..draw.side_view import update_side_view
from ..model import SHORTENING_RANGE_PCT, Posture, standing_posture
from .format import CONTENT_ERROR_NL, message_html, number_nl
from .render import LiveFigure

log = logging.getLogger(__name__)

SLIDER_STEP_PCT = 0.1
READOUT_ROWS = (  # (strings key, Posture attribute, unit, decimals)
    ("readout.pelvic_tilt", "pelvic_tilt_deg", "°", 1),
    ("readout.lumbar_lordosis", "lumbar_lordosis_deg", "°", 1),
    ("readout.hip_extension", "hip_extension_deg", "°", 1),
    ("readout.psoas_length", "psoas_length_cm", " cm", 1),
    ("readout.knee_flexion", "knee_flexion_deg", "°", 1),
    ("readout.step_length", "step_length_cm", " cm", 0),
)


def checked_shortening(value, text: dict[str, str]) -> tuple[float, str | None]:
    """``value`` as a valid shortening, or the default with a Dutch notice."""
    lo, hi = SHORTENING_RANGE_PCT
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if lo <= number <= hi:
        return number, None
    notice = text["error.value"].format(value=html.escape(str(value)), lo=number_nl(lo, 0), hi=number_nl(hi, 1), fallback=number_nl(lo, 0))
    return lo, notice


class PostureScene:
    """Widgets and figure of the posture scene; ``widget`` is what a notebook displays."""

    def __init__(self, initial_pct: float = 0.0, language: str = "nl"):
        self.text = strings(language)
        start_pct, notice = checked_shortening(initial_pct, self.text)
        self.healthy = standing_posture(0.0)
        self.posture = standing_posture(start_pct)
        self.figure, self.artists = side_view_figure(
            self.posture, labels=figure_labels(self.text), title=self.text["figure.live_title"], ghost=self.healthy,
            overview_title=self.text["figure.overview_title"],
        )
        lo, hi = SHORTENING_RANGE_PCT
        self.live = LiveFigure(self.figure, css_class="psoas-figure")
        self.image = self.live.widget
        self.slider = w.FloatSlider(
            value=start_pct, min=lo, max=hi, step=SLIDER_STEP_PCT, readout_format=".1f",
            description=self.text["slider.shortening"] + " (%)", continuous_update=True,
            style={"description_width": "initial"}, layout=w.Layout(width="100%"),
        )  # fmt: skip
        self.slider.add_class("psoas-shortening")
        self.shortening_cm = w.HTML()
        self.readout = w.HTML()
        self.readout.add_class("psoas-readout")
        self.status = w.HTML(message_html(notice, "notice") if notice else "")
        self.reset = w.Button(description=self.text["button.reset"], icon="undo", layout=w.Layout(width="auto"))
        self.reset.on_click(lambda _: setattr(self.slider, "value", lo))
        self.slider.observe(self._on_slider, names="value")
        note = w.HTML(f'<p style="color:#4d4d4d;font-size:14px;margin:4px 0">{html.escape(self.text["figure.ghost_note"])}</p>')
        panel = w.VBox(
            [self.slider, self.shortening_cm, self.readout, self.reset, note, self.status],
            layout=w.Layout(width="400px", padding="0 0 0 16px"),
        )
        self.widget = w.HBox([self.image, panel], layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        self._show_numbers(self.posture)

    def _on_slider(self, change) -> None:
        try:
            self.set_shortening(change["new"])
        except Exception:  # a reader sees a short Dutch message; the last picture stays
            log.exception("posture scene update failed")
            self.status.value = message_html(self.text["error.figure"])

    def set_shortening(self, pct: float) -> Posture:
        """Solve, move the artists, redraw the picture and the numbers; returns the posture."""
        posture = standing_posture(pct)
        update_side_view(self.artists, posture)
        self.live.refresh()
        self.posture = posture
        self._show_numbers(posture)
        self.status.value = ""
        return posture

    def _show_numbers(self, posture: Posture) -> None:
        t = self.text
        self.shortening_cm.value = (
            f'<span class="psoas-shortening-cm" style="font-size:16px">'
            f"{html.escape(t['slider.shortening_cm'].format(cm=number_nl(posture.shortening_cm, 2)))}</span>"
        )
        rows = "".join(
            f'<tr data-key="{attr}" data-value="{getattr(posture, attr):.4f}">'
            f'<td style="padding:3px 12px 3px 0">{html.escape(t[key])}</td>'
            f'<td style="text-align:right;font-weight:bold">{number_nl(getattr(posture, attr), decimals)}{unit}</td></tr>'
            for key, attr, unit, decimals in READOUT_ROWS
        )
        regime = html.escape(t[f"readout.regime.{posture.regime}"])
        self.readout.value = (
            f'<div style="font-size:16px;line-height:1.4;color:#1a1a1a">'
            f'<h4 style="margin:8px 0 4px">{html.escape(t["readout.title"])}</h4>'
            f"<table>{rows}</table>"
            f'<p class="psoas-regime" data-regime="{posture.regime}" style="margin:8px 0">{regime}</p>'
            f'<p style="font-size:14px;color:#4d4d4d;margin:4px 0">{html.escape(t["readout.caveat"])}</p></div>'
        )


def make_posture_scene(initial_pct: float = 0.0, language: str = "nl") -> w.Widget:
    """The interactive posture figure, or a Dutch message if it cannot be built."""
    try:
        return PostureScene(initial_pct, language).widget
    except ContentError:
        log.exception("content for the posture scene is missing or broken")
        return w.HTML(message_html(CONTENT_ERROR_NL))
