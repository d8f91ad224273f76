"""Issue 16, item 8: the disc's shade shows the psoas's pull as the modest share it is."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402

from psoas.draw import style as s  # noqa: E402
from psoas.draw.forces import DISC_LOADED, _disc_colour  # noqa: E402
from psoas.model import standing_posture  # noqa: E402
from psoas.model.forces import lumbar_load  # noqa: E402


def darkness(colour) -> float:
    """0: the unloaded disc colour, 1: the 'whole load' colour."""
    face, loaded = np.array(to_rgb(s.DISC_FACE)), np.array(to_rgb(DISC_LOADED))
    return float(np.dot(np.array(colour) - face, loaded - face) / np.dot(loaded - face, loaded - face))


def test_the_disc_darkens_by_the_psoas_share_not_from_white_to_dark():
    # The old scale went from the unloaded colour at 60 N to the darkest at 112 N, as if the
    # load had doubled.  Relaxed standing already loads the disc with several hundred newtons
    # (Wilke 1999): 60-110 N on top of 500 N is a tenth to a sixth of the total.
    healthy, top = (darkness(_disc_colour(lumbar_load(standing_posture(p)))) for p in (0.0, 7.5))
    assert 0.05 < healthy < top < 0.2
    assert top - healthy < 0.1


def test_the_shear_label_points_the_way_the_shear_pushes():
    import matplotlib.pyplot as plt

    from psoas.draw.figures import side_view_with_panel
    from psoas.draw.forces import build_force_view, update_force_view

    healthy = standing_posture(0.0)
    fig, side, panel = side_view_with_panel(healthy, {}, "t", healthy, panel_ratio=1.3)
    artists = build_force_view(panel, side, healthy, lumbar_load(healthy), {"title": "", "pull": "p", "compression": "c", "shear": "s"})
    for pct in (0.0, 7.5):
        posture = standing_posture(pct)
        load = lumbar_load(posture)
        update_force_view(artists, posture, load)
        assert artists.shear_text.get_text().endswith("→" if load.shear_n > 0 else "←")
    plt.close(fig)
