"""One side tighter than the other: the pelvis seen from the front, and each leg's step.

    Each side alone would tilt its half of the pelvis by tau_left or tau_right (posture.py).
    The two halves are one ring joined by the sacroiliac joints, which turn only a little:
    about 1.7 deg on average (Jacob & Kissling 1995), at most about 3.6 deg (Kibsgard 2012) [S].
        twist    = T * tanh((tau_left - tau_right) / T),  T = 3.6 deg   (smooth cap [A])
        common   = (tau_left + tau_right) / 2
        half-pelvis tilts: common +/- twist / 2
    The rest of the difference is taken by the hips (the tighter side's hip stays more flexed,
    the other more extended) [A]; it no longer shows in the pelvis.
    ASIS height on each side = y of that side's ASIS, turned by its half-pelvis tilt about the
    hip joint centre; obliquity = atan(dy / 25.6 cm) (ASIS width, Delp pelvis [S]); the trunk
    leans the other way by the same angle to keep the head over the pelvis [A].
    The step that ends with the LEFT foot in front has the RIGHT leg trailing, so its length
    follows the right hip's extension (gait.py), and vice versa.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import constants as k
from .geometry import rotate_deg
from .posture import Posture, standing_posture


@dataclass(frozen=True)
class Asymmetry:
    """Left and right postures and what they do together."""

    left: Posture
    right: Posture
    asis_height_left_cm: float  # above the hip joint centre
    asis_height_right_cm: float
    pelvic_obliquity_deg: float  # positive: the left ASIS is lower
    trunk_lean_deg: float  # positive: the trunk leans to the right [A]
    step_left_foot_cm: float  # a step that ends with the left foot in front (right leg trails)
    step_right_foot_cm: float
    pelvic_twist_deg: float = 0.0  # left half-pelvis tilted further forward than the right (SI joints)


def pelvic_twist_deg(left_tilt_deg: float, right_tilt_deg: float) -> float:
    """How far the left half of the pelvis turns forward against the right: the sides' wish,
    smoothly capped at the sacroiliac joints' largest measured rotation (3.6 deg)."""
    cap = k.SACROILIAC_MAX_ROTATION_DEG
    return float(cap * np.tanh((left_tilt_deg - right_tilt_deg) / cap))


def asis_height_cm(pelvic_tilt_deg: float) -> float:
    """Height of the ASIS above the hip joint centre for a half-pelvis tilted this far (cm)."""
    return float(rotate_deg(k.ASIS_CM, -pelvic_tilt_deg)[1])


def asymmetry(left_pct: float, right_pct: float, **model) -> Asymmetry:
    """The pelvis and steps for a psoas shortened by ``left_pct`` and ``right_pct`` percent
    (``model``: the keyword parameters of ``standing_posture``)."""
    left, right = standing_posture(left_pct, **model), standing_posture(right_pct, **model)
    twist = pelvic_twist_deg(left.pelvic_tilt_deg, right.pelvic_tilt_deg)
    common = (left.pelvic_tilt_deg + right.pelvic_tilt_deg) / 2.0
    y_left, y_right = asis_height_cm(common + twist / 2.0), asis_height_cm(common - twist / 2.0)
    obliquity = float(np.degrees(np.arctan2(y_right - y_left, k.ASIS_WIDTH_CM)))
    return Asymmetry(
        left=left,
        right=right,
        asis_height_left_cm=y_left,
        asis_height_right_cm=y_right,
        pelvic_obliquity_deg=obliquity,
        trunk_lean_deg=obliquity,
        step_left_foot_cm=right.step_length_cm,
        step_right_foot_cm=left.step_length_cm,
        pelvic_twist_deg=twist,
    )
