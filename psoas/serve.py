"""Start the read-only Voilà app on the notebooks: ``python -m psoas.serve`` (``make app``).

One place holds the app's Voilà settings, so ``make app`` and the tests serve the same thing:
the ``psoas`` template (Dutch loading screen, ``/`` redirects to the start page), sources
stripped, no tracebacks, and (in the template) a Dutch message in place of a failing cell.
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


def voila_command(
    port: int = DEFAULT_PORT, ip: str = "127.0.0.1", open_browser: bool = False, notebook_dir: Path = NOTEBOOK_DIR
) -> list[str]:
    """The command line that serves the app (``notebook_dir`` is for tests)."""
    command = [
        sys.executable, "-m", "voila", str(notebook_dir),
        f"--port={port}",
        f"--Voila.ip={ip}",
        "--Voila.port_retries=0",
        "--template=psoas",
        "--theme=light",
        "--VoilaConfiguration.classic_tree=True",
        "--VoilaConfiguration.show_margins=True",
        "--VoilaConfiguration.strip_sources=True",
        "--VoilaConfiguration.show_tracebacks=False",
    ]  # fmt: skip
    if not open_browser:
        command.append("--no-browser")
    return command


def voila_environment(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment for Voilà: our template folder first on JUPYTER_PATH."""
    env = dict(os.environ if base is None else base)
    paths = [str(JUPYTER_DATA_DIR)] + [p for p in env.get("JUPYTER_PATH", "").split(os.pathsep) if p]
    env["JUPYTER_PATH"] = os.pathsep.join(paths)
    env.setdefault("MPLBACKEND", "Agg")
    return env


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the psoas explainer with Voilà.")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--ip", default="127.0.0.1", help="127.0.0.1 keeps the app on this machine")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    args = parser.parse_args(argv)
    host = "localhost" if args.ip in ("127.0.0.1", "localhost") else args.ip
    print(f"De app start op http://{host}:{args.port}/  (stoppen: Ctrl+C)", flush=True)
    command = voila_command(args.port, args.ip, open_browser=not args.no_browser)
    os.execvpe(command[0], command, voila_environment())


if __name__ == "__main__":
    main()
