"""Notebook "Verken het model": the model's uncertain parameters as controls, every output as a
curve over the whole range, with the evidence bands shaded.

State flow: the four sliders -> ``ModelParameters`` -> ``curves`` (pure, psoas.model.explore) ->
``update_explore_view`` moves the red lines in place -> the picture and the readout.
"""

from __future__ import annotations

import ipywidgets as w

from ..model import constants as k
from ..model.explore import PATH_MOMENT_ARM_CM, ModelParameters, contracture_step_loss_cm, curves
from ..model.posture import GAIT_COMPENSATION_RANGE, GAIT_SPARE_RANGE_DEG, MOMENT_ARM_RANGE_CM, SOFT_TILT_GAIN_RANGE
from .scene import Row, Scene, make_scene

# (attribute, strings key, range, step, default, readout format)
SLIDERS = (
    ("gain", "explore.gain", SOFT_TILT_GAIN_RANGE, 0.01, k.SOFT_TILT_GAIN, ".2f"),
    ("spare", "explore.spare", GAIT_SPARE_RANGE_DEG, 0.5, k.GAIT_SPARE_EXTENSION_DEG, ".1f"),
    ("arm", "explore.moment_arm", MOMENT_ARM_RANGE_CM, 0.01, round(PATH_MOMENT_ARM_CM, 2), ".2f"),
    ("compensation", "explore.compensation", GAIT_COMPENSATION_RANGE, 0.05, k.GAIT_PELVIC_COMPENSATION, ".2f"),
)


class ExploreScene(Scene):
    """Four parameter sliders -> six curves over 0-7.5 %."""

    panel_width = "420px"
    frames_in_page = False  # four fine sliders: millions of positions; every picture comes from the kernel

    def controls(self) -> list[w.ValueWidget]:
        made = []
        for attr, key, (lo, hi), step, default, fmt in SLIDERS:
            slider = w.FloatSlider(
                value=default, min=lo, max=hi, step=step, readout_format=fmt, description=self.text[key],
                continuous_update=False, style={"description_width": "initial"}, layout=w.Layout(width="100%"),
            )  # fmt: skip
            slider.add_class("psoas-control")
            slider.add_class(f"psoas-explore-{attr}")
            setattr(self, attr, slider)
            made.append(slider)
        self.reset = w.Button(description=self.text["explore.reset"], icon="undo", layout=w.Layout(width="auto"))
        self.reset.on_click(lambda _: self.restore_defaults())
        return made

    def extras(self) -> list[w.Widget]:
        return [self.reset]

    def restore_defaults(self) -> None:
        for (attr, *_rest, default, _fmt) in SLIDERS:
            getattr(self, attr).value = default

    def parameters(self, values: tuple | None = None) -> ModelParameters:
        """The sliders (or ``values``, in their order) as model parameters; the path's own lever
        arm means the path itself."""
        gain, spare, arm, compensation = self.values() if values is None else values
        return ModelParameters(
            soft_tilt_gain=gain, gait_spare_extension_deg=spare,
            moment_arm_cm=None if abs(arm - round(PATH_MOMENT_ARM_CM, 2)) < 1e-9 else arm, gait_pelvic_compensation=compensation,
        )  # fmt: skip

    def state_at(self, values):
        return curves(self.parameters(values))

    def build(self, state):
        from ..draw.explore_view import build_explore_view

        figure, self.artists = build_explore_view(state, curves(), self.text)
        return figure

    def draw(self, state):
        from ..draw.explore_view import update_explore_view

        update_explore_view(self.artists, state)

    def rows(self, state):
        t = self.text
        loss = contracture_step_loss_cm(state)
        return [
            Row("tilt_at_2_pct_deg", t["explore.tilt_2pct"], state.at_pct("pelvic_tilt_deg", 2.0), "°", 1),
            Row("step_loss_10_deg_contracture_cm", t["explore.loss_10"], loss if loss is not None else "–", " cm", 1),
            Row("step_middle_cm", t["explore.step_middle"], state.at_pct("step_length_cm", 3.75), " cm", 1),
            Row("step_top_cm", t["explore.step_top"], state.step_length_cm[-1], " cm", 1),
        ]

    def note(self, state):
        return self.text["explore.note"]

    def describe(self, state):
        loss = contracture_step_loss_cm(state)
        return self.text["explore.describe"].format(
            gain=self.num(self.gain.value, 2), spare=self.num(self.spare.value, 1), arm=self.num(self.arm.value, 2),
            compensation=self.num(100 * self.compensation.value, 0), loss=self.num(loss, 1) if loss is not None else "–",
            top=self.num(state.step_length_cm[-1], 1),
        )  # fmt: skip


def make_explore_scene(language: str = "nl") -> w.Widget:
    """The explorer's interactive figure, or a Dutch message if it cannot be built."""
    return make_scene(lambda: ExploreScene(language), language=language)
