"""The static pages' pictures are the live app's: pixel for pixel, at sampled positions, for every chapter."""

import json
import random
import re
from io import BytesIO

import numpy as np
import pytest
from PIL import Image

from psoas.static_site.build import notebooks, run_cell
from psoas.live.picture import shown_picture
from psoas.live.positions import grid

CHAPTERS = [path for path in notebooks("nl") if path.stem[:2] in {f"{n:02d}" for n in range(1, 9)}]


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(BytesIO(png)).convert("RGB"))


def live_scene(path):
    """The chapter's scene as its notebook makes it in a kernel (the cell that makes a scene)."""
    notebook = json.loads(path.read_text())
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and "_scene" in source:
            return run_cell(source, {}).psoas_scene
    raise AssertionError(f"{path.name} makes no scene")


def set_controls(scene, values) -> bytes:
    """Move the controls as a reader does, let the live figure draw, and take its picture."""
    for control, value in zip(scene.inputs, values, strict=True):
        control.value = value
    scene.update()
    return shown_picture(scene.figure_job.widget)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_static_frames_are_the_kernels_pictures(static_site, path):
    text = (static_site / "nl" / f"{path.stem}.html").read_text()
    (manifest_url,) = re.findall(r'data-psoas-scene="([^"]+)"', text)
    manifest = json.loads((static_site / "nl" / manifest_url).read_text())
    scene = live_scene(path)
    everywhere = list(grid(scene.positions()))
    assert len(everywhere) == len(manifest["frames"])
    rng = random.Random(path.stem)
    sampled = sorted({0, len(everywhere) - 1, *rng.sample(range(len(everywhere)), 4)})
    for index in sampled:
        kernel = pixels(set_controls(scene, everywhere[index]))
        static = pixels((static_site / "nl" / manifest["frames"][index]).read_bytes())
        assert kernel.shape == static.shape, (path.stem, index)
        assert np.array_equal(kernel, static), f"{path.stem}: position {index} ({everywhere[index]}) differs"
        readout = "".join(manifest["pieces"][i] for i in manifest["readouts"][index])
        assert readout == scene.readout.value, f"{path.stem}: the numbers at position {index} differ"
        assert manifest["words"][index] in scene.description.value
