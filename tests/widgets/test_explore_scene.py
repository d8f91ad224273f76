"""The explorer notebook's scene: sliders for the model's uncertain parameters, curves in place."""

import json
from pathlib import Path

import matplotlib.pyplot as plt
import pytest

from psoas.model import constants as k
from psoas.model import standing_posture
from psoas.widgets.explore_scene import ExploreScene, make_explore_scene

from .test_posture_scene import readout_value

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def test_starts_at_the_app_s_defaults():
    scene = ExploreScene()
    assert scene.gain.value == k.SOFT_TILT_GAIN
    assert scene.spare.value == k.GAIT_SPARE_EXTENSION_DEG
    assert scene.compensation.value == k.GAIT_PELVIC_COMPENSATION
    assert scene.parameters().moment_arm_cm is None  # the path's own lever arm: the path itself
    assert readout_value(scene, "step_top_cm") == pytest.approx(standing_posture(7.5).step_length_cm)
    lo, hi = k.GAIT_CONTRACTURE_STEP_LOSS_CM
    assert lo <= readout_value(scene, "step_loss_10_deg_contracture_cm") <= hi


def test_a_parameter_moves_the_red_lines_in_place_and_the_numbers():
    scene = ExploreScene()
    figure, line = scene.figure, scene.artists.lines["pelvic_tilt_deg"]
    before = line.get_ydata().copy()
    figures = plt.get_fignums()

    scene.gain.value = k.PREECE_TILT_GAIN
    scene.updates.flush()

    assert scene.figure is figure and scene.artists.lines["pelvic_tilt_deg"] is line
    assert plt.get_fignums() == figures
    assert line.get_ydata()[20] > before[20] + 2  # 2 %: the pelvis now follows
    assert readout_value(scene, "tilt_at_2_pct_deg") == pytest.approx(standing_posture(2.0, reading="pelvis_follows").pelvic_tilt_deg, abs=1e-4)
    assert "0,46" in scene.description.value


def test_another_lever_arm_is_a_pulley_and_reset_restores_the_defaults():
    scene = ExploreScene()
    scene.arm.value = 3.85
    scene.updates.flush()
    assert scene.parameters().moment_arm_cm == 3.85
    assert readout_value(scene, "step_top_cm") > standing_posture(7.5).step_length_cm
    scene.reset.click()
    scene.updates.flush()
    assert scene.parameters().moment_arm_cm is None
    assert readout_value(scene, "step_top_cm") == pytest.approx(standing_posture(7.5).step_length_cm)


def test_every_slider_is_labelled_in_both_languages():
    for language, word in (("nl", "Reserve"), ("en", "Spare")):
        scene = ExploreScene(language=language)
        assert all(s.description for s in scene.inputs)
        assert any(word in s.description for s in scene.inputs)


def test_the_notebook_is_thin_and_calls_the_package():
    for path in (NOTEBOOKS / "verken-het-model.ipynb", NOTEBOOKS / "en" / "verken-het-model.ipynb"):
        code = ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"]
        assert len(code) == 2 and all(len(source.splitlines()) <= 3 for source in code)
        assert any("make_explore_scene(" in source for source in code)
        assert not any("def " in source or "for " in source for source in code)


def test_make_explore_scene_gives_a_widget():
    widget = make_explore_scene()
    assert widget.children  # the figure and the panel
