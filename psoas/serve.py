"""Start the read-only Voilà app on the notebooks: ``python -m psoas.serve`` (``make app``).

One place holds the app's Voilà settings, ``voila_settings()``, so ``make app``, the classroom
server (``python -m psoas.classroom``) and the tests serve the same thing: the ``psoas`` template
(Dutch loading screen, ``/`` redirects to the start page, no assets from a CDN), sources stripped,
no tracebacks, and (in the template) a Dutch message in place of a failing cell.

``make app`` listens on 127.0.0.1 only; only the classroom mode listens on the network.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
JUPYTER_DATA_DIR = ROOT / "share" / "jupyter"  # holds voila/templates/psoas
START_PAGE = "voila/render/00-start.ipynb"
DEFAULT_PORT = 8866
LOOPBACK = "127.0.0.1"
CULL_IDLE_S = 600  # a kernel whose page is gone is stopped after this many idle seconds
CULL_INTERVAL_S = 60
TRACEBACK_NL = "Er ging iets mis in de app; de details staan niet op deze pagina."

Settings = dict[str, dict[str, object]]  # traitlets configuration: {"Section": {"trait": value}}


def voila_settings(port: int = DEFAULT_PORT, ip: str = LOOPBACK, open_browser: bool = False) -> Settings:
    """The Voilà settings every mode of the app shares, as traitlets configuration sections."""
    return {
        "Voila": {"port": port, "ip": ip, "port_retries": 0, "open_browser": open_browser},
        "VoilaConfiguration": {
            "template": "psoas",
            "theme": "light",
            "classic_tree": True,
            "show_margins": True,
            "strip_sources": True,
            "show_tracebacks": False,
        },
        # Voilà hides tracebacks in the page, but a kernel error over the websocket (a malformed
        # widget message from a browser) would still carry one, with file paths and source lines.
        # Voilà's own shutdown when a page closes is refused (403) by the standalone server, so
        # the kernel of a closed or reloaded page would live until the server stops (~100 MB
        # each).  The culler stops a kernel that has had no connection for ten minutes; a page
        # that is open keeps its kernel however long it sits.  (Classroom mode adds more.)
        "MappingKernelManager": {
            "allow_tracebacks": False,
            "traceback_replacement_message": TRACEBACK_NL,
            "cull_idle_timeout": CULL_IDLE_S,
            "cull_interval": CULL_INTERVAL_S,
            "cull_connected": False,
            "cull_busy": False,
        },
    }


def settings_arguments(settings: Settings) -> list[str]:
    """``{"Voila": {"port": 1}}`` -> ``["--Voila.port=1"]`` (scalars only: what the CLI can take)."""
    arguments = []
    for section, traits in settings.items():
        for name, value in traits.items():
            if not isinstance(value, (bool, int, float, str)):
                raise TypeError(f"{section}.{name}: only scalar settings fit on the command line")
            arguments.append(f"--{section}.{name}={value}")
    return arguments


def voila_command(port: int = DEFAULT_PORT, ip: str = LOOPBACK, open_browser: bool = False) -> list[str]:
    """The command line that serves the app."""
    settings = voila_settings(port=port, ip=ip, open_browser=open_browser)
    # psoas.voila_main is Voilà with one workaround for lost zmq wake-ups (psoas/zmq_wakeup.py).
    return [sys.executable, "-m", "psoas.voila_main", str(NOTEBOOK_DIR), *settings_arguments(settings)]


def voila_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for Voilà: our template folder first on JUPYTER_PATH."""
    env = dict(os.environ if base is None else base)
    paths = [str(JUPYTER_DATA_DIR)] + [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    env.setdefault("MPLBACKEND", "Agg")
    # glibc gives each thread that allocates its own malloc arena; a scene's figure is built on
    # a thread of its own (psoas.live.deferred), which cost each kernel ~0.8 MB more.  Two
    # arenas for the server and its kernels: chapter 1's kernel 104.8 -> 104.0 MB, the
    # baseline's unchanged (docs/performance.md).  Other C libraries ignore it.
    env.setdefault("MALLOC_ARENA_MAX", "2")
    return env


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the psoas explainer with Voilà.")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--ip", default=LOOPBACK, help="127.0.0.1 keeps the app on this machine")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    args = parser.parse_args(argv)
    host = "localhost" if args.ip in (LOOPBACK, "localhost") else args.ip
    print(f"De app start op http://{host}:{args.port}/  (stoppen: Ctrl+C)", flush=True)
    command = voila_command(args.port, args.ip, open_browser=not args.no_browser)
    os.execvpe(command[0], command, voila_environment())


if __name__ == "__main__":
    main()
