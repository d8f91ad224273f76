"""Sport hip ranges: inside the model's range, sourced, looked up by key."""

import pytest

from psoas.model.psoas_path import HIP_FLEXION_RANGE_DEG
from psoas.model.sport import SPORTS, length_span_cm, sport


def test_every_sport_of_the_article_is_there():
    assert {s.key for s in SPORTS} >= {"running", "sprinting", "cycling", "dance", "squat_deadlift", "football_tennis"}


@pytest.mark.parametrize("item", SPORTS, ids=lambda s: s.key)
def test_ranges_are_valid_and_sourced(item):
    lo, hi = HIP_FLEXION_RANGE_DEG
    assert lo <= item.extension_deg < item.flexion_deg <= hi
    assert item.source and any(tag in item.source for tag in ("[S]", "[C]", "[R]"))
    shortest, longest = length_span_cm(item)
    assert shortest < longest


def test_walking_is_the_opensim_trial():
    walking = sport("walking")
    assert (walking.extension_deg, walking.flexion_deg) == (-22.3, 21.9)


def test_unknown_sport_names_the_choices():
    with pytest.raises(ValueError, match="sprinting"):
        sport("curling")
