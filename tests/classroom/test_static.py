"""The static classroom's file server (psoas.classroom.static) against a small site made here.

In-process: the Tornado application on a free loopback port, no subprocess and no waiting.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import gzip
import hashlib
import json
from pathlib import Path

import pytest
from tornado.httpclient import AsyncHTTPClient, HTTPRequest, HTTPResponse
from tornado.httpserver import HTTPServer
from tornado.testing import bind_unused_port

from psoas.classroom import static as static_server
from psoas.classroom.options import StaticOptions, arguments, command
from psoas.classroom.options import parse_static as parse_options
from psoas.classroom.static import IMMUTABLE, REVALIDATE, make_app, site_problem

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
JS = "export function start() { return 1; }\n" * 80  # > 1 KB: gzipped
CSS = "body { font-family: sans-serif; }\n" * 60
SCENE_FRAMES = 4



def in_own_loop(coroutine):
    """``asyncio.run`` in a thread of its own: Playwright's sync API (the browser tests, earlier
    in the same session) leaves an event loop running in the main thread."""
    with concurrent.futures.ThreadPoolExecutor(1) as worker:
        return worker.submit(asyncio.run, coroutine).result()

def make_site(root: Path, chapters: tuple[str, ...] = static_server.CHAPTER_STEMS) -> Path:
    """A site with the layout contract's shape: pages in nl/ and en/, hashed assets, frames, scene data."""
    for folder in ("nl", "en", "assets", "frames", "data"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "assets" / "psoas-static.0123456789ab.js").write_text(JS)
    (root / "assets" / "psoas-static.ba9876543210.css").write_text(CSS)
    (root / "assets" / "font.woff2").write_bytes(b"wOF2" + bytes(100))
    (root / "assets" / "icon.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    (root / "index.html").write_text('<!DOCTYPE html><meta http-equiv="refresh" content="0; url=nl/00-start.html">')
    for language in ("nl", "en"):
        for chapter in chapters:
            frames = []
            for i in range(SCENE_FRAMES):
                name = hashlib.sha256(f"{language}/{chapter}/{i}".encode()).hexdigest()[:16] + ".png"
                (root / "frames" / name).write_bytes(PNG + name.encode())
                frames.append(f"../frames/{name}")
            data = hashlib.sha256(f"{language}/{chapter}".encode()).hexdigest()[:16] + ".json"
            (root / "data" / data).write_text(json.dumps({"frames": frames}))
            (root / language / f"{chapter}.html").write_text(
                f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>{chapter}</title>'
                '<link rel="stylesheet" href="../assets/psoas-static.ba9876543210.css">'
                '<script type="module" src="../assets/psoas-static.0123456789ab.js"></script></head><body>'
                + "<p>De psoas en je houding.</p>" * 60
                + f'<div data-psoas-scene="../data/{data}"><img alt="figuur" src="{frames[0]}"></div></body></html>'
            )
    return root


@pytest.fixture
def site(tmp_path):
    (tmp_path / "geheim.txt").write_text("niet voor leerlingen")  # next to the site, never served
    return make_site(tmp_path / "site")


def fetch(site: Path, *requests: str | HTTPRequest, **options) -> list[HTTPResponse]:
    """Serve ``site`` in-process on a free loopback port and make ``requests`` (paths or HTTPRequests)."""

    async def go():
        sock, port = bind_unused_port()
        app = make_app(StaticOptions(ip="127.0.0.1", port=port, site_dir=site, open_browser=False, **options))
        server = HTTPServer(app)
        server.add_sockets([sock])
        client = AsyncHTTPClient(force_instance=True)
        try:
            answers = []
            for request in requests:
                if isinstance(request, str):
                    request = HTTPRequest(f"http://127.0.0.1:{port}{request}")
                else:
                    request.url = f"http://127.0.0.1:{port}{request.url}"
                request.follow_redirects = False
                answers.append(await client.fetch(request, raise_error=False))
            return answers
        finally:
            client.close()
            server.stop()

    return in_own_loop(go())


def raw_get(site: Path, path: str) -> bytes:
    """A GET with ``path`` exactly as written (no client normalises the dots away)."""

    async def go():
        sock, port = bind_unused_port()
        server = HTTPServer(make_app(StaticOptions(ip="127.0.0.1", port=port, site_dir=site, open_browser=False)))
        server.add_sockets([sock])
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".encode())
            answer = await asyncio.wait_for(reader.read(), 10)
            writer.close()
            return answer
        finally:
            server.stop()

    return in_own_loop(go())


def header(response: HTTPResponse, name: str) -> str:
    return response.headers.get(name, "")


# --- content types, caching, gzip ---------------------------------------------------------------


def test_content_types_are_the_servers_not_the_machines_guess(site):
    frame = next((site / "frames").iterdir()).name
    data = next((site / "data").iterdir()).name
    paths = {
        "/nl/01-houding.html": "text/html; charset=utf-8",
        "/assets/psoas-static.0123456789ab.js": "text/javascript; charset=utf-8",  # a module script needs a JS type
        "/assets/psoas-static.ba9876543210.css": "text/css; charset=utf-8",
        f"/data/{data}": "application/json",
        f"/frames/{frame}": "image/png",
        "/assets/font.woff2": "font/woff2",
        "/assets/icon.svg": "image/svg+xml",
    }
    for (path, expected), response in zip(paths.items(), fetch(site, *paths)):
        assert response.code == 200, path
        assert header(response, "Content-Type") == expected, path


def test_frames_data_and_hashed_assets_are_immutable_html_is_revalidated(site):
    frame = next((site / "frames").iterdir()).name
    data = next((site / "data").iterdir()).name
    immutable = [f"/frames/{frame}", f"/data/{data}", "/assets/psoas-static.0123456789ab.js",
                 "/assets/psoas-static.ba9876543210.css"]  # fmt: skip
    revalidated = ["/nl/01-houding.html", "/en/08-samenvatting.html", "/index.html", "/assets/font.woff2"]
    for path, response in zip(immutable + revalidated, fetch(site, *immutable, *revalidated)):
        assert response.code == 200, path
        assert header(response, "Cache-Control") == (IMMUTABLE if path in immutable else REVALIDATE), path
        assert "max-age=31536000" in IMMUTABLE and "immutable" in IMMUTABLE and REVALIDATE == "no-cache"
        assert header(response, "Etag") and header(response, "Last-Modified"), path


def test_an_unchanged_page_is_a_304_and_a_rebuilt_one_is_served_anew(site):
    (first,) = fetch(site, "/nl/01-houding.html")
    etag = header(first, "Etag")
    (again,) = fetch(site, HTTPRequest("/nl/01-houding.html", headers={"If-None-Match": etag}))
    assert again.code == 304 and not again.body
    page = site / "nl" / "01-houding.html"
    page.write_text(page.read_text().replace("houding", "HOUDING"))
    (rebuilt,) = fetch(site, HTTPRequest("/nl/01-houding.html", headers={"If-None-Match": etag}))
    assert rebuilt.code == 200 and b"HOUDING" in rebuilt.body and header(rebuilt, "Etag") != etag


def test_text_is_gzipped_pictures_are_not(site):
    frame = next((site / "frames").iterdir()).name
    gz = {"Accept-Encoding": "gzip"}
    js, html, png = fetch(
        site,
        HTTPRequest("/assets/psoas-static.0123456789ab.js", headers=gz, decompress_response=False),
        HTTPRequest("/nl/01-houding.html", headers=gz, decompress_response=False),
        HTTPRequest(f"/frames/{frame}", headers=gz, decompress_response=False),
    )
    assert header(js, "Content-Encoding") == "gzip" and gzip.decompress(js.body).decode() == JS
    assert header(html, "Content-Encoding") == "gzip" and len(html.body) < (site / "nl/01-houding.html").stat().st_size
    assert header(png, "Content-Encoding") == "" and png.body == (site / "frames" / frame).read_bytes()
    (plain,) = fetch(site, HTTPRequest("/assets/psoas-static.0123456789ab.js", decompress_response=False))
    assert header(plain, "Content-Encoding") == "" and plain.body.decode() == JS  # a client without gzip


def test_head_gives_the_headers_only(site):
    (response,) = fetch(site, HTTPRequest("/nl/01-houding.html", method="HEAD", decompress_response=False))
    assert response.code == 200 and not response.body
    assert int(header(response, "Content-Length")) == (site / "nl/01-houding.html").stat().st_size


# --- redirects and the 404 page ---------------------------------------------------------------------


def test_the_root_leads_to_the_dutch_start_page_and_lang_en_to_the_english_one(site):
    nl, en, en_query, folder, lesson, lesson_en = fetch(
        site, "/", "/?lang=en", "/?lang=en&projector=1", "/en/", "/les?verkorting=3", "/les?lang=en"
    )
    assert nl.code == 302 and header(nl, "Location") == "/nl/00-start.html"
    assert header(en, "Location") == "/en/00-start.html"
    assert header(en_query, "Location") == "/en/00-start.html?projector=1"
    assert header(folder, "Location") == "/en/00-start.html"
    assert header(lesson, "Location") == "/nl/01-houding.html?verkorting=3"  # the page applies the preset itself
    assert header(lesson_en, "Location") == "/en/01-houding.html"


def test_the_lesson_page_and_a_base_url_behind_a_proxy(site):
    lesson, start, page, outside = fetch(
        site, "/psoas/les", "/psoas/", "/psoas/nl/07-zittend-werk.html", "/nl/07-zittend-werk.html",
        page="07-zittend-werk.ipynb", base_url="/psoas",
    )  # fmt: skip
    assert header(lesson, "Location") == "/psoas/nl/07-zittend-werk.html"
    assert header(start, "Location") == "/psoas/nl/00-start.html"
    assert page.code == 200 and outside.code == 404


def test_a_missing_page_gives_a_small_dutch_page_and_english_under_en(site):
    nl, en, other = fetch(site, "/nl/99-bestaat-niet.html", "/en/99-missing.html", "/bestaat/niet")
    assert nl.code == en.code == other.code == 404
    assert header(nl, "Content-Type") == "text/html; charset=utf-8" and header(nl, "Cache-Control") == "no-store"
    assert '<html lang="nl">' in nl.body.decode() and "Deze pagina bestaat niet" in nl.body.decode()
    assert 'href="/nl/00-start.html"' in nl.body.decode()
    assert '<html lang="en">' in en.body.decode() and "This page does not exist" in en.body.decode()
    assert 'href="/en/00-start.html"' in en.body.decode()
    assert "Deze pagina bestaat niet" in other.body.decode()
    assert len(nl.body) < 2000


# --- nothing outside the site ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/../geheim.txt", "/nl/../../geheim.txt", "/%2e%2e/geheim.txt", "/nl/%2e%2e/%2e%2e/geheim.txt",
             "/..%2fgeheim.txt", "/%2e%2e%2fgeheim.txt", "/assets/../../geheim.txt", "//etc/passwd"],
)  # fmt: skip
def test_path_traversal_is_refused(site, path):
    answer = raw_get(site, path)
    status = answer.split(b"\r\n", 1)[0]
    assert b" 404 " in status, (path, status)
    assert b"niet voor leerlingen" not in answer and b"root:" not in answer


def test_hidden_files_folders_and_symlinks_out_of_the_site_are_not_served(site):
    (site / ".git").mkdir()
    (site / ".git" / "config").write_text("[core]")
    (site / "nl" / ".hidden.html").write_text("<p>verborgen</p>")
    (site / "assets" / "uit.txt").symlink_to(site.parent / "geheim.txt")
    answers = fetch(site, "/.git/config", "/nl/.hidden.html", "/assets/uit.txt", "/assets", "/frames/")
    assert [a.code for a in answers] == [404] * 5
    assert all(b"niet voor leerlingen" not in a.body and b"verborgen" not in a.body for a in answers)


def test_only_get_and_head(site):
    (post,) = fetch(site, HTTPRequest("/nl/01-houding.html", method="POST", body=b"x"))
    assert post.code == 405


# --- the teacher page and the command line ----------------------------------------------------------


def test_the_teacher_page_shows_the_students_address_a_qr_code_and_what_was_served(site):
    page, lesson_qr, status = fetch(site, "/nl/01-houding.html", "/leraar?verkorting=4&lang=en", "/leraar/status.json")
    body = lesson_qr.body.decode()
    assert lesson_qr.code == 200 and "Open op je telefoon of laptop" in body
    assert "/les?verkorting=4&amp;lang=en" in body and "<svg" in body  # the QR code, drawn here
    assert 'href="/nl/03-looppatroon-en-balans.html"' in body and 'href="/en/03-looppatroon-en-balans.html"' in body
    numbers = json.loads(status.body)
    assert numbers["pages"] == 1 and numbers["devices"] == 1 and numbers["kernels"] == 0
    assert header(status, "Cache-Control") == "no-store"


def test_the_teacher_page_is_for_this_machine_only(site):
    forwarded = HTTPRequest("/leraar", headers={"X-Forwarded-For": "192.168.1.30"})  # a student behind a local proxy
    (answer,) = fetch(site, forwarded)
    assert answer.code == 403 and "alleen op de computer van de leraar" in answer.body.decode()


def test_the_command_line_round_trips_and_live_options_are_ignored_with_a_note():
    options = StaticOptions(port=9000, ip="127.0.0.1", site_dir=Path("/tmp/site"), page="07-zittend-werk.ipynb",
                            base_url="psoas", open_browser=False, log_requests=True, cache_mb=32)  # fmt: skip
    assert options.page == "07-zittend-werk" and options.base_url == "/psoas/"
    assert parse_options(arguments(options)) == options
    assert command(options)[1:3] == ["-m", "psoas.classroom"] and "--live" not in command(options)
    assert parse_options(["--class-size", "24", "--port", "9000"]) == StaticOptions(port=9000)  # noted, ignored
    with pytest.raises(SystemExit):
        parse_options(["--no-such-option"])


def test_a_missing_site_is_told_in_dutch(tmp_path, site):
    assert "make static" in site_problem(tmp_path / "leeg")
    assert site_problem(site) is None
    assert "--page" in site_problem(site, "99-bestaat-niet")
    assert static_server.main(["--site", str(tmp_path / "leeg"), "--no-browser", "--port", "0"]) == 2

