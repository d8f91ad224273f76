"""The whole body, small and to scale, beside the detailed side view.

It shows what the detail cannot: the knee bending and the body sinking in a crouch, and where
the detail sits on the body (a dashed frame).  Coordinates are the model's world frame shifted
so that the floor is at y = 0 and the ankle at x = 0.  Built once, updated in place.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Polygon

from ..model import Posture
from ..model import constants as k
from ..model.geometry import rotate_deg
from . import outlines as o
from . import style as s

VIEW_X_CM = (-36.0, 36.0)
VIEW_Y_CM = (-4.0, 184.0)
HEAD_RADIUS_CM = 10.0  # drawing only [A]


@dataclass
class OverviewArtists:
    """Handles of the overview's moving artists."""

    leg: Line2D
    foot: Line2D
    spine: Line2D
    trunk: Line2D
    head: Circle
    pelvis: Polygon
    psoas: Line2D
    frame: Line2D


def _shift(posture: Posture) -> np.ndarray:
    ankle = np.array(posture.landmarks["ankle"])
    return np.array([-ankle[0], k.ANKLE_HEIGHT_CM - ankle[1]])


def _kyphosis(lower: np.ndarray, upper: np.ndarray, n: int = 12) -> np.ndarray:
    """The thoracic spine as a gentle curve bulging backwards (drawing only [A])."""
    t = np.linspace(0.0, 1.0, n)[:, None]
    bulge = 0.5 * (lower + upper) + (-6.0, 0.0)
    return (1 - t) ** 2 * lower + 2 * (1 - t) * t * bulge + t**2 * upper


def to_overview(posture: Posture, point) -> tuple[float, float]:
    """A world point in the overview's frame (floor at y = 0, ankle at x = 0)."""
    x, y = np.asarray(point, dtype=float) + _shift(posture)
    return float(x), float(y)


def _geometry(posture: Posture) -> dict[str, np.ndarray]:
    lm = {name: np.array(xy) + _shift(posture) for name, xy in posture.landmarks.items()}
    spine = np.array([lm[name] for name in k.DISC_NAMES])
    head_centre = lm["head_top"] - (0.0, HEAD_RADIUS_CM)
    x0, x1 = s.VIEW_X_CM
    y0, y1 = s.VIEW_Y_CM
    frame = np.array([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)]) + _shift(posture)
    return {
        "leg": np.array([lm["HJC"], lm["knee"], lm["ankle"]]),
        "foot": np.array([lm["heel"], lm["ankle"], lm["toe"], lm["heel"]]),
        "spine": spine,
        "trunk": np.vstack([_kyphosis(spine[-1], lm["C7"]), head_centre]),
        "head": head_centre,
        "pelvis": rotate_deg(o.ILIUM_CM, -posture.pelvic_tilt_deg) + _shift(posture),
        "psoas": np.array(posture.psoas_path) + _shift(posture),
        "frame": frame,
    }


CHAIR_SEAT_HEIGHT_CM = k.ANKLE_HEIGHT_CM + k.SHANK_LENGTH_CM - 9.0  # under the sitting bones [A]


def build_chair(ax: Axes) -> None:
    """A plain chair behind the feet, its seat where the model sits down [A]."""
    seat_x = (-64.0, -22.0)
    chair = dict(color="#8a7d63", lw=4, solid_capstyle="round", zorder=0.5)
    ax.plot(seat_x, [CHAIR_SEAT_HEIGHT_CM] * 2, **chair)
    ax.plot([seat_x[0]] * 2, [0.0, CHAIR_SEAT_HEIGHT_CM + 42.0], **chair)
    ax.plot([seat_x[1]] * 2, [0.0, CHAIR_SEAT_HEIGHT_CM], **chair)


def build_overview(
    ax: Axes, posture: Posture, title: str = "hele lichaam", view_x: tuple[float, float] = VIEW_X_CM, chair: bool = False
) -> OverviewArtists:
    """Draw the whole body of ``posture`` on ``ax`` (with a chair behind it if ``chair``)."""
    if chair:
        build_chair(ax)
    ax.set_xlim(*view_x)
    ax.set_ylim(*VIEW_Y_CM)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(title, fontsize=s.LABEL_FONT_PT, color=s.MUTED_TEXT)
    g = _geometry(posture)
    ax.axhline(0.0, color=s.REFERENCE_LINE, lw=1.5)
    bone = dict(color=s.BONE_EDGE, solid_capstyle="round", solid_joinstyle="round")
    (leg,) = ax.plot(*g["leg"].T, lw=5, **bone)
    (foot,) = ax.plot(*g["foot"].T, lw=3, **bone)
    (trunk,) = ax.plot(*g["trunk"].T, lw=5, **bone)
    (spine,) = ax.plot(*g["spine"].T, lw=5, **bone)
    head = Circle(g["head"], HEAD_RADIUS_CM, facecolor=s.BONE_FACE, edgecolor=s.BONE_EDGE, lw=1.5, zorder=3)
    ax.add_patch(head)
    pelvis = Polygon(g["pelvis"], closed=True, facecolor=s.BONE_FACE, edgecolor=s.BONE_EDGE, lw=1.0)
    ax.add_patch(pelvis)
    (psoas,) = ax.plot(*g["psoas"].T, color=s.PSOAS_FACE, lw=3, solid_capstyle="round")
    (frame,) = ax.plot(*g["frame"].T, color=s.TILT_LINE, lw=1.0, ls=(0, (3, 2)))
    return OverviewArtists(leg=leg, foot=foot, spine=spine, trunk=trunk, head=head, pelvis=pelvis, psoas=psoas, frame=frame)


def update_overview(artists: OverviewArtists, posture: Posture) -> None:
    """Move the overview to ``posture`` in place."""
    g = _geometry(posture)
    for name in ("leg", "foot", "spine", "trunk", "psoas", "frame"):
        getattr(artists, name).set_data(*g[name].T)
    artists.head.set_center(g["head"])
    artists.pelvis.set_xy(g["pelvis"])
