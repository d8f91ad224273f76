"""One side tighter than the other: the pelvis seen from the front, and each leg's step.

    Each half of the pelvis follows its own side's tilt [A] (the sacroiliac joints allow the
    two halves to turn a little against each other; the model lets them turn fully).
    ASIS height on each side = y of that side's ASIS; obliquity = atan(dy / 25.6 cm) (ASIS width,
    Delp pelvis [S]); the trunk leans the other way by the same angle to keep the head over the
    pelvis [A].
    The step that ends with the LEFT foot in front has the RIGHT leg trailing, so its length
    follows the right hip's extension (rule 6), and vice versa.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import constants as k
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


def asymmetry(left_pct: float, right_pct: float) -> Asymmetry:
    """The pelvis and steps for a psoas shortened by ``left_pct`` and ``right_pct`` percent."""
    left, right = standing_posture(left_pct), standing_posture(right_pct)
    y_left, y_right = left.landmarks["ASIS"][1], right.landmarks["ASIS"][1]
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
    )
