"""The Voilà app over plain HTTP: pages render, no code, no tracebacks."""

import json
import re
import urllib.request

import pytest

from psoas.content import chapters

pytestmark = pytest.mark.server

CODE_FRAGMENTS = ("import ", "make_posture_scene(", "show_comparison(", "from psoas")


def fetch(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.status, response.geturl(), response.read().decode("utf-8")


def test_root_leads_to_the_start_page(voila_url):
    status, _, html = fetch(voila_url)
    assert status == 200
    assert 'url=/voila/render/00-start.ipynb"' in html


def test_start_page_lists_the_chapters(voila_url):
    status, _, html = fetch(voila_url + "voila/render/00-start.ipynb")
    assert status == 200
    assert "De psoas: houding en beweging" in html
    for chapter in chapters():
        assert chapter["notebook"] in html


@pytest.mark.parametrize("notebook", [c["notebook"] for c in chapters()])
def test_chapter_renders_without_code_or_errors(voila_url, notebook):
    status, _, html = fetch(voila_url + f"voila/render/{notebook}")
    assert status == 200
    assert "application/vnd.jupyter.widget-view+json" in html  # the figure's widgets
    for fragment in CODE_FRAGMENTS:
        assert fragment not in html, fragment
    outputs = [json.loads(block) for block in re.findall(r'<script type="application/vnd.voila.cell-output\+json">(.*?)</script>', html, re.S)]
    assert outputs, "no cell output was rendered"
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert "Traceback" not in html and "There was an error" not in html


def test_notebook_source_is_not_served(voila_url):
    for path in ("voila/files/01-houding.ipynb", "voila/files/../psoas/model/posture.py", "api/contents/01-houding.ipynb"):
        try:
            status, _, body = fetch(voila_url + path)
        except urllib.error.HTTPError as error:
            status, body = error.code, ""
        assert status >= 400 or "make_posture_scene" not in body, path


def test_voila_javascript_loads_while_the_cells_run(voila_url):
    # The template moves Voilà's script from after the last cell to before the first, so the
    # browser fetches it during the kernel's work (docs/performance.md, "A fast start").
    _, _, html = fetch(voila_url + "voila/render/01-houding.ipynb")
    scripts = re.findall(r'<script[^>]*src="[^"]*/voila/static/voila\.js"[^>]*>', html)
    assert len(scripts) == 1, scripts
    assert "async" in scripts[0]
    assert html.index(scripts[0]) > html.index('id="jupyter-config-data"')
    assert html.index(scripts[0]) < html.index('cell-index="1"')


def test_a_page_that_takes_long_tells_the_reader_to_reload(voila_url):
    # Shown by CSS alone after 60 s on the loading screen (which Voilà removes when ready).
    _, _, html = fetch(voila_url + "voila/render/01-houding.ipynb")
    loading = html[html.index('<div id="loading"') : html.index('<div id="rendered_cells"')]
    assert 'class="psoas-slow"' in loading and "laad de pagina dan opnieuw" in loading
    assert re.search(r"\.psoas-slow \{[^}]*visibility: hidden;[^}]*animation: psoas-show 0s 60s forwards", html)
