"""The app's Voilà: what may reach a page over the kernel websocket."""

from __future__ import annotations

import json

from jupyter_client.session import Session
from jupyter_server.services.kernels.connection.base import serialize_msg_to_ws_v1
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler

from psoas.voila_app import PageKernelWebsocket, message_type


def kernel_message(msg_type: str, content: dict | None = None) -> dict:
    return Session().msg(msg_type, content or {})


def as_text(msg: dict) -> str:
    return json.dumps(msg, default=str)


def test_the_message_type_is_read_from_every_form_a_message_takes():
    msg = kernel_message("stream", {"name": "stderr", "text": "Traceback (most recent call last): ..."})
    binary = serialize_msg_to_ws_v1(msg, "iopub", pack=Session().pack)
    assert message_type(msg) == message_type(as_text(msg)) == message_type(binary) == "stream"
    assert message_type("not json") is None and message_type(b"\x00" * 8) is None


def test_printed_output_and_errors_never_reach_a_page_but_widget_messages_do(monkeypatch):
    sent = []
    monkeypatch.setattr(VoilaKernelWebsocketHandler, "write_message", lambda self, message, binary=False: sent.append(message))
    socket = object.__new__(PageKernelWebsocket)  # no Tornado request: only write_message is under test
    for msg_type in ("stream", "error", "comm_msg", "status", "comm_open"):
        socket.write_message(as_text(kernel_message(msg_type)))
    socket.write_message(serialize_msg_to_ws_v1(kernel_message("error"), "iopub", pack=Session().pack), binary=True)
    assert [json.loads(m)["header"]["msg_type"] for m in sent] == ["comm_msg", "status", "comm_open"]
