"""What a browser could try against a read-only server: run code over the kernel websocket, fetch
sources.  Shared by ``test_security.py`` (``make app``, the classroom server) and
``test_jupyterhub_readonly.py`` (the app as a JupyterHub user's server)."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from pathlib import Path

from loadtest.protocol import Student, message

CHAPTER = "01-houding.ipynb"
SECRETS = ("make_posture_scene", "def voila_command", "[project]", "root:x:0:0", "import ", "psoas.widgets")
# Everything a Jupyter server might offer for a file, relative to the server's base URL.
SOURCE_PATHS = (
    "voila/files/01-houding.ipynb",
    "voila/files/../psoas/serve.py",
    "voila/files/%2e%2e/psoas/serve.py",
    "voila/files/..%2f..%2fetc%2fpasswd",
    "voila/files/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "voila/files/../pyproject.toml",
    "voila/files//etc/passwd",
    "voila/static/../../../../../../etc/passwd",
    "voila/static/%2e%2e/%2e%2e/%2e%2e/psoas/serve.py",
    "voila/templates/psoas/static/../index.html.j2",
    "voila/templates/psoas/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "voila/labextensions/../../../../../etc/passwd",
    "voila/render/../psoas/serve.py",
    "voila/render/..%2fpyproject.toml",
    "voila/render/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "voila/tree/../psoas",
    "voila/api/contents/01-houding.ipynb",
    "voila/api/contents/01-houding.ipynb?content=1&format=text",
    "voila/api/contents/../psoas",
    "api/contents",
    "api/contents/01-houding.ipynb",
    "api/kernels",
    "api/sessions",
    "api/kernelspecs",
    "api/terminals",
    "files/01-houding.ipynb",
    "tree",
    "lab",
    "notebooks/01-houding.ipynb",
    "psoas/serve.py",
)


def fetch(url: str, method: str = "GET", headers: dict[str, str] | None = None) -> tuple[int, str]:
    """(status, body) of one request; redirects are followed (a login page is not the file)."""
    data = b"" if method != "GET" else None
    request = urllib.request.Request(url, method=method, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


async def traffic_after(student: Student, send) -> list[dict]:
    """Run ``send()``, then a kernel_info round trip; return every message seen until its reply.

    The kernel handles shell messages in order, so anything ``send`` made the kernel do has
    produced its messages before the kernel_info_reply arrives.
    """
    seen = []
    send()
    probe = message("kernel_info_request", {}, student.session)
    student.send("shell", probe)
    while True:
        item = await asyncio.wait_for(student._inbox.get(), 60)
        assert item is not None, "the websocket closed"
        _, msg, _ = item
        seen.append(msg)
        if (
            msg["parent_header"].get("msg_id") == probe["header"]["msg_id"]
            and msg["header"]["msg_type"] == "kernel_info_reply"
        ):
            return seen


async def try_to_run_code(student: Student, marker: Path) -> list[dict]:
    """On an open page: ``execute_request`` that would write ``marker`` (shell and control
    channel), and requests that would leak source; every message that came back."""
    code = f"open({str(marker)!r}, 'w').write('ran')"
    on_shell = await traffic_after(student, lambda: student.send("shell", message("execute_request", {
        "code": code, "silent": False, "store_history": True, "user_expressions": {"x": code},
        "allow_stdin": False, "stop_on_error": True}, student.session)))  # fmt: skip
    on_control = await traffic_after(student, lambda: student.send("control", message("execute_request", {
        "code": code, "silent": True}, student.session)))  # fmt: skip
    leaks = await traffic_after(student, lambda: [
        student.send("shell", message(kind, content, student.session)) for kind, content in (
            ("history_request", {"output": True, "raw": True, "hist_access_type": "tail", "n": 100}),
            ("inspect_request", {"code": "make_posture_scene", "cursor_pos": 5, "detail_level": 1}),
            ("complete_request", {"code": "import o", "cursor_pos": 8}),
        )])  # fmt: skip
    return on_shell + on_control + leaks


# What running code, or leaking source, would send back.
RAN_OR_LEAKED = {"execute_reply", "execute_input", "execute_result", "stream", "error", "history_reply",
                 "inspect_reply", "complete_reply"}  # fmt: skip
