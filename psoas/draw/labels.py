"""Labels that name a moving point: the text stays put, only its leader line moves.

A matplotlib ``Annotation`` redraws (and re-rasterises) its text whenever its arrow moves,
about 1 ms a label.  Here the text is a plain ``Text`` that never changes, so a blitting figure
keeps it in the cached background, and a ``Leader`` (a ``Line2D``) runs from the near edge of
the text to the point, re-aimed at each draw.  docs/performance.md has the measurements.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Text

LEADER_GAP_PT = 2.0  # between the text and the start of its leader (Annotation's shrinkA)
LEADER_SHRINK_PT = 1.0  # leader ends this short of the point (Annotation's shrinkB)


def leader_props(colour: str, width: float, text_on_left: bool, gap_pt: float = LEADER_GAP_PT) -> dict:
    """``arrowprops`` for an ``Annotation`` whose leader runs from the near edge of its text.

    ``patchA=None`` skips matplotlib's clipping of the line against the text box (a bisection
    that cost most of a slider step); ``relpos`` starts the line at the text's edge instead.
    """
    relpos = (1.0, 0.5) if text_on_left else (0.0, 0.5)
    return {
        "arrowstyle": "-",
        "color": colour,
        "lw": width,
        "patchA": None,
        "relpos": relpos,
        "shrinkA": gap_pt,
        "shrinkB": LEADER_SHRINK_PT,
    }


class Leader(Line2D):
    """A straight line from the near side edge of ``label`` (at its vertical middle) to
    ``point`` (data coordinates).  ``set_point`` moves the end; the start follows the text's
    drawn box, so it is right for any language, font size or dpi."""

    def __init__(
        self, label: Text, point, gap_pt: float = LEADER_GAP_PT, shrink_pt: float = LEADER_SHRINK_PT, **line_kw
    ):
        x, y = (float(v) for v in point)
        super().__init__([x, x], [y, y], **line_kw)
        self.label = label
        self.point = (x, y)
        self.gap_pt = gap_pt
        self.shrink_pt = shrink_pt
        self._box_key: tuple | None = None
        self._box = None

    def set_point(self, point) -> None:
        """Aim the leader at ``point`` (data coordinates)."""
        self.point = (float(point[0]), float(point[1]))
        self.stale = True

    def label_box(self, renderer):
        """The label's pixel box, measured again only when something it depends on changed
        (measuring a text takes ~0.2 ms; a slider step draws six leaders)."""
        label, ax = self.label, self.axes
        key = (
            renderer.dpi, renderer.width, renderer.height, label.get_text(), label.get_position(),
            label.get_fontsize(), label.get_ha(), label.get_va(), ax.bbox.bounds, ax.viewLim.bounds,
        )  # fmt: skip
        if key != self._box_key:
            self._box_key, self._box = key, label.get_window_extent(renderer).frozen()
        return self._box

    def ends_px(self, renderer) -> np.ndarray:
        """Start and end of the line in display pixels, as they will be drawn."""
        box = self.label_box(renderer)
        to_px = self.axes.transData
        end = np.asarray(to_px.transform(self.point), dtype=float)
        px_per_pt = renderer.points_to_pixels(1.0)
        if end[0] >= box.x1:
            start = np.array([box.x1 + self.gap_pt * px_per_pt, 0.5 * (box.y0 + box.y1)])
        elif end[0] <= box.x0:
            start = np.array([box.x0 - self.gap_pt * px_per_pt, 0.5 * (box.y0 + box.y1)])
        else:  # the point lies above or below the text
            start = np.array([0.5 * (box.x0 + box.x1), box.y0 if end[1] < box.y0 else box.y1])
        direction = end - start
        length = float(np.hypot(*direction))
        if length > self.shrink_pt * px_per_pt:
            end = end - direction / length * self.shrink_pt * px_per_pt
        return np.array([start, end])

    def draw(self, renderer) -> None:
        if not self.get_visible():
            return
        ends = self.axes.transData.inverted().transform(self.ends_px(renderer))
        self.set_data(ends[:, 0], ends[:, 1])
        super().draw(renderer)


def add_label(
    ax: Axes,
    text: str,
    point,
    where,
    colour: str,
    line_colour: str,
    font_pt: float,
    line_width: float = 0.9,
    weight: str = "normal",
    ha: str = "left",
    zorder: float = 1.5,
    line_zorder: float = 8,
) -> tuple[Text, Leader]:
    """A static ``text`` at ``where`` (vertically centred) and a ``Leader`` to ``point``.
    ``zorder`` below the moving shapes keeps the text in a blitting figure's cached background."""
    label = ax.text(*where, text, fontsize=font_pt, color=colour, fontweight=weight, ha=ha, va="center", zorder=zorder)
    leader = Leader(label, point, color=line_colour, lw=line_width, zorder=line_zorder, solid_capstyle="butt")
    ax.add_line(leader)
    return label, leader
