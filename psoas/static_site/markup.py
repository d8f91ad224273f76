"""What a notebook's outputs look like in a static page: plain HTML that our own script brings to life.

A chapter's code cells return widgets (a scene, the quiz, the page header) or HTML outputs.
``output_html`` turns each into HTML: an interactive scene becomes its picture, controls,
readout and description at its starting position, with a manifest (``SceneData``) that lists
every position's picture, numbers and words; the page's script (``assets/psoas-static.js``)
switches them as the controls move.  Pictures are written once, named by their content
(``Assets.picture``).  No kernel is involved once the site is built.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ipywidgets as w

from ..content import strings
from ..disk_cache import png_width_px
from ..live.frame_strip import PHONE_MEDIA
from ..live.picture import shown_picture
from ..live.positions import ControlPositions, grid_index
from ..live.snapshots import Snapshot

INLINE_PNG = re.compile(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"')
PICTURES = "frames"  # site/frames/<digest>.png: every picture, named by its content
DATA = "data"  # site/data/<digest>.json: one manifest per scene


def optimised_png(png: bytes) -> bytes:
    """The same pixels, compressed harder (~20 % smaller): the site is built once, read often."""
    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(png)).save(out, format="PNG", optimize=True)
    smaller = out.getvalue()
    return smaller if len(smaller) < len(png) else png


@dataclass
class Assets:
    """Files a page refers to, written into the site folder once each (named by content)."""

    root: Path
    written: set[str] = field(default_factory=set)  # relative paths the build made or kept
    # digest of a PNG as drawn -> the site path of its optimised twin (kept in the site between
    # builds: recompressing ~1,700 pictures would cost ~40 s of a rebuild)
    optimised: dict[str, str] = field(default_factory=dict)

    MAP = ".optimised-pictures.json"

    def __post_init__(self) -> None:
        try:
            known = json.loads((self.root / self.MAP).read_text())
        except (OSError, ValueError):
            known = {}
        if isinstance(known, dict):
            self.optimised = {k: v for k, v in known.items() if isinstance(v, str) and (self.root / v).is_file()}

    def save(self) -> None:
        """Keep the map of optimised pictures for the next build (only those still used)."""
        used = {k: v for k, v in self.optimised.items() if v in self.written}
        (self.root / self.MAP).write_text(json.dumps(used, sort_keys=True))

    def _write(self, folder: str, data: bytes, suffix: str) -> str:
        name = f"{folder}/{hashlib.sha256(data).hexdigest()[:20]}{suffix}"
        path = self.root / name
        if name not in self.written and not (path.exists() and path.stat().st_size == len(data)):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        self.written.add(name)
        return name

    def picture(self, png: bytes) -> str:
        """The site path of a PNG (optimised once per distinct picture)."""
        key = hashlib.sha256(png).hexdigest()
        name = self.optimised.get(key)
        if name is None:
            name = self.optimised[key] = self._write(PICTURES, optimised_png(png), ".png")
        self.written.add(name)
        return name

    def data(self, value: Any) -> str:
        return self._write(DATA, json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(), ".json")


@dataclass
class Page:
    """One page being built: where it lives and the assets it refers to (relative URLs)."""

    assets: Assets
    language: str
    notebook: str  # e.g. "01-houding.ipynb"
    ids: int = 0

    def url(self, site_path: str) -> str:
        return "../" + site_path  # pages live one folder down: site/nl/, site/en/

    def next_id(self, prefix: str) -> str:
        self.ids += 1
        return f"{prefix}-{self.ids}"


def _classes(widget: w.Widget, *extra: str) -> str:
    return " ".join([*extra, *getattr(widget, "_dom_classes", ())])


def output_html(obj: Any, page: Page) -> str:
    """HTML for a code cell's result (a widget tree or an IPython HTML output)."""
    if obj is None:
        return ""
    if isinstance(obj, w.Widget):
        return widget_html(obj, page)
    bundle = getattr(obj, "_repr_html_", None)
    if bundle is not None:  # a static figure: its picture becomes a file the browser can keep
        return INLINE_PNG.sub(lambda m: f'src="{page.url(page.assets.picture(base64.b64decode(m.group(1))))}"', bundle() or "")
    raise TypeError(f"a static page cannot show a {type(obj).__name__}")


def widget_html(widget: w.Widget, page: Page) -> str:
    """A widget tree as static HTML (scenes, the quiz and the header have their own markup)."""
    scene = getattr(widget, "psoas_scene", None)
    if scene is not None:
        return scene_html(scene, page)
    quiz = getattr(widget, "psoas_quiz", None)
    if quiz is not None:
        return quiz_html(*quiz, page=page)
    header = getattr(widget, "psoas_header", None)
    if header is not None:
        return header_html(*header)
    if isinstance(widget, w.HTML):
        return f'<div class="{_classes(widget, "psoas-html")}">{widget.value}</div>'
    if isinstance(widget, w.Button):  # the reset button: the page's script knows its class
        return f'<button type="button" class="{_classes(widget, "psoas-button")}">{html.escape(widget.description)}</button>'
    if isinstance(widget, (w.HBox, w.VBox)):
        kind = "psoas-row" if isinstance(widget, w.HBox) else "psoas-column"
        inner = "".join(widget_html(child, page) for child in widget.children)
        return f'<div class="{_classes(widget, kind)}">{inner}</div>'
    if isinstance(widget, w.Image) or hasattr(widget, "img_class"):
        png = shown_picture(widget)
        css = getattr(widget, "img_class", "") or _classes(widget)
        return (
            f'<img class="{css}" src="{page.url(page.assets.picture(png))}" width="{png_width_px(png)}" alt="" '
            f'style="max-width:100%;height:auto">'
        )
    raise TypeError(f"a static page has no markup for a {type(widget).__name__}")


# --- the page header -----------------------------------------------------------------------------


def header_html(notebook: str, language: str) -> str:
    """The projector switch, its hint and the link to the same page in the other language."""
    from ..widgets.header import LANGUAGE_NAMES, OTHER

    text, other = strings(language), OTHER[language]
    href = f"../{other}/{Path(notebook).stem}.html"
    return (
        '<div class="psoas-header">'
        f'<button type="button" class="psoas-projector-switch" aria-pressed="false" title="{html.escape(text["projector.tooltip"])}">'
        f'{html.escape(text["projector.switch"])}</button>'
        f'<span class="psoas-hint">{html.escape(text["projector.hint"])}</span>'
        f'<a class="psoas-language" href="{html.escape(href)}" hreflang="{other}" lang="{other}">{LANGUAGE_NAMES[other]}</a>'
        "</div>"
    )


# --- the quiz -------------------------------------------------------------------------------------


def quiz_html(questions: list[dict], language: str, page: Page) -> str:
    """The chapter's questions; the page's script gives the feedback (the answer and its
    explanation are in the page, as they are in the live app's kernel)."""
    text = strings(language)
    parts = [f'<section class="psoas-quiz"><h3>{html.escape(text["quiz.title"])}</h3>']
    for number, q in enumerate(questions, start=1):
        name = page.next_id("psoas-question")
        right = q["options"][q["answer"]]
        parts.append(
            f'<fieldset class="psoas-question" data-answer="{q["answer"]}" '
            f'data-correct="{html.escape(text["quiz.correct"])}" '
            f'data-wrong="{html.escape(text["quiz.wrong"].format(answer=right))}" '
            f'data-explanation="{html.escape(q["explanation"])}">'
            f'<legend><b>{number}.</b> {html.escape(q["question"])}</legend>'
        )
        for i, option in enumerate(q["options"]):
            parts.append(f'<label class="psoas-choice"><input type="radio" name="{name}" value="{i}"> {html.escape(option)}</label>')
        parts.append('<div class="psoas-quiz-feedback" role="status"></div></fieldset>')
    parts.append("</section>")
    return "".join(parts)


# --- an interactive scene ---------------------------------------------------------------------------


def _control_html(control: w.ValueWidget, positions: ControlPositions, index: int, param: str | None, page: Page) -> str:
    label = html.escape(control.description)
    classes = _classes(control, "psoas-control-row")
    data = f'data-control="{index}"' + (f' data-param="{html.escape(param)}"' if param else "")
    if positions.trait == "index":
        buttons = "".join(
            f'<button type="button" role="radio" aria-checked="{str(value == control.value).lower()}" data-index="{i}" '
            f'data-value="{html.escape(str(value))}">{html.escape(str(label_text))}</button>'
            for i, (label_text, value) in enumerate(control.options)
        )
        group = page.next_id("psoas-label")
        return (
            f'<div class="{classes}" {data}><span class="psoas-label" id="{group}">{label}</span>'
            f'<div class="psoas-buttons" role="radiogroup" aria-labelledby="{group}">{buttons}</div></div>'
        )
    control_id = page.next_id("psoas-slider")
    decimals = control.readout_format.strip(".f") or "1"
    return (
        f'<div class="{classes}" {data}><label for="{control_id}">{label}</label>'
        f'<input type="range" id="{control_id}" min="{control.min}" max="{control.max}" step="{control.step}" value="{control.value}" '
        f'data-decimals="{decimals}">'
        f'<output for="{control_id}">{control.value:.{int(decimals)}f}</output></div>'
    )


def link_parameters(scene) -> dict:
    """Which link parameter sets each control (``?verkorting=3``)."""
    return {control: name for name, control in scene.query_controls().items()}


PIECE_END = re.compile(r"(?<=</tr>)|(?<=</p>)|(?<=<table>)|(?<=</table>)")


def shared_pieces(texts: list[str]) -> tuple[list[str], list[list[int]]]:
    """Texts as lists of indices into one list of pieces (a readout's rows, its note and caveat
    repeat from position to position: ~4x smaller).  ``"".join(pieces[i] for i in row)`` gives
    each text back."""
    pieces: list[str] = []
    index: dict[str, int] = {}
    rows = []
    for text in texts:
        rows.append([index.setdefault(piece, len(index)) for piece in PIECE_END.split(text) if piece])
    pieces = sorted(index, key=index.__getitem__)
    return pieces, rows


def scene_data(scene, shots: list[Snapshot], page: Page) -> dict:
    """The scene's manifest: how to find a position, and every position's picture, numbers
    (``readouts``: indices into ``pieces``) and words (the description's text and alt text)."""
    text = scene.text
    params = link_parameters(scene)
    pieces, readouts = shared_pieces([shot.readout for shot in shots])
    return {
        "controls": [
            {**p.as_json(), "param": params.get(control), "options": [str(v) for v in p.values] if p.trait == "index" else None}
            for control, p in zip(scene.inputs, scene.positions(), strict=True)
        ],
        "frames": [page.url(page.assets.picture(shot.picture)) for shot in shots],
        "pieces": pieces,
        "readouts": readouts,
        "words": [shot.words for shot in shots],
        "notices": {"value": text["error.value"], "choice": text["error.choice"], "mark": text["format.decimal_mark"]},
    }


def figure_box(picture: bytes, words: str, page: Page, phone_picture: bytes | None = None) -> str:
    """A scene's picture (a file of the site) with its words as alt text; with ``phone_picture``,
    a ``<picture>`` whose source the browser takes instead on a narrow screen (``PHONE_MEDIA``):
    a browser fetches only the one it shows."""
    img = (
        f'<img class="psoas-figure" src="{page.url(page.assets.picture(picture))}" '
        f'width="{png_width_px(picture)}" alt="{html.escape(words)}">'
    )
    if phone_picture is not None:
        img = (
            f'<picture><source media="{PHONE_MEDIA}" srcset="{page.url(page.assets.picture(phone_picture))}" '
            f'width="{png_width_px(phone_picture)}" height="{png_height_px(phone_picture)}">{img}</picture>'
        )
    return f'<div class="psoas-figure-box">{img}</div>'


def png_height_px(png: bytes) -> int:
    """A PNG's height from its header."""
    return int.from_bytes(png[20:24], "big")


def kernel_only_scene_html(scene, page: Page) -> str:
    """A scene with too many positions to draw ahead (the model explorer): its picture, numbers
    and words at the start, and a notice that its controls need the live app."""
    state = scene.state()
    return (
        '<div class="psoas-scene psoas-kernel-only">'
        f"{figure_box(scene.live.first_frame, scene.describe(state), page)}"
        f'<div class="psoas-panel"><p class="psoas-message psoas-notice">{html.escape(scene.text["static.live_only"])}</p>'
        f'<div class="psoas-readout">{scene.readout_markup(state)}</div>'
        f'<div class="psoas-description">{scene.description_markup(state)}</div></div></div>'
    )


def scene_html(scene, page: Page) -> str:
    """The scene at its starting position, and a link to its manifest."""
    from ..live.snapshots import phone_pictures, scene_snapshots  # the scene's snapshots, cached per machine

    if not scene.frames_in_page:
        return kernel_only_scene_html(scene, page)

    shots = scene_snapshots(scene)
    positions = scene.positions()
    start = grid_index(positions, scene.values())
    if start is None:
        raise ValueError(f"{type(scene).__name__} starts between positions: {scene.values()}")
    phone = phone_pictures(scene)
    data = scene_data(scene, shots, page)
    data["phone_frames"] = [page.url(page.assets.picture(picture)) for picture in phone]
    manifest = page.url(page.assets.data(data))
    shot = shots[start]
    params = link_parameters(scene)
    controls = "".join(
        _control_html(control, p, i, params.get(control), page) for i, (control, p) in enumerate(zip(scene.inputs, positions, strict=True))
    )
    extras = "".join(widget_html(extra, page) for extra in scene.extras())
    return (
        f'<div class="psoas-scene" data-psoas-scene="{html.escape(manifest)}" data-start="{start}">'
        f"{figure_box(shot.picture, shot.words, page, phone[start])}"
        f'<div class="psoas-panel">{controls}'
        f'<div class="psoas-readout">{shot.readout}</div>'
        f'<div class="psoas-description">{shot.description}</div>'
        f"{extras}"
        '<div class="psoas-status" role="status"></div></div></div>'
    )
