"""Keep the notebooks' text in step with ``content/``, in Dutch and in English.

A markdown cell whose metadata holds ``{"psoas": {"content": "nl/01-wat-doet-de-psoas.md"}}``
gets that file's text; ``"chapters"`` gets the chapter list and ``"nav:02-onderrugpijn.ipynb"``
the links around that chapter (``"chapters:en"``, ``"nav:en:…"`` in English).

The Dutch notebooks in ``notebooks/`` are the masters.  The English ones in ``notebooks/en/`` are
made from them: every ``nl/`` content key becomes ``en/`` and every call in a code cell gets
``language="en"``.  ``python -m psoas.notebook_sync`` writes both (``make notebooks``);
``--check`` fails when anything has drifted (the tests run it).
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path

from .content import DEFAULT_LANGUAGE, _read_text, appendices, chapters, content_dir, strings

NOTEBOOK_DIR = Path(__file__).resolve().parent.parent / "notebooks"
TRANSLATIONS = ("en",)
CALL = re.compile(r"^(\w+)\((.*)\)$")


def chapter_list_markdown(language: str = DEFAULT_LANGUAGE) -> str:
    """The start page's list of chapters, linked by relative paths (Voilà and JupyterLab)."""
    text = strings(language)
    lines = [f"## {text['nav.chapters']}", ""]
    for number, chapter in enumerate(chapters(language), start=1):
        lines.append(f"{number}. **[{chapter['title']}]({chapter['notebook']})**: {chapter['description']}")
    lines += ["", f"### {text['nav.appendices']}", ""]
    for page in appendices(language):
        lines.append(f"- **[{page['title']}]({page['notebook']})**: {page['description']}")
    return "\n".join(lines) + "\n"


def navigation_markdown(notebook: str, language: str = DEFAULT_LANGUAGE) -> str:
    """Links to the previous chapter, the start page and the next chapter."""
    text = strings(language)
    pages = chapters(language) + appendices(language)
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
    if key.startswith("chapters"):
        language = key.partition(":")[2] or DEFAULT_LANGUAGE
        return chapter_list_markdown(language)
    if key.startswith("nav:"):
        parts = key.split(":")
        language, notebook = (parts[1], parts[2]) if len(parts) == 3 else (DEFAULT_LANGUAGE, parts[1])
        return navigation_markdown(notebook, language)
    return _read_text(content_dir() / key)


def content_cells(notebook: dict):
    """(cell, key) for every cell that is generated from content/."""
    for cell in notebook.get("cells", []):
        key = cell.get("metadata", {}).get("psoas", {}).get("content")
        if key and cell.get("cell_type") == "markdown":
            yield cell, key


def _fill(notebook: dict) -> list[str]:
    """Give every content cell its text; return the keys that changed."""
    drifted = []
    for cell, key in content_cells(notebook):
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        wanted = expected_source(key).rstrip("\n")
        if source != wanted:
            drifted.append(key)
            cell["source"] = wanted
    return drifted


def translated(notebook: dict, language: str) -> dict:
    """The notebook for ``language``: content keys and code calls switched over."""
    result = copy.deepcopy(notebook)
    for cell in result["cells"]:
        key = cell.get("metadata", {}).get("psoas", {}).get("content")
        if key:
            if key.startswith(f"{DEFAULT_LANGUAGE}/"):
                key = f"{language}/" + key.removeprefix(f"{DEFAULT_LANGUAGE}/")
            elif key == "chapters":
                key = f"chapters:{language}"
            elif key.startswith("nav:"):
                key = f"nav:{language}:" + key.removeprefix("nav:")
            cell["metadata"]["psoas"]["content"] = key
        if cell["cell_type"] == "code":
            lines = "".join(cell["source"]).split("\n")
            match = CALL.match(lines[-1])
            if match:
                name, args = match.groups()
                lines[-1] = f'{name}({args + ", " if args else ""}language="{language}")'
            cell["source"] = "\n".join(lines)
    result["metadata"]["language_info"] = {"name": "python"}
    return result


def _write(path: Path, notebook: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def sync(path: Path, write: bool) -> list[str]:
    """Sync one Dutch notebook and make its translations; return what drifted."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    drifted = [f"{path.name}: {key}" for key in _fill(notebook)]
    if write and drifted:
        _write(path, notebook)
    for language in TRANSLATIONS:
        target = path.parent / language / path.name
        wanted = translated(notebook, language)
        _fill(wanted)
        current = json.loads(target.read_text(encoding="utf-8")) if target.exists() else None
        if current != wanted:
            drifted.append(f"{language}/{path.name}")
            if write:
                _write(target, wanted)
    return drifted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report drift; exit 1 if any")
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted(NOTEBOOK_DIR.glob("*.ipynb"))
    drifted = [item for path in paths for item in sync(path, write=not args.check)]
    if args.notebooks:
        masters = {p.name for p in paths}
    else:
        masters = {p.name for p in NOTEBOOK_DIR.glob("*.ipynb")}
        for language in TRANSLATIONS:  # a translation without a master is stale
            drifted += [f"{language}/{p.name} (no Dutch master)" for p in (NOTEBOOK_DIR / language).glob("*.ipynb") if p.name not in masters]
    for item in drifted:
        print(f"{item} {'differs from' if args.check else 'updated from'} content/")
    return 1 if (args.check and drifted) else 0


if __name__ == "__main__":
    sys.exit(main())
