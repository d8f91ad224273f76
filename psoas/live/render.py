"""Matplotlib figures in widgets: render with Agg (no pyplot) and show in an ``Image`` widget.

``LiveFigure`` is how every interactive scene shows its figure: the scene moves artists in
place (through their setters), then calls ``refresh()``.  Four things keep a step fast
(docs/performance.md has the measurements behind them):

* **Blitting.**  What does not move is drawn once into a cached background; a step restores
  that background and draws only the artists that moved.  LiveFigure finds them itself: an
  artist changed through a setter is "stale" in matplotlib, and stale artists join the moving
  layer (``moving=`` names them up front and saves one rebuild).  Within each Axes the layer
  also takes every artist drawn *after* the first moving one, so the stacking, and therefore
  every pixel, is exactly what a full draw gives.  New or removed artists, other limits, a
  changed size or a stale figure-level artist rebuild the background; ``refresh(full=True)``
  forces it for changes matplotlib cannot see (a plain attribute such as ``Annotation.xy``).
* **A cheap encoding.**  A diagram has few colours: a 256-colour palette PNG is ~2.5x smaller
  than a true-colour PNG and, with quantising, faster to make; the eye cannot tell them apart.
  A blitting figure keeps the palette of its first frame (its artists move, their colours do
  not), so a frame only maps pixels onto it: ~1.7 ms a frame instead of ~5 ms.
* **A data: URL** (``psoas.live.picture``): the page decodes the picture itself, sooner
  than through the ``blob:`` URL an ``Image`` widget makes of PNG bytes.
* **Latest value wins** (``psoas.live.schedule``): values arriving in one burst inside the
  kernel are drawn once, with the newest value.

The layout is settled once, before the first render (``settle_layout``); later renders keep it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from io import BytesIO
from operator import attrgetter
from typing import Any

import ipywidgets as w
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure, SubFigure
from matplotlib.text import Text
from PIL import Image

from ..draw.layout import settle_layout
from .picture import as_data_url, picture_widget

FRAME_COMPRESS_LEVEL = 1  # live frames: zlib's fastest level; a palette image compresses well anyway
FRAME_COLOURS = 256
FRAME_FORMAT = "png"  # what live figures send: "png" (256 colours) or "jpeg" (docs/performance.md)


# --- encoding ---------------------------------------------------------------------------------


def _rgb(canvas: FigureCanvasAgg) -> Image.Image:
    """The canvas as an RGB image (the alpha byte dropped while copying: 0.07 ms, not 0.4)."""
    return Image.frombytes("RGB", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBX")


def frame_palette(canvas: FigureCanvasAgg) -> Image.Image:
    """A 256-colour palette for the canvas's current pixels (octree: its flat colours and the
    blends its antialiased edges make), as a palette image ``frame_png`` can reuse."""
    return _rgb(canvas).quantize(FRAME_COLOURS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)


def palette_only(image: Image.Image) -> Image.Image:
    """A 1x1 image with ``image``'s palette: all ``frame_png`` needs to keep (not ~0.4 MB of
    pixels for as long as the figure lives)."""
    kept = Image.new("P", (1, 1))
    kept.putpalette(image.getpalette())
    return kept


def frame_png(canvas: FigureCanvasAgg, palette: Image.Image | None = None) -> bytes:
    """The canvas's current pixels as a 256-colour palette PNG (what a live figure sends).

    With ``palette`` (from ``frame_palette``) each pixel takes its nearest palette colour:
    0.5 ms instead of 3 ms for building a palette, and as close (docs/performance.md)."""
    if palette is None:
        image = frame_palette(canvas)
    else:
        image = _rgb(canvas).quantize(palette=palette, dither=Image.Dither.NONE)
    buffer = BytesIO()
    image.save(buffer, format="PNG", compress_level=FRAME_COMPRESS_LEVEL)
    return buffer.getvalue()


def still_png(fig: Figure) -> bytes:
    """A figure that never changes, drawn once as the 256-colour PNG a live figure would send."""
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    settle_layout(fig)
    canvas.draw()
    return frame_png(canvas)


def frame_jpeg(canvas: FigureCanvasAgg, palette: Image.Image | None = None) -> bytes:
    """The canvas as a JPEG (quality 90, no chroma subsampling; ``palette`` is not used): about
    as quick to make as ``frame_png`` with a kept palette, but twice the bytes and soft text."""
    buffer = BytesIO()
    _rgb(canvas).save(buffer, format="JPEG", quality=90, subsampling=0)
    return buffer.getvalue()


FRAME_ENCODERS = {"png": frame_png, "jpeg": frame_jpeg}


# --- blitting ---------------------------------------------------------------------------------


def artists_in(obj: Any) -> list[Artist]:
    """Every artist in ``obj``: an artist, or dataclasses, mappings and sequences holding them
    (such as a scene's ``SideViewArtists``).  Axes and figures are containers, not movers."""
    found: list[Artist] = []
    if isinstance(obj, (Axes, Figure, SubFigure)):
        pass
    elif isinstance(obj, Artist):
        found.append(obj)
    elif is_dataclass(obj) and not isinstance(obj, type):
        for f in fields(obj):
            found += artists_in(getattr(obj, f.name))
    elif isinstance(obj, Mapping):
        for value in obj.values():
            found += artists_in(value)
    elif isinstance(obj, Iterable) and not isinstance(obj, (str, bytes)):
        for value in obj:
            found += artists_in(value)
    return found


def draw_order(ax: Axes) -> list[Artist]:
    """The artists ``Axes.draw`` paints, in the order it paints them (matplotlib 3.11, pinned: ``psoas.internals``)."""
    artists = ax.get_children()
    artists.remove(ax.patch)
    if not (ax.axison and ax.get_frame_on()):
        for spine in ax.spines.values():
            artists.remove(spine)
    if not ax.axison:
        for axis in getattr(ax, "_axis_map", {"x": ax.xaxis, "y": ax.yaxis}).values():
            artists.remove(axis)
    artists = sorted(artists, key=attrgetter("zorder"))
    if ax.axison and ax.get_frame_on():
        artists = [ax.patch] + artists
    return artists


def _clip_bounds(artist: Artist) -> tuple | None:
    """The pixel box an artist cannot paint outside of, or None if it is not clipped to a box."""
    box = artist.get_clip_box()
    return tuple(box.bounds) if artist.get_clip_on() and box is not None else None


def _clear_of(static: Artist, movers: list[Artist], renderer, pad: float = 2.0) -> bool:
    """Whether ``static`` lies outside the clip box of every artist in ``movers`` (``pad`` pixels
    cover rounding of the clip box and of glyph bitmaps)."""
    try:
        extent = static.get_window_extent(renderer)
    except Exception:  # an artist that cannot say where it is: assume it overlaps
        return False
    for mover in movers:
        clip = _clip_bounds(mover)
        if clip is None:
            return False
        x, y, width, height = clip
        if not (
            extent.x1 + pad < x or extent.x0 - pad > x + width or extent.y1 + pad < y or extent.y0 - pad > y + height
        ):
            return False
    return True


def _figure_level_artists(fig: Figure):
    """Artists of the figure and its subfigures that belong to no Axes (titles, legends, texts)."""
    for artist in fig.get_children():
        if isinstance(artist, SubFigure):
            yield from _figure_level_artists(artist)
        elif not isinstance(artist, Axes) and artist is not fig.patch:
            yield artist


def _drawn(artist: Artist) -> bool:
    """Whether a draw paints something (an empty text never draws, so it never un-stales)."""
    return artist.get_visible() and not (isinstance(artist, Text) and not artist.get_text())


@dataclass
class RenderStats:
    """What a LiveFigure did: frames rendered, backgrounds (re)built, artists redrawn per frame."""

    frames: int = 0
    rebuilds: int = 0
    layer_size: int = 0


class LiveFigure:
    """A figure shown as an ``Image`` widget (``.widget``); ``refresh()`` sends a new frame.

    ``moving`` (optional): the artists the scene will move, in any nesting ``artists_in``
    understands; artists found stale later join them.  ``blit=False`` redraws everything.
    ``frame_format``: "png" (256 colours) or "jpeg"; by default ``FRAME_FORMAT``.
    ``keep_palette`` (default: as ``blit``): make the PNG palette from the first frame and reuse
    it while the canvas keeps its size, for a figure whose artists move but keep their colours.
    Without it every frame gets its own palette (right for a figure that changes colours).
    ``layout_key``: solve the figure's layout once per machine (``settle_layout``); it must name
    what the layout depends on beyond the figure's size (its language, its starting state).
    ``widget``: an ``Image`` already on the page to take over (``psoas.live.deferred``): it is
    left untouched here, so a figure can be built off the kernel's main thread; the first frame
    is in ``first_frame`` and the width in ``width_css`` for whoever brings the widget up to date.
    ``make_widget``: makes the widget when none is given (``picture.picture_widget``'s signature;
    any widget with a data: URL ``value`` will do, such as ``frame_strip.strip_widget``).
    """

    def __init__(
        self,
        figure: Figure,
        css_class: str | None = None,
        max_width: str = "100%",
        moving: Any = None,
        blit: bool = True,
        frame_format: str | None = None,
        keep_palette: bool | None = None,
        layout_key: Any = None,
        widget: w.DOMWidget | None = None,
        make_widget: Callable[..., w.DOMWidget] = picture_widget,
    ):
        self.figure = figure
        self.canvas = figure.canvas if isinstance(figure.canvas, FigureCanvasAgg) else FigureCanvasAgg(figure)
        self.blit = blit
        frame_format = frame_format or FRAME_FORMAT
        self._encode = FRAME_ENCODERS[frame_format]
        self.keep_palette = (blit if keep_palette is None else keep_palette) and frame_format == "png"
        self._palette: Image.Image | None = None
        self._palette_size: tuple[int, int] | None = None
        self.stats = RenderStats()
        self._moving: set[Artist] = set(artists_in(moving))
        self._layer: list[Artist] = []
        self._guards: list[Artist] = []
        self._painted: set[Artist] = set()
        self._background = None
        self._signature: tuple | None = None
        self.frame_format = frame_format
        settle_layout(figure, layout_key)
        self.first_frame = self.render()
        self.width_css = f"{figure.bbox.width:.0f}px"
        if widget is None:
            widget = make_widget(self.first_frame, frame_format, self.width_css, max_width, css_class)
        self.widget = widget

    # -- public ------------------------------------------------------------------------------
    def refresh(self, full: bool = False) -> None:
        """Render the figure as it is now and send it to the browser.  ``full=True`` rebuilds
        the cached background too (for changes that do not mark an artist stale)."""
        self.widget.value = as_data_url(self.render(full), self.frame_format)

    def render(self, full: bool = False) -> bytes:
        """The figure as it is now, encoded as the frame the widget shows."""
        self.render_pixels(full)
        self.stats.frames += 1
        return self._encode(self.canvas, self.palette)

    @property
    def palette_digest(self) -> str | None:
        """A short name for the kept palette (frames drawn with another palette differ slightly)."""
        palette = self.palette
        return hashlib.sha256(bytes(palette.getpalette())).hexdigest()[:16] if palette else None

    @property
    def palette(self) -> Image.Image | None:
        """The kept PNG palette (made from the current pixels when there is none for this
        canvas size yet), or None when every frame gets its own."""
        if not self.keep_palette:
            return None
        size = self.canvas.get_width_height()
        if self._palette is None or self._palette_size != size:
            self._palette, self._palette_size = palette_only(frame_palette(self.canvas)), size
        return self._palette

    def render_pixels(self, full: bool = False) -> np.ndarray:
        """Bring the canvas up to date (blitting when it can); return its RGBA pixels (a view)."""
        if not self.blit:
            self.canvas.draw()
        elif self._signature is None:  # the first frame: everything is stale, nothing has moved yet
            self._rebuild()
        else:
            stale = self._stale_artists()
            if full or not stale <= self._moving or self._current_signature() != self._signature:
                self._moving |= stale
                self._rebuild()
            else:
                self._draw_layer()
        return np.asarray(self.canvas.buffer_rgba())

    @property
    def layer(self) -> list[Artist]:
        """The artists redrawn on every frame, in drawing order."""
        return list(self._layer)

    # -- internals ---------------------------------------------------------------------------
    def _stale_artists(self) -> set[Artist]:
        """Artists that changed since the last frame: ones a draw paints, and ones painted at the
        last rebuild that a draw now skips (an emptied text, a hidden patch: their old pixels
        must go).  An artist no draw has painted, such as an empty title, is not a change."""
        return {a for ax in self.figure.axes for a in draw_order(ax) if a.stale and self._counts(a)}

    def _counts(self, artist: Artist) -> bool:
        return _drawn(artist) or artist in self._painted

    def _current_signature(self) -> tuple:
        """Everything that, when it changes, makes the cached background wrong."""
        fig = self.figure
        figure_level = tuple((id(a), a.stale and self._counts(a)) for a in _figure_level_artists(fig))
        axes = tuple(
            (
                id(ax), tuple(ax.get_position().bounds), tuple(ax.viewLim.bounds), ax.axison, ax.get_visible(),
                tuple((id(a), a.get_zorder()) for a in ax.get_children()),
            )
            for ax in fig.axes
        )  # fmt: skip
        guards = tuple((id(a), _clip_bounds(a)) for a in self._guards)  # see _plan_layer
        return (self.canvas.get_width_height(), fig.dpi, figure_level, axes, guards)

    def _plan_layer(self) -> list[Artist]:
        """Per Axes: the moving artists, and every static artist drawn after the first of them
        unless it lies outside the clip boxes of all moving artists drawn before it (a title
        above the Axes): then no frame can paint over it, and it stays in the background."""
        renderer = self.canvas.get_renderer()
        layer: list[Artist] = []
        self._guards = []
        for ax in self.figure.axes:
            movers: list[Artist] = []
            for artist in draw_order(ax):
                if artist in self._moving:
                    movers.append(artist)
                    layer.append(artist)
                elif movers and not _clear_of(artist, movers, renderer):
                    layer.append(artist)
                elif movers:  # stays in the background while these keep their clip boxes
                    self._guards += [m for m in movers if m not in self._guards]
        return layer

    def _rebuild(self) -> None:
        """Draw the static background once (the layer hidden), cache it, then draw the layer.
        With nothing moving (a static figure, so far) it is a plain draw and nothing is cached."""
        self._layer = self._plan_layer() if self._moving else []
        self.stats.layer_size = len(self._layer)
        if not self._layer:
            self.canvas.draw()
            self._background = None
            self._painted = self._drawn_now()
            self._signature = self._current_signature()
            return
        self.stats.rebuilds += 1
        hidden = [a for a in self._layer if not a.get_animated()]
        for artist in hidden:
            artist.set_animated(True)  # Figure.draw and Axes.draw skip animated artists
        try:
            self.canvas.draw()
        finally:
            for artist in hidden:
                artist.set_animated(False)
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        self._paint_layer()
        self._painted = self._drawn_now()
        self._signature = self._current_signature()

    def _drawn_now(self) -> set[Artist]:
        """Every artist the picture shows now (in an Axes or at figure level)."""
        artists = [a for ax in self.figure.axes for a in draw_order(ax)] + list(_figure_level_artists(self.figure))
        return {a for a in artists if _drawn(a)}

    def _draw_layer(self) -> None:
        if self._background is None:  # nothing moves: a plain draw
            self.canvas.draw()
            return
        self.canvas.restore_region(self._background)
        self._paint_layer()

    def _paint_layer(self) -> None:
        renderer = self.canvas.get_renderer()
        for artist in self._layer:
            artist.draw(renderer)

