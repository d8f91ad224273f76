"""The phone layout in the kernel (issue 18): a view on a narrow screen asks for it, and the
scene then shows and sends that layout's pictures: the static site's phone pictures exactly."""

from psoas.disk_cache import png_width_px
from psoas.draw import style
from psoas.live import frame_strip
from psoas.live.picture import shown_picture
from psoas.live.snapshots import phone_pictures
from psoas.widgets.posture_scene import PostureScene


def png_height_px(png: bytes) -> int:
    return int.from_bytes(png[20:24], "big")


def tell(scene, **message):
    scene.image._on_message(scene.image, {"view": "v1", **message}, [])


def test_a_narrow_view_gets_the_phone_layout_and_its_frames():
    scene = PostureScene()
    desktop_key = scene.image.frames_key
    desktop_picture = shown_picture(scene.image)
    tell(scene, type="layout", phone=True)
    assert scene.phone and scene.image.figure_layout == "phone"
    assert scene.image.frames_key != desktop_key  # views drop the desktop's frames
    shown = shown_picture(scene.image)
    assert png_width_px(shown) == round(style.PHONE_WIDTH_IN * style.PHONE_DPI)
    assert png_height_px(shown) > png_width_px(shown) > 0 and shown != desktop_picture
    frames = frame_strip.unpack(scene.frames(scene.image.frames_key))
    assert len(frames) == 152  # both readings x 76 positions
    assert all(png_width_px(bytes(f)) == png_width_px(shown) for f in frames[:5])
    # The kernel's phone frames are the static site's phone pictures, byte for byte.
    assert [bytes(f) for f in frames] == phone_pictures(scene)


def test_a_slider_move_in_the_phone_layout_moves_the_phone_figure():
    scene = PostureScene()
    tell(scene, type="layout", phone=True)
    before = shown_picture(scene.image)
    scene.slider.value = 3.0
    after = shown_picture(scene.image)
    assert after != before and png_height_px(after) == png_height_px(before)


def test_a_wider_screen_brings_the_desktop_layout_back():
    scene = PostureScene()
    desktop_key, desktop_picture = scene.image.frames_key, shown_picture(scene.image)
    tell(scene, type="layout", phone=True)
    tell(scene, type="layout", phone=False)
    assert not scene.phone and scene.image.figure_layout == "desktop"
    assert scene.image.frames_key == desktop_key
    assert shown_picture(scene.image) == desktop_picture


def test_a_broken_layout_message_changes_nothing():
    scene = PostureScene()
    key = scene.image.frames_key
    tell(scene, type="layout", phone="yes please")  # only a true boolean asks for the phone
    tell(scene, type="layout")
    assert not scene.phone and scene.image.frames_key == key
