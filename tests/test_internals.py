"""The private names the app relies on (psoas/internals.py): all there, pinned, and a clear failure."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from psoas import internals

ROOT = Path(__file__).resolve().parents[1]


def test_every_private_name_the_app_relies_on_is_there():
    assert internals.missing() == []
    assert {i.side for i in internals.INTERNALS} == {"server", "kernel"}


def test_the_servers_start_up_check_leaves_the_kernels_packages_alone():
    import subprocess
    import sys

    code = "import sys; from psoas import internals; internals.check(); print('matplotlib' in sys.modules, 'ipykernel' in sys.modules)"
    answer = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert answer.stdout.split() == ["False", "False"]


def test_the_names_set_on_live_objects_are_there_too():
    from jupyter_client.manager import start_new_kernel
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager

    outputs: list[str] = []
    manager = AsyncMappingKernelManager()
    assert isinstance(manager._kernels, dict) and isinstance(manager._kernel_connections, dict)
    kernel, client = start_new_kernel(startup_timeout=60)
    try:
        reply = client.execute_interactive(
            "from IPython import get_ipython\nprint(hasattr(get_ipython().kernel.io_loop, 'add_callback'))", timeout=60,
            output_hook=lambda msg: outputs.append(msg["content"].get("text", "")),
        )  # fmt: skip
    finally:
        client.stop_channels()
        kernel.shutdown_kernel(now=True)
    assert reply["content"]["status"] == "ok" and "True" in "".join(outputs)



def test_a_missing_name_fails_at_start_with_a_clear_message(monkeypatch):
    gone = internals.Internal("voila.app", "Voila.no_such_method_anymore", "nobody", "a test")
    monkeypatch.setattr(internals, "INTERNALS", (*internals.INTERNALS, gone))
    with pytest.raises(internals.MissingInternal) as error:
        internals.check()
    message = str(error.value)
    assert "voila.app.Voila.no_such_method_anymore" in message and "voila 0.5.13" in message
    assert "pyproject.toml" in message


def test_the_packages_are_pinned_to_the_versions_the_list_was_tested_with():
    from packaging.specifiers import SpecifierSet

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = {re.match(r"[A-Za-z0-9_.\-]+", s).group(0).lower().replace("_", "-"): s for s in project["dependencies"]}
    for package, tested in internals.TESTED.items():
        spec = specs[package.replace("_", "-")]
        bounds = SpecifierSet(spec[len(package) :])
        assert tested in bounds, f"{spec} leaves out the tested {tested}"
        major, minor = (int(p) for p in tested.split(".")[:2])
        assert f"{major}.{minor + 1}.0" not in bounds, f"{spec} allows a minor version nobody tested"
