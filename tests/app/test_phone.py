"""On a student's phone (issue 18): every chapter, Dutch and English, live and static, in
Chromium as a phone (390x844 CSS px, touch, a mobile viewport, device pixel ratio 3).

Per page, in one browser context: nothing wider than the screen and no text cut off by its
box; the slider's thumb and every tap target at least 44 px; a drag with real touch events
(CDP ``Input.dispatchTouchEvent``, not the mouse) moves the thumb under the finger and changes
the picture and the numbers; and axe-core finds no serious or critical violation.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from psoas.content import chapters

from .conftest import ARTIFACTS

pytestmark = [pytest.mark.browser]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}
MIN_TARGET_PX = 44  # WCAG 2.5.5 (enhanced target size)
BLOCKING = {"serious", "critical"}
STEMS = [c["notebook"].removesuffix(".ipynb") for c in chapters()]
LIVE = [f"voila/render/{stem}.ipynb" for stem in STEMS] + [f"voila/render/en/{stem}.ipynb" for stem in STEMS]
STATIC = [f"{language}/{stem}.html" for language in ("nl", "en") for stem in STEMS]

FIGURE_SHOWN = "() => { const img = document.querySelector('img.psoas-figure'); return img && img.complete && img.naturalWidth > 0; }"

# Every visible element: is it wider than the viewport, or does its box cut off its text?
LAYOUT_PROBLEMS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [], clipped = [];
  const name = (el) => el.tagName.toLowerCase()
    + (typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\\s+/).slice(0, 3).join('.') : '');
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.position === 'fixed') continue;
    if (el.closest('.noUi-base')) continue;  // the slider's moving parts: the thumb is checked by itself
    if (box.left < -1 || box.right > width + 1) {
      wide.push(`${name(el)} ${Math.round(box.left)}..${Math.round(box.right)}`);
    }
    const cuts = style.overflowX !== 'visible';
    const text = (el.innerText || '').trim();
    if (cuts && text && el.scrollWidth > el.clientWidth + 1) {
      clipped.push(`${name(el)} (${el.scrollWidth} > ${el.clientWidth}): ${text.slice(0, 40)}`);
    }
  }
  const scroller = document.getElementById('rendered_cells') || document.documentElement;  // Voilà scrolls #rendered_cells
  if (scroller.scrollWidth > scroller.clientWidth + 1) wide.push(`the page scrolls sideways: ${scroller.scrollWidth} > ${scroller.clientWidth}`);
  return { wide: wide.slice(0, 12), clipped: clipped.slice(0, 12) };
}"""

# Tap targets: buttons, quiz answers, the language link, the projector switch, the slider's thumb.
SMALL_TARGETS = """(min) => {
  const targets = document.querySelectorAll(
    'button, a.psoas-language, .widget-radio-box label, label.psoas-choice, .noUi-handle, input[type=range]');
  const small = [];
  for (const el of targets) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;  // not shown
    const wide = el.matches('input[type=range]') ? box.width : Math.min(box.width, box.height);
    if (Math.round(box.height) < min || Math.round(wide) < min) {
      const words = (el.innerText || el.getAttribute('aria-label') || '').trim().slice(0, 30);
      small.push(`${el.tagName.toLowerCase()} ${words}: ${Math.round(box.width)}x${Math.round(box.height)}`);
    }
  }
  return small;
}"""


def phone_page(browser):
    context = browser.new_context(locale="nl-NL", **PHONE)
    context.route("**/*", lambda route: route.continue_() if _loopback(route.request.url) else route.abort())
    return context, context.new_page()


def _loopback(url: str) -> bool:
    return url.startswith(("data:", "blob:")) or url.split("/")[2].split(":")[0] in ("127.0.0.1", "localhost")


def touch_drag(page, start: tuple[float, float], end_x: float, steps: int = 12) -> None:
    """A finger on ``start``, moved sideways to ``end_x`` and lifted: touch events, not the mouse."""
    cdp = page.context.new_cdp_session(page)
    x, y = start

    def touch(kind: str, at_x: float) -> None:
        points = [] if kind == "touchEnd" else [{"x": at_x, "y": y, "radiusX": 8, "radiusY": 8, "force": 1, "id": 1}]
        cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    touch("touchStart", x)
    for i in range(1, steps + 1):
        touch("touchMove", x + (end_x - x) * i / steps)
    touch("touchEnd", end_x)
    cdp.detach()


def check_layout_targets_and_axe(page) -> None:
    problems = page.evaluate(LAYOUT_PROBLEMS)
    assert not problems["wide"], f"wider than the screen: {problems['wide']}"
    assert not problems["clipped"], f"text cut off: {problems['clipped']}"
    small = page.evaluate(SMALL_TARGETS, MIN_TARGET_PX)
    assert not small, f"tap targets under {MIN_TARGET_PX} px: {small}"
    results = Axe().run(page)
    blocking = [(v["id"], v["impact"], v["nodes"][0]["html"][:120]) for v in results.response["violations"] if v["impact"] in BLOCKING]
    assert not blocking, blocking


def picture_and_numbers(page) -> list[str]:
    return page.evaluate(
        "() => { const img = document.querySelector('img.psoas-figure');"
        " return [img.getAttribute('src'), document.querySelector('.psoas-readout').innerText]; }"
    )


def wait_for_change(page, before: list[str]) -> None:
    page.wait_for_function(
        "(before) => { const img = document.querySelector('img.psoas-figure');"
        " return img.getAttribute('src') !== before[0] && document.querySelector('.psoas-readout').innerText !== before[1]; }",
        arg=before,
        timeout=60_000,
    )


def drag_target_x(track: dict, fraction_now: float) -> tuple[float, float]:
    """Where the finger goes (CSS px) and the fraction of the track it stands for."""
    fraction = 0.2 if fraction_now > 0.5 else 0.65
    return track["x"] + fraction * track["width"], fraction


def keep(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"phone-{name}.png"))


@pytest.mark.server
@pytest.mark.parametrize("path", LIVE)
def test_a_live_chapter_on_a_phone(voila_url, browser, path):
    context, page = phone_page(browser)
    try:
        page.goto(voila_url + path)
        page.wait_for_function("() => !document.getElementById('loading')", timeout=120_000)
        page.locator(".psoas-projector-switch").first.wait_for(timeout=90_000)
        handle = page.locator(".widget-slider .noUi-handle").first
        handle.wait_for(timeout=90_000)
        page.wait_for_function(FIGURE_SHOWN, timeout=90_000)
        check_layout_targets_and_axe(page)

        handle.scroll_into_view_if_needed()
        thumb = handle.bounding_box()
        track = page.locator(".widget-slider .noUi-target").first.bounding_box()
        centre = (thumb["x"] + thumb["width"] / 2, thumb["y"] + thumb["height"] / 2)
        end_x, _fraction = drag_target_x(track, (centre[0] - track["x"]) / track["width"])
        before = picture_and_numbers(page)
        touch_drag(page, centre, end_x)
        wait_for_change(page, before)
        moved = handle.bounding_box()
        half_step_px = 0.05 * track["width"]  # the thumb snaps to a position: the coarsest step is 10 % of the track
        assert abs(moved["x"] + moved["width"] / 2 - end_x) <= half_step_px + 2, "the thumb did not follow the finger"
        keep(page, path.replace("voila/render/", "live-").replace("/", "-").removesuffix(".ipynb"))
    finally:
        context.close()


@pytest.mark.parametrize("path", STATIC)
def test_a_static_chapter_on_a_phone(static_url, browser, path):
    context, page = phone_page(browser)
    try:
        page.goto(static_url + path)
        page.wait_for_function("() => document.documentElement.dataset.psoasReady === '1'")
        assert not page.locator(".psoas-scene[data-ready=error]").count(), "a scene could not start"
        check_layout_targets_and_axe(page)

        slider = page.locator(".psoas-scene input[type=range]").first
        slider.scroll_into_view_if_needed()
        box = slider.bounding_box()
        spec = slider.evaluate("s => ({min: +s.min, max: +s.max, step: +s.step, value: +s.value})")
        # The thumb is 44 px wide: its centre runs from 22 px inside one end to 22 px inside the other.
        track = {"x": box["x"] + MIN_TARGET_PX / 2, "width": box["width"] - MIN_TARGET_PX}
        fraction_now = (spec["value"] - spec["min"]) / (spec["max"] - spec["min"])
        centre = (track["x"] + fraction_now * track["width"], box["y"] + box["height"] / 2)
        for dy in (-MIN_TARGET_PX / 2 + 2, MIN_TARGET_PX / 2 - 2):  # the whole 44 px is the slider's
            assert page.evaluate("([x, y]) => document.elementFromPoint(x, y).type", [centre[0], centre[1] + dy]) == "range"
        end_x, fraction = drag_target_x(track, fraction_now)
        before = picture_and_numbers(page)
        touch_drag(page, centre, end_x)
        wait_for_change(page, before)
        value = float(slider.input_value())
        expected = spec["min"] + fraction * (spec["max"] - spec["min"])
        assert abs(value - expected) <= spec["step"] + 1e-9, f"the thumb did not follow the finger: {value} for {expected:.2f}"
        keep(page, "static-" + path.replace("/", "-").removesuffix(".html"))
    finally:
        context.close()
