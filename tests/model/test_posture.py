"""The standing posture solver: healthy values, monotonic chain, geometry, bad input."""

import dataclasses

import numpy as np
import pytest

from psoas.model import PSOAS_REST_LENGTH_CM, SHORTENING_RANGE_PCT, standing_posture
from psoas.model import constants as k
from psoas.model.geometry import polyline_length
from psoas.model.posture import HEALTHY_LIMIT_LENGTH_CM

LO, HI = SHORTENING_RANGE_PCT
GRID = np.linspace(LO, HI, 151)


def distance(a, b):
    return float(np.hypot(a[0] - b[0], a[1] - b[1]))


def test_healthy_adult():
    p = standing_posture(0.0)
    assert p.pelvic_tilt_deg == pytest.approx(10.0)  # about 10 deg anterior
    assert p.lumbar_lordosis_deg == pytest.approx(56.0)  # Le Huec at PI = 52
    assert p.hip_extension_deg == pytest.approx(15.0, abs=1e-6)  # E0
    assert p.knee_flexion_deg == 0.0
    assert p.regime == "reserve"
    # Murray's free-speed steps are 66-79 cm; OpenSim subject01 at 1.1 m/s 64-67 cm.
    assert 60.0 <= p.step_length_cm <= 70.0


def test_range_is_a_few_percent_and_ends_in_a_30_degree_contracture():
    assert (LO, HI) == (0.0, 7.5)
    top = standing_posture(HI)
    assert top.shortening_cm == pytest.approx(0.075 * PSOAS_REST_LENGTH_CM)
    assert top.hip_extension_deg == pytest.approx(-30.0, abs=1.0)  # Inai 2017's largest contracture


def test_chain_is_monotonic():
    postures = [standing_posture(p) for p in GRID]
    for attr in ("pelvic_tilt_deg", "lumbar_lordosis_deg", "knee_flexion_deg", "thigh_flexion_deg"):
        assert np.all(np.diff([getattr(p, attr) for p in postures]) >= -1e-9), attr
    for attr in ("hip_extension_deg", "step_length_cm", "psoas_max_length_cm"):
        assert np.all(np.diff([getattr(p, attr) for p in postures]) <= 1e-9), attr
    assert postures[-1].pelvic_tilt_deg > postures[0].pelvic_tilt_deg
    assert postures[-1].step_length_cm < postures[0].step_length_cm


def test_regimes_come_in_order_and_all_occur():
    regimes = [standing_posture(p).regime for p in GRID]
    order = [r for i, r in enumerate(regimes) if i == 0 or r != regimes[i - 1]]
    assert order == ["reserve", "contracture", "crouch"]


def test_soft_coupling_when_the_pelvis_follows():
    # Preece 2021: at most about 0.46 deg of tilt per degree of extension lost (an upper bound).
    p = standing_posture(1.0, reading="pelvis_follows")
    lost = k.NEUTRAL_HIP_EXTENSION_DEG - p.hip_extension_deg
    assert p.pelvic_tilt_deg - k.NEUTRAL_PELVIC_TILT_DEG == pytest.approx(k.PREECE_TILT_GAIN * lost)
    assert k.PREECE_TILT_GAIN == pytest.approx(1.2 / 2.6)
    assert not p.psoas_taut


def test_by_default_the_pelvis_does_not_follow_while_the_hip_has_reserve():
    # Corrections 2: g between 0 and 0.46, the lower end at least as likely (Heino 1990,
    # r = -0.04).  The old default g = 0.46 tilted the pelvis 6.6 deg at 2 %, over half of a
    # maximal voluntary anterior tilt (11.4 deg, Levine & Whittle 1996).
    for pct in (0.5, 1.0, 1.5):
        p = standing_posture(pct)
        assert p.hip_extension_deg > k.TRANSITION_WIDTH_DEG / 2
        assert p.pelvic_tilt_deg == k.NEUTRAL_PELVIC_TILT_DEG
    assert standing_posture(2.0).pelvic_tilt_deg - k.NEUTRAL_PELVIC_TILT_DEG < 11.4 / 2
    assert standing_posture(2.0) == standing_posture(2.0, reading="pelvis_stays")


def test_the_two_readings_differ_only_before_the_tilt_is_forced():
    for pct in (1.0, 2.0):
        stays, follows = (standing_posture(pct, reading=r) for r in ("pelvis_stays", "pelvis_follows"))
        assert follows.pelvic_tilt_deg > stays.pelvic_tilt_deg
        assert follows.hip_extension_deg == stays.hip_extension_deg  # the psoas is the same
    for pct in (6.0, 7.5):  # the pelvis has tilted all it can in both
        stays, follows = (standing_posture(pct, reading=r) for r in ("pelvis_stays", "pelvis_follows"))
        assert follows.pelvic_tilt_deg == pytest.approx(stays.pelvic_tilt_deg)


def test_an_unknown_reading_is_refused():
    with pytest.raises(ValueError, match="pelvis_follows"):
        standing_posture(1.0, reading="maybe")


def test_tilt_is_capped_and_hip_and_knee_bend_beyond():
    top = standing_posture(HI)
    assert top.pelvic_tilt_deg == pytest.approx(k.NEUTRAL_PELVIC_TILT_DEG + k.MAX_EXTRA_TILT_DEG)
    assert top.thigh_flexion_deg > 0 and top.knee_flexion_deg > top.thigh_flexion_deg
    # The ankle is brought back under the hip joint.
    assert top.landmarks["ankle"][0] == pytest.approx(0.0, abs=1e-9)


def test_lordosis_follows_tilt():
    for pct in GRID[::10]:
        p = standing_posture(pct)
        extra_tilt = p.pelvic_tilt_deg - k.NEUTRAL_PELVIC_TILT_DEG
        assert p.lumbar_lordosis_deg - k.NEUTRAL_LUMBAR_LORDOSIS_DEG == pytest.approx(k.LORDOSIS_PER_TILT * extra_tilt)
        assert p.sacral_slope_deg - k.NEUTRAL_SACRAL_SLOPE_DEG == pytest.approx(extra_tilt)
    assert k.LORDOSIS_PER_TILT == pytest.approx(0.95, abs=0.005)  # Levine & Whittle 1996


@pytest.mark.parametrize("pct", GRID[::5])
def test_psoas_path_of_the_solved_posture(pct):
    p = standing_posture(pct)
    # The drawn path has the model's length ...
    assert polyline_length(p.psoas_path) == pytest.approx(p.psoas_length_cm, abs=1e-9)
    # ... the shortened psoas is never stretched past its shortened length ...
    assert p.psoas_max_length_cm == pytest.approx(HEALTHY_LIMIT_LENGTH_CM - p.shortening_cm)
    assert p.psoas_length_cm <= p.psoas_max_length_cm + 1e-9
    # ... and where the hip limits the stance (outside the smooth transitions' band at the
    # 15 deg cap), the path equals the shortened length.
    if -p.hip_extension_deg > k.MAX_EXTRA_TILT_DEG + k.TRANSITION_WIDTH_DEG / 2:
        assert p.psoas_length_cm == pytest.approx(p.psoas_max_length_cm, abs=1e-6)


@pytest.mark.parametrize("pct", GRID[::5])
def test_without_soft_coupling_every_contracture_is_taut(pct):
    p = standing_posture(pct, soft_tilt_gain=0.0)
    band = k.TRANSITION_WIDTH_DEG / 2  # the smooth transition leaves the psoas just slack there
    if p.hip_extension_deg < -band:
        assert p.psoas_length_cm == pytest.approx(p.psoas_max_length_cm, abs=1e-6)
    elif p.hip_extension_deg > band:
        assert p.pelvic_tilt_deg == k.NEUTRAL_PELVIC_TILT_DEG


@pytest.mark.parametrize("pct", GRID[::5])
def test_explorer_parameters_at_their_defaults_change_nothing(pct):
    assert standing_posture(
        pct, gait_spare_extension_deg=k.GAIT_SPARE_EXTENSION_DEG, gait_pelvic_compensation=k.GAIT_PELVIC_COMPENSATION
    ) == standing_posture(pct)


def test_a_larger_moment_arm_costs_less_extension_per_cm():
    # dE = s / r: a lever arm of 3.85 cm (gait2392) loses about 2.47/3.85 of what the path loses.
    path, pulley = standing_posture(3.0), standing_posture(3.0, moment_arm_cm=3.85)
    assert pulley.extension_lost_deg == pytest.approx(np.degrees(path.shortening_cm / 3.85))
    assert pulley.extension_lost_deg < path.extension_lost_deg
    assert pulley.psoas_length_cm <= pulley.psoas_max_length_cm + 1e-9


@pytest.mark.parametrize("pct", [0.0, 2.0, 4.0, 5.5, 7.5])
def test_segment_lengths_survive_any_pose(pct):
    healthy, p = standing_posture(0.0).landmarks, standing_posture(pct).landmarks
    rigid_pelvis = ["HJC", "ASIS", "PSIS", "pubis", "L5/S1", "psoas_brim", "psoas_origin"]
    for i, a in enumerate(rigid_pelvis):
        for b in rigid_pelvis[i + 1 :]:
            assert distance(p[a], p[b]) == pytest.approx(distance(healthy[a], healthy[b]), abs=1e-9), (a, b)
    assert distance(p["ASIS"], p["PSIS"]) == pytest.approx(14.8)
    for a, b in zip(k.DISC_NAMES[:-1], k.DISC_NAMES[1:]):
        assert distance(p[a], p[b]) == pytest.approx(distance(healthy[a], healthy[b]), abs=1e-9)
    assert distance(p["HJC"], p["knee"]) == pytest.approx(k.THIGH_LENGTH_CM)
    assert distance(p["knee"], p["ankle"]) == pytest.approx(k.SHANK_LENGTH_CM)
    assert distance(p["knee"], p["psoas_insertion"]) == pytest.approx(distance(healthy["knee"], healthy["psoas_insertion"]))


def test_tilt_is_the_asis_psis_angle_of_the_landmarks():
    for pct in (0.0, 3.0, 7.5):
        p = standing_posture(pct)
        (ax, ay), (px, py) = p.landmarks["ASIS"], p.landmarks["PSIS"]
        assert np.degrees(np.arctan2(py - ay, ax - px)) == pytest.approx(p.pelvic_tilt_deg)


@pytest.mark.parametrize("bad", [-0.1, 7.51, 100, float("nan"), float("inf"), "abc", None, [1]])
def test_out_of_range_shortening_names_the_range(bad):
    with pytest.raises(ValueError, match=r"shortening_pct must be a number between 0 and 7\.5 percent"):
        standing_posture(bad)


def test_out_of_range_gain_is_refused():
    with pytest.raises(ValueError, match="soft_tilt_gain"):
        standing_posture(1.0, soft_tilt_gain=0.9)


def test_posture_is_immutable():
    p = standing_posture(1.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.pelvic_tilt_deg = 0.0
    with pytest.raises(TypeError):
        p.landmarks["ASIS"] = (0.0, 0.0)


def test_numeric_strings_are_accepted():
    assert standing_posture("2.5") == standing_posture(2.5)
