"""Everyone can use it: keyboard only, words for pictures, projector mode, English, and axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from psoas.content import appendices, chapters

from .conftest import screenshot

pytestmark = [pytest.mark.server, pytest.mark.browser]

PAGES = ["00-start.ipynb"] + [c["notebook"] for c in chapters()] + [a["notebook"] for a in appendices()]
BLOCKING = {"serious", "critical"}


def open_page(page, url):
    page.goto(url)
    page.wait_for_function("() => !document.getElementById('loading')", timeout=90_000)
    page.locator(".psoas-projector-switch").first.wait_for(timeout=90_000)


@pytest.mark.parametrize("path", [f"voila/render/{p}" for p in PAGES] + [f"voila/render/en/{p}" for p in PAGES])
def test_axe_finds_no_serious_violation(voila_url, page, path):
    open_page(page, voila_url + path)
    results = Axe().run(page)
    blocking = [(v["id"], v["impact"], v["nodes"][0]["html"][:120]) for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, blocking


def test_a_chapter_with_the_keyboard_alone(voila_url, page):
    open_page(page, voila_url + "voila/render/02-onderrugpijn.ipynb")
    page.locator(".noUi-handle").first.wait_for()
    readout = page.locator(".psoas-readout").first.inner_html()
    for _ in range(40):  # Tab until the slider has the focus
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.getAttribute('role') === 'slider'"):
            break
    else:
        pytest.fail("the slider cannot be reached with Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), "no visible focus ring on the slider"
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')")  # it has a name
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("(html) => document.querySelector('.psoas-readout').innerHTML !== html", arg=readout, timeout=30_000)
    for _ in range(60):  # on to the first quiz question
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.type === 'radio'"):
            break
    else:
        pytest.fail("the quiz cannot be reached with Tab")
    page.keyboard.press("Space")
    page.locator(".psoas-quiz-result").first.wait_for(timeout=30_000)
    screenshot(page, "keyboard-only")


def test_the_figure_carries_its_description_as_alt_text(voila_url, page):
    open_page(page, voila_url + "voila/render/02-onderrugpijn.ipynb")
    page.wait_for_function(
        "() => { const img = document.querySelector('img.psoas-figure, .psoas-figure img');"
        " const words = document.querySelector('.psoas-description-text');"
        " return img && words && img.alt === words.textContent; }",
        timeout=60_000,
    )


def test_projector_mode_from_the_link_and_the_switch(voila_url, page):
    open_page(page, voila_url + "voila/render/08-samenvatting.ipynb")
    figure = page.locator(".psoas-figure").first
    figure.wait_for()
    normal = figure.evaluate("img => img.naturalWidth")
    open_page(page, voila_url + "voila/render/08-samenvatting.ipynb?projector=1")
    page.wait_for_function(f"() => document.querySelector('.psoas-figure').naturalWidth > 1.4 * {normal}", timeout=60_000)
    screenshot(page, "projector-mode")
    page.locator(".psoas-projector-switch").first.click()
    page.wait_for_function(f"() => document.querySelector('.psoas-figure').naturalWidth === {normal}", timeout=60_000)


def test_lang_en_in_the_link_opens_the_english_page(voila_url, page):
    page.goto(voila_url + "voila/render/02-onderrugpijn.ipynb?lang=en&verkorting=3")
    page.wait_for_url("**/voila/render/en/02-onderrugpijn.ipynb?*", timeout=60_000)
    page.get_by_text("What does the research say?").first.wait_for(timeout=90_000)
    assert "verkorting=3" in page.url
    page.locator(".psoas-language").first.wait_for()
    assert page.locator(".psoas-language").first.get_attribute("href") == "../02-onderrugpijn.ipynb"
