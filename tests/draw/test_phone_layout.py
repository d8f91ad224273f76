"""The phone layout (issue 18): every chapter figure's texts are at least 11 CSS px tall when a
390 px page shows the figure about 350 px wide, and they stay inside the figure and apart."""

import itertools
from unittest import mock

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.text import Text

from psoas.widgets.flexibility_scene import FlexibilityScene
from psoas.widgets.gait_scene import GaitScene
from psoas.widgets.hip_knee_scene import HipKneeScene
from psoas.widgets.low_back_scene import LowBackScene
from psoas.widgets.posture_scene import PostureScene
from psoas.widgets.sitting_scene import SittingScene
from psoas.widgets.sport_scene import SportScene
from psoas.widgets.summary_scene import SummaryScene

SCENES = [PostureScene, LowBackScene, GaitScene, HipKneeScene, FlexibilityScene, SportScene, SittingScene, SummaryScene]
SHOWN_CSS_PX = 350  # a 390 px page less its margins (the layout shows the figure 350-370 px wide)
MIN_CSS_PX = 11.0


def drawn_texts(figure) -> list[Text]:
    """The texts a full draw of the figure paints (tick labels of hidden axes are not)."""
    canvas = figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
    drawn = []
    original = Text.draw

    def recording(text, renderer):
        if text.get_visible() and text.get_text().strip() and text not in drawn:
            drawn.append(text)
        return original(text, renderer)

    with mock.patch.object(Text, "draw", recording):
        canvas.draw()
    return drawn


def shown_texts(figure):
    """Every text the figure draws: (the text, its size in CSS px on the phone, its pixel box)."""
    texts = drawn_texts(figure)
    renderer = figure.canvas.get_renderer()
    css_per_figure_px = SHOWN_CSS_PX / figure.bbox.width  # the figure's pixels shrink to 350 CSS px
    found = []
    for text in texts:
        size_px = text.get_fontsize() * figure.dpi / 72.0  # points -> the figure's pixels
        found.append((text, size_px * css_per_figure_px, Text.get_window_extent(text, renderer)))  # the words alone, not an arrow
    return found


@pytest.fixture(scope="module", params=[(scene, language) for scene in SCENES for language in ("nl", "en")], ids=lambda p: f"{p[0].__name__}-{p[1]}")
def phone_scene(request):
    scene_class, language = request.param
    scene = scene_class(language=language)
    desktop = scene.figure
    scene.set_phone(True)
    return scene, desktop


def test_every_text_is_at_least_11_css_px_on_a_phone(phone_scene):
    scene, _ = phone_scene
    texts = shown_texts(scene.figure)
    assert len(texts) >= 4
    small = [(t.get_text(), round(px, 1)) for t, px, _ in texts if px < MIN_CSS_PX]
    assert not small, f"texts under {MIN_CSS_PX} CSS px on a phone: {small}"


def test_the_desktop_figure_would_be_too_small_on_a_phone(phone_scene):
    """Why the phone needs its own layout: the desktop figure shrunk to 350 px."""
    _, desktop = phone_scene
    assert min(px for _, px, _ in shown_texts(desktop)) < MIN_CSS_PX


def test_the_phone_figure_is_portrait_or_nearly(phone_scene):
    scene, desktop = phone_scene
    figure = scene.figure
    assert figure.get_figwidth() < desktop.get_figwidth()
    assert figure.bbox.height >= 1.2 * figure.bbox.width


@pytest.mark.parametrize("where", ["start", "end"])
def test_texts_stay_inside_the_figure_and_apart(phone_scene, where):
    """At the start and at the controls' last positions: no text past the figure's edges, and
    no two texts on top of each other (a label's box may touch another's by a pixel or two)."""
    scene, _ = phone_scene
    values = scene.values() if where == "start" else tuple(p.values[-1] for p in scene.positions())
    scene.draw(scene.state_at(values))
    try:
        figure = scene.figure
        texts = shown_texts(figure)
        for text, _, box in texts:
            assert box.x0 >= -1 and box.x1 <= figure.bbox.width + 1, f"{text.get_text()!r} leaves the figure: {box}"
            assert box.y0 >= -1 and box.y1 <= figure.bbox.height + 1, f"{text.get_text()!r} leaves the figure: {box}"
        for (a, _, box_a), (b, _, box_b) in itertools.combinations(texts, 2):
            overlap_x = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
            overlap_y = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
            assert overlap_x <= 3 or overlap_y <= 3, f"{a.get_text()!r} overlaps {b.get_text()!r}"
    finally:
        scene.draw(scene.state())
