"""What a static page costs to load: before it is interactive, and in all.

"Interactive at its starting position" needs the page, its style sheet and script, the
pictures in it and its scenes' manifests; the other positions' pictures follow (the page
fetches them once it is interactive).  Budgets: 1.5 MB before interactive, 4 MB a page in
all, 80 MB for the whole site (Dutch and English).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

INTERACTIVE_BUDGET_BYTES = 1_500_000
PAGE_BUDGET_BYTES = 4_000_000
SITE_BUDGET_BYTES = 80_000_000

REFERENCE = re.compile(r'(?:src|href|data-psoas-scene)="(\.\./[^"#?]+)"')


@dataclass(frozen=True)
class PageWeight:
    interactive_bytes: int
    total_bytes: int
    files: int


def page_weight(page: Path) -> PageWeight:
    """The bytes a browser fetches for ``page`` (a file in site/nl/ or site/en/)."""
    text = page.read_text(encoding="utf-8")
    folder = page.parent
    needed = {(folder / url).resolve() for url in REFERENCE.findall(text)}
    needed = {path for path in needed if path.suffix != ".html"}  # links to other pages are not fetched
    later: set[Path] = set()
    for path in [p for p in needed if p.suffix == ".json"]:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        later |= {(folder / url).resolve() for url in manifest["frames"]}
    later -= needed
    interactive = len(page.read_bytes()) + sum(p.stat().st_size for p in needed)
    return PageWeight(interactive, interactive + sum(p.stat().st_size for p in later), 1 + len(needed) + len(later))


def site_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and not p.name.startswith("."))
