"""The harness that starts servers for the tests, the bench and the load test (``harness/``)."""

from __future__ import annotations

import sys
import time
import urllib.request
from pathlib import Path

import pytest

from harness.browser import is_loopback
from harness.servers import FileServer, Server, classroom_command, free_port, voila_app_command
from psoas.classroom.options import LiveOptions, StaticOptions, parse_live, parse_static
from psoas.serve import NOTEBOOK_DIR, voila_command


def python_server(code: str, log_path: Path) -> Server:
    return Server([sys.executable, "-c", code], log_path, free_port())


def test_a_server_that_dies_at_start_fails_at_once_with_its_log(tmp_path):
    server = python_server("print('geen notebooks gevonden', flush=True); raise SystemExit(3)", tmp_path / "dies.log")
    began = time.monotonic()
    with pytest.raises(RuntimeError) as failure, server.running(timeout_s=60, show_log=False):
        pass
    assert time.monotonic() - began < 30  # not the 60 s timeout
    assert "code 3" in str(failure.value) and "geen notebooks gevonden" in str(failure.value)


def test_a_server_that_never_answers_times_out_with_its_log_and_is_stopped(tmp_path):
    server = python_server("import time; print('nog bezig', flush=True); time.sleep(120)", tmp_path / "slow.log")
    with pytest.raises(TimeoutError) as failure, server.running(timeout_s=1, show_log=False):
        pass
    assert "nog bezig" in str(failure.value)
    assert server.process.poll() is not None  # stopped, not left behind


def test_a_server_is_ready_when_it_answers(tmp_path):
    port = free_port()
    server = Server([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(tmp_path)],
                    tmp_path / "http.log", port)  # fmt: skip
    with server.running(timeout_s=30, show_log=False):
        assert server.ready_after_s is not None and server.ready_after_s > 0
        with urllib.request.urlopen(server.base, timeout=10) as response:
            assert response.status == 200
    assert server.process.poll() is not None


def test_the_file_server_serves_a_folder_on_loopback(tmp_path):
    (tmp_path / "nl").mkdir()
    (tmp_path / "nl" / "page.html").write_text("<p>hallo</p>", encoding="utf-8")
    with FileServer(tmp_path) as files:
        assert files.base.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(files.base + "nl/page.html", timeout=10) as response:
            assert response.read() == b"<p>hallo</p>"


def test_the_test_voila_is_make_apps_command_on_another_folder_with_settings_replaced(tmp_path):
    assert voila_app_command(1234) == voila_command(port=1234)
    command = voila_app_command(1234, tmp_path, ("--MappingKernelManager.cull_idle_timeout=3",))
    assert str(tmp_path) in command and str(NOTEBOOK_DIR) not in command
    assert [a for a in command if a.startswith("--MappingKernelManager.cull_idle_timeout")] == [
        "--MappingKernelManager.cull_idle_timeout=3"
    ]
    assert len(command) == len(voila_command(port=1234))


def test_the_classroom_command_gives_the_options_back():
    live = LiveOptions(port=9000, class_size=12, pool=3, max_kernels=20, open_browser=False,
                       kernel_manager="sync", cull_idle_s=10, reclaim_after_s=2.5, kernel_start_timeout_s=90.0)  # fmt: skip
    command = classroom_command(live)
    assert command[:4] == [sys.executable, "-m", "psoas.classroom", "--live"]
    assert parse_live(command[3:]) == live
    static = StaticOptions(port=9001, ip="127.0.0.1", site_dir=Path("/tmp/site"), page="07-zittend-werk.ipynb",
                           base_url="psoas", open_browser=False, log_requests=True, cache_mb=32)  # fmt: skip
    command = classroom_command(static)
    assert command[1:3] == ["-m", "psoas.classroom"] and "--live" not in command
    assert parse_static(command[3:]) == static
    assert classroom_command(LiveOptions())[4:] == []  # defaults are left out


def test_pages_may_only_reach_loopback():
    assert is_loopback("http://127.0.0.1:8866/voila/render/01-houding.ipynb")
    assert is_loopback("http://localhost:8000/nl/01-houding.html")
    assert is_loopback("data:image/png;base64,AAAA") and is_loopback("blob:http://127.0.0.1:1/abc")
    assert not is_loopback("https://cdn.jsdelivr.net/npm/katex/dist/katex.min.css")
    assert not is_loopback("http://localhost.example.com/")
    assert not is_loopback("http://192.168.1.30:8866/")
