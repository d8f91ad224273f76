"""Phone frames in the static site (issue 18): every scene has its phone layout's picture for
every position, a narrow screen's page stays inside the budgets, and the page offers the phone
picture through a <picture> source that only a narrow screen takes."""

import json
import re

import pytest

from psoas.disk_cache import png_width_px
from psoas.draw import style
from psoas.live.frame_strip import PHONE_MEDIA
from psoas.static_site.build import LANGUAGES, notebooks
from psoas.static_site.weight import INTERACTIVE_BUDGET_BYTES, PAGE_BUDGET_BYTES, page_weight

CHAPTERS = [(language, path.stem) for language in LANGUAGES for path in notebooks(language) if re.match(r"0[1-8]-", path.stem)]
PHONE_WIDTH_PX = round(style.PHONE_WIDTH_IN * style.PHONE_DPI)


def manifests(site, language, stem):
    text = (site / language / f"{stem}.html").read_text()
    return text, [json.loads((site / language / url).read_text()) for url in re.findall(r'data-psoas-scene="([^"]+)"', text)]


@pytest.mark.parametrize(("language", "stem"), CHAPTERS)
def test_every_position_has_a_phone_picture(static_site, language, stem):
    text, found = manifests(static_site, language, stem)
    assert found, "a chapter without a scene"
    for manifest in found:
        phone, desktop = manifest["phone_frames"], manifest["frames"]
        assert len(phone) == len(desktop)
        assert not set(phone) & set(desktop)
        for url in {phone[0], phone[-1], phone[len(phone) // 2]}:
            png = (static_site / language / url).read_bytes()
            assert png_width_px(png) == PHONE_WIDTH_PX
            assert int.from_bytes(png[20:24], "big") > PHONE_WIDTH_PX  # portrait: taller than wide
    # The first picture: a <picture> whose phone source only a narrow screen takes.
    sources = re.findall(r'<picture><source media="([^"]+)" srcset="([^"]+)"', text)
    assert len(sources) == len(found)
    for (media, url), manifest in zip(sources, found):
        assert media == PHONE_MEDIA and url in manifest["phone_frames"]


@pytest.mark.parametrize(("language", "stem"), CHAPTERS)
def test_a_phone_page_stays_inside_its_budget(static_site, language, stem):
    phone, desktop = page_weight(static_site / language / f"{stem}.html", phone=True), page_weight(static_site / language / f"{stem}.html")
    assert phone.interactive_bytes <= INTERACTIVE_BUDGET_BYTES
    assert phone.total_bytes <= PAGE_BUDGET_BYTES
    assert phone.total_bytes != desktop.total_bytes  # the phone's count is of other pictures
