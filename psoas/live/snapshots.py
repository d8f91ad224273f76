"""A scene's snapshots, drawn once per machine: every position's picture, numbers and words.

``FigurePanel.snapshots`` draws them (~10-40 ms a position); this keeps them in the disk cache
(``psoas.disk_cache``: the key covers the package's source, so a changed model or drawing is
drawn again) as two files: the pictures packed as the frame strip packs them, and the texts
as JSON.  The static site is built from them, and the live frame strip sends the same pictures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..disk_cache import read_cached, store
from . import frame_strip

@dataclass(frozen=True)
class Snapshot:
    """All a scene shows at one position of its controls: what the page switches by itself."""

    picture: bytes  # the PNG the live figure sends
    readout: str  # the readout panel's HTML
    description: str  # the description's HTML (a polite live region)
    words: str  # the description as plain text: the picture's alt text


PICTURES = "snapshot-pictures"
TEXTS = "snapshot-texts"


def snapshot_key(scene, layout: str = "normal") -> list[Any]:
    """What a scene's snapshots depend on besides the code: its layout (class, language, start,
    words), the size it is drawn at and the palette its pictures are encoded with."""
    return [scene.layout_key, layout, scene.live.palette_digest]


def phone_pictures(scene) -> list[bytes]:
    """The scene's pictures in its phone layout (issue 18), in grid order: from the disk cache,
    else drawn now and kept (the scene is then left in the phone layout).  The numbers and words
    are the snapshots'.  No palette in the key: a phone figure is built from the scene's starting
    state and keeps the palette of that first picture, in a kernel as here."""
    key = [scene.layout_key, "phone"]
    packed = read_cached(PICTURES, key, lambda data: frame_strip.unpack(data) is not None, "bin")
    if packed is not None:
        return [bytes(p) for p in frame_strip.unpack(packed)]
    scene.set_phone(True)
    pictures = scene.draw_frames()
    store(PICTURES, key, frame_strip.pack(pictures), "bin")
    return pictures


def _texts_valid(data: bytes, count: int) -> bool:
    import json

    try:
        texts = json.loads(data)
    except ValueError:
        return False
    return isinstance(texts, list) and len(texts) == count and all(isinstance(t, list) and len(t) == 3 for t in texts)


def scene_snapshots(scene) -> list[Snapshot]:
    """The scene's snapshots in grid order: from the disk cache, else drawn now and kept."""
    import json

    key = snapshot_key(scene)
    packed = read_cached(PICTURES, key, lambda data: frame_strip.unpack(data) is not None, "bin")
    pictures = frame_strip.unpack(packed) if packed else None
    texts = read_cached(TEXTS, key, lambda data: pictures is not None and _texts_valid(data, len(pictures)), "json")
    if pictures is not None and texts is not None:
        return [Snapshot(bytes(p), *t) for p, t in zip(pictures, json.loads(texts), strict=True)]
    shots = scene.snapshots()
    store(PICTURES, key, frame_strip.pack([s.picture for s in shots]), "bin")
    store(TEXTS, key, json.dumps([[s.readout, s.description, s.words] for s in shots]).encode(), "json")
    return shots
