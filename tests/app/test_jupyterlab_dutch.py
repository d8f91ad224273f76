"""JupyterLab speaks Dutch: the nl_NL language pack is installed and is the default locale."""

import json
import sys
import urllib.request
from pathlib import Path

import pytest

from harness.servers import Server, free_port

pytestmark = pytest.mark.server


def test_overrides_make_dutch_the_default():
    overrides = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert json.loads(overrides.read_text(encoding="utf-8"))["@jupyterlab/translation-extension:plugin"]["locale"] == "nl_NL"


def test_jupyterlab_serves_the_dutch_language_pack(tmp_path):
    port = free_port()
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
        "--IdentityProvider.token=", "--allow-root", f"--ServerApp.root_dir={tmp_path}",
    ]  # fmt: skip
    with Server(command, tmp_path / "lab.log", port, ready_path="api").running(show_log=False) as server:
        with urllib.request.urlopen(server.base + "lab/api/translations/nl_NL", timeout=30) as response:
            pack = json.loads(response.read())
        assert pack["data"]  # the Dutch strings
        text = json.dumps(pack["data"], ensure_ascii=False)
        assert "Bestand" in text  # "File" menu, in Dutch
