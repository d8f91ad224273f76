"""Widgets that share their Layout and style models.

Every ipywidgets widget brings a Layout model and most bring a style model, and the browser
builds every model of a page before it shows any widget (docs/performance.md).  Widgets whose
layout and style never change can share them: a two-question quiz needs 14 models, not 27.
Never change the layout or style of a widget made here: the change would reach its siblings.
"""

from __future__ import annotations

from typing import TypeVar

import ipywidgets as w

W = TypeVar("W", bound=w.DOMWidget)


class SharedParts:
    """One Layout and one style per style class, for the widgets ``make`` creates."""

    def __init__(self, **layout: str):
        self.layout = w.Layout(**layout)
        self._styles: dict[type, w.Widget] = {}

    def make(self, cls: type[W], *args, css_class: str | None = None, **kwargs) -> W:
        """``cls(*args, **kwargs)`` with the shared layout and style (and a CSS class)."""
        kwargs.setdefault("layout", self.layout)
        style = cls.class_traits().get("style")
        if style is not None and "style" not in kwargs:
            if style.klass not in self._styles:
                self._styles[style.klass] = style.klass()
            kwargs["style"] = self._styles[style.klass]
        widget = cls(*args, **kwargs)
        if css_class:
            widget.add_class(css_class)
        return widget
