"""Thomas test, lunge and the hip's flexion margin."""

import numpy as np
import pytest

from psoas.model import constants as k
from psoas.model import standing_posture
from psoas.model.clinical import flexion_margin_deg, lunge_back_foot_cm, lunge_back_knee_cm, thomas_positive, thomas_thigh_angle_deg

GRID = np.linspace(0, 7.5, 76)


def test_healthy_thigh_hangs_at_the_athletes_norm():
    # Harvey 1998: grand mean -11.9 deg for iliopsoas, 117 athletes [S].
    assert k.HARVEY_ILIOPSOAS_MEAN_DEG == -11.9
    assert thomas_thigh_angle_deg(standing_posture(0.0)) == pytest.approx(k.HARVEY_ILIOPSOAS_MEAN_DEG, abs=0.5)
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


def test_standing_margin_shrinks_where_the_taut_psoas_tilts_the_pelvis():
    margins = [flexion_margin_deg(standing_posture(p)) for p in GRID]
    assert np.all(np.diff(margins) <= 1e-9)
    assert margins[-1] < margins[0]
    healthy = standing_posture(0.0)
    assert flexion_margin_deg(healthy) == pytest.approx(120.0 - 10.0)


@pytest.mark.parametrize("reading", ["pelvis_stays", "pelvis_follows"])
def test_squat_margin_ignores_a_slack_psoas(reading):
    # Issue 16, item 1: in a squat the psoas is about 25 cm long, far below even the shortest
    # limit of the range (29.8 cm), so it is slack and cannot tilt the pelvis: the margin is the
    # healthy 120 - 10 - 87.4 = 22.6 deg at every shortening.  The old rule fell to -7.2 deg.
    from psoas.model import psoas_length_cm

    squat_hip_deg = k.NEUTRAL_PELVIC_TILT_DEG + k.SQUAT_HIP_FLEXION_DEG
    for pct in GRID:
        p = standing_posture(pct, reading=reading)
        assert psoas_length_cm(squat_hip_deg) < p.psoas_max_length_cm - 4.0
        assert flexion_margin_deg(p, k.SQUAT_HIP_FLEXION_DEG) == pytest.approx(120.0 - 10.0 - 87.4)


def test_an_activity_near_standing_counts_the_taut_psoas():
    # A small flexion (5 deg) at the top of the range: the shortened psoas stops the hip at
    # about 40 deg against the pelvis, so it is taut there and the margin is set by it.
    top = standing_posture(7.5)
    assert flexion_margin_deg(top, 5.0) == pytest.approx(120.0 - top.hip_flexion_deg, abs=0.01)
    assert flexion_margin_deg(standing_posture(0.0), 5.0) == pytest.approx(120.0 - 10.0 - 5.0)
