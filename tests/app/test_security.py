"""Read-only, safely: no code from a browser runs, no source or outside file is served, no CDN.

Checked on both ways the app is served: ``make app`` (loopback) and the classroom server (the one
that listens on the network), with a raw kernel websocket, not only through the UI.
"""

from __future__ import annotations

import asyncio
import json
import uuid

import pytest

from loadtest.protocol import Student, message
from psoas.serve import TRACEBACK_NL

from .classroom_server import run, running_classroom
from .readonly_probes import CHAPTER, RAN_OR_LEAKED, SECRETS, SOURCE_PATHS, fetch, traffic_after, try_to_run_code

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def classroom_url(tmp_path_factory):
    with running_classroom(tmp_path_factory.mktemp("classroom-security")) as base:
        yield base


@pytest.fixture(params=["app", "classroom"])
def served(request):
    """Base URL of the app as ``make app`` serves it, and as the classroom server does."""
    return request.getfixturevalue("voila_url" if request.param == "app" else "classroom_url")


def test_code_sent_over_the_kernel_websocket_does_not_run(served, tmp_path):
    marker = tmp_path / "ran.txt"

    async def scenario():
        student = await Student(served, CHAPTER, fetch_assets=False).open()
        assert student.error is None, student.error
        try:
            return await try_to_run_code(student, marker)
        finally:
            await student.leave(goodbye=True)

    seen = run(scenario())
    kinds = {m["header"]["msg_type"] for m in seen}
    assert not marker.exists(), "code sent from a browser ran in the kernel"
    assert not kinds & RAN_OR_LEAKED, kinds


def test_legacy_json_protocol_is_read_only_too(served, tmp_path):
    """The same with the older text-frame protocol (no subprotocol)."""
    from tornado.websocket import websocket_connect

    marker = tmp_path / "ran-legacy.txt"

    async def scenario():
        student = await Student(served, CHAPTER, fetch_assets=False).open()
        await student.leave()  # keep the kernel, drop the v1 connection
        url = (
            served.replace("http://", "ws://")
            + f"api/kernels/{student.kernel_id}/channels?session_id={uuid.uuid4().hex}"
        )
        ws = await websocket_connect(url)
        try:
            msg = message("execute_request", {"code": f"open({str(marker)!r}, 'w')", "silent": False}, "s")
            ws.write_message(json.dumps({**msg, "channel": "shell"}))
            probe = message("kernel_info_request", {}, "s")
            ws.write_message(json.dumps({**probe, "channel": "shell"}))
            kinds = []
            while True:
                raw = await asyncio.wait_for(ws.read_message(), 60)
                assert raw is not None
                if isinstance(raw, str):
                    reply = json.loads(raw)
                    kinds.append(reply["header"]["msg_type"])
                    if (
                        reply["parent_header"].get("msg_id") == probe["header"]["msg_id"]
                        and kinds[-1] == "kernel_info_reply"
                    ):
                        return kinds
        finally:
            ws.close()
            fetch(served + f"voila/api/leave/{student.kernel_id}", "POST")

    kinds = run(scenario())
    assert not marker.exists()
    assert "execute_reply" not in kinds and "execute_input" not in kinds


def test_a_bad_widget_message_gives_no_traceback(served):
    async def scenario():
        student = await Student(served, CHAPTER, fetch_assets=False).open()
        assert student.error is None, student.error
        bad = {"method": "update", "state": {"value": "not a number"}, "buffer_paths": []}
        try:
            return await traffic_after(student, lambda: student.send("shell", message(
                "comm_msg", {"comm_id": student.slider_id, "data": bad}, student.session)))  # fmt: skip
        finally:
            await student.leave(goodbye=True)

    seen = run(scenario())
    errors = [m["content"] for m in seen if m["header"]["msg_type"] == "error"]
    text = json.dumps([m for m in seen if m["header"]["msg_type"] != "kernel_info_reply"])  # not the probe
    for leak in ("Traceback", "ValueError", "TraitError", ".py", "/work", "site-packages"):
        assert leak not in text, leak
    assert all(e["traceback"] == [TRACEBACK_NL] for e in errors)


@pytest.mark.parametrize("path", SOURCE_PATHS)
def test_no_source_and_no_file_outside_what_pages_need(served, path):
    status, body = fetch(served + path)
    assert status >= 400 or not any(secret in body for secret in SECRETS), (status, body[:300])
    if path.startswith("voila/api/contents/01"):
        assert status >= 400 or json.loads(body).get("content") is None


def test_the_browser_cannot_start_or_stop_kernels_through_the_api(served):
    assert fetch(served + "api/kernels", "POST")[0] >= 400
    assert fetch(served + "api/sessions", "POST")[0] >= 400
    assert fetch(served + f"api/kernels/{uuid.uuid4()}", "DELETE")[0] >= 400


@pytest.mark.browser
def test_the_page_works_with_every_outside_request_blocked(voila_url, page):
    """No asset from a CDN: with only loopback reachable, the chapter, its icons and slider work."""
    page.goto(voila_url + "voila/render/" + CHAPTER)
    handle = page.locator(".psoas-shortening .noUi-handle")
    handle.wait_for(timeout=90_000)
    figure = page.locator(".psoas-figure")
    before = figure.get_attribute("src")
    handle.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        f"() => document.querySelector('.psoas-figure').getAttribute('src') !== {before!r}", timeout=30_000
    )
    icon = page.locator("i.fa").first
    icon.wait_for()
    assert page.evaluate("""() => document.fonts.check('900 16px "Font Awesome 5 Free"')""")
    assert page.evaluate("() => getComputedStyle(document.querySelector('i.fa'), '::before').content") not in (
        "none",
        "",
    )
    page.goto(voila_url)
    page.get_by_role("link", name="De psoas en je houding").wait_for(timeout=60_000)
    assert page.outside_requests == [], page.outside_requests
    assert page.locator("text=Traceback").count() == 0
