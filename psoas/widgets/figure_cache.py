"""Pictures of static figures, drawn once per machine and kept on disk.

Every kernel that opens chapter 1 would draw the same comparison figure, ~170 ms of the page's
start (docs/performance.md).  The first kernel draws it and writes the PNG here; later kernels,
such as a class opening the page together, read it in about a millisecond.  The key covers all
that shapes the picture: the figure's name and arguments, the source of the ``psoas`` package,
and the versions of matplotlib, Pillow and numpy.  A missing, unreadable or broken file is drawn
again; a cache folder that cannot be written is skipped (the picture is still shown).

Folder: ``$PSOAS_CACHE_DIR``, else ``$XDG_CACHE_HOME/psoas-explainer``, else
``~/.cache/psoas-explainer``.  Deleting it is always safe.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from io import BytesIO
from pathlib import Path
from typing import Any

from PIL import Image

log = logging.getLogger(__name__)

CACHE_ENV = "PSOAS_CACHE_DIR"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
DRAWING_LIBRARIES = ("matplotlib", "pillow", "numpy")  # read from their metadata: no import needed


def _version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return "unknown"


def cache_dir() -> Path:
    """The folder that holds the cached pictures (it may not exist yet)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "psoas-explainer"


@functools.cache
def code_digest() -> str:
    """A digest of the package's source and the drawing libraries' versions."""
    digest = hashlib.sha256()
    for name in DRAWING_LIBRARIES:
        digest.update(f"{name}={_version(name)}\n".encode())
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\n" + path.read_bytes())
    return digest.hexdigest()


def cache_path(name: str, arguments: Any) -> Path:
    """Where the picture of ``name`` drawn with ``arguments`` (JSON-able) is kept."""
    key = hashlib.sha256(json.dumps([name, arguments, code_digest()], sort_keys=True).encode()).hexdigest()
    return cache_dir() / f"{name}-{key[:24]}.png"


def _valid_png(data: bytes) -> bool:
    try:
        with Image.open(BytesIO(data)) as image:
            image.verify()
            return image.format == "PNG"
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken file
        return False


def cached_png(name: str, arguments: Any, draw: Callable[[], bytes]) -> bytes:
    """The PNG that ``draw()`` makes for ``name`` with ``arguments``, from the cache when it is
    there and sound, else drawn now and stored (written atomically: kernels may race)."""
    path = cache_path(name, arguments)
    try:
        data = path.read_bytes()
    except OSError:
        data = b""
    if data and _valid_png(data):
        return data
    data = draw()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as error:
        log.info("figure cache not written (%s): %s", path, error)
    return data
