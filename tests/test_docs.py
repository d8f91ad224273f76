"""docs/model.md quotes the model's values; they must be the model's values."""

import re
from pathlib import Path

import pytest

from psoas.model import standing_posture

DOC = Path(__file__).resolve().parents[1] / "docs" / "model.md"


def table_rows():
    """(reading, cells) for each row of the values tables; a table between
    ``<!-- reading: X -->`` and ``<!-- end reading -->`` is of reading X."""
    reading = "pelvis_stays"
    for line in DOC.read_text(encoding="utf-8").splitlines():
        marker = re.match(r"^<!-- reading: (\w+) -->$", line)
        if marker:
            reading = marker.group(1)
        elif line == "<!-- end reading -->":
            reading = "pelvis_stays"
        match = re.match(r"^\| ([\d.]+) %[^|]* \| ([\d.]+) \| ([\d.]+)° \| ([\d.]+)° \| (−?[\d.]+)° \| ([\d.]+) cm \| ([\d.]+)° \| ([\d.]+)° \| ([\d.]+) cm \| (\w+) \|$", line)
        if match:
            yield reading, match.groups()


def test_the_values_table_is_the_model():
    rows = list(table_rows())
    assert len(rows) == 10
    assert {reading for reading, _ in rows} == {"pelvis_stays", "pelvis_follows"}
    for reading, (pct, cm, tilt, lordosis, extension, length, thigh, knee, step, regime) in rows:
        p = standing_posture(float(pct), reading=reading)
        assert p.shortening_cm == pytest.approx(float(cm), abs=0.006)
        assert p.pelvic_tilt_deg == pytest.approx(float(tilt), abs=0.06)
        assert p.lumbar_lordosis_deg == pytest.approx(float(lordosis), abs=0.06)
        assert p.hip_extension_deg == pytest.approx(float(extension.replace("−", "-")), abs=0.06)
        assert p.psoas_length_cm == pytest.approx(float(length), abs=0.006)
        assert p.thigh_flexion_deg == pytest.approx(float(thigh), abs=0.6)
        assert p.knee_flexion_deg == pytest.approx(float(knee), abs=0.6)
        assert p.step_length_cm == pytest.approx(float(step), abs=0.06)
        assert p.regime == regime


def test_the_table_covers_healthy_middle_and_top_with_step_lengths():
    # Issue 16: the values at 0 %, the middle and the top of the range, with step lengths.
    from psoas.model import SHORTENING_RANGE_PCT

    lo, hi = SHORTENING_RANGE_PCT
    for reading in ("pelvis_stays", "pelvis_follows"):
        shown = {float(cells[0]) for r, cells in table_rows() if r == reading}
        assert {lo, (lo + hi) / 2, hi} <= shown, reading
