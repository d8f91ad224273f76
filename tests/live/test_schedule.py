"""Latest value wins: a burst of values inside the kernel draws only the first and the newest."""

import asyncio
import threading

from psoas.live.schedule import LatestValueWins, running_loop


def test_without_an_event_loop_every_value_is_applied_at_once():
    seen = []
    latest = LatestValueWins(seen.append)
    for value in (1, 2, 3):
        latest.submit(value)
    assert seen == [1, 2, 3] and latest.dropped == 0 and not latest.pending


def test_outside_a_kernel_a_running_loop_is_not_trusted_to_turn():
    seen = []
    latest = LatestValueWins(seen.append)  # defers only to the IPython kernel's own loop
    in_fresh_loop(lambda loop: [latest.submit(v) for v in (1, 2, 3)])
    assert seen == [1, 2, 3]


def in_fresh_loop(body):
    """Run ``body(loop)`` inside a new event loop in a new thread (a test process may hold a
    half-running loop in its main thread, e.g. Playwright's), then let it turn until idle."""
    failure = []

    async def main():
        body(asyncio.get_running_loop())
        for _ in range(5):  # turns of the loop, not a timed wait
            await asyncio.sleep(0)

    def run():
        try:
            asyncio.run(main())
        except BaseException as error:  # noqa: BLE001 - re-raised in the test's thread
            failure.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if failure:
        raise failure[0]


def test_in_a_burst_only_the_first_and_the_newest_value_are_applied():
    seen = []
    latest = LatestValueWins(seen.append, event_loop=running_loop)
    in_fresh_loop(lambda loop: [latest.submit(v) for v in range(10)])
    assert seen == [0, 9]
    assert latest.dropped == 8 and latest.applied == 2 and not latest.pending


def test_a_value_after_the_loop_turned_is_applied_at_once_again():
    seen = []
    latest = LatestValueWins(seen.append, event_loop=running_loop)

    def body(loop):
        latest.submit("a")
        latest.submit("b")
        loop.call_soon(loop.call_soon, latest.submit, "c")  # after the burst has been drawn

    in_fresh_loop(body)
    assert seen == ["a", "b", "c"]


def test_flush_applies_the_waiting_value_now():
    seen = []
    latest = LatestValueWins(seen.append, event_loop=running_loop)

    def body(loop):
        latest.submit(1)
        latest.submit(2)
        assert latest.pending
        latest.flush()
        assert seen == [1, 2] and not latest.pending

    in_fresh_loop(body)
    assert seen == [1, 2]


def test_a_failing_deferred_update_does_not_stop_later_ones():
    seen = []

    def apply(value):
        if value == "bad":
            raise RuntimeError("simulated")
        seen.append(value)

    latest = LatestValueWins(apply, event_loop=running_loop)

    def body(loop):
        latest.submit("first")
        latest.submit("bad")  # deferred; fails on the loop's turn
        loop.call_soon(loop.call_soon, loop.call_soon, latest.submit, "later")

    in_fresh_loop(body)
    assert seen == ["first", "later"]
