"""The psoas as a line: lumbar origin -> pelvic brim -> over the femoral head -> lesser trochanter.

Symbols (all in the pelvis frame, cm, origin at the hip joint centre):

    O   origin, 1 cm in front of the L2/3 disc centre (neutral lumbar shape)
    B   via point on the pelvic brim (iliopubic eminence)
    I   insertion on the lesser trochanter, I = R(theta) I0, theta = hip flexion
    L(theta) = |O B| + wrap(B -> I round the femoral head, radius 2.4 cm)
    r(theta) = -dL/dtheta  (moment arm, cm per radian)

As in the OpenSim models the reference draws on, the origin is fixed to the pelvis frame, so the
length depends on the hip angle only (docs/model.md discusses what this leaves out).
"""

from __future__ import annotations

import numpy as np

from . import constants as k
from .geometry import polyline_length, rotate_deg, wrap_clockwise

PSOAS_ORIGIN_CM = tuple(np.add(k.DISC_CENTRES_CM[k.PSOAS_ORIGIN_DISC_INDEX], k.PSOAS_ORIGIN_OFFSET_CM))
# Where the path is defined and the length falls monotonically with flexion [C]; beyond 110 deg
# a single fixed via point no longer describes the muscle (OpenSim hip range -30..120 deg [S]).
HIP_FLEXION_RANGE_DEG = (-40.0, 110.0)


def _check_hip_angle(hip_flexion_deg: float) -> float:
    value = float(hip_flexion_deg)
    lo, hi = HIP_FLEXION_RANGE_DEG
    if not (lo <= value <= hi):  # also rejects NaN
        raise ValueError(f"hip_flexion_deg must lie between {lo:g} and {hi:g} degrees, got {hip_flexion_deg!r}")
    return value


def psoas_path_pelvis_frame(hip_flexion_deg: float) -> np.ndarray:
    """Polyline of the psoas in the pelvis frame (origin first, insertion last)."""
    angle = _check_hip_angle(hip_flexion_deg)
    insertion = rotate_deg(k.PSOAS_INSERTION_CM, angle)
    lower = wrap_clockwise(k.PSOAS_BRIM_CM, insertion, k.FEMORAL_HEAD_RADIUS_CM)
    return np.vstack([PSOAS_ORIGIN_CM, lower])


def psoas_length_cm(hip_flexion_deg: float) -> float:
    """Psoas muscle-tendon length (cm) at a hip angle between femur and pelvis.

    Flexion is positive, extension negative; 0 deg is the femur perpendicular to the ASIS-PSIS
    line (OpenSim's convention).  The lumbar spine keeps its neutral shape.
    """
    return polyline_length(psoas_path_pelvis_frame(hip_flexion_deg))


def psoas_moment_arm_cm(hip_flexion_deg: float, step_deg: float = 0.5) -> float:
    """Flexion moment arm (cm): -dL/dtheta by central difference, theta in radians."""
    angle = _check_hip_angle(hip_flexion_deg)
    lo, hi = HIP_FLEXION_RANGE_DEG
    a, b = max(lo, angle - step_deg), min(hi, angle + step_deg)
    return -(psoas_length_cm(b) - psoas_length_cm(a)) / np.radians(b - a)


def hip_angle_at_length_deg(length_cm: float, tolerance_cm: float = 1e-12) -> float:
    """Hip flexion (deg) at which the psoas has ``length_cm``; inverse of ``psoas_length_cm``.

    The length falls monotonically with flexion over the defined range.  Regula falsi with the
    Illinois rule (the root stays bracketed, as in bisection, but ~8 lengths instead of 60)
    until the length is within ``tolerance_cm`` (1e-12 cm: ~1e-10 deg).
    """
    lo, hi = HIP_FLEXION_RANGE_DEG
    f_lo, f_hi = psoas_length_cm(lo) - length_cm, psoas_length_cm(hi) - length_cm
    if not f_hi <= 0.0 <= f_lo:  # also rejects NaN
        raise ValueError(f"no hip angle in {lo:g}..{hi:g} deg gives a psoas of {length_cm!r} cm")
    if f_lo == 0.0 or f_hi == 0.0:
        return lo if f_lo == 0.0 else hi
    kept = 0  # which end stayed put last time: +1 high, -1 low (the Illinois rule halves it)
    angle = lo
    for _ in range(200):
        angle = (lo * f_hi - hi * f_lo) / (f_hi - f_lo)
        error = psoas_length_cm(angle) - length_cm
        if abs(error) <= tolerance_cm or hi - lo <= 1e-12:
            break
        if error > 0.0:  # still too long: the root lies at more flexion
            lo, f_lo = angle, error
            f_hi = 0.5 * f_hi if kept == 1 else f_hi
            kept = 1
        else:
            hi, f_hi = angle, error
            f_lo = 0.5 * f_lo if kept == -1 else f_lo
            kept = -1
    return float(angle)


PSOAS_REST_LENGTH_CM = psoas_length_cm(0.0)  # 32.0 cm, as the reference computes [C]
