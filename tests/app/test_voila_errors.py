"""A cell that fails in the served app shows readers a short Dutch message, nothing else."""

import urllib.request

import nbformat
import pytest

from .conftest import running_voila

pytestmark = pytest.mark.server


def test_failing_cell_shows_a_dutch_message_without_traceback(tmp_path):
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# Proef"), nbformat.v4.new_code_cell("raise ZeroDivisionError('secret detail')")]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    folder = tmp_path / "notebooks"
    folder.mkdir()
    nbformat.write(notebook, folder / "kapot.ipynb")

    with running_voila(tmp_path, notebook_dir=folder) as base:
        with urllib.request.urlopen(base + "voila/render/kapot.ipynb", timeout=120) as response:
            html = response.read().decode("utf-8")

    assert "Dit onderdeel kon niet worden getoond" in html
    for leak in ("ZeroDivisionError", "secret detail", "Traceback", "There was an error", "raise "):
        assert leak not in html, leak
