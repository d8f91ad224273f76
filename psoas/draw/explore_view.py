"""The explorer's figure: every output of the model against the shortening, with evidence bands.

Six small panels share the x axis (shortening, % of the 32 cm psoas).  Each has a shaded band
where the evidence puts healthy or normal values (the numbers and sources are in the labels, from
``content/strings.*.json``), a dashed grey line for the app's defaults and a red line for the
reader's choice.  Built once; ``update_explore_view`` moves the red lines and the 10 deg
contracture marker.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from ..model import constants as k
from ..model.explore import Curves, contracture_pct
from . import style as s

# (Curves field, title key, band (lo, hi) or None, band label key).  Bands, from the reference:
# tilt 5-15 deg teaching band [A] (Preece 2008); lordosis 60.9 +/- 12 deg (BMC Surgery 2019 table
# [S2]); passive hip extension 7-20 deg (Roach 2015 6.8 [S], Kim 2006 17 [S], AAOS 20 [R]);
# step 66-79 cm (Murray [S2]); passive force of a healthy psoas with a straight hip 33-92 N
# (Rajagopal 2016 and RajagopalLaiUhlrich2023.osim [C]); Thomas test: positive above 0 deg [S2].
PANELS = (
    ("pelvic_tilt_deg", "explore.tilt", (5.0, 15.0), "explore.band.tilt"),
    ("lumbar_lordosis_deg", "explore.lordosis", (60.9 - 12.0, 60.9 + 12.0), "explore.band.lordosis"),
    ("hip_extension_deg", "explore.extension", (7.0, 20.0), "explore.band.extension"),
    ("step_length_cm", "explore.step", (66.0, 79.0), "explore.band.step"),
    ("knee_flexion_deg", "explore.knee", None, ""),
    ("l3_force_n", "explore.force", (k.PASSIVE_FORCE_AT_NEUTRAL_LOW_N, k.PASSIVE_FORCE_AT_NEUTRAL_N), "explore.band.force"),
)
NOW_COLOUR = s.PSOAS_FACE
DEFAULT_COLOUR = "#8a8a8a"
BAND_COLOUR = "#9fc5a8"
CHECK_COLOUR = "#1f3b73"


@dataclass
class ExploreArtists:
    lines: dict[str, Line2D]
    contracture_marker: Line2D  # vertical line at the 10 deg contracture, on the step panel
    check_band: object  # the 4-12 cm band below the healthy step


def build_explore_view(now: Curves, default: Curves, text: Mapping[str, str], dpi: int = 80) -> tuple[Figure, ExploreArtists]:
    """The six panels for ``now`` over the app's ``default`` curves."""
    fig = Figure(figsize=(9.6, 6.4), dpi=dpi, layout="constrained")
    axes = fig.subplots(2, 3, sharex=True)
    lines = {}
    for ax, (name, title, band, band_key) in zip(axes.flat, PANELS):
        if band:
            ax.axhspan(*band, color=BAND_COLOUR, alpha=0.45, lw=0, label=text[band_key])
        ax.plot(default.shortening_pct, getattr(default, name), color=DEFAULT_COLOUR, lw=1.6, ls=(0, (4, 3)), label=text["explore.default_line"])
        (lines[name],) = ax.plot(now.shortening_pct, getattr(now, name), color=NOW_COLOUR, lw=2.4, label=text["explore.now_line"])
        ax.set_title(text[title], fontsize=s.LABEL_FONT_PT, color=s.TEXT)
        ax.tick_params(labelsize=11)
        ax.grid(True, lw=0.5, alpha=0.4)
        if band:
            ax.legend(handles=ax.patches[:1], fontsize=9, loc="best", frameon=False)
    for ax in axes[1]:
        ax.set_xlabel(text["explore.x"], fontsize=11)
    step_ax = axes.flat[3]
    healthy = float(default.step_length_cm[0])
    lo, hi = k.GAIT_CONTRACTURE_STEP_LOSS_CM
    check_band = step_ax.axhspan(healthy - hi, healthy - lo, color=CHECK_COLOUR, alpha=0.12, lw=0, label=text["explore.band.contracture"])
    contracture_marker = step_ax.axvline(0.0, color=CHECK_COLOUR, lw=1.2, ls=":")
    step_ax.legend(handles=[step_ax.patches[0], check_band], fontsize=9, loc="lower left", frameon=False)
    step_ax.set_ylim(40.0, 80.0)
    fig.legend(handles=[lines["pelvic_tilt_deg"], axes.flat[0].lines[0]], labels=[text["explore.now_line"], text["explore.default_line"]],
               loc="outside lower center", ncols=2, fontsize=11, frameon=False)  # fmt: skip
    artists = ExploreArtists(lines=lines, contracture_marker=contracture_marker, check_band=check_band)
    update_explore_view(artists, now)
    return fig, artists


def update_explore_view(artists: ExploreArtists, now: Curves) -> None:
    """Move the red lines and the contracture marker to ``now``."""
    for name, line in artists.lines.items():
        line.set_data(now.shortening_pct, getattr(now, name))
        ax = line.axes
        if name != "step_length_cm":
            ax.relim()
            ax.autoscale_view()
    pct = contracture_pct(now)
    artists.contracture_marker.set_visible(pct is not None)
    artists.contracture_marker.set_xdata([pct or 0.0, pct or 0.0])
