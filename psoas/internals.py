"""Every private name of Voilà, Jupyter, pyzmq or matplotlib that the app relies on, in one place.

Each entry says where the name lives, who uses it, and why (with the upstream issue where there
is one).  ``check()`` runs when the app's Voilà starts (``psoas.voila_app``, the server's own
names) and the tests check them all (``tests/test_internals.py``): a missing name fails with one clear message that names the
package versions this list was tested with (``TESTED``), instead of an AttributeError deep in a
request.  ``pyproject.toml`` pins those packages to the tested ranges; when you move a pin,
run the tests and update ``TESTED``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version

TESTED = {  # the versions every name below was checked against (make test, 2026-12-07)
    "voila": "0.5.13",
    "jupyter_server": "2.21.1",
    "jupyter_client": "8.10.0",
    "pyzmq": "27.3.0",
    "matplotlib": "3.11.2",
}


@dataclass(frozen=True)
class Internal:
    module: str  # where the owner lives
    name: str  # "Owner.attribute" (dotted), looked up with getattr
    used_by: str
    why: str
    on_instance: bool = False  # set in __init__: checked on a live object by tests/test_internals.py
    side: str = "server"  # "server": checked when the app's Voilà starts; "kernel": used in kernels only


VOILA_KM = "voila.voila_kernel_manager"

INTERNALS = (
    Internal("voila.app", "voila_kernel_manager_factory", "psoas.classroom.app",
             "Voilà makes its kernel manager class here; the classroom wraps the factory to add seats "
             "and a warming pace (Voilà has no hook for a kernel manager mixin)."),
    Internal("voila.app", "_kernel_id_regex", "psoas.classroom.app", "the kernel id pattern of Voilà's own routes, for /voila/api/leave/<id>"),
    Internal("voila.app", "Voila.init_settings", "psoas.voila_app, psoas.classroom.app",
             "overridden: the app's 404 handler, the classroom's manager class"),
    Internal("voila.app", "Voila.init_handlers", "psoas.voila_app, psoas.classroom.app, psoas.hub",
             "overridden: every page handler gets the app's error pages (Jupyter Server's error.html needs a "
             "static_path that standalone Voilà does not set, so an error page crashed in turn); psoas.hub "
             "relies on it adding the identity provider's routes without the base URL"),
    Internal("voila.tornado.kernel_websocket_handler", "VoilaKernelWebsocketHandler.write_message", "psoas.voila_app",
             "overridden: no stream or error message (printed output, tracebacks) reaches a page"),
    Internal("voila.tornado.kernel_websocket_handler", "read_header_from_binary_message", "psoas.voila_app",
             "the header of a binary kernel message"),
    Internal("voila.tornado.handler", "TornadoVoilaHandler.get", "psoas.classroom.handlers", "the page handler behind the cap"),
    Internal("voila.handler", "VoilaHandler.get_generator", "psoas.classroom.handlers", "what TornadoVoilaHandler.get iterates"),
    Internal(VOILA_KM, "voila_kernel_manager_factory", "psoas.classroom.app", "see voila.app above"),
    Internal("jupyter_server.services.kernels.kernelmanager", "AsyncMappingKernelManager._kernels", "psoas.classroom.kernels",
             "the kernel managers by id: last_activity of a seat's kernel", on_instance=True),
    Internal("jupyter_server.services.kernels.kernelmanager", "AsyncMappingKernelManager._kernel_connections",
             "psoas.classroom.kernels", "open websocket connections per kernel: a page still open keeps its kernel",
             on_instance=True),
    Internal("jupyter_server.services.kernels.kernelmanager", "AsyncMappingKernelManager.cull_kernel_if_idle",
             "psoas.classroom.kernels", "overridden: never cull a warm kernel or a page still being made"),
    Internal("jupyter_server.services.kernels.kernelmanager", "AsyncMappingKernelManager.notify_connect",
             "psoas.classroom.kernels", "overridden: a seat knows when its page's browser first connected"),
    Internal("jupyter_server.services.kernels.kernelmanager", "AsyncMappingKernelManager.cull_kernels",
             "psoas.classroom.kernels", "overridden: cull in parallel (Jupyter Server culls one after another)"),
    Internal("jupyter_server.services.kernels.kernelmanager", "AsyncMappingKernelManager.kernel_info_timeout",
             "psoas.classroom.app", "how long a page's websocket waits for its kernel on a busy machine"),
    Internal("jupyter_client.channels", "AsyncZMQSocketChannel.get_msg", "psoas.zmq_wakeup",
             "replaced: a zmq.asyncio wake-up that never comes (pyzmq#1203, pyzmq#2173) left a page hanging"),
    Internal("jupyter_client.channels", "AsyncZMQSocketChannel._recv", "psoas.zmq_wakeup", "read a message that is waiting"),
    Internal("matplotlib.axes", "Axes._axis_map", "psoas.live.render.draw_order", "the axes' Axis objects, as Axes.draw walks them",
             side="kernel"),
    Internal("matplotlib.axes", "Axes._set_position", "psoas.draw.layout", "what the layout engine itself calls to place an Axes",
             side="kernel"),
    Internal("ipykernel.kernelbase", "Kernel.io_loop", "psoas.query",
             "run a page's link values on the kernel's own thread once the request is known", on_instance=True,
             side="kernel"),
)

# Methods that Voilà's pooled kernel manager has only on the class its factory makes.
POOLED_MANAGER = ("_pools", "_initialize", "fill_if_needed", "get_rendered_notebook", "get_pool_size",
                  "kernel_pools_config", "notebook_data")  # fmt: skip


class MissingInternal(RuntimeError):
    """A private name the app relies on is gone: a dependency moved beyond its pin."""


def installed(package: str) -> str:
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def _find(internal: Internal) -> bool:
    try:
        owner = importlib.import_module(internal.module)
    except ImportError:
        return False
    if internal.on_instance:
        return True  # set in __init__: tests/test_internals.py checks it on a live object
    if internal.name == "Axes._axis_map":
        return _axes_has("_axis_map")
    for part in internal.name.split("."):
        if not hasattr(owner, part):
            return False
        owner = getattr(owner, part)
    return True


def _axes_has(name: str) -> bool:
    from matplotlib.figure import Figure

    return hasattr(Figure().add_subplot(), name)


def _pooled_manager_missing() -> list[str]:
    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from voila.voila_kernel_manager import voila_kernel_manager_factory

    manager = voila_kernel_manager_factory(AsyncMappingKernelManager, True, 0)
    return [f"{VOILA_KM}.VoilaKernelManager.{name}" for name in POOLED_MANAGER
            if name not in ("_pools", "kernel_pools_config", "notebook_data") and not hasattr(manager, name)] + [
        f"{VOILA_KM}.VoilaKernelManager.{name}" for name in ("kernel_pools_config",)
        if not manager.class_traits().get(name)]  # fmt: skip


def missing(side: str | None = None) -> list[str]:
    """The private names of ``side`` ("server", "kernel"; None: both) that cannot be found (empty:
    everything the app relies on is there)."""
    gone = [f"{i.module}.{i.name}" for i in INTERNALS if side in (None, i.side) and not _find(i)]
    if side == "kernel":
        return gone
    try:
        gone += _pooled_manager_missing()
    except Exception as error:  # the factory itself changed
        gone.append(f"{VOILA_KM}.voila_kernel_manager_factory ({error})")
    return gone


def check(side: str = "server") -> None:
    """Raise ``MissingInternal`` with a plain-English message if a private name of ``side`` is gone.

    The server checks its own names when it starts (``psoas.voila_app``); the kernels' names
    (matplotlib, ipykernel) are checked by the tests, so that the server need not import
    matplotlib and ipykernel (0.55 s and ~40 MB at every start)."""
    gone = missing(side)
    if gone:
        versions = ", ".join(f"{p} {installed(p)} (tested {v})" for p, v in TESTED.items())
        raise MissingInternal(
            "The app relies on private names that this installation does not have: "
            + ", ".join(gone)
            + f". Installed: {versions}. Install the versions pinned in pyproject.toml "
            "(make setup), or see psoas/internals.py for what each name is used for."
        )
