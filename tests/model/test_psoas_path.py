"""The psoas path: its length, moment arm and inverse."""

import math

import numpy as np
import pytest

from psoas.model import PSOAS_REST_LENGTH_CM, psoas_length_cm, psoas_moment_arm_cm
from psoas.model.psoas_path import HIP_FLEXION_RANGE_DEG, hip_angle_at_length_deg


def test_rest_length_and_moment_arm_match_the_reference_path():
    # docs/biomechanics-reference.md, "Suggested model constants": the single line from L2/3
    # has L_rest = 32.0 cm with r = 2.47 cm [C].
    assert PSOAS_REST_LENGTH_CM == pytest.approx(32.0, abs=0.05)
    assert psoas_moment_arm_cm(0.0) == pytest.approx(2.47, abs=0.03)


def test_length_falls_monotonically_with_flexion():
    angles = np.linspace(*HIP_FLEXION_RANGE_DEG, 301)
    lengths = [psoas_length_cm(a) for a in angles]
    assert np.all(np.diff(lengths) < 0)


def test_moment_arm_is_the_slope_of_the_length():
    angle, step = 20.0, 1e-3
    slope = (psoas_length_cm(angle + step) - psoas_length_cm(angle - step)) / math.radians(2 * step)
    assert psoas_moment_arm_cm(angle) == pytest.approx(-slope, rel=1e-3)


def test_path_wraps_over_the_femoral_head_in_extension():
    # In extension the moment arm cannot drop below the femoral head radius (2.4 cm).
    for angle in (-40, -30, -20, -10):
        assert psoas_moment_arm_cm(angle) == pytest.approx(2.4, abs=0.01)


@pytest.mark.parametrize("angle", [-25.0, 0.0, 12.5, 60.0, 100.0])
def test_inverse_returns_the_angle(angle):
    assert hip_angle_at_length_deg(psoas_length_cm(angle)) == pytest.approx(angle, abs=1e-6)


@pytest.mark.parametrize("bad", [-41, 111, float("nan"), float("inf")])
def test_hip_angle_out_of_range_names_the_range(bad):
    with pytest.raises(ValueError, match=r"-40 and 110"):
        psoas_length_cm(bad)


def test_length_with_no_hip_angle_raises():
    with pytest.raises(ValueError):
        hip_angle_at_length_deg(10.0)
