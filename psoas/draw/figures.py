"""Whole figures built from the side view: one posture, or neutral beside anterior tilt.

Figures are made with ``matplotlib.figure.Figure`` (no pyplot), so nothing is shown or kept
in a global figure manager; the caller renders or saves them.
"""

from __future__ import annotations

from typing import Mapping

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from ..model import Posture, standing_posture
from . import style as s
from .overview import build_overview
from .side_view import SideViewArtists, build_ghost, build_side_view

PHONE_HEIGHT_IN = 7.6  # the phone layout: a side view above a panel (portrait) ...
PHONE_SINGLE_HEIGHT_IN = 5.4  # ... or a side view alone
PHONE_PANEL_SHARE = 0.5  # the panel's height, as a share of the side view's


def phone_size(height_in: float) -> tuple[float, float]:
    """A phone figure's size (in): ``style.PHONE_WIDTH_IN`` wide, so that its texts stay
    legible on a phone (``style.shown_text_css_px``), and ``height_in`` tall."""
    return (s.PHONE_WIDTH_IN, height_in)


# The anterior-tilt example: 4 % shortening, an 11.5 deg contracture that the pelvis still
# absorbs by tilting (22 deg), before hip and knee bend.  A display choice, not a model number.
TILT_EXAMPLE_PCT = 4.0


def side_view_with_panel(
    posture: Posture,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
    ghost: Posture | None = None,
    panel_ratio: float | None = None,
    size_in: tuple[float, float] = (7.4, 6.2),
    dpi: int = 90,
    phone: bool = False,
) -> tuple[Figure, SideViewArtists, Axes | None]:
    """The detailed side view of ``posture`` (over a dashed ``ghost`` posture, if given), with an
    empty panel to its right ``panel_ratio`` times a third of its width, for a scene to fill.
    ``phone``: the phone layout (``phone_size``): the panel below the side view, not beside it."""
    if phone:
        size_in, dpi = phone_size(PHONE_HEIGHT_IN if panel_ratio else PHONE_SINGLE_HEIGHT_IN), s.PHONE_DPI
    fig = Figure(figsize=size_in, dpi=dpi, layout="constrained")
    panel = None
    if panel_ratio and phone:
        ax, panel = fig.subplots(2, 1, height_ratios=(3.0, PHONE_PANEL_SHARE * 3.0))
    elif panel_ratio:
        ax, panel = fig.subplots(1, 2, width_ratios=(3.0, panel_ratio))
    else:
        ax = fig.add_subplot()
    if ghost is not None:
        build_ghost(ax, ghost)
    artists = build_side_view(ax, posture, labels)
    if title:
        ax.set_title(title, fontsize=s.TITLE_FONT_PT, color=s.TEXT)
    return fig, artists, panel


def side_view_figure(
    posture: Posture,
    labels: Mapping[str, str] | None = None,
    title: str | None = None,
    ghost: Posture | None = None,
    overview_title: str | None = None,
    size_in: tuple[float, float] = (7.4, 6.2),
    dpi: int = 90,
    overview_options: Mapping | None = None,
    phone: bool = False,
) -> tuple[Figure, SideViewArtists]:
    """The detailed side view, with the whole body beside it when ``overview_title`` is given
    (``overview_options`` go to ``build_overview``: ``view_x``, ``chair``); ``phone``: the body
    below it (``side_view_with_panel``)."""
    options = dict(overview_options or {})
    width = 1.25 * (options["view_x"][1] - options["view_x"][0]) / 72.0 if "view_x" in options else 1.25
    fig, artists, panel = side_view_with_panel(posture, labels, title, ghost, width if overview_title else None, size_in, dpi, phone)
    if panel is not None:
        artists.overview = build_overview(panel, posture, overview_title, **options)
    return fig, artists


def comparison_figure(
    labels: Mapping[str, str] | None = None,
    titles: tuple[str, str] = ("Neutrale bekkenstand", "Voorwaartse bekkenkanteling"),
    tilted_pct: float = TILT_EXAMPLE_PCT,
    dpi: int = 100,
) -> Figure:
    """Neutral standing beside anterior pelvic tilt, side by side."""
    fig = Figure(figsize=(10.4, 6.6), dpi=dpi, layout="constrained")
    neutral = standing_posture(0.0)
    for ax, posture, title in zip(fig.subplots(1, 2), (neutral, standing_posture(tilted_pct)), titles):
        if posture is not neutral:
            build_ghost(ax, neutral)
        build_side_view(ax, posture, labels)
        ax.set_title(title, fontsize=s.TITLE_FONT_PT, color=s.TEXT)
    return fig
