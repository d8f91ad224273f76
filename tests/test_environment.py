"""environment.yml (conda, Binder) lists the same packages, with the same bounds, as pyproject.toml."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def normalise(spec: str) -> tuple[str, str]:
    name, bounds = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", spec).groups()
    return name.lower().replace("_", "-"), bounds.replace(" ", "")


def pyproject_packages() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = project["dependencies"] + [s for extra in project["optional-dependencies"].values() for s in extra]
    return dict(normalise(s) for s in specs)


def conda_packages() -> dict[str, str]:
    lines = (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index("dependencies:")
    specs = [m.group(1) for line in lines[start + 1 :] if (m := re.match(r"^  - ([^ ].*)$", line))]
    return dict(normalise(s) for s in specs if not s.startswith(("python=", "pip")))


def test_same_packages_and_bounds():
    assert conda_packages() == pyproject_packages()


def test_environment_installs_the_package_itself():
    assert "      - -e ." in (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines()


def test_installed_kernel_is_one_that_answers_its_first_request():
    # ipykernel 7 can leave a new kernel deaf to its first request (ipykernel#1554): in this
    # app's benchmark 6 of ~90 page loads then hung on Voilà's spinner.
    import ipykernel

    assert int(ipykernel.__version__.split(".")[0]) < 7, f"ipykernel {ipykernel.__version__}: see pyproject.toml"
