"""The live classroom's application: Voilà's standalone server (``psoas.voila_app``) with warm
pools, seats, the classroom routes and the teacher's view of it."""

from __future__ import annotations

import asyncio
import os
import webbrowser

import tornado.ioloop
from jupyter_server.utils import url_path_join
from traitlets.config import Config
from voila import app as voila_app

from .. import zmq_wakeup
from ..query import AFTER_RENDER, POOL_QUERY
from ..serve import LOOPBACK, Settings, voila_environment, voila_settings
from ..voila_app import PsoasVoila
from .handlers import ClassroomRenderHandler, LeaveHandler, LessonHandler, TeacherHandler, TeacherStatusHandler, WarmPageHandler
from .kernels import ClassroomKernels
from .network import listens_everywhere, terminal_announcement
from .options import LiveOptions
from .seats import SeatPolicy

KERNEL_MANAGERS = {  # "sync" is the voila#1428 workaround; it blocks the server here (docs/classroom.md)
    "sync": "jupyter_server.services.kernels.kernelmanager.MappingKernelManager",
    "async": "jupyter_server.services.kernels.kernelmanager.AsyncMappingKernelManager",
}


def pools_config(options: LiveOptions) -> dict[str, dict]:
    """Voilà's ``kernel_pools_config``: pools are per notebook, so only the first page gets a big one.

    Warm kernels run the notebook for the plain link and apply a link's values once a student
    takes them (``PSOAS_POOL_QUERY``, see ``psoas.query``), so every link gets a warm kernel.
    """
    env = {POOL_QUERY: AFTER_RENDER}
    return {
        "default": {"pool_size": options.pool_other, "kernel_env_variables": env},
        options.notebook: {"pool_size": options.pool_size, "kernel_env_variables": env},
    }


def classroom_settings(options: LiveOptions) -> Settings:
    """``psoas.serve.voila_settings`` plus warm pools, culling, timeouts and the kernel manager."""
    settings = voila_settings(port=options.port, ip=options.ip, open_browser=options.open_browser)
    settings["Voila"]["base_url"] = options.base_url
    preheat = options.pool_size > 0 or options.pool_other > 0
    settings["VoilaConfiguration"].update(
        preheat_kernel=preheat,
        default_pool_size=options.pool_other,
        multi_kernel_manager_class=KERNEL_MANAGERS[options.kernel_manager],
    )
    settings["VoilaKernelManager"] = {"kernel_pools_config": pools_config(options), "fill_delay": 1.0}
    # A kernel may take long to start when the machine is busy: the page waits for it (then gets
    # the "busy" page that retries by itself) instead of failing after Jupyter's 60 s.
    settings["VoilaExecutor"] = {"startup_timeout": int(options.kernel_start_timeout_s)}
    if os.name == "posix":
        # Kernels talk to the server over Unix sockets: no TCP ports to pick.  With TCP, thirty
        # kernels starting at once can pick a port another process takes first ("Address already
        # in use"); shutting down such a kernel blocked the whole server (measured, loadtest/).
        settings["KernelManager"] = {"transport": "ipc"}
    settings["MappingKernelManager"] = {
        **settings.get("MappingKernelManager", {}),
        "cull_idle_timeout": options.cull_idle_s,
        "cull_interval": options.cull_interval_s,
        "cull_connected": False,  # a page in use keeps its kernel, however long the discussion
        "cull_busy": False,
        "kernel_info_timeout": options.kernel_start_timeout_s,
    }
    return settings


class ClassroomVoila(PsoasVoila):
    """The app's Voilà with the classroom routes and kernel seats (``options`` set by ``serve``)."""

    name = "psoas-classroom"
    options = LiveOptions()

    @property
    def first_notebook(self) -> str:
        return self.options.notebook

    def init_settings(self):
        policy = SeatPolicy.from_options(self.options, os.cpu_count() or 1)
        make_manager_class = voila_app.voila_kernel_manager_factory

        def classroom_manager_class(*args, **kwargs):
            base = make_manager_class(*args, **kwargs)
            return type("ClassroomKernelManager", (ClassroomKernels, base), {"policy": policy})

        voila_app.voila_kernel_manager_factory = classroom_manager_class  # Voilà has no hook for this
        try:
            return super().init_settings()
        finally:
            voila_app.voila_kernel_manager_factory = make_manager_class

    def init_handlers(self):
        handlers = super().init_handlers()
        render = url_path_join(self.server_url, r"/voila/render/(.*)")
        handlers = [(h[0], ClassroomRenderHandler, *h[2:]) if h[0] == render else h for h in handlers]
        kernel_id = voila_app._kernel_id_regex
        route = lambda path: url_path_join(self.server_url, path)  # noqa: E731
        mine = {"classroom": self}
        return [
            (route(rf"/voila/api/leave/{kernel_id}"), LeaveHandler),
            (route(r"/les"), LessonHandler, {"first_notebook": self.first_notebook}),
            (route(r"/leraar"), TeacherHandler, mine),
            (route(r"/leraar/status.json"), TeacherStatusHandler, mine),
            (route(r"/leraar/klaarzetten"), WarmPageHandler, mine),
            *handlers,
        ]

    @staticmethod
    def page_config(page_config, base_url, settings, log, voila_configuration, notebook_path=None, **_):
        """The page's words, and where the page (template psoas, footer script) sends its goodbye."""
        page_config = PsoasVoila.page_config(page_config, base_url, settings, log, voila_configuration, notebook_path)
        page_config["psoasLeaveUrl"] = url_path_join(base_url, "voila/api/leave/")
        return page_config

    def launch_browser(self):  # Voilà calls this after binding when open_browser is set
        webbrowser.open(f"http://localhost:{self.port}{self.server_url}leraar")

    def start(self):
        tornado.ioloop.IOLoop.current().add_callback(self.announce)
        super().start()

    # --- what the teacher sees ------------------------------------------------------------
    def status(self) -> dict:
        km = self.kernel_manager
        pools = km.pool_status()
        seats = km.seats()
        status = {
            "seats": len(seats),
            "max_kernels": km.policy.max_kernels,
            "max_per_device": km.policy.max_per_device,
            "devices": len({seat.client for seat in seats.values()}),
            "kernels": len(km.list_kernel_ids()),
            "pools": pools,
            "warm_ready": sum(p["ready"] for p in pools.values()),
            "warm_target": sum(p["target"] for p in pools.values()),
            "warmed": km.warmed,
        }
        try:
            import psutil

            me = psutil.Process()
            processes = [me, *me.children(recursive=True)]
            status["memory_mb"] = round(sum(p.memory_info().rss for p in processes) / 2**20)
            status["memory_available_mb"] = round(psutil.virtual_memory().available / 2**20)
        except Exception:
            pass
        return status

    def chapter_links(self) -> list[dict]:
        try:
            from ..content import chapters

            listed = [{"title": c["title"], "notebook": c["notebook"]} for c in chapters()]
        except Exception:
            listed = []
        pools = self.kernel_manager.pool_status()
        for chapter in listed:
            pool = pools.get(chapter["notebook"], {"ready": 0, "target": 0})
            chapter["warm"] = f"{pool['ready']} van {pool['target']}" if pool["target"] else ""
        return listed

    def warm_page(self, page: str) -> bool:
        """A class-sized pool for ``page`` (and the first page); other pages go back to ``default``."""
        km = self.kernel_manager
        if page not in getattr(km, "_pools", {}):
            return False
        pools = dict(km.kernel_pools_config)
        default = pools.get("default", {})
        warm = {"pool_size": self.options.class_size, "kernel_env_variables": default.get("kernel_env_variables", {})}
        pools = {name: config for name, config in pools.items() if name in ("default", self.first_notebook)}
        pools[page] = warm
        km.kernel_pools_config = pools
        for notebook_name in km._pools:
            km.shrink_pool(notebook_name)
        km.fill_if_needed(notebook_name=page)
        self.log.info("Warming %s kernels for %s", self.options.class_size, page)
        return True

    async def announce(self) -> None:
        """Print the students' address and QR code, then the warm-up progress until it is done."""
        title = "Klaslokaalmodus: de psoas-app draait."
        print(terminal_announcement(title, self.ip, self.port, self.base_url), flush=True)
        last = None
        while True:
            status = self.kernel_manager.pool_status()
            ready = sum(p["ready"] for p in status.values())
            target = sum(p["target"] for p in status.values())
            if ready >= target:
                print(f"Klaar: {ready} warme kernels staan klaar. De leerlingen kunnen beginnen.", flush=True)
                return
            if ready != last:
                print(f"Kernels opwarmen: {ready} van {target} klaar …", flush=True)
                last = ready
            await asyncio.sleep(5)


def serve(options: LiveOptions) -> None:
    """Start the live classroom for ``options`` (blocks until Ctrl+C)."""
    zmq_wakeup.install()  # a kernel reply the server's poll never reports (psoas/zmq_wakeup.py)
    os.environ.update(voila_environment())  # our template on JUPYTER_PATH, for Voilà and its kernels
    # A warm kernel asks the server for its page's query string at VOILA_APP_IP (default 127.0.0.1).
    os.environ["VOILA_APP_IP"] = LOOPBACK if listens_everywhere(options.ip) else options.ip
    app = type("ClassroomVoila", (ClassroomVoila,), {"options": options})
    app.launch_instance(argv=[str(options.notebook_dir)], config=Config(classroom_settings(options)))
