"""The posture model: pure geometry and biomechanics (numpy only).

Public API: ``psoas_length_cm``, ``psoas_moment_arm_cm``, ``standing_posture``, ``Posture``,
``SHORTENING_RANGE_PCT``.
"""

from .posture import SHORTENING_RANGE_PCT, Posture, standing_posture
from .psoas_path import PSOAS_REST_LENGTH_CM, psoas_length_cm, psoas_moment_arm_cm

__all__ = [
    "PSOAS_REST_LENGTH_CM",
    "SHORTENING_RANGE_PCT",
    "Posture",
    "psoas_length_cm",
    "psoas_moment_arm_cm",
    "standing_posture",
]
