"""make static: every page is there, within its budget, from the site alone, and a rebuild keeps what did not change."""

import json
import re

import pytest

from psoas.static_site.build import LANGUAGES, build_site, markdown_html, notebooks, run_cell
from psoas.static_site.weight import INTERACTIVE_BUDGET_BYTES, PAGE_BUDGET_BYTES, SITE_BUDGET_BYTES, page_weight, site_bytes
from psoas.live.positions import grid_size

PAGES = [(language, path.stem) for language in LANGUAGES for path in notebooks(language)]


def test_every_notebook_has_a_page_in_both_languages(static_site):
    assert len(PAGES) == 24  # 12 notebooks, Dutch and English
    for language, stem in PAGES:
        page = static_site / language / f"{stem}.html"
        assert page.is_file(), page
        assert f'<html lang="{language}">' in page.read_text()
    assert "nl/00-start.html" in (static_site / "index.html").read_text()


@pytest.mark.parametrize(("language", "stem"), PAGES)
def test_a_page_asks_nothing_of_the_internet_and_finds_every_file(static_site, language, stem):
    text = (static_site / language / f"{stem}.html").read_text()
    for url in re.findall(r'(?:src|href)="([^"]+)"', text):
        if url.startswith(("http://", "https://", "//")):
            assert not re.search(r"\.(js|css|woff2?|png|svg|json)\b", url), f"an asset from outside the site: {url}"
            continue
        assert not url.startswith("data:image"), "a picture inside the page: it should be a file the browser keeps"
        if url.startswith(("#", "mailto:", "data:,")):  # data:, is the empty icon (no favicon request)
            continue
        target = (static_site / language / url.split("#")[0].split("?")[0]).resolve()
        assert target.is_file(), f"{stem}: {url} is not in the site"
    assert ".ipynb" not in "".join(re.findall(r'href="([^"]+)"', text)), "a link still points to a notebook"


@pytest.mark.parametrize(("language", "stem"), PAGES)
def test_every_page_stays_inside_its_budget(static_site, language, stem):
    weight = page_weight(static_site / language / f"{stem}.html")
    assert weight.interactive_bytes <= INTERACTIVE_BUDGET_BYTES
    assert weight.total_bytes <= PAGE_BUDGET_BYTES


def test_the_whole_site_stays_inside_its_budget(static_site):
    assert site_bytes(static_site) <= SITE_BUDGET_BYTES


def test_a_manifest_has_every_position_of_the_scene(static_site):
    from psoas.widgets.gait_scene import GaitScene

    text = (static_site / "nl" / "03-looppatroon-en-balans.html").read_text()
    (manifest_url,) = re.findall(r'data-psoas-scene="([^"]+)"', text)
    manifest = json.loads((static_site / "nl" / manifest_url).read_text())
    expected = grid_size(GaitScene().positions())
    assert expected == 16 * 16
    for key in ("frames", "readouts", "words"):
        assert len(manifest[key]) == expected, key
    assert [c["param"] for c in manifest["controls"]] == ["links", "rechts"]
    assert len(set(manifest["frames"])) > expected // 2  # the pictures differ


def test_a_rebuild_with_nothing_changed_writes_nothing(static_site):
    before = {p: p.stat().st_mtime_ns for p in static_site.rglob("*") if p.is_file() and not p.name.startswith(".")}
    build_site(static_site)
    after = {p: p.stat().st_mtime_ns for p in static_site.rglob("*") if p.is_file() and not p.name.startswith(".")}
    assert after == before


def test_a_changed_picture_replaces_the_old_file(tmp_path):
    from psoas.static_site.markup import Assets

    assets = Assets(tmp_path)
    old = assets.picture(_png((255, 0, 0)))
    assets.save()
    again = Assets(tmp_path)
    new = again.picture(_png((0, 0, 255)))
    from psoas.static_site.build import remove_unused

    remove_unused(tmp_path, again.written)
    assert new != old and (tmp_path / new).is_file() and not (tmp_path / old).exists()


def _png(colour) -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, format="PNG")
    return out.getvalue()


def test_links_to_notebooks_become_links_to_pages():
    html = markdown_html("[Houding](01-houding.ipynb) · [Model](09-hoe-werkt-het-model.ipynb#top) · [x](https://psoas.be)")
    assert 'href="01-houding.html"' in html and 'href="09-hoe-werkt-het-model.html#top"' in html
    assert 'href="https://psoas.be"' in html


def test_a_cell_runs_as_in_a_kernel_and_gives_its_last_value():
    namespace = {}
    assert run_cell("x = 2\n\nx * 21", namespace) == 42
    assert run_cell("y = 1", namespace) is None
