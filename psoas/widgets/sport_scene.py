"""Chapter "Sport": a sport's hip range on the psoas length curve, and what a shortening costs."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

import ipywidgets as w

from ..draw import style as s
from ..model import SHORTENING_RANGE_PCT, psoas_length_cm, standing_posture
from ..model import constants as k
from ..model.sport import SPORTS, length_span_cm, sport
from .scene import GRID_STEP_PCT, Row, Scene, checked_value, make_scene, shortening_slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure


PHONE_SOURCE_CHARS = 40  # the source line's width in the phone layout
PHONE_TEXT_RISE_CM = 1.0  # the sport's name above the note on the dashed line (two lines on a phone)


class SportScene(Scene):
    """Sport buttons and a shortening slider -> the length curve with the sport's band."""

    def __init__(self, initial_sport: str = "sprinting", initial_pct: float = 2.0, language: str = "nl"):
        self.start = (initial_sport, initial_pct)
        super().__init__(language)

    def controls(self):
        value, self.start_notice = checked_value(self.start[1], SHORTENING_RANGE_PCT, 0.0, self.text)
        keys = [item.key for item in SPORTS]
        chosen = self.start[0] if self.start[0] in keys else keys[0]
        self.sport = w.ToggleButtons(
            options=[(self.text[f"sport.{key}"], key) for key in keys], value=chosen,
            description=self.text["sport.choose"], style={"description_width": "initial", "button_width": "auto"},
        )  # fmt: skip
        self.sport.add_class("psoas-sport")
        self.sport.add_class("psoas-control")
        self.slider = shortening_slider(self.text, value, step_pct=GRID_STEP_PCT)
        return [self.sport, self.slider]

    def state_at(self, values):
        key, pct = values
        posture = standing_posture(pct)
        lost = k.NEUTRAL_HIP_EXTENSION_DEG - posture.hip_extension_deg
        return sport(key), lost, posture

    def labels(self, item) -> dict[str, str]:
        t = self.text
        return {
            "x": t["curve.x"], "y": t["curve.y"], "neutral": t["curve.neutral"], "extension": t["curve.extension"],
            "flexion": t["curve.flexion"], "name": t[f"sport.{item.key}"], "lost": t["curve.lost"], "source": t["curve.source"],
        }  # fmt: skip

    def build(self, state) -> Figure:
        from matplotlib.figure import Figure  # matplotlib: imported by the build, not the chapter

        from ..draw.figures import PHONE_SINGLE_HEIGHT_IN, phone_size
        from ..draw.length_curve import build_length_curve

        item, lost, _ = state
        if self.phone:  # the same curve, narrower and taller (issue 18)
            fig = Figure(figsize=phone_size(PHONE_SINGLE_HEIGHT_IN), dpi=s.PHONE_DPI, layout="constrained")
        else:
            fig = Figure(figsize=(7.4, 5.4), dpi=90, layout="constrained")
        ax = fig.add_subplot()
        ax.set_title(self.text["figure.sport_title"], fontsize=s.TITLE_FONT_PT, color=s.TEXT)
        chars = PHONE_SOURCE_CHARS if self.phone else 80
        lines = max(len(textwrap.wrap(self.labels(other)["source"].format(source=other.source), chars)) for other in SPORTS)
        self.curve = build_length_curve(
            ax, item, lost, self.labels(item), source_chars=chars, source_lines=lines if self.phone else 1,
            text_rise_cm=PHONE_TEXT_RISE_CM if self.phone else 0.0,
        )  # fmt: skip
        return fig

    def draw(self, state):
        from ..draw.length_curve import update_length_curve

        item, lost, _ = state
        update_length_curve(self.curve, item, lost, self.labels(item))

    def rows(self, state):
        item, lost, _ = state
        t = self.text
        shortest, longest = length_span_cm(item)
        rest = psoas_length_cm(0.0)
        return [
            Row("extension_deg", t["readout.sport_extension"], -item.extension_deg, "°", 0),
            Row("flexion_deg", t["readout.sport_flexion"], item.flexion_deg, "°", 0),
            Row("length_change_pct", t["readout.sport_length_change"], 100.0 * (longest - shortest) / rest, " %", 0),
            Row("lost_extension_deg", t["readout.lost_extension"], lost, "°", 0),
        ]

    def describe(self, state):
        item, lost, _ = state
        shortest, longest = length_span_cm(item)
        return self.text["describe.sport"].format(
            sport=self.text[f"sport.{item.key}"], ext=self.num(item.extension_deg, 0), flex=self.num(item.flexion_deg, 0),
            long=self.num(longest, 1), short=self.num(shortest, 1), lost=self.num(lost, 0),
        )  # fmt: skip

    def note(self, state):
        return self.text["sport.note"]

    def query_controls(self):
        return {"sport": self.sport, "verkorting": self.slider}


def make_sport_scene(initial_sport: str = "sprinting", initial_pct: float = 2.0, language: str = "nl"):
    """The interactive figure of the chapter "Sport"."""
    return make_scene(lambda: SportScene(initial_sport, initial_pct, language), language=language)
