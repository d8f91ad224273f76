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


# --- the static site (make static), built once per session ------------------------------------

import contextlib  # noqa: E402

import pytest  # noqa: E402

from harness.servers import FileServer  # noqa: E402


@pytest.fixture(scope="session")
def static_site(tmp_path_factory):
    """A static site built from the notebooks, as ``make static`` builds it (Dutch and English)."""
    from psoas.static_site.build import build_site

    site = tmp_path_factory.mktemp("site")
    build_site(site)
    return site


@contextlib.contextmanager
def serving(folder):
    """A plain file server on a free loopback port: what a school's web server does."""
    with FileServer(folder) as files:
        yield files.base


@pytest.fixture(scope="session")
def static_url(static_site):
    """The static site on a plain file server (no kernel anywhere)."""
    with serving(static_site) as url:
        yield url
