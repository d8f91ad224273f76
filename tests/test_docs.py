"""docs/model.md quotes the model's values; they must be the model's values."""

import re
from pathlib import Path

import pytest

from psoas.model import standing_posture

DOC = Path(__file__).resolve().parents[1] / "docs" / "model.md"


def table_rows():
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\| ([\d.]+) %[^|]* \| ([\d.]+) \| ([\d.]+)° \| ([\d.]+)° \| (−?[\d.]+)° \| ([\d.]+) cm \| ([\d.]+)° \| ([\d.]+)° \| ([\d.]+) cm \| (\w+) \|$", line)
        if match:
            yield match.groups()


def test_the_values_table_is_the_model():
    rows = list(table_rows())
    assert len(rows) == 6
    for pct, cm, tilt, lordosis, extension, length, thigh, knee, step, regime in rows:
        p = standing_posture(float(pct))
        assert p.shortening_cm == pytest.approx(float(cm), abs=0.006)
        assert p.pelvic_tilt_deg == pytest.approx(float(tilt), abs=0.06)
        assert p.lumbar_lordosis_deg == pytest.approx(float(lordosis), abs=0.06)
        assert p.hip_extension_deg == pytest.approx(float(extension.replace("−", "-")), abs=0.06)
        assert p.psoas_length_cm == pytest.approx(float(length), abs=0.006)
        assert p.thigh_flexion_deg == pytest.approx(float(thigh), abs=0.6)
        assert p.knee_flexion_deg == pytest.approx(float(knee), abs=0.6)
        assert p.step_length_cm == pytest.approx(float(step), abs=0.06)
        assert p.regime == regime
