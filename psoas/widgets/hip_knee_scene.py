"""Chapter "Knie- en heupklachten": where a forward-tilted pelvis loads the hip and the knee."""

from __future__ import annotations

from ..content import figure_labels
from ..model import constants as k
from ..model import standing_posture
from ..model.clinical import flexion_margin_deg
from .scene import Row, ShorteningScene, make_scene


class HipKneeScene(ShorteningScene):
    """Shortening slider -> side view with the three complaint zones."""

    def build(self, posture):
        from ..draw.figures import side_view_figure
        from ..draw.overview import to_overview
        from ..draw.zones import KNEE_NOTE_OFFSET_CM, PHONE_KNEE_NOTE_OFFSET_CM, PHONE_TEXT_AT, TEXT_AT, build_knee_zone, build_zones

        t = self.text
        fig, self.side = side_view_figure(
            posture, figure_labels(t), t["figure.hipknee_title"], ghost=standing_posture(0.0), overview_title=t["figure.overview_title"],
            phone=self.phone,
        )
        zone_labels = {key: t[f"zone.{key}"] for key in ("impingement", "tendinitis", "schematic")}
        self.zones = build_zones(self.side.ax, posture, zone_labels, PHONE_TEXT_AT if self.phone else TEXT_AT)
        overview_ax = fig.axes[1]
        self.knee_offset = PHONE_KNEE_NOTE_OFFSET_CM if self.phone else KNEE_NOTE_OFFSET_CM
        self.knee_ring, self.knee_note = build_knee_zone(
            overview_ax, to_overview(posture, posture.landmarks["knee"]), t["zone.knee"], self.knee_offset, "left" if self.phone else "center"
        )  # fmt: skip
        return fig

    def draw(self, posture):
        from ..draw.overview import to_overview
        from ..draw.side_view import update_side_view
        from ..draw.zones import update_zones

        update_side_view(self.side, posture)
        update_zones(self.zones, posture)
        knee = to_overview(posture, posture.landmarks["knee"])
        self.knee_ring.set_center(knee)
        self.knee_note.xy = knee
        self.knee_note.set_position((knee[0] + self.knee_offset[0], knee[1] + self.knee_offset[1]))  # also marks the note stale

    def rows(self, posture):
        t = self.text
        return [
            Row("hip_flexion_deg", t["readout.hip_flexion_stance"], posture.hip_flexion_deg, "°", 1),
            Row("hip_extension_deg", t["readout.hip_extension"], posture.hip_extension_deg, "°", 1),
            Row("flexion_margin_deg", t["readout.flexion_margin"], flexion_margin_deg(posture), "°", 0),
            Row("squat_margin_deg", t["readout.squat_margin"], flexion_margin_deg(posture, k.SQUAT_HIP_FLEXION_DEG), "°", 0),
            Row("thigh_flexion_deg", t["readout.thigh_flexion"], posture.thigh_flexion_deg, "°", 1),
            Row("knee_flexion_deg", t["readout.knee_flexion"], posture.knee_flexion_deg, "°", 1),
        ]

    def describe(self, posture):
        t = self.text
        extension = (  # what changes first, while the hip loses its reserve and the pelvis stays
            t["describe.hip_reserve"].format(deg=f"{posture.hip_extension_deg:.0f}") if posture.hip_extension_deg >= 0
            else t["describe.hip_missing"].format(deg=f"{-posture.hip_extension_deg:.0f}")
        )  # fmt: skip
        return t["describe.hipknee"].format(
            hip=self.num(posture.hip_flexion_deg, 0), extension=extension, margin=self.num(flexion_margin_deg(posture), 0),
            squat=self.num(flexion_margin_deg(posture, k.SQUAT_HIP_FLEXION_DEG), 0), knee=self.num(posture.knee_flexion_deg, 0),
        )  # fmt: skip

    def note(self, posture):
        return self.text["hipknee.note"]


def make_hip_knee_scene(initial_pct: float = 0.0, language: str = "nl"):
    """The interactive figure of the chapter "Knie- en heupklachten"."""
    return make_scene(lambda: HipKneeScene(initial_pct, language), language=language)
