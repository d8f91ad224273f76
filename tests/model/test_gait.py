"""Step length from hip extension (rule 6 of the reference)."""

import math

import numpy as np
import pytest

from psoas.model.gait import step_length_cm


def test_healthy_step_is_the_compass_gait_rule():
    expected = 88.0 * (math.sin(math.radians(23)) + math.sin(math.radians(17))) + 3.0
    assert step_length_cm(15.0) == pytest.approx(expected)


def test_reference_sanity_check():
    # "a 10 deg deficit with 50 % pelvic compensation gives about -7 cm per step" (1.5 cm/deg).
    loss = step_length_cm(15.0) - step_length_cm(5.0)
    assert 6.0 <= loss <= 8.5


def test_step_never_grows_as_extension_is_lost():
    steps = [step_length_cm(e) for e in np.linspace(20, -30, 101)]
    assert np.all(np.diff(steps) <= 0)
    assert step_length_cm(20.0) == step_length_cm(15.0)  # the gait peak is capped at 20 deg
