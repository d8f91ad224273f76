"""Voilà as the app runs it (``make app``, the live classroom): Voilà's standalone server with
the app's own error pages and a check of the internals it relies on.

* Every page error (404, 403, 500, 503) is the app's small page in the reader's language
  (``psoas.pages``), never Voilà's or Jupyter Server's: their ``500.html``/``error.html`` need a
  ``static_path`` that Voilà's standalone server does not set, so rendering them failed in turn
  and the student saw a bare timeout (issue 17).  API routes keep their JSON errors.
* At start-up ``psoas.internals.check()`` fails with a clear message if a private name of
  Voilà, Jupyter or matplotlib that the app relies on is missing (an upgrade beyond the pins).
"""

from __future__ import annotations

import json
import sys
from pathlib import PurePath

import tornado.web
from jupyter_server.base.handlers import APIHandler
from tornado.websocket import WebSocketHandler
from voila import app as voila_app
from voila.tornado.kernel_websocket_handler import VoilaKernelWebsocketHandler, read_header_from_binary_message

from . import internals, zmq_wakeup
from .content import ContentError, strings
from .pages import RETRY_AFTER_S, ErrorPages


class AppPages(ErrorPages):
    """Mixed into every page handler of the app's Voilà: errors are the app's own pages."""

    def start_url(self, language: str) -> str:
        return f"{self.settings.get('base_url', '/')}voila/render/{'en/' if language == 'en' else ''}00-start.ipynb"


class NotFound(AppPages, tornado.web.RequestHandler):
    """Any path no handler serves."""

    def prepare(self):
        raise tornado.web.HTTPError(404)


NOT_FOR_PAGES = ("stream", "error")  # a kernel's printed output and tracebacks: the page shows widgets only


def message_type(message) -> str | None:
    """The ``msg_type`` of a kernel message on its way to a browser (binary, JSON text or a dict)."""
    if isinstance(message, bytes):
        header = read_header_from_binary_message(message)
    elif isinstance(message, str):
        if '"msg_type"' not in message:
            return None
        try:
            header = json.loads(message).get("header")
        except ValueError:
            return None
    elif isinstance(message, dict):
        header = message.get("header")
    else:
        header = None
    return header.get("msg_type") if isinstance(header, dict) else None


class PageKernelWebsocket(VoilaKernelWebsocketHandler):
    """Voilà's kernel websocket, which already drops ``execute_input``, dropping printed output and
    errors too: a page needs only widget messages, and a traceback must never reach a browser.
    (Jupyter Server replaces tracebacks in ``error`` messages, but its replacement reads a setting
    from the wrong object and fails, and a traceback IPython could not format goes out as plain
    ``stream`` text: seen once a bad widget message made ``showtraceback`` itself fail.)"""

    def write_message(self, message, binary: bool = False):
        if message_type(message) in NOT_FOR_PAGES:
            return None
        return super().write_message(message, binary)


def with_app_pages(handler: type) -> type:
    """``handler`` with the app's error pages (API and websocket handlers stay as they are)."""
    if not isinstance(handler, type) or issubclass(handler, (APIHandler, WebSocketHandler, AppPages)):
        return handler
    return type(handler.__name__, (AppPages, handler), {})


def page_texts(notebook_path: str | None) -> dict:
    """What a page says when a cell fails or its kernel cannot be reached, in the page's language
    (``page_config.psoasText`` for the template: index.html.j2, psoas-busy.html.j2)."""
    language = "en" if PurePath(notebook_path or "").parent.name == "en" else "nl"  # notebooks/en/ is English
    try:
        text = strings(language)
        return {"language": language, "error": text["page.cell_error"], "busy_title": text["server.busy.title"],
                "busy": text["server.busy.text"], "retry_in": text["server.retry_in"],
                "retry_now": text["server.retry_now"], "retry_s": RETRY_AFTER_S}  # fmt: skip
    except ContentError:
        return {}  # the template falls back to its own short words


class PsoasVoila(voila_app.Voila):
    """Voilà's standalone server with the app's error pages and words."""

    def initialize(self, argv=None):
        internals.check()
        super().initialize(argv)

    def init_settings(self):
        self.voila_configuration.page_config_hook = self.page_config
        settings = super().init_settings()
        settings["default_handler_class"] = NotFound
        return settings

    def init_handlers(self):
        handlers = []
        for pattern, handler, *rest in super().init_handlers():
            if handler is VoilaKernelWebsocketHandler:
                handler = PageKernelWebsocket
            handlers.append((pattern, with_app_pages(handler), *rest))
        return handlers

    @staticmethod
    def page_config(page_config, base_url, settings, log, voila_configuration, notebook_path=None, **_):
        """Voilà's page config hook: the page's own words (``page_texts``)."""
        page_config["psoasText"] = page_texts(notebook_path)
        return page_config


def main() -> None:
    """``python -m psoas.voila_main <voila arguments>``."""
    zmq_wakeup.install()  # a kernel reply the server's poll never reports (psoas/zmq_wakeup.py)
    sys.exit(PsoasVoila.launch_instance())
