"""Honest science in the app: an evidence box per chapter, every citation on the sources page."""

import json
import re
from pathlib import Path

import pytest

from psoas.content import appendices, chapters, content_dir, read_section

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
CITATION = re.compile(r"\b([A-Z][A-Za-z\-]+)(?: e\.a\.)?(?: en [A-Z][A-Za-z]+)? \(?((?:19|20)\d\d)\b")


def cells(notebook: str) -> list[dict]:
    return json.loads((NOTEBOOKS / notebook).read_text(encoding="utf-8"))["cells"]


def content_key(cell: dict) -> str:
    return cell["metadata"].get("psoas", {}).get("content", "")


def source_entries() -> list[str]:
    text = (content_dir() / "nl" / "app" / "bronnen.md").read_text(encoding="utf-8")
    return [line[2:] for line in text.splitlines() if line.startswith("- ")]


@pytest.mark.parametrize("notebook", [c["notebook"] for c in chapters()])
def test_every_chapter_has_an_evidence_box_after_its_figure(notebook):
    keys = [content_key(c) for c in cells(notebook)]
    boxes = [i for i, key in enumerate(keys) if key.startswith("nl/onderzoek/")]
    assert len(boxes) == 1, notebook
    figure = max(i for i, c in enumerate(cells(notebook)) if c["cell_type"] == "code" and "_scene" in "".join(c["source"]))
    assert figure < boxes[0] < keys.index("nl/10-slot.md")
    box = read_section(keys[boxes[0]].removeprefix("nl/").removesuffix(".md"))
    assert re.match(r"> #### (<svg [^>]*>.*</svg>) Wat zegt het onderzoek\?\n", box)  # a quote block: set apart from the article
    assert all(line.startswith(">") for line in box.strip().splitlines())


def evidence_icon(box: str) -> str:
    """The evidence box's icon: inline SVG, hidden from screen readers (the heading says it)."""
    match = re.match(r"> #### (<svg [^>]*>.*?</svg>) ", box)
    assert match, box[:80]
    return match.group(1)


def test_the_evidence_icon_is_one_inline_svg_in_every_box():
    boxes = sorted((content_dir()).glob("*/onderzoek/*.md"))
    icons = {evidence_icon(path.read_text(encoding="utf-8")) for path in boxes}
    assert len(boxes) == 16 and len(icons) == 1, icons
    (icon,) = icons
    assert 'aria-hidden="true"' in icon and 'stroke="currentColor"' in icon  # decorative, in the heading's colour


# Pictographs that draw only where the device has an emoji font (issue 18: a 🔬 showed as an empty box).
EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F]")


def test_no_emoji_in_what_readers_see():
    texts = [p for p in content_dir().rglob("*") if p.suffix in {".md", ".json"}]
    found = [f"{p.relative_to(content_dir())}: {m.group(0)!r}" for p in texts for m in EMOJI.finditer(p.read_text(encoding="utf-8"))]
    assert not found, found


def test_the_emoji_pattern_finds_emoji():
    assert EMOJI.findall("🔬 ⚠️ ✓ → ← · ° %") == ["🔬", "⚠", "\ufe0f", "✓"]


def app_texts() -> dict[str, str]:
    folder = content_dir() / "nl"
    paths = list((folder / "onderzoek").glob("*.md")) + [p for p in (folder / "app").glob("*.md") if p.name != "bronnen.md"]
    texts = {str(p.relative_to(folder)): p.read_text(encoding="utf-8") for p in paths}
    texts["strings.nl.json"] = (content_dir() / "strings.nl.json").read_text(encoding="utf-8")
    return texts


def test_every_citation_is_on_the_sources_page():
    entries = source_entries()
    missing = []
    for name, text in app_texts().items():
        for surname, year in CITATION.findall(text):
            if not any(surname in entry and year in entry for entry in entries):
                missing.append(f"{surname} {year} ({name})")
    assert not missing, missing


def test_the_citation_pattern_finds_citations():
    found = CITATION.findall("zie Heino e.a. 1990, Levine en Whittle 1996 en Youdas e.a. (1996)")
    assert found == [("Heino", "1990"), ("Levine", "1996"), ("Youdas", "1996")]


def test_sources_are_in_one_style_and_in_order():
    entries = source_entries()
    assert len(entries) >= 25
    for entry in entries:
        assert re.search(r"\((\d{4}(, \d{4})?)\)|\*", entry), entry
        assert re.search(r"\[(S|S2|R|C)\]$", entry), entry
    keys = [entry.lower() for entry in entries]
    assert keys == sorted(keys)


def test_start_page_says_education_not_advice():
    start = "".join(c["source"] for c in cells("00-start.ipynb"))
    assert "onderwijs" in start and "geen diagnose" in start and "behandeladvies" in start


def test_appendices_exist_and_are_listed():
    start = "".join(c["source"] for c in cells("00-start.ipynb"))
    for page in appendices():
        assert (NOTEBOOKS / page["notebook"]).exists()
        assert f"]({page['notebook']})" in start
