"""Chapter "Onderrugpijn": the passive pull of a shortened psoas on the lumbar spine."""

from __future__ import annotations

from ..content import figure_labels
from ..model import constants as k
from ..model import standing_posture
from ..model.forces import posture_and_load
from .scene import Row, ShorteningScene, make_scene


PHONE_ROOM_BELOW_CM = 4.0  # the phone layout: the force diagram is the figure's bottom, the shear's words go below it


class LowBackScene(ShorteningScene):
    """Shortening slider -> side view with the pull at the origin and its parts."""

    def state_at(self, values):
        (pct,) = values
        return posture_and_load(pct)

    def build(self, state):
        from ..draw.figures import side_view_with_panel
        from ..draw.forces import build_force_view

        posture, load = state
        t = self.text
        fig, self.side, panel = side_view_with_panel(posture, figure_labels(t), t["figure.lowback_title"], standing_posture(0.0), panel_ratio=1.3, phone=self.phone)
        labels = {"title": t["force.title"], "pull": t["force.pull"], "compression": t["force.compression"], "shear": t["force.shear"]}
        self.forces = build_force_view(panel, self.side, posture, load, labels, room_below_cm=PHONE_ROOM_BELOW_CM if self.phone else 0.0)
        return fig

    def draw(self, state):
        from ..draw.forces import update_force_view
        from ..draw.side_view import update_side_view

        posture, load = state
        update_side_view(self.side, posture)
        update_force_view(self.forces, posture, load)

    def rows(self, state):
        posture, load = state
        t = self.text
        return [
            Row("passive_force_n", t["readout.passive_force"], load.force_n, " N", 0),
            Row("compression_n", t["readout.compression"], load.compression_n, " N", 0),
            Row("shear_n", f"{t['readout.shear']} ({self.direction(load.shear_n)})", abs(load.shear_n), " N", 0),
            Row("shear_l5s1_n", f"{t['readout.shear_l5s1']} ({self.direction(load.shear_l5s1_n)})", abs(load.shear_l5s1_n), " N", 0),
            Row("share_of_standing_pct", t["readout.share_of_standing"], 100 * load.share_of_standing, " %", 0),
            Row("lumbar_lordosis_deg", t["readout.lumbar_lordosis"], posture.lumbar_lordosis_deg, "°", 1),
            Row("pelvic_tilt_deg", t["readout.pelvic_tilt"], posture.pelvic_tilt_deg, "°", 1),
        ]

    def direction(self, shear_n: float) -> str:
        """Which way a shear pushes the upper vertebra (issue 16, item 8: it changes sign)."""
        return self.text["readout.shear_direction.forwards" if shear_n > 0 else "readout.shear_direction.backwards"]

    def describe(self, state):
        posture, load = state
        return self.text["describe.lowback"].format(
            force=self.num(load.force_n, 0), compression=self.num(load.compression_n, 0),
            shear=self.num(abs(load.shear_n), 0), lordosis=self.num(posture.lumbar_lordosis_deg, 0),
        )  # fmt: skip

    def note(self, state):
        return self.text["lowback.note"].format(fmax=f"{k.PSOAS_MAX_ISOMETRIC_FORCE_N:.0f}")


def make_low_back_scene(initial_pct: float = 0.0, language: str = "nl"):
    """The interactive figure of the chapter "Onderrugpijn"."""
    return make_scene(lambda: LowBackScene(initial_pct, language), language=language)
