"""Schematic bone outlines for drawing only [A]: shapes, not model numbers.

Pelvis and sacrum outlines are in the pelvis frame (cm, at the hip joint centre, ASIS-PSIS line
horizontal); they pass through the model's ASIS, PSIS, pubis and pelvic-brim point so that the
picture and the model agree where it matters.  Femur and shank outlines are in their own frames
(bone along -y).  Widths and the disc thickness are typical adult sizes, drawn, not computed.
"""

from __future__ import annotations

import numpy as np

from ..model import constants as k

ILIUM_CM = np.array(
    [
        k.PSIS_CM,
        (-7.6, 10.6),
        (-5.2, 14.0),
        (-0.6, 15.4),
        (3.8, 13.6),
        (6.5, 9.8),
        k.ASIS_CM,
        (5.7, 4.6),
        (6.1, 2.6),
        k.PSOAS_BRIM_CM,
        (6.4, -0.6),
        k.PUBIS_CM,
        (8.3, -4.3),
        (5.2, -5.6),
        (1.0, -7.4),
        (-1.6, -9.2),
        (-4.2, -8.2),
        (-4.6, -5.6),
        (-5.9, -3.4),
        (-5.2, -0.4),
        (-6.8, 3.4),
    ]
)
OBTURATOR_FORAMEN_CM = (3.4, -4.4, 4.2, 2.6)  # centre x, y, width, height (ellipse)
ACETABULUM_RADIUS_CM = k.FEMORAL_HEAD_RADIUS_CM + 0.6

VERTEBRA_DEPTH_CM = 4.2  # antero-posterior depth of a lumbar body
DISC_HEIGHT_CM = 1.0  # the gap left between two bodies at their centres
SPINOUS_LENGTH_CM = 4.4  # from the back of the body to the tip of the spinous process
S1_HALF_WIDTH_CM = 2.2


def sacrum_outline_cm() -> np.ndarray:
    """Sacrum in the pelvis frame: S1 endplate below the L5/S1 disc, tapering to the coccyx."""
    slope = np.radians(k.NEUTRAL_SACRAL_SLOPE_DEG - k.NEUTRAL_PELVIC_TILT_DEG)
    along = np.array([np.cos(slope), -np.sin(slope)])  # endplate, forwards and down
    normal = np.array([np.sin(slope), np.cos(slope)])  # out of the endplate
    centre = np.array(k.L5_S1_CM) - 0.5 * DISC_HEIGHT_CM * normal
    front = centre + S1_HALF_WIDTH_CM * along
    back = centre - S1_HALF_WIDTH_CM * along
    return np.array(
        [back, (-8.6, 8.6), (-9.4, 4.0), (-8.6, -0.6), (-7.2, -2.6), (-6.6, -1.0), (-6.3, 3.4), (-4.0, 8.6), front]
    )


FEMUR_SHAFT_CM = np.array(
    [(1.6, -3.0), (1.7, -12.0), (1.4, -36.0), (2.6, -39.0), (-2.6, -40.5), (-2.0, -36.0), (-1.8, -12.0), (-3.6, -5.5), (-2.6, -1.5)]
)
GREATER_TROCHANTER_CM = np.array([(-2.6, -1.5), (-4.6, -1.0), (-4.9, -4.6), (-3.6, -6.2)])
TIBIA_CM = np.array([(2.6, -0.8), (2.0, -6.0), (1.4, -40.0), (-1.4, -40.0), (-1.8, -6.0), (-2.6, -0.8)])
