"""The model's uncertain parameters, and every output over the whole slider range.

For the notebook "Verken het model": the reader changes an assumption and sees each readout as a
curve from 0 to 7.5 %.  The parameters and where their values come from:

    soft_tilt_gain            g, 0-0.5: Heino 1990 (0, the default) .. Preece 2021 (0.46, an upper
                              bound); constants.py, "Compensation rules"
    gait_spare_extension_deg  extension a healthy leg keeps at the trailing peak, 5 deg [A]
    moment_arm_cm             lever arm of the psoas at the hip; None: the path's own (2.47 cm at
                              0 deg, growing in flexion [C]); OpenSim: 2.41 (Rajagopal) to 3.85 cm
                              (gait2392) [C].  A number makes the psoas a plain pulley of that arm.
    gait_pelvic_compensation  share of a gait shortfall the pelvis makes up in late stance, 0.5 [A]
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from . import constants as k
from .clinical import flexion_margin_deg, thomas_thigh_angle_deg
from .forces import lumbar_load
from .posture import SHORTENING_RANGE_PCT, standing_posture
from .psoas_path import psoas_moment_arm_cm

PATH_MOMENT_ARM_CM = float(psoas_moment_arm_cm(0.0))  # 2.47 cm [C]
CURVE_STEP_PCT = 0.1  # the app's slider step


@dataclass(frozen=True)
class ModelParameters:
    """The model's uncertain assumptions (defaults: the app's)."""

    soft_tilt_gain: float = k.SOFT_TILT_GAIN
    gait_spare_extension_deg: float = k.GAIT_SPARE_EXTENSION_DEG
    moment_arm_cm: float | None = None
    gait_pelvic_compensation: float = k.GAIT_PELVIC_COMPENSATION

    def keywords(self) -> dict:
        """The keyword arguments of ``standing_posture``."""
        return asdict(self)


@dataclass(frozen=True)
class Curves:
    """Each output at every slider position (arrays of the same length as ``shortening_pct``)."""

    shortening_pct: np.ndarray
    pelvic_tilt_deg: np.ndarray
    lumbar_lordosis_deg: np.ndarray
    hip_extension_deg: np.ndarray
    knee_flexion_deg: np.ndarray
    step_length_cm: np.ndarray
    l3_force_n: np.ndarray
    thomas_thigh_angle_deg: np.ndarray
    flexion_margin_deg: np.ndarray

    def at_pct(self, name: str, pct: float) -> float:
        """One output at a shortening, interpolated between the slider's positions."""
        return float(np.interp(pct, self.shortening_pct, getattr(self, name)))


def curves(parameters: ModelParameters = ModelParameters(), step_pct: float = CURVE_STEP_PCT) -> Curves:
    """Every output over the slider's range for ``parameters``."""
    lo, hi = SHORTENING_RANGE_PCT
    grid = np.round(np.arange(lo, hi + step_pct / 2, step_pct), 6)
    postures = [standing_posture(p, **parameters.keywords()) for p in grid]
    column = lambda f: np.array([f(p) for p in postures])  # noqa: E731
    return Curves(
        shortening_pct=grid,
        pelvic_tilt_deg=column(lambda p: p.pelvic_tilt_deg),
        lumbar_lordosis_deg=column(lambda p: p.lumbar_lordosis_deg),
        hip_extension_deg=column(lambda p: p.hip_extension_deg),
        knee_flexion_deg=column(lambda p: p.knee_flexion_deg),
        step_length_cm=column(lambda p: p.step_length_cm),
        l3_force_n=column(lambda p: lumbar_load(p).force_n),
        thomas_thigh_angle_deg=column(thomas_thigh_angle_deg),
        flexion_margin_deg=column(flexion_margin_deg),
    )


def contracture_pct(c: Curves, contracture_deg: float = k.GAIT_CONTRACTURE_CHECK_DEG) -> float | None:
    """The shortening at which the hip lacks ``contracture_deg`` of extension (None: not reached)."""
    extension = c.hip_extension_deg  # falls with the shortening
    if extension[-1] > -contracture_deg:
        return None
    return float(np.interp(-contracture_deg, extension[::-1], c.shortening_pct[::-1]))


def contracture_step_loss_cm(c: Curves, contracture_deg: float = k.GAIT_CONTRACTURE_CHECK_DEG) -> float | None:
    """How much shorter the step is with a ``contracture_deg`` flexion contracture (the
    reference's check: 4-12 cm for 10 deg)."""
    pct = contracture_pct(c, contracture_deg)
    if pct is None:
        return None
    return float(c.step_length_cm[0] - c.at_pct("step_length_cm", pct))
