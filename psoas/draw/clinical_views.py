"""Two clinical pictures: the modified Thomas test and a lunge, as simple stick figures.

Thomas test (side view, lying on the table, head to the left): the other knee is held to the
chest; the tested thigh hangs off the table end at the model's Thomas angle, the shank hangs
down.  Lunge (side view, facing right): the back leg, straight, goes as far behind the vertical
as the hip allows with the pelvis held neutral [A]; the front foot lands at the walking lead
angle (23 deg, OpenSim subject01 [C]) and the front knee bends to meet it.  Body sizes from the model's constants; everything else is drawing [A].
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Rectangle
from matplotlib.text import Text

from ..model import constants as k
from . import style as s

LIMB = dict(color=s.BONE_EDGE, lw=7, solid_capstyle="round", solid_joinstyle="round")
TESTED = dict(color=s.PSOAS_FACE, lw=8, solid_capstyle="round", solid_joinstyle="round")
HIP_ABOVE_TABLE_CM = 10.0
POSITIVE_COLOUR = "#8a1c0c"
NEGATIVE_COLOUR = "#1f3b73"


def _unit(angle_deg: float) -> np.ndarray:
    a = np.radians(angle_deg)
    return np.array([np.cos(a), np.sin(a)])


@dataclass
class ThomasArtists:
    thigh: Line2D
    arc: Line2D
    value: Text
    verdict: Text
    labels: dict[str, str] = field(default_factory=dict)


def _thomas_geometry(thigh_angle_deg: float) -> dict[str, np.ndarray]:
    hip = np.array([-4.0, HIP_ABOVE_TABLE_CM])
    knee = hip + k.THIGH_LENGTH_CM * _unit(thigh_angle_deg)
    foot = knee + (0.0, -k.SHANK_LENGTH_CM)
    arc_angles = np.linspace(0.0, thigh_angle_deg, 20)
    arc = hip + 30.0 * np.column_stack([np.cos(np.radians(arc_angles)), np.sin(np.radians(arc_angles))])
    side = 1.0 if thigh_angle_deg >= 0 else -1.0
    return {"thigh": np.array([hip, knee, foot]), "arc": arc, "value_at": knee + (4.0, side * 9.0)}


def build_thomas(ax: Axes, thigh_angle_deg: float, positive: bool, labels: dict[str, str]) -> ThomasArtists:
    """The modified Thomas test with the tested thigh at ``thigh_angle_deg`` (up positive)."""
    ax.set_xlim(-62.0, 58.0)
    ax.set_ylim(-50.0, 52.0)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(labels["thomas_title"], fontsize=s.LABEL_FONT_PT + 1, color=s.TEXT)
    ax.add_patch(Rectangle((-62.0, -8.0), 62.0, 8.0, facecolor="#cfc6b4", edgecolor="#8a7d63"))
    ax.plot([-3.0, -3.0], [-8.0, -30.0], color="#8a7d63", lw=3)
    hip = np.array([-4.0, HIP_ABOVE_TABLE_CM])
    shoulders = np.array([-46.0, 13.0])
    ax.plot(*np.array([hip, shoulders]).T, **LIMB)
    ax.add_patch(Circle((-55.0, 19.0), 9.0, facecolor=s.BONE_FACE, edgecolor=s.BONE_EDGE, lw=1.5))
    other_knee = hip + k.THIGH_LENGTH_CM * _unit(130.0)
    ax.plot(*np.array([hip, other_knee, other_knee + k.SHANK_LENGTH_CM * _unit(-100.0) * 0.8]).T, **LIMB)
    ax.plot([hip[0], 60.0], [hip[1], hip[1]], color=s.REFERENCE_LINE, lw=1.4, ls=s.REFERENCE_DASHES)
    g = _thomas_geometry(thigh_angle_deg)
    (thigh,) = ax.plot(*g["thigh"].T, **TESTED)
    (arc,) = ax.plot(*g["arc"].T, color=s.TILT_ARC, lw=2.0)
    value = ax.text(*g["value_at"], "", fontsize=s.VALUE_FONT_PT, fontweight="bold", color=s.TILT_LINE, va="center")
    verdict = ax.text(-60.0, -46.0, "", fontsize=s.LABEL_FONT_PT, fontweight="bold", va="bottom")
    artists = ThomasArtists(thigh, arc, value, verdict, dict(labels))
    update_thomas(artists, thigh_angle_deg, positive)
    return artists


def update_thomas(artists: ThomasArtists, thigh_angle_deg: float, positive: bool) -> None:
    labels = artists.labels
    g = _thomas_geometry(thigh_angle_deg)
    artists.thigh.set_data(*g["thigh"].T)
    artists.arc.set_data(*g["arc"].T)
    artists.value.set_position(g["value_at"])
    artists.value.set_text(f"{thigh_angle_deg:+.0f}°".replace("-", "−"))
    artists.verdict.set_text(labels["positive"] if positive else labels["negative"])
    artists.verdict.set_color(POSITIVE_COLOUR if positive else NEGATIVE_COLOUR)


@dataclass
class LungeArtists:
    back_leg: Line2D
    front_leg: Line2D
    trunk: Line2D
    head: Circle
    reach: Line2D
    reach_text: Text


def _knee_between(hip: np.ndarray, ankle: np.ndarray) -> np.ndarray:
    """The knee of a leg from ``hip`` to ``ankle`` (two links, thigh and shank), bent forwards."""
    a, b = k.THIGH_LENGTH_CM, k.SHANK_LENGTH_CM
    span = ankle - hip
    d = min(float(np.hypot(*span)), a + b - 1e-9)
    along = span / np.hypot(*span)
    across = np.array([-along[1], along[0]])
    if across[0] < 0:
        across = -across  # the knee goes forwards (+x)
    x = (a**2 - b**2 + d**2) / (2 * d)
    return hip + x * along + np.sqrt(max(a**2 - x**2, 0.0)) * across


def _lunge_geometry(hip_extension_deg: float) -> dict[str, np.ndarray]:
    leg = k.THIGH_LENGTH_CM + k.SHANK_LENGTH_CM
    back = _unit(-90.0 - hip_extension_deg)  # down, and backwards for positive extension
    hip = np.array([0.0, leg * -back[1] + k.ANKLE_HEIGHT_CM])
    back_ankle = hip + leg * back
    drop = hip[1] - k.ANKLE_HEIGHT_CM
    front_ankle = np.array([drop * np.tan(np.radians(k.GAIT_LEAD_LEG_DEG)), k.ANKLE_HEIGHT_CM])
    knee = _knee_between(hip, front_ankle)
    shoulders = hip + (0.0, 52.0)
    return {
        "back_leg": np.array([hip, back_ankle, back_ankle + (-6.0, -k.ANKLE_HEIGHT_CM)]),
        "front_leg": np.array([hip, knee, front_ankle, front_ankle + (20.0, -k.ANKLE_HEIGHT_CM)]),
        "trunk": np.array([hip, shoulders]),
        "head": shoulders + (0.0, 14.0),
        "reach": np.array([(back_ankle[0], -4.0), (0.0, -4.0)]),
    }


def build_lunge(ax: Axes, hip_extension_deg: float, labels: dict[str, str]) -> LungeArtists:
    """A lunge whose back leg goes ``hip_extension_deg`` behind the vertical."""
    ax.set_xlim(-70.0, 90.0)
    ax.set_ylim(-16.0, 168.0)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(labels["lunge_title"], fontsize=s.LABEL_FONT_PT + 1, color=s.TEXT)
    ax.axhline(0.0, color=s.REFERENCE_LINE, lw=1.5)
    g = _lunge_geometry(hip_extension_deg)
    (back_leg,) = ax.plot(*g["back_leg"].T, **TESTED)
    (front_leg,) = ax.plot(*g["front_leg"].T, **LIMB)
    (trunk,) = ax.plot(*g["trunk"].T, **LIMB)
    head = Circle(g["head"], 10.0, facecolor=s.BONE_FACE, edgecolor=s.BONE_EDGE, lw=1.5)
    ax.add_patch(head)
    (reach,) = ax.plot(*g["reach"].T, color=s.TILT_LINE, lw=2.5, marker="|", ms=12)
    reach_text = ax.text(0.0, -7.0, "", ha="center", va="top", fontsize=s.LABEL_FONT_PT, color=s.TILT_LINE)
    artists = LungeArtists(back_leg, front_leg, trunk, head, reach, reach_text)
    update_lunge(artists, hip_extension_deg)
    return artists


def update_lunge(artists: LungeArtists, hip_extension_deg: float) -> None:
    g = _lunge_geometry(hip_extension_deg)
    for name in ("back_leg", "front_leg", "trunk", "reach"):
        getattr(artists, name).set_data(*g[name].T)
    artists.head.set_center(g["head"])
    reach_cm = -g["reach"][0][0]
    artists.reach_text.set_position((0.5 * g["reach"][0][0], -7.0))
    artists.reach_text.set_text(f"{reach_cm:.0f} cm")
