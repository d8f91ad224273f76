"""Errors in the served app: a failing cell, a missing page, a page that cannot be made now.

Readers see a short page or message in their language, never a traceback or a server's own error page.
"""

import urllib.error
import urllib.request

import nbformat
import pytest

from .conftest import get, running_voila

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


@pytest.mark.parametrize(
    "path, status, language, words",
    [
        ("voila/render/bestaat-niet.ipynb", 404, "nl", "Deze pagina bestaat niet"),
        ("voila/render/en/does-not-exist.ipynb", 404, "en", "This page does not exist"),
        ("geen/route/hier", 404, "nl", "Deze pagina bestaat niet"),
        ("geen/route/hier?lang=en", 404, "en", "This page does not exist"),
        ("voila/files/01-houding.ipynb", 403, "nl", "niet te openen"),
    ],
)
def test_every_error_is_the_apps_own_page_in_the_readers_language(voila_url, path, status, language, words):
    code, headers, html = get(voila_url + path, timeout_s=120)
    assert code == status
    assert headers["Content-Type"].startswith("text/html")
    assert f'<html lang="{language}">' in html and words in html
    assert 'href="/voila/render/' in html  # a way back to the start page
    for leak in ("Traceback", "jupyter_server", "static_path", "404 : Not Found", "Forbidden"):
        assert leak not in html, leak


def test_a_page_that_cannot_be_made_now_says_so_and_retries_by_itself(tmp_path, monkeypatch):
    """The live classroom: a kernel that cannot start (here: its kernelspec names a program that
    does not exist) gives the student the short page that reloads itself, in the page's language,
    not a bare error or a timeout."""
    import json

    from .classroom_server import running_classroom

    spec = tmp_path / "jupyter" / "kernels" / "psoas-broken"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({"argv": [str(tmp_path / "no-such-python"), "-f", "{connection_file}"],
                                                  "display_name": "broken", "language": "python"}))  # fmt: skip
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_markdown_cell("# Proef")]
    notebook.metadata["kernelspec"] = {"name": "psoas-broken", "display_name": "broken", "language": "python"}
    folder = tmp_path / "notebooks"
    (folder / "en").mkdir(parents=True)
    nbformat.write(notebook, folder / "proef.ipynb")
    nbformat.write(notebook, folder / "en" / "proef.ipynb")
    with running_classroom(tmp_path, pool=0, notebook_dir=folder, page="proef.ipynb") as base:
        dutch = get(base + "voila/render/proef.ipynb", timeout_s=120)
        english = get(base + "voila/render/en/proef.ipynb", timeout_s=120)
    for (code, headers, html), language, words in ((dutch, "nl", "te druk"), (english, "en", "too busy")):
        assert code == 503 and headers["Retry-After"].isdigit()
        assert f'<html lang="{language}">' in html and words in html and 'http-equiv="refresh"' in html
        assert "Traceback" not in html and "no-such-python" not in html


@pytest.mark.browser
@pytest.mark.parametrize("chapter, language, words", [("01-houding.ipynb", "nl", "te druk"), ("en/01-houding.ipynb", "en", "too busy")])
def test_a_page_whose_kernel_cannot_be_reached_says_so_and_reloads(voila_url, page, chapter, language, words):
    """The kernel websocket is refused (as when the server cannot give the page its kernel): the page
    shows the busy message in its language with a way to try again, not a spinner forever."""
    import re

    page.route_web_socket(re.compile(r".*/api/kernels/[^/]+/channels.*"), lambda socket: socket.close(code=1011))
    page.goto(voila_url + f"voila/render/{chapter}")
    busy = page.locator(".psoas-busy[role=alert]")
    busy.wait_for(timeout=120_000)
    text = busy.inner_text()
    assert words in text and re.search(r"\b30\b", text)
    assert page.evaluate("document.documentElement.lang") == language
    assert busy.locator("a").count() == 1 and busy.locator("a").bounding_box()["height"] >= 44
