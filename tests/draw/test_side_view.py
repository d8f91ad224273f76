"""The side view is built once; an update moves artists in place and creates nothing."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402  (only to prove that no pyplot figure appears)
import numpy as np  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
import pytest  # noqa: E402

from psoas.draw.figures import TILT_EXAMPLE_PCT, comparison_figure, side_view_figure  # noqa: E402
from psoas.draw.side_view import DEFAULT_LABELS, update_side_view  # noqa: E402
from psoas.model import standing_posture  # noqa: E402


def snapshot(artists):
    """The data of the moving artists, as plain arrays and strings."""
    return {
        "psoas": artists.psoas.get_xy().copy(),
        "pelvis": artists.pelvis.get_xy().copy(),
        "femur": artists.femur.get_xy().copy(),
        "vertebra_L1": artists.vertebrae[-1].get_xy().copy(),
        "tilt_arc": np.column_stack(artists.tilt_arc.get_data()),
        "tilt_text": artists.tilt_text.get_text(),
        "asis_leader": artists.leaders["asis"].point,
        "label_places": [label.get_position() for label in artists.labels.values()],
    }


def test_update_changes_artist_data_and_creates_no_figure_or_artist():
    fig, artists = side_view_figure(standing_posture(0.0))
    figures_before = plt.get_fignums()
    children_before = list(artists.ax.get_children())
    before = snapshot(artists)

    update_side_view(artists, standing_posture(TILT_EXAMPLE_PCT))

    after = snapshot(artists)
    assert list(artists.ax.get_children()) == children_before
    assert plt.get_fignums() == figures_before
    assert artists.ax.figure is fig
    for key in ("psoas", "pelvis", "vertebra_L1", "tilt_arc"):
        assert not np.allclose(before[key], after[key]), key
    assert before["tilt_text"] == "10°" and after["tilt_text"] == "21°"
    assert before["asis_leader"] != after["asis_leader"]
    assert before["label_places"] == after["label_places"]  # the texts stay put; their leaders move


@pytest.mark.parametrize("pct", [2.0, 7.5])
def test_update_draws_the_same_as_a_fresh_build(pct):
    _, updated = side_view_figure(standing_posture(0.0))
    update_side_view(updated, standing_posture(pct))
    _, fresh = side_view_figure(standing_posture(pct))
    a, b = snapshot(updated), snapshot(fresh)
    for key in a:
        if isinstance(a[key], np.ndarray):
            np.testing.assert_allclose(a[key], b[key], err_msg=key)
        else:
            assert a[key] == b[key], key


def test_dutch_labels_and_titles():
    fig = comparison_figure()
    texts = {t.get_text() for ax in fig.axes for t in ax.texts} | {ax.get_title() for ax in fig.axes}
    assert set(DEFAULT_LABELS.values()) <= texts
    assert {"Neutrale bekkenstand", "Voorwaartse bekkenkanteling"} <= texts


def test_labels_stay_inside_the_view_and_are_large():
    fig, artists = side_view_figure(standing_posture(7.5))
    fig.canvas.draw()
    frame = artists.ax.get_window_extent()
    for key, label in artists.labels.items():
        box = label.get_window_extent()
        assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1, key
        assert label.get_fontsize() >= 12, key


def test_overview_follows_the_crouch_in_place():
    fig, artists = side_view_figure(standing_posture(0.0), overview_title="hele lichaam")
    body_ax = fig.axes[1]
    children = list(body_ax.get_children())
    leg_before = np.column_stack(artists.overview.leg.get_data()).copy()
    head_before = artists.overview.head.get_center()

    update_side_view(artists, standing_posture(7.5))

    leg_after = np.column_stack(artists.overview.leg.get_data())
    assert list(body_ax.get_children()) == children
    assert leg_after[1, 0] > leg_before[1, 0] + 5  # the knee comes forward
    assert artists.overview.head.get_center()[1] < head_before[1]  # the body sinks
    assert leg_after[2, 1] == pytest.approx(leg_before[2, 1])  # the ankle stays at the floor


@pytest.mark.parametrize("pct", [0.0, 2.0, 3.75, 5.0, 7.5])
def test_label_texts_stay_clear_of_the_shapes_that_move(pct):
    """The texts sit below the bones (they never move, so they stay in the cached background):
    no bone, disc or muscle may cover them anywhere on the slider."""
    fig, artists = side_view_figure(standing_posture(pct))
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    shapes = [artists.pelvis, artists.sacrum, artists.femur, artists.trochanter, artists.tibia, artists.condyle, artists.psoas]
    shapes += artists.vertebrae + artists.spinous + artists.discs
    for key, label in artists.labels.items():
        box = label.get_window_extent(renderer)
        xs, ys = np.linspace(box.x0, box.x1, 9), np.linspace(box.y0, box.y1, 5)
        points = np.array([(x, y) for x in xs for y in ys])
        for shape in shapes:
            outline = shape.get_transform().transform_path(shape.get_path())
            assert not outline.contains_points(points).any(), f"{key} is covered at {pct} %"


def test_the_reserve_line_shows_the_extension_left_and_meets_the_thigh_once_taut():
    # Issue 16: with the pelvis not following (the default), the pelvis stays put while the hip
    # loses reserve; the picture shows the loss as the limit line swinging towards the thigh.
    fig, artists = side_view_figure(standing_posture(0.0))
    angles = []
    for pct in (0.0, 1.0, 2.0, 4.0, 7.5):
        posture = standing_posture(pct)
        update_side_view(artists, posture)
        (x0, x1), (y0, y1) = artists.reserve_line.get_data()
        angles.append(np.degrees(np.arctan2(x1 - x0, y0 - y1)))  # behind the vertical: negative
        thigh = np.degrees(np.arctan2(posture.landmarks["knee"][0], -posture.landmarks["knee"][1]))
        if posture.psoas_taut:
            assert angles[-1] == pytest.approx(thigh, abs=1e-6)
        else:
            assert angles[-1] < thigh - 0.5
    assert angles[0] == pytest.approx(-15.0, abs=1e-6)  # E0: 15 deg behind the vertical
    assert angles[1] == pytest.approx(-standing_posture(1.0).hip_extension_deg, abs=1e-6)
