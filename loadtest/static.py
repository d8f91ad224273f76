"""The static classroom under load: ``python -m loadtest --static [--busy]``.

The static server (``python -m psoas.classroom``, i.e. ``psoas.classroom.static``) serves a built site
(``site/``, ``make static``) on a free 127.0.0.1 port; ``--students`` simulated students (300) arrive
at the same instant.  Each opens one page, rotating through chapters 01–08 in Dutch and English, and
fetches what a browser needs before the page is interactive at its starting position: the HTML, its
style sheets, its scripts (and the modules they import), its ``<img>`` sources and every scene's
JSON manifest (``data-psoas-scene``).  *Time to interactive* runs from the page request until the
last of those has arrived.  Then, counted apart, it fetches the frames the manifests list that it
does not have yet (every other control position), at the page's own pace: 200 ms after it is
interactive, eight new requests every 30 ms (``psoas/static_site/assets/psoas-static.js``).

Like a browser over HTTP/1.1, a student has at most six requests in flight; it asks for gzip and
the bytes counted are the bytes of the bodies as sent.  Every request has a timeout, the run has
one, only 127.0.0.1 is contacted; a reference to any other host counts as a failure.

``--busy`` repeats the run while two other processes (one per core) spin for its whole length, and
reports it as a column of its own.  The server's resident memory is sampled from
``/proc/<pid>/status`` (VmRSS) during the run, and its peak (VmHWM) read at the end.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gzip
import json
import math
import multiprocessing
import os
import re
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from psoas.serve import LOOPBACK
from psoas.classroom.options import SITE_DIR, StaticOptions, command
from psoas.classroom.static import CHAPTER_STEMS, LANGUAGES, site_problem

from .busy import busy_cores, cpu_seconds
from .run import percentile, summary
from .server import free_port

PAGES = tuple(f"{language}/{stem}.html" for stem in CHAPTER_STEMS[1:9] for language in LANGUAGES)  # 01-08, nl and en
CONNECTIONS_PER_STUDENT = 6  # a browser's limit per host over HTTP/1.1
MAX_MODULE_DEPTH = 8  # imports of imports of ... (bounded)
TARGET_P95_S = 2.0
TARGET_RSS_MB = 300.0
TARGET_PAGE_INTERACTIVE_MB = 1.5  # issue 15: per page, before it is interactive
TARGET_PAGE_ALL_MB = 4.0  # ... and with every frame


@dataclass
class StaticScenario:
    students: int = 300
    site_dir: Path = SITE_DIR
    fetch_frames: bool = True  # then the frames of every other control position
    busy: bool = False  # run again with every core busy
    connections: int = CONNECTIONS_PER_STUDENT
    clients: int = 4  # processes playing the students (one process would mostly measure itself)
    # The page's pace (psoas/static_site/assets/psoas-static.js): the neighbours of its position
    # 0.5 s after it is interactive (NEAR = 3 on each side), the others after 2 s, 6 every 100 ms.
    frames_at_once: int = 6
    frames_near_delay_s: float = 0.5
    frames_delay_s: float = 2.0
    frames_batch: int = 6
    frames_interval_s: float = 0.1
    request_timeout_s: float = 60.0
    run_timeout_s: float = 600.0
    ready_timeout_s: float = 60.0
    log_dir: Path | None = None


@dataclass
class StaticStudent:
    name: str
    page: str
    time_to_page: float | None = None
    time_to_interactive: float | None = None
    frames_s: float | None = None
    bytes_interactive: int = 0
    bytes_frames: int = 0
    requests_interactive: int = 0
    frames: int = 0  # frames fetched after interactive
    frames_listed: int = 0
    error: str | None = None  # what kept the page from being interactive
    frame_error: str | None = None  # a frame that did not arrive (counted apart)

    @property
    def interactive(self) -> bool:
        return self.time_to_interactive is not None and self.error is None

    @property
    def bytes_all(self) -> int:
        return self.bytes_interactive + self.bytes_frames


@dataclass
class StaticResult:
    mode: str
    students: list[StaticStudent] = field(default_factory=list)
    ready_after_s: float | None = None
    rss_idle_mb: float | None = None
    rss_peak_sampled_mb: float | None = None
    rss_hwm_mb: float | None = None  # VmHWM: the server's peak over its whole life
    busy_processes: int = 0
    busy_cpu_s: float | None = None  # CPU time the busy processes got during the run
    duration_s: float | None = None
    server_cpu_s: float | None = None  # CPU time the server used while the class arrived (robust to others' load)
    client_cpu_s: float | None = None  # ... and the processes playing the students
    load_before: float | None = None  # the machine's 1-minute load average as the run started (others' work too)
    log_path: Path | None = None

    @property
    def interactive(self) -> list[StaticStudent]:
        return [s for s in self.students if s.interactive]

    @property
    def failures(self) -> list[StaticStudent]:
        return [s for s in self.students if not s.interactive]

    @property
    def frame_failures(self) -> list[StaticStudent]:
        return [s for s in self.students if s.frame_error]

    @property
    def rss_peak_mb(self) -> float | None:
        values = [v for v in (self.rss_hwm_mb, self.rss_peak_sampled_mb) if v is not None]
        return max(values) if values else None


# --- what a browser fetches -----------------------------------------------------------------------


_SKIP = re.compile(r"<!--.*?-->|(<script\b[^>]*>).*?</script\s*>", re.S | re.I)  # comments, inline code
_TAG = re.compile(r"""<([a-zA-Z][\w-]*)(\s(?:[^>"']|"[^"]*"|'[^']*')*)?>""")
_ATTR = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


@dataclass
class PageAssets:
    """The URLs a page needs before it is interactive: style sheets, scripts, images, scene data.

    Read with regular expressions, not ``html.parser``: one Python process plays 300 browsers,
    and ``HTMLParser`` took ~13 ms of its CPU per page (a browser parses on its own device).
    """

    styles: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    scenes: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, html: str) -> PageAssets:
        found = cls()
        html = _SKIP.sub(lambda m: m.group(1) or "", html)
        for match in _TAG.finditer(html):
            tag, rest = match.group(1).lower(), match.group(2)
            if not rest or (tag not in ("link", "script", "img") and "data-psoas-scene" not in rest):
                continue
            a = {m.group(1).lower(): unescape(m.group(2) or m.group(3) or m.group(4) or "") for m in _ATTR.finditer(rest)}
            rel = a.get("rel", "").lower().split()
            if tag == "link" and a.get("href") and ("stylesheet" in rel or "modulepreload" in rel):
                (found.styles if "stylesheet" in rel else found.scripts).append(a["href"])
            elif tag == "script" and a.get("src"):
                found.scripts.append(a["src"])
            elif tag == "img" and a.get("src"):
                found.images.append(a["src"])
            if a.get("data-psoas-scene"):
                found.scenes.append(a["data-psoas-scene"])
        return found


# static imports of an ES module: import x from "./a.js"; import "./b.js"; export {y} from "./c.js" (also minified)
_IMPORT = re.compile(r"""\b(?:import|export)\s*(?:[\w\s{},*$]{0,2000}?\bfrom\s*)?["']([^"'\n]+)["']""")


def module_imports(source: str) -> list[str]:
    """Relative or absolute specifiers a module imports statically (bare names need an import map: skipped)."""
    return [spec for spec in _IMPORT.findall(source) if spec.startswith(("./", "../", "/"))]


def scene_frames(manifest: dict) -> list[str]:
    frames = manifest.get("frames", [])
    if not isinstance(frames, list) or not all(isinstance(f, str) for f in frames):
        raise ValueError('"frames" is not a list of URLs')
    return frames


class Fetcher:
    """One student's browser: up to ``connections`` kept-alive HTTP/1.1 connections, gzip, this server only.

    A small client of its own, not Tornado's: that one opens a connection per request and costs
    the single load-generating process ~2 ms of CPU a request, which on two cores shared with the
    server measured the client more than the server (300 students: 3.9 s client CPU, 1.2 s server).
    """

    def __init__(self, origin: str, connections: int, timeout_s: float):
        parts = urlsplit(origin)
        self.origin, self.host, self.port, self.timeout_s = origin, parts.hostname, parts.port or 80, timeout_s
        self.slots = asyncio.Semaphore(connections)
        self.idle: list[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = []
        self.opened: list[asyncio.StreamWriter] = []
        self.bytes = 0
        self.requests = 0

    async def get(self, url: str) -> tuple[bytes, str]:
        """The (decompressed) body and content type; raises on anything but 200."""
        if not url.startswith(self.origin):
            raise RuntimeError(f"not on this server: {url}")
        path = url[len(self.origin) - 1 :]
        async with self.slots:
            async with asyncio.timeout(self.timeout_s):
                if self.idle:
                    reader, writer = self.idle.pop()
                else:
                    reader, writer = await asyncio.open_connection(self.host, self.port)
                    self.opened.append(writer)
                status, headers, body = await http_get(reader, writer, self.host, self.port, path)
            if headers.get("connection", "").lower() == "close":
                writer.close()
            else:
                self.idle.append((reader, writer))
        self.requests += 1
        self.bytes += len(body)
        if status != 200:
            raise RuntimeError(f"HTTP {status} for {path}")
        if headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        return body, headers.get("content-type", "")

    def close(self) -> None:
        for writer in self.opened:
            writer.close()
        self.opened, self.idle = [], []


async def http_get(reader, writer, host: str, port: int, path: str) -> tuple[int, dict[str, str], bytes]:
    """One GET on an open connection: status, headers (lower-case names) and the body as sent."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept-Encoding: gzip\r\n\r\n".encode("latin-1"))
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
    status = int(head[0].split(" ", 2)[1])
    headers = {}
    for line in head[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if status in (204, 304) or 100 <= status < 200:
        return status, headers, b""
    if "content-length" in headers:
        return status, headers, await reader.readexactly(int(headers["content-length"]))
    if headers.get("transfer-encoding", "").lower() == "chunked":
        parts = []
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            parts.append(await reader.readexactly(size))
            await reader.readexactly(2)
        while await reader.readuntil(b"\r\n") != b"\r\n":  # trailers
            pass
        return status, headers, b"".join(parts)
    headers["connection"] = "close"
    return status, headers, await reader.read()


async def open_page(student: StaticStudent, fetcher: Fetcher, base: str) -> set[str]:
    """Everything ``student.page`` needs to be interactive; returns the frame URLs its scenes list."""
    started = time.monotonic()
    page_url = base + student.page
    html, ctype = await fetcher.get(page_url)
    student.time_to_page = time.monotonic() - started
    if not ctype.startswith("text/html"):
        raise RuntimeError(f"the page came as {ctype!r}")
    assets = PageAssets.of(html.decode("utf-8", errors="replace"))
    if not assets.scripts:
        raise RuntimeError("the page has no script")
    seen: set[str] = {page_url}

    def absolute(ref: str, against: str) -> str | None:
        if ref.startswith(("data:", "blob:")):
            return None
        url = urldefrag(urljoin(against, ref))[0]
        if url in seen:
            return None
        seen.add(url)
        return url

    async def module(url: str, depth: int) -> None:
        body, ctype = await fetcher.get(url)
        if "javascript" not in ctype:
            raise RuntimeError(f"a script came as {ctype!r}: {url}")  # a browser refuses a module that is not JS
        if depth < MAX_MODULE_DEPTH:
            wanted = [absolute(spec, url) for spec in module_imports(body.decode("utf-8", errors="replace"))]
            await asyncio.gather(*(module(u, depth + 1) for u in wanted if u))

    async def asset(url: str) -> None:
        await fetcher.get(url)

    frames: set[str] = set()

    async def scene(url: str) -> None:
        body, _ = await fetcher.get(url)
        for ref in scene_frames(json.loads(body)):
            frames.add(urldefrag(urljoin(page_url, ref))[0])

    jobs = [module(u, 0) for u in map(lambda r: absolute(r, page_url), assets.scripts) if u]
    jobs += [asset(u) for u in map(lambda r: absolute(r, page_url), assets.styles + assets.images) if u]
    jobs += [scene(u) for u in map(lambda r: absolute(r, page_url), assets.scenes) if u]
    await asyncio.gather(*jobs)
    return frames - seen


def paced(urls: list[str], fetcher: Fetcher, scenario: StaticScenario) -> list:
    """The page's pace for the other frames: ``frames_at_once`` after ``frames_near_delay_s`` (the
    page's neighbours of its position), then after a pause ``frames_batch`` new requests every ``frames_interval_s``
    (psoas/static_site/assets/psoas-static.js), through the six connections."""

    async def one(url: str, start_s: float):
        await asyncio.sleep(start_s)
        return await fetcher.get(url)

    batch, first = max(1, scenario.frames_batch), scenario.frames_at_once
    return [
        one(u, scenario.frames_near_delay_s if i < first else scenario.frames_delay_s + ((i - first) // batch) * scenario.frames_interval_s)
        for i, u in enumerate(urls)
    ]


async def one_student(student: StaticStudent, base: str, scenario: StaticScenario) -> None:
    fetcher = Fetcher(base, scenario.connections, scenario.request_timeout_s)
    try:
        await _one_student(student, fetcher, base, scenario)
    finally:
        fetcher.close()


async def _one_student(student: StaticStudent, fetcher: Fetcher, base: str, scenario: StaticScenario) -> None:
    started = time.monotonic()
    try:
        frames = await open_page(student, fetcher, base)
    except Exception as error:  # noqa: BLE001 - a student reports what went wrong, the run goes on
        student.error = f"{type(error).__name__}: {error}"
        return
    finally:
        student.bytes_interactive, student.requests_interactive = fetcher.bytes, fetcher.requests
    student.time_to_interactive = time.monotonic() - started
    student.frames_listed = len(frames)
    if not scenario.fetch_frames or not frames:
        return
    began, before = time.monotonic(), fetcher.bytes
    results = await asyncio.gather(*paced(sorted(frames), fetcher, scenario), return_exceptions=True)
    errors = [r for r in results if isinstance(r, BaseException)]
    student.frames = len(results) - len(errors)
    student.bytes_frames = fetcher.bytes - before
    if errors:
        student.frame_error = f"{len(errors)} of {len(results)} frames failed: {type(errors[0]).__name__}: {errors[0]}"
    else:
        student.frames_s = time.monotonic() - began


# --- the server and the busy cores ----------------------------------------------------------------


def proc_status_mb(pid: int, key: str) -> float | None:
    """``VmRSS`` or ``VmHWM`` of ``pid`` in MB (Linux), None elsewhere."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


class StaticServer:
    """The static classroom (``make classroom``'s command) on a free loopback port."""

    def __init__(self, site_dir: Path, log_path: Path):
        self.options = StaticOptions(ip=LOOPBACK, port=free_port(), site_dir=site_dir, open_browser=False)
        self.base = f"http://{LOOPBACK}:{self.options.port}/"
        self.log_path = log_path
        self.process: subprocess.Popen | None = None
        self.started = 0.0

    def __enter__(self) -> StaticServer:
        self.started = time.monotonic()
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(command(self.options), stdout=log, stderr=subprocess.STDOUT)
        return self

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    async def wait_ready(self, timeout_s: float) -> float:
        """Seconds from start until the server answers ``/`` (with its redirect to the start page)."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the static server exited ({self.process.returncode}):\n"
                                   f"{self.log_path.read_text(errors='replace')[-2000:]}")  # fmt: skip
            try:
                reader, writer = await asyncio.open_connection(LOOPBACK, self.options.port)
            except OSError:  # not listening yet
                await asyncio.sleep(0.05)  # between connection attempts
                continue
            try:
                async with asyncio.timeout(10):
                    status, _, _ = await http_get(reader, writer, LOOPBACK, self.options.port, "/")
            finally:
                writer.close()
            if status not in (301, 302):
                raise RuntimeError(f"the static server answered / with {status}")
            return time.monotonic() - self.started
        raise TimeoutError(f"the static server did not answer within {timeout_s:.0f} s")

    def rss_mb(self) -> float | None:
        return proc_status_mb(self.process.pid, "VmRSS")

    def hwm_mb(self) -> float | None:
        return proc_status_mb(self.process.pid, "VmHWM")


# --- a run -------------------------------------------------------------------------------------------


async def run_static_mode(scenario: StaticScenario, busy: bool) -> StaticResult:
    problem = site_problem(scenario.site_dir)
    if problem:
        raise FileNotFoundError(problem)
    log_dir = scenario.log_dir or Path(tempfile.mkdtemp(prefix="psoas-loadtest-"))
    cores = os.cpu_count() or 1
    result = StaticResult(f"busy ({cores} spinning)" if busy else "quiet",
                          log_path=log_dir / f"static-{'busy' if busy else 'quiet'}.log")  # fmt: skip
    n = scenario.students
    with contextlib.suppress(OSError):
        result.load_before = os.getloadavg()[0]
    with contextlib.ExitStack() as stack:
        spinning = stack.enter_context(busy_cores(cores)) if busy else []
        result.busy_processes = len(spinning)
        began = time.monotonic()
        cpu_before = cpu_seconds(spinning)
        server = stack.enter_context(StaticServer(scenario.site_dir, result.log_path))
        result.ready_after_s = await server.wait_ready(scenario.ready_timeout_s)
        result.rss_idle_mb = server.rss_mb()
        peak = [result.rss_idle_mb or 0.0]
        done = asyncio.Event()

        async def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], server.rss_mb() or 0.0)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(done.wait(), 0.05)

        server_cpu = cpu_seconds([server.process])
        sampler = asyncio.create_task(sample())
        students = [StaticStudent(f"leerling-{i + 1}", PAGES[i % len(PAGES)]) for i in range(n)]
        try:
            result.students, result.client_cpu_s = await arrive(students, server.base, scenario)
        finally:
            done.set()
            await sampler
            result.rss_peak_sampled_mb = peak[0]
            result.rss_hwm_mb = server.hwm_mb()
            result.server_cpu_s = cpu_seconds([server.process]) - server_cpu
            result.duration_s = time.monotonic() - began
            result.busy_cpu_s = cpu_seconds(spinning) - cpu_before if spinning else None
    return result


async def _students(students: list[StaticStudent], base: str, scenario: StaticScenario, start_at: float):
    await asyncio.sleep(max(0.0, start_at - time.time()))  # every client process starts at the same instant
    await asyncio.gather(*(one_student(s, base, scenario) for s in students))
    return students


def _client_process(students: list[StaticStudent], base: str, scenario: StaticScenario, start_at: float):
    began = time.process_time()
    students = asyncio.run(asyncio.wait_for(_students(students, base, scenario, start_at), scenario.run_timeout_s))
    return students, time.process_time() - began


async def arrive(students: list[StaticStudent], base: str, scenario: StaticScenario) -> tuple[list[StaticStudent], float]:
    """The class arrives at once, in ``scenario.clients`` processes (students i, i + k, ... in process i).

    Real students are devices of their own; one Python process playing all of them queues each
    student behind the others' responses in its one event loop, and measures itself more than the
    server.  Forked processes start together at an agreed instant and hand their students back,
    with the CPU time they used.
    """
    k = max(1, min(scenario.clients, len(students)))
    if k == 1:
        began = time.process_time()
        return await _students(students, base, scenario, time.time()), time.process_time() - began
    groups = [students[i::k] for i in range(k)]
    start_at = time.time() + 0.5  # after every fork
    context = multiprocessing.get_context("fork")
    loop = asyncio.get_running_loop()
    with concurrent.futures.ProcessPoolExecutor(k, mp_context=context) as pool:
        done = await asyncio.gather(*(loop.run_in_executor(pool, _client_process, g, base, scenario, start_at)
                                      for g in groups))  # fmt: skip
    back = {s.name: s for group, _ in done for s in group}
    return [back[s.name] for s in students], sum(cpu for _, cpu in done)


async def run_static(scenario: StaticScenario) -> list[StaticResult]:
    modes = (False, True) if scenario.busy else (False,)
    return [await asyncio.wait_for(run_static_mode(scenario, busy), scenario.run_timeout_s) for busy in modes]


# --- the report ----------------------------------------------------------------------------------


def _s(values: list[float], scale: float = 1.0, digits: int = 2) -> str:
    med, p95, top = summary([v * scale for v in values])
    return "–" if math.isnan(med) else f"{med:.{digits}f} / {p95:.{digits}f} / {top:.{digits}f}"


def _cpu(r: StaticResult) -> str:
    requests = sum(s.requests_interactive + s.frames for s in r.students)
    if r.server_cpu_s is None or not requests:
        return "–"
    return f"{r.server_cpu_s:.1f} ({1000 * r.server_cpu_s / requests:.2f})"


def _mb(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f} MB"


def report(scenario: StaticScenario, results: list[StaticResult]) -> str:
    n = scenario.students
    kb, mb = 1 / 1024, 1 / 2**20
    rows = [
        ("students interactive", lambda r: f"{len(r.interactive)}/{n}"),
        ("failures", lambda r: str(len(r.failures))),
        ("time to interactive, s (median / p95 / max)", lambda r: _s([s.time_to_interactive for s in r.interactive])),
        ("  of which the page HTML, s", lambda r: _s([s.time_to_page for s in r.interactive])),
        ("requests until interactive (median / p95 / max)",
         lambda r: _s([s.requests_interactive for s in r.interactive], digits=0)),
        ("KB until interactive, per student", lambda r: _s([s.bytes_interactive for s in r.interactive], kb, 0)),
        ("then the other frames, s", lambda r: _s([s.frames_s for s in r.interactive if s.frames_s is not None])),
        ("  frames per student", lambda r: _s([s.frames for s in r.interactive], digits=0)),
        ("  students with a failed frame", lambda r: str(len(r.frame_failures)) if scenario.fetch_frames else "–"),
        ("MB per student with every frame", lambda r: _s([s.bytes_all for s in r.interactive], mb)),
        ("MB sent in all", lambda r: f"{sum(s.bytes_all for s in r.students) * mb:,.0f}"),
        ("server ready after start, s", lambda r: f"{r.ready_after_s:.2f}" if r.ready_after_s else "–"),
        ("server memory before the class (RSS)", lambda r: _mb(r.rss_idle_mb)),
        ("server memory peak (VmHWM; sampled VmRSS)",
         lambda r: f"{_mb(r.rss_hwm_mb)}; {_mb(r.rss_peak_sampled_mb)}"),
        ("server CPU while the class arrived, s (ms per request)", lambda r: _cpu(r)),
        ("CPU of the simulated students (same machine), s",
         lambda r: f"{r.client_cpu_s:.1f}" if r.client_cpu_s is not None else "–"),
        ("CPU the busy processes got, s", lambda r: f"{r.busy_cpu_s:.0f}" if r.busy_cpu_s is not None else "–"),
        ("run took, s", lambda r: f"{r.duration_s:.1f}" if r.duration_s else "–"),
        ("load average as it started (1 min)", lambda r: f"{r.load_before:.1f}" if r.load_before is not None else "–"),
    ]  # fmt: skip
    width = max(len(label) for label, _ in rows)
    widths = [max(len(r.mode), *(len(cell(r)) for _, cell in rows)) for r in results]
    lines = [f"| {'':{width}} | " + " | ".join(f"{r.mode:{w}}" for r, w in zip(results, widths)) + " |",
             "|" + "-" * (width + 2) + "|" + "|".join("-" * (w + 2) for w in widths) + "|"]  # fmt: skip
    for label, cell in rows:
        lines.append(f"| {label:{width}} | " + " | ".join(f"{cell(r):{w}}" for r, w in zip(results, widths)) + " |")
    notes = []
    for r in results:
        problems = [f"{s.name} ({s.page}): {s.error}" for s in r.failures][:5]
        problems += [f"{s.name} ({s.page}): {s.frame_error}" for s in r.frame_failures][: 5 - len(problems)]
        if problems:
            notes.append(f"{r.mode}: " + "; ".join(problems))
    return "\n".join(lines + ([""] + notes if notes else []))


def page_table(results: list[StaticResult]) -> str:
    """Bytes per page as sent (the first run's students; every page is opened by n/16 of them)."""
    by_page: dict[str, StaticStudent] = {}
    for s in results[0].students if results else []:
        if s.interactive and (s.frame_error is None) and s.page not in by_page:
            by_page[s.page] = s
    lines = ["| page | requests until interactive | KB until interactive | frames after | MB with every frame |",
             "|---|---|---|---|---|"]  # fmt: skip
    for page in PAGES:
        s = by_page.get(page)
        if s is None:
            lines.append(f"| {page} | – | – | – | – |")
            continue
        lines.append(f"| {page} | {s.requests_interactive} | {s.bytes_interactive / 1024:,.0f} | {s.frames} | "
                     f"{s.bytes_all / 2**20:.2f} |")  # fmt: skip
    return "\n".join(lines)


def targets(scenario: StaticScenario, results: list[StaticResult]) -> list[tuple[str, bool]]:
    """Issue 15's targets for the static classroom, for each run (quiet, busy)."""
    checks = []
    for r in results:
        times = [s.time_to_interactive for s in r.interactive]
        p95 = percentile(times, 95)
        checks.append((f"{r.mode}: p95 time to interactive {p95:.2f} s <= {TARGET_P95_S:.0f} s",
                       bool(times) and p95 <= TARGET_P95_S))  # fmt: skip
        failed = len(r.failures) + len(r.frame_failures)
        checks.append((f"{r.mode}: 0 failures ({len(r.failures)} pages not interactive, "
                       f"{len(r.frame_failures)} students with a failed frame)", failed == 0))  # fmt: skip
        rss = r.rss_peak_mb
        checks.append((f"{r.mode}: server memory peak {_mb(rss)} <= {TARGET_RSS_MB:.0f} MB",
                       rss is not None and rss <= TARGET_RSS_MB))  # fmt: skip
    if results and results[0].interactive:
        first = results[0]
        worst_i = max(first.interactive, key=lambda s: s.bytes_interactive)
        checks.append((f"payload: every page <= {TARGET_PAGE_INTERACTIVE_MB} MB until interactive "
                       f"(largest {worst_i.page}: {worst_i.bytes_interactive / 2**20:.2f} MB)",
                       worst_i.bytes_interactive <= TARGET_PAGE_INTERACTIVE_MB * 2**20))  # fmt: skip
        if scenario.fetch_frames:
            worst = max(first.interactive, key=lambda s: s.bytes_all)
            checks.append((f"payload: every page <= {TARGET_PAGE_ALL_MB} MB with every frame "
                           f"(largest {worst.page}: {worst.bytes_all / 2**20:.2f} MB)",
                           worst.bytes_all <= TARGET_PAGE_ALL_MB * 2**20))  # fmt: skip
    return checks
