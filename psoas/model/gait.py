"""Step length from the hip extension a leg has left (rule 6 of the reference).

    peak trailing hip extension   P = min(20, E + 5)                         [A], Kerrigan 2001
    gait deficit                  G = 20 - P
    trailing leg angle            theta_trail = 17 - (1 - c) * G, c = 0.5     [A]
    step length                   l = L_leg (sin theta_lead + sin theta_trail) + 3 cm
                                  (compass gait, Donelan 2002; angles from OpenSim subject01 [C])
"""

from __future__ import annotations

import numpy as np

from . import constants as k


def step_length_cm(hip_extension_deg: float) -> float:
    """Step length (cm) of a leg with ``hip_extension_deg`` of passive extension left."""
    peak_deg = min(k.GAIT_PEAK_HIP_EXTENSION_DEG, hip_extension_deg + k.GAIT_EXTENSION_BEYOND_PASSIVE_DEG)
    deficit_deg = k.GAIT_PEAK_HIP_EXTENSION_DEG - peak_deg
    trail_deg = k.GAIT_TRAIL_LEG_DEG - (1.0 - k.GAIT_PELVIC_COMPENSATION) * deficit_deg
    lead, trail = np.radians(k.GAIT_LEAD_LEG_DEG), np.radians(trail_deg)
    return float(k.LEG_LENGTH_CM * (np.sin(lead) + np.sin(trail)) + k.GAIT_FOOT_OFFSET_CM)
