"""Passive psoas force and how it acts on the lumbar spine.

    F(theta_eq) = F0 * exp(-theta_eq / 28 deg)      passive force [C], LaiUhlrich2023 (F0 = 92 N)
    theta_eq    = the hip angle at which a healthy psoas is as long as the shortened one is
                  stretched now: L_healthy(theta_eq) = L(theta_stance) + s
    compression = F cos(a), shear = F sin(a)       a: angle between the line of pull at the
                  origin and the lumbar axis at L3 (the chord L3/4 -> L2/3)
    at L5-S1      the same pull against the axis perpendicular to the S1 endplate, which is
                  inclined by the sacral slope SS (40.5 deg + the extra tilt): the inclined disc
                  turns the same pull into much more shear (Bogduk 1992 [S])
    shear sign    positive: the pull pushes the upper vertebra forwards; negative: backwards.
                  At L3 it changes sign where the line of pull crosses the lumbar axis.
    scale         relaxed standing already loads the L4-5 disc at about 0.5 MPa, several hundred
                  newtons (Wilke 1999 [S]); share_of_standing = compression / 500 N [A]

The force pulls the origin towards the pelvic brim.  Bogduk 1992 [S]: the psoas makes very small
sagittal moments on the lumbar spine but, at maximal contraction, large compression and shear.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import constants as k
from .posture import Posture, standing_posture
from .posture import HEALTHY_LIMIT_LENGTH_CM
from .psoas_path import hip_angle_at_length_deg


@dataclass(frozen=True)
class LumbarLoad:
    """The passive psoas pull at its lumbar origin (N), split along and across the spine."""

    force_n: float
    compression_n: float  # along the lumbar axis, pressing the vertebrae together
    shear_n: float  # across the lumbar axis at L3: > 0 forwards, < 0 backwards
    direction: tuple[float, float]  # unit vector of the pull, world frame
    spine_axis: tuple[float, float]  # unit vector up the lumbar axis at L3, world frame
    compression_l5s1_n: float = 0.0  # the same pull across the inclined L5-S1 disc
    shear_l5s1_n: float = 0.0  # > 0 forwards
    share_of_standing: float = 0.0  # compression at L3 / the relaxed-standing disc load (500 N [A])

    @property
    def shear_forwards(self) -> bool:
        """True when the shear at L3 pushes the upper vertebra forwards."""
        return self.shear_n > 0


def passive_force_n(hip_flexion_deg: float, force_at_neutral_n: float = k.PASSIVE_FORCE_AT_NEUTRAL_N) -> float:
    """Passive force (N) of a healthy psoas at a hip angle (pelvis fixed)."""
    return float(force_at_neutral_n * np.exp(-hip_flexion_deg / k.PASSIVE_FORCE_ANGLE_SCALE_DEG))


def lumbar_load(posture: Posture, force_at_neutral_n: float = k.PASSIVE_FORCE_AT_NEUTRAL_N) -> LumbarLoad:
    """The passive pull of the (shortened) psoas on the lumbar spine in ``posture``."""
    # the path's own shortening: s for the default path, L_max0 - L(theta_x) for a chosen lever arm
    path_shortening_cm = HEALTHY_LIMIT_LENGTH_CM - posture.psoas_max_length_cm
    equivalent_deg = hip_angle_at_length_deg(posture.psoas_length_cm + path_shortening_cm)
    force = passive_force_n(equivalent_deg, force_at_neutral_n)
    path = np.array(posture.psoas_path)
    pull = path[1] - path[0]
    pull /= np.hypot(*pull)
    lower, upper = (np.array(posture.landmarks[name]) for name in ("L3/4", "L2/3"))
    axis = (upper - lower) / np.hypot(*(upper - lower))
    along = float(np.dot(pull, -axis))  # pulling down the spine presses the vertebrae together
    across = float(axis[0] * pull[1] - axis[1] * pull[0])  # 2D cross product: < 0 is forwards
    slope = np.radians(posture.sacral_slope_deg)
    disc_axis = np.array([np.sin(slope), np.cos(slope)])  # normal of the S1 endplate, up and forwards
    along_l5s1 = float(np.dot(pull, -disc_axis))
    across_l5s1 = float(disc_axis[0] * pull[1] - disc_axis[1] * pull[0])
    return LumbarLoad(
        force_n=force,
        compression_n=force * along,
        shear_n=force * -across,
        direction=(float(pull[0]), float(pull[1])),
        spine_axis=(float(axis[0]), float(axis[1])),
        compression_l5s1_n=force * along_l5s1,
        shear_l5s1_n=force * -across_l5s1,
        share_of_standing=force * along / k.STANDING_DISC_LOAD_N,
    )


def posture_and_load(shortening_pct: float) -> tuple[Posture, LumbarLoad]:
    """The standing posture for ``shortening_pct`` and the psoas's pull on the lumbar spine in it."""
    posture = standing_posture(shortening_pct)
    return posture, lumbar_load(posture)
