"""Every option of the classroom servers, in one place: the command line is made from these tables.

Each option is a dataclass field with its flag and help text (``opt``).  ``parser`` builds the
``argparse`` parser from the fields, ``arguments`` the command line that gives the same options
back (tests and the load test start servers with it), so a default is written once.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import typing
from dataclasses import dataclass, field
from pathlib import Path

from ..serve import DEFAULT_PORT, ROOT

NOTEBOOK_DIR = ROOT / "notebooks"
SITE_DIR = ROOT / "site"
CLASS_SIZE = 30
FIRST_PAGE = "01-houding"  # the lesson's first page (its notebook or its static page)
EVERY_NETWORK = "0.0.0.0"  # every network of this machine: the students' devices must reach it


def opt(default, flag: str | None = None, help: str = "", negative: str | None = None):  # noqa: A002
    """A field with its command-line flag (default ``--name-with-dashes``); ``negative`` is the flag
    that turns a true default off (``--no-browser``)."""
    return field(default=default, metadata={"flag": flag, "help": help, "negative": negative})


def page_stem(page: str) -> str:
    """``01-houding``, ``01-houding.ipynb``, ``nl/01-houding.html`` -> ``01-houding``."""
    name = page.replace("\\", "/").rsplit("/", 1)[-1]
    for suffix in (".ipynb", ".html"):
        name = name.removesuffix(suffix)
    return name


def normal_base_url(base_url: str) -> str:
    """``services/psoas`` -> ``/services/psoas/``; "" -> ``/``."""
    return "/" + base_url.strip("/") + "/" if base_url.strip("/") else "/"


@dataclass
class CommonOptions:
    port: int = opt(DEFAULT_PORT, help=f"the port (default {DEFAULT_PORT})")
    ip: str = opt(EVERY_NETWORK, help="0.0.0.0: every network of this machine (default)")
    page: str = opt(FIRST_PAGE, help=f"the lesson's first page, on the QR code (default {FIRST_PAGE})")
    base_url: str = opt("/", help="the path prefix behind a proxy (a JupyterHub service)")
    open_browser: bool = opt(True, negative="--no-browser", help="do not open the teacher page")

    def __post_init__(self):
        self.base_url = normal_base_url(self.base_url)


@dataclass
class StaticOptions(CommonOptions):
    """The static classroom (``python -m psoas.classroom``): serves ``site/``, no kernel per student."""

    site_dir: Path = opt(SITE_DIR, flag="--site", help="the static build (default site/)")
    log_requests: bool = opt(False, help="log every request (300 students make ~10,000 lines)")
    cache_mb: int = opt(128, help="MB of site files kept in memory (default 128)")

    def __post_init__(self):
        super().__post_init__()
        self.page = page_stem(self.page)
        self.site_dir = Path(self.site_dir)


@dataclass
class LiveOptions(CommonOptions):
    """The live classroom (``python -m psoas.classroom --live``): Voilà, one kernel per page."""

    class_size: int = opt(CLASS_SIZE, help=f"students in the class (default {CLASS_SIZE})")
    pool: int | None = opt(None, help="warm kernels for the first page (default: the class size)")
    pool_other: int = opt(0, help="warm kernels for every other page (the teacher page can warm one)")
    max_kernels: int | None = opt(None, help="pages holding a kernel at once (default: class size + 10)")
    max_per_device: int = opt(4, help="pages per device (IP address); 0: no limit")
    cull_idle_s: int = opt(600, flag="--cull-idle", help="stop a kernel after this many seconds idle without a connection")
    cull_interval_s: int = opt(30, flag="--cull-interval", help="how often the culler looks, in seconds")
    reclaim_after_s: float = opt(30.0, flag="--reclaim-after", help="at the cap, a left page's kernel may go after this")
    warm_parallel: int = opt(0, help="kernels warming at once while nobody works (0: one per core)")
    warm_parallel_busy: int = opt(1, help="kernels warming at once while students work")
    kernel_start_timeout_s: float = opt(120.0, flag="--kernel-start-timeout",
                                        help="how long a kernel may take to start on a busy machine")  # fmt: skip
    kernel_manager: str = opt("async", help="async (default) or sync (the voila#1428 workaround)")
    notebook_dir: Path = opt(NOTEBOOK_DIR, help="the notebooks (default notebooks/)")

    def __post_init__(self):
        super().__post_init__()
        self.notebook_dir = Path(self.notebook_dir)

    @property
    def notebook(self) -> str:
        """The first page's notebook, relative to ``notebook_dir`` (pools are per notebook)."""
        return self.page if self.page.endswith(".ipynb") else f"{self.page}.ipynb"

    @property
    def pool_size(self) -> int:
        return self.class_size if self.pool is None else self.pool

    @property
    def kernel_cap(self) -> int:
        return self.class_size + 10 if self.max_kernels is None else self.max_kernels


def _fields(cls) -> list[tuple[dataclasses.Field, type]]:
    hints = typing.get_type_hints(cls)
    return [(f, hints[f.name]) for f in dataclasses.fields(cls)]


def _flag(f: dataclasses.Field) -> str:
    return f.metadata["flag"] or "--" + f.name.replace("_", "-")


def _scalar(hint) -> type:
    """``int | None`` -> int."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    return args[0] if args else hint


def parser(cls, prog: str, description: str, epilog: str = "") -> argparse.ArgumentParser:
    """An argparse parser with one flag per field of ``cls``."""
    p = argparse.ArgumentParser(prog=prog, description=description, epilog=epilog)
    for f, hint in _fields(cls):
        help_text = f.metadata["help"]
        if _scalar(hint) is bool:
            if f.metadata["negative"]:
                p.add_argument(f.metadata["negative"], dest=f.name, action="store_false", help=help_text)
            else:
                p.add_argument(_flag(f), dest=f.name, action="store_true", help=help_text)
        else:
            kind = _scalar(hint)
            choices = ("async", "sync") if f.name == "kernel_manager" else None
            p.add_argument(_flag(f), dest=f.name, type=kind, default=f.default, choices=choices, help=help_text)
    return p


def arguments(options: CommonOptions) -> list[str]:
    """The command line that gives ``options`` back (defaults left out)."""
    out = []
    for f, hint in _fields(type(options)):
        value = getattr(options, f.name)
        if value == f.default or value is None:
            continue
        if _scalar(hint) is bool:
            out.append(f.metadata["negative"] if f.metadata["negative"] else _flag(f))
        else:
            out.append(f"{_flag(f)}={value}")
    return out


def command(options: CommonOptions) -> list[str]:
    """The command that starts the classroom server for ``options`` (tests, load test)."""
    live = ["--live"] if isinstance(options, LiveOptions) else []
    return [sys.executable, "-m", "psoas.classroom", *live, *arguments(options)]


def parse_live(argv: list[str] | None = None) -> LiveOptions:
    p = parser(LiveOptions, "python -m psoas.classroom --live",
               "Serve the psoas explainer to a class with Voilà, one kernel per student.")  # fmt: skip
    p.add_argument("--live", action="store_true", help="this mode (without it: the static site)")
    values = vars(p.parse_args(argv))
    del values["live"]
    return LiveOptions(**values)


def parse_static(argv: list[str] | None = None) -> StaticOptions:
    p = parser(StaticOptions, "python -m psoas.classroom",
               "Serve the static build (site/, made by make static) to a class: no kernel per student.",
               "--live serves the notebooks with Voilà instead, one kernel per student "
               "(python -m psoas.classroom --live --help lists its options).")  # fmt: skip
    values, unknown = p.parse_known_args(argv)
    if unknown:
        _live_only(p, unknown)
    return StaticOptions(**vars(values))


def _live_only(p: argparse.ArgumentParser, unknown: list[str]) -> None:
    """Options of the live mode (``--class-size 24`` from an older lesson plan) are noted and
    ignored; anything else is an error."""
    live = parser(LiveOptions, "", "")
    live.exit_on_error = False
    try:
        _, rest = live.parse_known_args(unknown)
    except (argparse.ArgumentError, SystemExit):
        rest = unknown
    if rest:
        p.error(f"unrecognized arguments: {' '.join(unknown)} (options of the live Voilà mode need --live)")
    print(f"Let op: {' '.join(unknown)} hoort bij de live modus (--live) en doet niets voor de statische site "
          "(geen kernels, dus geen maximum).", file=sys.stderr, flush=True)  # fmt: skip
