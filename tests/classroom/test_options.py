"""Every option once: the command lines are made from the option tables and give them back."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from psoas.classroom import options as opts
from psoas.classroom.seats import SeatPolicy
from psoas.classroom.options import LiveOptions, StaticOptions, arguments, command, parse_live, parse_static


def test_the_live_command_line_round_trips():
    chosen = LiveOptions(port=9000, class_size=12, pool=3, max_kernels=20, open_browser=False,
                         kernel_manager="sync", cull_idle_s=10, reclaim_after_s=2.5, kernel_start_timeout_s=90.0)  # fmt: skip
    assert parse_live(arguments(chosen)) == chosen
    assert command(chosen)[1:4] == ["-m", "psoas.classroom", "--live"]
    assert parse_live([]) == LiveOptions()


def test_the_static_command_line_round_trips():
    chosen = StaticOptions(port=9001, site_dir=Path("/tmp/site"), page="07-zittend-werk.ipynb", base_url="psoas",
                           open_browser=False, log_requests=True, cache_mb=32)  # fmt: skip
    assert chosen.page == "07-zittend-werk" and chosen.base_url == "/psoas/"
    assert parse_static(arguments(chosen)) == chosen


def test_live_options_given_to_the_static_server_are_noted_and_ignored(capsys):
    assert parse_static(["--class-size", "24", "--port", "9000"]) == StaticOptions(port=9000)
    assert "--live" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        parse_static(["--no-such-option"])


def test_every_field_has_help_and_the_seat_policy_takes_its_defaults_from_the_options():
    for cls in (LiveOptions, StaticOptions):
        for field in dataclasses.fields(cls):
            assert field.metadata.get("help"), f"{cls.__name__}.{field.name} has no help text"
    assert SeatPolicy().reclaim_after_s == LiveOptions().reclaim_after_s
    assert SeatPolicy().max_per_device == LiveOptions().max_per_device
    assert LiveOptions().pool_size == LiveOptions().class_size == opts.CLASS_SIZE
    assert LiveOptions(class_size=12).kernel_cap == 22 and LiveOptions(max_kernels=5).kernel_cap == 5


def test_the_first_page_is_a_notebook_for_the_live_server_and_a_stem_for_the_static_one():
    assert LiveOptions().notebook == "01-houding.ipynb"
    assert LiveOptions(page="en/01-houding.ipynb").notebook == "en/01-houding.ipynb"
    assert StaticOptions(page="nl/01-houding.html").page == "01-houding"
