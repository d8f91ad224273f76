"""Seats without a server: caps, reservations, the culler's protection and the warming pace."""

from __future__ import annotations

from psoas.classroom.options import LiveOptions
from psoas.classroom.seats import Reservation, SeatBook, SeatPolicy, warm_limit


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def book(**policy) -> tuple[SeatBook, Clock, set[str]]:
    clock, alive = Clock(), set()
    return SeatBook(SeatPolicy(**policy), exists=lambda k: k in alive, clock=clock), clock, alive


def seat(seats: SeatBook, alive: set[str], client: str, kernel_id: str) -> Reservation:
    reservation = seats.reserve(client)
    assert isinstance(reservation, Reservation)
    alive.add(kernel_id)
    seats.take_seat(reservation, kernel_id)
    return reservation


def test_the_caps_count_seats_and_requests_still_waiting_for_a_kernel():
    seats, _, alive = book(max_kernels=3, max_per_device=2)
    seat(seats, alive, "a", "k1")
    waiting = seats.reserve("a")  # admitted, no kernel yet
    assert isinstance(waiting, Reservation) and seats.in_use("a") == 2
    assert seats.reserve("a") == "device"
    seat(seats, alive, "b", "k2")
    assert seats.reserve("c") == "full"
    seats.release(waiting)  # that request failed
    assert seats.in_use() == 2 and isinstance(seats.reserve("c"), Reservation)


def test_a_stopped_kernel_frees_its_seat():
    seats, _, alive = book(max_kernels=1)
    seat(seats, alive, "a", "k1")
    assert seats.reserve("b") == "full"
    alive.discard("k1")  # culled, died or stopped elsewhere
    assert isinstance(seats.reserve("b"), Reservation)


def test_a_page_being_made_or_not_yet_connected_is_never_culled():
    seats, clock, alive = book(connect_grace_s=120.0)
    request = seat(seats, alive, "a", "k1")
    clock.now += 3600  # a page that takes an hour to render stays protected while it renders
    assert seats.protected("k1")
    seats.release(request)  # the page was sent
    clock.now += 119
    assert seats.protected("k1")  # the browser has not connected yet
    clock.now += 2
    assert not seats.protected("k1")  # it never came: the culler may take it


def test_a_connected_page_is_left_to_the_culler_rules():
    seats, clock, alive = book()
    request = seat(seats, alive, "a", "k1")
    seats.release(request)
    seats.mark_connected("k1")
    assert not seats.protected("k1")
    assert not seats.protected("unknown-kernel")


def test_left_pages_are_the_idle_unconnected_ones_oldest_first():
    seats, clock, alive = book(reclaim_after_s=30.0)
    for kernel_id in ("k1", "k2", "k3"):
        seats.release(seat(seats, alive, "a", kernel_id))
        clock.now += 1
    rendering = seat(seats, alive, "a", "k4")  # still being made: never reclaimed
    clock.now += 60
    connections = {"k2": 1}
    idle = {"k1": 60.0, "k2": 60.0, "k3": 5.0, "k4": 60.0}
    assert seats.left_pages(None, lambda k: connections.get(k, 0), idle.__getitem__) == ["k1"]
    assert seats.left_pages("someone-else", lambda k: 0, idle.__getitem__) == []
    seats.release(rendering)


def test_the_pool_warms_at_a_pace_the_machine_can_bear():
    policy = SeatPolicy.from_options(LiveOptions(warm_parallel=0, warm_parallel_busy=1), cores=2)
    assert policy.warm_parallel == 2 and policy.max_kernels == 40
    assert warm_limit(policy, seated=0, load_per_core=0.1) == 2  # nobody works: every core
    assert warm_limit(policy, seated=5, load_per_core=0.1) == 1  # students work: one at a time
    assert warm_limit(policy, seated=0, load_per_core=1.5) == 1  # another process keeps the cores busy
