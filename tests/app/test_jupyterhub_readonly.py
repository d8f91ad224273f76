"""The app behind JupyterHub, as docs/classroom.md sets it up, is read-only for the students.

A real JupyterHub (with configurable-http-proxy) on loopback runs the documented
``jupyterhub_config.py`` lines (only ``/srv/psoas`` becomes this checkout; the test adds its
ports, a test login and a spawner that runs as this user).  A student logs in, the hub starts
her server with the documented command, and her browser, holding her login cookie, tries what a
browser can: code over the kernel websocket, and every route a Jupyter server might serve a
notebook or Python file on.  A second student must not get into the first one's server at all.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from loadtest.protocol import Student
from psoas.disk_cache import cache_dir

from .classroom_server import run
from .conftest import free_port, stop_server, wait_until_serving
from .readonly_probes import CHAPTER, RAN_OR_LEAKED, SECRETS, SOURCE_PATHS, fetch, try_to_run_code

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "classroom.md"
INSTALL_DIR = "/srv/psoas"  # where docs/classroom.md has the app installed
PROXY = ROOT / ".venv" / "lib" / "node" / "node_modules" / ".bin" / "configurable-http-proxy"  # make hub-proxy
STUDENT, OTHER_STUDENT = "leerling", "buurman"
SPAWN_TIMEOUT_S = 180  # more than the documented http_timeout
# A notebook or Python file, as opposed to a page made from one.
SOURCE_MARKS = ('"cell_type"', '"nbformat"', "from psoas", "def standing_posture")


def documented_hub_config() -> str:
    """The ``jupyterhub_config.py`` block of docs/classroom.md that runs ``psoas.hub``."""
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    hub_blocks = [b for b in blocks if "psoas.hub" in b and "jupyterhub_config.py" in b]
    assert len(hub_blocks) == 1, "docs/classroom.md should show one jupyterhub_config.py that runs psoas.hub"
    return hub_blocks[0]


def proxy_command() -> str | None:
    for candidate in (os.environ.get("PSOAS_CHP"), str(PROXY), shutil.which("configurable-http-proxy")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def needs_hub() -> str:
    """The proxy's path; without JupyterHub or the proxy: skip, or fail under CI=true."""
    missing = []
    try:
        import jupyterhub  # noqa: F401
    except ImportError:
        missing.append("jupyterhub (pip install -e '.[test]')")
    proxy = proxy_command()
    if proxy is None:
        missing.append("configurable-http-proxy (make hub-proxy)")
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"missing under CI=true: {', '.join(missing)}")
        pytest.skip(f"missing: {', '.join(missing)}")
    return proxy


def hub_config(documented: str, proxy: str, work: Path, port: int) -> str:
    """The documented lines on this checkout, then what only the test needs."""
    ours = documented.replace(f"{INSTALL_DIR}/.venv/bin/python", sys.executable).replace(INSTALL_DIR, str(ROOT))
    test_only = f"""
# --- test only: loopback ports, a test login, servers as this user, the test's picture cache ---
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(work / "home" / "{username}")!r}
c.Spawner.environment = {{**c.Spawner.environment, "PSOAS_CACHE_DIR": {str(cache_dir())!r}}}
c.JupyterHub.db_url = "sqlite:///:memory:"
c.JupyterHub.cookie_secret_file = {str(work / "cookie_secret")!r}
"""
    return ours + test_only


@contextlib.contextmanager
def running_hub(work: Path):
    """JupyterHub with the documented config on a free loopback port; yield (base URL, log path)."""
    proxy = needs_hub()
    port = free_port()
    config = work / "jupyterhub_config.py"
    config.write_text(hub_config(documented_hub_config(), proxy, work, port), encoding="utf-8")
    log_path = work / "hub.log"
    with open(log_path, "w") as log:  # the users' servers write here too
        process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=work, stdout=log, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_until_serving(base + "hub/api", process, 90)
        yield base, log_path
    finally:
        stop_server(process, log_path, timeout_s=30)  # the hub stops its users' servers and its proxy


def log_in(base: str, name: str):
    """A browser session of ``name`` logged in to the hub, her server started."""
    import requests

    session = requests.Session()
    login = session.get(base + "hub/login", timeout=60)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', login.text).group(1)
    session.post(base + f"hub/login?next=/hub/spawn/{name}", data={"username": name, "password": "x",
                 "_xsrf": xsrf}, timeout=60)  # fmt: skip
    deadline = time.monotonic() + SPAWN_TIMEOUT_S
    while time.monotonic() < deadline:
        answer = session.get(base + f"user/{name}/", timeout=60)
        if "spawn-pending" not in answer.url:  # the hub's waiting page, until her server answers
            assert answer.url.startswith(base + f"user/{name}/"), answer.url
            return session
        time.sleep(0.5)  # between polls of the hub's waiting page, not waiting on a page
    raise TimeoutError(f"{name}'s server did not start within {SPAWN_TIMEOUT_S} s")


def cookie_header(session, url: str) -> dict[str, str]:
    """The Cookie header her browser sends to ``url``."""
    import requests

    prepared = session.prepare_request(requests.Request("GET", url))
    return {"Cookie": prepared.headers["Cookie"]}


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    work = tmp_path_factory.mktemp("jupyterhub")
    with running_hub(work) as (base, log_path):
        session = log_in(base, STUDENT)
        yield {"base": base, "server": base + f"user/{STUDENT}/", "session": session, "log": log_path}


def test_the_hub_runs_the_documented_command_as_her_server(hub):
    log = hub["log"].read_text(errors="replace")
    assert f"Spawning {sys.executable} -m psoas.hub" in log
    assert "jupyterhub-singleuser" not in log
    # Her server's start address leads to the start page, and the page is the app's.
    start = hub["session"].get(hub["server"], timeout=60)
    assert f'url=/user/{STUDENT}/voila/render/00-start.ipynb"' in start.text
    page = hub["session"].get(hub["server"] + "voila/render/" + CHAPTER, timeout=120)
    assert page.status_code == 200 and '"kernelId"' in page.text
    assert not any(mark in page.text for mark in SOURCE_MARKS), "the page shows its source"
    # A shared link for every student (docs/classroom.md) reaches her own server, values kept.
    shared = hub["session"].get(hub["base"] + f"hub/user-redirect/voila/render/{CHAPTER}?verkorting=3", timeout=120)
    assert shared.url == hub["server"] + f"voila/render/{CHAPTER}?verkorting=3"
    assert shared.status_code == 200 and '"kernelId"' in shared.text


def test_her_page_works_and_code_she_sends_does_not_run(hub, tmp_path):
    marker = tmp_path / "ran.txt"

    async def scenario():
        headers = cookie_header(hub["session"], hub["server"])
        student = await Student(hub["server"], CHAPTER, fetch_assets=False, fetch_frames=False, headers=headers).open()
        assert student.error is None, student.error  # widgets arrived: the page works behind the hub
        try:
            moved = await student.move_slider()
            return moved, await try_to_run_code(student, marker)
        finally:
            await student.leave()

    round_trip_s, seen = run(scenario())
    kinds = {m["header"]["msg_type"] for m in seen}
    assert round_trip_s > 0
    assert "kernel_info_reply" in kinds  # the channel stayed open: the refusals were heard
    assert not marker.exists(), "code sent from her browser ran in the kernel"
    assert not kinds & RAN_OR_LEAKED, kinds


@pytest.mark.parametrize(
    "path",
    [
        *SOURCE_PATHS,
        f"voila/render/{CHAPTER}?download=1",
        f"voila/render/{CHAPTER}?format=script",
        f"edit/{CHAPTER}",
        f"doc/tree/{CHAPTER}",
        f"lab/tree/{CHAPTER}",
        f"nbconvert/script/{CHAPTER}",
        f"static/{CHAPTER}",
        "static/../psoas/serve.py",
        "voila/static/psoas/serve.py",
        "terminals/1",
        "api/terminals/1",
        "api/me",
    ],
)
def test_no_source_through_any_route_of_her_server(hub, path):
    url = hub["server"] + path
    status, body = fetch(url, headers=cookie_header(hub["session"], url))
    served_source = any(secret in body for secret in (*SECRETS, *SOURCE_MARKS))
    assert status >= 400 or not served_source, (status, body[:300])
    if status < 400 and path.startswith(("voila/api/contents/01", "api/contents/01")):
        assert json.loads(body).get("content") is None


def test_without_a_login_or_as_another_student_nothing_is_served(hub):
    page = hub["server"] + "voila/render/" + CHAPTER
    status, body = fetch(page)  # no cookie: the hub's login page, not hers
    assert '"kernelId"' not in body and "psoas" not in body.lower(), status
    other = log_in(hub["base"], OTHER_STUDENT)
    answer = other.get(page, timeout=60)
    assert answer.status_code == 403, answer.status_code
    assert '"kernelId"' not in answer.text
    refused = other.get(hub["server"] + "api/kernels", timeout=60)
    assert refused.status_code in (403, 404), refused.status_code
