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

import sys
from pathlib import PurePath

import tornado.web
from jupyter_server.base.handlers import APIHandler
from tornado.websocket import WebSocketHandler
from voila import app as voila_app

from . import internals, zmq_wakeup
from .content import ContentError, strings
from .pages import RETRY_AFTER_S, kind_of, language_of, message_page



class AppPages:
    """Mixed into every page handler: errors are the app's own pages."""

    def write_error(self, status_code: int, **kwargs) -> None:
        language = language_of(self.request.path, self.request.query)
        kind = getattr(self, "psoas_error_kind", None) or kind_of(status_code)
        retry_s = RETRY_AFTER_S if status_code == 503 else None
        words = getattr(self, "psoas_error_words", {})
        base_url = self.settings.get("base_url", "/")
        start = f"{base_url}voila/render/{'en/' if language == 'en' else ''}00-start.ipynb"
        self.clear_header("Content-Type")
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        if retry_s:
            self.set_header("Retry-After", str(retry_s))
        self.finish(message_page(kind, language, start, retry_s, **words))

    def refuse(self, status: int, kind: str, **words) -> None:
        """Answer with the app's page ``kind`` (``full``, ``device``, ``busy``, ``teacher_only``)."""
        self.psoas_error_kind, self.psoas_error_words = kind, words
        self.send_error(status)


class NotFound(AppPages, tornado.web.RequestHandler):
    """Any path no handler serves."""

    def prepare(self):
        raise tornado.web.HTTPError(404)


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
        return [(pattern, with_app_pages(handler), *rest) for pattern, handler, *rest in super().init_handlers()]

    @staticmethod
    def page_config(page_config, base_url, settings, log, voila_configuration, notebook_path=None, **_):
        """Voilà's page config hook: the page's own words (``page_texts``)."""
        page_config["psoasText"] = page_texts(notebook_path)
        return page_config


def main() -> None:
    """``python -m psoas.voila_main <voila arguments>``."""
    zmq_wakeup.install()  # a kernel reply the server's poll never reports (psoas/zmq_wakeup.py)
    sys.exit(PsoasVoila.launch_instance())
