"""The posture scene: a slider shortens the psoas; the side view and the numbers follow.

State flow: slider value -> ``standing_posture`` (pure) -> ``update_side_view`` (artists in
place) -> PNG into an ``Image`` widget, and the readout table.  The figure is built once, on a
background thread behind a cached first picture (``DeferredFigure``: matplotlib is imported
there, not here); a step redraws only what moves (``LiveFigure`` blits), and a burst of slider
values draws only the newest (``LatestValueWins``).
"""

from __future__ import annotations

import hashlib
import html
import logging

import ipywidgets as w

from ..content import ContentError, figure_labels, strings
from ..model import SHORTENING_RANGE_PCT, Posture, standing_posture
from ..model.posture import DEFAULT_READING, READINGS
from ..query import start_value
from . import frame_strip, projector
from .deferred import DeferredFigure
from .format import CONTENT_ERROR_NL, message_html, number_nl
from .picture import picture_widget
from .scene import FigurePanel, checked_value, description_html, posture_words, strings_digest
from .schedule import LatestValueWins
from .shared import SharedParts

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


class PostureScene(FigurePanel):
    """Widgets and figure of the posture scene; ``widget`` is what a notebook displays."""

    def __init__(self, initial_pct: float = 0.0, language: str = "nl", reading: str = DEFAULT_READING):
        self.text = strings(language)
        start_pct, notice = checked_value(initial_pct, SHORTENING_RANGE_PCT, 0.0, self.text)
        texts = SharedParts()  # the panel's texts share one layout and style: fewer widget models
        # The two readings of the evidence (issue 16): does the pelvis follow a lost extension?
        self.reading = texts.make(
            w.ToggleButtons, options=[(self.text[f"reading.{key}"], key) for key in READINGS], value=reading,
            description=self.text["reading.choose"], css_class="psoas-reading",
            style=w.ToggleButtonsStyle(description_width="initial", button_width="auto"),
        )  # fmt: skip
        self.reading.add_class("psoas-control")
        self.healthy = standing_posture(0.0)
        # True while the strip's value (the kernel's picture) shows an older posture than the artists:
        # every view showed the frames, so no picture was drawn (drawn when a view asks: _catch_up).
        self._picture_behind = False
        self.posture = self.solve(start_pct)
        # Laid out once per machine, and its first picture kept: both depend on the words too.
        self._layout_key = ["PostureScene", language, start_pct, reading, strings_digest(self.text)]
        lo, hi = SHORTENING_RANGE_PCT
        self.slider = w.FloatSlider(
            value=start_pct, min=lo, max=hi, step=SLIDER_STEP_PCT, readout_format=".1f",
            description=self.text["slider.shortening"] + " (%)", continuous_update=True,
            style={"description_width": "initial"}, layout=w.Layout(width="100%"),
        )  # fmt: skip
        self.figure_job = DeferredFigure(
            self._build_figure, key=self._layout_key, css_class="psoas-figure", make_widget=self._strip_widget
        )
        self.image = self.figure_job.widget
        self.slider.add_class("psoas-shortening")
        self.slider.add_class("psoas-control")
        self.description = texts.make(w.HTML, css_class="psoas-description")
        self.readout = texts.make(w.HTML, css_class="psoas-readout")
        self.status = texts.make(w.HTML, message_html(notice, "notice") if notice else "")
        self.reset = w.Button(description=self.text["button.reset"], icon="undo", layout=w.Layout(width="auto"))
        self.reset.on_click(lambda _: setattr(self.slider, "value", lo))
        self.updates = LatestValueWins(self._apply_shortening)  # a burst of values: only the newest is drawn
        self.slider.observe(self._on_slider, names="value")
        self.reading.observe(self._on_reading, names="value")
        note = texts.make(w.HTML, "".join(
            f'<p style="color:#4d4d4d;font-size:14px;margin:4px 0">{html.escape(self.text[key])}</p>'
            for key in ("figure.ghost_note", "figure.reserve_note", "reading.note")
        ))  # fmt: skip
        panel = w.VBox(
            [self.slider, self.reading, self.readout, self.description, self.reset, note, self.status],
            layout=w.Layout(width=self.panel_width, padding="0 0 0 16px"),
        )
        self.panel = panel
        self.widget = w.HBox([self.image, panel], layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        self._show_numbers(self.posture)
        projector.register(self)

    def _build_figure(self, widget: w.Image | None):
        """The side view as a LiveFigure (on the figure thread when deferred)."""
        from ..draw.figures import side_view_figure  # matplotlib: imported by the build, not the chapter
        from .render import LiveFigure

        figure, self._artists = side_view_figure(
            self.posture, labels=figure_labels(self.text), title=self.text["figure.live_title"], ghost=self.healthy,
            overview_title=self.text["figure.overview_title"],
        )  # fmt: skip
        self.base_dpi = figure.dpi
        moving = self._artists.moving()  # blits what moves
        return LiveFigure(
            figure, css_class="psoas-figure", moving=moving, layout_key=self._layout_key, widget=widget,
            make_widget=self._strip_widget,
        )  # fmt: skip

    # -- pictures switched in the page (psoas.widgets.frame_strip) ------------------------------
    def _strip_widget(self, picture: bytes, picture_format: str, width_css: str, max_width: str, css_class):
        if not frame_strip.available():  # no anywidget: the kernel's pictures in an Image widget
            log.warning("anywidget is not installed: the posture picture makes a round trip per step")
            return picture_widget(picture, picture_format, width_css, max_width, css_class)
        lo, _ = SHORTENING_RANGE_PCT
        return frame_strip.strip_widget(
            picture, picture_format, width_css, max_width, css_class, slider=self.slider, slider_min=lo,
            slider_step=SLIDER_STEP_PCT, frames_key=self.frames_key(projector.is_on()), frames_for=self.frames,
            on_asking=self._catch_up,
        )  # fmt: skip

    def frames_key(self, projector_on: bool) -> str:
        """The name of the frames that match the figure (its layout, and projector mode's dpi)."""
        return frame_strip.frames_key(self._layout_key + [self.reading.value], "projector" if projector_on else "normal")

    def frames(self, key: str) -> bytes | None:
        """The pictures of every slider position, drawn once per machine and packed into one file
        (``frame_strip.pack``); None for a live figure that does not send PNG.  The strip asks
        only for its current ``frames_key``."""
        if self.live.frame_format != "png":
            return None
        # A kernel makes its palette from the picture it shows when the canvas gets a new size
        # (projector mode): frames from another kernel with another palette would differ slightly.
        palette = self.live.palette
        colours = hashlib.sha256(bytes(palette.getpalette())).hexdigest()[:16] if palette else None
        return frame_strip.cached_strip([key, colours], self.draw_frames)

    def draw_frames(self) -> list[bytes]:
        """The figure at every slider position, as the frames ``LiveFigure`` would send (~10 ms
        each); the figure is left as it was."""
        from ..draw.side_view import update_side_view

        live, artists = self.live, self.artists
        lo, hi = SHORTENING_RANGE_PCT
        positions = [round(lo + i * SLIDER_STEP_PCT, 6) for i in range(round((hi - lo) / SLIDER_STEP_PCT) + 1)]
        try:
            frames = []
            for pct in positions:
                update_side_view(artists, self.solve(pct))
                frames.append(live.render())
            return frames
        finally:
            update_side_view(artists, self.posture)
            live.render_pixels()

    def _catch_up(self) -> None:
        """A view asked for frames and shows the kernel's picture until they come: make it current."""
        if self._picture_behind:
            self.live.refresh()
            self._picture_behind = False

    def set_projector(self, on: bool) -> None:
        if isinstance(self.image, frame_strip.FrameStrip):  # first: views drop the frames of the old size
            self.image.frames_key = self.frames_key(on)
        super().set_projector(on)  # draws the picture at the new size
        self._picture_behind = False

    @property
    def artists(self):
        """The side view's moving artists (``SideViewArtists``)."""
        self.figure_job.get()
        return self._artists

    def _on_slider(self, change) -> None:
        self.updates.submit(change["new"])

    def solve(self, pct: float) -> Posture:
        """The model for a slider value, in the chosen reading of the evidence."""
        return standing_posture(pct, reading=self.reading.value)

    def _on_reading(self, change) -> None:
        """Another reading: the page's frames are of the old one (drawn again on request)."""
        if isinstance(self.image, frame_strip.FrameStrip):
            self.image.frames_key = self.frames_key(projector.is_on())
        self._apply_shortening(self.slider.value)

    def _apply_shortening(self, pct: float) -> None:
        try:
            self.set_shortening(pct)
        except Exception:  # a reader sees a short Dutch message; the last picture stays
            log.exception("posture scene update failed")
            self.status.value = message_html(self.text["error.figure"])

    def set_shortening(self, pct: float) -> Posture:
        """Solve, move the artists, redraw the picture (unless every view switches it itself:
        ``frame_strip``) and the numbers; returns the posture."""
        posture = self.solve(pct)
        self._show_numbers(posture)  # first: the browser lays the numbers out while the picture renders
        artists = self.artists  # waits for the figure's build, which imported the drawing code
        from ..draw.side_view import update_side_view

        update_side_view(artists, posture)
        if getattr(self.image, "views_show_frames", False) and on_a_position(pct):
            self._picture_behind = True  # every view shows this position's frame itself
        else:
            self.live.refresh()
            self._picture_behind = False
        self.posture = posture
        self.status.value = ""
        return posture

    def _show_numbers(self, posture: Posture) -> None:
        t = self.text
        mark = t["format.decimal_mark"]
        self.description.value = description_html(t["describe.heading"], posture_words(t, posture))
        shortening_cm = (  # under the slider, in the readout's widget: one message a step, not two
            f'<p class="psoas-shortening-cm" style="font-size:16px;margin:0 0 4px">'
            f"{html.escape(t['slider.shortening_cm_extension'].format(cm=number_nl(posture.shortening_cm, 2, mark), deg=number_nl(posture.extension_lost_deg, 0, mark)))}</p>"
        )
        rows = "".join(
            f'<tr data-key="{attr}" data-value="{getattr(posture, attr):.4f}">'
            f'<td style="padding:3px 12px 3px 0">{html.escape(t[key])}</td>'
            f'<td style="text-align:right;font-weight:bold">{number_nl(getattr(posture, attr), decimals, mark)}{unit}</td></tr>'
            for key, attr, unit, decimals in READOUT_ROWS
        )
        regime = html.escape(t[f"readout.regime.{posture.regime}"])
        self.readout.value = (
            f"{shortening_cm}"
            f'<div style="font-size:16px;line-height:1.4;color:#1a1a1a">'
            f'<h4 style="margin:8px 0 4px">{html.escape(t["readout.title"])}</h4>'
            f"<table>{rows}</table>"
            f'<p class="psoas-regime" data-regime="{posture.regime}" style="margin:8px 0">{regime}</p>'
            f'<p style="font-size:14px;color:#4d4d4d;margin:4px 0">{html.escape(t["readout.caveat"])}</p></div>'
        )


def on_a_position(pct: float) -> bool:
    """Whether ``pct`` is one of the slider's positions (the frames' values)."""
    steps = (pct - SHORTENING_RANGE_PCT[0]) / SLIDER_STEP_PCT
    return abs(steps - round(steps)) < 1e-6


def make_posture_scene(initial_pct: float | None = None, language: str = "nl") -> w.Widget:
    """The interactive posture figure, or a Dutch message if it cannot be built.

    Without ``initial_pct`` the slider starts where the page's link says (``?verkorting=2.5``),
    else at 0 %.  The figure is built first, so a kernel from Voilà's warm pool has it ready
    before a student asks for the page; then the link's value moves the slider.
    """
    try:
        scene = PostureScene(0.0 if initial_pct is None else initial_pct, language)
    except ContentError:
        log.exception("content for the posture scene is missing or broken")
        return w.HTML(message_html(CONTENT_ERROR_NL))
    if initial_pct is None:
        value, notice = start_value("verkorting", 0.0, SHORTENING_RANGE_PCT)
        if value != scene.slider.value:
            scene.slider.value = value  # the slider's observer redraws the figure and numbers
        if notice:
            scene.status.value = message_html(notice, "notice")
    return scene.widget
