"""How a figure's picture travels to the browser: as a data: URL in an ``Image`` widget.

An ``Image`` widget with a PNG ``format`` makes the browser wrap each picture in a ``blob:``
URL, which Chromium registers and fetches through its browser process before decoding; with
``format="url"`` and a ``data:`` URL the page decodes the picture itself.  Measured side by side
through Voilà in Chromium: a slider step reaches the screen ~9 ms sooner (median; 33 % more
bytes on the wire, ~35 kB a frame on loopback, docs/performance.md).  No matplotlib here.
"""

from __future__ import annotations

import base64

import ipywidgets as w

WIRE_FORMAT = "url"  # the Image widget's format for every live picture
_MEDIA_TYPES = {"png": b"image/png", "jpeg": b"image/jpeg"}


def as_data_url(picture: bytes, picture_format: str = "png") -> bytes:
    """``picture`` (PNG or JPEG bytes) as the value of an ``Image`` widget with ``format="url"``."""
    try:
        media_type = _MEDIA_TYPES[picture_format]
    except KeyError:
        raise ValueError(f"cannot send a {picture_format!r} picture; use one of {sorted(_MEDIA_TYPES)}") from None
    return b"data:" + media_type + b";base64," + base64.b64encode(picture)


def shown_picture(widget: w.Image) -> bytes:
    """The encoded picture (PNG or JPEG bytes) an ``Image`` widget shows, whichever way it travels."""
    value = bytes(widget.value)
    if widget.format == WIRE_FORMAT and value.startswith(b"data:"):
        return base64.b64decode(value.split(b",", 1)[1])
    return value


def picture_widget(
    picture: bytes, picture_format: str, width_css: str, max_width: str, css_class: str | None
) -> w.Image:
    """An ``Image`` widget showing ``picture`` at ``width_css`` (narrower on a narrow screen)."""
    widget = w.Image(
        value=as_data_url(picture, picture_format), format=WIRE_FORMAT,
        layout=w.Layout(width=width_css, max_width=max_width, height="auto"),
    )  # fmt: skip
    if css_class:
        widget.add_class(css_class)
    return widget
