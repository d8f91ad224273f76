"""What every chapter scene shares: controls beside a live figure, a readout, Dutch messages.

A scene subclass builds its figure once (``build``) and moves it (``draw``); this base class
wires the controls, catches errors (a reader sees a short Dutch message and keeps the last
picture), and writes the readout table.  The figure is built behind a cached first picture, on
a background thread (``DeferredFigure``), so a scene module imports no matplotlib: subclasses
import their drawing code inside ``build`` and ``draw``.  ``make_scene`` turns a missing or broken content file
into a Dutch message instead of a crash.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

import ipywidgets as w

from ..content import ContentError, Strings, strings
from ..model import SHORTENING_RANGE_PCT, standing_posture
from ..query import parameters, parse_value, when_link_known
from ..live import frame_strip
from . import projector
from ..live.deferred import DeferredFigure
from .format import content_error_html, message_html, number_nl
from ..live.picture import picture_widget
from ..disk_cache import cached_json
from ..live.positions import ControlPositions, control_positions, grid, grid_index, grid_size
from ..live.snapshots import Snapshot
from ..live.schedule import LatestValueWins
from .shared import SharedParts

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from ..live.render import LiveFigure

log = logging.getLogger(__name__)

SLIDER_STEP_PCT = 0.1
PHONE, DESKTOP = "phone", "desktop"  # the figure's layouts (FigurePanel.set_phone)
GRID_STEP_PCT = 0.5  # the shortening step of a scene with two controls (docs/performance.md, "Frames for every scene")


@dataclass(frozen=True)
class Row:
    """One line of a readout: label, value, unit and a data key for tests."""

    key: str
    label: str
    value: float | str
    unit: str = ""
    decimals: int = 1

    def html(self, mark: str = ",") -> str:
        shown = self.value if isinstance(self.value, str) else number_nl(self.value, self.decimals, mark)
        data = self.value if isinstance(self.value, str) else f"{self.value:.4f}"
        return (
            f'<tr data-key="{self.key}" data-value="{html.escape(str(data))}">'
            f'<td style="padding:3px 12px 3px 0">{html.escape(self.label)}</td>'
            f'<td style="text-align:right;font-weight:bold">{html.escape(shown)}{html.escape(self.unit)}</td></tr>'
        )


def readout_html(title: str, rows: list[Row], note: str = "", caveat: str = "", mark: str = ",") -> str:
    """The readout panel: a title, a table of numbers, an optional note and caveat."""
    body = "".join(row.html(mark) for row in rows)
    parts = [
        '<div style="font-size:16px;line-height:1.4;color:#1a1a1a">',
        f'<h4 style="margin:8px 0 4px">{html.escape(title)}</h4><table>{body}</table>',
    ]
    if note:
        parts.append(f'<p class="psoas-note" style="margin:8px 0">{html.escape(note)}</p>')
    if caveat:
        parts.append(f'<p style="font-size:14px;color:#4d4d4d;margin:4px 0">{html.escape(caveat)}</p>')
    parts.append("</div>")
    return "".join(parts)


def description_html(heading: str, words: str) -> str:
    """The figure's description as a polite live region: read out when it changes."""
    return (
        f'<div role="status" aria-live="polite" style="font-size:15px;color:#1a1a1a;margin:6px 0">'
        f"<b>{html.escape(heading)}:</b> <span class=\"psoas-description-text\">{html.escape(words)}</span></div>"
    )


def posture_words(text: Strings, posture) -> str:
    """One sentence on tilt, lordosis and hip extension (and the knee, in a crouch)."""
    if posture.hip_extension_deg >= 0:
        hip = text["describe.hip_reserve"].format(deg=f"{posture.hip_extension_deg:.0f}")
    else:
        hip = text["describe.hip_missing"].format(deg=f"{-posture.hip_extension_deg:.0f}")
    words = text["describe.posture"].format(tilt=f"{posture.pelvic_tilt_deg:.0f}", lordosis=f"{posture.lumbar_lordosis_deg:.0f}", hip=hip)
    if posture.knee_flexion_deg > 0.5:
        words += text["describe.knee"].format(deg=f"{posture.knee_flexion_deg:.0f}")
    return words


def strings_digest(text: Strings) -> str:
    """A short digest of a language's strings: a figure's cached first picture shows some of them."""
    return hashlib.sha256(json.dumps(text, sort_keys=True).encode()).hexdigest()[:16]


def checked_value(value: Any, valid: tuple[float, float], default: float, text: Strings) -> tuple[float, str | None]:
    """``value`` as a number in ``valid``, or ``default`` with a Dutch notice."""
    lo, hi = valid
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if lo <= number <= hi:
        return number, None
    mark = text["format.decimal_mark"]
    notice = text["error.value"].format(
        value=str(value), lo=number_nl(lo, 0, mark), hi=number_nl(hi, 1, mark), fallback=number_nl(default, 1, mark).removesuffix(mark + "0")
    )
    return default, notice


def shortening_slider(
    text: Strings, value: float, key: str = "slider.shortening", css_class: str = "psoas-shortening", step_pct: float = SLIDER_STEP_PCT
) -> w.FloatSlider:
    """The shortening slider every chapter uses (percent of the psoas rest length).  A scene
    with two controls uses a coarser ``step_pct``: its pictures are drawn for every combination
    of positions (``FigurePanel.snapshots``), and a page must stay inside its size budget."""
    lo, hi = SHORTENING_RANGE_PCT
    slider = w.FloatSlider(
        value=value, min=lo, max=hi, step=step_pct, readout_format=".1f",
        description=text[key] + " (%)", continuous_update=True,
        style={"description_width": "initial"}, layout=w.Layout(width="100%"),
    )  # fmt: skip
    slider.add_class(css_class)
    slider.add_class("psoas-control")
    return slider


class FigurePanel:
    """What every scene with a deferred live figure shares: waiting for the figure, projector
    mode, and its pictures at every position of its controls, switched in the page
    (``frame_strip``) and kept with their numbers and words (``snapshots``).  Needs ``inputs``
    (the controls), ``layout_key``, ``figure_job`` (a ``DeferredFigure`` whose widgets come from
    ``_strip_widget``), ``panel`` and ``base_dpi`` (set by the figure's build), and the hooks
    ``state_at``, ``draw``, ``readout_markup`` and ``describe``."""

    panel_width = "400px"
    frames_in_page = True  # False for a scene with too many positions to draw ahead (the page asks the kernel)
    phone = False  # the figure's phone layout (``set_phone``): ``build`` reads it
    _relaid: LiveFigure | None = None  # the figure ``set_phone`` built last (it replaces the deferred one)
    # True while the strip's value (the kernel's picture) shows an older state than the artists:
    # every view showed the frames, so no picture was drawn (drawn when a view asks: _catch_up).
    _picture_behind = False

    def values(self) -> tuple:
        """The controls' current values."""
        return tuple(control.value for control in self.inputs)

    def state(self) -> Any:
        """The model's answer for the controls' current values."""
        return self.state_at(self.values())

    def positions(self) -> list[ControlPositions]:
        """Each control's positions (the grid of snapshots is every combination of them)."""
        return [control_positions(control) for control in self.inputs]

    def description_markup(self, state: Any) -> str:
        return description_html(self.text["describe.heading"], self.describe(state))

    def snapshots(self) -> list[Snapshot]:
        """The scene at every position of its controls, in grid order (``positions.grid``):
        the pictures are the frames the live figure would send.  The figure is left as it was."""
        return self._at_every_position(
            lambda state, picture: Snapshot(picture, self.readout_markup(state), self.description_markup(state), self.describe(state))
        )

    def draw_frames(self) -> list[bytes]:
        """The pictures alone, at every position (~10-40 ms each)."""
        return self._at_every_position(lambda _state, picture: picture)

    def _at_every_position(self, keep: Callable[[Any, bytes], Any]) -> list:
        live = self.live
        try:
            kept = []
            for values in grid(self.positions()):
                state = self.state_at(values)
                self.draw(state)
                kept.append(keep(state, live.render()))
            return kept
        finally:
            self.draw(self.state())
            live.render_pixels()

    # -- pictures switched in the page (frame_strip) ------------------------------------------
    def _strip_widget(self, picture: bytes, picture_format: str, width_css: str, max_width: str, css_class):
        """The figure's widget (``picture.picture_widget``'s signature): a frame strip that
        follows the controls in the page, or an Image when anywidget is missing."""
        if not self.frames_in_page:
            return picture_widget(picture, picture_format, width_css, max_width, css_class)
        if not frame_strip.available():
            log.warning("anywidget is not installed: every picture makes a round trip to the kernel")
            return picture_widget(picture, picture_format, width_css, max_width, css_class)
        return frame_strip.strip_widget(
            picture, picture_format, width_css, max_width, css_class, controls=list(self.inputs),
            grid=[p.as_json() for p in self.positions()], frames_key=self.frames_key(projector.is_on()),
            frames_for=self.frames, on_asking=self._catch_up, texts=[self.readout, self.description],
            texts_for=self.frame_texts, on_layout=self.set_phone, phone_media=frame_strip.PHONE_MEDIA,
        )  # fmt: skip

    def frame_texts(self) -> list[list[str]]:
        """The readout's and the description's HTML at every position, in grid order (the model
        alone: no drawing), for the page to show with each frame."""
        def make() -> list[list[str]]:
            states = (self.state_at(values) for values in grid(self.positions()))
            return [[self.readout_markup(state), self.description_markup(state)] for state in states]

        if getattr(self, "_frame_texts", None) is None:  # ~50-250 ms: once per machine, then ~5 ms
            self._frame_texts = cached_json("frame-texts", self.layout_key, make, lambda texts: len(texts) == grid_size(self.positions()))
        return self._frame_texts

    def frames_key(self, projector_on: bool) -> str:
        """The name of the frames that match the figure (its layout, projector mode's dpi, and
        the phone layout)."""
        mode = "projector" if projector_on else "normal"
        if self.phone:
            return frame_strip.frames_key(self.layout_key, mode, PHONE)
        return frame_strip.frames_key(self.layout_key, mode)

    def frames(self, key: str) -> bytes | None:
        """The pictures of every position, drawn once per machine and packed into one file
        (``frame_strip.pack``); None for a live figure that does not send PNG.  The strip asks
        only for its current ``frames_key``."""
        if self.live.frame_format != "png":
            return None
        # A kernel makes its palette from the picture it shows when the canvas gets a new size
        # (projector mode): frames from another kernel with another palette would differ slightly.
        return frame_strip.cached_strip([key, self.live.palette_digest], self.draw_frames)

    def _catch_up(self) -> None:
        """A view asked for frames and shows the kernel's picture until they come: make it current."""
        if self._picture_behind:
            self.live.refresh()
            self._picture_behind = False

    def send_picture(self, values: tuple) -> None:
        """After the artists moved to ``values``: send the picture, unless every view shows
        this position's frame itself (then the kernel's picture is brought up to date only when
        a view asks for it)."""
        strip = self.figure_job.widget
        if getattr(strip, "views_show_frames", False) and grid_index(self.positions(), values) is not None:
            self._picture_behind = True
        else:
            self.live.refresh()
            self._picture_behind = False

    @property
    def live(self) -> LiveFigure:
        """The LiveFigure shown (waits for its build): the phone layout's, when it is on."""
        first = self.figure_job.get()
        return first if self._relaid is None else self._relaid

    def set_phone(self, on: bool) -> None:
        """The phone layout (issue 18), like projector mode a layout of the scene: a taller,
        narrower figure whose texts stay legible on a 390 px screen (``build`` reads
        ``self.phone``).  The figure is built again in that layout, from the scene's starting
        state as the desktop figure is (the same pictures in every kernel and in the static
        site), moved to the controls' values and shown in the same widget; the page's frames
        are renamed, so views drop the other layout's frames.  Turning it off builds the desktop
        figure again (a scene keeps only one figure's artists)."""
        on = bool(on)
        if on == self.phone:
            return
        self.figure_job.get()  # the desktop build is done: it will not set the artists after this
        was = self.phone
        self.phone = on
        try:
            live = self._build_live(self.start_state, self._figure_key(), self.figure_job.widget)
        except Exception:
            self.phone = was
            raise
        self._relaid = live
        strip = self.figure_job.widget
        if isinstance(strip, frame_strip.FrameStrip):
            strip.figure_layout = PHONE if on else DESKTOP
        self.draw(self.state())
        self.set_projector(projector.is_on())  # sets the frames' name, the dpi and the width, and sends the picture

    def _figure_key(self) -> list:
        """What the figure's layout depends on (``settle_layout``): the scene's, and the phone layout."""
        return [*self.layout_key, PHONE] if self.phone else self.layout_key

    @property
    def figure(self) -> Figure:
        return self.live.figure

    def set_projector(self, on: bool) -> None:
        """Projector mode: render the figure larger (higher dpi) and widen the panel; the page's
        frames are renamed first, so views drop the frames of the old size."""
        strip = self.figure_job.widget
        if isinstance(strip, frame_strip.FrameStrip):
            strip.frames_key = self.frames_key(on)
        live = self.live
        live.figure.set_dpi(self.base_dpi * (projector.PROJECTOR_SCALE if on else 1.0))
        live.widget.layout.width = f"{live.figure.bbox.width:.0f}px"
        self.panel.layout.width = "560px" if on else self.panel_width
        live.refresh(full=True)
        self._picture_behind = False


class Scene(FigurePanel):
    """Controls + a live figure + a readout.  Subclasses implement ``controls``, ``build``,
    ``draw`` and ``rows``; the base class keeps them in step."""

    def __init__(self, language: str = "nl"):
        self.text = strings(language)
        self.texts = texts = SharedParts()  # the panel's texts share one layout and style: fewer widget models
        self.status = texts.make(w.HTML, "")
        self.readout = texts.make(w.HTML, "", css_class="psoas-readout")
        self.description = texts.make(w.HTML, "", css_class="psoas-description")
        self.inputs = self.controls()
        self.shown = self.start_state = state = self.state()
        start = [c.value if isinstance(c.value, (int, float, str)) else repr(c.value) for c in self.inputs]
        # What the figure's layout and first picture depend on (laid out and kept once per machine).
        self.layout_key = layout_key = [type(self).__name__, language, start, strings_digest(self.text)]
        self.figure_job = DeferredFigure(
            lambda widget: self._build_live(state, layout_key, widget), key=layout_key, css_class="psoas-figure",
            make_widget=self._strip_widget,
        )  # fmt: skip
        self.updates = LatestValueWins(lambda _: self._update_safely())  # a burst: only the newest is drawn
        for control in self.inputs:
            control.observe(self._on_change, names="value")
        panel = w.VBox(list(self.inputs) + [self.readout, self.description] + self.extras() + [self.status], layout=w.Layout(width=self.panel_width, padding="0 0 0 16px"))
        self.panel = panel
        self.widget = w.HBox([self.figure_job.widget, panel], layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))
        self.widget.psoas_scene = self  # the static site draws the scene at every position (psoas.static_site)
        self._show(state)
        self.notify(getattr(self, "start_notice", None))
        projector.register(self)

    def _build_live(self, state: Any, layout_key: list, widget: w.Image | None) -> LiveFigure:
        """``build`` as a LiveFigure (on the figure thread when deferred: no widgets here).
        Blitted: LiveFigure learns what moves from the artists each step changes (tests compare
        every scene's frames with full draws over random sequences of control values)."""
        from ..live.render import LiveFigure  # matplotlib: imported by the build, not the chapter

        figure = self.build(state)
        if self.phone:
            from ..draw.layout import wrap_to_fit

            wrap_to_fit(figure)  # long titles and names: two lines on a phone
        self.base_dpi = figure.dpi
        return LiveFigure(
            figure, css_class="psoas-figure", moving=self.moving(), layout_key=layout_key, widget=widget, make_widget=self._strip_widget
        )  # fmt: skip

    # --- to implement -------------------------------------------------------------------
    def controls(self) -> list[w.ValueWidget]:
        raise NotImplementedError

    def state_at(self, values: tuple) -> Any:
        """The model's answer for the controls at ``values`` (one value per control)."""
        raise NotImplementedError

    def build(self, state: Any) -> Figure:
        """Make the figure for ``state``; it may run on the figure thread, so it sets no widget."""
        raise NotImplementedError

    def draw(self, state: Any) -> None:
        """Move the figure's artists to ``state`` (in place)."""
        raise NotImplementedError

    def rows(self, state: Any) -> list[Row]:
        raise NotImplementedError

    def note(self, state: Any) -> str:
        return ""

    def moving(self) -> Any:
        """The artists a step moves, if the build knows them (saves the live figure one rebuild)."""
        return None

    def describe(self, state: Any) -> str:
        """The picture in words, for screen readers and for anyone who cannot see it."""
        raise NotImplementedError

    def extras(self) -> list[w.Widget]:
        return []

    def query_controls(self) -> dict[str, w.ValueWidget]:
        """Which link parameters set which controls (``?verkorting=3``)."""
        return {"verkorting": self.slider} if hasattr(self, "slider") else {}

    def apply_link(self, params: dict[str, str]) -> None:
        """Set the controls from a page link's parameters; a bad value keeps the default and
        shows a short notice in the page's language (never an error)."""
        notices = []
        for name, control in self.query_controls().items():
            if name not in params:
                continue
            if isinstance(control, w.FloatSlider):
                value, notice = parse_value(params, name, control.value, (control.min, control.max), self.text)
            else:
                options = [option for _, option in control.options]
                value, notice = params[name], None
                if value not in options:
                    value, notice = control.value, self.text["error.choice"].format(value=params[name][:24], options=", ".join(options))
            if notice:
                notices.append(notice)
            elif value != control.value:
                control.value = value  # the observer redraws
        if notices:
            self.notify(" ".join(notices))

    # --- plumbing -----------------------------------------------------------------------
    def _on_change(self, change) -> None:
        self.updates.submit(change["new"])

    def _update_safely(self) -> None:
        try:
            self.update()
        except Exception:  # a reader sees a short Dutch message; the last picture stays
            log.exception("%s update failed", type(self).__name__)
            self.status.value = message_html(self.text["error.figure"])

    def update(self) -> Any:
        """Solve for the controls' values, move the figure and the numbers; return the state."""
        return self.update_at(self.values())

    def update_at(self, values: tuple) -> Any:
        """Solve for ``values``, move the figure and the numbers; return the state."""
        state = self.state_at(values)
        self._show(state)  # the numbers follow even if the figure cannot
        self.live  # noqa: B018 - waits for the figure's build
        self.draw(state)
        self.send_picture(values)
        self.shown = state
        self.status.value = ""
        return state

    def readout_markup(self, state: Any) -> str:
        """The readout panel for ``state``."""
        return readout_html(self.text["readout.title"], self.rows(state), self.note(state), self.text["readout.caveat"], self.text["format.decimal_mark"])

    def _show(self, state: Any) -> None:
        self.readout.value = self.readout_markup(state)
        self.description.value = self.description_markup(state)

    def num(self, value: float, decimals: int = 1) -> str:
        """A number with the reader's decimal mark."""
        return number_nl(value, decimals, self.text["format.decimal_mark"])

    def notify(self, notice: str | None) -> None:
        """Show a short Dutch notice (or clear it)."""
        self.status.value = message_html(notice, "notice") if notice else ""


class ShorteningScene(Scene):
    """A scene driven by one shortening slider; its state is the standing posture unless a
    subclass says otherwise."""

    def __init__(self, initial_pct: float = 0.0, language: str = "nl"):
        self.initial_pct = initial_pct
        super().__init__(language)

    def controls(self) -> list[w.ValueWidget]:
        value, self.start_notice = checked_value(self.initial_pct, SHORTENING_RANGE_PCT, 0.0, self.text)
        self.slider = shortening_slider(self.text, value)
        return [self.slider]

    def state_at(self, values: tuple) -> Any:
        (pct,) = values
        return standing_posture(pct)


def make_scene(factory: Callable[[], Scene], read_link: bool = True, language: str = "nl") -> w.Widget:
    """The scene's widget, or a message in ``language`` if its content cannot be loaded.

    The scene is built first (a warm kernel from Voilà's pool has it ready before a student
    asks for the page); then the page link's parameters, if any, move its controls: at once, or
    in a classroom warm kernel once a student has taken it (``psoas.query.when_link_known``).
    """
    try:
        scene = factory()
    except ContentError:
        log.exception("content for %s is missing or broken", getattr(factory, "__name__", factory))
        return w.HTML(content_error_html(language))
    if read_link:
        try:
            when_link_known(lambda query: scene.apply_link(parameters(query)))
        except Exception:  # a broken link never breaks the page
            log.exception("the page link could not be applied")
    return scene.widget
