"""Interactive figures for the notebooks (ipywidgets), one module per scene.

Notebooks import the one scene they show (``from psoas.widgets.sport_scene import
make_sport_scene``), so a chapter loads only what it needs; the names below are also available
here, imported on first use.
"""

from importlib import import_module

_SCENES = {
    "PostureScene": "posture_scene",
    "make_posture_scene": "posture_scene",
    "show_comparison": "static",
    "make_low_back_scene": "low_back_scene",
    "make_gait_scene": "gait_scene",
    "make_hip_knee_scene": "hip_knee_scene",
    "make_flexibility_scene": "flexibility_scene",
    "make_sport_scene": "sport_scene",
    "make_sitting_scene": "sitting_scene",
    "make_summary_scene": "summary_scene",
}

__all__ = sorted(_SCENES)


def __getattr__(name: str):
    if name in _SCENES:
        return getattr(import_module(f"{__name__}.{_SCENES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
