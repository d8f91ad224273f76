"""Passive psoas force and its split on the lumbar spine."""

import numpy as np
import pytest

from psoas.model import constants as k
from psoas.model import standing_posture
from psoas.model.forces import lumbar_load, passive_force_n


@pytest.mark.parametrize("angle, force", k.PASSIVE_FORCE_TABLE_DEG_N)
def test_fit_reproduces_the_laiuhlrich_table(angle, force):
    assert passive_force_n(angle) == pytest.approx(force, rel=0.05)


@pytest.mark.parametrize("angle, force", [(0, 33), (-10, 48), (-20, 67), (-30, 96)])
def test_same_shape_fits_the_rajagopal_table(angle, force):
    assert passive_force_n(angle, k.PASSIVE_FORCE_AT_NEUTRAL_LOW_N) == pytest.approx(force, rel=0.06)


def test_parts_add_up_and_compression_dominates():
    for pct in np.linspace(0, 7.5, 16):
        load = lumbar_load(standing_posture(pct))
        assert np.hypot(load.compression_n, load.shear_n) == pytest.approx(load.force_n)
        assert load.compression_n > 5 * abs(load.shear_n)  # Bogduk 1992: mostly compression
        assert np.hypot(*load.direction) == pytest.approx(1.0)


def test_force_grows_with_shortening_and_healthy_matches_the_stance():
    forces = [lumbar_load(standing_posture(p)).force_n for p in np.linspace(0, 7.5, 31)]
    assert np.all(np.diff(forces) >= -1e-9) and forces[-1] > forces[0]
    healthy = standing_posture(0.0)
    assert lumbar_load(healthy).force_n == pytest.approx(passive_force_n(healthy.hip_flexion_deg))


def test_the_pull_points_down_towards_the_pelvis():
    load = lumbar_load(standing_posture(3.0))
    assert load.direction[1] < -0.9
