"""The model is pure: numpy only, no drawing or widget library."""

import subprocess
import sys


def test_model_imports_neither_matplotlib_nor_ipywidgets():
    code = "import sys, psoas.model; print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
