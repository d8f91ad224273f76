"""One simulated student, speaking Voilà's real protocol as the page's JavaScript does.

1. GET the page (``/voila/render/<chapter>``): the HTML streams in; a refused page is a 503 with
   the Dutch message; an admitted one carries the kernel id in ``jupyter-config-data``.
2. Optionally GET the page's own scripts and style sheets (a browser with an empty cache).
3. Open the kernel websocket (``/api/kernels/<id>/channels``, subprotocol
   ``v1.kernel.websocket.jupyter.org``) and send ``kernel_info_request``, as JupyterLab's
   services do on connect.
4. The widget handshake of ``@jupyter-widgets/base-manager`` (ipywidgets 8): open a comm on
   ``jupyter.widget.control`` (metadata ``{"version": "1.0.0"}``), send ``request_states``,
   receive ``update_states`` with every widget's state and binary buffers, close the comm.
   The page is *interactive* when a slider and the figure (an Image widget, or the posture
   scene's frame strip, an anywidget model, whose value is a PNG sent as a data: URL) are in
   the states.
5. Like a browser, ask the posture scene's frame strip for the pictures of every slider position
   (a ``custom`` ``frames?`` message; ~2 MB come back as one binary buffer, or ``wait`` while
   another kernel draws them).  A browser then switches the pictures itself and tells the kernel
   so; a simulated student does not, so it keeps getting the kernel's pictures: the heavier path.
6. Move the slider (``comm_msg`` ``update`` with ``{"value": …}``) and wait for the figure's
   ``update`` with a new picture.

Every wait has a timeout; nothing here talks to anything but the server it is given.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

PROTOCOL = "v1.kernel.websocket.jupyter.org"
CONTROL_TARGET = "jupyter.widget.control"
CONTROL_VERSION = "1.0.0"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
IMAGE_DATA_URL = b"data:image/"  # how the app's figures travel (psoas/live/picture.py)


def is_picture(buffer: bytes) -> bool:
    """Whether a widget buffer is a picture: raw PNG bytes, or the data: URL the app sends."""
    return bytes(buffer[: len(IMAGE_DATA_URL)]).startswith((PNG_MAGIC, IMAGE_DATA_URL))


SLIDER_MODELS = ("FloatSliderModel", "IntSliderModel")
FIGURE_MODELS = ("ImageModel", "AnyModel")  # an Image widget, or the frame strip (psoas/live/frame_strip.py)
CONFIG_RE = re.compile(r'<script id="jupyter-config-data" type="application/json">\s*(.*?)\s*</script>', re.DOTALL)


class ProtocolError(Exception):
    """The server answered, but not as a working page should."""


# --- wire format (jupyter_server.services.kernels.connection.base, v1) ------------------------------


def pack(channel: str, msg: dict, buffers: list[bytes] = ()) -> bytes:
    parts = [json.dumps(msg[k]).encode() for k in ("header", "parent_header", "metadata", "content")] + list(buffers)
    channel_bytes = channel.encode()
    offsets = [8 * (1 + 1 + len(parts) + 1)]
    offsets.append(offsets[-1] + len(channel_bytes))
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    head = len(offsets).to_bytes(8, "little") + b"".join(o.to_bytes(8, "little") for o in offsets)
    return head + channel_bytes + b"".join(parts)


def unpack(data: bytes) -> tuple[str, dict, list[bytes]]:
    count = int.from_bytes(data[:8], "little")
    offsets = [int.from_bytes(data[8 * (i + 1) : 8 * (i + 2)], "little") for i in range(count)]
    offsets.append(len(data))
    channel = data[offsets[0] : offsets[1]].decode()
    parts = [data[offsets[i] : offsets[i + 1]] for i in range(1, count)]
    msg = {k: json.loads(parts[i]) for i, k in enumerate(("header", "parent_header", "metadata", "content"))}
    return channel, msg, [bytes(b) for b in parts[4:]]


def message(msg_type: str, content: dict, session: str, metadata: dict | None = None) -> dict:
    return {
        "header": {
            "msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "leerling", "session": session,
            "date": datetime.now(UTC).isoformat(), "version": "5.3",
        },
        "parent_header": {}, "metadata": metadata or {}, "content": content,
    }  # fmt: skip


# --- the page -----------------------------------------------------------------------------------


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and a.get("src"):
            self.urls.append(a["src"])
        elif tag == "link" and a.get("rel") == "stylesheet" and a.get("href"):
            self.urls.append(a["href"])


def page_config(html: str) -> dict:
    match = CONFIG_RE.search(html)
    if not match:
        raise ProtocolError("the page has no jupyter-config-data (no kernel)")
    return json.loads(match.group(1))


def page_assets(html: str, page_url: str) -> list[str]:
    parser = _Assets()
    parser.feed(html)
    base = urlsplit(page_url)
    urls = [urljoin(page_url, u) for u in parser.urls]
    return [u for u in dict.fromkeys(urls) if urlsplit(u).netloc == base.netloc]  # same server only


# --- a student ------------------------------------------------------------------------------------


@dataclass
class Student:
    """One page of one student; times in seconds from ``start``."""

    base: str  # http://127.0.0.1:port/
    chapter: str
    query: str = ""
    fetch_assets: bool = True
    fetch_frames: bool = True  # as a browser does once chapter 1's figure is shown
    timeout_s: float = 120.0
    name: str = ""
    source: str | None = None  # the local address to send from (another "device" on loopback: 127.0.0.2)
    headers: dict[str, str] = field(default_factory=dict)  # sent with every request (a login cookie)
    expect_value: float | None = None  # the link's slider value: interactive once the slider shows it
    # results
    status: int | None = None
    refused_html: str = ""
    time_to_page: float | None = None
    time_to_interactive: float | None = None
    frames_s: float | None = None  # from asking for the frames until they arrived
    frames_bytes: int = 0
    slider_times: list[float] = field(default_factory=list)
    error: str | None = None
    kernel_id: str | None = None
    slider_start: float | None = None

    ws: WebSocketClientConnection | None = None
    session: str = field(default_factory=lambda: uuid.uuid4().hex)
    slider_id: str | None = None
    figure_id: str | None = None
    frames_key: str | None = None
    slider_value: float | None = None
    slider_range: tuple[float, float] = (0.0, 1.0)
    _inbox: asyncio.Queue | None = None
    _reader: asyncio.Task | None = None

    @property
    def url(self) -> str:
        return urljoin(self.base, f"voila/render/{self.chapter}") + (f"?{self.query}" if self.query else "")

    async def open(self) -> Student:
        """Steps 1-4; ``time_to_interactive`` is set on success, ``error`` on failure."""
        start = time.monotonic()
        try:
            await asyncio.wait_for(self._open(start), self.timeout_s)
        except TimeoutError:
            self.error = f"timeout after {self.timeout_s:.0f} s"
        except Exception as error:  # reported per student, never raised
            self.error = f"{type(error).__name__}: {error}"
        return self

    async def _open(self, start: float) -> None:
        client = AsyncHTTPClient()
        try:
            response = await client.fetch(
                HTTPRequest(
                    self.url, request_timeout=self.timeout_s, follow_redirects=True, network_interface=self.source,
                    headers=self.headers,
                )
            )
        except HTTPClientError as error:
            self.status = error.code
            if error.code == 503 and error.response is not None:
                self.refused_html = error.response.body.decode("utf-8", "replace")
                return
            raise
        self.status = response.code
        html = response.body.decode("utf-8")
        self.time_to_page = time.monotonic() - start
        config = page_config(html)
        self.kernel_id = config["kernelId"]
        if self.fetch_assets:
            for url in page_assets(html, self.url):
                await client.fetch(HTTPRequest(url, request_timeout=self.timeout_s, headers=self.headers))
        ws_url = (
            self.base.replace("http://", "ws://", 1)
            + f"api/kernels/{self.kernel_id}/channels?session_id={self.session}"
        )
        self.ws = await websocket_connect(
            HTTPRequest(ws_url, headers=self.headers), subprotocols=[PROTOCOL], max_message_size=64 * 2**20
        )
        self._inbox = asyncio.Queue()
        self._reader = asyncio.create_task(self._read())
        info = await self.request("shell", "kernel_info_request", {})
        if info["content"].get("status") != "ok":
            raise ProtocolError("kernel_info_request failed")
        await self._load_widgets()
        if self.expect_value is not None:  # a warm kernel applies the link's values after the page is up
            while self.slider_value != self.expect_value:
                await asyncio.sleep(0.05)  # between state requests to the kernel
                self.slider_value = (await self.states())[0][self.slider_id]["state"]["value"]
        self.time_to_interactive = time.monotonic() - start
        if self.fetch_frames and self.frames_key:
            await self._fetch_frames()

    async def _fetch_frames(self, attempts: int = 20) -> None:
        """Ask the frame strip for its frames (again after each ``wait``) and receive them."""
        start = time.monotonic()
        ask = {
            "method": "custom",
            "content": {"type": "frames?", "key": self.frames_key, "view": f"loadtest-{self.session}"},
        }
        for _ in range(attempts):
            self.send("shell", message("comm_msg", {"comm_id": self.figure_id, "data": ask}, self.session))
            _, msg, buffers = await self.receive(
                lambda c, m, b: (
                    m["header"]["msg_type"] == "comm_msg"
                    and m["content"].get("comm_id") == self.figure_id
                    and m["content"]["data"].get("method") == "custom"
                    and m["content"]["data"].get("content", {}).get("type") in ("frames", "wait")
                ),
                "the frames",
            )
            answer = msg["content"]["data"]["content"]
            if answer["type"] == "frames":
                self.frames_bytes = sum(len(b) for b in buffers)
                if self.frames_bytes != sum(answer.get("lengths", [])):
                    raise ProtocolError("the frames' buffer does not match their lengths")
                self.frames_s = time.monotonic() - start
                return
            await asyncio.sleep(answer.get("retry_ms", 2000) / 1000)  # another kernel draws them
        raise ProtocolError(f"no frames after {attempts} asks")

    async def _read(self) -> None:
        while True:
            data = await self.ws.read_message()
            if data is None:
                await self._inbox.put(None)
                return
            if isinstance(data, bytes):
                await self._inbox.put(unpack(data))

    def send(self, channel: str, msg: dict, buffers: list[bytes] = ()) -> None:
        self.ws.write_message(pack(channel, msg, buffers), binary=True)

    async def receive(self, want, what: str) -> tuple[str, dict, list[bytes]]:
        """The next message for which ``want(channel, msg, buffers)`` is true; others are dropped."""
        while True:
            item = await self._inbox.get()
            if item is None:
                raise ProtocolError(f"websocket closed while waiting for {what}")
            if want(*item):
                return item

    async def request(self, channel: str, msg_type: str, content: dict, metadata: dict | None = None) -> dict:
        msg = message(msg_type, content, self.session, metadata)
        self.send(channel, msg)
        reply = msg_type.replace("_request", "_reply")
        _, answer, _ = await self.receive(
            lambda c, m, b: (
                m["header"]["msg_type"] == reply and m["parent_header"].get("msg_id") == msg["header"]["msg_id"]
            ),
            reply,
        )
        return answer

    async def states(self) -> tuple[dict[str, dict], dict[str, bytes]]:
        """Every widget's state (by model id) and its pictures, as a page asks when it connects."""
        comm_id = uuid.uuid4().hex
        open_msg = message("comm_open", {"comm_id": comm_id, "target_name": CONTROL_TARGET, "data": {}}, self.session,
                           {"version": CONTROL_VERSION})  # fmt: skip
        self.send("shell", open_msg)
        self.send(
            "shell", message("comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}}, self.session)
        )
        _, msg, buffers = await self.receive(
            lambda c, m, b: m["header"]["msg_type"] == "comm_msg" and m["content"].get("comm_id") == comm_id,
            "update_states",
        )
        self.send("shell", message("comm_close", {"comm_id": comm_id, "data": {}}, self.session))
        data = msg["content"]["data"]
        if data.get("method") != "update_states":
            raise ProtocolError(f"unexpected control answer {data.get('method')!r}")
        images = {}
        for path, buffer in zip(data.get("buffer_paths", []), buffers):
            if path[-1] == "value" and is_picture(buffer):
                images[path[0]] = buffer
        return data["states"], images

    async def _load_widgets(self) -> None:
        states, images = await self.states()
        for model_id, entry in states.items():
            name, state = entry.get("model_name"), entry.get("state", {})
            if (
                name in FIGURE_MODELS
                and model_id in images
                and (
                    self.figure_id is None or "psoas-figure" in [*state.get("_dom_classes", []), state.get("img_class")]
                )
            ):
                self.figure_id = model_id
                self.frames_key = state.get("frames_key") or None
            if name in SLIDER_MODELS and (
                self.slider_id is None or "psoas-shortening" in state.get("_dom_classes", [])
            ):
                self.slider_id, self.slider_value = model_id, state["value"]
                self.slider_range = (state["min"], state["max"])
        if not self.figure_id or not self.slider_id:
            raise ProtocolError("the page has no slider and figure (widgets missing)")

    async def move_slider(self, value: float | None = None) -> float:
        """Set the slider and wait until the figure has a new picture; returns the round trip in seconds."""
        lo, hi = self.slider_range
        if value is None:  # back and forth between 30 % and 70 % of the range
            value = lo + (hi - lo) * (0.7 if self.slider_value < lo + (hi - lo) / 2 else 0.3)
        start = time.monotonic()
        update = {"method": "update", "state": {"value": value}, "buffer_paths": []}
        self.send("shell", message("comm_msg", {"comm_id": self.slider_id, "data": update}, self.session))
        await self.receive(
            lambda c, m, b: (
                m["header"]["msg_type"] == "comm_msg"
                and m["content"].get("comm_id") == self.figure_id
                and m["content"]["data"].get("method") == "update"
                and any(is_picture(b_) for b_ in b)
            ),
            "the new figure",
        )
        self.slider_value = value
        elapsed = time.monotonic() - start
        self.slider_times.append(elapsed)
        return elapsed

    async def execute(self, code: str) -> None:
        """Send an execute_request as a browser could (the server must drop it)."""
        self.send("shell", message("execute_request", {"code": code, "silent": False, "store_history": False,
                                                        "user_expressions": {}, "allow_stdin": False,
                                                        "stop_on_error": True}, self.session))  # fmt: skip

    async def leave(self, goodbye: bool = False) -> None:
        """Close the page: with ``goodbye`` as the psoas page does (a beacon), else just vanish."""
        if goodbye and self.kernel_id:
            try:
                await AsyncHTTPClient().fetch(HTTPRequest(urljoin(self.base, f"voila/api/leave/{self.kernel_id}"),
                                                          method="POST", body=b"", request_timeout=30))  # fmt: skip
            except Exception:
                pass
        if self.ws is not None:
            self.ws.close()
            self.ws = None
        if self._reader is not None:
            self._reader.cancel()
            self._reader = None
