"""Colours, line widths and font sizes of every diagram, in one place.

The psoas is a saturated vermilion against warm-grey bone and a blue-grey disc: it differs from
everything else in lightness as well as hue, so it stands out without relying on red versus green.
"""

BONE_FACE = "#efe6d2"
BONE_EDGE = "#6b5a3e"
SACRUM_FACE = "#dccaa3"
DISC_FACE = "#9fb8cc"
DISC_EDGE = "#4f6b80"
PSOAS_FACE = "#d1452b"
PSOAS_EDGE = "#7a1f10"
TENDON_FACE = "#e9a38f"
REFERENCE_LINE = "#555555"
TILT_LINE = "#1f3b73"
TILT_ARC = "#1f3b73"
TEXT = "#1a1a1a"
MUTED_TEXT = "#4d4d4d"

LABEL_FONT_PT = 13
VALUE_FONT_PT = 16
TITLE_FONT_PT = 16
BONE_LINE_WIDTH = 1.4
REFERENCE_DASHES = (0, (6, 4))

# Limits of the side view (cm, world frame at the hip joint centre).
VIEW_X_CM = (-24.0, 26.0)
VIEW_Y_CM = (-24.0, 35.0)
