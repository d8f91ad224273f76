"""Where the article's three hip and knee complaints are felt, marked on the side view.

The markers sit on computed landmarks (the acetabular rim, the pelvic brim where the psoas
tendon turns, the front of the knee) and move with the posture, but the zones themselves are
schematic: the figure says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.patches import Circle
from matplotlib.text import Annotation

from ..model import Posture
from ..model.geometry import rotate_deg
from . import outlines as o
from . import style as s
from .labels import leader_props

ZONE_COLOUR = "#6a3d9a"  # purple: apart from the psoas red and the tilt blue
RIM_ANGLE_DEG = 35.0  # anterior-superior acetabular rim, pelvis frame [A]


@dataclass
class ZoneArtists:
    rings: dict[str, Circle]
    labels: dict[str, Annotation]


def _zone_points(posture: Posture) -> dict[str, tuple[float, float]]:
    rim = o.ACETABULUM_RADIUS_CM * np.array([np.cos(np.radians(RIM_ANGLE_DEG)), np.sin(np.radians(RIM_ANGLE_DEG))])
    rim_world = rotate_deg(rim, -posture.pelvic_tilt_deg)
    return {
        "impingement": (float(rim_world[0]), float(rim_world[1])),
        "tendinitis": posture.landmarks["psoas_brim"],
    }


TEXT_AT = {"impingement": (11.0, -5.0), "tendinitis": (11.0, -12.0)}
PHONE_TEXT_AT = {"impingement": (11.0, -2.0), "tendinitis": (11.0, -13.0)}  # two lines each on a phone


def build_zones(ax: Axes, posture: Posture, labels: dict[str, str], text_at: dict = TEXT_AT) -> ZoneArtists:
    """Numbered rings at the hip zones, with their names at ``text_at`` (cm)."""
    rings, notes = {}, {}
    for key, point in _zone_points(posture).items():
        ring = Circle(point, 1.6, fill=False, edgecolor=ZONE_COLOUR, lw=2.5, zorder=11)
        ax.add_patch(ring)
        rings[key] = ring
        notes[key] = ax.annotate(
            labels[key], xy=point, xytext=text_at[key], fontsize=s.LABEL_FONT_PT, color=ZONE_COLOUR,
            fontweight="bold", va="center", zorder=12,
            arrowprops={**leader_props(ZONE_COLOUR, 1.2, text_at[key][0] < point[0]), "shrinkB": 6},
        )  # fmt: skip
        notes[key].set_in_layout(False)  # inside the view; in the layout they pushed the title off the top
    ax.text(0.01, 0.01, labels["schematic"], transform=ax.transAxes, fontsize=s.LABEL_FONT_PT - 1, color=s.MUTED_TEXT, ha="left", va="bottom")
    return ZoneArtists(rings, notes)


def update_zones(artists: ZoneArtists, posture: Posture) -> None:
    for key, point in _zone_points(posture).items():
        artists.rings[key].set_center(point)
        artists.labels[key].xy = point
        artists.labels[key].stale = True  # a plain attribute: tell matplotlib (and blitting) it moved


KNEE_NOTE_OFFSET_CM = (14.0, 30.0)  # the knee's name, from the knee (overview cm) ...
PHONE_KNEE_NOTE_OFFSET_CM = (12.0, 22.0)  # ... in the phone's smaller overview: beside the body, left-aligned


def build_knee_zone(
    ax: Axes, knee_xy: tuple[float, float], label: str, offset_cm: tuple[float, float] = KNEE_NOTE_OFFSET_CM, ha: str = "center"
) -> tuple[Circle, Annotation]:
    """A ring at the front of the knee in the whole-body overview, named ``offset_cm`` away."""
    ring = Circle(knee_xy, 5.0, fill=False, edgecolor=ZONE_COLOUR, lw=2.5, zorder=11)
    ax.add_patch(ring)
    relpos = (0.5, 0.0) if ha == "center" else (0.0, 0.0)
    note = ax.annotate(label, xy=knee_xy, xytext=(knee_xy[0] + offset_cm[0], knee_xy[1] + offset_cm[1]), fontsize=s.LABEL_FONT_PT, color=ZONE_COLOUR, fontweight="bold", ha=ha, arrowprops={**leader_props(ZONE_COLOUR, 1.2, False), "relpos": relpos, "shrinkB": 6}, zorder=12)
    return ring, note
