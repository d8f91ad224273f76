"""The app's text: article sections, chapter table and UI strings, read from ``content/``.

Content lives outside the code.  ``content/`` sits beside the package (an editable install);
the environment variable ``PSOAS_CONTENT_DIR`` points elsewhere.  A missing or broken file
raises ``ContentError`` with a plain-English message; the widgets turn it into Dutch for readers.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

DEFAULT_LANGUAGE = "nl"


class ContentError(Exception):
    """A content file is missing, unreadable or malformed."""


class Strings(dict):
    """UI strings; a missing key raises ``ContentError`` naming the key and the file."""

    def __init__(self, data: dict[str, str], source: Path):
        super().__init__(data)
        self.source = source

    def __missing__(self, key: str) -> str:
        raise ContentError(f"{self.source} has no string {key!r}")


def content_dir() -> Path:
    """The content folder in use."""
    override = os.environ.get("PSOAS_CONTENT_DIR")
    return Path(override) if override else Path(__file__).resolve().parent.parent / "content"


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(f"content file not found: {path}") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(f"content file {path} cannot be read: {error}") from None


def _read_json(path: Path) -> dict:
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as error:
        raise ContentError(f"content file {path} is not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise ContentError(f"content file {path} must hold a JSON object")
    return data


def section_path(slug: str, language: str = DEFAULT_LANGUAGE) -> Path:
    """Path of one article section's Markdown file."""
    return content_dir() / language / f"{slug}.md"


def read_section(slug: str, language: str = DEFAULT_LANGUAGE) -> str:
    """One article section as Markdown."""
    text = _read_text(section_path(slug, language))
    if not text.strip():
        raise ContentError(f"content file {section_path(slug, language)} is empty")
    return text


def chapters_path(language: str = DEFAULT_LANGUAGE) -> Path:
    """``content/chapters.json`` (Dutch) or ``content/chapters.<language>.json``."""
    return content_dir() / ("chapters.json" if language == DEFAULT_LANGUAGE else f"chapters.{language}.json")


def chapters(language: str = DEFAULT_LANGUAGE) -> list[dict]:
    """The chapter table, in reading order."""
    path = chapters_path(language)
    table = _read_json(path).get("chapters")
    if not isinstance(table, list) or not all(
        isinstance(c, dict) and {"notebook", "title", "description", "sections"} <= c.keys() for c in table
    ):
        raise ContentError(f"{path}: 'chapters' must be a list of objects with notebook, title, description, sections")
    return table


def appendices(language: str = DEFAULT_LANGUAGE) -> list[dict]:
    """Pages after the chapters (no article text): the model, the sources."""
    path = chapters_path(language)
    table = _read_json(path).get("appendices", [])
    if not isinstance(table, list) or not all(isinstance(a, dict) and {"notebook", "title", "description"} <= a.keys() for a in table):
        raise ContentError(f"{path}: 'appendices' must be a list of objects with notebook, title, description")
    return table


def closing_section(language: str = DEFAULT_LANGUAGE) -> str:
    """The article's closing pointer, which ends every chapter."""
    closing = _read_json(chapters_path(language)).get("closing")
    if not isinstance(closing, str):
        raise ContentError(f"{chapters_path(language)}: 'closing' must name a section")
    return closing


def section_order(language: str = DEFAULT_LANGUAGE) -> list[str]:
    """Every article section slug, in the article's order (the closing pointer last)."""
    return [slug for chapter in chapters(language) for slug in chapter["sections"]] + [closing_section(language)]


def strings(language: str = DEFAULT_LANGUAGE) -> Strings:
    """The UI strings of one language (key -> text)."""
    path = content_dir() / f"strings.{language}.json"
    data = _read_json(path)
    bad = [key for key, value in data.items() if not isinstance(value, str)]
    if bad:
        raise ContentError(f"{path}: these strings are not text: {', '.join(sorted(bad))}")
    return Strings(data, path)


def figure_labels(text: dict[str, str]) -> dict[str, str]:
    """The side view's labels (``figure.*`` keys without their prefix)."""
    return {key.removeprefix("figure."): value for key, value in text.items() if key.startswith("figure.")}
