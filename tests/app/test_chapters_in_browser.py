"""Every chapter in real Chromium through Voilà: its figure answers its controls."""

import pytest

from psoas.content import chapters

from .conftest import screenshot

pytestmark = [pytest.mark.server, pytest.mark.browser]

HANDLE = ".psoas-control .noUi-handle"


@pytest.mark.parametrize("notebook", [c["notebook"] for c in chapters()])
def test_chapter_figure_responds_to_the_keyboard(voila_url, page, notebook):
    page.goto(voila_url + f"voila/render/{notebook}")
    handle = page.locator(HANDLE).first
    handle.wait_for(timeout=90_000)
    figure = page.locator(".psoas-figure").first
    readout = page.locator(".psoas-readout").first
    image_before = figure.get_attribute("src")
    numbers_before = readout.inner_html()
    screenshot(page, f"{notebook.removesuffix('.ipynb')}-before")

    handle.focus()
    for _ in range(12):
        page.keyboard.press("ArrowRight")

    page.wait_for_function(
        "([img, html]) => document.querySelector('.psoas-figure').getAttribute('src') !== img"
        " && document.querySelector('.psoas-readout').innerHTML !== html",
        arg=[image_before, numbers_before],
        timeout=30_000,
    )
    figure.scroll_into_view_if_needed()
    screenshot(page, f"{notebook.removesuffix('.ipynb')}-after")
    assert page.locator(".psoas-error").count() == 0
    assert page.locator(".jupyter-widgets-error-widget").count() == 0  # every widget rendered
    assert "Wil je praktische tips" in page.content()  # the article's closing pointer


def test_a_quiz_answer_gets_feedback(voila_url, page):
    from psoas.widgets.quiz import load_questions

    question = load_questions("02-onderrugpijn")[0]
    page.goto(voila_url + "voila/render/02-onderrugpijn.ipynb")
    page.locator(".psoas-quiz").wait_for(timeout=90_000)
    wrong = question["options"][(question["answer"] + 1) % len(question["options"])]
    page.get_by_label(wrong).first.check()
    result = page.locator(".psoas-quiz-result").first
    result.wait_for(timeout=30_000)
    assert result.get_attribute("data-correct") == "false"
    page.get_by_label(question["options"][question["answer"]]).first.check()
    page.wait_for_selector('.psoas-quiz-result[data-correct="true"]', timeout=30_000)
    screenshot(page, "quiz-answered")


def test_a_link_presets_the_figure_and_a_broken_link_only_warns(voila_url, page):
    page.goto(voila_url + "voila/render/04-knie-en-heupklachten.ipynb?verkorting=5")
    row = page.locator('.psoas-readout tr[data-key="knee_flexion_deg"]').first
    row.wait_for(timeout=90_000)
    assert float(row.get_attribute("data-value")) > 0  # 5 % bends the knee; 0 % would not
    page.goto(voila_url + "voila/render/04-knie-en-heupklachten.ipynb?verkorting=kapot")
    page.locator(".psoas-notice").first.wait_for(timeout=90_000)
    assert float(page.locator('.psoas-readout tr[data-key="knee_flexion_deg"]').first.get_attribute("data-value")) == 0
    assert page.locator(".psoas-error").count() == 0
