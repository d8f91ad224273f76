"""Small multiples for the summary: the side view and three gauges that one slider drives.

Gauges are horizontal bars: the healthy value as a grey outline, the current value filled.
Built once; ``update_dashboard`` changes bar widths and texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from . import style as s

BAR_HEIGHT = 0.6


@dataclass
class Gauge:
    bars: list[Rectangle]
    texts: list[Text]
    unit: str


def build_gauge(ax: Axes, title: str, names: list[str], healthy: list[float], now: list[float], limits: tuple[float, float], unit: str, colours: list[str]) -> Gauge:
    """Bars for ``names``: healthy (outline) and now (filled)."""
    ax.set_title(title, fontsize=s.LABEL_FONT_PT, color=s.TEXT, loc="left")
    ax.set_xlim(*limits)
    ax.set_ylim(-0.7, len(names) - 0.3)
    ax.set_yticks(range(len(names)), names, fontsize=s.LABEL_FONT_PT - 1)
    ax.tick_params(axis="x", labelsize=s.LABEL_FONT_PT - 1)
    ax.axvline(0.0, color=s.REFERENCE_LINE, lw=1.0)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    bars, texts = [], []
    for row, (value, colour) in enumerate(zip(healthy, colours)):
        ax.add_patch(Rectangle((0, row - BAR_HEIGHT / 2), value, BAR_HEIGHT, fill=False, edgecolor="#6f6f6f", ls=(0, (3, 2)), lw=1.2, zorder=3))
        bar = Rectangle((0, row - BAR_HEIGHT / 2), 0, BAR_HEIGHT, facecolor=colour, alpha=0.85, zorder=2)
        ax.add_patch(bar)
        bars.append(bar)
        texts.append(ax.text(0, row, "", va="center", fontsize=s.LABEL_FONT_PT - 1, fontweight="bold", zorder=4))
    gauge = Gauge(bars, texts, unit)
    update_gauge(gauge, now, limits)
    return gauge


def update_gauge(gauge: Gauge, now: list[float], limits: tuple[float, float]) -> None:
    span = limits[1] - limits[0]
    for bar, text, value in zip(gauge.bars, gauge.texts, now):
        bar.set_width(value)
        end = max(value, 0.0)
        text.set_position((end + 0.02 * span, bar.get_y() + BAR_HEIGHT / 2))
        text.set_text(f"{value:.0f}{gauge.unit}")
