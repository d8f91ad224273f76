"""Chapter "Samenvatting": one slider drives the side view, hip extension, step and lumbar force."""

from __future__ import annotations

from ..content import figure_labels
from ..draw import style as s
from ..model import standing_posture
from ..model.forces import lumbar_load, posture_and_load
from .scene import Row, ShorteningScene, make_scene

EXTENSION_LIMITS = (-32.0, 22.0)
STEP_LIMITS = (0.0, 80.0)
FORCE_LIMITS = (0.0, 140.0)


class SummaryScene(ShorteningScene):
    """One shortening slider -> side view and three gauges (the page a teacher projects)."""

    def state_at(self, values):
        (pct,) = values
        return posture_and_load(pct)

    def build(self, state):
        from matplotlib.figure import Figure  # matplotlib: imported by the build, not the chapter

        from ..draw.dashboard import build_gauge
        from ..draw.figures import PHONE_HEIGHT_IN, phone_size
        from ..draw.side_view import build_ghost, build_side_view

        posture, load = state
        t = self.text
        healthy = standing_posture(0.0)
        healthy_load = lumbar_load(healthy)
        if self.phone:  # the gauges below the side view (issue 18)
            fig = Figure(figsize=phone_size(PHONE_HEIGHT_IN + 0.8), dpi=s.PHONE_DPI, layout="constrained")
            rows = fig.add_gridspec(4, 1, height_ratios=(4.0, 1.0, 1.0, 1.3))
            body, gauges = fig.add_subplot(rows[0]), [rows[1], rows[2], rows[3]]
        else:
            fig = Figure(figsize=(7.6, 6.2), dpi=90, layout="constrained")
            grid = fig.add_gridspec(3, 2, width_ratios=(1.2, 1.0))
            body, gauges = fig.add_subplot(grid[:, 0]), [grid[0, 1], grid[1, 1], grid[2, 1]]
        build_ghost(body, healthy)
        self.side = build_side_view(body, posture, figure_labels(t))
        body.set_title(t["figure.summary_title"], fontsize=s.TITLE_FONT_PT, color=s.TEXT)
        self.extension = build_gauge(fig.add_subplot(gauges[0]), t["gauge.extension"], [t["gauge.now"]], [healthy.hip_extension_deg], [posture.hip_extension_deg], EXTENSION_LIMITS, "°", [s.TILT_LINE])
        self.step = build_gauge(fig.add_subplot(gauges[1]), t["gauge.step"], [t["gauge.now"]], [healthy.step_length_cm], [posture.step_length_cm], STEP_LIMITS, " cm", [s.TILT_LINE])
        self.force = build_gauge(
            fig.add_subplot(gauges[2]), t["gauge.force"], [t["force.shear"], t["force.compression"]],
            [abs(healthy_load.shear_n), healthy_load.compression_n], [abs(load.shear_n), load.compression_n],
            FORCE_LIMITS, " N", ["#b35900", "#1f5fa8"],
        )  # fmt: skip
        return fig

    def draw(self, state):
        from ..draw.dashboard import update_gauge
        from ..draw.side_view import update_side_view

        posture, load = state
        update_side_view(self.side, posture)
        update_gauge(self.extension, [posture.hip_extension_deg], EXTENSION_LIMITS)
        update_gauge(self.step, [posture.step_length_cm], STEP_LIMITS)
        update_gauge(self.force, [abs(load.shear_n), load.compression_n], FORCE_LIMITS)

    def rows(self, state):
        posture, load = state
        t = self.text
        return [
            Row("pelvic_tilt_deg", t["readout.pelvic_tilt"], posture.pelvic_tilt_deg, "°", 1),
            Row("lumbar_lordosis_deg", t["readout.lumbar_lordosis"], posture.lumbar_lordosis_deg, "°", 1),
            Row("hip_extension_deg", t["readout.hip_extension"], posture.hip_extension_deg, "°", 1),
            Row("step_length_cm", t["readout.step_length"], posture.step_length_cm, " cm", 0),
            Row("compression_n", t["readout.compression"], load.compression_n, " N", 0),
            Row("knee_flexion_deg", t["readout.knee_flexion"], posture.knee_flexion_deg, "°", 1),
        ]

    def describe(self, state):
        posture, load = state
        return self.text["describe.summary"].format(
            tilt=self.num(posture.pelvic_tilt_deg, 0), lordosis=self.num(posture.lumbar_lordosis_deg, 0),
            extension=self.num(posture.hip_extension_deg, 0), step=self.num(posture.step_length_cm, 0),
            compression=self.num(load.compression_n, 0),
        )  # fmt: skip

    def note(self, state):
        posture, _ = state
        return self.text[f"readout.regime.{posture.regime}"]


def make_summary_scene(initial_pct: float = 0.0, language: str = "nl"):
    """The interactive dashboard of the chapter "Samenvatting"."""
    return make_scene(lambda: SummaryScene(initial_pct, language), language=language)
