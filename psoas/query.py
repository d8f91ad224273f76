"""Shared starting points: read a scene's start value from the page's link.

A teacher hands out ``http://…/voila/render/01-houding.ipynb?verkorting=2.5`` and every student's
slider starts at 2.5 %.  ``psoas.widgets.scene.make_scene`` asks for the page's query string
with ``when_link_known`` and sets the scene's controls from it (``Scene.apply_link``, which reads
each value with ``parse_value``).  Without a page (JupyterLab, nbclient, the tests) the query
string is "" and nothing moves.  A broken or out-of-range value keeps the default and gives a
short notice in the page's language to show beside the figure (plain text: escape it before
putting it in HTML).  A comma is accepted as the decimal mark (``2,5``).  ``start_value`` reads
one value in one call (the tests use it for the ways a kernel learns its query string).

In Voilà the query string reaches the kernel in one of three ways:

* a kernel started for the request has it in ``QUERY_STRING``;
* a kernel from the classroom's warm pool (``psoas.classroom``, ``PSOAS_POOL_QUERY=after-render``)
  ran the whole notebook for the plain link before any student asked for it.  When a student
  takes it, Voilà sends the page's request to the kernel (its ``/voila/query/<kernel>``
  websocket, read on a thread of ours that retries where Voilà's own reader gives up); the link's values are
  then applied on the kernel's own thread (``when_link_known``).  So a whole class opening the
  teacher's link with values gets warm kernels, and the page shows those values a moment after
  it is up;
* in any other Voilà pool the kernel has to wait for the request while it runs the notebook:
  ``voila.utils.get_query_string()``.  That wait pauses the notebook where it is read (so the
  rest is not pre-rendered) for as long as the kernel sits in the pool, which can be the whole
  lesson, so its timeout is long; Voilà itself gives up after 5 s when it cannot reach the
  server.  The answer is kept, so a second scene on the same page does not wait again (Voilà
  sends the request to a kernel only once).

Notices are in the page's language: ``parse_value`` takes the page's strings (``link.*``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Mapping
from urllib.parse import parse_qs

from .content import ContentError, strings

log = logging.getLogger(__name__)

POOL_QUERY = "PSOAS_POOL_QUERY"  # "after-render" on the classroom's warm kernels (psoas.classroom.app)
AFTER_RENDER = "after-render"
POOL_WAIT_S = 12 * 3600.0  # a warm kernel may wait a school day for its student
REQUEST_CONNECT_TIMEOUT_S = 60.0  # a busy server may take long to accept the request channel
REQUEST_RETRY_S = 1.0
MAX_SHOWN_CHARS = 24
NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)", re.ASCII)  # 2.5, 2,5, -1, .5

_request_query: str | None = None  # the query string of this kernel's page, once known
_lock = threading.Lock()
_waiting: list[Callable[[str], None]] = []  # what to do with the query string once it is known
_listening = False


def in_voila() -> bool:
    """True inside a kernel that Voilà started for a page (or for its preheated pool)."""
    return "VOILA_KERNEL_ID" in os.environ or "VOILA_BASE_URL" in os.environ


def is_preheated() -> bool:
    return os.environ.get("VOILA_PREHEAT") == "True"


def _wait_for_pool_request(timeout_s: float | None) -> str | None:
    """The query string Voilà sends a preheated kernel when a student takes it (None: no answer)."""
    result: list[str | None] = []

    def ask() -> None:
        try:
            from voila.utils import get_query_string

            result.append(get_query_string())
        except Exception:  # no Voilà, no server: the page starts from the defaults
            log.warning("could not read the page's query string", exc_info=True)

    thread = threading.Thread(target=ask, name="psoas-query", daemon=True)
    thread.start()
    thread.join(timeout_s)
    if thread.is_alive():
        log.warning("no request reached this kernel within %s s; using the defaults", timeout_s)
        return None
    return result[0] if result else None


def query_string(timeout_s: float | None = POOL_WAIT_S) -> str:
    """The page's query string (without ``?``); "" outside Voilà or when it cannot be read."""
    global _request_query
    if not in_voila():
        return ""
    with _lock:
        if _request_query is None:
            if applies_link_later():
                return ""  # the plain link; when_link_known applies the student's link later
            if is_preheated():
                answer = _wait_for_pool_request(timeout_s)
                if answer is None:
                    return ""  # not kept: a later scene may still get the request
                _request_query = answer
            else:
                _request_query = os.environ.get("QUERY_STRING", "")
        return _request_query


def applies_link_later() -> bool:
    """True in a classroom warm kernel: it renders the plain link and applies a link's values later."""
    return in_voila() and is_preheated() and os.environ.get(POOL_QUERY) == AFTER_RENDER


def when_link_known(apply: Callable[[str], None]) -> None:
    """Call ``apply(query_string)`` with the page's query string: at once, or in a classroom warm
    kernel on the kernel's own thread once a student has taken the kernel."""
    global _listening
    if not applies_link_later():
        apply(query_string())
        return
    with _lock:
        known = _request_query
        if known is None:
            _waiting.append(apply)
            if not _listening:
                _listening = True
                threading.Thread(target=_listen_for_request, name="psoas-link", daemon=True).start()
            return
    apply(known)


def request_url(env: Mapping[str, str] = os.environ) -> str:
    """Where Voilà sends a warm kernel its page's request (as ``voila.utils.wait_for_request``
    builds it, from the variables Voilà gives its kernels)."""
    protocol = env.get("VOILA_WS_PROTOCOL", "ws")
    base = env.get("VOILA_WS_BASE_URL", env.get("VOILA_SERVER_URL", "/"))
    host = f"{env.get('VOILA_APP_IP', '127.0.0.1')}:{env.get('VOILA_APP_PORT', '8866')}"
    return f"{protocol}://{host}{base}voila/query/{env.get('VOILA_KERNEL_ID', '')}"


async def _receive_request(url: str) -> str:
    """The query string of the request Voilà sends to ``url`` (waits as long as it takes)."""
    from tornado.websocket import websocket_connect

    socket = await websocket_connect(url, connect_timeout=REQUEST_CONNECT_TIMEOUT_S)
    try:
        message = await socket.read_message()
    finally:
        socket.close()
    if message is None:
        raise ConnectionError("the server closed the request channel")
    return json.loads(message).get("QUERY_STRING", "")


def _listen_for_request() -> None:
    """On a thread: wait until Voilà sends this kernel its page's request, then hand the query
    string to the kernel's thread (never set widgets from this one).

    Voilà's own ``wait_for_request`` gives up when the server does not answer within 5 s, which
    happens while a busy server warms thirty kernels: 2 of 30 students then got the plain link
    (``make loadtest --link``).  Here a failed or dropped connection is tried again; Voilà keeps
    a request that arrives while no kernel listens and sends it on the next connection."""
    global _request_query
    url, deadline, query = request_url(), time.monotonic() + POOL_WAIT_S, None
    while query is None and time.monotonic() < deadline:
        try:
            query = asyncio.run(_receive_request(url))
        except Exception as error:  # the server busy or restarting: try again
            log.info("the page's request did not arrive (%s); asking again", error)
            time.sleep(REQUEST_RETRY_S)  # between attempts to reach the server, on this thread only
    query = query or ""
    with _lock:
        _request_query = query
        waiting, _waiting[:] = list(_waiting), []
    if not waiting:
        return
    try:
        from IPython import get_ipython

        io_loop = get_ipython().kernel.io_loop  # the kernel's own thread (psoas.internals)
    except Exception:
        log.warning("no kernel loop to apply the page's link on", exc_info=True)
        return
    for apply in waiting:
        io_loop.add_callback(_safely, apply, query)


def _safely(apply: Callable[[str], None], query: str) -> None:
    try:
        apply(query)
    except Exception:  # a broken link never breaks the page
        log.exception("the page link could not be applied")


def parameters(query: str) -> dict[str, str]:
    """``"a=1&b=x"`` -> ``{"a": "1", "b": "x"}``; a repeated name keeps its first value."""
    parsed = parse_qs(query.lstrip("?"), keep_blank_values=True)
    return {name: values[0] for name, values in parsed.items()}


def _shown(number: float, decimal_mark: str = ",") -> str:
    """A number as the reader writes it: 2,5 and 10 in Dutch (not 2.5 and 10.0)."""
    return f"{number:.6g}".replace(".", decimal_mark)


def _shown_raw(raw: str) -> str:
    raw = "".join(ch for ch in raw if ch.isprintable())
    return raw if len(raw) <= MAX_SHOWN_CHARS else raw[: MAX_SHOWN_CHARS - 1] + "…"


def parse_value(
    params: Mapping[str, str] | str,
    name: str,
    default: float,
    valid_range: tuple[float, float],
    text: Mapping[str, str] | None = None,
) -> tuple[float, str | None]:
    """``params[name]`` as a number in ``valid_range`` (inclusive), or ``default`` and a notice in
    the language of ``text`` (the page's strings; Dutch when not given).

    A missing parameter gives ``default`` and no notice.  The result has the type of ``default``:
    with an ``int`` default only whole numbers are accepted.
    """
    if isinstance(params, str):
        params = parameters(params)
    lo, hi = valid_range
    if name not in params:
        return default, None
    raw = params[name].strip()
    number = float(raw.replace(",", ".")) if NUMBER.fullmatch(raw) else None
    problem = None
    if number is None:
        problem = "link.not_a_number"
    elif isinstance(default, int) and not isinstance(default, bool) and number != int(number):
        problem = "link.not_whole"
    elif not lo <= number <= hi:
        problem = "link.out_of_range"
    if problem is None:
        return (int(number) if isinstance(default, int) and not isinstance(default, bool) else number), None
    return default, _notice(problem, text, name=name, raw=_shown_raw(raw), default=default, lo=lo, hi=hi)


def _notice(key: str, text: Mapping[str, str] | None, name: str, raw: str, **numbers: float) -> str:
    try:
        text = strings() if text is None else text
        mark = text["format.decimal_mark"]
        return text[key].format(name=name, raw=raw, **{k: _shown(v, mark) for k, v in numbers.items()})
    except (ContentError, KeyError):  # no strings to say it with: plain English for the log's reader
        return f"link value {name}={raw} ignored"


def start_value(
    name: str,
    default: float,
    valid_range: tuple[float, float],
    timeout_s: float | None = POOL_WAIT_S,
    text: Mapping[str, str] | None = None,
) -> tuple[float, str | None]:
    """The start value ``name`` from the page's link: ``(value, None)`` or ``(default, notice)``.

    Outside Voilà (JupyterLab, nbclient) this is ``(default, None)`` at once.
    """
    return parse_value(query_string(timeout_s), name, default, valid_range, text)
