"""The posture scene in plain pytest: set the slider's value and look at what changed."""

import json
import shutil

import ipywidgets as w
import matplotlib.pyplot as plt
import pytest

from psoas.content import content_dir
from psoas.widgets import make_posture_scene
from psoas.widgets import posture_scene as scene_module
from psoas.widgets.posture_scene import PostureScene


def readout_value(scene, key):
    marker = f'data-key="{key}" data-value="'
    start = scene.readout.value.index(marker) + len(marker)
    return float(scene.readout.value[start : scene.readout.value.index('"', start)])


def test_slider_moves_picture_and_numbers_in_place():
    scene = PostureScene()
    figure, image_before = scene.figure, scene.image.value
    tilt_before = readout_value(scene, "pelvic_tilt_deg")
    figures_before = plt.get_fignums()

    scene.slider.value = 3.0

    assert scene.image.value != image_before
    assert scene.figure is figure and plt.get_fignums() == figures_before
    assert readout_value(scene, "pelvic_tilt_deg") > tilt_before
    assert readout_value(scene, "hip_extension_deg") < 15.0
    assert "0,96 cm" in scene.readout.value  # 3 % of 32.0 cm, Dutch decimal comma


def test_slider_range_and_wording():
    scene = PostureScene()
    assert (scene.slider.min, scene.slider.max) == (0.0, 7.5)
    assert scene.slider.description.startswith("Verkorting van de psoas")
    assert scene.slider.continuous_update is True
    for word in ("Bekkenkanteling", "Lendenlordose", "Heupextensie", "Psoaslengte"):
        assert word in scene.readout.value


def test_reset_returns_to_healthy():
    scene = PostureScene(4.0)
    scene.reset.click()
    assert scene.slider.value == 0.0
    assert readout_value(scene, "pelvic_tilt_deg") == pytest.approx(10.0)


@pytest.mark.parametrize("bad", [-3, 99, "abc", None, float("nan")])
def test_bad_start_value_falls_back_with_a_dutch_notice(bad):
    scene = PostureScene(bad)
    assert scene.slider.value == 0.0
    assert "buiten het bereik" in scene.status.value


def test_a_failing_update_keeps_the_last_picture_and_says_so(monkeypatch):
    scene = PostureScene(1.0)
    image, tilt = scene.image.value, readout_value(scene, "pelvic_tilt_deg")

    def broken(pct):
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(scene_module, "standing_posture", broken)
    scene.slider.value = 2.0
    assert scene.image.value == image
    assert readout_value(scene, "pelvic_tilt_deg") == tilt
    assert "Er ging iets mis" in scene.status.value


@pytest.fixture
def broken_content(tmp_path, monkeypatch):
    copy = tmp_path / "content"
    shutil.copytree(content_dir(), copy)
    monkeypatch.setenv("PSOAS_CONTENT_DIR", str(copy))
    return copy


def test_broken_strings_file_gives_a_dutch_message(broken_content):
    (broken_content / "strings.nl.json").write_text("{ not json", encoding="utf-8")
    widget = make_posture_scene()
    assert isinstance(widget, w.HTML)
    assert "kon niet worden geladen" in widget.value


def test_a_broken_english_strings_file_gives_the_message_in_english(broken_content):
    (broken_content / "strings.en.json").write_text("{ not json", encoding="utf-8")
    message = make_posture_scene(language="en").value
    assert "could not be loaded" in message and "kon niet" not in message


def test_missing_strings_file_gives_a_dutch_message(broken_content):
    (broken_content / "strings.nl.json").unlink()
    assert "kon niet worden geladen" in make_posture_scene().value


def test_missing_string_key_gives_a_dutch_message(broken_content):
    path = broken_content / "strings.nl.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    del data["readout.pelvic_tilt"]
    path.write_text(json.dumps(data), encoding="utf-8")
    assert "kon niet worden geladen" in make_posture_scene().value


def test_the_reading_of_the_evidence_is_a_visible_choice_that_moves_the_pelvis():
    # Issue 16, item 4: "the pelvis follows" (Preece 2021, an upper bound) against "does not
    # follow" (Heino 1990), the latter by default.
    scene = PostureScene(1.5)
    assert scene.reading.value == "pelvis_stays"
    assert [value for _, value in scene.reading.options] == ["pelvis_stays", "pelvis_follows"]
    assert "Heino" in scene.reading.options[0][0] and "Preece" in scene.reading.options[1][0]
    stays = readout_value(scene, "pelvic_tilt_deg")
    assert stays == pytest.approx(10.0)  # the hip still has reserve: the pelvis stays
    image = scene.image.value

    scene.reading.value = "pelvis_follows"

    assert readout_value(scene, "pelvic_tilt_deg") > stays + 2
    assert scene.image.value != image
    assert scene.slider.value == 1.5  # the slider stays where it was


def test_the_frames_cover_both_readings():
    # The reading is a control like the slider: the page's frames are the grid of both.
    scene = PostureScene()
    assert scene.image.controls == [scene.reading, scene.slider]
    assert scene.image.grid[0] == {"trait": "index", "count": 2}
    assert len(scene.frame_texts()) == 76 * 2
    scene.reading.value = "pelvis_follows"
    scene.slider.value = 1.5
    assert scene.frame_texts()[76 + 15] == [scene.readout.value, scene.description.value]


def test_the_shortening_is_labelled_in_centimetres_and_degrees():
    # Issue 11: not only a percentage of a 32 cm line; also what it costs in hip extension.
    scene = PostureScene(3.0)
    import math
    import re

    assert "0,96 cm korter (van 32,0 cm)" in scene.readout.value
    deg = int(re.search(r"(\d+)° minder heupstrekking", scene.readout.value).group(1))
    # 0.96 cm over the path's lever arm, 2.4-2.8 cm between extension and standing: s / r
    assert math.degrees(0.96 / 2.8) - 0.5 <= deg <= math.degrees(0.96 / 2.4) + 0.5
    english = PostureScene(3.0, language="en")
    assert f"0.96 cm shorter (of 32.0 cm): {deg}° less hip extension" in english.readout.value


def test_the_link_still_sets_the_slider_with_the_reading_control(monkeypatch):
    import psoas.query

    monkeypatch.setattr(psoas.query, "query_string", lambda: "verkorting=2.5&lezing=pelvis_follows")
    widget = make_posture_scene()
    assert widget.psoas_scene.reading.value == "pelvis_follows"
    sliders = [c for c in widget.children[1].children if isinstance(c, w.FloatSlider)]
    assert sliders and sliders[0].value == 2.5


def test_the_low_back_readout_names_the_shear_direction_and_l5s1():
    # Issue 16, item 8: the shear at L3 changes direction; L5-S1 shears much more.
    from psoas.widgets.low_back_scene import LowBackScene

    scene = LowBackScene(0.0)
    assert "Afschuiving (naar voren)" in scene.readout.value
    assert "Afschuiving bij L5–S1" in scene.readout.value
    scene.slider.value = 7.5
    scene.updates.flush() if hasattr(scene, "updates") else None
    assert "Afschuiving (naar achteren)" in scene.readout.value


def test_healthy_costs_no_extension_and_says_plain_zero():
    scene = PostureScene(0.0)
    assert "= 0,00 cm korter (van 32,0 cm): 0° minder heupstrekking" in scene.readout.value
