"""Smooth replacements for the rules' hard ``min`` and ``max`` (issue 16, item 5).

    relu_w(x) = 0                               x <= -w/2
              = w * (u**3 - u**4 / 2)           u = (x + w/2) / w,  -w/2 < x < w/2
              = x                               x >= w/2

The middle piece is the integral of smoothstep 3u^2 - 2u^3, so relu_w has a continuous first
and second derivative (C2): a readout built from it changes its rate smoothly, without the
jumps of ``max(0, x)``.  Outside the band |x| < w/2 it is exactly ``max(0, x)``; inside it is a
little larger (at most w * 3/32 at x = 0).  ``w`` (TRANSITION_WIDTH_DEG) is a numerical choice [A].
"""

from __future__ import annotations

from . import constants as k


def smooth_relu(x: float, width: float = k.TRANSITION_WIDTH_DEG) -> float:
    """``max(0, x)`` blended over ``width`` around 0 (C2, exact outside the band)."""
    half = width / 2.0
    if x <= -half:
        return 0.0
    if x >= half:
        return float(x)
    u = (x + half) / width
    return float(width * (u**3 - u**4 / 2.0))


def smooth_max(a: float, b: float, width: float = k.TRANSITION_WIDTH_DEG) -> float:
    """``max(a, b)``, blended where the two lie within ``width`` of each other (never smaller)."""
    return b + smooth_relu(a - b, width)


def smooth_min(a: float, b: float, width: float = k.TRANSITION_WIDTH_DEG) -> float:
    """``min(a, b)``, blended where the two lie within ``width`` of each other (never larger)."""
    return a - smooth_relu(a - b, width)
