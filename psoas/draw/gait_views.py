"""One-sided tightness: the pelvis seen from the front, and the footprints of a few steps.

Front view (cm, the point between the hip joints at the origin; the viewer's left is the
person's right, and the figure says so): the pelvis is drawn as one rigid schematic shape [A],
turned by the computed obliquity and lifted to the mean ASIS height; the lumbar spine leaves the
pelvis at right angles and bends back so the head stays over the middle (the compensation) [A];
legs hang straight.  Footprints (top view): the last few steps, healthy in grey above, now below.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Polygon
from matplotlib.text import Text

from ..model import constants as k
from ..model.asymmetry import Asymmetry
from ..model.geometry import rotate_deg
from . import style as s

HIP_HALF_WIDTH_CM = 8.35  # HJC z = 0.0835 m in the Delp model [S]
HALF_PELVIS_CM = np.array([(0.0, 10.0), (3.5, 12.0), (9.0, 15.5), (14.0, 13.0), (12.8, 6.6), (10.5, 3.0), (11.0, -1.0), (8.0, -7.5), (4.0, -8.5), (1.2, -5.5), (0.0, -5.2)])  # [A]
FOOT_LENGTH_DRAWN_CM = 24.0
FOOT_WIDTH_CM = 9.0
STEPS_SHOWN = 4
TRACK_HALF_WIDTH_CM = 9.0  # feet 18 cm apart [A]
FRONT_X_CM = (-34.0, 34.0)
FRONT_Y_CM = (-48.0, 86.0)


def _pelvis_outline() -> np.ndarray:
    right_side = HALF_PELVIS_CM * (-1.0, 1.0)  # the person's right is the viewer's left
    return np.vstack([HALF_PELVIS_CM[::-1], right_side[1:-1]])


def _ellipse(cx: float, cy: float, width: float, height: float, n: int = 24) -> np.ndarray:
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    return np.column_stack([cx + 0.5 * width * np.cos(t), cy + 0.5 * height * np.sin(t)])


@dataclass
class FrontArtists:
    pelvis: Polygon
    asis_line: Line2D
    asis_marks: Line2D
    spine: Line2D
    head: Circle
    angle_text: Text
    decimal_mark: str = ","


@dataclass
class FootprintArtists:
    healthy: list[Polygon]
    now: list[Polygon]
    step_texts: list[Text]
    offset_cm: float  # unused spacing, kept for symmetry with other views


def _front_geometry(a: Asymmetry) -> dict[str, np.ndarray | float]:
    lift = 0.5 * (a.asis_height_left_cm + a.asis_height_right_cm) - k.ASIS_CM[1]
    pelvis = rotate_deg(_pelvis_outline(), a.pelvic_obliquity_deg) + (0.0, lift)
    half = 0.5 * k.ASIS_WIDTH_CM
    asis = np.array([(-half, a.asis_height_right_cm), (half, a.asis_height_left_cm)])
    base = rotate_deg((0.0, 10.0), a.pelvic_obliquity_deg) + (0.0, lift)
    up = rotate_deg((0.0, 1.0), a.pelvic_obliquity_deg)
    shoulders = np.array([0.0, 62.0])
    t = np.linspace(0, 1, 20)[:, None]
    control = base + 22.0 * up
    spine = (1 - t) ** 2 * base + 2 * (1 - t) * t * control + t**2 * shoulders
    return {"pelvis": pelvis, "asis": asis, "spine": spine, "head": shoulders + (0.0, 12.0)}


def build_front_view(ax: Axes, a: Asymmetry, labels: dict[str, str]) -> FrontArtists:
    """The pelvis, legs, spine and head seen from the front."""
    ax.set_xlim(*FRONT_X_CM)
    ax.set_ylim(*FRONT_Y_CM)
    ax.set_aspect("equal")
    ax.set_axis_off()
    g = _front_geometry(a)
    for side in (-1, 1):
        ax.plot([side * HIP_HALF_WIDTH_CM, side * (HIP_HALF_WIDTH_CM + 2.0)], [0.0, -38.0], color=s.BONE_EDGE, lw=7, solid_capstyle="round", zorder=1)
    ax.axhline(0.5 * (a.asis_height_left_cm + a.asis_height_right_cm), color=s.REFERENCE_LINE, lw=1.2, ls=s.REFERENCE_DASHES, zorder=1)
    pelvis = Polygon(g["pelvis"], closed=True, facecolor=s.BONE_FACE, edgecolor=s.BONE_EDGE, lw=s.BONE_LINE_WIDTH, zorder=2)
    ax.add_patch(pelvis)
    (asis_line,) = ax.plot(*g["asis"].T, color=s.TILT_LINE, lw=2.0, zorder=3)
    (asis_marks,) = ax.plot(*g["asis"].T, "o", ms=8, color=s.TILT_LINE, zorder=4)
    (spine,) = ax.plot(*g["spine"].T, color=s.BONE_EDGE, lw=6, solid_capstyle="round", zorder=2)
    head = Circle(g["head"], 10.0, facecolor=s.BONE_FACE, edgecolor=s.BONE_EDGE, lw=1.5, zorder=3)
    ax.add_patch(head)
    ax.text(-HIP_HALF_WIDTH_CM - 2, -44, labels["right"], ha="center", va="top", fontsize=s.LABEL_FONT_PT)
    ax.text(HIP_HALF_WIDTH_CM + 2, -44, labels["left"], ha="center", va="top", fontsize=s.LABEL_FONT_PT)
    ax.text(FRONT_X_CM[0] + 1, FRONT_Y_CM[1] - 1, labels["front_title"], ha="left", va="top", fontsize=s.LABEL_FONT_PT, color=s.MUTED_TEXT)
    angle_text = ax.text(FRONT_X_CM[1] - 1, 8.0, "", ha="right", va="bottom", fontsize=s.VALUE_FONT_PT, fontweight="bold", color=s.TILT_LINE)
    artists = FrontArtists(pelvis, asis_line, asis_marks, spine, head, angle_text, labels.get("mark", ","))
    update_front_view(artists, a)
    return artists


def update_front_view(artists: FrontArtists, a: Asymmetry) -> None:
    g = _front_geometry(a)
    artists.pelvis.set_xy(g["pelvis"])
    artists.asis_line.set_data(*g["asis"].T)
    artists.asis_marks.set_data(*g["asis"].T)
    artists.spine.set_data(*g["spine"].T)
    artists.head.set_center(g["head"])
    artists.angle_text.set_text(f"{abs(a.pelvic_obliquity_deg):.1f}°".replace(".", artists.decimal_mark))


def _footprints(step_left_cm: float, step_right_cm: float) -> list[tuple[float, float]]:
    """Heel positions walking towards the viewer: x across (the person's left is +x, drawn on
    the viewer's right), y forwards = down the page.  The left foot starts at y = 0."""
    feet, y = [], 0.0
    for i in range(STEPS_SHOWN + 1):
        left = i % 2 == 0
        feet.append((TRACK_HALF_WIDTH_CM if left else -TRACK_HALF_WIDTH_CM, y))
        y -= step_right_cm if left else step_left_cm  # the next foot lands in front
    return feet


def _foot(x: float, y: float) -> np.ndarray:
    return _ellipse(x, y - 0.5 * FOOT_LENGTH_DRAWN_CM, FOOT_WIDTH_CM, FOOT_LENGTH_DRAWN_CM)


def build_footprints(ax: Axes, healthy: Asymmetry, now: Asymmetry, labels: dict[str, str]) -> FootprintArtists:
    """Footprints of a few steps: healthy as grey outlines, now filled (right foot red)."""
    reach = -_footprints(healthy.step_left_foot_cm, healthy.step_right_foot_cm)[-1][1] + FOOT_LENGTH_DRAWN_CM
    ax.set_xlim(-30.0, 30.0)
    ax.set_ylim(-reach - 6.0, 14.0)
    ax.set_aspect("equal")
    ax.set_axis_off()
    healthy_patches, now_patches, texts = [], [], []
    for x, y in _footprints(now.step_left_foot_cm, now.step_right_foot_cm):
        colour = s.TILT_LINE if x > 0 else s.PSOAS_FACE
        patch = Polygon(_foot(x, y), closed=True, facecolor=colour, edgecolor="none", alpha=0.85, zorder=2)
        ax.add_patch(patch)
        now_patches.append(patch)
    for x, y in _footprints(healthy.step_left_foot_cm, healthy.step_right_foot_cm):
        patch = Polygon(_foot(x, y), closed=True, fill=False, edgecolor="#6f6f6f", lw=1.2, ls=(0, (3, 2)), zorder=3)
        ax.add_patch(patch)
        healthy_patches.append(patch)
    for _ in range(STEPS_SHOWN):
        texts.append(ax.text(0, 0, "", ha="center", va="center", fontsize=s.LABEL_FONT_PT, zorder=4))
    ax.text(0.0, 12.0, labels["now_steps"], ha="center", va="top", fontsize=s.LABEL_FONT_PT, color=s.TEXT)
    ax.text(0.0, -reach - 4.0, labels["healthy_steps"], ha="center", va="top", fontsize=s.LABEL_FONT_PT - 1, color=s.MUTED_TEXT)
    artists = FootprintArtists(healthy_patches, now_patches, texts, 0.0)
    update_footprints(artists, now)
    return artists


def update_footprints(artists: FootprintArtists, now: Asymmetry) -> None:
    feet = _footprints(now.step_left_foot_cm, now.step_right_foot_cm)
    for patch, (x, y) in zip(artists.now, feet):
        patch.set_xy(_foot(x, y))
    for text, (_, y0), (x1, y1) in zip(artists.step_texts, feet[:-1], feet[1:]):
        side = 1.0 if x1 > 0 else -1.0
        text.set_position((side * 22.0, 0.5 * (y0 + y1) - 0.5 * FOOT_LENGTH_DRAWN_CM))
        text.set_text(f"{y0 - y1:.0f} cm")
