"""Chapter "Looppatroon en balans": left and right psoas, a tilted pelvis, unequal steps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..draw import style as s
from ..model import SHORTENING_RANGE_PCT
from ..model.asymmetry import asymmetry
from .scene import GRID_STEP_PCT, Row, Scene, checked_value, make_scene, shortening_slider

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class GaitScene(Scene):
    """Two shortening sliders -> front view of the pelvis and the footprints of both legs."""

    def __init__(self, left_pct: float = 0.0, right_pct: float = 3.0, language: str = "nl"):
        self.start = (left_pct, right_pct)
        super().__init__(language)

    def controls(self):
        left, notice_left = checked_value(self.start[0], SHORTENING_RANGE_PCT, 0.0, self.text)
        right, notice_right = checked_value(self.start[1], SHORTENING_RANGE_PCT, 0.0, self.text)
        self.start_notice = notice_left or notice_right
        self.left = shortening_slider(self.text, left, "slider.shortening_left", "psoas-shortening-left", GRID_STEP_PCT)
        self.right = shortening_slider(self.text, right, "slider.shortening_right", "psoas-shortening-right", GRID_STEP_PCT)
        return [self.left, self.right]

    def state_at(self, values):
        left_pct, right_pct = values
        return asymmetry(left_pct, right_pct)

    def build(self, state) -> Figure:
        from matplotlib.figure import Figure  # matplotlib: imported by the build, not the chapter

        from ..draw.figures import PHONE_HEIGHT_IN, phone_size
        from ..draw.gait_views import build_footprints, build_front_view

        t = self.text
        if self.phone:  # the footprints below the pelvis (issue 18)
            fig = Figure(figsize=phone_size(PHONE_HEIGHT_IN), dpi=s.PHONE_DPI, layout="constrained")
            front_ax, feet_ax = fig.subplots(2, 1, height_ratios=(1.0, 1.0))
        else:
            fig = Figure(figsize=(7.0, 6.4), dpi=90, layout="constrained")
            front_ax, feet_ax = fig.subplots(1, 2, width_ratios=(1.25, 1.0))
        labels = {key: t[f"gait.{key}"] for key in ("left", "right", "front_title", "healthy_steps", "now_steps")}
        labels["mark"] = t["format.decimal_mark"]
        self.front = build_front_view(front_ax, state, labels)
        self.feet = build_footprints(feet_ax, asymmetry(0.0, 0.0), state, labels)
        fig.suptitle(t["figure.gait_title"], fontsize=s.TITLE_FONT_PT, color=s.TEXT)
        return fig

    def draw(self, state):
        from ..draw.gait_views import update_footprints, update_front_view

        update_front_view(self.front, state)
        update_footprints(self.feet, state)

    def rows(self, state):
        t = self.text
        return [
            Row("pelvic_obliquity_deg", t["readout.pelvic_obliquity"], abs(state.pelvic_obliquity_deg), "°", 1),
            Row("asis_difference_cm", t["readout.asis_difference"], abs(state.asis_height_left_cm - state.asis_height_right_cm), " cm", 1),
            Row("step_left_foot_cm", t["readout.step_left"], state.step_left_foot_cm, " cm", 0),
            Row("step_right_foot_cm", t["readout.step_right"], state.step_right_foot_cm, " cm", 0),
            Row("step_difference_cm", t["readout.step_difference"], abs(state.step_left_foot_cm - state.step_right_foot_cm), " cm", 0),
        ]

    def describe(self, state):
        return self.text["describe.gait"].format(
            obliquity=self.num(abs(state.pelvic_obliquity_deg), 1),
            left=self.num(state.step_left_foot_cm, 0), right=self.num(state.step_right_foot_cm, 0),
        )  # fmt: skip

    def note(self, state):
        return self.text["gait.note"]

    def query_controls(self):
        return {"links": self.left, "rechts": self.right}


def make_gait_scene(left_pct: float = 0.0, right_pct: float = 3.0, language: str = "nl"):
    """The interactive figure of the chapter "Looppatroon en balans"."""
    return make_scene(lambda: GaitScene(left_pct, right_pct, language), language=language)
