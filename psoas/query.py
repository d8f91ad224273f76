"""Shared starting points: read a scene's start value from the page's link.

A teacher hands out ``http://…/voila/render/01-houding.ipynb?verkorting=2.5`` and every student's
slider starts at 2.5 %.  A scene calls::

    value, notice = start_value("verkorting", 0.0, (0.0, 10.0))

and gets the default (and no notice) when the link has no such parameter or when there is no
page at all (JupyterLab, nbclient, the tests).  A broken or out-of-range value gives the default
and a short Dutch notice to show beside the figure (plain text: escape it before putting it in
HTML).  A comma is accepted as the decimal mark (``2,5``).

In Voilà the query string reaches the kernel in one of two ways:

* a kernel started for the request has it in ``QUERY_STRING``;
* a kernel from the preheated pool ran the notebook before any student asked for it.  The
  classroom server (``psoas.classroom``) warms its pool for the plain link and gives a request
  with a query string a kernel of its own, so a warm kernel knows its answer at once: ""
  (``PSOAS_POOL_QUERY``).  In any other Voilà pool the kernel has to wait for the request:
  ``voila.utils.get_query_string()``.  That wait pauses the notebook where it is read (so the
  rest is not pre-rendered) for as long as the kernel sits in the pool, which can be the whole
  lesson, so its timeout is long; Voilà itself gives up after 5 s when it cannot reach the
  server.  The answer is kept, so a second scene on the same page does not wait again (Voilà
  sends the request to a kernel only once).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Mapping
from urllib.parse import parse_qs

log = logging.getLogger(__name__)

POOL_QUERY = "PSOAS_POOL_QUERY"  # set by psoas.classroom on its warm kernels
POOL_WAIT_S = 12 * 3600.0  # a warm kernel may wait a school day for its student
MAX_SHOWN_CHARS = 24
NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)", re.ASCII)  # 2.5, 2,5, -1, .5

NOT_A_NUMBER_NL = "De link zet ‘{name}’ op ‘{raw}’; dat is geen getal. De figuur begint daarom bij {default}."
OUT_OF_RANGE_NL = "De link zet ‘{name}’ op {raw}; dat ligt buiten {lo} tot {hi}. De figuur begint daarom bij {default}."
NOT_WHOLE_NL = "De link zet ‘{name}’ op {raw}; dat is geen heel getal. De figuur begint daarom bij {default}."

_request_query: str | None = None  # the query string of this kernel's page, once known
_lock = threading.Lock()


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
            if is_preheated() and POOL_QUERY in os.environ:
                _request_query = os.environ[POOL_QUERY]  # warmed for exactly this query string
            elif is_preheated():
                answer = _wait_for_pool_request(timeout_s)
                if answer is None:
                    return ""  # not kept: a later scene may still get the request
                _request_query = answer
            else:
                _request_query = os.environ.get("QUERY_STRING", "")
        return _request_query


def parameters(query: str) -> dict[str, str]:
    """``"a=1&b=x"`` -> ``{"a": "1", "b": "x"}``; a repeated name keeps its first value."""
    parsed = parse_qs(query.lstrip("?"), keep_blank_values=True)
    return {name: values[0] for name, values in parsed.items()}


def _shown(number: float) -> str:
    """A number as Dutch readers write it: 2,5 and 10 (not 2.5 and 10.0)."""
    text = f"{number:.6g}"
    return text.replace(".", ",")


def _shown_raw(raw: str) -> str:
    raw = "".join(ch for ch in raw if ch.isprintable())
    return raw if len(raw) <= MAX_SHOWN_CHARS else raw[: MAX_SHOWN_CHARS - 1] + "…"


def parse_value(
    params: Mapping[str, str] | str, name: str, default: float, valid_range: tuple[float, float]
) -> tuple[float, str | None]:
    """``params[name]`` as a number in ``valid_range`` (inclusive), or ``default`` and a Dutch notice.

    A missing parameter gives ``default`` and no notice.  The result has the type of ``default``:
    with an ``int`` default only whole numbers are accepted.
    """
    if isinstance(params, str):
        params = parameters(params)
    lo, hi = valid_range
    if name not in params:
        return default, None
    raw = params[name].strip()
    words = {"name": name, "raw": _shown_raw(raw), "default": _shown(default), "lo": _shown(lo), "hi": _shown(hi)}
    if not NUMBER.fullmatch(raw):
        return default, NOT_A_NUMBER_NL.format(**words)
    number = float(raw.replace(",", "."))
    if isinstance(default, int) and not isinstance(default, bool):
        if number != int(number):
            return default, NOT_WHOLE_NL.format(**words)
        number = int(number)
    if not lo <= number <= hi:
        return default, OUT_OF_RANGE_NL.format(**words)
    return number, None


def start_value(
    name: str, default: float, valid_range: tuple[float, float], timeout_s: float | None = POOL_WAIT_S
) -> tuple[float, str | None]:
    """The start value ``name`` from the page's link: ``(value, None)`` or ``(default, notice)``.

    Outside Voilà (JupyterLab, nbclient) this is ``(default, None)`` at once.
    """
    return parse_value(query_string(timeout_s), name, default, valid_range)
