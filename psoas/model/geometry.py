"""Plane geometry helpers: rotations and a path that wraps over a circle.

Angles in degrees, counter-clockwise positive (x anterior, y up, so a positive rotation turns
a point's top backwards).  Points are numpy arrays of shape (2,) or (n, 2), in cm.
"""

from __future__ import annotations

import numpy as np


def rotate_deg(points, angle_deg: float, centre=(0.0, 0.0)) -> np.ndarray:
    """Rotate ``points`` counter-clockwise by ``angle_deg`` about ``centre``."""
    a = np.radians(angle_deg)
    c, s = np.cos(a), np.sin(a)
    rot = np.array([[c, -s], [s, c]])
    p = np.asarray(points, dtype=float)
    ctr = np.asarray(centre, dtype=float)
    return (p - ctr) @ rot.T + ctr


def polyline_length(points) -> float:
    """Sum of the segment lengths of a polyline."""
    p = np.asarray(points, dtype=float)
    return float(np.sum(np.hypot(*np.diff(p, axis=0).T)))


def wrap_clockwise(start, end, radius: float, samples: int = 12) -> np.ndarray:
    """Shortest path from ``start`` to ``end`` passing clockwise round a circle at the origin.

    The path runs straight when the straight line clears the circle on that side; otherwise it
    follows a tangent, an arc of the circle and a tangent.  Returns the polyline from start to
    end, with the arc sampled at ``samples`` points.
    """
    p, q = np.asarray(start, float), np.asarray(end, float)
    dp, dq = np.hypot(*p), np.hypot(*q)
    if dp <= radius or dq <= radius:
        raise ValueError("wrap_clockwise needs both ends outside the circle")
    tangent_p = np.arctan2(p[1], p[0]) - np.arccos(radius / dp)
    tangent_q = np.arctan2(q[1], q[0]) + np.arccos(radius / dq)
    sweep = (tangent_p - tangent_q + np.pi) % (2 * np.pi) - np.pi
    if sweep <= 0:
        return np.array([p, q])
    angles = np.linspace(tangent_p, tangent_p - sweep, samples)
    arc = radius * np.column_stack([np.cos(angles), np.sin(angles)])
    return np.vstack([p, arc, q])
