"""The static site in a real Chromium, with no kernel anywhere and every request off this machine blocked.

Each control of every chapter, in Dutch and English, changes the picture, the numbers and the
description; presets from the link, the quizzes, projector mode, the language link and
axe-core work as in the live app.
"""

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe

from psoas.static_site.build import LANGUAGES, notebooks

from .conftest import screenshot

pytestmark = [pytest.mark.browser]

BLOCKING = {"serious", "critical"}
ALL_PAGES = [f"{language}/{path.stem}.html" for language in LANGUAGES for path in notebooks(language)]
CHAPTERS = [page for page in ALL_PAGES if re.search(r"/0[1-8]-", page)]


def open_static(page, url):
    page.goto(url)
    page.wait_for_function("() => document.documentElement.dataset.psoasReady === '1'")
    assert not page.locator(".psoas-scene[data-ready=error]").count(), "a scene could not start"


def scene_state(page, index):
    return page.evaluate(
        """(i) => { const s = document.querySelectorAll('.psoas-scene')[i];
                    return [s.querySelector('img.psoas-figure').getAttribute('src'), s.querySelector('.psoas-readout').innerHTML,
                            s.querySelector('.psoas-description').innerHTML, s.querySelector('img.psoas-figure').alt]; }""",
        index,
    )


@pytest.mark.parametrize("path", CHAPTERS)
def test_every_control_moves_picture_numbers_and_words(static_url, page, path):
    open_static(page, static_url + path)
    scenes = page.locator(".psoas-scene")
    assert scenes.count() == 1
    rows = scenes.first.locator("[data-control]")
    assert rows.count() >= 1
    for i in reversed(range(rows.count())):  # the slider first: at 0 % both readings of chapter 1 agree
        before = scene_state(page, 0)
        row = rows.nth(i)
        if row.locator("input[type=range]").count():
            row.locator("input[type=range]").focus()
            for _ in range(10):
                page.keyboard.press("ArrowRight")
        else:
            row.locator("button[aria-checked=false]").first.click()
        page.wait_for_function(
            """(before) => { const s = document.querySelector('.psoas-scene');
                             return s.querySelector('img.psoas-figure').getAttribute('src') !== before[0]
                                 && s.querySelector('.psoas-readout').innerHTML !== before[1]
                                 && s.querySelector('.psoas-description').innerHTML !== before[2]; }""",
            arg=before,
        )
        after = scene_state(page, 0)
        assert after[3] != before[3], "the alt text did not follow"
        page.wait_for_function("() => { const img = document.querySelector('img.psoas-figure'); return img.complete && img.naturalWidth > 0; }")
    assert not page.outside_requests, page.outside_requests
    if path.startswith("nl/03"):
        screenshot(page, "static-gait")


PRESETS = [
    ("nl/01-houding.html?verkorting=3", {"verkorting": "3.0"}),
    ("nl/03-looppatroon-en-balans.html?links=1&rechts=4", {"links": "1.0", "rechts": "4.0"}),
    ("en/06-sport.html?sport=cycling&verkorting=2,5", {"verkorting": "2.5", "sport": "cycling"}),
    ("nl/07-zittend-werk.html?zitten=100", {"zitten": "100"}),
]


@pytest.mark.parametrize(("path", "expected"), PRESETS)
def test_presets_from_the_link_set_the_controls(static_url, page, path, expected):
    open_static(page, static_url + path)
    for param, value in expected.items():
        row = page.locator(f"[data-param={param}]")
        if row.locator("output").count():
            assert row.locator("output").inner_text() == value
        else:
            assert row.locator("button[aria-checked=true]").get_attribute("data-value") == value
    manifest = json.loads(page.evaluate("(url) => fetch(url).then(r => r.text())", page.locator(".psoas-scene").get_attribute("data-psoas-scene")))
    position = int(page.locator(".psoas-scene").get_attribute("data-position"))
    assert page.locator("img.psoas-figure").get_attribute("src") == manifest["frames"][position]
    assert position != int(page.locator(".psoas-scene").get_attribute("data-start"))
    assert not page.locator(".psoas-status .psoas-message").count()


def test_a_broken_link_value_keeps_the_default_with_a_notice_in_the_pages_language(static_url, page):
    open_static(page, static_url + "nl/01-houding.html?verkorting=99")
    assert page.locator("[data-param=verkorting] output").inner_text() == "0.0"
    assert "buiten" in page.locator(".psoas-status .psoas-notice").inner_text()
    open_static(page, static_url + "en/06-sport.html?sport=curling")
    notice = page.locator(".psoas-status .psoas-notice").inner_text()
    assert "‘curling’, which does not exist" in notice and "cycling" in notice
    assert page.locator("[data-param=sport] button[aria-checked=true]").get_attribute("data-value") == "sprinting"


def test_the_quiz_answers_with_its_feedback(static_url, page):
    open_static(page, static_url + "nl/02-onderrugpijn.html")
    question = page.locator(".psoas-question").first
    answer = int(question.get_attribute("data-answer"))
    wrong = (answer + 1) % question.locator("input[type=radio]").count()
    question.locator("input[type=radio]").nth(wrong).check()
    assert question.locator(".psoas-quiz-result").get_attribute("data-correct") == "false"
    question.locator("input[type=radio]").nth(answer).check()
    result = question.locator(".psoas-quiz-result")
    assert result.get_attribute("data-correct") == "true"
    assert result.inner_text().startswith("Goed!")


def test_projector_mode_from_the_link_and_the_switch(static_url, page):
    open_static(page, static_url + "nl/01-houding.html?projector=1")
    assert "psoas-projector" in page.locator("body").get_attribute("class")
    wide = page.locator("img.psoas-figure").bounding_box()["width"]
    page.locator(".psoas-projector-switch").click()
    assert page.locator(".psoas-projector-switch").get_attribute("aria-pressed") == "false"
    assert page.locator("img.psoas-figure").bounding_box()["width"] < wide
    screenshot(page, "static-chapter-1")


def test_the_language_link_keeps_the_presets_and_lang_en_redirects(static_url, page):
    open_static(page, static_url + "nl/01-houding.html?verkorting=2")
    page.locator("a.psoas-language").click()
    page.wait_for_url(re.compile(r"/en/01-houding\.html\?verkorting=2$"))
    open_static(page, page.url)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("[data-param=verkorting] output").inner_text() == "2.0"
    page.goto(static_url + "nl/05-flexibiliteit.html?lang=en&verkorting=1")
    page.wait_for_url(re.compile(r"/en/05-flexibiliteit\.html\?verkorting=1$"))
    page.goto(static_url + "?lang=en")
    page.wait_for_url(re.compile(r"/en/00-start\.html$"))


@pytest.mark.parametrize("path", ALL_PAGES)
def test_axe_finds_no_serious_violation_on_a_static_page(static_url, page, path):
    open_static(page, static_url + path)
    results = Axe().run(page)
    blocking = [(v["id"], v["impact"], v["nodes"][0]["html"][:120]) for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, blocking
    assert not page.outside_requests, page.outside_requests
