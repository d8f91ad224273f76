"""Kernel-side cost of one slider step, app and baseline, each in a real IPython kernel.

Both kernels run with Voilà's environment (``psoas.serve.voila_environment``).  A step is timed
from ``slider.value = v`` until the new picture has been handed to the widget (app: the frame
sent to the ``Image`` widget; baseline: ``interact`` has drawn a new pyplot figure and published
it inline).  Every step goes to a value not drawn before, so no cache can help.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
from jupyter_client.manager import start_new_kernel

from psoas.serve import voila_environment

BASELINE_NOTEBOOK = Path(__file__).resolve().parent / "notebooks" / "baseline.ipynb"
MARK = "BENCH-RESULT "

APP_SETUP = """
from psoas.widgets.posture_scene import PostureScene
scene = PostureScene()
slider = scene.slider
def _step(value):
    slider.value = value
    scene.updates.flush()  # in a cell a second change waits for the loop; draw it now
"""

# What the kernel does once a page shows the posture strip's frames (psoas/live/frame_strip.py):
# a view has asked for them and said it shows them, so a step sends the numbers only.
APP_PAGE_SHOWS_FRAMES = """
scene.image.send = lambda *args, **kwargs: None  # the frames themselves are not part of a step
for _kind in ("frames?", "showing"):
    scene.image._on_message(scene.image, {"type": _kind, "key": scene.image.frames_key, "view": "bench"}, [])
assert scene.image.views_show_frames
"""

BASELINE_STEP = """
def _step(value):
    slider.value = value  # interact draws and shows a new figure before this returns
"""

TIMING = """
import json as _json, time as _time
_times = []
for _value in {values!r}:
    _start, _cpu = _time.perf_counter(), _time.process_time()
    _step(_value)
    _times.append(((_time.perf_counter() - _start) * 1000.0, (_time.process_time() - _cpu) * 1000.0))
print({mark!r} + _json.dumps(_times))
"""


def notebook_code(path: Path) -> str:
    notebook = nbformat.read(path, as_version=4)
    return "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")


class Kernel:
    """A kernel that runs code and returns what it printed (stdout) or raises its error."""

    def __init__(self, timeout_s: float = 120):
        self.timeout_s = timeout_s
        self.manager, self.client = start_new_kernel(kernel_name="python3", env=voila_environment(), startup_timeout=60)

    def run(self, code: str) -> str:
        out: list[str] = []
        errors: list[str] = []

        def hook(msg):
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream" and content.get("name") == "stdout":
                out.append(content["text"])
            elif kind == "error":
                errors.append("\n".join(content.get("traceback", [])) or content.get("evalue", ""))

        reply = self.client.execute_interactive(code, output_hook=hook, timeout=self.timeout_s, store_history=False)
        if reply["content"]["status"] != "ok" or errors:
            raise RuntimeError(f"kernel code failed: {errors or reply['content']}")
        return "".join(out)

    def steps(self, values: list[float]) -> list[tuple[float, float]]:
        """(wall ms, kernel-process CPU ms) per step."""
        printed = self.run(TIMING.format(values=values, mark=MARK))
        line = next(line for line in printed.splitlines() if line.startswith(MARK))
        return json.loads(line[len(MARK) :])

    def close(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=True)


def fresh_values(count: int, step: float = 0.1, top: float = 7.5) -> list[float]:
    """``count`` slider values, each new: 0.1, 0.2, ... (wrapping below ``top``)."""
    per_pass = round(top / step)
    return [round(step * (1 + i % per_pass), 1) for i in range(count)]


def measure(steps: int = 40, rounds: int = 8, log=print) -> dict[str, list[float]]:
    """Per-step wall times in ms for "app" and "baseline", and the kernel process's CPU time
    per step ("app_cpu", "baseline_cpu": unmoved by other load on the machine), measured in
    alternating rounds.  Then "app_page": the app's steps once a page shows the posture
    strip's frames (the kernel sends the numbers only)."""
    app, baseline = Kernel(), Kernel()
    try:
        app.run(APP_SETUP)
        baseline.run(notebook_code(BASELINE_NOTEBOOK) + "\n" + BASELINE_STEP)
        warm = [0.05, 0.0]  # one step each way first: imports and caches settle
        app.steps(warm)
        baseline.steps(warm)
        values = fresh_values(steps)
        per_round = max(1, len(values) // rounds)
        times: dict[str, list[float]] = {"app": [], "baseline": [], "app_cpu": [], "baseline_cpu": []}
        for start in range(0, len(values), per_round):
            chunk = values[start : start + per_round]
            for side, kernel in (("app", app), ("baseline", baseline)):
                for wall, cpu in kernel.steps(chunk):
                    times[side].append(wall)
                    times[f"{side}_cpu"].append(cpu)
            log(f"  kernel-side: {len(times['app'])}/{len(values)} steps each")
        app.run(APP_PAGE_SHOWS_FRAMES)
        times["app_page"] = [wall for wall, _ in app.steps(values)]
        return times
    finally:
        app.close()
        baseline.close()
