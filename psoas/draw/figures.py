"""Whole figures built from the side view: one posture, or neutral beside anterior tilt.

Figures are made with ``matplotlib.figure.Figure`` (no pyplot), so nothing is shown or kept
in a global figure manager; the caller renders or saves them.
"""

from __future__ import annotations

from typing import Mapping

from matplotlib.figure import Figure

from ..model import Posture, standing_posture
from . import style as s
from .side_view import SideViewArtists, build_ghost, build_side_view

# The anterior-tilt example: 4 % shortening, an 11.5 deg contracture that the pelvis still
# absorbs by tilting (22 deg), before hip and knee bend.  A display choice, not a model number.
TILT_EXAMPLE_PCT = 4.0


def side_view_figure(
    posture: Posture,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
    ghost: Posture | None = None,
    size_in: tuple[float, float] = (5.4, 7.6),
    dpi: int = 100,
) -> tuple[Figure, SideViewArtists]:
    """A one-panel figure of ``posture``, optionally over a dashed ``ghost`` posture."""
    fig = Figure(figsize=size_in, dpi=dpi, layout="constrained")
    ax = fig.add_subplot()
    if ghost is not None:
        build_ghost(ax, ghost)
    artists = build_side_view(ax, posture, labels)
    if title:
        ax.set_title(title, fontsize=s.TITLE_FONT_PT, color=s.TEXT)
    return fig, artists


def comparison_figure(
    labels: Mapping[str, str] | None = None,
    titles: tuple[str, str] = ("Neutrale bekkenstand", "Voorwaartse bekkenkanteling"),
    tilted_pct: float = TILT_EXAMPLE_PCT,
    dpi: int = 100,
) -> Figure:
    """Neutral standing beside anterior pelvic tilt, side by side."""
    fig = Figure(figsize=(10.4, 8.0), dpi=dpi, layout="constrained")
    neutral = standing_posture(0.0)
    for ax, posture, title in zip(fig.subplots(1, 2), (neutral, standing_posture(tilted_pct)), titles):
        if posture is not neutral:
            build_ghost(ax, neutral)
        build_side_view(ax, posture, labels)
        ax.set_title(title, fontsize=s.TITLE_FONT_PT, color=s.TEXT)
    return fig
