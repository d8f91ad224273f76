"""JupyterLab speaks Dutch: the nl_NL language pack is installed and is the default locale."""

import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from .conftest import free_port, wait_until_serving

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
    with open(tmp_path / "lab.log", "w") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_until_serving(base + "api", process, 90)
        with urllib.request.urlopen(base + "lab/api/translations/nl_NL", timeout=30) as response:
            pack = json.loads(response.read())
        assert pack["data"]  # the Dutch strings
        text = json.dumps(pack["data"], ensure_ascii=False)
        assert "Bestand" in text  # "File" menu, in Dutch
    finally:
        process.terminate()
        process.wait(timeout=20)
