"""Every chapter scene in plain pytest: controls move the picture and the numbers, errors stay Dutch."""

import random
import shutil

import ipywidgets as w
import matplotlib.pyplot as plt
import numpy as np
import pytest

from psoas.content import content_dir
from psoas.widgets import scene as scene_module
from psoas.widgets.flexibility_scene import FlexibilityScene, make_flexibility_scene
from psoas.widgets.gait_scene import GaitScene, make_gait_scene
from psoas.widgets.hip_knee_scene import HipKneeScene, make_hip_knee_scene
from psoas.widgets.low_back_scene import LowBackScene, make_low_back_scene
from psoas.live.picture import shown_picture
from psoas.widgets.posture_scene import PostureScene
from psoas.widgets.sitting_scene import SittingScene, make_sitting_scene
from psoas.widgets.sport_scene import SportScene, make_sport_scene
from psoas.widgets.summary_scene import SummaryScene, make_summary_scene

SCENES = [LowBackScene, GaitScene, HipKneeScene, FlexibilityScene, SportScene, SittingScene, SummaryScene]
MAKERS = [make_low_back_scene, make_gait_scene, make_hip_knee_scene, make_flexibility_scene, make_sport_scene, make_sitting_scene, make_summary_scene]


def sliders(scene):
    return [c for c in scene.inputs if isinstance(c, w.FloatSlider)]


@pytest.mark.parametrize("cls", SCENES, ids=lambda c: c.__name__)
def test_every_control_moves_picture_and_numbers_in_place(cls):
    scene = cls()
    figure, figures = scene.figure, plt.get_fignums()
    children = [list(ax.get_children()) for ax in figure.axes]
    for control in scene.inputs:
        image, readout = scene.live.widget.value, scene.readout.value
        if isinstance(control, w.FloatSlider):
            control.value = control.max if control.value != control.max else control.min
        else:
            options = [value for _, value in control.options]
            control.value = options[(options.index(control.value) + 1) % len(options)]
        assert scene.live.widget.value != image, control.description
        assert scene.readout.value != readout, control.description
    assert scene.figure is figure and plt.get_fignums() == figures
    assert [list(ax.get_children()) for ax in figure.axes] == children  # nothing added
    assert scene.status.value == ""


@pytest.mark.parametrize("cls", SCENES, ids=lambda c: c.__name__)
def test_sliders_are_labelled_in_dutch(cls):
    for slider in sliders(cls()):
        assert slider.description and slider.continuous_update
    assert "Wat het model laat zien" in cls().readout.value


@pytest.mark.parametrize("cls", [LowBackScene, HipKneeScene, FlexibilityScene, SummaryScene], ids=lambda c: c.__name__)
def test_bad_start_value_falls_back_with_a_notice(cls):
    scene = cls(99)
    assert sliders(scene)[0].value == 0.0
    assert "buiten het bereik" in scene.status.value


@pytest.mark.parametrize("cls", SCENES, ids=lambda c: c.__name__)
def test_failing_update_keeps_the_picture_and_says_so(cls, monkeypatch):
    scene = cls()
    image = scene.live.widget.value
    monkeypatch.setattr(cls, "state_at", lambda self, values: (_ for _ in ()).throw(RuntimeError("boom")))
    control = sliders(scene)[-1]
    control.value = control.max
    assert scene.live.widget.value == image
    assert "Er ging iets mis" in scene.status.value


@pytest.mark.parametrize("maker", MAKERS, ids=lambda m: m.__name__)
def test_broken_content_gives_a_dutch_message(maker, tmp_path, monkeypatch):
    copy = tmp_path / "content"
    shutil.copytree(content_dir(), copy)
    (copy / "strings.nl.json").write_text("{", encoding="utf-8")
    monkeypatch.setenv("PSOAS_CONTENT_DIR", str(copy))
    widget = maker()
    assert isinstance(widget, w.HTML) and "kon niet worden geladen" in widget.value


def test_sitting_scene_shows_the_articles_tip():
    scene = SittingScene()
    assert any("Sta elk half uur even op" in getattr(extra, "value", "") for extra in scene.extras())


def test_gait_scene_marks_the_shorter_step():
    scene = GaitScene(0.0, 5.0)
    assert 'data-key="step_difference_cm"' in scene.readout.value
    assert scene.state().step_left_foot_cm < scene.state().step_right_foot_cm


def test_scene_module_is_shared():
    assert scene_module.Scene in SportScene.__mro__


def test_a_link_sets_the_controls():
    scene = LowBackScene()
    scene.apply_link({"verkorting": "3,5"})
    assert scene.slider.value == pytest.approx(3.5) and scene.status.value == ""
    gait = GaitScene()
    gait.apply_link({"links": "1", "rechts": "4"})
    assert (gait.left.value, gait.right.value) == (1.0, 4.0)
    sport = SportScene()
    sport.apply_link({"sport": "cycling", "verkorting": "0"})
    assert (sport.sport.value, sport.slider.value) == ("cycling", 0.0)


@pytest.mark.parametrize("params", [{"verkorting": "abc"}, {"verkorting": "99"}, {"verkorting": ""}])
def test_a_broken_link_keeps_the_default_and_says_so(params):
    scene = HipKneeScene(1.0)
    scene.apply_link(params)
    assert scene.slider.value == 1.0
    assert "De link" in scene.status.value


def test_an_unknown_sport_in_the_link_says_so():
    scene = SportScene()
    scene.apply_link({"sport": "<script>curling"})
    assert scene.sport.value == "sprinting"
    assert "bestaat niet" in scene.status.value and "<script>" not in scene.status.value


@pytest.mark.parametrize("cls", SCENES, ids=lambda c: c.__name__)
def test_the_picture_is_described_in_words_that_follow_the_state(cls):
    scene = cls()
    before = scene.description.value
    assert 'aria-live="polite"' in before and "In woorden" in before
    assert scene.live.widget.tooltip is None  # a tooltip breaks ImageView in the browser (ipywidgets 8.1)
    control = sliders(scene)[-1]
    control.value = control.max
    assert scene.description.value != before


@pytest.mark.parametrize("cls", SCENES, ids=lambda c: c.__name__)
def test_english_scenes_use_english_words_and_decimal_points(cls):
    scene = cls(language="en")
    assert "What the model shows" in scene.readout.value and "In words" in scene.description.value
    shown = scene.readout.value.split("<table>")[1].split("</table>")[0]
    assert not any(ch.isdigit() and nxt == "," and after.isdigit() for ch, nxt, after in zip(shown, shown[1:], shown[2:]))


@pytest.mark.parametrize("cls", SCENES, ids=lambda c: c.__name__)
def test_the_picture_sent_is_the_whole_current_figure(cls):
    scene = cls()
    for control in sliders(scene):
        control.value = control.min + 0.4 * (control.max - control.min)
    assert shown_picture(scene.live.widget) == scene.live.render(full=True)  # nothing stale in the frame


def drawn_boxes(figure, renderer):
    """(name, pixel box) of every text a draw paints: figure texts, each Axes' texts and titles,
    and the tick labels and axis labels of the Axes that show their axes."""
    texts = list(figure.texts)
    boxes = []
    for ax in figure.axes:
        texts += [*ax.texts, ax.title, ax._left_title, ax._right_title]
        if ax.axison:
            boxes += [(f"axis of {ax.get_title()!r}", axis.get_tightbbox(renderer)) for axis in (ax.xaxis, ax.yaxis)]
    boxes += [(t.get_text(), t.get_window_extent(renderer)) for t in texts if t.get_visible() and t.get_text()]
    return [(name, box) for name, box in boxes if box is not None]


@pytest.mark.parametrize("cls", [*SCENES, PostureScene], ids=lambda c: c.__name__)
def test_every_text_of_the_figure_stays_inside_the_picture(cls):
    scene = cls()
    live = scene.live
    for control in sliders(scene) if hasattr(scene, "inputs") else [scene.slider]:
        for value in (control.min, control.max):
            control.value = value
            renderer = live.canvas.get_renderer()
            frame = live.figure.bbox
            for name, box in drawn_boxes(live.figure, renderer):
                inside = frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1 and frame.y0 - 1 <= box.y0 and box.y1 <= frame.y1 + 1
                assert inside, f"{name!r} reaches outside the picture at {control.description} = {value}"


def random_value(control, rng):
    if hasattr(control, "options"):
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return rng.choice(values)
    return rng.choice([control.min, control.max, control.min + rng.random() * (control.max - control.min)])


@pytest.mark.parametrize("cls", SCENES, ids=lambda c: c.__name__)
def test_blitted_frames_are_full_draws_over_random_use(cls):
    rng = random.Random(f"{cls.__name__}-5")
    scene = cls()
    for _ in range(12):
        control = rng.choice(list(scene.inputs))
        control.value = random_value(control, rng)
        blitted = np.asarray(scene.live.canvas.buffer_rgba()).copy()
        scene.live.canvas.draw()  # an ordinary full draw of the same state
        full = np.asarray(scene.live.canvas.buffer_rgba()).copy()
        differing = int((blitted != full).any(axis=-1).sum())
        assert differing == 0, f"{differing} pixels differ after {control.description} = {control.value}"
        scene.live.render_pixels()  # back to the blitted picture, as the scene left it
    assert 0 < scene.live.stats.layer_size < sum(len(ax.get_children()) for ax in scene.figure.axes)
