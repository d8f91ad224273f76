"""How the app's Voilà is started: its environment."""

import os

from psoas.serve import JUPYTER_DATA_DIR, voila_environment


def test_the_environment_puts_the_template_first_and_sets_lean_defaults():
    env = voila_environment({"JUPYTER_PATH": "/elsewhere"})
    assert env["JUPYTER_PATH"].split(os.pathsep) == [str(JUPYTER_DATA_DIR), "/elsewhere"]
    assert env["MPLBACKEND"] == "Agg" and env["MALLOC_ARENA_MAX"] == "2"


def test_a_value_the_user_set_is_kept():
    env = voila_environment({"MALLOC_ARENA_MAX": "8", "MPLBACKEND": "svg"})
    assert env["MALLOC_ARENA_MAX"] == "8" and env["MPLBACKEND"] == "svg"
