"""One side tighter than the other."""

import pytest

from psoas.model import standing_posture
from psoas.model.asymmetry import asymmetry


def test_symmetric_is_level_with_equal_steps():
    a = asymmetry(2.0, 2.0)
    assert a.pelvic_obliquity_deg == pytest.approx(0.0)
    assert a.step_left_foot_cm == pytest.approx(a.step_right_foot_cm)


def test_tight_right_side_lowers_the_right_asis_and_shortens_the_left_foot_step():
    a = asymmetry(0.0, 4.0)
    assert a.asis_height_right_cm < a.asis_height_left_cm
    assert a.pelvic_obliquity_deg < 0
    assert a.step_left_foot_cm < a.step_right_foot_cm  # the right leg trails in that step
    assert a.step_left_foot_cm == pytest.approx(standing_posture(4.0).step_length_cm)


def test_swapping_sides_mirrors():
    a, b = asymmetry(1.0, 5.0), asymmetry(5.0, 1.0)
    assert a.pelvic_obliquity_deg == pytest.approx(-b.pelvic_obliquity_deg)
    assert a.step_left_foot_cm == pytest.approx(b.step_right_foot_cm)
