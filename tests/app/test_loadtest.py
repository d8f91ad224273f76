"""The load test, small: three students at once, with and without the warm pool, and a link with values.

The same scenario as ``python -m loadtest`` (real HTTP and kernel websocket, the widget handshake,
a slider move answered by a new figure, a student past the cap, leaving and culling), asserting
correctness only: everyone interactive, no failure, the Dutch page past the cap, memory freed.
The culler runs every second with a 3 s timeout: no kernel is lost while its page is made.
Times are reported by ``make loadtest``, never asserted here.
"""

import pytest

from loadtest.run import Mode, Scenario, run_mode

from .classroom_server import run

pytestmark = pytest.mark.server


@pytest.mark.parametrize(
    "mode", [Mode(True), Mode(False), Mode(True, link="verkorting=3")], ids=["warm-pool", "no-pool", "warm-pool-link"]
)
def test_a_small_class_arrives_at_once(mode, tmp_path):
    scenario = Scenario(students=3, extra=1, moves=2, cull_idle_s=3, cull_interval_s=1, log_dir=tmp_path)
    result = run(run_mode(scenario, mode), timeout_s=600)
    problems = [f"{s.name}: {s.error}" for s in result.failures]
    assert len(result.interactive) == 3 and not problems, problems
    assert all(len(s.slider_times) == 1 + 2 * scenario.moves for s in result.students)  # every move answered
    assert all(s.frames_bytes > 1_000_000 and s.frames_s is not None for s in result.students)  # as a browser asks
    assert len(result.refused_with_message) == 1, [(e.status, e.error) for e in result.extras]
    assert result.memory_freed, (result.idle, result.after)
    assert result.after.kernels <= result.idle.kernels
    if mode.pool:
        assert result.rewarmed_after_s is not None  # the pool refilled for the next class
        assert result.warm_used == 3  # every page came from a warm kernel, the link's too
    if mode.link:  # "interactive" waited until each slider showed the link's value (Student.expect_value)
        assert mode.expect_value == 3.0


def test_the_load_test_knows_a_picture_as_raw_png_or_as_the_data_url_the_app_sends():
    from loadtest.protocol import PNG_MAGIC, is_picture
    from psoas.live.picture import as_data_url

    png = PNG_MAGIC + b"rest of a picture"
    assert is_picture(png) and is_picture(memoryview(as_data_url(png)))
    assert is_picture(as_data_url(b"\xff\xd8\xff", "jpeg"))
    assert not is_picture(b'{"value": 3.0}') and not is_picture(b"data:text/plain,hallo")
