"""Projector mode: every scene on the page grows, the style sheet is switched, and back."""

import ipywidgets as w

from psoas.widgets import projector
from psoas.widgets.low_back_scene import LowBackScene
from psoas.widgets.summary_scene import SummaryScene


def test_switch_scales_every_scene_and_back():
    scenes = [LowBackScene(2.0), SummaryScene(2.0)]
    switch_box = projector.projector_switch()
    switch = next(c for c in switch_box.children if isinstance(c, w.ToggleButton))
    style = next(c for c in switch_box.children if isinstance(c, w.HTML))
    words = style.value
    widths = [s.live.widget.layout.width for s in scenes]
    images = [s.live.widget.value for s in scenes]

    switch.value = True

    assert projector.is_on() and style.value.startswith(words) and "<style>" in style.value
    for scene, width, image in zip(scenes, widths, images):
        assert float(scene.live.widget.layout.width.removesuffix("px")) > 1.4 * float(width.removesuffix("px"))
        assert scene.live.widget.value != image
    late = LowBackScene()  # a scene made while the mode is on follows it
    assert late.figure.dpi > late.base_dpi

    switch.value = False

    assert not projector.is_on() and style.value == words
    assert [s.live.widget.layout.width for s in scenes] == widths
