"""Interactive figures for the notebooks (ipywidgets).  One module per scene."""

from .posture_scene import PostureScene, make_posture_scene
from .static import show_comparison

__all__ = ["PostureScene", "make_posture_scene", "show_comparison"]
