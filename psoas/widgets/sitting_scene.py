"""Chapter "Zittend werk": from standing to sitting, and standing up again."""

from __future__ import annotations

import html

import ipywidgets as w

from ..content import figure_labels, read_section
from ..model import SHORTENING_RANGE_PCT, standing_posture
from ..model.sitting import sitting_posture
from .scene import GRID_STEP_PCT, Row, Scene, checked_value, make_scene, shortening_slider

TIP_SECTION = "08-zittend-werk"
SITTING_STEP_PCT = 10.0  # 11 positions from standing to sitting, times the shortening's 16


def article_tip() -> str:
    """The article's own tip (the paragraph that starts with "Tip:"), from content/."""
    for paragraph in read_section(TIP_SECTION).split("\n\n"):
        if paragraph.strip().startswith("Tip:"):
            return paragraph.strip()
    return ""


class SittingScene(Scene):
    """Standing-to-sitting slider and a "stays shorter" slider -> side view with a chair."""

    def __init__(self, initial_sitting_pct: float = 0.0, initial_pct: float = 0.0, language: str = "nl"):
        self.start = (initial_sitting_pct, initial_pct)
        super().__init__(language)

    def controls(self):
        sit, notice_sit = checked_value(self.start[0], (0.0, 100.0), 0.0, self.text)
        pct, notice_pct = checked_value(self.start[1], SHORTENING_RANGE_PCT, 0.0, self.text)
        self.start_notice = notice_sit or notice_pct
        self.sitting = w.FloatSlider(
            value=sit, min=0.0, max=100.0, step=SITTING_STEP_PCT, readout_format=".0f", continuous_update=True,
            description=self.text["slider.sitting"] + " (%)", style={"description_width": "initial"}, layout=w.Layout(width="100%"),
        )  # fmt: skip
        self.sitting.add_class("psoas-sitting")
        self.sitting.add_class("psoas-control")
        self.slider = shortening_slider(self.text, pct, "slider.shortening_after_sitting", step_pct=GRID_STEP_PCT)
        return [self.sitting, self.slider]

    def state_at(self, values):
        sitting_pct, pct = values
        return sitting_posture(sitting_pct / 100.0, pct), standing_posture(0.0)

    def build(self, state):
        from ..draw.figures import side_view_figure

        posture, standing = state
        t = self.text
        fig, self.side = side_view_figure(
            posture, figure_labels(t), t["figure.sitting_title"], ghost=standing, overview_title=t["figure.overview_title"],
            size_in=(7.6, 6.0), overview_options={"view_x": (-75.0, 40.0), "chair": True}, phone=self.phone,
        )  # fmt: skip
        return fig

    def draw(self, state):
        from ..draw.side_view import update_side_view

        posture, _ = state
        update_side_view(self.side, posture)

    def rows(self, state):
        posture, standing = state
        t = self.text
        return [
            Row("hip_flexion_deg", t["readout.hip_flexion_stance"], posture.hip_flexion_deg, "°", 0),
            Row("psoas_length_cm", t["readout.psoas_length"], posture.psoas_length_cm, " cm", 1),
            Row("psoas_shorter_pct", t["readout.psoas_shorter"], 100.0 * (1.0 - posture.psoas_length_cm / standing.psoas_length_cm), " %", 0),
            Row("pelvic_tilt_deg", t["readout.pelvic_tilt"], posture.pelvic_tilt_deg, "°", 1),
            Row("lumbar_lordosis_deg", t["readout.lumbar_lordosis"], posture.lumbar_lordosis_deg, "°", 1),
        ]

    def describe(self, state):
        posture, standing = state
        return self.text["describe.sitting"].format(
            hip=self.num(posture.hip_flexion_deg, 0), length=self.num(posture.psoas_length_cm, 1),
            shorter=self.num(100.0 * (1.0 - posture.psoas_length_cm / standing.psoas_length_cm), 0),
        )  # fmt: skip

    def note(self, state):
        return self.text["sitting.note"]

    def query_controls(self):
        return {"zitten": self.sitting, "verkorting": self.slider}

    def extras(self):
        tip = article_tip()
        box = w.HTML(
            f'<div class="psoas-tip" style="border-left:4px solid #2e7d32;background:#eef6ee;padding:8px 12px;'
            f'margin:8px 0;font-size:16px">{html.escape(tip)}</div>'
        )
        return [box] if tip else []


def make_sitting_scene(initial_sitting_pct: float = 0.0, initial_pct: float = 0.0, language: str = "nl"):
    """The interactive figure of the chapter "Zittend werk"."""
    return make_scene(lambda: SittingScene(initial_sitting_pct, initial_pct, language), language=language)
