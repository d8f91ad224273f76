"""``python -m psoas.static_site [--out site] [--language nl] ...``: build the static site (make static)."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .build import LANGUAGES, build_site

ROOT = Path(__file__).resolve().parent.parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m psoas.static_site", description="Build the static site (no kernel needed).")
    parser.add_argument("--out", type=Path, default=ROOT / "site", help="the site folder (default: site/ in the repository)")
    parser.add_argument("--language", action="append", choices=LANGUAGES, help="build only this language (repeatable)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    report = build_site(args.out, tuple(args.language or LANGUAGES))
    print(f"{report.pages} pages, {report.files} files, {report.bytes / 1e6:.1f} MB in {args.out} ({report.seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
