"""Step length from the extension the trailing thigh has left (rule 6, as corrected)."""

import math

import numpy as np
import pytest

from psoas.model import constants as k
from psoas.model import standing_posture
from psoas.model.gait import gait_deficit_deg, step_length_cm

HEALTHY = k.NEUTRAL_HIP_EXTENSION_DEG


def test_healthy_step_is_the_compass_gait_rule():
    expected = 88.0 * (math.sin(math.radians(23)) + math.sin(math.radians(17))) + 3.0
    assert step_length_cm(HEALTHY) == pytest.approx(expected)
    assert gait_deficit_deg(HEALTHY) == 0.0


def test_healthy_walking_has_spare_extension():
    # Corrections 1: healthy walking uses only part of the passive range, so losing less than
    # the spare (5 deg [A]) leaves the step exactly as it was.  The old rule min(20, E + 5)
    # shortened the step from the first degree lost.
    healthy = step_length_cm(HEALTHY)
    for lost in np.linspace(0.0, k.GAIT_SPARE_EXTENSION_DEG - k.TRANSITION_WIDTH_DEG / 2, 11):
        assert step_length_cm(HEALTHY - lost) == healthy
    assert step_length_cm(HEALTHY - k.GAIT_SPARE_EXTENSION_DEG - 5.0) < healthy


@pytest.mark.parametrize("reading", ["pelvis_stays", "pelvis_follows"])
def test_a_10_degree_contracture_costs_4_to_12_cm_per_step(reading):
    # Corrections 1: "a 10 deg contracture should cost roughly 4-12 cm per step"; the old model
    # gave about 19 cm.  A 10 deg contracture: hip extension beyond neutral standing of -10 deg.
    lo, hi = k.GAIT_CONTRACTURE_STEP_LOSS_CM
    healthy = standing_posture(0.0, reading=reading)
    pct = np.linspace(0, 7.5, 751)
    postures = [standing_posture(p, reading=reading) for p in pct]
    contracture = min(postures, key=lambda p: abs(p.hip_extension_deg + k.GAIT_CONTRACTURE_CHECK_DEG))
    assert contracture.hip_extension_deg == pytest.approx(-10.0, abs=0.1)
    assert lo <= healthy.step_length_cm - contracture.step_length_cm <= hi


def test_step_never_grows_as_extension_is_lost():
    steps = [step_length_cm(e) for e in np.linspace(20, -30, 101)]
    assert np.all(np.diff(steps) <= 1e-12)


def test_pelvic_compensation_halves_the_loss_of_trailing_angle():
    # With c = 1 the pelvis covers everything; with c = 0 nothing.
    assert step_length_cm(-5.0, pelvic_compensation=1.0) == pytest.approx(step_length_cm(HEALTHY))
    full, half = (step_length_cm(-5.0, pelvic_compensation=c) for c in (0.0, 0.5))
    assert full < half < step_length_cm(HEALTHY)
