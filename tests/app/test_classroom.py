"""Classroom mode: the network only here, warm kernels, the teacher page, the cap with a Dutch page.

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
from psoas import classroom
from psoas.classroom import (
    ClassroomOptions,
    classroom_arguments,
    classroom_settings,
    parse_options,
    qr_svg,
    student_url,
)
from psoas.serve import voila_command, voila_settings

from .classroom_server import classroom_log, run, running_classroom, status, wait_for

CHAPTER = "01-houding.ipynb"
OTHER_DEVICE = "127.0.0.2"


# --- settings (no server) ------------------------------------------------------------------------


def test_make_app_stays_on_this_machine_and_classroom_listens_on_the_network():
    assert "--Voila.ip=127.0.0.1" in voila_command(port=1234)
    assert voila_settings()["Voila"]["ip"] == "127.0.0.1"
    assert classroom_settings(ClassroomOptions())["Voila"]["ip"] == "0.0.0.0"


def test_classroom_reuses_the_app_settings_and_adds_pools_culling_and_a_cap():
    options = ClassroomOptions(class_size=25, pool_other=1, cull_idle_s=300, cull_interval_s=20, max_per_device=3)
    settings = classroom_settings(options)
    shared = voila_settings(port=options.port, ip=options.ip, open_browser=options.open_browser)["VoilaConfiguration"]
    assert shared.items() <= settings["VoilaConfiguration"].items()  # template psoas, no sources, no tracebacks
    assert settings["VoilaConfiguration"]["preheat_kernel"] is True
    pools = settings["VoilaKernelManager"]["kernel_pools_config"]  # pools are per notebook
    assert {name: pool["pool_size"] for name, pool in pools.items()} == {"default": 1, CHAPTER: 25}
    assert all(pool["kernel_env_variables"] == {"PSOAS_POOL_QUERY": ""} for pool in pools.values())
    assert settings["MappingKernelManager"]["cull_idle_timeout"] == 300
    assert settings["MappingKernelManager"]["cull_interval"] == 20
    assert settings["MappingKernelManager"]["cull_connected"] is False
    assert settings["ClassroomVoila"]["max_kernels"] == 35 and settings["ClassroomVoila"]["max_per_device"] == 3


def test_no_pool_means_no_preheating():
    settings = classroom_settings(ClassroomOptions(pool=0, pool_other=0))
    assert settings["VoilaConfiguration"]["preheat_kernel"] is False


def test_the_command_line_round_trips():
    options = ClassroomOptions(
        port=9000, class_size=12, pool=3, max_kernels=20, open_browser=False, kernel_manager="sync"
    )
    assert parse_options(classroom_arguments(options)) == options


def test_addresses_for_students_are_on_the_network():
    for host in classroom.network_addresses():
        assert not host.startswith("127.")
    assert classroom.student_hosts("127.0.0.1") == ["127.0.0.1"]
    assert student_url("192.168.1.20", 8866, "verkorting=3") == "http://192.168.1.20:8866/les?verkorting=3"
    assert not classroom._is_loopback("192.168.1.20") and classroom._is_loopback("127.0.0.1")
    assert classroom._is_loopback("::1")


def test_qr_codes_are_drawn_locally():
    svg = qr_svg("http://192.168.1.20:8866/les")
    assert svg.startswith("<svg") and "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert classroom.qr_terminal("http://192.168.1.20:8866/les").count("\n") > 10


# --- a running classroom server ------------------------------------------------------------------


@pytest.fixture(scope="module")
def classroom_url(tmp_path_factory):
    """Cap: 3 pages in all, 2 per device; a page left without a word may be reclaimed after 1 s."""
    with running_classroom(tmp_path_factory.mktemp("classroom"), class_size=3, pool=2, max_kernels=3,
                           max_per_device=2, reclaim_after_s=1.0) as base:  # fmt: skip
        yield base


def get(url: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8")


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


def test_a_plain_link_gets_a_warm_kernel_and_a_link_with_values_its_own(classroom_url):
    """Warm kernels ran the notebook for the plain link; ``?verkorting=`` is read by a fresh kernel."""

    async def scenario():
        plain = await open_page(classroom_url)
        warm_used = classroom_log(classroom_url).count("Using pre-heated kernel")
        good = await open_page(classroom_url, query="verkorting=3,5")
        bad = await open_page(classroom_url, device=OTHER_DEVICE, query="verkorting=veel")
        try:
            states = (plain.slider_value, good.slider_value, bad.slider_value, await notice_of(bad))
            return warm_used, [s.error for s in (plain, good, bad)], states
        finally:
            for student in (plain, good, bad):
                await student.leave(goodbye=True)

    warm_used, errors, (plain_value, good_value, bad_value, notice) = run(scenario())
    assert errors == [None, None, None]
    assert warm_used >= 1 and classroom_log(classroom_url).count("Using pre-heated kernel") == warm_used
    assert plain_value == 0.0 and good_value == 3.5
    assert bad_value == 0.0 and "geen getal" in notice
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


async def notice_of(student: Student) -> str:
    """The text of the scene's status widget (from a fresh state request)."""
    from loadtest.protocol import CONTROL_TARGET, CONTROL_VERSION, message

    comm = "probe"
    student.send("shell", message("comm_open", {"comm_id": comm, "target_name": CONTROL_TARGET, "data": {}},
                                  student.session, {"version": CONTROL_VERSION}))  # fmt: skip
    student.send("shell", message("comm_msg", {"comm_id": comm, "data": {"method": "request_states"}}, student.session))
    _, msg, _ = await student.receive(lambda c, m, b: m["content"].get("comm_id") == comm, "states")
    values = [
        e["state"].get("value", "") for e in msg["content"]["data"]["states"].values() if e["model_name"] == "HTMLModel"
    ]
    return " ".join(v for v in values if "psoas-notice" in v)


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
    assert device_full.status == 503 and 'data-reason="device"' in device_full.refused_html
    assert class_full.status == 503 and 'data-reason="full"' in class_full.refused_html
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
    assert code == 503 and headers["Retry-After"] == str(classroom.RETRY_AFTER_S)
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
