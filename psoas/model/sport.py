"""Hip angles (flexion +, extension -, against the pelvis) that sports use, with sources.

Tags as in docs/biomechanics-reference.md ("Sport hip ranges").  [R] values are recalled from
the named studies and marked "check before citing" there; the app says they are approximate.
"""

from __future__ import annotations

from dataclasses import dataclass

from .psoas_path import psoas_length_cm


@dataclass(frozen=True)
class SportRange:
    """The hip range a sport uses and where the numbers come from."""

    key: str
    extension_deg: float  # most extended hip angle (negative = extension)
    flexion_deg: float  # most flexed hip angle
    source: str


SPORTS = (
    SportRange("walking", -22.3, 21.9, "OpenSim gait2392 subject01, walking at 1.1 m/s [C]"),
    SportRange("running", -15.0, 45.0, "Novacheck 1998, Gait Posture 7:77, running [R]"),
    SportRange("sprinting", -20.0, 70.0, "Novacheck 1998, sprinting [R]"),
    SportRange("cycling", 40.0, 105.0, "Bini & Carpes 2014, Biomechanics of Cycling [R]"),
    SportRange("dance", -30.0, 110.0, "arabesque and grand battement devant, ballet [R]; model range ends at 110 deg"),
    SportRange("squat_deadlift", 0.0, 100.0, "squatting 87.4 deg (Kim 2006) [S]; a deep squat or deadlift start to about 100 deg [R]"),
    SportRange("football_tennis", -30.0, 75.0, "kicking backswing and follow-through, Lees & Nolan 1998 [R]; sprints as above"),
)


def sport(key: str) -> SportRange:
    """The range of one sport by key; ``ValueError`` names the keys."""
    for item in SPORTS:
        if item.key == key:
            return item
    raise ValueError(f"unknown sport {key!r}; choose one of {', '.join(s.key for s in SPORTS)}")


def length_span_cm(item: SportRange) -> tuple[float, float]:
    """Psoas length (cm) at the sport's most flexed and most extended hip angle."""
    return psoas_length_cm(item.flexion_deg), psoas_length_cm(item.extension_deg)
