"""Landmarks of the side view in the world frame, for a given pose.

Pose variables (degrees):

    tilt      ASIS-PSIS line against horizontal, anterior positive; the pelvis (with the sacrum
              and the psoas origin) turns clockwise about the hip joint centre by ``tilt``.
    dLL       extra lumbar lordosis, shared over the five lumbar segments (LORDOSIS_SHARE);
              each share turns everything above its disc backwards (counter-clockwise).
    phi       thigh flexion from vertical (world), knee forward positive.
    kappa     knee flexion; the shank turns clockwise from the thigh line by ``kappa``.

World frame: cm, origin at the hip joint centre, x anterior, y up.
"""

from __future__ import annotations

import numpy as np

from . import constants as k
from .geometry import rotate_deg
from .psoas_path import PSOAS_ORIGIN_CM, psoas_path_pelvis_frame


def lumbar_disc_centres(lordosis_change_deg: float) -> np.ndarray:
    """Disc centres L5/S1 ... T12/L1 in the pelvis frame, with extra lordosis applied."""
    discs = np.array(k.DISC_CENTRES_CM, dtype=float)
    # Top-down with the neutral pivots: each lower rotation carries the ones above it rigidly.
    for level in reversed(range(len(k.LORDOSIS_SHARE))):
        turn = k.LORDOSIS_SHARE[level] * lordosis_change_deg
        discs[level + 1 :] = rotate_deg(discs[level + 1 :], turn, k.DISC_CENTRES_CM[level])
    return discs


def world_landmarks(
    pelvic_tilt_deg: float,
    lordosis_change_deg: float,
    thigh_flexion_deg: float,
    knee_flexion_deg: float,
) -> tuple[dict[str, tuple[float, float]], np.ndarray]:
    """Landmarks (name -> (x, y)) and the psoas polyline, both in the world frame."""
    to_world = -pelvic_tilt_deg  # anterior tilt is a clockwise turn
    hip_flexion_deg = pelvic_tilt_deg + thigh_flexion_deg  # femur against pelvis

    pelvis = {
        "HJC": (0.0, 0.0),
        "ASIS": k.ASIS_CM,
        "PSIS": k.PSIS_CM,
        "pubis": k.PUBIS_CM,
        "psoas_origin": PSOAS_ORIGIN_CM,
        "psoas_brim": k.PSOAS_BRIM_CM,
    }
    for name, point in zip(k.DISC_NAMES, lumbar_disc_centres(lordosis_change_deg)):
        pelvis[name] = tuple(point)

    names = list(pelvis)
    world = rotate_deg(np.array([pelvis[n] for n in names]), to_world)
    landmarks = {n: (float(x), float(y)) for n, (x, y) in zip(names, world)}

    # The trunk above T12/L1 is rigid and upright in neutral standing [A]; it turns with the top
    # lumbar segment: forward with the extra tilt, back with the extra lordosis.
    trunk_turn = lordosis_change_deg - (pelvic_tilt_deg - k.NEUTRAL_PELVIC_TILT_DEG)
    top = np.array(landmarks["T12/L1"])
    for name, point in (("C7", k.C7_CM), ("head_top", k.HEAD_TOP_CM)):
        x, y = top + rotate_deg(np.subtract(point, k.DISC_CENTRES_CM[-1]), trunk_turn)
        landmarks[name] = (float(x), float(y))

    thigh = rotate_deg((0.0, -k.THIGH_LENGTH_CM), thigh_flexion_deg)
    shank = rotate_deg((0.0, -k.SHANK_LENGTH_CM), thigh_flexion_deg - knee_flexion_deg)
    knee = thigh
    ankle = knee + shank
    landmarks["knee"] = (float(knee[0]), float(knee[1]))
    landmarks["ankle"] = (float(ankle[0]), float(ankle[1]))
    floor = float(ankle[1]) - k.ANKLE_HEIGHT_CM  # the foot stays flat on the floor
    landmarks["heel"] = (float(ankle[0]) - k.HEEL_BEHIND_ANKLE_CM, floor)
    landmarks["toe"] = (float(ankle[0]) - k.HEEL_BEHIND_ANKLE_CM + k.FOOT_LENGTH_CM, floor)
    insertion = rotate_deg(k.PSOAS_INSERTION_CM, thigh_flexion_deg)
    landmarks["psoas_insertion"] = (float(insertion[0]), float(insertion[1]))

    path = rotate_deg(psoas_path_pelvis_frame(hip_flexion_deg), to_world)
    return landmarks, path
