"""Step length from the extension the trailing thigh has left (rule 6, as corrected).

Frame: degrees of thigh extension behind the vertical, with the pelvis at its standing tilt
(constants.py, "One frame for every hip angle").

    A   extension available when walking = E + dtau  (posture.py: passive extension left plus the
        extra anterior tilt the standing pelvis already has)
    N   what healthy walking needs = E0 - spare, spare = 5 deg [A] (corrections 1: healthy
        walking uses only part of the passive range)
    G   gait deficit = relu(N - A)            (smooth, exact outside a 4 deg band; 0 while the
                                               spare lasts, so the step does not change)
    theta_trail = 17 - (1 - c) * G, c = 0.5   extra pelvic tilt in late stance covers c [A],
                                               Kerrigan 1998
    l = L_leg (sin theta_lead + sin theta_trail) + 3 cm
        (compass gait, Donelan 2002; angles 23 / 17 deg from OpenSim subject01 [C])

Check (corrections 1): a 10 deg flexion contracture (E = -10 deg, absorbed by 10 deg of standing
tilt, A = 0) gives G = 10 deg and costs 88 (sin 17 - sin 12) = 7.4 cm per step, inside 4-12 cm.
"""

from __future__ import annotations

import numpy as np

from . import constants as k
from .smooth import smooth_relu


def gait_deficit_deg(walking_extension_deg: float, spare_deg: float = k.GAIT_SPARE_EXTENSION_DEG) -> float:
    """Trailing-thigh extension that walking needs beyond what the leg has (deg, >= 0)."""
    needed_deg = k.NEUTRAL_HIP_EXTENSION_DEG - spare_deg
    return smooth_relu(needed_deg - walking_extension_deg)


def step_length_cm(
    walking_extension_deg: float,
    spare_deg: float = k.GAIT_SPARE_EXTENSION_DEG,
    pelvic_compensation: float = k.GAIT_PELVIC_COMPENSATION,
) -> float:
    """Step length (cm) of a trailing leg with ``walking_extension_deg`` behind the vertical."""
    deficit_deg = gait_deficit_deg(walking_extension_deg, spare_deg)
    trail_deg = k.GAIT_TRAIL_LEG_DEG - (1.0 - pelvic_compensation) * deficit_deg
    lead, trail = np.radians(k.GAIT_LEAD_LEG_DEG), np.radians(trail_deg)
    return float(k.LEG_LENGTH_CM * (np.sin(lead) + np.sin(trail)) + k.GAIT_FOOT_OFFSET_CM)
