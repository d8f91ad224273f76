"""Session-wide: the disk cache lives in a fresh folder, so no test leans on pictures that
an earlier run (or the developer's own ``make app``) left in ~/.cache."""

import os
import shutil
import tempfile

from psoas.disk_cache import CACHE_ENV

_CACHE = tempfile.mkdtemp(prefix="psoas-test-cache-")


def pytest_configure(config):
    os.environ[CACHE_ENV] = _CACHE  # inherited by the kernels and Voilà servers the tests start


def pytest_unconfigure(config):
    shutil.rmtree(_CACHE, ignore_errors=True)
