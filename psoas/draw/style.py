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

# The phone layout (issue 18): a figure a phone shows about PHONE_FIGURE_CSS_PX wide (a 390 px
# page less its margins) keeps every text at least MIN_PHONE_LABEL_CSS_PX there.  A text of
# ``pt`` points shows at pt / 72 * PHONE_FIGURE_CSS_PX / PHONE_WIDTH_IN CSS px (the dpi cancels
# out): 13 pt -> 14.4 px, 12 pt -> 13.3 px at 4.4 in.  The panels stack (a taller figure).
PHONE_WIDTH_IN = 4.4
PHONE_DPI = 110  # 484 px wide: ~1.4 device pixels per CSS px on a phone; keeps a page with every phone picture under 4 MB
PHONE_PAGE_CSS_PX = 390
PHONE_FIGURE_CSS_PX = 350
MIN_PHONE_LABEL_CSS_PX = 11.0


def shown_text_css_px(font_pt: float, figure_width_in: float, shown_css_px: float = PHONE_FIGURE_CSS_PX) -> float:
    """How tall (CSS px) a ``font_pt`` text looks in a figure ``figure_width_in`` wide shown
    ``shown_css_px`` wide (its dpi cancels out)."""
    return font_pt / 72.0 * shown_css_px / figure_width_in
