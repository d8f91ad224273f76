"""The benchmark's pure helpers (benchmarks/chapters.py): no browser, no timing."""

import pytest

from benchmarks.chapters import ChapterLoad, chapter_summary, chapter_table, step_key


def test_a_step_goes_on_and_turns_back_at_either_end():
    assert step_key(3.0, 0.0, 7.5, True) == ("ArrowRight", True)
    assert step_key(7.5, 0.0, 7.5, True) == ("ArrowLeft", False)
    assert step_key(3.0, 0.0, 7.5, False) == ("ArrowLeft", False)
    assert step_key(0.0, 0.0, 7.5, False) == ("ArrowRight", True)
    # walking a slider of 4 positions from its start: every key moves it
    now, rightwards, seen = 0, True, []
    for _ in range(8):
        key, rightwards = step_key(now, 0, 3, rightwards)
        now += 1 if key == "ArrowRight" else -1
        assert 0 <= now <= 3
        seen.append(now)
    assert seen == [1, 2, 3, 2, 1, 0, 1, 2]


def test_the_chapters_table_gives_each_chapter_its_ratio_and_verdicts():
    loads = [
        ChapterLoad("01-houding", "live", 3000.0, [10.0, 20.0, 30.0]),
        ChapterLoad("01-houding", "static", 900.0, [5.0, 6.0, 7.0]),
        ChapterLoad("02-onderrugpijn", "live", 4000.0, [80.0, 90.0, 100.0], kernel_pictures=1),
        ChapterLoad("02-onderrugpijn", "static", 1000.0, [25.0, 30.0]),
    ]
    summary = chapter_summary(loads)
    assert summary[("01-houding", "live")]["med"] == 20.0
    assert summary[("02-onderrugpijn", "static")]["med"] == pytest.approx(27.5)
    text = chapter_table(summary, [200.0, 300.0, 400.0], 0.2, 20.0, ("01-houding", "02-onderrugpijn", "03-x"))
    rows = {line.split("|")[1].strip(): line for line in text.splitlines()[2:]}
    assert "0.07×" in rows["`01-houding`"] and rows["`01-houding`"].count("**yes**") == 2
    assert "0.30×" in rows["`02-onderrugpijn`"] and rows["`02-onderrugpijn`"].count("**no**") == 2
    assert "1 of 3 the kernel's picture" in rows["`02-onderrugpijn`"]
    assert rows["`03-x`"].count("–") == 7  # not measured
    assert "300 ms" in rows["baseline (`baseline.ipynb`, live)"]
