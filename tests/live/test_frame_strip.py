"""Pictures switched in the page: the frames the kernel draws ahead, and how it hands them out."""

import hashlib
import os
import time

import ipywidgets as w
import pytest

from psoas.disk_cache import PNG_SIGNATURE, cache_path, png_width_px
from psoas.live import frame_strip
from psoas.widgets import projector
from psoas.live.frame_strip import FrameStrip
from psoas.live.picture import shown_picture
from psoas.widgets.posture_scene import PostureScene


def asking(scene):
    """Catch what the scene's strip sends to the page: (message, frames) pairs."""
    sent = []

    def send(content, buffers=None):
        (body,), frames, at = buffers, [], 0
        for n in content["lengths"]:
            frames.append(bytes(body[at : at + n]))
            at += n
        assert at == len(body)
        sent.append(({k: v for k, v in content.items() if k != "lengths"}, frames))

    scene.image.send = send
    return sent


def ask(scene, key=None):
    """Ask the strip for frames as a page does when it shows the strip."""
    scene.image._on_message(scene.image, {"type": "frames?", "key": key or scene.image.frames_key}, [])


def scene_in_own_cache(monkeypatch, tmp_path):
    """A scene whose frames go to an empty cache folder; with its catcher (``asking``)."""
    monkeypatch.setenv("PSOAS_CACHE_DIR", str(tmp_path))
    scene = PostureScene()
    return scene, asking(scene)


def kernel_picture(scene, pct):
    scene.slider.value = pct
    scene.updates.flush()
    return shown_picture(scene.image)


def test_pack_and_unpack_keep_the_frames_and_refuse_anything_else():
    scene = PostureScene()
    frames = [kernel_picture(scene, 0.0), kernel_picture(scene, 1.0)]
    packed = frame_strip.pack(frames)
    assert frame_strip.unpack(packed) == frames
    assert frame_strip.unpack(packed[:-5]) is None  # cut short
    assert frame_strip.unpack(b"not frames") is None
    assert frame_strip.unpack(packed.replace(PNG_SIGNATURE, b"\x00" * len(PNG_SIGNATURE), 1)) is None
    broken_header = frame_strip._MAGIC + b"[1, x]\n" + b"".join(frames)
    assert frame_strip.unpack(broken_header) is None


def test_the_page_gets_every_position_exactly_as_the_kernel_draws_it():
    scene = PostureScene()
    sent = asking(scene)
    scene.slider.value = 2.0
    scene.updates.flush()
    shown = shown_picture(scene.image)

    ask(scene)

    ((content, frames),) = sent
    texts = content.pop("texts")
    assert content == {"type": "frames", "key": scene.image.frames_key}
    lo, hi, step = scene.slider.min, scene.slider.max, scene.slider.step
    assert scene.image.texts == [scene.readout, scene.description] and len(texts) == 2 * 76
    assert texts[20] == [scene.readout.value, scene.description.value]  # the numbers and words of 2.0 %
    # Both readings of the evidence (issue 16), each at every slider position: 2 x 76.
    assert len(frames) == 2 * (round((hi - lo) / step) + 1) == 152
    assert scene.image.controls == [scene.reading, scene.slider]
    assert scene.image.grid == [{"trait": "index", "count": 2}, {"trait": "value", "min": lo, "step": step, "count": 76}]
    # The figure is left as it was: the next picture of the same value is the one shown before.
    scene.live.refresh()
    assert shown_picture(scene.image) == shown == frames[20]
    for index in (0, 33, 75):
        assert frames[index] == kernel_picture(scene, round(lo + index * step, 1)), index
        assert texts[index] == [scene.readout.value, scene.description.value], index
    assert len(set(frames[:76])) == 76  # every position of a reading is its own picture


def test_frames_are_drawn_once_per_machine(monkeypatch, tmp_path):
    scene, sent = scene_in_own_cache(monkeypatch, tmp_path)
    ask(scene)
    assert len(list(tmp_path.glob("frames-*.bin"))) == 1

    later = PostureScene()
    later_sent = asking(later)
    monkeypatch.setattr(later, "draw_frames", lambda: pytest.fail("the frames were drawn again"))
    ask(later, scene.image.frames_key)
    assert later_sent[0][1] == sent[0][1]


def test_a_broken_frames_file_is_drawn_again(monkeypatch, tmp_path):
    scene, sent = scene_in_own_cache(monkeypatch, tmp_path)
    ask(scene)
    (stored,) = tmp_path.glob("frames-*.bin")
    stored.write_bytes(stored.read_bytes()[:1000])

    ask(scene)

    assert len(sent) == 2 and sent[1][1] == sent[0][1]
    assert frame_strip.unpack(stored.read_bytes()) == sent[0][1]


@pytest.mark.parametrize(
    "content", [{"type": "frames?", "key": "old-key"}, {"type": "frames?"}, {"type": "other"}, "frames?", None]
)
def test_questions_that_do_not_match_get_no_frames(content):
    scene = PostureScene()
    sent = asking(scene)
    scene.image._on_message(scene.image, content, [])
    assert sent == [] and scene.image.frames_sent == 0


def test_drawing_that_fails_leaves_the_kernel_pictures(monkeypatch, caplog):
    scene = PostureScene()
    sent = asking(scene)
    monkeypatch.setattr(scene, "frames", lambda key: 1 / 0)
    scene.image.frames_for = scene.frames
    scene.image._on_message(scene.image, {"type": "frames?", "key": scene.image.frames_key}, [])
    assert sent == []
    assert "drawing the frames" in caplog.text
    assert kernel_picture(scene, 1.0) != kernel_picture(scene, 2.0)  # the scene still works


def test_projector_mode_names_other_frames_and_refuses_the_old_ones():
    scene = PostureScene()
    sent = asking(scene)
    normal_key = scene.image.frames_key
    try:
        projector.set_projector(True)
        assert scene.image.frames_key == scene.frames_key(True) != normal_key
        scene.image._on_message(scene.image, {"type": "frames?", "key": normal_key}, [])
        assert sent == []
        scene.image._on_message(scene.image, {"type": "frames?", "key": scene.image.frames_key}, [])
        ((_, frames),) = sent
        assert frames[0] == kernel_picture(scene, 0.0)  # drawn at the projector's size
    finally:
        projector.set_projector(False)
    assert scene.image.frames_key == normal_key


def test_the_strip_speaks_anywidgets_protocol():
    """The strip is not an ``anywidget.AnyWidget`` (its module costs each kernel ~1.8 MB), so
    check that it sends the same model and view names, versions and keys as one."""
    import anywidget

    class Reference(anywidget.AnyWidget):
        _esm = "export default {}"

    ours, theirs = FrameStrip().get_state(), Reference().get_state()
    for key in ("_model_name", "_model_module", "_model_module_version", "_view_name", "_view_module",
                "_view_module_version"):  # fmt: skip
        assert ours[key] == theirs[key], key
    assert {"_esm", "_anywidget_id"} <= set(ours) and {"_esm", "_anywidget_id"} <= set(theirs)
    assert "export default" in ours["_esm"]


def tell(scene, kind, view, key=None):
    """A message from one view of the strip on a page."""
    scene.image._on_message(scene.image, {"type": kind, "key": key or scene.image.frames_key, "view": view}, [])


def test_while_every_view_shows_the_frames_the_kernel_only_sends_the_numbers():
    scene = PostureScene()
    asking(scene)
    tell(scene, "frames?", "a")
    assert not scene.image.views_show_frames  # asked, but the frames are not shown yet
    tell(scene, "showing", "a")
    assert scene.image.views_show_frames
    frames_before, picture_before, readout_before = scene.live.stats.frames, scene.image.value, scene.readout.value

    scene.slider.value = 4.2

    assert scene.readout.value != readout_before
    assert (scene.live.stats.frames, scene.image.value) == (frames_before, picture_before)

    scene.slider.value = 4.25  # between positions (from code): no frame shows it, so the kernel draws
    assert scene.image.value != picture_before
    assert shown_picture(scene.image) == kernel_picture(PostureScene(), 4.25)


def test_a_view_that_asks_gets_the_current_picture_and_the_kernel_draws_until_it_shows_frames():
    scene = PostureScene()
    sent = asking(scene)
    tell(scene, "frames?", "a")
    tell(scene, "showing", "a")
    scene.slider.value = 5.0
    stale = shown_picture(scene.image)

    tell(scene, "frames?", "b")  # a second view, showing the kernel's picture for now

    assert shown_picture(scene.image) != stale
    assert shown_picture(scene.image) == sent[-1][1][50]  # the frame of 5.0 %
    assert not scene.image.views_show_frames
    frames_before = scene.live.stats.frames
    scene.slider.value = 5.1
    assert scene.live.stats.frames == frames_before + 1
    tell(scene, "gone", "b")
    assert scene.image.views_show_frames


def test_showing_old_frames_or_an_unknown_view_does_not_count():
    scene = PostureScene()
    asking(scene)
    tell(scene, "showing", "never-asked")
    assert not scene.image.views_show_frames
    tell(scene, "frames?", "a")
    tell(scene, "showing", "a", key="old-key")
    assert not scene.image.views_show_frames


def test_projector_mode_makes_the_kernel_draw_until_the_new_frames_show(monkeypatch, tmp_path):
    scene, sent = scene_in_own_cache(monkeypatch, tmp_path)  # frames drawn by this figure
    tell(scene, "frames?", "a")
    tell(scene, "showing", "a")
    scene.slider.value = 2.0
    try:
        projector.set_projector(True)
        assert not scene.image.views_show_frames
        shown = shown_picture(scene.image)
        tell(scene, "frames?", "a")
        assert sent[-1][1][20] == shown  # the current value, at the projector's size
        assert png_width_px(shown) > 1.4 * png_width_px(sent[0][1][20])
        tell(scene, "showing", "a")
        assert scene.image.views_show_frames
    finally:
        projector.set_projector(False)


def test_frames_match_each_kernels_own_pictures_whatever_its_palette(monkeypatch, tmp_path):
    """A kernel that went through projector mode made its palette at another value; the frames
    it gets must still be the very pictures it would draw."""
    travelled, sent = scene_in_own_cache(monkeypatch, tmp_path)
    travelled.slider.value = 5.0
    try:
        projector.set_projector(True)
    finally:
        projector.set_projector(False)
    ask(travelled)
    fresh = PostureScene()
    fresh_sent = asking(fresh)
    ask(fresh)
    for scene, frames in ((travelled, sent[-1][1]), (fresh, fresh_sent[-1][1])):
        for index in (0, 50, 75):
            assert frames[index] == kernel_picture(scene, index / 10), index


def test_while_another_kernel_draws_the_frames_the_page_is_told_to_wait(monkeypatch, tmp_path):
    scene, _ = scene_in_own_cache(monkeypatch, tmp_path)
    told = []
    scene.image.send = lambda content, buffers=None: told.append((content, buffers))
    palette = bytes(scene.live.palette.getpalette())
    key = [scene.image.frames_key, hashlib.sha256(palette).hexdigest()[:16]]  # as PostureScene.frames
    lock = cache_path(frame_strip.CACHE_NAME, key, "lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    lock.touch()

    ask(scene)

    assert told == [({"type": "wait", "key": scene.image.frames_key, "retry_ms": frame_strip.RETRY_MS}, None)]
    old = time.time() - frame_strip.LOCK_STALE_S - 5  # the kernel that held it died while drawing
    os.utime(lock, (old, old))
    sent = asking(scene)
    ask(scene)
    assert len(sent) == 1 and len(sent[0][1]) == 152
    assert not lock.exists()


def test_bad_questions_do_not_stop_the_kernel_skipping_pictures(caplog):
    scene = PostureScene()
    asking(scene)
    tell(scene, "frames?", "a")
    tell(scene, "showing", "a")
    for content in ({"type": "frames?", "key": "", "view": "b"}, {"type": "frames?", "key": 3, "view": "b"}):
        scene.image._on_message(scene.image, content, [])
    assert scene.image.views_show_frames


def test_a_failing_catch_up_still_sends_the_frames(monkeypatch, caplog):
    scene = PostureScene()
    sent = asking(scene)
    scene.image.on_asking = lambda: 1 / 0
    ask(scene)
    assert len(sent) == 1 and "bringing the picture up to date failed" in caplog.text


def test_without_anywidget_the_scene_shows_the_kernels_pictures(monkeypatch, caplog):
    def missing():
        raise RuntimeError("anywidget is not installed")

    monkeypatch.setattr(frame_strip, "anywidget_version_range", missing)
    scene = PostureScene()
    assert isinstance(scene.image, w.Image) and "anywidget is not installed" in caplog.text
    before = shown_picture(scene.image)
    scene.slider.value = 3.0
    assert shown_picture(scene.image) != before
    try:
        projector.set_projector(True)
    finally:
        projector.set_projector(False)
