"""Static pictures are drawn once per machine; a broken or unwritable cache only costs a redraw."""

import base64
import html
import io
import re

import numpy as np
import pytest
from PIL import Image

from psoas import disk_cache
from psoas.content import strings
from psoas.disk_cache import CACHE_ENV, cache_path, cached_json, cached_png
from psoas.widgets.static import comparison_png, show_comparison


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def png_of(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), colour).save(buffer, format="PNG")
    return buffer.getvalue()


class Drawer:
    def __init__(self, colour="red"):
        self.calls, self.colour = 0, colour

    def __call__(self):
        self.calls += 1
        return png_of(self.colour)


def test_drawn_once_then_read_from_disk(cache):
    draw = Drawer()
    first = cached_png("toy", {"a": 1}, draw)
    second = cached_png("toy", {"a": 1}, draw)
    assert draw.calls == 1 and first == second
    assert cache_path("toy", {"a": 1}).read_bytes() == first


def test_other_arguments_or_other_code_draw_again(cache, monkeypatch):
    draw = Drawer()
    cached_png("toy", {"a": 1}, draw)
    cached_png("toy", {"a": 2}, draw)
    assert draw.calls == 2
    monkeypatch.setattr(disk_cache, "code_digest", lambda: "changed source")
    cached_png("toy", {"a": 1}, draw)
    assert draw.calls == 3


def test_a_broken_file_is_drawn_again_and_repaired(cache):
    draw = Drawer()
    good = cached_png("toy", {}, draw)
    cache_path("toy", {}).write_bytes(good[:20])  # cut off, as by a full disk
    assert cached_png("toy", {}, draw) == good and draw.calls == 2
    assert cache_path("toy", {}).read_bytes() == good


def test_a_cache_that_cannot_be_written_still_gives_the_picture(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))
    draw = Drawer()
    assert cached_png("toy", {}, draw) == png_of("red")
    assert cached_png("toy", {}, draw) == png_of("red") and draw.calls == 2


def test_the_cached_comparison_is_the_figure_drawn_now(cache):
    from psoas.content import figure_labels, strings
    from psoas.draw.figures import comparison_figure
    from psoas.live.render import still_png

    text = strings("nl")
    fresh = still_png(
        comparison_figure(figure_labels(text), (text["figure.neutral_title"], text["figure.tilted_title"]))
    )
    first, again = comparison_png("nl"), comparison_png("nl")
    assert first == fresh and again == fresh
    assert len(list(cache.glob("comparison-*.png"))) == 1
    assert comparison_png("en") != first  # English labels: another picture
    pixels = np.asarray(Image.open(io.BytesIO(first)).convert("RGB"))
    assert pixels.shape[1] == 1040  # 10.4 in at 100 dpi, as the figure says


def test_the_comparison_shows_the_cached_picture_at_its_own_width(cache):
    page = show_comparison().data
    img = re.search(r'<img class="psoas-comparison" src="data:image/png;base64,([^"]+)" width="(\d+)" alt="([^"]+)"', page)
    assert base64.b64decode(img.group(1)) == comparison_png("nl")
    assert img.group(2) == "1040"
    assert html.unescape(img.group(3)) == strings("nl")["figure.comparison_words"] != ""


def test_json_values_are_kept_and_a_value_that_does_not_fit_is_made_again(cache):
    made = []

    def make():
        made.append(1)
        return {"axes": [[0.1, 0.2, 0.3, 0.4]]}

    def fits(value):
        return len(value["axes"]) == 1

    assert cached_json("toy", [1], make, fits) == {"axes": [[0.1, 0.2, 0.3, 0.4]]}
    assert cached_json("toy", [1], make, fits) == {"axes": [[0.1, 0.2, 0.3, 0.4]]} and len(made) == 1
    cache_path("toy", [1], "json").write_text('{"axes": []}')  # a layout of another figure
    assert cached_json("toy", [1], make, fits)["axes"] and len(made) == 2
    cache_path("toy", [1], "json").write_text("{not json")
    assert cached_json("toy", [1], make, fits)["axes"] and len(made) == 3
