"""Numbers and messages as Dutch readers expect them."""

from __future__ import annotations

import html

# Shown when the strings file itself cannot be read, so it cannot come from content/: the only
# reader-facing words kept in code, in both languages.
CONTENT_ERROR = {
    "nl": "Deze figuur kon niet worden geladen: een tekstbestand van de app ontbreekt of is beschadigd. "
    "Vraag de beheerder van de app om de map content/ te controleren.",
    "en": "This figure could not be loaded: a text file of the app is missing or damaged. "
    "Ask the app's administrator to check the content/ folder.",
}


def content_error_html(language: str = "nl") -> str:
    """The message for a missing or broken content file, in the page's language."""
    return message_html(CONTENT_ERROR.get(language, CONTENT_ERROR["nl"]))


def number_nl(value: float, decimals: int = 1, mark: str = ",") -> str:
    """1234.5 -> '1234,5': the Dutch decimal comma, or another ``mark`` ('.' for English)."""
    return f"{value:.{decimals}f}".replace(".", mark)


def message_html(text: str, kind: str = "error") -> str:
    """A short boxed message for readers; ``kind`` is 'error' or 'notice'."""
    colour = {"error": "#8a1c0c", "notice": "#1f3b73"}[kind]
    return (
        f'<div class="psoas-message psoas-{kind}" role="status" '
        f'style="border-left:4px solid {colour};padding:6px 10px;margin:6px 0;'
        f'background:#f7f5f0;color:#1a1a1a;font-size:15px">{html.escape(text)}</div>'
    )


def caption_html(words: str) -> str:
    """A figure's words as the line beneath it (the page also makes them its alt text)."""
    return f'<p style="font-size:15px;color:#1a1a1a;margin:4px 0"><span class="psoas-description-text">{html.escape(words)}</span></p>'


def captioned(image, words: str):
    """A static figure with its words beneath it (and, through the page, as its alt text)."""
    import ipywidgets as w

    caption = w.HTML(caption_html(words))
    return w.VBox([image, caption], layout=w.Layout(max_width="100%", overflow="hidden"))  # the image shrinks to fit
