"""Keep the notebooks' text in step with ``content/``.

A markdown cell whose metadata holds ``{"psoas": {"content": "nl/01-wat-doet-de-psoas.md"}}``
gets that file's text; ``{"psoas": {"content": "chapters"}}`` gets the chapter list from
``content/chapters.json``, and ``"nav:02-onderrugpijn.ipynb"`` the links to the chapters before
and after that one.  Run ``python -m psoas.notebook_sync`` to write the notebooks
(``make notebooks``), or with ``--check`` to fail when they have drifted (the tests do).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .content import _read_text, appendices, chapters, content_dir, strings

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"


def chapter_list_markdown() -> str:
    """The start page's list of chapters, linked by relative paths (Voilà and JupyterLab)."""
    text = strings()
    lines = [f"## {text['nav.chapters']}", ""]
    for number, chapter in enumerate(chapters(), start=1):
        lines.append(f"{number}. **[{chapter['title']}]({chapter['notebook']})**: {chapter['description']}")
    lines += ["", f"### {text['nav.appendices']}", ""]
    for page in appendices():
        lines.append(f"- **[{page['title']}]({page['notebook']})**: {page['description']}")
    return "\n".join(lines) + "\n"


def navigation_markdown(notebook: str) -> str:
    """Links to the previous chapter, the start page and the next chapter."""
    text = strings()
    pages = chapters() + appendices()
    names = [c["notebook"] for c in pages]
    titles = {c["notebook"]: c["title"] for c in pages}
    index = names.index(notebook)
    links = []
    if index > 0:
        links.append(f"[← {titles[names[index - 1]]}]({names[index - 1]})")
    links.append(f"[{text['nav.start']}](00-start.ipynb)")
    if index + 1 < len(names):
        links.append(f"[{titles[names[index + 1]]} →]({names[index + 1]})")
    return f"**{text['nav.read_on']}** " + " · ".join(links) + "\n"


def expected_source(key: str) -> str:
    """The text a content cell must hold."""
    if key == "chapters":
        return chapter_list_markdown()
    if key.startswith("nav:"):
        return navigation_markdown(key.removeprefix("nav:"))
    return _read_text(content_dir() / key)


def content_cells(notebook: dict):
    """(cell, key) for every cell that is generated from content/."""
    for cell in notebook.get("cells", []):
        key = cell.get("metadata", {}).get("psoas", {}).get("content")
        if key and cell.get("cell_type") == "markdown":
            yield cell, key


def sync_notebook(path: Path, write: bool) -> list[str]:
    """Return the keys whose cells differ from content/; rewrite them when ``write``."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    drifted = []
    for cell, key in content_cells(notebook):
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        wanted = expected_source(key).rstrip("\n")
        if source != wanted:
            drifted.append(key)
            cell["source"] = wanted
    if write and drifted:
        path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return drifted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report drift; exit 1 if any")
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    status = 0
    for path in paths:
        drifted = sync_notebook(path, write=not args.check)
        if drifted:
            verb = "differs from" if args.check else "updated from"
            print(f"{path.name}: {', '.join(drifted)} {verb} content/")
            status = 1 if args.check else status
    return status


if __name__ == "__main__":
    sys.exit(main())
