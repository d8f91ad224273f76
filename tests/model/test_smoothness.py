"""Issue 16, item 5: no readout's rate of change jumps while the slider moves.

A hard min/max makes a kink: the slope jumps by some amount J at one point.  Sampled at a step h,
the largest second difference is then about J * h, so it shrinks only tenfold when h shrinks
tenfold.  For a function with a bounded second derivative f'' it is about f'' * h^2 and shrinks
a hundredfold.  The test compares the two step sizes: "smooth" means the largest second
difference at h / 10, scaled by 100, stays within a factor 3 of the one at h (a kink gives ~10).
The grid is the slider's 0.1 % step over the whole range and a ten times finer one.
"""

from functools import lru_cache

import numpy as np
import pytest

from psoas.model import standing_posture
from psoas.model.asymmetry import asymmetry
from psoas.model.clinical import flexion_margin_deg, thomas_thigh_angle_deg
from psoas.model.forces import lumbar_load

STEP_PCT = 0.1

READOUTS = {
    "pelvic_tilt_deg": lambda p: p.pelvic_tilt_deg,
    "lumbar_lordosis_deg": lambda p: p.lumbar_lordosis_deg,
    "hip_extension_deg": lambda p: p.hip_extension_deg,
    "psoas_length_cm": lambda p: p.psoas_length_cm,
    "thigh_flexion_deg": lambda p: p.thigh_flexion_deg,
    "knee_flexion_deg": lambda p: p.knee_flexion_deg,
    "step_length_cm": lambda p: p.step_length_cm,
    "flexion_margin_deg": flexion_margin_deg,
    "thomas_thigh_angle_deg": thomas_thigh_angle_deg,
    "l3_force_n": lambda p: lumbar_load(p).force_n,
    "l3_compression_n": lambda p: lumbar_load(p).compression_n,
    "l3_shear_n": lambda p: lumbar_load(p).shear_n,
    "l5s1_shear_n": lambda p: lumbar_load(p).shear_l5s1_n,
}


def worst_second_difference(values) -> float:
    return float(np.max(np.abs(np.diff(values, n=2))))


def kink_ratio(f, lo=0.0, hi=7.5, step=STEP_PCT) -> float:
    coarse = [f(p) for p in np.arange(lo, hi + step / 2, step)]
    fine = [f(p) for p in np.arange(lo, hi + step / 20, step / 10)]
    coarse_d2, fine_d2 = worst_second_difference(coarse), worst_second_difference(fine)
    if coarse_d2 < 1e-9:  # a straight line (or constant): nothing to compare
        return 0.0
    return fine_d2 * 100 / coarse_d2


def test_the_measure_catches_a_kink_and_passes_a_curve():
    assert kink_ratio(lambda x: max(0.0, x - 4.33)) > 5  # the old model's kind of jump
    assert kink_ratio(lambda x: np.sin(x)) < 3


@lru_cache(maxsize=None)
def posture(pct: float, reading: str):
    return standing_posture(pct, reading=reading)


@pytest.mark.parametrize("reading", ["pelvis_stays", "pelvis_follows"])
@pytest.mark.parametrize("name", READOUTS)
def test_every_readout_changes_its_rate_smoothly(name, reading):
    readout = READOUTS[name]
    assert kink_ratio(lambda pct: readout(posture(round(pct, 6), reading))) < 3, name


@pytest.mark.parametrize("name", ["pelvic_obliquity_deg", "pelvic_twist_deg", "step_left_foot_cm"])
def test_asymmetry_readouts_are_smooth(name):
    assert kink_ratio(lambda pct: getattr(asymmetry(0.0, pct), name)) < 3


def test_the_old_tilt_rule_would_fail():
    # min(max(g dE, D), 15) with g = 0.46: the jump at about 4.3 %.
    from psoas.model import constants as k

    def old_tilt(pct):
        p = standing_posture(pct, soft_tilt_gain=0.0)
        lost = p.extension_lost_deg
        return min(max(k.PREECE_TILT_GAIN * lost, max(0.0, -p.hip_extension_deg)), 15.0)

    assert kink_ratio(old_tilt) > 5
