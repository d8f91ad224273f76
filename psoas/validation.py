"""The psoas model against two published OpenSim models: gait2392 and Rajagopal 2016.

Symbols (hip flexion theta in degrees, flexion positive, 0 deg = femur perpendicular to the
ASIS-PSIS line, the convention of OpenSim and of ``psoas.model``):

    L(theta)    psoas muscle-tendon length (cm)
    dL(theta)   = L(theta) - L(0), the change of length from neutral (cm)
    r(theta)    flexion moment arm (cm)

What is compared: dL over -30..+90 deg at the angles the OpenSim table gives, and r at 0 deg.
Changes, not absolute lengths: the three models put the psoas origin at different heights
(OpenSim near L5, this model at L2/3), so L(0) differs by 6-9 cm while dL depends only on how
the path crosses the hip.  Data: tests/data/opensim-psoas-length.csv (OpenSim 4.6, pelvis fixed).

``python -m psoas.validation docs/figures`` writes ``opensim-validation.png`` there and prints
the deviations as a Markdown table.
"""

from __future__ import annotations

import argparse
import csv
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from .model import psoas_length_cm, psoas_moment_arm_cm

DEFAULT_CSV = Path(__file__).resolve().parents[1] / "tests" / "data" / "opensim-psoas-length.csv"
COMPARED_RANGE_DEG = (-30.0, 90.0)
OPENSIM_LABELS = {"gait2392": "OpenSim gait2392", "rajagopal2016": "OpenSim Rajagopal 2016"}
FIGURE_NAME = "opensim-validation.png"
FIGURE_DPI = 150


@dataclass(frozen=True)
class OpenSimCurve:
    """One OpenSim model's psoas, as tabulated; ``moment_arm_cm`` is NaN where not computed."""

    name: str
    hip_flexion_deg: np.ndarray
    length_cm: np.ndarray
    moment_arm_cm: np.ndarray

    @property
    def label(self) -> str:
        return OPENSIM_LABELS.get(self.name, self.name)

    @property
    def length_change_cm(self) -> np.ndarray:
        """L(theta) - L(0)."""
        return self.length_cm - self.length_cm[self.hip_flexion_deg == 0.0][0]


@dataclass(frozen=True)
class Deviation:
    """Model minus OpenSim: the largest change-of-length deviation and the moment arm at 0 deg."""

    opensim_model: str
    length_change_deviation_cm: float  # signed, at the angle where its size is largest
    at_hip_flexion_deg: float
    opensim_moment_arm_at_neutral_cm: float
    model_moment_arm_at_neutral_cm: float

    @property
    def moment_arm_deviation_cm(self) -> float:
        return self.model_moment_arm_at_neutral_cm - self.opensim_moment_arm_at_neutral_cm


def load_opensim_curves(path: Path | str | None = None) -> tuple[OpenSimCurve, ...]:
    """Read the table (``#`` comment lines, then a header ``hip_flexion_deg,<model>_length_cm,...``)."""
    lines = Path(path or DEFAULT_CSV).read_text(encoding="utf-8").splitlines()
    rows = list(csv.DictReader(line for line in lines if line.strip() and not line.startswith("#")))

    def column(key: str) -> np.ndarray:
        return np.array([float(row[key]) if row[key].strip() else np.nan for row in rows])

    models = [key.removesuffix("_length_cm") for key in rows[0] if key.endswith("_length_cm")]
    angles = column("hip_flexion_deg")
    return tuple(
        OpenSimCurve(name, angles, column(f"{name}_length_cm"), column(f"{name}_moment_arm_cm"))
        for name in models
    )


def model_length_change_cm(hip_flexion_deg) -> np.ndarray:
    """The psoas model's L(theta) - L(0), cm."""
    neutral_cm = psoas_length_cm(0.0)
    return np.array([psoas_length_cm(a) - neutral_cm for a in np.atleast_1d(hip_flexion_deg)])


def model_moment_arm_cm(hip_flexion_deg) -> np.ndarray:
    """The psoas model's flexion moment arm r(theta), cm."""
    return np.array([psoas_moment_arm_cm(a) for a in np.atleast_1d(hip_flexion_deg)])


def compared_angles_deg(curve: OpenSimCurve) -> np.ndarray:
    lo, hi = COMPARED_RANGE_DEG
    return curve.hip_flexion_deg[(curve.hip_flexion_deg >= lo) & (curve.hip_flexion_deg <= hi)]


def deviation(curve: OpenSimCurve) -> Deviation:
    """Compare the model with one OpenSim curve at its tabulated angles in ``COMPARED_RANGE_DEG``."""
    angles = compared_angles_deg(curve)
    opensim_cm = curve.length_change_cm[np.isin(curve.hip_flexion_deg, angles)]
    diff_cm = model_length_change_cm(angles) - opensim_cm
    worst = int(np.argmax(np.abs(diff_cm)))
    return Deviation(
        opensim_model=curve.name,
        length_change_deviation_cm=float(diff_cm[worst]),
        at_hip_flexion_deg=float(angles[worst]),
        opensim_moment_arm_at_neutral_cm=float(curve.moment_arm_cm[curve.hip_flexion_deg == 0.0][0]),
        model_moment_arm_at_neutral_cm=float(psoas_moment_arm_cm(0.0)),
    )


def deviations(path: Path | str | None = None) -> list[Deviation]:
    return [deviation(curve) for curve in load_opensim_curves(path)]


def _signed(value: float, digits: int = 2) -> str:
    return f"{value:+.{digits}f}".replace("-", "\u2212")  # typographic minus


def deviations_markdown(rows: list[Deviation]) -> str:
    """The deviations as a Markdown table (model minus OpenSim)."""
    lines = [
        "| OpenSim model | largest ΔL deviation, −30…+90° | at hip flexion "
        "| r at 0°, OpenSim | r at 0°, model | r deviation |",
        "|---|---|---|---|---|---|",
    ]
    for d in rows:
        name = OPENSIM_LABELS.get(d.opensim_model, d.opensim_model).removeprefix("OpenSim ")
        lines.append(
            f"| {name} | {_signed(d.length_change_deviation_cm)} cm | {_signed(d.at_hip_flexion_deg, 0)}° "
            f"| {d.opensim_moment_arm_at_neutral_cm:.2f} cm | {d.model_moment_arm_at_neutral_cm:.2f} cm "
            f"| {_signed(d.moment_arm_deviation_cm)} cm |"
        )
    return "\n".join(lines)


COLOURS = {"gait2392": "#0072B2", "rajagopal2016": "#D55E00"}  # colour-blind safe (Okabe-Ito)
MARKERS = {"gait2392": "o", "rajagopal2016": "s"}


FIGURE_TEXT = {
    "model": "this model (one line)",
    "length_title": "Change of psoas length from neutral",
    "arm_title": "Hip-flexion moment arm",
    "arm_y": "moment arm r  (cm)",
    "x": "hip flexion θ  (°; 0° = neutral, extension negative)",
}


def validation_figure(curves: tuple[OpenSimCurve, ...] | None = None, text: dict[str, str] | None = None) -> Figure:
    """Two panels: change of length and moment arm vs hip flexion; the model over both OpenSim curves.
    ``text`` replaces the English titles and labels (keys of ``FIGURE_TEXT``)."""
    words = {**FIGURE_TEXT, **(text or {})}
    curves = curves or load_opensim_curves()
    lo = min(float(c.hip_flexion_deg.min()) for c in curves)
    hi = max(float(c.hip_flexion_deg.max()) for c in curves)
    dense_deg = np.linspace(lo, hi, 261)
    with matplotlib.rc_context({"font.size": 13, "axes.titlesize": 14, "legend.fontsize": 12}):
        fig = Figure(figsize=(12.5, 5.4), layout="constrained")
        length_ax, arm_ax = fig.subplots(1, 2)
        for curve in curves:
            style = dict(color=COLOURS.get(curve.name), marker=MARKERS.get(curve.name, "o"),
                         markersize=6, linewidth=1.6, label=curve.label)
            length_ax.plot(curve.hip_flexion_deg, curve.length_change_cm, **style)
            known = ~np.isnan(curve.moment_arm_cm)
            arm_ax.plot(curve.hip_flexion_deg[known], curve.moment_arm_cm[known], **style)
        model = dict(color="black", linewidth=3.0, label=words["model"], zorder=5)
        length_ax.plot(dense_deg, model_length_change_cm(dense_deg), **model)
        arm_ax.plot(dense_deg, model_moment_arm_cm(dense_deg), **model)

        length_ax.set_title(words["length_title"])
        length_ax.set_ylabel("L(θ) − L(0)  (cm)")
        length_ax.axhline(0.0, color="0.6", linewidth=0.8)
        arm_ax.set_title(words["arm_title"])
        arm_ax.set_ylabel(words["arm_y"])
        arm_ax.set_ylim(0.0, None)
        for ax in (length_ax, arm_ax):
            ax.set_xlabel(words["x"])
            ax.axvline(0.0, color="0.6", linewidth=0.8)
            ax.set_xticks(np.arange(-40, hi + 1, 20))
            ax.grid(True, color="0.9")
        length_ax.legend(loc="lower left")
        arm_ax.legend(loc="lower right")
    return fig


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="where to write " + FIGURE_NAME)
    parser.add_argument("--csv", type=Path, default=None, help="OpenSim table (default: tests/data)")
    args = parser.parse_args(argv)
    args.folder.mkdir(parents=True, exist_ok=True)
    path = args.folder / FIGURE_NAME
    validation_figure(load_opensim_curves(args.csv)).savefig(
        path, dpi=FIGURE_DPI, metadata={"Software": None}
    )
    print(f"wrote {path}\n")
    print(deviations_markdown(deviations(args.csv)))


if __name__ == "__main__":
    main()
