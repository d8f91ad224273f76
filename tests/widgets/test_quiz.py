"""Checks of understanding: content-driven questions with immediate feedback."""

import json
import shutil
from pathlib import Path

import ipywidgets as w
import pytest

from psoas.content import content_dir
from psoas.widgets.quiz import load_questions, make_quiz

CHAPTERS = sorted(p.stem for p in (content_dir() / "nl" / "vragen").glob("*.json"))
NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"


def radio_buttons(widget):
    found = []
    for child in getattr(widget, "children", ()):
        found += [child] if isinstance(child, w.RadioButtons) else radio_buttons(child)
    return found


def feedbacks(widget):
    found = []
    for child in getattr(widget, "children", ()):
        if isinstance(child, w.HTML) and "psoas-quiz-feedback" in child._dom_classes:
            found.append(child)
        found += feedbacks(child)
    return found


def test_every_chapter_has_two_or_three_questions_and_shows_them():
    assert len(CHAPTERS) == 8
    for chapter in CHAPTERS:
        assert 2 <= len(load_questions(chapter)) <= 3
        sources = ["".join(c["source"]) for p in NOTEBOOKS.glob("*.ipynb") for c in json.loads(p.read_text(encoding="utf-8"))["cells"]]
        assert f'make_quiz("{chapter}")' in "\n".join(sources), chapter


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_right_and_wrong_answers_get_feedback_with_the_explanation(chapter):
    questions = load_questions(chapter)
    quiz = make_quiz(chapter)
    choices, results = radio_buttons(quiz), feedbacks(quiz)
    assert len(choices) == len(questions) and all(c.value is None for c in choices)
    for q, radio, feedback in zip(questions, choices, results):
        wrong = (q["answer"] + 1) % len(q["options"])
        radio.value = wrong
        assert 'data-correct="false"' in feedback.value and "Niet helemaal" in feedback.value
        radio.value = q["answer"]
        assert 'data-correct="true"' in feedback.value and "Goed!" in feedback.value
        assert q["explanation"][:30].replace("'", "&#x27;") in feedback.value


@pytest.mark.parametrize("breakage", ["{", '{"questions": []}', '{"questions": [{"question": "x", "options": ["a"], "answer": 3}]}'])
def test_broken_questions_give_a_dutch_message(tmp_path, monkeypatch, breakage):
    copy = tmp_path / "content"
    shutil.copytree(content_dir(), copy)
    (copy / "nl" / "vragen" / "01-houding.json").write_text(breakage, encoding="utf-8")
    monkeypatch.setenv("PSOAS_CONTENT_DIR", str(copy))
    widget = make_quiz("01-houding")
    assert isinstance(widget, w.HTML) and "kon niet worden geladen" in widget.value


def test_missing_questions_give_a_dutch_message():
    assert "kon niet worden geladen" in make_quiz("bestaat-niet").value


def test_questions_are_valid_json_files():
    for chapter in CHAPTERS:
        json.loads((content_dir() / "nl" / "vragen" / f"{chapter}.json").read_text(encoding="utf-8"))
