"""The live classroom: the network only here, warm kernels for every link, the teacher page, the cap.

A real classroom server on 127.0.0.1 with a small cap.  A second "device" is the same machine
talking from 127.0.0.2 (still loopback: every request goes to 127.0.0.1).
"""

from __future__ import annotations

import asyncio
import re
import urllib.error
import urllib.request

import pytest
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

from loadtest.protocol import Student
from psoas.classroom.app import classroom_settings
from psoas.classroom.network import qr_svg
from psoas.classroom.options import LiveOptions
from psoas.pages import RETRY_AFTER_S
from psoas.serve import voila_command, voila_settings

from .classroom_server import classroom_log, run, running_classroom, status, wait_for
from .conftest import get

CHAPTER = "01-houding.ipynb"
OTHER_DEVICE = "127.0.0.2"


# --- settings (no server) ------------------------------------------------------------------------


def test_make_app_stays_on_this_machine_and_classroom_listens_on_the_network():
    assert "--Voila.ip=127.0.0.1" in voila_command(port=1234)
    assert voila_settings()["Voila"]["ip"] == "127.0.0.1"
    assert classroom_settings(LiveOptions())["Voila"]["ip"] == "0.0.0.0"


def test_classroom_reuses_the_app_settings_and_adds_pools_culling_and_timeouts():
    options = LiveOptions(class_size=25, pool_other=1, cull_idle_s=300, cull_interval_s=20, kernel_start_timeout_s=150)
    settings = classroom_settings(options)
    shared = voila_settings(port=options.port, ip=options.ip, open_browser=options.open_browser)["VoilaConfiguration"]
    assert shared.items() <= settings["VoilaConfiguration"].items()  # template psoas, no sources, no tracebacks
    assert settings["VoilaConfiguration"]["preheat_kernel"] is True
    pools = settings["VoilaKernelManager"]["kernel_pools_config"]  # pools are per notebook
    assert {name: pool["pool_size"] for name, pool in pools.items()} == {"default": 1, CHAPTER: 25}
    assert all(pool["kernel_env_variables"] == {"PSOAS_POOL_QUERY": "after-render"} for pool in pools.values())
    kernels = settings["MappingKernelManager"]
    assert kernels["cull_idle_timeout"] == 300 and kernels["cull_interval"] == 20 and kernels["cull_connected"] is False
    assert kernels["kernel_info_timeout"] == 150 and settings["VoilaExecutor"]["startup_timeout"] == 150


def test_no_pool_means_no_preheating():
    settings = classroom_settings(LiveOptions(pool=0, pool_other=0))
    assert settings["VoilaConfiguration"]["preheat_kernel"] is False


# --- a running classroom server ------------------------------------------------------------------


@pytest.fixture(scope="module")
def classroom_url(tmp_path_factory):
    """Cap: 3 pages in all, 2 per device; a page left without a word may be reclaimed after 1 s."""
    with running_classroom(tmp_path_factory.mktemp("classroom"), class_size=3, pool=2, max_kernels=3,
                           max_per_device=2, reclaim_after_s=1.0) as base:  # fmt: skip
        yield base


async def open_page(base: str, device: str = "127.0.0.1", query: str = "") -> Student:
    """A student's page from ``device`` (the source address; the server is always 127.0.0.1)."""
    return await Student(base, CHAPTER, query=query, fetch_assets=False, timeout_s=120, source=device).open()


def seats(base: str) -> int:
    return status(base)["seats"]


def test_the_teacher_page_shows_the_address_and_a_qr_code(classroom_url):
    code, _, html = get(classroom_url + "leraar")
    assert code == 200 and 'lang="nl"' in html
    address = re.search(r'id="student-address">([^<]+)<', html).group(1)
    assert address.endswith("/les")
    assert qr_svg(address) in html  # the QR code is the address
    assert "Open op je telefoon of laptop" in html and "Pagina's open" in html
    _, _, shared = get(classroom_url + "leraar?verkorting=3")
    assert "/les?verkorting=3" in shared


def test_les_leads_to_the_first_page_with_the_link_values(classroom_url):
    request = urllib.request.Request(classroom_url + "les?verkorting=3")
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(request, timeout=30)
    assert answer.value.code == 302
    assert answer.value.headers["Location"] == f"/voila/render/{CHAPTER}?verkorting=3"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_every_link_gets_a_warm_kernel_which_then_applies_the_links_values(classroom_url):
    """Warm kernels ran the notebook for the plain link; a link's values (``?verkorting=``) are
    applied once a student has taken one, with notices in the page's language."""

    async def scenario():
        before = classroom_log(classroom_url).count("Using pre-heated kernel")
        plain = await open_page(classroom_url)
        good = await open_page(classroom_url, query="verkorting=3,5")
        bad = await open_page(classroom_url, device=OTHER_DEVICE, query="verkorting=veel")
        try:
            good_value = await slider_value_once(good, lambda value: value != 0.0)
            notice = await notice_once(bad)
            states = (plain.slider_value, good_value, (await widget_states(bad))[bad.slider_id]["value"], notice)
            return before, [s.error for s in (plain, good, bad)], states
        finally:
            for student in (plain, good, bad):
                await student.leave(goodbye=True)

    before, errors, (plain_value, good_value, bad_value, notice) = run(scenario())
    assert errors == [None, None, None]
    assert classroom_log(classroom_url).count("Using pre-heated kernel") == before + 3  # all three were warm
    assert plain_value == 0.0 and good_value == 3.5
    assert bad_value == 0.0 and "geen getal" in notice
    wait_for(lambda: seats(classroom_url) == 0, 30, "every seat freed")


def test_an_english_page_says_so_in_english(classroom_url):
    async def scenario():
        student = await Student(classroom_url, "en/01-houding.ipynb", query="verkorting=lots", fetch_assets=False,
                                timeout_s=180).open()  # fmt: skip
        try:
            return student.error, await notice_once(student)
        finally:
            await student.leave(goodbye=True)

    error, notice = run(scenario())
    assert error is None and "not a number" in notice and "geen getal" not in notice
    wait_for(lambda: seats(classroom_url) == 0, 30, "every seat freed")


def test_the_teacher_can_warm_the_next_chapter_for_the_class(classroom_url):
    from psoas.content import chapters

    page = next(c["notebook"] for c in chapters() if c["notebook"] != CHAPTER)
    request = urllib.request.Request(classroom_url + "leraar/klaarzetten", data=f"page={page}".encode(), method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200 and "Zet klaar" in response.read().decode()  # back on the teacher page
    pool = wait_for(lambda: (p := status(classroom_url)["pools"][page])["ready"] == p["target"] == 3 and p, 180,
                    "three warm kernels for the next chapter")  # fmt: skip
    assert pool["target"] == 3
    with pytest.raises(urllib.error.HTTPError) as unknown:
        urllib.request.urlopen(
            urllib.request.Request(classroom_url + "leraar/klaarzetten", data=b"page=../x", method="POST"), timeout=30
        )
    assert unknown.value.code == 404


async def widget_states(student: Student) -> dict:
    """Every widget's state, from a fresh state request (as a page that reconnects makes)."""
    states, _ = await student.states()
    return {model_id: entry["state"] for model_id, entry in states.items()}


async def until(probe, done, what: str, timeout_s: float = 30.0):
    """Ask ``probe()`` until ``done(answer)``: the link's values arrive a moment after the page."""
    deadline = asyncio.get_running_loop().time() + timeout_s
    while True:
        answer = await probe()
        if done(answer):
            return answer
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"{what} did not happen within {timeout_s} s (last: {answer!r})")
        await asyncio.sleep(0.1)  # between state requests to the kernel


async def slider_value_once(student: Student, done) -> float:
    async def value():
        return (await widget_states(student))[student.slider_id]["value"]

    return await until(value, done, "the link's value on the slider")


async def notice_once(student: Student) -> str:
    async def notice():
        values = [state.get("value", "") for state in (await widget_states(student)).values()]
        return " ".join(v for v in values if isinstance(v, str) and "psoas-notice" in v)

    return await until(notice, bool, "the link's notice")


def test_past_the_cap_a_dutch_page_and_closed_pages_free_their_seat(classroom_url):
    """2 pages per device, 3 in all; a closed tab frees its seat at once, a vanished page at the cap."""

    async def scenario():
        a1 = await open_page(classroom_url)
        a2 = await open_page(classroom_url)
        a3 = await open_page(classroom_url)  # a third page from the same device
        b1 = await open_page(classroom_url, device=OTHER_DEVICE)
        b2 = await open_page(classroom_url, device=OTHER_DEVICE)  # the class is full
        first = [(s.status, s.error) for s in (a1, a2, b1)], a3, b2
        in_use = seats(classroom_url)
        await a1.leave(goodbye=True)  # a closed tab: the beacon stops the kernel
        freed = seats(classroom_url)
        b3 = await open_page(classroom_url, device=OTHER_DEVICE)
        await a2.leave(goodbye=False)  # a laptop lid closed: no word; reclaimed at the cap
        a4 = await reopen_until_admitted(classroom_url)
        for s in (b1, b3, a4):
            await s.leave(goodbye=True)
        return first, in_use, freed, b3, a4

    (admitted, device_full, class_full), in_use, freed, b3, a4 = run(scenario())
    assert admitted == [(200, None)] * 3
    assert in_use == 3 and freed == 2
    assert device_full.status == 503 and 'data-kind="device"' in device_full.refused_html
    assert class_full.status == 503 and 'data-kind="full"' in class_full.refused_html
    for refused in (device_full, class_full):
        html = refused.refused_html
        assert 'lang="nl"' in html and "Even geduld" in html and "vanzelf opnieuw" in html
        assert "Traceback" not in html and "Error" not in html and "Service Unavailable" not in html
    assert b3.status == 200 and b3.error is None
    assert a4.status == 200 and a4.error is None
    wait_for(lambda: seats(classroom_url) == 0, 30, "every seat freed")


async def reopen_until_admitted(base: str) -> Student:
    """The refused page reloads itself; here: retry until the vanished page's kernel is reclaimed."""
    for _ in range(60):
        student = await open_page(base)
        if student.status != 503:
            return student
        await asyncio.sleep(0.5)  # the Dutch page's own reload, sped up
    return student


def test_the_full_page_says_when_it_retries(classroom_url):
    async def scenario():
        pages = [await open_page(classroom_url, device=d) for d in ("127.0.0.1", "127.0.0.1", OTHER_DEVICE)]
        try:
            client = AsyncHTTPClient()
            request = HTTPRequest(classroom_url + f"voila/render/{CHAPTER}", network_interface="127.0.0.3")
            try:
                await client.fetch(request)
            except HTTPClientError as error:
                return error.code, dict(error.response.headers)
            return 200, {}
        finally:
            for page in pages:
                await page.leave(goodbye=True)

    code, headers = run(scenario())
    assert code == 503 and headers["Retry-After"] == str(RETRY_AFTER_S)
    wait_for(lambda: seats(classroom_url) == 0, 30, "every seat freed")


@pytest.mark.browser
def test_a_closed_tab_stops_its_kernel(classroom_url, page):
    """The psoas template sends a beacon when the page is left (classroom mode only)."""
    page.goto(classroom_url + f"voila/render/{CHAPTER}")
    page.locator(".psoas-shortening .noUi-handle").wait_for(timeout=90_000)
    wait_for(lambda: seats(classroom_url) == 1, 30, "the page holding a seat")
    page.goto(classroom_url + "leraar")
    wait_for(lambda: seats(classroom_url) == 0, 30, "the left page's kernel stopped")
    assert page.outside_requests == []


def test_behind_a_proxy_the_forwarded_address_is_the_device(classroom_url):
    """A JupyterHub proxy on this machine adds X-Forwarded-For: the teacher page stays closed to
    students behind it, and each student's device counts on its own."""
    request = urllib.request.Request(classroom_url + "leraar", headers={"X-Forwarded-For": "192.168.1.50"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403 and "computer van de leraar" in refused.value.read().decode()

    def forwarded(address: str) -> int:
        page = urllib.request.Request(
            classroom_url + f"voila/render/{CHAPTER}", headers={"X-Forwarded-For": f"1.2.3.4, {address}"}
        )
        try:
            with urllib.request.urlopen(page, timeout=120) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    # 2 pages per device: a third from the same forwarded address is refused, another address is not
    assert [
        forwarded("192.168.1.50"),
        forwarded("192.168.1.50"),
        forwarded("192.168.1.50"),
        forwarded("192.168.1.51"),
    ] == [200, 200, 503, 200]
    wait_for(
        lambda: "Page refused (device, limit 2) for 192.168.1.50" in classroom_log(classroom_url),
        10,
        "the refusal logged",
    )
