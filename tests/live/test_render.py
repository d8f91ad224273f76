"""The live figure's fast path: blitted frames are exactly a full draw; bursts draw only the newest.

No timing here (``make bench`` measures speed); these tests check that the shortcuts never show
a wrong picture.
"""

import io

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Circle, Rectangle
from PIL import Image

from psoas.live.picture import shown_picture
from psoas.widgets.posture_scene import PostureScene
from psoas.live.render import LiveFigure, artists_in, frame_palette, frame_png
from psoas.live.schedule import LatestValueWins, running_loop

from .test_schedule import in_fresh_loop


def full_draw(figure):
    """The figure's pixels from an ordinary full draw (nothing hidden, nothing cached)."""
    figure.canvas.draw()
    return np.asarray(figure.canvas.buffer_rgba()).copy()


def shown(live):
    return np.asarray(live.canvas.buffer_rgba()).copy()


def decoded(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


def assert_same_pixels(a, b):
    differing = int((a != b).any(axis=-1).sum())
    assert differing == 0, f"{differing} pixels differ from a full draw"


# --- blitting -------------------------------------------------------------------------------


@pytest.mark.parametrize("values", [(0.5, 2.0, 3.3), (7.5, 0.0, 4.1, 6.0)])
def test_posture_scene_frames_are_exactly_a_full_draw(values):
    scene = PostureScene()
    for value in values:
        scene.slider.value = value
        blitted = shown(scene.live)
        assert_same_pixels(blitted, full_draw(scene.figure))


def test_posture_scene_blits_after_the_first_frame():
    scene = PostureScene()
    for value in (1.0, 2.0, 3.0):
        scene.slider.value = value
    assert scene.live.stats.rebuilds == 1  # the background was drawn once, at the start
    layer = scene.live.layer
    ax = scene.artists.ax
    assert ax.title not in layer  # static, above the Axes: stays in the cached background
    assert scene.artists.psoas in layer and all(a in layer for a in scene.artists.leaders.values())
    assert not any(a in layer for a in scene.artists.labels.values())  # label texts never move: background
    static = [a for a in ax.get_children() if a not in layer and a.get_visible()]
    assert any(a.get_zorder() == 1 for a in static)  # the healthy ghost is never redrawn


def test_the_shown_frame_is_the_encoded_canvas():
    scene = PostureScene()
    scene.slider.value = 2.5
    assert shown_picture(scene.image) == frame_png(scene.live.canvas, scene.live.palette)


def toy_figure():
    fig = Figure(figsize=(3, 2), dpi=50)
    ax = fig.add_subplot()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    ax.set_title("titel")
    low = ax.add_patch(Rectangle((1, 1), 4, 4, color="tab:blue", zorder=1))
    middle = ax.add_patch(Circle((5, 5), 2, color="tab:orange", alpha=0.7, zorder=2))  # never moves
    high = ax.add_patch(Rectangle((6, 6), 3, 3, color="tab:green", alpha=0.6, zorder=3))
    return fig, ax, low, middle, high


def test_a_static_artist_between_moving_ones_keeps_its_place_in_the_stack():
    fig, ax, low, middle, high = toy_figure()
    live = LiveFigure(fig, moving=[low, high])
    assert middle in live.layer  # drawn over ``low``: it must be redrawn above it every frame
    assert ax.title not in live.layer
    for x in (2.0, 3.0, 4.5):
        low.set_xy((x, x))
        high.set_xy((x + 1, 6 - x))
        live.refresh()
        assert_same_pixels(shown(live), full_draw(fig))


def test_without_moving_it_learns_what_moves_from_stale_artists():
    fig, _ax, low, _middle, high = toy_figure()
    live = LiveFigure(fig)
    assert live.layer == []
    high.set_xy((2, 2))
    live.refresh()
    assert high in live.layer and low not in live.layer
    assert_same_pixels(shown(live), full_draw(fig))
    rebuilds = live.stats.rebuilds
    high.set_xy((3, 1))
    live.refresh()
    assert live.stats.rebuilds == rebuilds  # known mover: a blit, no new background
    assert_same_pixels(shown(live), full_draw(fig))


@pytest.mark.parametrize(
    "change",
    [
        lambda ax: ax.set_xlim(-5, 12),  # limits move every artist
        lambda ax: ax.add_patch(Rectangle((0, 0), 2, 9, color="tab:red", zorder=2.5)),  # a new artist
        lambda ax: ax.set_title("nieuwe titel"),  # a static artist changes
        lambda ax: ax.figure.suptitle("boven"),  # a figure-level artist appears
    ],
)
def test_changes_outside_the_moving_layer_rebuild_the_background(change):
    fig, ax, _low, _middle, high = toy_figure()
    live = LiveFigure(fig, moving=[high])
    high.set_xy((5, 5))
    live.refresh()
    change(ax)
    high.set_xy((4, 2))
    live.refresh()
    assert_same_pixels(shown(live), full_draw(fig))


@pytest.mark.parametrize("where", ["axes", "figure"])
def test_a_static_text_that_is_emptied_leaves_the_picture(where):
    fig, ax, _low, _middle, high = toy_figure()
    text = ax.text(1, 8, "weg ermee") if where == "axes" else fig.suptitle("weg ermee")
    live = LiveFigure(fig, moving=[high])
    high.set_xy((5, 5))
    live.refresh()
    text.set_text("")  # an empty text draws nothing, so it never stops being stale
    high.set_xy((4, 2))
    live.refresh()
    assert_same_pixels(shown(live), full_draw(fig))
    high.set_xy((3, 3))
    live.refresh()
    assert live.stats.rebuilds == 2  # rebuilt once for the emptied text, not on every frame after


def test_artists_in_subfigures_blit_exactly_too():
    fig = Figure(figsize=(4, 2), dpi=50)
    left, right = fig.subfigures(1, 2)
    right.suptitle("rechts")
    ax = right.add_subplot()
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 10)
    dot = ax.add_patch(Circle((2, 2), 1, color="tab:red"))
    left.add_subplot().plot([0, 1], [1, 0])
    live = LiveFigure(fig)
    for x in (3, 5, 7):
        dot.set_center((x, x))
        live.refresh()
        assert dot in live.layer
        assert_same_pixels(shown(live), full_draw(fig))
    assert live.stats.rebuilds == 1


def test_full_refresh_shows_changes_matplotlib_cannot_see():
    fig, ax, _low, _middle, high = toy_figure()
    label = ax.annotate("hier", xy=(2, 2), xytext=(7, 2), arrowprops={"arrowstyle": "-"})
    live = LiveFigure(fig, moving=[high])
    label.xy = (3, 8)  # a plain attribute: the annotation is not marked stale
    live.refresh(full=True)
    assert_same_pixels(shown(live), full_draw(fig))


def test_frames_are_small_palette_pngs_close_to_true_colour():
    scene = PostureScene(3.0)
    png = shown_picture(scene.image)
    assert Image.open(io.BytesIO(png)).mode == "P"
    truth = full_draw(scene.figure)[..., :3].astype(int)
    error = np.abs(decoded(png) - truth)
    assert error.max() <= 32 and error.mean() < 2.0


def test_a_kept_palette_from_the_first_frame_still_fits_the_far_end_of_the_slider():
    scene = PostureScene(0.0)
    palette = scene.live.palette
    assert palette is not None
    scene.slider.value = 7.5  # the pelvis, spine and leg all far from where the palette was made
    assert scene.live.palette is palette
    error = np.abs(decoded(shown_picture(scene.image)) - full_draw(scene.figure)[..., :3].astype(int))
    assert error.max() <= 32 and error.mean() < 2.0


def test_the_kept_palette_holds_no_pixels_and_maps_frames_as_the_full_palette_image_does():
    scene = PostureScene(0.0)
    kept = scene.live.palette
    assert kept.size == (1, 1)
    full = frame_palette(scene.live.canvas)  # the first frame: where the palette came from
    assert full.getpalette() == kept.getpalette()
    scene.slider.value = 5.0
    assert frame_png(scene.live.canvas, kept) == frame_png(scene.live.canvas, full)


def test_a_new_canvas_size_gets_a_new_palette_and_full_redraws_make_their_own():
    scene = PostureScene(2.0)
    palette = scene.live.palette
    scene.set_projector(True)  # a higher dpi: other pixels, other blends
    assert scene.live.palette is not palette
    fig, _ax, _low, _middle, high = toy_figure()
    live = LiveFigure(fig, blit=False)
    assert live.palette is None  # every frame is quantised on its own


def test_jpeg_frames_when_asked():
    fig, _ax, _low, _middle, high = toy_figure()
    live = LiveFigure(fig, frame_format="jpeg")
    high.set_xy((1, 1))
    live.refresh()
    assert bytes(live.widget.value).startswith(b"data:image/jpeg;base64,")
    assert Image.open(io.BytesIO(shown_picture(live.widget))).format == "JPEG"
    error = np.abs(decoded(shown_picture(live.widget)) - full_draw(fig)[..., :3].astype(int))
    assert error.mean() < 2.0


def test_blitting_off_redraws_everything_and_looks_the_same():
    fig, _ax, _low, _middle, high = toy_figure()
    live = LiveFigure(fig, blit=False)
    high.set_xy((1, 1))
    live.refresh()
    assert live.layer == [] and live.stats.rebuilds == 0
    assert_same_pixels(shown(live), full_draw(fig))


def test_artists_in_walks_dataclasses_mappings_and_lists_but_skips_axes():
    scene = PostureScene()
    found = artists_in(scene.artists)
    assert scene.artists.psoas in found and scene.artists.overview.head in found
    assert all(a in found for a in scene.artists.labels.values())
    assert scene.artists.ax not in found


# --- a burst in the kernel -----------------------------------------------------------------


def test_a_slider_burst_in_the_kernel_settles_on_the_newest_value():
    scene = PostureScene()
    scene.updates = LatestValueWins(lambda _: scene._update_safely(), event_loop=running_loop)  # as in a kernel
    values = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
    in_fresh_loop(lambda loop: [setattr(scene.slider, "value", v) for v in values])
    assert scene.updates.applied == 2 and scene.updates.dropped == len(values) - 2
    assert scene.posture.shortening_pct == pytest.approx(3.0)
    final = PostureScene(3.0)
    assert_same_pixels(shown(scene.live), shown(final.live))  # the picture of the final value
    assert shown_picture(scene.image) == frame_png(scene.live.canvas, scene.live.palette)  # ... and it was sent
