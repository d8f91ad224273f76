"""The explorer's curves are the model's outputs; its parameters change what they should."""

import numpy as np
import pytest

from psoas.model import constants as k
from psoas.model import standing_posture
from psoas.model.explore import ModelParameters, contracture_pct, contracture_step_loss_cm, curves


@pytest.fixture(scope="module")
def default():
    return curves()


def test_default_curves_are_the_app_s_postures(default):
    assert default.shortening_pct[0] == 0.0 and default.shortening_pct[-1] == 7.5
    assert len(default.shortening_pct) == 76  # the slider's 0.1 % positions
    for pct in (0.0, 2.0, 3.7, 7.5):
        p = standing_posture(pct)
        assert default.at_pct("pelvic_tilt_deg", pct) == pytest.approx(p.pelvic_tilt_deg)
        assert default.at_pct("step_length_cm", pct) == pytest.approx(p.step_length_cm)


def test_the_10_degree_contracture_check_is_inside_4_to_12_cm(default):
    lo, hi = k.GAIT_CONTRACTURE_STEP_LOSS_CM
    assert lo <= contracture_step_loss_cm(default) <= hi
    pct = contracture_pct(default)
    assert standing_posture(pct).hip_extension_deg == pytest.approx(-10.0, abs=0.05)


def test_more_spare_keeps_the_step_longer():
    little, much = (curves(ModelParameters(gait_spare_extension_deg=s)) for s in (0.0, 10.0))
    assert np.all(much.step_length_cm >= little.step_length_cm - 1e-9)
    assert much.step_length_cm[10] > little.step_length_cm[10]  # at 1 %


def test_a_longer_lever_arm_costs_less_per_cm():
    short, long_ = (curves(ModelParameters(moment_arm_cm=r)) for r in (2.4, 3.85))
    assert long_.hip_extension_deg[-1] > short.hip_extension_deg[-1]


def test_the_soft_coupling_only_moves_the_reserve_phase():
    stays, follows = curves(ModelParameters(soft_tilt_gain=0.0)), curves(ModelParameters(soft_tilt_gain=k.PREECE_TILT_GAIN))
    assert follows.pelvic_tilt_deg[10] > stays.pelvic_tilt_deg[10]
    assert follows.pelvic_tilt_deg[-1] == pytest.approx(stays.pelvic_tilt_deg[-1])


def test_full_pelvic_compensation_keeps_the_step():
    full = curves(ModelParameters(gait_pelvic_compensation=1.0))
    assert np.allclose(full.step_length_cm, full.step_length_cm[0])
    assert curves().step_length_cm[-1] < full.step_length_cm[-1]
