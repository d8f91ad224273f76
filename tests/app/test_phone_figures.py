"""Phone figures in a real Chromium (issue 18): at 390x844 the pages show the phone layout's
pictures, in the static site (and fetch no desktop picture) and in the live app (the kernel
switches layout); a desktop screen never fetches a phone picture."""

import json
import re

import pytest

from psoas.draw import style

from .conftest import screenshot

pytestmark = [pytest.mark.browser]

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
STATIC_PAGE = "nl/01-houding.html"
PHONE_WIDTH_PX = round(style.PHONE_WIDTH_IN * style.PHONE_DPI)


def frame_requests(browser, url, profile):
    """Open ``url`` with ``profile``, move the slider one step and wait for the pictures of the
    positions beside it; returns the frames' URLs the page fetched and what it shows."""
    context = browser.new_context(**profile, locale="nl-NL")
    requested = []
    context.on("request", lambda request: requested.append(request.url) if "/frames/" in request.url else None)
    page = context.new_page()
    try:
        page.goto(url)
        page.wait_for_function("() => document.documentElement.dataset.psoasReady === '1'")
        slider = page.locator(".psoas-scene input[type=range]").first
        slider.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => document.querySelector('.psoas-scene').dataset.position !== undefined")
        # the pictures beside the position shown come half a second after the page is ready
        page.wait_for_function(
            "() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/frames/')).length >= 5", timeout=30_000
        )
        page.wait_for_function("() => document.querySelector('img.psoas-figure').complete")
        shown = page.evaluate(
            "() => { const i = document.querySelector('img.psoas-figure'); return [i.currentSrc, i.naturalWidth, i.naturalHeight]; }"
        )
        screenshot(page, f"phone-figures-static-{profile['viewport']['width']}")
        return requested, shown
    finally:
        context.close()


def static_manifest(static_site):
    text = (static_site / STATIC_PAGE).read_text()
    (url,) = re.findall(r'data-psoas-scene="([^"]+)"', text)
    return json.loads((static_site / "nl" / url).read_text())


def absolute(static_url, urls):
    """A page's relative URLs (``../frames/…``, from site/nl/) as the browser requests them."""
    return {static_url + url.removeprefix("../") for url in urls}


def test_a_phone_fetches_phone_pictures_only(browser, static_site, static_url):
    manifest = static_manifest(static_site)
    phone, desktop = absolute(static_url, manifest["phone_frames"]), absolute(static_url, manifest["frames"])
    requested, (src, width, height) = frame_requests(browser, static_url + STATIC_PAGE, PHONE)
    requested = set(requested) & (phone | desktop)  # the scene's (the page has still figures too)
    assert len(requested) >= 5
    assert requested <= phone, f"a phone fetched desktop pictures: {sorted(requested - phone)[:3]}"
    assert src in phone and width == PHONE_WIDTH_PX and height > width


def test_a_desktop_fetches_no_phone_picture(browser, static_site, static_url):
    manifest = static_manifest(static_site)
    phone, desktop = absolute(static_url, manifest["phone_frames"]), absolute(static_url, manifest["frames"])
    requested, (src, width, height) = frame_requests(browser, static_url + STATIC_PAGE, DESKTOP)
    requested = set(requested) & (phone | desktop)
    assert len(requested) >= 5
    assert requested <= desktop, f"a desktop fetched phone pictures: {sorted(requested - desktop)[:3]}"
    assert src in desktop and width > height


@pytest.mark.server
def test_the_live_app_at_390_px_shows_phone_frames_as_the_slider_moves(browser, voila_url):
    context = browser.new_context(**PHONE, locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(voila_url + "voila/render/01-houding.ipynb")
        page.locator(".psoas-shortening .noUi-handle").wait_for(timeout=90_000)
        strip = "document.querySelector('img.psoas-figure').parentElement"
        page.wait_for_function(f"() => {strip}.dataset.layout === 'phone' && {strip}.dataset.frames === '152'", timeout=90_000)
        before = page.locator("img.psoas-figure").get_attribute("src")
        page.locator(".psoas-shortening .noUi-handle").focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "(before) => document.querySelector('img.psoas-figure').getAttribute('src') !== before", arg=before, timeout=30_000
        )
        page.wait_for_function("() => document.querySelector('img.psoas-figure').complete")
        source, width, height = page.evaluate(
            f"() => {{ const i = document.querySelector('img.psoas-figure'); return [{strip}.dataset.source, i.naturalWidth, i.naturalHeight]; }}"
        )
        assert source == "page"  # the frame switched in the page, not a kernel picture
        assert width == PHONE_WIDTH_PX and height > width
        screenshot(page, "phone-figures-live-390")
    finally:
        context.close()
