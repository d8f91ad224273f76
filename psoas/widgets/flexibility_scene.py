"""Chapter "Flexibiliteit van de heup": the modified Thomas test and a lunge."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..model import standing_posture
from ..model.clinical import lunge_back_foot_cm, thomas_positive, thomas_thigh_angle_deg
from .scene import Row, ShorteningScene, make_scene

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class FlexibilityScene(ShorteningScene):
    """Shortening slider -> Thomas test and lunge, with the step length lost."""

    def build(self, posture) -> Figure:
        from matplotlib.figure import Figure  # matplotlib: imported by the build, not the chapter

        from ..draw.clinical_views import build_lunge, build_thomas
        from ..draw.figures import PHONE_HEIGHT_IN, phone_size
        from ..draw.style import PHONE_DPI

        t = self.text
        labels = {key.removeprefix("flex."): value for key, value in t.items() if key.startswith("flex.")}
        if self.phone:  # the lunge below the Thomas test (issue 18)
            fig = Figure(figsize=phone_size(PHONE_HEIGHT_IN), dpi=PHONE_DPI, layout="constrained")
            thomas_ax, lunge_ax = fig.subplots(2, 1, height_ratios=(1.0, 1.0))
        else:
            fig = Figure(figsize=(7.6, 5.0), dpi=90, layout="constrained")
            thomas_ax, lunge_ax = fig.subplots(1, 2, width_ratios=(1.1, 1.0))
        self.thomas = build_thomas(thomas_ax, thomas_thigh_angle_deg(posture), thomas_positive(posture), labels)
        self.lunge = build_lunge(lunge_ax, posture.hip_extension_deg, labels)
        return fig

    @functools.cached_property
    def healthy_step_cm(self) -> float:
        """The step length with a psoas of normal length (the model's healthy stance)."""
        return standing_posture(0.0).step_length_cm

    def draw(self, posture):
        from ..draw.clinical_views import update_lunge, update_thomas

        update_thomas(self.thomas, thomas_thigh_angle_deg(posture), thomas_positive(posture))
        update_lunge(self.lunge, posture.hip_extension_deg)

    def rows(self, posture):
        t = self.text
        return [
            Row("hip_extension_deg", t["readout.hip_extension"], posture.hip_extension_deg, "°", 1),
            Row("thomas_angle_deg", t["readout.thomas_angle"], thomas_thigh_angle_deg(posture), "°", 1),
            Row("thomas_positive", t["readout.thomas_result"], t["flex.positive_short"] if thomas_positive(posture) else t["flex.negative_short"]),
            Row("lunge_reach_cm", t["readout.lunge_reach"], lunge_back_foot_cm(posture), " cm", 0),
            Row("step_length_cm", t["readout.step_length"], posture.step_length_cm, " cm", 0),
            Row("step_lost_cm", t["readout.step_lost"], self.healthy_step_cm - posture.step_length_cm, " cm", 0),
        ]

    def describe(self, posture):
        t = self.text
        angle = thomas_thigh_angle_deg(posture)
        return t["describe.flex"].format(
            angle=self.num(abs(angle), 0), where=t["describe.above"] if angle > 0 else t["describe.below"],
            result=t["flex.positive_short"] if thomas_positive(posture) else t["flex.negative_short"],
            reach=self.num(lunge_back_foot_cm(posture), 0),
        )  # fmt: skip

    def note(self, posture):
        return self.text["flex.note"]


def make_flexibility_scene(initial_pct: float = 0.0, language: str = "nl"):
    """The interactive figure of the chapter "Flexibiliteit van de heup"."""
    return make_scene(lambda: FlexibilityScene(initial_pct, language), language=language)
