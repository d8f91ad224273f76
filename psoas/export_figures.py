"""Write the static diagrams to ``figures/`` from the package's own drawing code (``make figures``)."""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

from .content import figure_labels, strings
from .draw.layout import settle_layout
from .draw.figures import TILT_EXAMPLE_PCT, comparison_figure, side_view_figure
from .model import standing_posture

FIGURE_DPI = 150


def export(folder: Path, language: str = "nl") -> list[Path]:
    """Neutral, anterior tilt and the two side by side, each as PNG and SVG."""
    text = strings(language)
    labels = figure_labels(text)
    neutral = standing_posture(0.0)
    figures = {
        "neutrale-bekkenstand": side_view_figure(neutral, labels, text["figure.neutral_title"])[0],
        "voorwaartse-bekkenkanteling": side_view_figure(
            standing_posture(TILT_EXAMPLE_PCT), labels, text["figure.tilted_title"], ghost=neutral
        )[0],
        "vergelijking": comparison_figure(labels, (text["figure.neutral_title"], text["figure.tilted_title"])),
    }
    matplotlib.rcParams["svg.hashsalt"] = "psoas"  # stable ids: unchanged figures, unchanged files
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, fig in figures.items():
        settle_layout(fig)
        for suffix in ("png", "svg"):
            path = folder / f"{name}.{suffix}"
            # Fixed metadata keeps the files byte-stable between runs.
            metadata = {"Date": None} if suffix == "svg" else {"Software": None}
            fig.savefig(path, dpi=FIGURE_DPI, metadata=metadata)
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path, nargs="?", default=Path("figures"))
    args = parser.parse_args(argv)
    for path in export(args.folder):
        print(path)


if __name__ == "__main__":
    main()
