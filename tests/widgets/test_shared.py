"""Widgets that share their Layout and style: fewer models for the browser to build."""

import ipywidgets as w
from ipywidgets.widgets import widget as widget_module

from psoas.widgets.posture_scene import PostureScene
from psoas.widgets.quiz import make_quiz
from psoas.widgets.shared import SharedParts


def models_made(make):
    """How many widget models ``make()`` opens (each is one more for the browser)."""
    before = set(widget_module._instances)
    make()
    return len(set(widget_module._instances) - before)


def test_widgets_made_together_share_one_layout_and_one_style_per_kind():
    parts = SharedParts(width="auto")
    a, b = parts.make(w.HTML, "a", css_class="x"), parts.make(w.HTML, "b")
    radio = parts.make(w.RadioButtons, options=["ja", "nee"], value=None)
    box = parts.make(w.VBox, [a, b, radio])
    assert a.layout is b.layout is radio.layout is box.layout and a.layout.width == "auto"
    assert a.style is b.style and radio.style is not a.style  # one style per style class
    assert a.value == "a" and "x" in a._dom_classes and "x" not in b._dom_classes


def test_a_layout_or_style_given_is_kept():
    own = w.Layout(width="10px")
    assert SharedParts().make(w.HTML, "a", layout=own).layout is own


def test_a_two_question_quiz_needs_14_models_not_27():
    assert models_made(lambda: make_quiz("01-houding")) == 14


def test_the_posture_scene_panel_texts_share_their_parts():
    scene = PostureScene()
    assert scene.readout.layout is scene.description.layout is scene.status.layout
    assert scene.readout.style is scene.status.style
    # 18 before issue 16; the reading's ToggleButtons adds itself and its own style (2).
    assert models_made(PostureScene) == 20
