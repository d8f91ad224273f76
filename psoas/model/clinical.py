"""What a clinician would see: the modified Thomas test, the lunge, the hip's flexion margin.

    Thomas test: lying on the table, the other knee held to the chest flattens the lumbar spine
    and tilts the pelvis back by P = 3 deg [A].  The tested thigh hangs at
        theta_thomas = -(E - P)      (deg against the horizontal, up is positive)
    and the test is positive when theta_thomas > 0 (BMC 2021 table) [S2].
    Lunge: the back thigh can go E deg behind the vertical (passive extension beyond neutral
    standing, the pelvis held neutral) [A]; the back knee then lies thigh * sin(E) behind the hip.
    Flexion margin: HIP_FLEXION_LIMIT (120 deg) minus the hip angle already used in standing:
    the room left before the femoral neck meets the acetabular rim (impingement) [A].
"""

from __future__ import annotations

import numpy as np

from . import constants as k
from .posture import Posture


def thomas_thigh_angle_deg(posture: Posture) -> float:
    """Angle of the tested thigh against the horizontal in the modified Thomas test (up +)."""
    return -(posture.hip_extension_deg - k.THOMAS_PELVIC_FLATTENING_DEG)


def thomas_positive(posture: Posture) -> bool:
    """True when the thigh stays above the horizontal: short one-joint hip flexors."""
    return thomas_thigh_angle_deg(posture) > k.THOMAS_POSITIVE_ABOVE_DEG


def lunge_back_knee_cm(posture: Posture) -> float:
    """How far behind the hip the back knee reaches in a lunge (cm; negative: in front)."""
    return float(k.THIGH_LENGTH_CM * np.sin(np.radians(posture.hip_extension_deg)))


def lunge_back_foot_cm(posture: Posture) -> float:
    """How far behind the hip the back foot of a straight back leg reaches (cm; negative: in front)."""
    leg_cm = k.THIGH_LENGTH_CM + k.SHANK_LENGTH_CM
    return float(leg_cm * np.sin(np.radians(posture.hip_extension_deg)))


def flexion_margin_deg(posture: Posture, activity_hip_flexion_deg: float = 0.0) -> float:
    """Hip flexion left before the rim meets the neck, after ``activity_hip_flexion_deg`` of
    thigh flexion on top of the standing pelvis (e.g. a squat, 87.4 deg)."""
    return float(k.HIP_FLEXION_LIMIT_DEG - posture.pelvic_tilt_deg - posture.thigh_flexion_deg - activity_hip_flexion_deg)
