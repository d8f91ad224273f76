"""The positions of a scene's controls: every picture, number and description is drawn ahead.

A slider has ``(max - min) / step + 1`` positions and a row of buttons one per option; a scene
with two controls has the grid of both (the first control's positions vary slowest).  The page
(live: ``frame_strip``; static: ``psoas.static_site``) finds the picture of the controls' values
by its index in that grid.  A value between positions has no index: the live kernel draws it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import ipywidgets as w

DECIMALS = 6  # slider positions are rounded to this many decimals (0.1 * 3 is 0.30000000000000004)


@dataclass(frozen=True)
class ControlPositions:
    """One control's positions: its synced trait in the page ("value" for a slider, "index" for
    buttons), and the control's value at each position."""

    trait: str
    values: tuple
    minimum: float = 0.0  # a slider's min and step, for the page's arithmetic
    step: float = 1.0

    def index(self, value: Any) -> int | None:
        """The position of ``value``, or None between positions (or for an unknown option)."""
        if self.trait == "index":
            return self.values.index(value) if value in self.values else None
        try:
            steps = (float(value) - self.minimum) / self.step
        except (TypeError, ValueError):
            return None
        nearest = round(steps) if math.isfinite(steps) else -1
        if abs(steps - nearest) > 1e-6 or not 0 <= nearest < len(self.values):
            return None
        return nearest

    def as_json(self) -> dict:
        """What the page needs to find a position from the control's synced trait."""
        if self.trait == "index":
            return {"trait": "index", "count": len(self.values)}
        return {"trait": "value", "min": self.minimum, "step": self.step, "count": len(self.values)}


def control_positions(control: w.ValueWidget) -> ControlPositions:
    """The positions of a slider or a row of buttons (anything with ``options``)."""
    if isinstance(control, w.FloatSlider):
        count = round((control.max - control.min) / control.step) + 1
        values = tuple(round(control.min + i * control.step, DECIMALS) for i in range(count))
        return ControlPositions("value", values, control.min, control.step)
    if hasattr(control, "options"):
        return ControlPositions("index", tuple(value for _, value in control.options))
    raise TypeError(f"no positions for a {type(control).__name__}: use a FloatSlider or a selection widget")


def grid(positions: Sequence[ControlPositions]) -> Iterator[tuple]:
    """Every combination of positions, in index order (the first control varies slowest)."""
    return itertools.product(*(p.values for p in positions))


def grid_size(positions: Sequence[ControlPositions]) -> int:
    return math.prod(len(p.values) for p in positions)


def grid_index(positions: Sequence[ControlPositions], values: Sequence[Any]) -> int | None:
    """The index of ``values`` in ``grid(positions)``, or None if one lies between positions."""
    index = 0
    for p, value in zip(positions, values, strict=True):
        i = p.index(value)
        if i is None:
            return None
        index = index * len(p.values) + i
    return index
