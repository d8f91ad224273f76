"""Settle a figure's layout once, so that later draws (and blitting) keep every position."""

from __future__ import annotations

from matplotlib.figure import Figure

LAYOUT_PASSES = 2


def settle_layout(figure: Figure) -> None:
    """Run the figure's layout engine (constrained layout) and then keep the positions.

    Two passes: the first lays out the Axes before an equal aspect has shrunk their boxes, so a
    title could end up above the picture's top edge; the second sees the real boxes (~20 ms,
    once per figure)."""
    engine = figure.get_layout_engine()
    if engine is None:
        return
    for _ in range(LAYOUT_PASSES):
        try:
            engine.execute(figure)
        except ValueError:  # as in Figure.draw: a layout that cannot be solved keeps its positions
            break
    figure.set_layout_engine("none")
