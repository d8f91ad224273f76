"""Standing posture for a given psoas shortening.

Symbols (degrees unless marked):

    s        shortening (cm) = pct / 100 * L_rest, L_rest = psoas length at 0 deg hip flexion
    L_max    length at which the psoas stops hip extension: healthy L_max0 = L(tau0 - E0), then
             L_max(s) = L_max0 - s
    theta_x  hip angle (femur against pelvis) at which L(theta_x) = L_max(s)
    dE       lost extension = theta_x(s) - theta_x(0)
    E        passive hip extension left beyond neutral standing = E0 - dE  (< 0: contracture)
    D        deficit = max(0, -E)
    dtau     extra anterior tilt = min(max(g * dE, D), dtau_max)
             (soft coupling g from Preece 2021; the pelvis must tilt at least by the deficit,
             up to +15 deg; rules 1-3 of the reference)
    phi      thigh flexion from vertical that the pelvis could not absorb: max(0, theta_x - tau)
    kappa    knee flexion that keeps the ankle under the hip joint: 40 sin(phi) = 42 sin(psi),
             kappa = phi + psi  [A]
    LL       lumbar lordosis = LL0 + 0.95 * dtau (Levine & Whittle 1996)
    SS       sacral slope = SS0 + dtau (rigid pelvis)

All numbers live in ``constants`` with their sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

import numpy as np

from . import constants as k
from .gait import step_length_cm
from .psoas_path import PSOAS_REST_LENGTH_CM, hip_angle_at_length_deg, psoas_length_cm
from .skeleton import world_landmarks

SHORTENING_RANGE_PCT = (k.SHORTENING_MIN_PCT, k.SHORTENING_MAX_PCT)
SOFT_TILT_GAIN_RANGE = (0.0, 0.5)  # the reference's band for g [A]

HEALTHY_HIP_LIMIT_DEG = k.NEUTRAL_PELVIC_TILT_DEG - k.NEUTRAL_HIP_EXTENSION_DEG
HEALTHY_LIMIT_LENGTH_CM = psoas_length_cm(HEALTHY_HIP_LIMIT_DEG)

REGIMES = ("reserve", "contracture", "crouch")


@dataclass(frozen=True)
class Posture:
    """A solved standing posture.  Angles in degrees, lengths in cm, world frame at the HJC."""

    shortening_pct: float
    shortening_cm: float
    psoas_length_cm: float  # psoas path length in this stance
    psoas_max_length_cm: float  # length at which the shortened psoas stops hip extension
    pelvic_tilt_deg: float  # ASIS-PSIS line against horizontal, anterior positive
    sacral_slope_deg: float
    lumbar_lordosis_deg: float  # L1-S1
    hip_extension_deg: float  # passive extension left beyond neutral standing; < 0 contracture
    hip_flexion_deg: float  # femur against pelvis in this stance
    thigh_flexion_deg: float  # femur against vertical
    knee_flexion_deg: float
    step_length_cm: float
    regime: str  # "reserve", "contracture" or "crouch"
    landmarks: Mapping[str, tuple[float, float]]
    psoas_path: tuple[tuple[float, float], ...]

    @property
    def psoas_taut(self) -> bool:
        """True when the psoas is at its maximal length in this stance (it limits the pose)."""
        return self.psoas_length_cm >= self.psoas_max_length_cm - 1e-6


def _check(name: str, value: float, valid: tuple[float, float], unit: str) -> float:
    lo, hi = valid
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = float("nan")
    if not (lo <= number <= hi):  # also rejects NaN
        raise ValueError(f"{name} must be a number between {lo:g} and {hi:g} {unit}, got {value!r}")
    return number


def knee_flexion_for_thigh_deg(thigh_flexion_deg: float) -> float:
    """Knee flexion that brings the ankle back under the hip joint centre [A]."""
    ratio = k.THIGH_LENGTH_CM / k.SHANK_LENGTH_CM
    shank_lean = np.degrees(np.arcsin(ratio * np.sin(np.radians(thigh_flexion_deg))))
    return float(thigh_flexion_deg + shank_lean)


def standing_posture(shortening_pct: float, soft_tilt_gain: float = k.SOFT_TILT_GAIN) -> Posture:
    """Solve the standing posture for a psoas shortened by ``shortening_pct`` percent.

    Raises ``ValueError`` naming the valid range when an argument lies outside it.
    """
    pct = _check("shortening_pct", shortening_pct, SHORTENING_RANGE_PCT, "percent")
    gain = _check("soft_tilt_gain", soft_tilt_gain, SOFT_TILT_GAIN_RANGE, "(no unit)")

    shortening_cm = pct / 100.0 * PSOAS_REST_LENGTH_CM
    max_length_cm = HEALTHY_LIMIT_LENGTH_CM - shortening_cm
    hip_limit_deg = hip_angle_at_length_deg(max_length_cm)
    lost_extension_deg = hip_limit_deg - HEALTHY_HIP_LIMIT_DEG
    hip_extension_deg = k.NEUTRAL_HIP_EXTENSION_DEG - lost_extension_deg
    deficit_deg = max(0.0, -hip_extension_deg)

    extra_tilt_deg = min(max(gain * lost_extension_deg, deficit_deg), k.MAX_EXTRA_TILT_DEG)
    pelvic_tilt_deg = k.NEUTRAL_PELVIC_TILT_DEG + extra_tilt_deg
    thigh_flexion_deg = max(0.0, hip_limit_deg - pelvic_tilt_deg)
    knee_flexion_deg = knee_flexion_for_thigh_deg(thigh_flexion_deg)
    hip_flexion_deg = pelvic_tilt_deg + thigh_flexion_deg
    lordosis_change_deg = k.LORDOSIS_PER_TILT * extra_tilt_deg

    if thigh_flexion_deg > 0:
        regime = "crouch"
    elif hip_extension_deg < 0:
        regime = "contracture"
    else:
        regime = "reserve"

    landmarks, path = world_landmarks(
        pelvic_tilt_deg, lordosis_change_deg, thigh_flexion_deg, knee_flexion_deg
    )
    return Posture(
        shortening_pct=pct,
        shortening_cm=shortening_cm,
        psoas_length_cm=psoas_length_cm(hip_flexion_deg),
        psoas_max_length_cm=max_length_cm,
        pelvic_tilt_deg=pelvic_tilt_deg,
        sacral_slope_deg=k.NEUTRAL_SACRAL_SLOPE_DEG + extra_tilt_deg,
        lumbar_lordosis_deg=k.NEUTRAL_LUMBAR_LORDOSIS_DEG + lordosis_change_deg,
        hip_extension_deg=hip_extension_deg,
        hip_flexion_deg=hip_flexion_deg,
        thigh_flexion_deg=thigh_flexion_deg,
        knee_flexion_deg=knee_flexion_deg,
        step_length_cm=step_length_cm(hip_extension_deg),
        regime=regime,
        landmarks=MappingProxyType(landmarks),
        psoas_path=tuple((float(x), float(y)) for x, y in path),
    )
