"""The article is in content/, whole, in order and word for word, and in the notebooks."""

import json
import re
from pathlib import Path

import pytest

from psoas import notebook_sync
from psoas.content import ContentError, chapters, closing_section, read_section, section_order

DATA = Path(__file__).resolve().parents[1] / "data"
ARTICLE = DATA / "psoas-houding-en-beweging.nl.txt"  # verbatim copy of the source article
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def words(text: str) -> list[str]:
    """The words of a text, without Markdown markup (headings, list bullets, emphasis)."""
    text = re.sub(r"^\s*(#+|[-•])\s+", " ", text, flags=re.MULTILINE)
    text = text.replace("**", " ").replace("•", " ")
    return text.split()


def article_sections() -> list[list[str]]:
    """The article split at its headings, which stand after two blank lines."""
    text = ARTICLE.read_text(encoding="utf-8")
    return [words(part) for part in re.split(r"\n[ \t]*\n[ \t]*\n", text) if part.strip()]


def test_every_section_in_order_word_for_word():
    ours = [words(read_section(slug)) for slug in section_order()]
    ours = ours[:-2] + [ours[-2] + ours[-1]]  # the closing pointer ends the article's last section
    theirs = article_sections()
    assert len(ours) == len(theirs) == 10
    for index, (mine, source) in enumerate(zip(ours, theirs)):
        assert mine == source, f"section {index} ({section_order()[index]}) differs from the article"


def test_whole_article_word_for_word():
    ours = [w for slug in section_order() for w in words(read_section(slug))]
    assert ours == words(ARTICLE.read_text(encoding="utf-8"))


def notebook_markdown(name: str) -> str:
    notebook = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    return "\n\n".join(
        c["source"] if isinstance(c["source"], str) else "".join(c["source"])
        for c in notebook["cells"]
        if c["cell_type"] == "markdown"
    )


def test_every_section_in_exactly_one_notebook_in_order():
    texts = {c["notebook"]: notebook_markdown(c["notebook"]) for c in chapters()}
    positions = []
    for slug in section_order()[:-1]:
        section = read_section(slug).strip()
        holders = [name for name, text in texts.items() if section in text]
        assert len(holders) == 1, f"{slug} is in {holders}"
        chapter_index = [c["notebook"] for c in chapters()].index(holders[0])
        positions.append((chapter_index, texts[holders[0]].index(section)))
    assert positions == sorted(positions)


def test_one_chapter_per_section_after_the_opening():
    assert [len(c["sections"]) for c in chapters()] == [3] + [1] * 7


def test_every_chapter_ends_with_the_articles_closing_pointer():
    closing = read_section(closing_section()).strip()
    for chapter in chapters():
        notebook = json.loads((NOTEBOOKS / chapter["notebook"]).read_text(encoding="utf-8"))
        keys = [c["metadata"].get("psoas", {}).get("content") for c in notebook["cells"]]
        assert keys[-2:] == [f"nl/{closing_section()}.md", f"nav:{chapter['notebook']}"], chapter["notebook"]
        assert closing in notebook_markdown(chapter["notebook"])


def test_notebooks_have_not_drifted_from_content():
    assert notebook_sync.main(["--check"]) == 0


def test_drift_is_detected_and_repaired(tmp_path):
    source = NOTEBOOKS / "01-houding.ipynb"
    copy = tmp_path / source.name
    notebook = json.loads(source.read_text(encoding="utf-8"))
    cell = next(c for c in notebook["cells"] if c["metadata"].get("psoas", {}).get("content") == "nl/01-wat-doet-de-psoas.md")
    cell["source"] = cell["source"].replace("heupbuiger", "heupbuigr")
    copy.write_text(json.dumps(notebook), encoding="utf-8")
    assert notebook_sync.main(["--check", str(copy)]) == 1
    assert notebook_sync.main([str(copy)]) == 0
    assert notebook_sync.main(["--check", str(copy)]) == 0


def test_chapter_links_on_the_start_page():
    start = notebook_markdown("00-start.ipynb")
    for chapter in chapters():
        assert f"]({chapter['notebook']})" in start
        assert (NOTEBOOKS / chapter["notebook"]).exists()


def test_missing_section_raises_a_content_error(monkeypatch, tmp_path):
    monkeypatch.setenv("PSOAS_CONTENT_DIR", str(tmp_path))
    with pytest.raises(ContentError, match="not found"):
        read_section("00-inleiding")
    (tmp_path / "chapters.json").write_text("[1, 2", encoding="utf-8")
    with pytest.raises(ContentError, match="not valid JSON"):
        chapters()
