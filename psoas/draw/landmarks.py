"""The model's drawing with every landmark named (appendix "Hoe werkt het model?")."""

from __future__ import annotations

from typing import Mapping

from matplotlib.figure import Figure

from ..model import standing_posture
from . import style as s
from .labels import leader_props
from .side_view import build_side_view

# landmark -> where its name goes (cm, world frame of neutral standing); left or right column
NAME_AT = {
    "T12/L1": (-23.0, 31.0),
    "L2/3": (-23.0, 25.0),
    "L5/S1": (-23.0, 18.0),
    "PSIS": (-23.0, 9.0),
    "HJC": (-23.0, -4.0),
    "psoas_origin": (11.0, 30.0),
    "psoas_brim": (11.0, 16.0),
    "ASIS": (11.0, 9.0),
    "pubis": (11.0, -8.0),
    "psoas_insertion": (11.0, -15.0),
}


def landmark_figure(names: Mapping[str, str], labels: Mapping[str, str] | None = None, dpi: int = 90) -> Figure:
    """Neutral standing with each model landmark marked and named (``names``: landmark -> text)."""
    posture = standing_posture(0.0)
    fig = Figure(figsize=(7.4, 6.6), dpi=dpi, layout="constrained")
    ax = fig.add_subplot()
    side = build_side_view(ax, posture, labels)
    for artist in [*side.labels.values(), *side.leaders.values()]:
        artist.set_visible(False)  # the landmark names replace the anatomy labels
    for key, where in NAME_AT.items():
        point = posture.landmarks[key]
        ax.plot(*point, "o", ms=7, color="#6a3d9a", zorder=12)
        ax.annotate(
            names[key], xy=point, xytext=where, fontsize=s.LABEL_FONT_PT, color="#6a3d9a", va="center",
            arrowprops={**leader_props("#6a3d9a", 1.0, where[0] < point[0]), "shrinkB": 3}, zorder=12,
        )  # fmt: skip
    return fig
