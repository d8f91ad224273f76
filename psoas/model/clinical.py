"""What a clinician would see: the modified Thomas test, the lunge, the hip's flexion margin.

    Thomas test: lying on the table, the other knee held to the chest flattens the lumbar spine
    and tilts the pelvis back by P = 3 deg [A].  The tested thigh hangs at
        theta_thomas = -(E - P)      (deg against the horizontal, up is positive)
    and the test is positive when theta_thomas > 0 (BMC 2021 table) [S2].
    Lunge: the back thigh can go E deg behind the vertical (passive extension beyond neutral
    standing, the pelvis held neutral) [A]; the back knee then lies thigh * sin(E) behind the hip.
    Flexion margin: HIP_FLEXION_LIMIT (120 deg [A]: OpenSim's joint range, not a measured
    impingement angle) minus the hip angle (femur against pelvis) the activity uses: the room
    left before the femoral neck meets the acetabular rim.
        standing:      theta = posture.hip_flexion_deg (the shortened psoas is taut there)
        activity a>0:  theta = max(tau0 + a, theta_x)   theta_x: the hip angle below which the
                       shortened psoas would have to stretch (its limit)
    The shortening counts in an activity only where the psoas is taut at that hip angle: in a
    squat (a = 87.4 deg, Kim 2006) the psoas is about 24.5 cm long, far below its shortened
    limit (29.8 cm at the top of the slider), so it is slack and cannot tilt the pelvis; the squat
    margin stays 120 - 10 - 87.4 = 22.6 deg for every shortening.
"""

from __future__ import annotations

import numpy as np

from . import constants as k
from .posture import HEALTHY_HIP_LIMIT_DEG, Posture
from .smooth import smooth_max


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
    """Hip flexion left before the rim meets the neck, in standing (``activity_hip_flexion_deg``
    = 0) or with the thigh flexed that much from the vertical under a neutral pelvis (a squat:
    87.4 deg).  The shortening counts only where the psoas is taut at the activity's hip angle."""
    if activity_hip_flexion_deg == 0.0:
        hip_deg = posture.hip_flexion_deg
    else:
        psoas_limit_deg = HEALTHY_HIP_LIMIT_DEG + posture.extension_lost_deg  # theta_x
        hip_deg = smooth_max(k.NEUTRAL_PELVIC_TILT_DEG + activity_hip_flexion_deg, psoas_limit_deg)
    return float(k.HIP_FLEXION_LIMIT_DEG - hip_deg)
