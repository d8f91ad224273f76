"""The hosting example in docs/static-site.md works as written: a plain file server, the site, a browser's requests."""

import json
import re
import shlex
import sys
import urllib.request
from pathlib import Path

from harness.servers import Server, free_port

DOC = Path(__file__).resolve().parents[2] / "docs" / "static-site.md"


def documented_command() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("<!-- hosting:command -->", 1)[1]
    (line,) = re.findall(r"```sh\n(.+?)\n```", block)[:1]
    return shlex.split(line)


def test_the_documented_command_serves_a_working_site(static_site, tmp_path):
    command = documented_command()
    assert command[:3] == ["python3", "-m", "http.server"]
    port = free_port()
    command = [sys.executable, *command[1:]]
    command[command.index("8000")] = str(port)
    command[command.index("0.0.0.0")] = "127.0.0.1"  # tests stay on loopback
    command[command.index("site")] = str(static_site)
    with Server(command, tmp_path / "http.server.log", port).running(timeout_s=30, show_log=False) as server:
        base = server.base
        page = urllib.request.urlopen(base + "nl/01-houding.html", timeout=10).read().decode()
        script = re.search(r'<script type="module" src="\.\./([^"]+)"', page).group(1)
        with urllib.request.urlopen(base + script, timeout=10) as answer:
            assert answer.headers["Content-Type"].split(";")[0] in ("text/javascript", "application/javascript")
        manifest_url = re.search(r'data-psoas-scene="\.\./([^"]+)"', page).group(1)
        manifest = json.loads(urllib.request.urlopen(base + manifest_url, timeout=10).read())
        for frame in manifest["frames"][:: len(manifest["frames"]) // 5]:
            with urllib.request.urlopen(base + frame.removeprefix("../"), timeout=10) as answer:
                assert answer.headers["Content-Type"] == "image/png" and answer.read(8) == b"\x89PNG\r\n\x1a\n"
