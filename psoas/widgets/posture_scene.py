"""The posture scene (chapter 1): a slider shortens the psoas; the side view and the numbers follow.

State flow: slider value -> ``standing_posture`` (pure) -> ``update_side_view`` (artists in
place) -> the picture, and the readout table.  Everything else is what every scene has
(``scene.Scene``): the figure built once behind a cached first picture, a step that redraws
only what moves, the pictures of all 76 positions switched in the page (``frame_strip``).
"""

from __future__ import annotations

import html

import ipywidgets as w

from ..content import figure_labels
from ..model import SHORTENING_RANGE_PCT, Posture, standing_posture
from ..model.posture import DEFAULT_READING, READINGS
from .format import number_nl
from .scene import ShorteningScene, make_scene, posture_words

READOUT_ROWS = (  # (strings key, Posture attribute, unit, decimals)
    ("readout.pelvic_tilt", "pelvic_tilt_deg", "°", 1),
    ("readout.lumbar_lordosis", "lumbar_lordosis_deg", "°", 1),
    ("readout.hip_extension", "hip_extension_deg", "°", 1),
    ("readout.psoas_length", "psoas_length_cm", " cm", 1),
    ("readout.knee_flexion", "knee_flexion_deg", "°", 1),
    ("readout.step_length", "step_length_cm", " cm", 0),
)


class PostureScene(ShorteningScene):
    """The chapter's scene: one shortening slider, the side view and the posture's numbers;
    ``widget`` is what a notebook displays.  A scene like every other (``Scene``): its picture
    switches in the page, and the static site draws it at every position."""

    def __init__(self, initial_pct: float = 0.0, language: str = "nl", reading: str = DEFAULT_READING):
        self.healthy = standing_posture(0.0)
        self.initial_reading = reading if reading in READINGS else DEFAULT_READING
        super().__init__(initial_pct, language)

    def controls(self) -> list[w.ValueWidget]:
        controls = super().controls()
        # The two readings of the evidence (issue 16): does the pelvis follow a lost extension?
        self.reading = self.texts.make(
            w.ToggleButtons, options=[(self.text[f"reading.{key}"], key) for key in READINGS], value=self.initial_reading,
            description=self.text["reading.choose"], css_class="psoas-reading",
            style=w.ToggleButtonsStyle(description_width="initial", button_width="auto"),
        )  # fmt: skip
        self.reading.add_class("psoas-control")
        lo, _ = SHORTENING_RANGE_PCT
        self.reset = w.Button(description=self.text["button.reset"], icon="undo", layout=w.Layout(width="auto"))
        self.reset.add_class("psoas-reset")
        self.reset.on_click(lambda _: setattr(self.slider, "value", lo))
        self.ghost_note = self.texts.make(w.HTML, "".join(
            f'<p style="color:#4d4d4d;font-size:14px;margin:4px 0">{html.escape(self.text[key])}</p>'
            for key in ("figure.ghost_note", "figure.reserve_note", "reading.note")
        ))  # fmt: skip
        return [self.reading, *controls]  # the reading first: frame i of a reading is slider position i

    def build(self, posture: Posture):
        """The side view (on the figure thread when deferred)."""
        from ..draw.figures import side_view_figure  # matplotlib: imported by the build, not the chapter

        figure, self._artists = side_view_figure(
            posture, labels=figure_labels(self.text), title=self.text["figure.live_title"], ghost=self.healthy,
            overview_title=self.text["figure.overview_title"], phone=self.phone,
        )  # fmt: skip
        return figure

    def moving(self):
        return self._artists.moving()  # blits what moves

    @property
    def image(self) -> w.DOMWidget:
        """The picture's widget (a frame strip)."""
        return self.figure_job.widget

    @property
    def artists(self):
        """The side view's moving artists (``SideViewArtists``)."""
        self.figure_job.get()
        return self._artists

    @property
    def posture(self) -> Posture:
        """The posture the picture and the numbers show."""
        return self.shown

    def query_controls(self) -> dict[str, w.ValueWidget]:
        return {"verkorting": self.slider, "lezing": self.reading}

    # -- the hooks of Scene ----------------------------------------------------------------------
    def extras(self) -> list[w.Widget]:
        """Below the numbers: the reset button and what the dashed outline is."""
        return [self.reset, self.ghost_note]

    def state_at(self, values: tuple) -> Posture:
        reading, pct = values
        return standing_posture(pct, reading=reading)

    def draw(self, posture: Posture) -> None:
        from ..draw.side_view import update_side_view

        update_side_view(self.artists, posture)

    def describe(self, posture: Posture) -> str:
        return posture_words(self.text, posture)

    def readout_markup(self, posture: Posture) -> str:
        """The shortening in centimetres, the table of numbers, the regime and the caveat."""
        t = self.text
        mark = t["format.decimal_mark"]
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
        return (
            f"{shortening_cm}"
            f'<div style="font-size:16px;line-height:1.4;color:#1a1a1a">'
            f'<h4 style="margin:8px 0 4px">{html.escape(t["readout.title"])}</h4>'
            f"<table>{rows}</table>"
            f'<p class="psoas-regime" data-regime="{posture.regime}" style="margin:8px 0">{regime}</p>'
            f'<p style="font-size:14px;color:#4d4d4d;margin:4px 0">{html.escape(t["readout.caveat"])}</p></div>'
        )


def make_posture_scene(initial_pct: float | None = None, language: str = "nl") -> w.Widget:
    """The interactive posture figure, or a Dutch message if it cannot be built.

    Without ``initial_pct`` the slider starts where the page's link says (``?verkorting=2.5``),
    else at 0 %.  The figure is built first, so a kernel from Voilà's warm pool has it ready
    before a student asks for the page; then the link's value moves the slider.
    """
    return make_scene(lambda: PostureScene(0.0 if initial_pct is None else initial_pct, language), read_link=initial_pct is None, language=language)
