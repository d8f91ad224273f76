"""How a picture travels: a data: URL that gives back exactly the bytes it carries."""

import ipywidgets as w
import pytest

from psoas.live.picture import WIRE_FORMAT, as_data_url, picture_widget, shown_picture

PNG_START = b"\x89PNG\r\n\x1a\n"


def test_a_picture_travels_as_a_data_url_and_comes_back_byte_for_byte():
    png = PNG_START + bytes(range(256)) * 3
    widget = picture_widget(png, "png", "120px", "100%", "psoas-figure")
    assert widget.format == WIRE_FORMAT == "url"
    assert bytes(widget.value).startswith(b"data:image/png;base64,")
    assert shown_picture(widget) == png
    assert widget.layout.width == "120px" and "psoas-figure" in widget._dom_classes


def test_jpeg_gets_its_own_media_type_and_unknown_formats_are_refused():
    assert as_data_url(b"\xff\xd8\xff", "jpeg").startswith(b"data:image/jpeg;base64,")
    with pytest.raises(ValueError, match="cannot send a 'gif' picture"):
        as_data_url(b"GIF89a", "gif")


def test_a_widget_with_plain_png_bytes_shows_those_bytes():
    assert shown_picture(w.Image(value=PNG_START, format="png")) == PNG_START
