"""The side view: lumbar spine, pelvis, femur and psoas, built once and updated in place.

``build_side_view(ax, posture, labels)`` draws every artist once and returns their handles;
``update_side_view(artists, posture)`` moves them to a new posture with ``set_xy`` /
``set_data`` / ``set_position`` and creates nothing.  Matplotlib only: no pyplot, no widgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Mapping

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Polygon
from matplotlib.text import Text

from ..model import Posture
from ..model import constants as k
from ..model.geometry import rotate_deg
from . import outlines as o
from . import style as s
from .labels import Leader, add_label
from .overview import OverviewArtists, update_overview

# Dutch defaults; the widgets pass the strings from content/ (psoas.content).
DEFAULT_LABELS = {
    "lumbar": "lendenwervels",
    "pelvis": "bekken",
    "femur": "dijbeen",
    "psoas": "psoas",
    "asis": "SIAS",
    "psis": "SIPS",
}


# Where each label's text sits (cm, world frame).  The texts never move, so a blitting figure
# keeps them in its background; only their leader lines follow the posture.  The places are
# chosen clear of the bones over the whole slider range (PSIS/ASIS: beside their neutral spots).
LABEL_AT_CM = {
    "lumbar": (-23.0, 33.0),
    "pelvis": (-23.0, 17.5),
    "psis": (-23.0, 3.0),
    "asis": (11.5, 12.5),
    "psoas": (12.0, 24.0),
    "femur": (9.0, -19.0),
}


@dataclass
class SideViewArtists:
    """Handles of the side view's artists: everything moves with the posture except the label
    texts (``labels``); their leader lines (``leaders``) do move."""

    ax: Axes
    pelvis: Polygon
    foramen: Polygon
    sacrum: Polygon
    acetabulum: Line2D
    femur: Polygon
    trochanter: Polygon
    tibia: Polygon
    condyle: Circle
    vertebrae: list[Polygon]
    spinous: list[Polygon]
    discs: list[Polygon]
    psoas: Polygon
    tilt_line: Line2D
    reference_line: Line2D
    tilt_arc: Line2D
    tilt_text: Text
    markers: Line2D
    labels: dict[str, Text] = field(default_factory=dict)
    leaders: dict[str, Leader] = field(default_factory=dict)
    overview: OverviewArtists | None = None
    reserve_line: Line2D | None = None  # how far back the thigh can still go (issue 16)

    def moving(self) -> dict:
        """What an update moves (all but the label texts), by field name: for ``LiveFigure(moving=)``."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("ax", "labels")}


# --- geometry of the drawn shapes -----------------------------------------------------------


def _pelvis_to_world(points, posture: Posture) -> np.ndarray:
    return rotate_deg(points, -posture.pelvic_tilt_deg)


def _arc(radius: float, start_deg: float, end_deg: float, n: int = 40) -> np.ndarray:
    t = np.radians(np.linspace(start_deg, end_deg, n))
    return radius * np.column_stack([np.cos(t), np.sin(t)])


def _ellipse(cx: float, cy: float, width: float, height: float, n: int = 28) -> np.ndarray:
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    return np.column_stack([cx + 0.5 * width * np.cos(t), cy + 0.5 * height * np.sin(t)])


RESERVE_COLOUR = "#2f7d4f"
RESERVE_LENGTH_CM = 30.0  # drawn length of the limit line from the hip joint centre


def _reserve_line(posture: Posture) -> np.ndarray:
    """From the hip joint centre along the most extended thigh the shortened psoas allows with
    the pelvis as it stands: theta_x - tilt from the vertical, theta_x = tau0 - E (posture.py).
    While the hip has reserve it lies behind the thigh; once the psoas is taut it is the thigh."""
    limit_deg = k.NEUTRAL_PELVIC_TILT_DEG - posture.hip_extension_deg - posture.pelvic_tilt_deg
    return np.array([(0.0, 0.0), rotate_deg((0.0, -RESERVE_LENGTH_CM), limit_deg)])


def _discs(posture: Posture) -> np.ndarray:
    return np.array([posture.landmarks[name] for name in k.DISC_NAMES])


def _vertebra_shapes(posture: Posture) -> tuple[list[np.ndarray], list[np.ndarray], list[np.ndarray]]:
    """Bodies, spinous processes and discs (polygons, world frame) from the disc centres."""
    discs = _discs(posture)
    bodies, spines = [], []
    for lower, upper in zip(discs[:-1], discs[1:]):
        axis = upper - lower
        length = np.hypot(*axis)
        up = axis / length
        front = np.array([up[1], -up[0]])  # anterior normal
        half_h = 0.5 * (length - o.DISC_HEIGHT_CM)
        half_w = 0.5 * o.VERTEBRA_DEPTH_CM
        mid = 0.5 * (lower + upper)
        bodies.append(
            np.array(
                [
                    mid - half_h * up - half_w * front,
                    mid - half_h * up + half_w * front,
                    mid + half_h * up + half_w * front,
                    mid + half_h * up - half_w * front,
                ]
            )
        )
        root = mid - half_w * front
        tip = root - o.SPINOUS_LENGTH_CM * front - 1.2 * up
        spines.append(np.array([root + 0.9 * up, tip + 0.5 * up, tip - 0.5 * up, root - 1.1 * up]))
    # A disc joins the top of one body to the bottom of the next; L5/S1 sits on the sacrum.
    sacrum = _pelvis_to_world(o.sacrum_outline_cm(), posture)
    disc_polys = [np.array([sacrum[-1], sacrum[0], bodies[0][0], bodies[0][1]])]
    for below, above in zip(bodies[:-1], bodies[1:]):
        disc_polys.append(np.array([below[2], below[3], above[0], above[1]]))
    return bodies, spines, disc_polys


def _psoas_band(path: np.ndarray) -> np.ndarray:
    """Spindle-shaped muscle band round the path: a belly down to the brim, then a tendon."""
    seg = np.hypot(*np.diff(path, axis=0).T)
    dist = np.concatenate([[0.0], np.cumsum(seg)])
    grid = np.linspace(0.0, dist[-1], 60)
    pts = np.column_stack([np.interp(grid, dist, path[:, 0]), np.interp(grid, dist, path[:, 1])])
    belly_end = np.hypot(*(path[1] - path[0])) + 1.5  # just past the brim
    t = np.clip(grid / belly_end, 0.0, 1.0)
    width = np.where(grid < belly_end, 0.9 + 2.6 * np.sin(np.pi * t) ** 0.7, 0.9)
    tangent = np.gradient(pts, axis=0)
    tangent /= np.hypot(*tangent.T)[:, None]
    normal = np.column_stack([-tangent[:, 1], tangent[:, 0]])
    left = pts + 0.5 * width[:, None] * normal
    right = pts - 0.5 * width[:, None] * normal
    return np.vstack([left, right[::-1]])


def _tilt_geometry(posture: Posture) -> tuple[np.ndarray, np.ndarray, np.ndarray, tuple[float, float]]:
    """Extended ASIS-PSIS line, horizontal reference, arc and value position."""
    psis = np.array(posture.landmarks["PSIS"])
    asis = np.array(posture.landmarks["ASIS"])
    direction = (asis - psis) / np.hypot(*(asis - psis))
    radius = np.hypot(*(asis - psis)) + 9.0
    line = np.array([psis - 1.5 * direction, psis + (radius + 2.0) * direction])
    reference = np.array([psis + (-3.0, 0.0), psis + (radius + 3.0, 0.0)])
    angles = np.radians(np.linspace(-posture.pelvic_tilt_deg, 0.0, 24))
    arc = psis + radius * np.column_stack([np.cos(angles), np.sin(angles)])
    mid = np.radians(-0.5 * posture.pelvic_tilt_deg)
    text_at = psis + (radius + 1.2) * np.array([np.cos(mid), np.sin(mid)])
    return line, reference, arc, (float(text_at[0]), float(text_at[1]))


def _label_points(posture: Posture, psoas_path: np.ndarray) -> dict[str, tuple[float, float]]:
    """For each label: the point it names, world frame."""
    lm = posture.landmarks
    discs = _discs(posture)
    spine_point = 0.5 * (discs[3] + discs[4]) + (-2.0, 0.0)
    ilium_point = _pelvis_to_world((-6.0, 11.0), posture)
    femur_point = rotate_deg((1.5, -17.0), posture.thigh_flexion_deg)
    seg = np.hypot(*np.diff(psoas_path, axis=0).T)
    dist = np.concatenate([[0.0], np.cumsum(seg)])
    at = 0.3 * dist[-1]
    psoas_point = (np.interp(at, dist, psoas_path[:, 0]), np.interp(at, dist, psoas_path[:, 1]))
    return {
        "lumbar": tuple(spine_point),
        "pelvis": tuple(ilium_point),
        "psis": lm["PSIS"],
        "asis": lm["ASIS"],
        "psoas": psoas_point,
        "femur": tuple(femur_point),
    }


_SOCKET_CM = _arc(o.ACETABULUM_RADIUS_CM, -200, 60)
_FORAMEN_CM = _ellipse(*o.OBTURATOR_FORAMEN_CM)


# --- build and update -----------------------------------------------------------------------


def _bone(ax: Axes, xy, zorder: float) -> Polygon:
    patch = Polygon(xy, closed=True, facecolor=s.BONE_FACE, edgecolor=s.BONE_EDGE, lw=s.BONE_LINE_WIDTH, zorder=zorder)
    ax.add_patch(patch)
    return patch


def _femur_world(points, posture: Posture) -> np.ndarray:
    return rotate_deg(points, posture.thigh_flexion_deg)


def _tibia_world(points, posture: Posture) -> np.ndarray:
    knee = np.array(posture.landmarks["knee"])
    return rotate_deg(points, posture.thigh_flexion_deg - posture.knee_flexion_deg) + knee


def build_ghost(ax: Axes, posture: Posture) -> None:
    """A dashed outline of a reference posture (drawn once, never updated)."""
    style = dict(closed=True, fill=False, edgecolor="#9a9a9a", lw=1.0, ls=(0, (3, 3)), zorder=1)
    ax.add_patch(Polygon(_pelvis_to_world(o.ILIUM_CM, posture), **style))
    ax.plot(*_discs(posture).T, color="#9a9a9a", lw=1.0, ls=(0, (3, 3)), zorder=1)


def build_side_view(ax: Axes, posture: Posture, labels: Mapping[str, str] | None = None) -> SideViewArtists:
    """Draw the side view of ``posture`` on ``ax`` and return the artists that move."""
    text = {**DEFAULT_LABELS, **(labels or {})}
    ax.set_xlim(*s.VIEW_X_CM)
    ax.set_ylim(*s.VIEW_Y_CM)
    ax.set_aspect("equal")
    ax.set_axis_off()

    bodies, spines, discs = _vertebra_shapes(posture)
    path = np.array(posture.psoas_path)
    line, reference, arc, text_at = _tilt_geometry(posture)

    tibia = _bone(ax, _tibia_world(o.TIBIA_CM, posture), 2)
    femur = _bone(ax, _femur_world(o.FEMUR_SHAFT_CM, posture), 2.2)
    trochanter = _bone(ax, _femur_world(o.GREATER_TROCHANTER_CM, posture), 2.1)
    condyle = Circle(posture.landmarks["knee"], 2.8, facecolor=s.BONE_FACE, edgecolor=s.BONE_EDGE, lw=s.BONE_LINE_WIDTH, zorder=2.3)
    ax.add_patch(condyle)
    pelvis = _bone(ax, _pelvis_to_world(o.ILIUM_CM, posture), 3.2)
    pelvis.set_alpha(0.8)  # the ilium lies lateral to the sacrum: let the sacrum show through
    foramen = Polygon(_pelvis_to_world(_FORAMEN_CM, posture), closed=True, facecolor="white", edgecolor=s.BONE_EDGE, lw=1.0, zorder=3.3)
    ax.add_patch(foramen)
    (acetabulum,) = ax.plot(*_pelvis_to_world(_SOCKET_CM, posture).T, color=s.BONE_EDGE, lw=2.4, zorder=3.4)
    ax.add_patch(Circle((0.0, 0.0), k.FEMORAL_HEAD_RADIUS_CM, facecolor=s.BONE_FACE, edgecolor=s.BONE_EDGE, lw=s.BONE_LINE_WIDTH, zorder=3.5))
    sacrum = _bone(ax, _pelvis_to_world(o.sacrum_outline_cm(), posture), 3)
    sacrum.set_facecolor(s.SACRUM_FACE)
    psoas = Polygon(_psoas_band(path), closed=True, facecolor=s.PSOAS_FACE, edgecolor=s.PSOAS_EDGE, lw=1.2, alpha=0.92, zorder=4)
    ax.add_patch(psoas)
    disc_patches = []
    for xy in discs:
        patch = Polygon(xy, closed=True, facecolor=s.DISC_FACE, edgecolor=s.DISC_EDGE, lw=1.0, zorder=4.5)
        ax.add_patch(patch)
        disc_patches.append(patch)
    vertebrae = [_bone(ax, xy, 5) for xy in bodies]
    spinous = [_bone(ax, xy, 4.9) for xy in spines]

    (reference_line,) = ax.plot(*reference.T, color=s.REFERENCE_LINE, lw=1.4, ls=s.REFERENCE_DASHES, zorder=6)
    (tilt_line,) = ax.plot(*line.T, color=s.TILT_LINE, lw=2.0, zorder=6)
    (tilt_arc,) = ax.plot(*arc.T, color=s.TILT_ARC, lw=2.0, zorder=6)
    tilt_text = ax.text(*text_at, f"{posture.pelvic_tilt_deg:.0f}°", fontsize=s.VALUE_FONT_PT, fontweight="bold", color=s.TILT_LINE, ha="left", va="center", zorder=7)
    marks = np.array([posture.landmarks["ASIS"], posture.landmarks["PSIS"]])
    (markers,) = ax.plot(*marks.T, "o", ms=7, color=s.TILT_LINE, zorder=7)
    (reserve_line,) = ax.plot(*_reserve_line(posture).T, color=RESERVE_COLOUR, lw=2.2, ls=(0, (3, 2.5)), zorder=5.5)

    texts, leaders = {}, {}
    for key, point in _label_points(posture, path).items():
        texts[key], leaders[key] = add_label(
            ax, text[key], point, LABEL_AT_CM[key], colour=s.PSOAS_EDGE if key == "psoas" else s.TEXT,
            line_colour=s.MUTED_TEXT, font_pt=s.LABEL_FONT_PT, weight="bold" if key == "psoas" else "normal",
        )  # fmt: skip

    return SideViewArtists(
        ax=ax, pelvis=pelvis, foramen=foramen, sacrum=sacrum, acetabulum=acetabulum, femur=femur,
        trochanter=trochanter, tibia=tibia, condyle=condyle, vertebrae=vertebrae, spinous=spinous,
        discs=disc_patches, psoas=psoas, tilt_line=tilt_line, reference_line=reference_line,
        tilt_arc=tilt_arc, tilt_text=tilt_text, markers=markers, labels=texts, leaders=leaders,
        reserve_line=reserve_line,
    )  # fmt: skip


def update_side_view(artists: SideViewArtists, posture: Posture) -> None:
    """Move every artist to ``posture`` in place; creates no artist."""
    a = artists
    bodies, spines, discs = _vertebra_shapes(posture)
    path = np.array(posture.psoas_path)
    line, reference, arc, text_at = _tilt_geometry(posture)

    a.tibia.set_xy(_tibia_world(o.TIBIA_CM, posture))
    a.femur.set_xy(_femur_world(o.FEMUR_SHAFT_CM, posture))
    a.trochanter.set_xy(_femur_world(o.GREATER_TROCHANTER_CM, posture))
    a.condyle.set_center(posture.landmarks["knee"])
    a.pelvis.set_xy(_pelvis_to_world(o.ILIUM_CM, posture))
    a.foramen.set_xy(_pelvis_to_world(_FORAMEN_CM, posture))
    a.acetabulum.set_data(*_pelvis_to_world(_SOCKET_CM, posture).T)
    a.sacrum.set_xy(_pelvis_to_world(o.sacrum_outline_cm(), posture))
    a.psoas.set_xy(_psoas_band(path))
    for patch, xy in zip(a.discs, discs):
        patch.set_xy(xy)
    for patch, xy in zip(a.vertebrae, bodies):
        patch.set_xy(xy)
    for patch, xy in zip(a.spinous, spines):
        patch.set_xy(xy)
    a.reference_line.set_data(*reference.T)
    a.tilt_line.set_data(*line.T)
    a.tilt_arc.set_data(*arc.T)
    a.tilt_text.set_position(text_at)
    a.tilt_text.set_text(f"{posture.pelvic_tilt_deg:.0f}°")
    marks = np.array([posture.landmarks["ASIS"], posture.landmarks["PSIS"]])
    a.markers.set_data(*marks.T)
    if a.reserve_line is not None:
        a.reserve_line.set_data(*_reserve_line(posture).T)
    for key, point in _label_points(posture, path).items():
        a.leaders[key].set_point(point)
    if a.overview is not None:
        update_overview(a.overview, posture)
