"""`make app` gives back the kernel of a page nobody has open, and never one that is open."""

import urllib.request

import pytest

from harness.servers import VoilaServer, wait_until
from psoas.serve import CULL_IDLE_S, voila_settings

pytestmark = [pytest.mark.server, pytest.mark.browser]

CHAPTER = "voila/render/01-houding.ipynb"
HANDLE = ".psoas-shortening .noUi-handle"
TILT = '.psoas-readout tr[data-key="pelvic_tilt_deg"]'
# Hip extension answers every step; the tilt stays put while the hip has reserve (issue 16).
EXTENSION = '.psoas-readout tr[data-key="hip_extension_deg"]'


def test_make_app_culls_kernels_without_a_page_but_never_a_connected_one():
    manager = voila_settings()["MappingKernelManager"]
    assert manager["cull_idle_timeout"] == CULL_IDLE_S > 0 and manager["cull_connected"] is False


def test_a_page_that_is_gone_gives_its_kernel_back_while_an_open_page_keeps_working(tmp_path, page):
    fast_cull = ("--MappingKernelManager.cull_idle_timeout=3", "--MappingKernelManager.cull_interval=1")
    with VoilaServer(tmp_path / "voila.log", extra_args=fast_cull).running() as server:
        base, kernels = server.base, server.kernel_pids
        page.goto(base + CHAPTER)
        page.locator(HANDLE).wait_for(timeout=90_000)
        open_page = wait_until(kernels, 30, "the open page's kernel")
        with urllib.request.urlopen(base + CHAPTER, timeout=90) as response:  # a page fetched, then gone
            assert response.status == 200 and b"psoas" in response.read()
        assert len(kernels()) == len(open_page) + 1

        wait_until(lambda: kernels() == open_page, 60, "the culler to stop the kernel nobody has open")

        extension_before = float(page.locator(EXTENSION).get_attribute("data-value"))
        page.locator(HANDLE).focus()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            f"() => parseFloat(document.querySelector('{EXTENSION}').dataset.value) !== {extension_before}", timeout=30_000
        )
        assert kernels() == open_page
