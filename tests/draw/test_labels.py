"""A label's text stays put while its leader runs from the text's near edge to the point."""

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from psoas.draw.labels import add_label


def axes():
    fig = Figure(figsize=(4, 4), dpi=80)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.set_axis_off()
    return fig, ax


@pytest.mark.parametrize(("where", "point", "ha"), [((1, 5), (8, 2), "left"), ((9, 5), (2, 8), "right")])
def test_leader_starts_beside_the_text_and_ends_at_the_point(where, point, ha):
    fig, ax = axes()
    label, leader = add_label(ax, "bekken", point, where, colour="k", line_colour="k", font_pt=12, ha=ha)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box = label.get_window_extent(renderer)
    start, end = ax.transData.transform(np.column_stack(leader.get_data()))
    near_edge = box.x1 if point[0] > where[0] else box.x0
    assert start[0] == pytest.approx(near_edge, abs=3) and start[0] != pytest.approx(near_edge, abs=0.5)  # a small gap
    assert start[1] == pytest.approx(0.5 * (box.y0 + box.y1))
    assert np.hypot(*(end - ax.transData.transform(point))) < 2  # at the point, bar a 1 pt shrink


def test_moving_the_point_moves_the_leader_not_the_text():
    fig, ax = axes()
    label, leader = add_label(ax, "SIAS", (8, 2), (1, 5), colour="k", line_colour="k", font_pt=12)
    fig.canvas.draw()
    place, before = label.get_position(), np.column_stack(leader.get_data()).copy()
    leader.set_point((7, 9))
    assert leader.stale and not label.stale
    fig.canvas.draw()
    after = np.column_stack(leader.get_data())
    assert label.get_position() == place
    np.testing.assert_allclose(after[0], before[0])  # the start stays at the text
    assert np.hypot(*(after[1] - (7, 9))) < 0.1


def test_a_hidden_label_draws_no_leader():
    fig, ax = axes()
    label, leader = add_label(ax, "psoas", (8, 2), (1, 5), colour="k", line_colour="k", font_pt=12)
    leader.set_visible(False)
    label.set_visible(False)
    fig.canvas.draw()
    assert (np.asarray(fig.canvas.buffer_rgba())[..., :3] == 255).all()


def test_a_longer_text_moves_the_start_of_its_leader():
    fig, ax = axes()
    label, leader = add_label(ax, "SIAS", (8, 2), (1, 5), colour="k", line_colour="k", font_pt=12)
    fig.canvas.draw()
    short_start = ax.transData.transform(np.column_stack(leader.get_data()))[0]
    label.set_text("spina iliaca anterior superior")
    fig.canvas.draw()
    long_start = ax.transData.transform(np.column_stack(leader.get_data()))[0]
    assert long_start[0] > short_start[0] + 50
