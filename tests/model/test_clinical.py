"""Thomas test, lunge and the hip's flexion margin."""

import numpy as np
import pytest

from psoas.model import constants as k
from psoas.model import standing_posture
from psoas.model.clinical import flexion_margin_deg, lunge_back_foot_cm, lunge_back_knee_cm, thomas_positive, thomas_thigh_angle_deg

GRID = np.linspace(0, 7.5, 76)


def test_healthy_thigh_hangs_at_the_athletes_norm():
    assert thomas_thigh_angle_deg(standing_posture(0.0)) == pytest.approx(-12.0, abs=0.5)  # Harvey 1998
    assert not thomas_positive(standing_posture(0.0))


def test_positive_exactly_when_the_thigh_is_above_horizontal():
    postures = [standing_posture(p) for p in GRID]
    results = [thomas_positive(p) for p in postures]
    assert results == [thomas_thigh_angle_deg(p) > 0 for p in postures]
    first = results.index(True)
    assert all(results[first:]) and not any(results[:first])  # once positive, stays positive
    assert standing_posture(GRID[first]).hip_extension_deg < k.THOMAS_PELVIC_FLATTENING_DEG


def test_lunge_reach_follows_extension():
    for p in GRID[::15]:
        posture = standing_posture(p)
        assert lunge_back_knee_cm(posture) == pytest.approx(40.0 * np.sin(np.radians(posture.hip_extension_deg)))
    assert lunge_back_knee_cm(standing_posture(7.5)) < 0 < lunge_back_knee_cm(standing_posture(0.0))
    healthy = standing_posture(0.0)
    assert lunge_back_foot_cm(healthy) == pytest.approx(lunge_back_knee_cm(healthy) * 82.0 / 40.0)


def test_flexion_margin_shrinks_and_a_squat_uses_87_degrees():
    margins = [flexion_margin_deg(standing_posture(p)) for p in GRID]
    assert np.all(np.diff(margins) <= 1e-9)
    healthy = standing_posture(0.0)
    assert flexion_margin_deg(healthy) == pytest.approx(120.0 - 10.0)
    assert flexion_margin_deg(healthy, 87.4) == pytest.approx(flexion_margin_deg(healthy) - 87.4)
