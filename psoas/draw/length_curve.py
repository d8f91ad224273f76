"""The psoas length curve over hip angle, with a sport's range and what a shortening costs.

    curve:     L(theta) from the model (static)
    band:      the sport's hip range [theta_ext, theta_flex] (moves when the sport changes)
    lost band: [theta_ext, theta_ext + dE] -- the extension a psoas shortened by s no longer
               reaches, dE = lost extension from the posture model; a healthy person is assumed
               to just reach the sport's own extension [A]
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from ..model import psoas_length_cm
from ..model.psoas_path import HIP_FLEXION_RANGE_DEG
from ..model.sport import SportRange
from . import style as s

Y_CM = (23.0, 34.5)
BAND_COLOUR = "#9fb8cc"
LOST_COLOUR = "#d1452b"


@dataclass
class CurveArtists:
    band: Rectangle
    lost: Rectangle
    ends: Line2D
    band_text: Text
    lost_text: Text
    source: Text
    source_chars: int = 80  # the source line wraps at this many characters ...
    source_lines: int = 1  # ... and takes at least this many lines (the layout keeps room for the longest)
    text_rise_cm: float = 0.0  # the sport's name and the lost degrees this much higher (above a two-line note)


def build_length_curve(
    ax: Axes, item: SportRange, lost_extension_deg: float, labels: dict[str, str], source_chars: int = 80, source_lines: int = 1,
    text_rise_cm: float = 0.0,
) -> CurveArtists:
    """Draw L(theta), the sport's band and the lost part (the source below, ``source_chars`` a line)."""
    angles = np.linspace(*HIP_FLEXION_RANGE_DEG, 151)
    ax.plot(angles, [psoas_length_cm(a) for a in angles], color=s.PSOAS_EDGE, lw=3, zorder=3)
    ax.set_xlim(*HIP_FLEXION_RANGE_DEG)
    ax.set_ylim(*Y_CM)
    ax.set_xlabel(labels["x"], fontsize=s.LABEL_FONT_PT)
    ax.set_ylabel(labels["y"], fontsize=s.LABEL_FONT_PT)
    ax.tick_params(labelsize=s.LABEL_FONT_PT - 1)
    ax.axvline(0.0, color=s.REFERENCE_LINE, lw=1.0, ls=s.REFERENCE_DASHES)
    ax.text(1.0, Y_CM[0] + 0.3, labels["neutral"], fontsize=s.LABEL_FONT_PT - 1, color=s.MUTED_TEXT)
    ax.text(HIP_FLEXION_RANGE_DEG[0] + 2, Y_CM[1] - 0.3, labels["extension"], va="top", fontsize=s.LABEL_FONT_PT - 1, color=s.MUTED_TEXT)
    ax.text(HIP_FLEXION_RANGE_DEG[1] - 2, Y_CM[1] - 0.3, labels["flexion"], va="top", ha="right", fontsize=s.LABEL_FONT_PT - 1, color=s.MUTED_TEXT)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    band = Rectangle((0, Y_CM[0]), 1, Y_CM[1] - Y_CM[0], facecolor=BAND_COLOUR, alpha=0.5, zorder=1)
    lost = Rectangle((0, Y_CM[0]), 1, Y_CM[1] - Y_CM[0], facecolor="none", edgecolor=LOST_COLOUR, hatch="///", lw=0, zorder=2)
    ax.add_patch(band)
    ax.add_patch(lost)
    (ends,) = ax.plot([], [], "o", ms=9, color=s.TILT_LINE, zorder=4)
    band_text = ax.text(0, Y_CM[0] + 1.4, "", ha="center", fontsize=s.LABEL_FONT_PT, color=s.TILT_LINE, fontweight="bold", zorder=5)
    lost_text = ax.text(0, Y_CM[0] + 3.2, "", ha="left", fontsize=s.LABEL_FONT_PT, color=LOST_COLOUR, fontweight="bold", zorder=5)
    source = ax.text(-0.1, -0.16, "\n", transform=ax.transAxes, fontsize=s.LABEL_FONT_PT - 1, color=s.MUTED_TEXT, va="top")
    artists = CurveArtists(band, lost, ends, band_text, lost_text, source, source_chars, source_lines, text_rise_cm)
    update_length_curve(artists, item, lost_extension_deg, labels)
    return artists


def update_length_curve(artists: CurveArtists, item: SportRange, lost_extension_deg: float, labels: dict[str, str]) -> None:
    ext, flex = item.extension_deg, item.flexion_deg
    artists.band.set_x(ext)
    artists.band.set_width(flex - ext)
    lost = min(max(lost_extension_deg, 0.0), flex - ext)
    artists.lost.set_x(ext)
    artists.lost.set_width(lost)
    artists.ends.set_data([ext, flex], [psoas_length_cm(ext), psoas_length_cm(flex)])
    artists.band_text.set_position((0.5 * (ext + flex), Y_CM[0] + 1.4 + artists.text_rise_cm))
    artists.band_text.set_text(labels["name"])
    artists.lost_text.set_position((ext + 1.0, Y_CM[0] + 3.2 + artists.text_rise_cm))
    artists.lost_text.set_text(labels["lost"].format(deg=f"{lost:.0f}") if lost > 0.05 else "")
    lines = textwrap.wrap(labels["source"].format(source=item.source), artists.source_chars)
    artists.source.set_text("\n".join(lines + [""] * (artists.source_lines - len(lines))))
