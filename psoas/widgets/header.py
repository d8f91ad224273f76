"""The top of every page: the projector switch and a link to the same page in the other language."""

from __future__ import annotations

import html

import ipywidgets as w

from ..content import DEFAULT_LANGUAGE
from .projector import projector_switch

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}
OTHER = {"nl": "en", "en": "nl"}


def language_href(notebook: str, language: str) -> str:
    """Relative link from ``notebook`` in ``language`` to the same page in the other language.

    Dutch pages live in notebooks/, English ones in notebooks/en/; relative links work in Voilà
    and in JupyterLab alike.
    """
    return f"en/{notebook}" if language == DEFAULT_LANGUAGE else f"../{notebook}"


def page_header(notebook: str, language: str = DEFAULT_LANGUAGE) -> w.Widget:
    """Projector switch and language link for the page ``notebook``."""
    other = OTHER[language]
    link = (
        f'<a class="psoas-language" href="{html.escape(language_href(notebook, language))}" hreflang="{other}" lang="{other}" '
        f'style="font-size:16px;margin-left:16px">{LANGUAGE_NAMES[other]}</a>'
    )
    header = projector_switch(language, extra_html=link)
    header.psoas_header = (notebook, language)  # the static site writes its own header (psoas.static_site)
    return header
