"""What a static page costs to load: before it is interactive, and in all.

"Interactive at its starting position" needs the page, its style sheet and script, the
pictures in it and its scenes' manifests; the other positions' pictures follow (the page
fetches them once it is interactive).  Budgets: 1.5 MB before interactive, 4 MB a page in
all, 80 MB for the whole site (Dutch and English).  A phone (a narrow screen) fetches the
phone layout's pictures instead of the desktop's (``phone=True``); each reader fetches one set.
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
PICTURE = re.compile(r'<picture><source [^>]*srcset="(\.\./[^"#?]+)"[^>]*><img [^>]*src="(\.\./[^"#?]+)"')  # phone, desktop


@dataclass(frozen=True)
class PageWeight:
    interactive_bytes: int
    total_bytes: int
    files: int


def page_weight(page: Path, phone: bool = False) -> PageWeight:
    """The bytes a browser fetches for ``page`` (a file in site/nl/ or site/en/), on a wide
    screen or, with ``phone``, on a narrow one."""
    text = page.read_text(encoding="utf-8")
    folder = page.parent
    urls = set(REFERENCE.findall(text))
    if phone:
        for phone_url, desktop_url in PICTURE.findall(text):
            urls = (urls - {desktop_url}) | {phone_url}
    needed = {(folder / url).resolve() for url in urls}
    needed = {path for path in needed if path.suffix != ".html"}  # links to other pages are not fetched
    later: set[Path] = set()
    for path in [p for p in needed if p.suffix == ".json"]:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        frames = manifest.get("phone_frames") if phone else None
        later |= {(folder / url).resolve() for url in frames or manifest["frames"]}
    later -= needed
    interactive = len(page.read_bytes()) + sum(p.stat().st_size for p in needed)
    return PageWeight(interactive, interactive + sum(p.stat().st_size for p in later), 1 + len(needed) + len(later))


def site_bytes(site: Path) -> int:
    return sum(p.stat().st_size for p in site.rglob("*") if p.is_file() and not p.name.startswith("."))
