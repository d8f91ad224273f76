"""The live classroom's Tornado handlers: pages behind the cap, goodbyes, /les and the teacher page."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import tornado.web
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from voila.tornado.handler import TornadoVoilaHandler

from ..voila_app import AppPages
from .kernels import REQUEST
from .network import client_address, is_loopback, qr_svg, student_hosts, student_url


class ClassroomRenderHandler(AppPages, TornadoVoilaHandler):
    """Voilà's page handler behind the cap.  Past it, or when the page cannot be made now (a
    kernel that does not start in time on a busy machine), the student gets the app's short page
    in their language that retries by itself (HTTP 503), never a bare timeout."""

    @tornado.web.authenticated
    async def get(self, path=None):
        if not path or not path.lower().endswith(".ipynb"):
            return await super().get(path=path)
        admitted = await self.kernel_manager.admit(client_address(self.request))
        if isinstance(admitted, str):
            policy = self.kernel_manager.policy
            limit = policy.max_per_device if admitted == "device" else policy.max_kernels
            self.log.warning("Page refused (%s, limit %s) for %s", admitted, limit, client_address(self.request))
            return self.refuse(503, admitted, limit=limit)
        token = REQUEST.set(admitted)
        try:
            await super().get(path=path)
        except Exception:
            self.log.exception("The page %s could not be made", path)
            self.refuse(503, "busy")  # Tornado sends it only if nothing of the page was sent yet
        finally:
            self.kernel_manager.release(admitted)
            REQUEST.reset(token)


class LeaveHandler(JupyterHandler):
    """``navigator.sendBeacon`` from a page that is closed or left: stop its kernel now."""

    def check_xsrf_cookie(self):
        return None  # a beacon cannot carry a token; knowing the kernel id is the proof

    @tornado.web.authenticated
    async def post(self, kernel_id: str):
        if kernel_id in self.kernel_manager.seats():
            self.log.info("Page left: stopping kernel %s", kernel_id)
            await self.kernel_manager.shutdown_kernel(kernel_id)
        self.set_status(204)
        self.finish()


class LessonHandler(AppPages, JupyterHandler):
    """``/les`` -> the lesson's first page, with the same query string."""

    def initialize(self, first_notebook: str):
        self.first_notebook = first_notebook

    def get(self):
        target = url_path_join(self.base_url, "voila/render", self.first_notebook)
        query = self.request.query
        self.redirect(target + (f"?{query}" if query else ""))


class TeacherHandler(AppPages, JupyterHandler):
    """The teacher page (this machine only): the address and QR code to project, how full it is."""

    def initialize(self, classroom):
        self.classroom = classroom

    def prepare(self):
        if not is_loopback(client_address(self.request)):
            self.refuse(403, "teacher_only")

    def get(self):
        query = urlencode({k: v[0].decode() for k, v in self.request.query_arguments.items() if k == "verkorting"})
        hosts = student_hosts(self.classroom.ip)
        urls = [student_url(host, self.classroom.port, query, self.base_url) for host in hosts]
        self.set_header("Cache-Control", "no-store")
        page = self.settings["voila_jinja2_env"].get_template("leraar.html")
        self.finish(page.render(urls=urls, qr=qr_svg(urls[0]), status=self.classroom.status(),
                                first_page=self.classroom.first_notebook, chapters=self.classroom.chapter_links(),
                                verkorting=self.get_argument("verkorting", ""), base_url=self.base_url))  # fmt: skip


class TeacherStatusHandler(TeacherHandler):
    def get(self):
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(self.classroom.status()))


class WarmPageHandler(TeacherHandler):
    """POST ``page``: keep a class-sized pool warm for that page (the next chapter), not for others."""

    def check_xsrf_cookie(self):
        return None  # this machine only (see prepare); warming a page is all it can do

    async def post(self):
        if not self.classroom.warm_page(self.get_argument("page", "")):
            raise tornado.web.HTTPError(404)
        self.redirect(url_path_join(self.base_url, "leraar"))
