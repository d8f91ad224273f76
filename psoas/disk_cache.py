"""Work done once per machine and kept on disk: pictures of static figures, settled layouts.

Every kernel that opens chapter 1 would draw the same comparison figure (~170 ms) and lay out the
same scene figure (~50 ms); with a class opening pages together on two cores, that multiplies.
The first kernel does the work and writes the result here; later kernels read it in about a
millisecond.  The key covers all that shapes the result: its name and arguments, the source of
the ``psoas`` package, and the installed matplotlib, Pillow and numpy.  A missing, unreadable
or broken file is made again; a cache folder that cannot be written is skipped (the result is
still used).

Folder: ``$PSOAS_CACHE_DIR``, else ``$XDG_CACHE_HOME/psoas-explainer``, else
``~/.cache/psoas-explainer``.  Deleting it is always safe.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import logging
import os
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

CACHE_ENV = "PSOAS_CACHE_DIR"
PACKAGE_DIR = Path(__file__).resolve().parent
DRAWING_LIBRARIES = ("matplotlib", "PIL", "numpy")  # their installed files stand for their versions


def _installed(package: str) -> str:
    """Where ``package`` is installed and when its ``__init__`` was written (a new version
    rewrites it), without importing it (importlib.metadata would cost ~2 ms a package)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.origin:
        return f"{package}: not installed"
    stat = os.stat(spec.origin)
    return f"{spec.origin} {stat.st_size} {stat.st_mtime_ns}"


def cache_dir() -> Path:
    """The folder that holds the cached results (it may not exist yet)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "psoas-explainer"


@functools.cache
def code_digest() -> str:
    """A digest of the package's source files and of the drawing libraries' installed files
    (name, size, modification time: what Python's own bytecode cache trusts; reading or asking
    package metadata would cost ~10 ms a kernel)."""
    digest = hashlib.sha256()
    for package in DRAWING_LIBRARIES:
        digest.update(f"{_installed(package)}\n".encode())
    for folder, subfolders, files in sorted(os.walk(PACKAGE_DIR)):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        for name in sorted(f for f in files if f.endswith(".py")):
            stat = os.stat(os.path.join(folder, name))
            relative = os.path.relpath(os.path.join(folder, name), PACKAGE_DIR)
            digest.update(f"{relative} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def cache_path(name: str, arguments: Any, suffix: str = "png") -> Path:
    """Where the result for ``name`` with ``arguments`` (JSON-able) is kept."""
    key = hashlib.sha256(json.dumps([name, arguments, code_digest()], sort_keys=True).encode()).hexdigest()
    return cache_dir() / f"{name}-{key[:24]}.{suffix}"


def cached_bytes(
    name: str, arguments: Any, make: Callable[[], bytes], valid: Callable[[bytes], bool], suffix: str
) -> bytes:
    """What ``make()`` returns for ``name`` with ``arguments``: from the cache when it is there and
    ``valid``, else made now and stored (written atomically: kernels may race)."""
    data = read_cached(name, arguments, valid, suffix)
    if data is None:
        data = make()
        store(name, arguments, data, suffix)
    return data


def read_cached(name: str, arguments: Any, valid: Callable[[bytes], bool], suffix: str) -> bytes | None:
    """The stored result for ``name`` with ``arguments`` if it is there and ``valid``, else None."""
    try:
        data = cache_path(name, arguments, suffix).read_bytes()
    except OSError:
        return None
    return data if data and valid(data) else None


def store(name: str, arguments: Any, data: bytes, suffix: str) -> None:
    """Keep ``data`` as the result for ``name`` with ``arguments`` (written atomically: kernels
    may race); a folder that cannot be written is skipped."""
    path = cache_path(name, arguments, suffix)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as error:
        log.info("cache not written (%s): %s", path, error)


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"IEND\xaeB`\x82"


def complete_png(data: bytes | memoryview) -> bool:
    """A whole PNG file (signature and end chunk), checked without decoding it (no Pillow); also
    for a view into a larger buffer (``frame_strip.unpack``)."""
    return len(data) > 33 and data[: len(PNG_SIGNATURE)] == PNG_SIGNATURE and data[-len(PNG_END) :] == PNG_END


def png_width_px(data: bytes) -> int:
    """The pixel width in a PNG's header chunk."""
    return int.from_bytes(data[16:20], "big")


def _valid_png(data: bytes) -> bool:
    from PIL import Image

    try:
        with Image.open(BytesIO(data)) as image:
            image.verify()
            return image.format == "PNG"
    except Exception:  # noqa: BLE001 - Pillow raises many kinds for a broken file
        return False


def cached_png(name: str, arguments: Any, draw: Callable[[], bytes]) -> bytes:
    """The PNG ``draw()`` makes for ``name`` with ``arguments``, drawn once per machine."""
    return cached_bytes(name, arguments, draw, _valid_png, "png")


def cached_json(name: str, arguments: Any, make: Callable[[], Any], valid: Callable[[Any], bool]) -> Any:
    """The JSON-able value ``make()`` returns for ``name`` with ``arguments``, made once per
    machine; a stored value that is not JSON or not ``valid`` is made again."""

    def readable(data: bytes) -> bool:
        try:
            return bool(valid(json.loads(data)))
        except (ValueError, TypeError):
            return False

    return json.loads(cached_bytes(name, arguments, lambda: json.dumps(make()).encode(), readable, "json"))
