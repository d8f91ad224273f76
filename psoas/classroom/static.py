"""The static classroom: ``python -m psoas.classroom`` (``make classroom``) serves ``site/``.

``make static`` builds every page as static HTML with its frames (``site/``); this module serves
that folder to a class with a small Tornado file server: no kernel per student, ready in a second
or two, and the memory of one process however many students arrive.  What stays from the live
classroom (``python -m psoas.classroom --live``), shared with it (``psoas.classroom.network``):
the LAN address detection, the students' address ``/les`` with its QR code, and a teacher page
(``/leraar``, this machine only) to project.

Routes (under ``--base-url``, default ``/``):

* ``/`` -> ``nl/00-start.html`` (``/?lang=en`` -> ``en/00-start.html``); ``/nl/``, ``/en/`` the same;
* ``/les`` -> the lesson's first page (``--page``), keeping the query string (``/les?verkorting=3``:
  the page applies presets itself); ``lang=en`` picks the English page;
* ``/leraar``, ``/leraar/status.json``: the teacher page and its numbers (loopback only);
* everything else: a file of ``site/``.  Content types are set here, not guessed from the
  machine's ``mime.types`` (``.js`` is ``text/javascript``, as module scripts need); frames, scene
  data and assets with a content hash in their name are cached for a year (``immutable``), HTML
  and everything else is revalidated (``no-cache``, with ETag and Last-Modified); text is gzipped.
  A missing file gives a small Dutch page (English under ``/en/``); ``..``, hidden files and
  symlinks out of the site are refused with the same 404.  Files are read once and kept in memory
  (``--cache-mb``), text gzipped once: a class asks for the same files thousands of times.
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import json
import logging
import os
import re
import sys
import time
import webbrowser
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import parse_qsl, unquote, urlencode

import tornado.web
from tornado import httputil
from tornado.httpserver import HTTPServer
from tornado.iostream import StreamClosedError
from tornado.netutil import bind_sockets

from ..pages import ErrorPages
from ..serve import JUPYTER_DATA_DIR
from .network import client_address, is_loopback, qr_svg, student_hosts, student_url, terminal_announcement
from .options import FIRST_PAGE, StaticOptions, page_stem, parse_static

log = logging.getLogger(__name__)

LANGUAGES = ("nl", "en")
START_STEM = "00-start"
FIRST_STEM = FIRST_PAGE
CHAPTER_STEMS = (
    "00-start", "01-houding", "02-onderrugpijn", "03-looppatroon-en-balans", "04-knie-en-heupklachten",
    "05-flexibiliteit", "06-sport", "07-zittend-werk", "08-samenvatting", "09-hoe-werkt-het-model", "10-bronnen",
)  # fmt: skip
LISTEN_BACKLOG = 1024  # a class arriving at once: Tornado's default (128) drops SYNs, and a dropped SYN costs 1 s

IMMUTABLE = "public, max-age=31536000, immutable"  # frames, scene data, hashed assets: a new build = a new name
REVALIDATE = "no-cache"  # HTML and unhashed files: ask each time (a 304 when unchanged)
IMMUTABLE_DIRS = ("frames", "data")  # named by their content hash (the site's layout contract)
HASHED_NAME = re.compile(r"(?:^|[.\-_])[0-9a-f]{8,}(?:\.[A-Za-z0-9]+)+$")  # app.3f2a9c1d.js, 3f2a9c1d….png
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".wasm": "application/wasm",
    ".xml": "application/xml",
}


# --- what the server serves ----------------------------------------------------------------------


def content_type(path: str) -> str:
    return CONTENT_TYPES.get(os.path.splitext(path)[1].lower(), "application/octet-stream")


def compressible(ctype: str) -> bool:
    """What Tornado's compress_response would gzip (text, JSON, JS, SVG, XML)."""
    ctype = ctype.split(";")[0]
    return ctype.startswith("text/") or ctype in tornado.web.GZipContentEncoding.CONTENT_TYPES


def cache_control(path: str) -> str:
    """``IMMUTABLE`` for files named by their content (frames, scene data, hashed assets), else no-cache."""
    parts = path.replace("\\", "/").strip("/").split("/")
    if len(parts) > 1 and parts[-2] in IMMUTABLE_DIRS or HASHED_NAME.search(parts[-1]):
        return IMMUTABLE
    return REVALIDATE


def language_of(path: str, base_url: str = "/") -> str:
    return "en" if path.startswith(base_url + "en/") or path == base_url + "en" else "nl"


def start_page(base_url: str, language: str) -> str:
    return f"{base_url}{language}/{START_STEM}.html"


class MessagePages(ErrorPages):
    """The app's small page for a 404 and any other error (``psoas.pages``), English under /en/."""

    def language(self) -> str:
        return language_of(self.request.path, self.settings["psoas_base_url"])

    def start_url(self, language: str) -> str:
        return start_page(self.settings["psoas_base_url"], language)


class NotFoundHandler(MessagePages, tornado.web.RequestHandler):
    def prepare(self):
        raise tornado.web.HTTPError(404)


@dataclass(frozen=True)
class SiteFile:
    body: bytes
    gzipped: bytes | None  # text files of 1 KB or more, compressed once (not per request)
    etag: str
    modified: float
    content_type: str
    cache_control: str
    stamp: tuple[int, int]  # (mtime_ns, size): a rebuilt file is read again

    @property
    def cost(self) -> int:
        return len(self.body) + len(self.gzipped or b"")

    def response(self, headers: httputil.HTTPHeaders) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body for a request with ``headers`` (If-None-Match, Accept-Encoding)."""
        out = {"Content-Type": self.content_type, "Cache-Control": self.cache_control, "Etag": self.etag,
               "Last-Modified": httputil.format_timestamp(self.modified)}  # fmt: skip
        if self.gzipped is not None or compressible(self.content_type):
            out["Vary"] = "Accept-Encoding"
        if self.etag in (tag.strip().removeprefix("W/") for tag in headers.get("If-None-Match", "").split(",")):
            return 304, out, b""
        body = self.body
        if self.gzipped is not None and "gzip" in headers.get("Accept-Encoding", ""):
            body = self.gzipped
            out["Content-Encoding"] = "gzip"
        out["Content-Length"] = str(len(body))
        return 200, out, body


class SiteFiles:
    """The files of ``site/``, each read once and kept in memory (text also gzipped once), up to a budget.

    Tornado's StaticFileHandler opens, reads and (with compress_response) gzips a file for every
    request; a class of 300 opening the same pages asks for the same files thousands of times.
    A file is checked (``stat``) at every request, so a rebuilt site is served at once.
    """

    def __init__(self, root: Path, budget_bytes: int = 128 * 2**20):
        self.root = Path(root).resolve()
        self.budget = budget_bytes
        self.used = 0
        self.cache: dict[str, SiteFile] = {}  # insertion order = least recently read first
        self.resolved: dict[str, Path] = {}  # URL path -> a file checked to be inside the site

    def resolve(self, url_path: str) -> Path:
        """The file for ``url_path``, inside the site; HTTPError 404 for anything else."""
        path = self.resolved.get(url_path)
        if path is None:
            path = self._resolve(url_path)
            if len(self.resolved) < 200_000:
                self.resolved[url_path] = path
        return path

    def _resolve(self, url_path: str) -> Path:
        parts = url_path.replace("\\", "/").split("/")
        if any(part.startswith(".") for part in parts):  # "..", hidden files
            raise tornado.web.HTTPError(404)
        path = (self.root / "/".join(p for p in parts if p)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():  # missing, a folder, a symlink out of the site
            raise tornado.web.HTTPError(404)
        return path

    def get(self, url_path: str) -> SiteFile:
        path = self.resolve(url_path)
        key = str(path)
        try:
            stat = path.stat()
        except OSError:  # gone since (a rebuild)
            self.resolved.pop(url_path, None)
            raise tornado.web.HTTPError(404) from None
        stamp = (stat.st_mtime_ns, stat.st_size)
        entry = self.cache.pop(key, None)
        if entry is not None:
            self.used -= entry.cost
            if entry.stamp != stamp:
                entry = None
        if entry is None:
            entry = self.read(path, url_path, stamp, stat.st_mtime)
        if entry.cost <= self.budget:
            self.cache[key] = entry
            self.used += entry.cost
            while self.used > self.budget:
                self.used -= self.cache.pop(next(iter(self.cache))).cost
        return entry

    @staticmethod
    def read(path: Path, url_path: str, stamp: tuple[int, int], modified: float) -> SiteFile:
        body = path.read_bytes()
        ctype = content_type(path.name)
        gzipped = None
        if len(body) >= 1024 and compressible(ctype):
            gzipped = gzip.compress(body, compresslevel=6, mtime=0)
            gzipped = gzipped if len(gzipped) < len(body) else None
        etag = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
        return SiteFile(body, gzipped, etag, modified, ctype, cache_control(url_path), stamp)


class SiteFileHandler(MessagePages, tornado.web.RequestHandler):
    """A file of ``site/`` with its content type, caching header, ETag, and gzip when the client takes it."""

    def initialize(self, files: SiteFiles):
        self.files = files

    def get(self, path: str, include_body: bool = True) -> None:
        entry = self.files.get(path)
        if path.endswith(".html"):
            self.settings["psoas_stats"].page_served(client_address(self.request))
        status, headers, body = entry.response(self.request.headers)
        self.set_status(status)
        for name, value in headers.items():
            if name != "Vary":  # compress_response adds it
                self.set_header(name, value)
        if include_body and status == 200:
            self.write(body)

    def head(self, path: str) -> None:
        self.get(path, include_body=False)


class StartHandler(tornado.web.RequestHandler):
    """``/`` (and ``/nl/``, ``/en/``) -> the start page; ``?lang=en`` -> the English one."""

    def get(self, language: str | None = None):
        base_url = self.settings["psoas_base_url"]
        query = [(k, v) for k, v in parse_qsl(self.request.query, keep_blank_values=True) if k != "lang"]
        language = language or ("en" if self.get_argument("lang", "nl") == "en" else "nl")
        self.set_header("Cache-Control", "no-store")
        self.redirect(start_page(base_url, language) + (f"?{urlencode(query)}" if query else ""))

    head = get


class LessonHandler(tornado.web.RequestHandler):
    """``/les`` -> the lesson's first page, with the same query string (the page applies it)."""

    def get(self):
        base_url, page = self.settings["psoas_base_url"], self.settings["psoas_page"]
        query = [(k, v) for k, v in parse_qsl(self.request.query, keep_blank_values=True) if k != "lang"]
        language = "en" if self.get_argument("lang", "nl") == "en" else "nl"
        self.set_header("Cache-Control", "no-store")
        self.redirect(f"{base_url}{language}/{page}.html" + (f"?{urlencode(query)}" if query else ""))

    head = get


@dataclass
class Stats:
    """What the teacher page shows: pages opened and the devices that opened them."""

    started: float = field(default_factory=time.monotonic)
    pages: int = 0
    devices: set[str] = field(default_factory=set)

    def page_served(self, client: str) -> None:
        self.pages += 1
        self.devices.add(client)

    def as_dict(self) -> dict:
        status = {"pages": self.pages, "devices": len(self.devices), "kernels": 0,
                  "uptime_s": round(time.monotonic() - self.started)}  # fmt: skip
        try:
            import psutil

            status["memory_mb"] = round(psutil.Process().memory_info().rss / 2**20)
            status["memory_available_mb"] = round(psutil.virtual_memory().available / 2**20)
        except Exception:
            pass
        return status


def chapter_titles() -> list[tuple[str, str]]:
    """(stem, Dutch title) of the chapters; the stems alone if the content cannot be read."""
    try:
        from ..content import chapters

        return [(page_stem(c["notebook"]), c["title"]) for c in chapters()]
    except Exception:
        return [(stem, stem) for stem in CHAPTER_STEMS[1:9]]


TEACHER_HEAD = JUPYTER_DATA_DIR / "voila" / "templates" / "psoas" / "leraar-head.html"  # shared with the live mode's page
TEACHER_PAGE = """$head<body>
<main>
  <section class="panel">
    <h1 style="font-weight: normal; margin-top: 0;">Open op je telefoon of laptop</h1>
    <p class="muted">Zelfde wifi als deze computer. Scan de code of typ het adres.</p>
    <p class="address" id="student-address">$url</p>
    $more_urls
    <div class="qr" role="img" aria-label="QR-code met het adres $url">$qr</div>
  </section>
  <section class="panel">
    <h2 style="font-weight: normal;">Nu</h2>
    <table id="status">
      <tr><td>Pagina's geopend</td><td><b id="pages">$pages</b></td></tr>
      <tr><td>Apparaten</td><td><b id="devices">$devices</b></td></tr>
      <tr><td>Geheugen van de app</td><td><b id="memory">$memory</b> MB (nog vrij: <span id="free">$free</span> MB)</td></tr>
    </table>
    <p class="muted">De pagina's werken in de browser van de leerlingen: geen kernel per leerling, dus geen
      maximum aantal leerlingen en niets om klaar te zetten.</p>
    <h2 style="font-weight: normal;">Een startpunt delen</h2>
    <form method="get" action="">
      <label>Verkorting van de psoas (0–10 %):
        <input name="verkorting" value="$verkorting" size="4" inputmode="decimal"></label>
      <label><input type="checkbox" name="lang" value="en"$english> in het Engels</label>
      <button type="submit">Maak code</button>
    </form>
    <p class="muted">De code en het adres hierboven openen de les dan met die verkorting; zonder waarde begint iedereen bij 0 %.</p>
    <h2 style="font-weight: normal;">Hoofdstukken</h2>
    <table>
      $chapters
    </table>
    <p class="muted">Stoppen: Ctrl+C in het terminalvenster waarin de les gestart is.</p>
  </section>
</main>
<script>
  // Refresh the numbers every 5 s (this page only; the students' pages are not touched).
  setInterval(function () {
    fetch("$status_url", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (s) {
      document.getElementById("pages").textContent = s.pages;
      document.getElementById("devices").textContent = s.devices;
      if (s.memory_mb !== undefined) { document.getElementById("memory").textContent = s.memory_mb; }
      if (s.memory_available_mb !== undefined) { document.getElementById("free").textContent = s.memory_available_mb; }
    }).catch(function () {});
  }, 5000);
</script>
</body>
</html>
"""


class TeacherHandler(MessagePages, tornado.web.RequestHandler):
    """The teacher page: the students' address and QR code to project, and what the server did."""

    def prepare(self):
        self.set_header("Cache-Control", "no-store")
        if not is_loopback(client_address(self.request)):
            self.refuse(403, "teacher_only")

    def get(self):
        from string import Template

        s = self.settings
        query = {}
        if self.get_argument("verkorting", ""):
            query["verkorting"] = self.get_argument("verkorting")
        if self.get_argument("lang", "") == "en":
            query["lang"] = "en"
        urls = [student_url(host, s["psoas_port"], urlencode(query), s["psoas_base_url"])
                for host in student_hosts(s["psoas_ip"])]  # fmt: skip
        status = s["psoas_stats"].as_dict()
        base_url, first = s["psoas_base_url"], s["psoas_page"]
        rows = []
        for stem, title in chapter_titles():
            note = " (start van de les)" if stem == first else ""
            rows.append(f'<tr><td><a href="{escape(base_url)}nl/{escape(stem)}.html">{escape(title)}</a>{note}</td>'
                        f'<td><a href="{escape(base_url)}en/{escape(stem)}.html" lang="en">English</a></td></tr>')  # fmt: skip
        page = Template(TEACHER_PAGE).substitute(
            head=TEACHER_HEAD.read_text(encoding="utf-8"),
            url=escape(urls[0]),
            more_urls="".join(f'<p class="muted">of: {escape(u)}</p>' for u in urls[1:]),
            qr=qr_svg(urls[0]),
            pages=status["pages"],
            devices=status["devices"],
            memory=status.get("memory_mb", "?"),
            free=status.get("memory_available_mb", "?"),
            verkorting=escape(query.get("verkorting", "")),
            english=" checked" if "lang" in query else "",
            chapters="\n      ".join(rows),
            status_url=escape(base_url + "leraar/status.json"),
        )
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(page)


class TeacherStatusHandler(TeacherHandler):
    def get(self):
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(self.settings["psoas_stats"].as_dict()))


def make_app(options: StaticOptions) -> FastSite:
    """What serves ``options.site_dir``: the Tornado application behind ``FastSite`` (no socket: see ``listen``)."""
    base = re.escape(options.base_url)
    files = SiteFiles(options.site_dir, options.cache_mb * 2**20)
    settings = {
        # gzip for text (the teacher page; site files come gzipped once from SiteFiles); PNG and WOFF2 are compressed
        "compress_response": True,
        "default_handler_class": NotFoundHandler,
        "psoas_base_url": options.base_url,
        "psoas_page": options.page,
        "psoas_port": options.port,
        "psoas_ip": options.ip,
        "psoas_stats": Stats(),
    }
    if not options.log_requests:
        settings["log_function"] = lambda handler: None
    app = tornado.web.Application(
        [
            (rf"{base}", StartHandler),
            (rf"{base}(nl|en)/?", StartHandler),
            (rf"{base}les", LessonHandler),
            (rf"{base}leraar", TeacherHandler),
            (rf"{base}leraar/status\.json", TeacherStatusHandler),
            (rf"{base}(.*)", SiteFileHandler, {"files": files}),
        ],
        **settings,
    )
    return FastSite(app, files, options.base_url)


class FastSite(httputil.HTTPServerConnectionDelegate):
    """The application, with a short way for the site's files: a GET or HEAD of a file that exists
    is answered from ``SiteFiles`` without Tornado's routing and RequestHandler (half the server's
    CPU per request, measured: a class of 300 makes ~40,000 requests, most of them frames).
    Everything else (redirects, the teacher page, a 404) goes to the application unchanged.
    """

    def __init__(self, app: tornado.web.Application, files: SiteFiles, base_url: str):
        self.app, self.files, self.base_url = app, files, base_url
        self.routes = {base_url + r for r in ("", "les", "leraar", "leraar/status.json", "nl", "nl/", "en", "en/")}
        self.stats: Stats = app.settings["psoas_stats"]

    def start_request(self, server_conn, request_conn) -> httputil.HTTPMessageDelegate:
        return _SiteRequest(self, server_conn, request_conn)

    def on_close(self, server_conn) -> None:
        self.app.on_close(server_conn)

    def answer(self, start_line: httputil.RequestStartLine, headers: httputil.HTTPHeaders, connection) -> tuple | None:
        """The response to a request for a site file; None for anything the application should answer."""
        if start_line.method not in ("GET", "HEAD"):
            return None
        path = unquote(start_line.path.split("?", 1)[0])
        if not path.startswith(self.base_url) or path in self.routes:
            return None
        try:
            entry = self.files.get(path[len(self.base_url) :])
        except (tornado.web.HTTPError, OSError, ValueError):
            return None  # the application's 404 page
        if path.endswith(".html"):
            remote_ip = getattr(connection.context, "remote_ip", None)
            self.stats.page_served(client_address(SimpleNamespace(remote_ip=remote_ip, headers=headers)))
        status, out, body = entry.response(headers)
        out["Date"] = _http_date()
        out["Server"] = "psoas"
        start = httputil.ResponseStartLine("HTTP/1.1", status, "OK" if status == 200 else "Not Modified")
        return start, httputil.HTTPHeaders(out), body if status == 200 and start_line.method == "GET" else None


class _SiteRequest(httputil.HTTPMessageDelegate):
    """A site file is answered once the request has been read (answering earlier closes the connection)."""

    def __init__(self, site: FastSite, server_conn, request_conn):
        self.site, self.server_conn, self.connection = site, server_conn, request_conn
        self.fallback: httputil.HTTPMessageDelegate | None = None
        self.prepared: tuple | None = None

    def headers_received(self, start_line, headers):
        self.prepared = self.site.answer(start_line, headers, self.connection)
        if self.prepared is not None:
            return None
        self.fallback = self.site.app.start_request(self.server_conn, self.connection)
        return self.fallback.headers_received(start_line, headers)

    def data_received(self, chunk):
        if self.fallback is not None:
            return self.fallback.data_received(chunk)
        return None

    def finish(self) -> None:
        if self.fallback is not None:
            self.fallback.finish()
            return
        start, headers, body = self.prepared
        try:
            self.connection.write_headers(start, headers, body)
            self.connection.finish()
        except (StreamClosedError, OSError):  # the student left meanwhile
            pass

    def on_connection_close(self) -> None:
        if self.fallback is not None:
            self.fallback.on_connection_close()


_DATE: list = [0, ""]


def _http_date() -> str:
    now = int(time.time())
    if _DATE[0] != now:
        _DATE[:] = [now, httputil.format_timestamp(now)]
    return _DATE[1]


def site_problem(site_dir: Path, page: str = FIRST_STEM) -> str | None:
    """A Dutch sentence if ``site_dir`` is not a static build this server can serve, else None."""
    if not (site_dir / "nl" / f"{START_STEM}.html").is_file():
        return f"Geen statische site in {site_dir}: bouw hem eerst met `make static` (of start met --live)."
    if not (site_dir / "nl" / f"{page}.html").is_file():
        return f"De pagina {page} staat niet in {site_dir / 'nl'} (kies een andere met --page)."
    return None


def listen(app: FastSite, options: StaticOptions) -> HTTPServer:
    sockets = bind_sockets(options.port, address=options.ip or None, backlog=LISTEN_BACKLOG)
    server = HTTPServer(app, xheaders=False)
    server.add_sockets(sockets)
    return server


def announce(options: StaticOptions, ready_s: float) -> None:
    """The students' address and QR code in the terminal, and the teacher page's address."""
    title = "Klaslokaalmodus (statische site): de psoas-app draait."
    print(terminal_announcement(title, options.ip, options.port, options.base_url), flush=True)
    print(f"Klaar na {ready_s:.1f} s: de site staat klaar ({options.site_dir}); geen kernels nodig. "
          "De leerlingen kunnen beginnen.", flush=True)  # fmt: skip


async def serve(options: StaticOptions, started: float | None = None) -> None:
    started = time.monotonic() if started is None else started
    server = listen(make_app(options), options)
    announce(options, time.monotonic() - started)
    if options.open_browser:
        webbrowser.open(f"http://localhost:{options.port}{options.base_url}leraar")
    try:
        await asyncio.Event().wait()  # until Ctrl+C or SIGTERM
    finally:
        server.stop()


def _since_process_start() -> float:
    """``time.monotonic()`` at this process's start (the import of the live mode's Voilà costs ~2 s)."""
    try:
        import psutil

        return time.monotonic() - max(0.0, time.time() - psutil.Process().create_time())
    except Exception:
        return time.monotonic()


def main(argv: list[str] | None = None) -> int:
    started = _since_process_start()
    options = parse_static(argv)
    logging.basicConfig(level=logging.INFO if options.log_requests else logging.WARNING,
                        format="[%(levelname)1.1s %(asctime)s %(name)s] %(message)s")  # fmt: skip
    problem = site_problem(options.site_dir, options.page)
    if problem:
        print(problem, file=sys.stderr, flush=True)
        return 2
    try:
        asyncio.run(serve(options, started))
    except KeyboardInterrupt:
        print("\nGestopt.", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
