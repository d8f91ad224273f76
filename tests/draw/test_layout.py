"""A layout read from the disk cache puts everything exactly where a solved layout does."""

import numpy as np
import pytest

from psoas.disk_cache import CACHE_ENV
from psoas.widgets.gait_scene import GaitScene
from psoas.widgets.hip_knee_scene import HipKneeScene
from psoas.widgets.posture_scene import PostureScene


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.mark.parametrize("cls", [PostureScene, GaitScene, HipKneeScene], ids=lambda c: c.__name__)
def test_a_cached_layout_draws_the_same_picture_as_a_solved_one(cls, cache):
    solved = cls()  # lays the figure out and stores the positions
    assert len(list(cache.glob("layout-*.json"))) == 1
    cached = cls()  # reads them
    for a, b in zip(solved.figure.axes, cached.figure.axes):
        np.testing.assert_allclose(a.get_position().bounds, b.get_position().bounds)
    for a, b in zip(solved.figure.texts, cached.figure.texts):  # the gait figure's suptitle
        assert a.get_position() == pytest.approx(b.get_position())
    pixels = [np.asarray(s.live.canvas.buffer_rgba()) for s in (solved, cached)]
    assert (pixels[0] != pixels[1]).any(axis=-1).sum() == 0


def test_another_language_gets_its_own_layout(cache):
    PostureScene(language="nl")
    PostureScene(language="en")
    assert len(list(cache.glob("layout-*.json"))) == 2
