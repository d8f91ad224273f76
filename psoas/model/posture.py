"""Standing posture for a given psoas shortening.

Frame: every hip angle is the femur against the pelvis (OpenSim's convention, 0 deg = femur
perpendicular to the ASIS-PSIS line); extension is counted beyond neutral standing (+10 deg in
that frame), which is the thigh's angle behind the vertical while the pelvis keeps its standing
tilt (constants.py, "One frame for every hip angle").

Symbols (degrees unless marked):

    s        shortening (cm) = pct / 100 * L_rest, L_rest = psoas length at 0 deg hip flexion
    L_max    length at which the psoas stops hip extension: healthy L_max0 = L(tau0 - E0), then
             L_max(s) = L_max0 - s
    theta_x  hip angle at which L(theta_x) = L_max(s)   (or theta_x0 + s / r for a chosen
             moment arm r, the explorer's "plain pulley")
    dE       lost extension = theta_x(s) - theta_x(0)
    E        passive hip extension left beyond neutral standing = E0 - dE  (< 0: contracture)
    x        what the pelvis and thigh must absorb = smax(g * dE, -E)
             (soft coupling g, two readings of the evidence: Heino 1990 g = 0, the default;
             Preece 2021 g = 0.46 as an upper bound; at least the deficit -E once E < 0)
    dtau     extra anterior tilt = smin(x, dtau_max), dtau_max = 15 deg        (rule 3)
    phi      thigh flexion from vertical that the pelvis could not absorb = x - dtau
    kappa    knee flexion that keeps the ankle under the hip joint: 40 sin(phi) = 42 sin(psi),
             kappa = phi + psi  [A]
    LL       lumbar lordosis = LL0 + 0.95 * dtau (Levine & Whittle 1996)
    SS       sacral slope = SS0 + dtau (rigid pelvis)
    A        extension the thigh has behind the vertical when walking with this standing
             pelvis = E + dtau (gait.py turns it into a step length)

smax / smin / relu are the smooth versions of max / min in ``smooth.py`` (C2, exact outside a
4 deg band), so that no readout's rate of change jumps while the slider moves.

All numbers live in ``constants`` with their sources.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Mapping

import numpy as np

from . import constants as k
from .gait import gait_deficit_deg, step_length_cm
from .psoas_path import PSOAS_REST_LENGTH_CM, hip_angle_at_length_deg, psoas_length_cm
from .skeleton import world_landmarks
from .smooth import smooth_max, smooth_min

SHORTENING_RANGE_PCT = (k.SHORTENING_MIN_PCT, k.SHORTENING_MAX_PCT)
SOFT_TILT_GAIN_RANGE = (0.0, 0.5)  # the reference's band for g [A]
# The two readings of the evidence (chapter 1's choice): the pelvis does not follow a lost
# extension (Heino 1990, the default) or follows it at Preece 2021's ratio, an upper bound.
READING_GAINS = {"pelvis_stays": k.HEINO_TILT_GAIN, "pelvis_follows": k.PREECE_TILT_GAIN}
READINGS = tuple(READING_GAINS)
DEFAULT_READING = "pelvis_stays"
# Ranges the explorer offers for the other uncertain parameters [A].
GAIT_SPARE_RANGE_DEG = (0.0, 15.0)  # 0: no spare, 15: the whole passive range E0
GAIT_COMPENSATION_RANGE = (0.0, 1.0)
MOMENT_ARM_RANGE_CM = (2.0, 4.0)  # the OpenSim models span 2.4-3.85 cm at 0 deg [C]

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
    extension_lost_deg: float  # passive extension lost to the shortening (dE)
    gait_deficit_deg: float  # trailing-hip extension walking needs but does not have
    soft_tilt_gain: float  # g used for this posture
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


def standing_posture(
    shortening_pct: float,
    soft_tilt_gain: float | None = None,
    *,
    reading: str = DEFAULT_READING,
    gait_spare_extension_deg: float = k.GAIT_SPARE_EXTENSION_DEG,
    gait_pelvic_compensation: float = k.GAIT_PELVIC_COMPENSATION,
    moment_arm_cm: float | None = None,
) -> Posture:
    """Solve the standing posture for a psoas shortened by ``shortening_pct`` percent.

    ``reading`` picks the soft coupling g from the evidence ("pelvis_stays": Heino 1990, g = 0;
    "pelvis_follows": Preece 2021's 0.46 as an upper bound); ``soft_tilt_gain`` overrides it.
    The keyword parameters are the model's uncertain assumptions, for the explorer notebook.
    Raises ``ValueError`` naming the valid range when an argument lies outside it.
    """
    pct = _check("shortening_pct", shortening_pct, SHORTENING_RANGE_PCT, "percent")
    if reading not in READING_GAINS:
        raise ValueError(f"reading must be one of {', '.join(READINGS)}, got {reading!r}")
    if soft_tilt_gain is None:
        soft_tilt_gain = READING_GAINS[reading]
    gain = _check("soft_tilt_gain", soft_tilt_gain, SOFT_TILT_GAIN_RANGE, "(no unit)")
    spare = _check("gait_spare_extension_deg", gait_spare_extension_deg, GAIT_SPARE_RANGE_DEG, "degrees")
    compensation = _check("gait_pelvic_compensation", gait_pelvic_compensation, GAIT_COMPENSATION_RANGE, "(fraction)")

    shortening_cm = pct / 100.0 * PSOAS_REST_LENGTH_CM
    if moment_arm_cm is None:
        max_length_cm = HEALTHY_LIMIT_LENGTH_CM - shortening_cm
        hip_limit_deg = hip_angle_at_length_deg(max_length_cm)
    else:  # a plain pulley of the chosen lever arm: s / r radians of extension lost
        arm = _check("moment_arm_cm", moment_arm_cm, MOMENT_ARM_RANGE_CM, "cm")
        hip_limit_deg = HEALTHY_HIP_LIMIT_DEG + float(np.degrees(shortening_cm / arm))
        max_length_cm = psoas_length_cm(hip_limit_deg)
    # never negative: at 0 % the root finder's -4e-12 deg would show as "-0"
    lost_extension_deg = max(0.0, hip_limit_deg - HEALTHY_HIP_LIMIT_DEG)
    hip_extension_deg = k.NEUTRAL_HIP_EXTENSION_DEG - lost_extension_deg

    absorbed_deg = smooth_max(gain * lost_extension_deg, -hip_extension_deg)  # x
    extra_tilt_deg = smooth_min(absorbed_deg, k.MAX_EXTRA_TILT_DEG)  # dtau
    thigh_flexion_deg = absorbed_deg - extra_tilt_deg  # phi
    pelvic_tilt_deg = k.NEUTRAL_PELVIC_TILT_DEG + extra_tilt_deg
    knee_flexion_deg = knee_flexion_for_thigh_deg(thigh_flexion_deg)
    hip_flexion_deg = pelvic_tilt_deg + thigh_flexion_deg
    lordosis_change_deg = k.LORDOSIS_PER_TILT * extra_tilt_deg
    walking_extension_deg = hip_extension_deg + extra_tilt_deg  # A

    # The phases follow the rules' nominal thresholds (the text names them), not the blends.
    if max(gain * lost_extension_deg, -hip_extension_deg) > k.MAX_EXTRA_TILT_DEG:
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
        step_length_cm=step_length_cm(walking_extension_deg, spare, compensation),
        extension_lost_deg=lost_extension_deg,
        gait_deficit_deg=gait_deficit_deg(walking_extension_deg, spare),
        soft_tilt_gain=gain,
        regime=regime,
        landmarks=MappingProxyType(landmarks),
        psoas_path=tuple((float(x), float(y)) for x, y in path),
    )
