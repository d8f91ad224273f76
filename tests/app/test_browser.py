"""The app in a real Chromium: the slider works with the keyboard and the picture follows."""

import pytest

from .conftest import screenshot

pytestmark = [pytest.mark.server, pytest.mark.browser]

CHAPTER = "voila/render/01-houding.ipynb"
HANDLE = ".psoas-shortening .noUi-handle"
TILT = '.psoas-readout tr[data-key="pelvic_tilt_deg"]'
# Hip extension answers every step; the tilt stays put while the hip has reserve (issue 16).
EXTENSION = '.psoas-readout tr[data-key="hip_extension_deg"]'
FIGURE = ".psoas-figure"


def test_start_page_shows_and_links_to_the_chapter(voila_url, page):
    page.goto(voila_url)
    link = page.get_by_role("link", name="De psoas en je houding")
    link.wait_for(timeout=60_000)
    screenshot(page, "start-page")
    link.click()
    page.locator(HANDLE).wait_for(timeout=90_000)
    assert page.url.endswith(CHAPTER)


def test_keyboard_moves_the_slider_picture_and_tilt(voila_url, page):
    page.goto(voila_url + CHAPTER)
    handle = page.locator(HANDLE)
    handle.wait_for(timeout=90_000)
    page.locator(".psoas-comparison img, img.psoas-comparison").first.wait_for()
    tilt_before = float(page.locator(TILT).get_attribute("data-value"))
    image_before = page.locator(FIGURE).get_attribute("src")
    assert tilt_before == pytest.approx(10.0)
    screenshot(page, "chapter-1-neutral")

    handle.focus()
    for _ in range(20):
        page.keyboard.press("ArrowRight")

    page.wait_for_function(
        f"""() => parseFloat(document.querySelector('{TILT}').dataset.value) > {tilt_before}""", timeout=30_000
    )
    page.wait_for_function(
        f"""() => document.querySelector('{FIGURE}').getAttribute('src') !== {image_before!r}""", timeout=30_000
    )
    assert float(page.locator(TILT).get_attribute("data-value")) > tilt_before
    handle.scroll_into_view_if_needed()
    screenshot(page, "chapter-1-shortened")
    assert page.locator(".psoas-readout").inner_text().count("°") >= 3
    assert page.locator("text=Traceback").count() == 0
    assert not [url for url in page.outside_requests if "jsdelivr" not in url and "cdnjs" not in url]


def test_the_picture_switches_in_the_page_once_it_has_the_frames(voila_url, page):
    """With the frames drawn ahead, a key shows the new picture without the kernel: the strip
    says where its picture came from, and going back shows the very picture of before."""
    page.goto(voila_url + CHAPTER)
    handle = page.locator(HANDLE)
    handle.wait_for(timeout=90_000)
    strip = page.locator(f"img{FIGURE}").locator("..")
    page.wait_for_function(
        f"() => document.querySelector('img{FIGURE}').parentElement.dataset.frames === '152'", timeout=60_000
    )
    before = page.locator(f"img{FIGURE}").get_attribute("src")
    handle.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        f"(before) => document.querySelector('img{FIGURE}').getAttribute('src') !== before", arg=before, timeout=30_000
    )
    assert strip.get_attribute("data-source") == "page"
    assert page.locator(f"img{FIGURE}").get_attribute("src").startswith("data:image/png;base64,")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        f"(before) => document.querySelector('img{FIGURE}').getAttribute('src') === before", arg=before, timeout=30_000
    )
    # Once the kernel has handled the value (the numbers are back), the page still shows its frame.
    page.wait_for_function(f"() => parseFloat(document.querySelector('{TILT}').dataset.value) === 10", timeout=30_000)
    assert page.locator(f"img{FIGURE}").get_attribute("src") == before
    assert strip.get_attribute("data-source") == "page"


def test_projector_mode_brings_frames_of_its_own_size(voila_url, page):
    page.goto(voila_url + CHAPTER)
    handle = page.locator(HANDLE)
    handle.wait_for(timeout=90_000)
    img = page.locator(f"img{FIGURE}")
    page.wait_for_function(
        f"() => document.querySelector('img{FIGURE}').parentElement.dataset.frames === '152'", timeout=60_000
    )
    normal = img.evaluate("i => i.naturalWidth")
    page.locator(".psoas-projector-switch").first.click()
    page.wait_for_function(
        f"""(normal) => {{ const i = document.querySelector('img{FIGURE}');
            return i.parentElement.dataset.frames === '152' && i.naturalWidth > 1.4 * normal; }}""",
        arg=normal, timeout=60_000,
    )  # fmt: skip
    before = img.get_attribute("src")
    handle.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        f"(before) => document.querySelector('img{FIGURE}').getAttribute('src') !== before", arg=before, timeout=30_000
    )
    assert img.locator("..").get_attribute("data-source") == "page"
    page.wait_for_function(
        f"(normal) => document.querySelector('img{FIGURE}').naturalWidth > 1.4 * normal", arg=normal, timeout=30_000
    )  # the page's frame at the projector's size


def test_once_the_page_shows_the_frames_the_kernel_sends_numbers_only(voila_url, page):
    page.goto(voila_url + CHAPTER)
    handle = page.locator(HANDLE)
    handle.wait_for(timeout=90_000)
    page.wait_for_function(
        f"() => document.querySelector('img{FIGURE}').parentElement.dataset.frames === '152'", timeout=60_000
    )
    strip = page.locator(f"img{FIGURE}").locator("..")
    pictures = strip.get_attribute("data-kernel-pictures")
    extension = page.locator(EXTENSION).get_attribute("data-value")
    handle.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        f"(extension) => document.querySelector('{EXTENSION}').dataset.value !== extension", arg=extension, timeout=30_000
    )
    page.wait_for_function("() => document.querySelector('.psoas-shortening .widget-readout').textContent === '0.5'")
    page.wait_for_function(
        "() => document.querySelector('.psoas-readout .psoas-shortening-cm').textContent.includes('0,16')",
        timeout=30_000,
    )  # the kernel has handled the last value: 0.5 % of 32.0 cm
    assert strip.get_attribute("data-kernel-pictures") == pictures
    assert strip.get_attribute("data-source") == "page"


GRID_SIZES = {  # the positions of each chapter's controls (psoas.live.positions)
    "02-onderrugpijn.ipynb": 76, "03-looppatroon-en-balans.ipynb": 16 * 16, "04-knie-en-heupklachten.ipynb": 76,
    "05-flexibiliteit.ipynb": 76, "06-sport.ipynb": 7 * 16, "07-zittend-werk.ipynb": 11 * 16, "08-samenvatting.ipynb": 76,
}  # fmt: skip


@pytest.mark.parametrize("notebook", sorted(GRID_SIZES))
def test_every_chapter_switches_its_pictures_in_the_page(voila_url, page, notebook):
    """Each chapter's frames reach the page, and a key on its last control shows a frame of the
    page's own before the kernel could answer (the strip says where its picture came from)."""
    page.goto(voila_url + f"voila/render/{notebook}")
    page.wait_for_function(
        f"(n) => {{ const img = document.querySelector('img{FIGURE}'); return img && img.parentElement.dataset.frames === String(n); }}",
        arg=GRID_SIZES[notebook], timeout=90_000,
    )  # fmt: skip
    strip = page.locator(f"img{FIGURE}").locator("..")
    before = page.locator(f"img{FIGURE}").get_attribute("src")
    page.locator(".psoas-control .noUi-handle").last.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        f"(before) => document.querySelector('img{FIGURE}').getAttribute('src') !== before", arg=before, timeout=30_000
    )
    assert strip.get_attribute("data-source") == "page"


@pytest.mark.parametrize("notebook", ["01-houding.ipynb", "03-looppatroon-en-balans.ipynb"])
def test_with_the_kernel_frozen_the_page_still_switches_picture_numbers_and_words(voila_url, page, notebook):
    """Once the frames are in the page, a key shows the new picture, readout and description even
    when the kernel cannot answer at all (stopped with SIGSTOP): the page does it by itself."""
    import signal

    import psutil

    port = voila_url.rstrip("/").rsplit(":", 1)[1]
    (server,) = [p for p in psutil.process_iter(["cmdline"]) if f"--Voila.port={port}" in (p.info["cmdline"] or [])]

    def kernels() -> set[int]:  # this server's kernels (another server may run on the machine)
        return {child.pid for child in server.children() if "ipykernel_launcher" in " ".join(child.cmdline())}

    before_load = kernels()
    page.goto(voila_url + f"voila/render/{notebook}")
    count = 152 if notebook.startswith("01") else 256
    page.wait_for_function(
        f"(n) => {{ const img = document.querySelector('img{FIGURE}'); return img && img.parentElement.dataset.frames === String(n); }}",
        arg=count, timeout=90_000,
    )  # fmt: skip
    (kernel,) = kernels() - before_load
    state = "() => [document.querySelector('img{0}').getAttribute('src'), document.querySelector('.psoas-readout').innerHTML, document.querySelector('.psoas-description').innerHTML]".format(FIGURE)
    before = page.evaluate(state)
    psutil.Process(kernel).send_signal(signal.SIGSTOP)
    try:
        page.locator(".psoas-control .noUi-handle").last.focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            f"(b) => {{ const now = ({state})(); return now[0] !== b[0] && now[1] !== b[1] && now[2] !== b[2]; }}",
            arg=before, timeout=10_000,
        )  # fmt: skip
    finally:
        psutil.Process(kernel).send_signal(signal.SIGCONT)
    shown = page.evaluate(state)
    # The kernel, awake again, sends its own numbers for that position: the very same ones.
    tilt = page.locator(".psoas-readout tr").first.get_attribute("data-value")
    page.keyboard.press("ArrowLeft")
    page.wait_for_function(f"(b) => ({state})()[0] === b[0]", arg=before, timeout=10_000)
    assert page.evaluate(state)[1:] == before[1:]
    assert shown != before and tilt is not None
