"""Passive psoas force and how it acts on the lumbar spine.

    F(theta_eq) = F0 * exp(-theta_eq / 28 deg)      passive force [C], LaiUhlrich2023 (F0 = 92 N)
    theta_eq    = the hip angle at which a healthy psoas is as long as the shortened one is
                  stretched now: L_healthy(theta_eq) = L(theta_stance) + s
    compression = F cos(a), shear = F sin(a)       a: angle between the line of pull at the
                  origin and the lumbar axis at L3 (the chord L3/4 -> L2/3)

The force pulls the origin towards the pelvic brim.  Bogduk 1992 [S]: the psoas makes very small
sagittal moments on the lumbar spine but, at maximal contraction, large compression and shear.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import constants as k
from .posture import Posture, standing_posture
from .psoas_path import hip_angle_at_length_deg


@dataclass(frozen=True)
class LumbarLoad:
    """The passive psoas pull at its lumbar origin (N), split along and across the spine."""

    force_n: float
    compression_n: float  # along the lumbar axis, pressing the vertebrae together
    shear_n: float  # across the lumbar axis, forwards
    direction: tuple[float, float]  # unit vector of the pull, world frame
    spine_axis: tuple[float, float]  # unit vector up the lumbar axis at L3, world frame


def passive_force_n(hip_flexion_deg: float, force_at_neutral_n: float = k.PASSIVE_FORCE_AT_NEUTRAL_N) -> float:
    """Passive force (N) of a healthy psoas at a hip angle (pelvis fixed)."""
    return float(force_at_neutral_n * np.exp(-hip_flexion_deg / k.PASSIVE_FORCE_ANGLE_SCALE_DEG))


def lumbar_load(posture: Posture, force_at_neutral_n: float = k.PASSIVE_FORCE_AT_NEUTRAL_N) -> LumbarLoad:
    """The passive pull of the (shortened) psoas on the lumbar spine in ``posture``."""
    equivalent_deg = hip_angle_at_length_deg(posture.psoas_length_cm + posture.shortening_cm)
    force = passive_force_n(equivalent_deg, force_at_neutral_n)
    path = np.array(posture.psoas_path)
    pull = path[1] - path[0]
    pull /= np.hypot(*pull)
    lower, upper = (np.array(posture.landmarks[name]) for name in ("L3/4", "L2/3"))
    axis = (upper - lower) / np.hypot(*(upper - lower))
    along = float(np.dot(pull, -axis))  # pulling down the spine presses the vertebrae together
    across = float(axis[0] * pull[1] - axis[1] * pull[0])  # 2D cross product: < 0 is forwards
    return LumbarLoad(
        force_n=force,
        compression_n=force * along,
        shear_n=force * -across,
        direction=(float(pull[0]), float(pull[1])),
        spine_axis=(float(axis[0]), float(axis[1])),
    )


def posture_and_load(shortening_pct: float) -> tuple[Posture, LumbarLoad]:
    """The standing posture for ``shortening_pct`` and the psoas's pull on the lumbar spine in it."""
    posture = standing_posture(shortening_pct)
    return posture, lumbar_load(posture)
