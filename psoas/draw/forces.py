"""The psoas's pull on the lumbar spine: an arrow at its origin and a small force diagram.

The diagram has its own panel beside the side view: the lumbar axis at L3 (grey), the pull (red),
and its two parts, along the axis (compression, blue) and across it (shear, dark orange).
Built once; ``update_force_view`` moves the arrows with ``FancyArrow.set_data``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrow
from matplotlib.text import Text

from ..model import Posture
from ..model.constants import STANDING_DISC_LOAD_N
from ..model.forces import LumbarLoad
from . import style as s
from .side_view import SideViewArtists

CM_PER_N_ANATOMY = 0.08  # arrow length on the body: 100 N -> 8 cm
CM_PER_N_DIAGRAM = 0.10  # arrow length in the diagram: 100 N -> 10 cm
DIAGRAM_ANCHOR_CM = (0.0, 0.0)  # where the arrows start in the diagram panel
DIAGRAM_X_CM = (-9.0, 9.0)
DIAGRAM_Y_CM = (-15.0, 4.0)
COMPRESSION_COLOUR = "#1f5fa8"
SHEAR_COLOUR = "#b35900"
DISC_LOADED = "#3d5f80"  # disc colour if the whole load were the psoas's
FORCE_RANGE_N = (60.0, 112.0)  # passive force from healthy to the largest shortening [C]


@dataclass
class ForceArtists:
    on_body: FancyArrow
    axis_line: Line2D
    pull: FancyArrow
    compression: FancyArrow
    shear: FancyArrow
    pull_text: Text
    compression_text: Text
    shear_text: Text
    discs: list
    labels: dict = field(default_factory=dict)


def _arrow(ax: Axes, colour: str, width: float, zorder: float = 9) -> FancyArrow:
    arrow = FancyArrow(0, 0, 0, -1, width=width, head_width=3.2 * width, head_length=2.6 * width, length_includes_head=True, color=colour, zorder=zorder)
    ax.add_patch(arrow)
    return arrow


def _vectors(posture: Posture, load: LumbarLoad) -> dict[str, np.ndarray]:
    pull = np.array(load.direction)
    axis = np.array(load.spine_axis)
    across = np.array([axis[1], -axis[0]])  # forwards
    anchor = np.array(DIAGRAM_ANCHOR_CM)
    return {
        "origin": np.array(posture.landmarks["psoas_origin"]),
        "on_body": pull * load.force_n * CM_PER_N_ANATOMY,
        "anchor": anchor,
        "pull": pull * load.force_n * CM_PER_N_DIAGRAM,
        "compression": -axis * load.compression_n * CM_PER_N_DIAGRAM,
        "shear": across * load.shear_n * CM_PER_N_DIAGRAM,
        "axis": np.array([anchor + 2.0 * axis, anchor - 13.0 * axis]),
    }


def _disc_colour(load: LumbarLoad) -> tuple[float, float, float]:
    """Shade by the psoas's share of the disc load: relaxed standing already loads the disc with
    several hundred newtons (Wilke 1999; 500 N [A]), so the passive pull darkens it only a little."""
    compression = max(0.0, load.compression_n)
    t = float(np.clip(compression / (STANDING_DISC_LOAD_N + compression), 0.0, 1.0))
    return tuple((1 - t) * np.array(to_rgb(s.DISC_FACE)) + t * np.array(to_rgb(DISC_LOADED)))


def build_force_view(
    ax: Axes, side: SideViewArtists, posture: Posture, load: LumbarLoad, labels: dict[str, str], room_below_cm: float = 0.0
) -> ForceArtists:
    """Add the pull arrow to the side view and draw the force diagram on the panel ``ax``
    (``room_below_cm`` more below it, for the shear's words when nothing lies under the panel)."""
    v = _vectors(posture, load)
    ax.set_xlim(*DIAGRAM_X_CM)
    ax.set_ylim(DIAGRAM_Y_CM[0] - room_below_cm, DIAGRAM_Y_CM[1])
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(labels["title"], fontsize=s.LABEL_FONT_PT, color=s.MUTED_TEXT)
    (axis_line,) = ax.plot(*v["axis"].T, color="#8a8a8a", lw=6, alpha=0.5, solid_capstyle="round", zorder=8)
    artists = ForceArtists(
        on_body=_arrow(side.ax, s.PSOAS_EDGE, 0.55, zorder=9.5),
        axis_line=axis_line,
        pull=_arrow(ax, s.PSOAS_FACE, 0.45),
        compression=_arrow(ax, COMPRESSION_COLOUR, 0.3),
        shear=_arrow(ax, SHEAR_COLOUR, 0.3),
        pull_text=ax.text(0, 0, "", fontsize=s.LABEL_FONT_PT, color=s.PSOAS_EDGE, fontweight="bold", va="top", zorder=10),
        compression_text=ax.text(0, 0, "", fontsize=s.LABEL_FONT_PT, color=COMPRESSION_COLOUR, ha="right", va="top", zorder=10),
        shear_text=ax.text(0, 0, "", fontsize=s.LABEL_FONT_PT, color=SHEAR_COLOUR, va="top", zorder=10),
        discs=side.discs,
        labels=dict(labels),
    )
    update_force_view(artists, posture, load)
    return artists


def update_force_view(artists: ForceArtists, posture: Posture, load: LumbarLoad) -> None:
    """Move the arrows, numbers and disc colours to ``load``."""
    v = _vectors(posture, load)
    t = artists.labels
    artists.on_body.set_data(x=v["origin"][0], y=v["origin"][1], dx=v["on_body"][0], dy=v["on_body"][1])
    artists.axis_line.set_data(*v["axis"].T)
    x0, y0 = v["anchor"]
    artists.pull.set_data(x=x0, y=y0, dx=v["pull"][0], dy=v["pull"][1])
    artists.compression.set_data(x=x0 - 2.2, y=y0, dx=v["compression"][0], dy=v["compression"][1])
    tip = v["anchor"] + v["compression"] + (-2.2, 0.0)
    artists.shear.set_data(x=tip[0], y=tip[1], dx=v["shear"][0] if abs(v["shear"][0]) > 1e-6 else 1e-6, dy=v["shear"][1])
    artists.pull_text.set_position((x0 + 1.0, y0 + 2.5))
    artists.pull_text.set_text(f"{t['pull']}\n{load.force_n:.0f} N")
    artists.compression_text.set_position((x0 - 2.8, y0 - 1.0))
    artists.compression_text.set_text(f"{t['compression']}\n{load.compression_n:.0f} N")
    artists.shear_text.set_position((x0 + 1.0, tip[1] - 1.0))
    direction = "→" if load.shear_n > 0 else "←"  # x is anterior: forwards points right (item 8)
    artists.shear_text.set_text(f"{t['shear']}\n{abs(load.shear_n):.0f} N {direction}")
    colour = _disc_colour(load)
    for disc in artists.discs:
        disc.set_facecolor(colour)
