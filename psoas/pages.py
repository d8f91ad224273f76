"""The servers' own small pages: not found, no access, an error, "full" and "busy".

Every server of the app (``make app``, the live and the static classroom) answers an error with
one of these, in the reader's language (English under ``/en/`` or with ``?lang=en``, Dutch
otherwise), with a link to the start page.  A 503 page reloads itself after ``retry_s``.  The
words come from ``content/strings.*.json``; if those cannot be read, ``FALLBACK`` (both
languages, the only words kept in code) keeps the page from failing in turn.
"""

from __future__ import annotations

from html import escape
from urllib.parse import parse_qs

from .content import ContentError, strings

RETRY_AFTER_S = 30  # a 503 page ("full", "busy") reloads itself after this many seconds
KINDS = {404: "not_found", 403: "forbidden", 503: "busy"}  # anything else: "error"
FALLBACK = {
    "title": "Fout / Error",
    "text": "Er ging iets mis. / Something went wrong.",
    "start": "Start",
    "retry_in": "({seconds} s)",
    "retry_now": "↻",
}
STYLE = ("body{font-family:sans-serif;font-size:18px;line-height:1.5;color:#1a1a1a;background:#f7f5f0;margin:0}"
         "main{max-width:34em;margin:3em auto;padding:0 1em}h1{font-weight:normal;font-size:28px}"
         "a{color:#1f3b73;display:inline-block;min-height:44px;line-height:44px}")  # fmt: skip


def language_of(path: str, query: str = "") -> str:
    """The reader's language for a request: English for a page under ``en/`` or ``?lang=en``."""
    if "/en/" in f"/{path.strip('/')}/" or parse_qs(query).get("lang", [""])[0] == "en":
        return "en"
    return "nl"


def kind_of(status: int) -> str:
    return KINDS.get(status, "error")


def message_page(kind: str, language: str, start_url: str, retry_s: int | None = None, **words) -> str:
    """The page for ``kind`` (not_found, forbidden, teacher_only, error, full, device, busy), with a
    link to ``start_url``; ``words`` fill the text's blanks (``{limit}``)."""
    try:
        text = strings(language)
        title = text[f"server.{kind}.title"]
        body = text[f"server.{kind}.text"].format(**words)
        start, retry_in, retry_now = text["server.start_link"], text["server.retry_in"], text["server.retry_now"]
    except (ContentError, KeyError, IndexError, ValueError):
        title, body, start = FALLBACK["title"], FALLBACK["text"], FALLBACK["start"]
        retry_in, retry_now = FALLBACK["retry_in"], FALLBACK["retry_now"]
    parts = [f"<p>{escape(body)}</p>"]
    refresh = ""
    if retry_s:
        refresh = f'<meta http-equiv="refresh" content="{int(retry_s)}">'
        parts.append(f"<p>{escape(retry_in.format(seconds=int(retry_s)))}</p>")
        parts.append(f'<p><a href="">{escape(retry_now)}</a></p>')
    parts.append(f'<p><a href="{escape(start_url)}">{escape(start)}</a></p>')
    return (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">{refresh}'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f'<body><main class="psoas-message" data-kind="{kind}"><h1>{escape(title)}</h1>{"".join(parts)}</main>'
        "</body></html>\n"
    )


class ErrorPages:
    """Mixed into a Tornado handler: its errors are these pages, in the reader's language.

    ``refuse(status, kind, **words)`` answers with a page of a given kind (``full``, ``busy``,
    ``teacher_only``); any other error gets the page for its status.  A server says where its
    start page is (``start_url``) and, if it knows better, the request's language (``language``).
    """

    def language(self) -> str:
        return language_of(self.request.path, self.request.query)

    def start_url(self, language: str) -> str:
        raise NotImplementedError

    def write_error(self, status_code: int, **kwargs) -> None:
        language = self.language()
        kind = getattr(self, "psoas_error_kind", None) or kind_of(status_code)
        retry_s = RETRY_AFTER_S if status_code == 503 else None
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        if retry_s:
            self.set_header("Retry-After", str(retry_s))
        words = getattr(self, "psoas_error_words", {})
        self.finish(message_page(kind, language, self.start_url(language), retry_s, **words))

    def refuse(self, status: int, kind: str, **words) -> None:
        """Answer with the page ``kind`` and HTTP ``status``."""
        self.psoas_error_kind, self.psoas_error_words = kind, words
        self.send_error(status)
