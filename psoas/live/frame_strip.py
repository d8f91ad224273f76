"""A figure whose pictures switch in the page: every position of its controls drawn ahead.

A slider step that goes to the kernel and back costs a round trip, and on a busy two-core
machine that trip takes 30-110 ms while the browser handles a burst of keys (docs/performance.md,
"The drag").  A scene's controls have few positions (76 for a shortening slider, a grid of a
few hundred for two controls: ``positions``), so the kernel draws each of them once per machine
(``psoas.disk_cache``) and sends them to the page when the page asks; from then on the page
shows the picture of the controls' values itself, at once, and the kernel's pictures are
only a fallback (before the frames arrive, or when no frames match the figure).

``FrameStrip`` is the widget: a small ES module run by anywidget's front end (no build step).
It speaks anywidget's model protocol directly (the ``_esm`` and ``_anywidget_id`` traits and
its model and view names; a test keeps them in step with ``anywidget.AnyWidget``) instead of
subclassing ``AnyWidget``, whose module imports psygnal: that cost each kernel ~1.8 MB.  It
shows the kernel's picture (``value``, a data: URL as an ``Image`` widget with ``format="url"``
has it, so ``LiveFigure`` can drive it like one) until the page has frames whose
``frames_key`` matches; then it shows the frame of the linked ``controls``' values.  The kernel
holds no frames: it reads them from the disk cache when a page asks, sends them as one binary
buffer and lets them go.

No matplotlib here: the scene draws the frames (``frames_for``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

import ipywidgets as w
import traitlets as t

from ..disk_cache import cache_path, complete_png, read_cached, store
from .picture import WIRE_FORMAT, as_data_url

log = logging.getLogger(__name__)

CACHE_NAME = "frames"
_MAGIC = b"PSOAS-FRAMES 1\n"
PHONE_MEDIA = "(max-width: 600px)"  # a screen that gets the phone layout (issue 18)
RETRY_MS = 2000  # a page asks again this much later while another kernel draws the frames
LOCK_STALE_S = 60.0  # a drawing lock this old belongs to a kernel that died while drawing


class FramesNotReady(Exception):
    """Another kernel is drawing these frames; ask again later."""


ESM = r"""
const PREFIX = "IPY_MODEL_";
const asText = (value) => {
  if (!value) return "";
  if (typeof value === "string") return value;
  const bytes = value instanceof DataView ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : new Uint8Array(value);
  return new TextDecoder().decode(bytes);
};
const asDataUrl = (view) => {
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return "data:image/png;base64," + btoa(text);
};

export default {
  async render({ model, el }) {
    const img = document.createElement("img");
    img.className = model.get("img_class");
    img.style.width = "100%";
    img.style.height = "auto";
    img.style.display = "block";
    el.appendChild(img);
    let frames = null;  // per position of the controls: its bytes (a DataView) until first shown, then a data: URL
    let controls = null;  // the controls' models, in the grid's order
    let texts = null;  // per position: the HTML of each text widget (the readout, the description)
    let textModels = [];  // those widgets' models
    let closed = false;
    let timer = null;
    let kernelPictures = 0;
    const view = Math.random().toString(36).slice(2);  // this view, in the kernel's bookkeeping
    const tell = (message) => {
      if (closed) return;
      try { model.send({ ...message, view }); } catch (e) { /* the comm has closed */ }
    };
    const later = (callback, ms) => { clearTimeout(timer); timer = setTimeout(callback, ms); };
    const position = () => {  // the index of the controls' values in the grid, or null between positions
      const grid = model.get("grid");
      let index = 0;
      for (let i = 0; i < grid.length; i++) {
        const spec = grid[i];
        const raw = controls[i].get(spec.trait);
        let at = raw;
        if (spec.trait !== "index") {
          const steps = (raw - spec.min) / spec.step;
          at = Math.round(steps);
          if (Math.abs(steps - at) > 1e-6) return null;  // between positions (set from code): the kernel's
        }
        if (typeof at !== "number" || at < 0 || at >= spec.count) return null;
        index = index * spec.count + at;
      }
      return index;
    };
    const local = () => {
      if (frames === null || controls === null) return null;
      const index = position();
      if (index === null) return null;
      const frame = frames[index];
      if (frame === undefined) return null;
      if (typeof frame !== "string") frames[index] = asDataUrl(frame);  // ~0.3 ms, once per position
      return frames[index];
    };
    // The numbers and words of the frame shown: set in the page at once (never sent back); the
    // kernel's own, sent a little later, are the same, and an older one is put right again.
    const showTexts = () => {
      if (texts === null || frames === null || controls === null) return;
      const index = position();
      const row = index === null ? null : texts[index];
      if (!Array.isArray(row)) return;
      textModels.forEach((text, i) => { if (typeof row[i] === "string" && text.get("value") !== row[i]) text.set("value", row[i]); });
    };
    const draw = () => {
      const frame = local();
      const src = frame || asText(model.get("value"));
      el.dataset.source = frame ? "page" : "kernel";
      el.dataset.layout = model.get("figure_layout");
      if (src && img.getAttribute("src") !== src) img.src = src;
      if (frame) showTexts();
    };
    const ask = () => {
      frames = null;
      el.dataset.frames = "0";
      const key = model.get("frames_key");
      if (key) tell({ type: "frames?", key });
    };
    // The kernel may stop drawing pictures for this view once it shows frames and follows the controls.
    const showing = () => { if (frames !== null && controls !== null) tell({ type: "showing", key: model.get("frames_key") }); };
    const onMessage = (msg, buffers) => {
      if (!msg || msg.key !== model.get("frames_key")) return;
      if (msg.type === "wait") { later(ask, msg.retry_ms || 2000); return; }  // another kernel is drawing them
      if (msg.type !== "frames" || !Array.isArray(msg.lengths) || !buffers || buffers.length !== 1) return;
      const whole = ArrayBuffer.isView(buffers[0]) ? buffers[0] : new DataView(buffers[0]);
      if (msg.lengths.reduce((sum, n) => sum + n, 0) !== whole.byteLength) return;
      let at = 0;
      frames = msg.lengths.map((n) => {
        const view = new DataView(whole.buffer, whole.byteOffset + at, n);
        at += n;
        return view;
      });
      texts = Array.isArray(msg.texts) && msg.texts.length === frames.length ? msg.texts : null;
      el.dataset.frames = String(frames.length);
      draw();
      showing();
    };
    const onPicture = () => { el.dataset.kernelPictures = String(++kernelPictures); draw(); };
    const onKey = () => { ask(); draw(); };
    // A narrow screen asks the kernel for the phone layout (before it asks for frames, so the
    // kernel never sends this view the desktop's), and says so again when the width changes.
    const narrow = typeof window.matchMedia === "function" ? window.matchMedia(model.get("phone_media")) : null;
    const onWidth = () => tell({ type: "layout", phone: narrow.matches });
    if (narrow && model.get("phone_media")) {
      if (narrow.matches) onWidth();
      narrow.addEventListener("change", onWidth);
    }
    model.on("change:value", onPicture);
    model.on("change:frames_key", onKey);
    model.on("change:figure_layout", draw);
    model.on("msg:custom", onMessage);
    draw();
    const refs = model.get("controls") || [];
    const traits = (model.get("grid") || []).map((spec) => `change:${spec.trait}`);
    if (refs.length && refs.length === traits.length) {
      const found = await Promise.all(refs.map((ref) => model.widget_manager.get_model(String(ref).slice(PREFIX.length))));
      found.forEach((control, i) => control.on(traits[i], draw));
      controls = found;
      draw();
      showing();  // if the frames came while the controls were being found
    }
    const textRefs = model.get("texts") || [];
    if (textRefs.length) {
      textModels = await Promise.all(textRefs.map((ref) => model.widget_manager.get_model(String(ref).slice(PREFIX.length))));
      textModels.forEach((text) => text.on("change:value", showTexts));
    }
    // Ask once the first picture has had its frame: the 2 MB must not hold up the page's start.
    const frame = requestAnimationFrame(() => later(ask, 0));
    return () => {
      tell({ type: "gone" });
      closed = true;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      model.off("change:value", onPicture);
      model.off("change:frames_key", onKey);
      model.off("change:figure_layout", draw);
      model.off("msg:custom", onMessage);
      if (narrow) narrow.removeEventListener("change", onWidth);
      if (controls) controls.forEach((control, i) => control.off(traits[i], draw));
      textModels.forEach((text) => text.off("change:value", showTexts));
    };
  },
};
"""


def available() -> bool:
    """Whether anywidget's front end is installed (without it the scene uses an ``Image``)."""
    try:
        anywidget_version_range()
    except RuntimeError:
        return False
    return True


@functools.cache
def anywidget_version_range() -> str:
    """The front-end version range anywidget's own widgets ask for ("~0.11.*")."""
    try:
        major, minor = version("anywidget").split(".")[:2]
    except PackageNotFoundError:
        raise RuntimeError("anywidget is not installed: the frame strip needs its front end") from None
    return f"~{major}.{minor}.*"


class FrameStrip(w.DOMWidget):
    """The picture of a figure driven by controls; switches to frames drawn ahead once it has them.

    ``value``: the kernel's current picture as a data: URL (``format`` is "url", as for an
    ``Image`` widget).  ``controls``: the widgets whose values pick the frame; ``grid``: for
    each, how (``positions.ControlPositions.as_json``: a slider's ``value`` at ``min + i *
    step``, a row of buttons' ``index``); frame ``i`` is the ``i``-th combination of positions,
    the first control varying slowest (``positions.grid``).  ``frames_key``: names the frames that
    match the figure now ("" for none); ``frames_for(key)`` gives them, as PNG bytes in grid
    order packed into one file (``pack``), or None.  They travel as one binary buffer (one
    allocation to copy and free, not 76) with their lengths in the message.

    A view on a screen that matches ``phone_media`` asks for the phone layout ("layout", also
    when the width changes): ``on_layout(phone)`` lays the figure out again (the last view to
    ask wins: a kernel draws one figure), and ``figure_layout`` says which layout it has.

    Each view on a page asks for the frames ("frames?"), says when it shows them and follows
    the controls ("showing") and when it goes ("gone").  ``views_show_frames`` is true while at
    least one view shows the current frames and none is waiting for them.  Only then may the
    kernel skip drawing a picture, and only for values on the controls' positions: a view shows the
    kernel's ``value`` between positions, and before its frames come.  A view that asks (after
    a new ``frames_key``, or a new view) shows ``value`` meanwhile, so ``on_asking`` must make
    it current.  ``frames_key`` must name everything the picture depends on besides the controls:
    with a stale key, pages would show wrong frames while the kernel draws nothing.
    ``frames_for`` may raise ``FramesNotReady`` (another kernel is drawing them): the page is
    told to ask again in ``RETRY_MS``.
    """

    _model_name = t.Unicode("AnyModel").tag(sync=True)
    _model_module = t.Unicode("anywidget").tag(sync=True)
    _model_module_version = t.Unicode().tag(sync=True)
    _view_name = t.Unicode("AnyView").tag(sync=True)
    _view_module = t.Unicode("anywidget").tag(sync=True)
    _view_module_version = t.Unicode().tag(sync=True)
    _esm = t.Unicode(ESM).tag(sync=True)
    _anywidget_id = t.Unicode(f"{__name__}.FrameStrip").tag(sync=True)
    value = t.Bytes(b"").tag(sync=True)
    format = t.Unicode(WIRE_FORMAT).tag(sync=True)
    controls = t.List(t.Instance(w.Widget)).tag(sync=True, **w.widget_serialization)
    grid = t.List(t.Dict()).tag(sync=True)
    texts = t.List(t.Instance(w.Widget)).tag(sync=True, **w.widget_serialization)
    frames_key = t.Unicode("").tag(sync=True)
    img_class = t.Unicode("").tag(sync=True)
    figure_layout = t.Unicode("desktop").tag(sync=True)  # the layout the kernel's figure has
    phone_media = t.Unicode("").tag(sync=True)  # a view whose screen matches says so ("" for never)

    def __init__(
        self,
        frames_for: Callable[[str], bytes | None] | None = None,
        on_asking: Callable[[], None] | None = None,
        texts_for: Callable[[], list[list[str]]] | None = None,
        on_layout: Callable[[bool], None] | None = None,
        **kwargs,
    ):
        versions = anywidget_version_range()
        super().__init__(_model_module_version=versions, _view_module_version=versions, **kwargs)
        self.frames_for = frames_for
        self.on_asking = on_asking
        self.texts_for = texts_for
        self.on_layout = on_layout
        self.frames_sent = 0
        self._asking: set[str] = set()  # views without frames of the current key
        self._showing: set[str] = set()  # views that show them
        self.on_msg(self._on_message)
        self.observe(self._key_changed, names="frames_key")

    @property
    def views_show_frames(self) -> bool:
        """Whether every view of the strip shows the current frames itself (and there is one)."""
        return bool(self._showing) and not self._asking

    def _key_changed(self, _change) -> None:
        self._asking |= self._showing  # their frames no longer match; they will ask again
        self._showing.clear()

    def _on_message(self, _widget, content: Any, _buffers) -> None:
        if not isinstance(content, dict):
            return
        kind, key, view = content.get("type"), content.get("key"), str(content.get("view", ""))
        if kind == "layout" and self.on_layout is not None:
            try:
                self.on_layout(content.get("phone") is True)
            except Exception:  # the view keeps the figure it has
                log.exception("changing the figure's layout failed")
        elif kind == "gone":
            self._asking.discard(view)
            self._showing.discard(view)
        elif kind == "showing" and key == self.frames_key and view in self._asking:
            self._asking.discard(view)
            self._showing.add(view)
        elif kind == "frames?" and isinstance(key, str) and key:
            self._showing.discard(view)
            self._asking.add(view)
            if self.on_asking is not None:
                try:
                    self.on_asking()
                except Exception:  # the view keeps an older picture until its frames come
                    log.exception("bringing the picture up to date failed")
            self._send_frames(key)

    def _send_frames(self, key: Any) -> None:
        if not key or key != self.frames_key or self.frames_for is None:
            return  # an old page asking for frames that no longer match: it keeps the kernel's
        try:
            packed = self.frames_for(key)
        except FramesNotReady:
            self.send({"type": "wait", "key": key, "retry_ms": RETRY_MS})
            return
        except Exception:  # the page keeps showing the kernel's pictures
            log.exception("drawing the frames %s failed", key)
            return
        frames = unpack(packed) if packed else None
        if frames:
            body = memoryview(packed)[len(packed) - sum(len(f) for f in frames) :]
            message = {"type": "frames", "key": key, "lengths": [len(f) for f in frames]}
            try:
                texts = self.texts_for() if self.texts_for is not None else None
            except Exception:  # the page shows the frames; the numbers come from the kernel
                log.exception("the frames' texts failed")
                texts = None
            if texts is not None and len(texts) == len(frames):
                message["texts"] = texts
            self.send(message, buffers=[body])
            self.frames_sent += 1


def strip_widget(
    picture: bytes, picture_format: str, width_css: str, max_width: str, css_class: str | None, **traits
) -> FrameStrip:
    """A ``FrameStrip`` showing ``picture`` (the signature of ``picture.picture_widget``)."""
    return FrameStrip(
        value=as_data_url(picture, picture_format), img_class=css_class or "",
        layout=w.Layout(width=width_css, max_width=max_width, height="auto"), **traits,
    )  # fmt: skip


def frames_key(*parts: Any) -> str:
    """A short name for the frames of a figure in the state ``parts`` describe (JSON-able)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:20]


def pack(frames: Sequence[bytes]) -> bytes:
    """Frames as one file: a header line with their lengths, then the PNGs back to back."""
    return _MAGIC + json.dumps([len(f) for f in frames]).encode() + b"\n" + b"".join(frames)


def unpack(data: bytes) -> list[memoryview] | None:
    """The frames ``pack`` stored (views into ``data``: no copies), or None for anything else
    (a broken or foreign file)."""
    if not data.startswith(_MAGIC):
        return None
    header_end = data.find(b"\n", len(_MAGIC))
    try:
        lengths = json.loads(data[len(_MAGIC) : header_end]) if header_end > 0 else None
    except ValueError:
        return None
    if not isinstance(lengths, list) or not all(isinstance(n, int) and n > 0 for n in lengths):
        return None
    whole, frames, at = memoryview(data), [], header_end + 1
    for n in lengths:
        frames.append(whole[at : at + n])
        at += n
    if at != len(data) or not all(complete_png(f) for f in frames):
        return None
    return frames


def cached_strip(key: Any, draw: Callable[[], Sequence[bytes]]) -> bytes:
    """The frames named ``key`` (JSON-able), packed (``pack``): from the disk cache, else drawn
    now (``draw``) and stored.  One kernel draws them at a time (a class opening the chapter
    at once after an update would otherwise draw them ~30 times over on two cores); the others
    get ``FramesNotReady`` until the file is there.  A lock older than ``LOCK_STALE_S`` belonged
    to a kernel that died while drawing: it is taken over."""
    stored = read_cached(CACHE_NAME, key, lambda data: unpack(data) is not None, "bin")
    if stored is not None:
        return stored
    lock = cache_path(CACHE_NAME, key, "lock")
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        os.close(os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        try:
            stale = time.time() - lock.stat().st_mtime > LOCK_STALE_S
        except OSError:  # removed meanwhile: the frames are there now, or will be
            stale = False
        if not stale:
            raise FramesNotReady(key) from None
        lock.touch()
    except OSError as error:  # a folder that cannot be written: draw without a lock
        log.info("frames drawn without a lock (%s): %s", lock, error)
    try:
        stored = pack(draw())
        store(CACHE_NAME, key, stored, "bin")
    finally:
        lock.unlink(missing_ok=True)
    return stored
