"""From standing to sitting on a chair, and the psoas length on the way.

    tilt(f)  = tilt_stand + f * (-18.7 deg)          Endo 2012: the pelvis tilts back [S]
    LL(f)    = LL_stand + f * (-16.6 deg)            Endo 2012 [S]
    phi(f)   = phi_stand + f * (90 deg - phi_stand)  thigh to horizontal [A]
    kappa(f) = kappa_stand + f * (90 deg - kappa_stand)
    hip angle against the pelvis = tilt + phi  (10 - 18.7 + 90 = 81.3 deg in the chair for a
               healthy psoas; reference: 60-90 deg, and 80 deg for sitting after THA)

``f`` runs from 0 (standing) to 1 (sitting).  A linear path between the two is a drawing
assumption [A]; the end points are sourced.
"""

from __future__ import annotations

import dataclasses
from types import MappingProxyType

from . import constants as k
from .posture import Posture, standing_posture
from .psoas_path import psoas_length_cm
from .skeleton import world_landmarks


def _check_fraction(sitting_fraction: float) -> float:
    try:
        value = float(sitting_fraction)
    except (TypeError, ValueError):
        value = float("nan")
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"sitting_fraction must be a number between 0 and 1, got {sitting_fraction!r}")
    return value


def sitting_posture(sitting_fraction: float, shortening_pct: float = 0.0) -> Posture:
    """The posture a fraction of the way from standing (0) to sitting on a chair (1)."""
    f = _check_fraction(sitting_fraction)
    stand = standing_posture(shortening_pct)
    tilt = stand.pelvic_tilt_deg + f * k.SITTING_PELVIC_TILT_CHANGE_DEG
    lordosis = stand.lumbar_lordosis_deg + f * k.SITTING_LORDOSIS_CHANGE_DEG
    thigh = stand.thigh_flexion_deg + f * (k.SITTING_THIGH_FLEXION_DEG - stand.thigh_flexion_deg)
    knee = stand.knee_flexion_deg + f * (k.SITTING_KNEE_FLEXION_DEG - stand.knee_flexion_deg)
    lordosis_change = lordosis - k.NEUTRAL_LUMBAR_LORDOSIS_DEG
    landmarks, path = world_landmarks(tilt, lordosis_change, thigh, knee)
    return dataclasses.replace(
        stand,
        psoas_length_cm=psoas_length_cm(tilt + thigh),
        pelvic_tilt_deg=tilt,
        sacral_slope_deg=stand.sacral_slope_deg + f * k.SITTING_PELVIC_TILT_CHANGE_DEG,
        lumbar_lordosis_deg=lordosis,
        hip_flexion_deg=tilt + thigh,
        thigh_flexion_deg=thigh,
        knee_flexion_deg=knee,
        regime="sitting" if f > 0 else stand.regime,
        landmarks=MappingProxyType(landmarks),
        psoas_path=tuple((float(x), float(y)) for x, y in path),
    )
