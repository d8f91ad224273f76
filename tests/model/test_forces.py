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


@pytest.mark.parametrize("reading", ["pelvis_stays", "pelvis_follows"])
def test_shear_at_l3_changes_direction_once(reading):
    # Issue 16, item 8: the shear's direction flips (at about 1.8 % when the pelvis follows).
    shears = [lumbar_load(standing_posture(p, reading=reading)).shear_n for p in np.linspace(0, 7.5, 76)]
    signs = np.sign(shears)
    assert signs[0] > 0 and signs[-1] < 0
    assert np.count_nonzero(np.diff(signs)) == 1


def test_shear_direction_property():
    load = lumbar_load(standing_posture(0.0))
    assert load.shear_forwards == (load.shear_n > 0)


def test_l5s1_turns_the_same_pull_into_much_more_shear():
    # Bogduk 1992: the inclined L5-S1 disc (sacral slope ~40 deg) turns the pull into shear.
    for pct in (0.0, 3.0, 7.5):
        load = lumbar_load(standing_posture(pct))
        assert abs(load.shear_l5s1_n) > 3 * abs(load.shear_n)
        assert np.hypot(load.compression_l5s1_n, load.shear_l5s1_n) == pytest.approx(load.force_n)


def test_the_passive_pull_is_a_modest_share_of_standing_disc_load():
    # Wilke 1999: relaxed standing already loads the disc with several hundred newtons.
    for pct in np.linspace(0, 7.5, 16):
        load = lumbar_load(standing_posture(pct))
        assert load.share_of_standing == pytest.approx(load.compression_n / k.STANDING_DISC_LOAD_N)
        assert load.share_of_standing < 0.3
