"""The appendix's figure names every landmark of the model, inside the picture."""

from psoas.draw.landmarks import NAME_AT, landmark_figure


def test_every_landmark_is_named_inside_the_view():
    names = {key: f"naam-{i}" for i, key in enumerate(NAME_AT)}
    fig = landmark_figure(names)
    fig.canvas.draw()
    ax = fig.axes[0]
    shown = {t.get_text(): t for t in ax.texts if t.get_visible()}
    assert set(names.values()) <= set(shown)
    frame = ax.get_window_extent()
    for text in names.values():
        box = shown[text].get_window_extent()
        assert frame.x0 - 1 <= box.x0 and box.x1 <= frame.x1 + 1, text
