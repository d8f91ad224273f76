"""Build the static site: every notebook, Dutch and English, as a page that needs no kernel.

Each notebook is read as Voilà reads it: its Markdown cells become HTML (nbconvert's own
Markdown renderer, which Voilà's template uses too), and its code cells run here, in the
build, and their results are written as static HTML (``markup``).  The scenes bring every
position's picture, numbers and words along (``psoas.live.snapshots``, drawn once per
machine), so the page's script switches them by itself.  The page itself is the template
``static.html.j2`` beside Voilà's template (share/jupyter/voila/templates/psoas/).

A rebuild redraws only what changed: snapshots come from the disk cache (its key covers the
package's source), and files whose content is already in the site are not written again.
Files the build no longer refers to are removed.
"""

from __future__ import annotations

import ast
import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass
from pathlib import Path

from ..content import DEFAULT_LANGUAGE, appendices, chapters, strings
from ..serve import JUPYTER_DATA_DIR, NOTEBOOK_DIR
from .markup import DATA, PICTURES, Assets, Page, output_html

log = logging.getLogger(__name__)

TEMPLATE_DIR = JUPYTER_DATA_DIR / "voila" / "templates" / "psoas"
TEMPLATE = "static.html.j2"
ASSET_DIR = Path(__file__).resolve().parent / "assets"
ASSETS = "assets"
LANGUAGES = ("nl", "en")
NOTEBOOK_LINK = re.compile(r'href="([^"#?:]+)\.ipynb([?#][^"]*)?"')


@dataclass(frozen=True)
class BuildReport:
    """What a build made: pages, files and bytes, and how long it took."""

    pages: int
    files: int
    bytes: int
    seconds: float


def notebook_dir(language: str) -> Path:
    return NOTEBOOK_DIR if language == DEFAULT_LANGUAGE else NOTEBOOK_DIR / language


def notebooks(language: str) -> list[Path]:
    """The language's notebooks, in the order of their names (00-start first)."""
    return sorted(notebook_dir(language).glob("*.ipynb"))


def run_cell(source: str, namespace: dict) -> object:
    """Run a code cell as a kernel would and return the value of its last expression."""
    tree = ast.parse(source)
    last = tree.body.pop() if tree.body and isinstance(tree.body[-1], ast.Expr) else None
    exec(compile(tree, "<cell>", "exec"), namespace)  # noqa: S102 - the project's own notebooks
    if last is None:
        return None
    return eval(compile(ast.Expression(last.value), "<cell>", "eval"), namespace)  # noqa: S307


def markdown_html(source: str) -> str:
    """A Markdown cell as nbconvert renders it, with links to notebooks turned into pages."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    return NOTEBOOK_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', markdown2html_mistune(source))


def page_title(path: Path, language: str) -> str:
    """The chapter's title from content/chapters*.json, else the app's name."""
    text = strings(language)
    for chapter in [*chapters(language), *appendices(language)]:
        if chapter["notebook"] == path.name:
            return f'{chapter["title"]} · {text["app.title"]}'
    return text["app.title"]


def build_page(path: Path, language: str, assets: Assets, template, asset_urls: dict) -> str:
    """One notebook as a static page (HTML)."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    page = Page(assets, language, path.name)
    namespace: dict = {"__name__": "__main__"}
    cells = []
    for cell in notebook["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "markdown":
            cells.append(f'<div class="psoas-cell psoas-markdown">{markdown_html(source)}</div>')
        elif cell["cell_type"] == "code" and source.strip():
            cells.append(f'<div class="psoas-cell psoas-output">{output_html(run_cell(source, namespace), page)}</div>')
    other = "en" if language == "nl" else "nl"
    return template.render(
        language=language, other_language=other, title=page_title(path, language), cells=cells, assets=asset_urls,
        page_json=json.dumps({"language": language, "page": path.stem}), noscript=strings(language)["static.noscript"],
    )  # fmt: skip


def copy_assets(site: Path, assets: Assets) -> dict[str, str]:
    """The page's script and style sheet, named by their content (a new version is a new name,
    so a browser never mixes an old script with a new page)."""
    urls = {}
    for source in sorted(ASSET_DIR.iterdir()):
        if source.is_file():
            data = source.read_bytes()
            name = f"{ASSETS}/{source.stem}.{hashlib.sha256(data).hexdigest()[:12]}{source.suffix}"
            target = site / name
            if not target.exists() or target.read_bytes() != data:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            assets.written.add(name)
            urls[source.name] = "../" + name
    return urls


def write_if_changed(path: Path, text: str) -> None:
    data = text.encode("utf-8")
    if not path.exists() or path.read_bytes() != data:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def index_html() -> str:
    """site/index.html: the Dutch start page, or the English one with ?lang=en."""
    return (
        '<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Psoas</title>'
        '<meta http-equiv="refresh" content="0; url=nl/00-start.html">'
        "<script>var q=new URLSearchParams(location.search);"
        'location.replace((q.get("lang")==="en"?"en/":"nl/")+"00-start.html");</script>'
        '</head><body><a href="nl/00-start.html">Start</a> · <a href="en/00-start.html">Start (English)</a></body></html>'
    )


def remove_unused(site: Path, kept: set[str]) -> int:
    """Delete built files no page refers to any more (old frames after a model change)."""
    removed = 0
    for folder in (PICTURES, DATA, ASSETS):
        for path in (site / folder).glob("*"):
            if path.is_file() and f"{folder}/{path.name}" not in kept:
                path.unlink()
                removed += 1
    return removed


def build_site(site: Path, languages: tuple[str, ...] = LANGUAGES) -> BuildReport:
    """Build every page of ``languages`` into ``site``; returns what was made."""
    import jinja2

    started = time.perf_counter()
    environment = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR), autoescape=True)
    template = environment.get_template(TEMPLATE)
    site.mkdir(parents=True, exist_ok=True)
    assets = Assets(site)
    asset_urls = copy_assets(site, assets)
    pages = 0
    for language in languages:
        for path in notebooks(language):
            log.info("building %s/%s", language, path.stem)
            write_if_changed(site / language / f"{path.stem}.html", build_page(path, language, assets, template, asset_urls))
            pages += 1
    write_if_changed(site / "index.html", index_html())
    remove_unused(site, assets.written)
    assets.save()
    files = [p for p in site.rglob("*") if p.is_file()]
    return BuildReport(pages, len(files), sum(p.stat().st_size for p in files), time.perf_counter() - started)
