"""`make figures` writes PNG and SVG from the package's own drawing code."""

from PIL import Image

from psoas.export_figures import export


def test_export_writes_png_and_svg(tmp_path):
    written = export(tmp_path)
    names = {p.name for p in written}
    for stem in ("neutrale-bekkenstand", "voorwaartse-bekkenkanteling", "vergelijking"):
        assert {f"{stem}.png", f"{stem}.svg"} <= names
    with Image.open(tmp_path / "vergelijking.png") as image:
        assert image.width > 1000 and image.height > 800
    svg = (tmp_path / "neutrale-bekkenstand.svg").read_text(encoding="utf-8")
    assert "<svg" in svg
