"""A scene's figure built behind its cached first picture: the page never shows a wrong picture,
a step waits for the build, a failed build is reported, and chapters import no matplotlib."""

import asyncio
import subprocess
import sys
import threading

import ipywidgets as w
import pytest
from matplotlib.figure import Figure

from psoas.disk_cache import CACHE_ENV, cache_path, png_width_px
from psoas.live import deferred
from psoas.widgets import projector
from psoas.live.deferred import CACHE_NAME, DeferredFigure
from psoas.widgets.format import message_html
from psoas.live.picture import shown_picture
from psoas.widgets.posture_scene import PostureScene
from psoas.live.render import LiveFigure
from psoas.live.schedule import running_loop

from tests.widgets.test_scenes import SCENES
from .test_schedule import in_fresh_loop


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


class Build:
    """A LiveFigure of a small figure; counts its builds and can be held back or made to fail."""

    def __init__(self, colour="tab:blue", hold=False, fail=False):
        self.colour, self.fail = colour, fail
        self.calls, self.threads = 0, []
        self.release = threading.Event()
        if not hold:
            self.release.set()

    def __call__(self, widget):
        self.calls += 1
        self.threads.append(threading.current_thread().name)
        assert self.release.wait(timeout=30), "the test never released the build"
        if self.fail:
            raise RuntimeError("simulated build failure")
        figure = Figure(figsize=(2.0, 1.5), dpi=50)
        ax = figure.add_subplot()
        ax.plot([0, 1], [0, 1], color=self.colour)
        return LiveFigure(figure, css_class="psoas-figure", widget=widget)


KEY = ["TestScene", "nl", [0.0]]


def test_without_a_cached_picture_it_builds_at_once_and_keeps_the_picture(cache):
    build = Build()
    job = DeferredFigure(build, KEY, defer=True)
    assert build.calls == 1 and build.threads == [threading.current_thread().name]
    assert job.ready and job.widget is job.get().widget
    stored = cache_path(CACHE_NAME, KEY, "png").read_bytes()
    assert stored == shown_picture(job.widget) and png_width_px(stored) == 100  # 2.0 in x 50 dpi


def test_with_a_cached_picture_the_page_shows_it_before_the_build_has_run(cache):
    first = DeferredFigure(Build(), KEY, defer=True)
    build = Build(hold=True)
    job = DeferredFigure(build, KEY, css_class="psoas-figure", defer=True)
    assert job.widget.value == first.widget.value  # shown at once, from the cache
    assert job.widget.layout.width == "100px" and "psoas-figure" in job.widget._dom_classes
    assert not job.ready
    build.release.set()
    live = job.get()  # a step waits for the build
    assert build.threads == ["psoas-figure_0"]  # built on the figure thread
    assert live.widget is job.widget and shown_picture(job.widget) == live.first_frame


def test_outside_a_kernel_nothing_is_deferred_by_default(cache):
    DeferredFigure(Build(), KEY, defer=True)
    build = Build()
    DeferredFigure(build, KEY)  # no IPython kernel's loop runs here
    assert build.threads == [threading.current_thread().name]


def test_a_cached_picture_that_differs_from_the_figure_is_replaced(cache):
    DeferredFigure(Build(colour="tab:red"), KEY, defer=True)  # as if the drawing code had changed
    job = DeferredFigure(Build(colour="tab:blue"), KEY, defer=True)
    stale = job.widget.value
    live = job.get()
    assert shown_picture(job.widget) == live.first_frame != shown_picture(w.Image(value=stale, format=job.widget.format))
    assert cache_path(CACHE_NAME, KEY, "png").read_bytes() == live.first_frame  # repaired for later kernels


def test_in_a_kernel_the_widget_is_brought_up_to_date_when_the_build_is_done(cache, monkeypatch):
    DeferredFigure(Build(colour="tab:red"), KEY, defer=True)
    monkeypatch.setattr(deferred, "kernel_loop", running_loop)  # as inside the kernel's loop
    jobs = []

    def body(loop):
        jobs.append(DeferredFigure(Build(colour="tab:blue"), KEY))
        jobs[0]._future.result(timeout=30)  # the build is done; its callback is on the loop

    in_fresh_loop(body)  # ... and runs on the loop's next turns, not when a step asks
    job = jobs[0]
    assert job._synced and shown_picture(job.widget) == job._live.first_frame


def test_a_failed_build_is_raised_when_the_figure_is_needed_and_the_picture_stays(cache):
    first = DeferredFigure(Build(), KEY, defer=True)
    job = DeferredFigure(Build(fail=True), KEY, defer=True)
    with pytest.raises(RuntimeError, match="simulated"):
        job.get()
    assert job.widget.value == first.widget.value


def test_a_scene_built_behind_its_cached_picture_moves_like_one_built_at_once(cache, monkeypatch):
    direct = PostureScene()  # built at once; it stores the first picture
    loop = asyncio.new_event_loop()  # never turns: the scene must not wait for it
    monkeypatch.setattr(deferred, "kernel_loop", lambda: loop)  # as inside a kernel
    try:
        scene = PostureScene()
        assert scene.figure_job._future is not None  # deferred
        assert scene.image.value == direct.image.value
        for value in (4.0, 12.5):
            direct.slider.value = value
            scene.slider.value = value  # the first step waits for the build
            assert scene.image.value == direct.image.value
            assert scene.readout.value == direct.readout.value
    finally:
        loop.close()


def test_chapter_modules_import_no_matplotlib():
    modules = ["header", "static", "quiz", "posture_scene", "low_back_scene", "gait_scene", "hip_knee_scene",
               "flexibility_scene", "sport_scene", "sitting_scene", "summary_scene"]  # fmt: skip
    code = (
        "import sys\n"
        + "".join(f"import psoas.widgets.{name}\n" for name in modules)
        + "print(sorted(m for m in ('matplotlib', 'PIL') if m in sys.modules))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert found == "[]", found  # Pillow too only when a picture must be drawn or checked


@pytest.mark.parametrize("cls", [PostureScene] + SCENES, ids=lambda c: c.__name__)
def test_every_scene_is_complete_on_the_page_before_its_figure_is_built(cls, cache, monkeypatch):
    direct = cls()  # built at once; it stores the first picture
    loop = asyncio.new_event_loop()
    monkeypatch.setattr(deferred, "kernel_loop", lambda: loop)  # as inside a kernel
    gate = threading.Event()
    deferred._executor().submit(gate.wait, 30)  # the figure thread is busy: the build must wait
    try:
        scene = cls()
        assert not scene.figure_job.ready
        assert scene.figure_job.widget.value == direct.live.widget.value
        assert scene.readout.value == direct.readout.value and scene.status.value == direct.status.value
    finally:
        gate.set()
        loop.close()
    controls = scene.inputs if hasattr(scene, "inputs") else [scene.slider]
    slider = next(c for c in controls if isinstance(c, w.FloatSlider))
    slider.value = 6.0  # the step waits for the build, then draws
    assert scene.figure_job.ready and scene.status.value == ""
    direct_controls = direct.inputs if hasattr(direct, "inputs") else [direct.slider]
    next(c for c in direct_controls if isinstance(c, w.FloatSlider)).value = 6.0
    assert scene.figure_job.widget.value == direct.live.widget.value  # the same picture as built at once
    assert scene.readout.value == direct.readout.value


def deferred_and_failing(monkeypatch, cls):
    """Build ``cls`` as in a kernel with a cached first picture, its figure's build failing."""
    cls()  # stores the first picture
    loop = asyncio.new_event_loop()
    monkeypatch.setattr(deferred, "kernel_loop", lambda: loop)
    original = cls._build_live if hasattr(cls, "_build_live") else cls._build_figure

    def failing(self, *args):
        raise RuntimeError("simulated build failure")

    monkeypatch.setattr(cls, original.__name__, failing)
    return loop


@pytest.mark.parametrize("cls", [PostureScene, SCENES[0]], ids=lambda c: c.__name__)
def test_a_failed_build_shows_the_dutch_message_at_the_first_step_and_the_numbers_follow(cls, cache, monkeypatch):
    loop = deferred_and_failing(monkeypatch, cls)
    try:
        scene = cls()
        readout = scene.readout.value
        scene.slider.value = 5.0
    finally:
        loop.close()
    assert scene.status.value == message_html(scene.text["error.figure"])
    assert scene.readout.value != readout


def test_projector_mode_with_a_failed_build_keeps_the_page(cache, monkeypatch):
    loop = deferred_and_failing(monkeypatch, PostureScene)
    monkeypatch.setitem(projector._state, "on", True)
    try:
        scene = PostureScene()  # projector mode asks for the figure at once: the build failed
    finally:
        loop.close()
    assert scene.widget is not None and scene.image.value  # the cached picture stays on the page
