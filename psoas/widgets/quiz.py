"""Checks of understanding at the end of a chapter: multiple choice with immediate feedback.

Questions live in ``content/nl/vragen/<chapter>.json``:
``{"questions": [{"question": ..., "options": [...], "answer": <index>, "explanation": ...}]}``.
"""

from __future__ import annotations

import html
import json
import logging

import ipywidgets as w

from ..content import ContentError, _read_text, content_dir, strings
from .format import content_error_html
from .shared import SharedParts

log = logging.getLogger(__name__)


def load_questions(chapter: str, language: str = "nl") -> list[dict]:
    """The questions of one chapter, checked for shape."""
    path = content_dir() / language / "vragen" / f"{chapter}.json"
    try:
        data = json.loads(_read_text(path))
    except json.JSONDecodeError as error:
        raise ContentError(f"content file {path} is not valid JSON: {error}") from None
    questions = data.get("questions") if isinstance(data, dict) else None
    if not isinstance(questions, list) or not questions:
        raise ContentError(f"{path}: 'questions' must be a non-empty list")
    for number, q in enumerate(questions, start=1):
        ok = (
            isinstance(q, dict) and isinstance(q.get("question"), str) and isinstance(q.get("explanation"), str)
            and isinstance(q.get("options"), list) and len(q["options"]) >= 2 and all(isinstance(o, str) for o in q["options"])
            and isinstance(q.get("answer"), int) and 0 <= q["answer"] < len(q["options"])
        )  # fmt: skip
        if not ok:
            raise ContentError(f"{path}: question {number} needs question, options (2+), answer (an index) and explanation")
    return questions


def _question_widget(number: int, q: dict, text: dict[str, str], texts: SharedParts, radios: SharedParts) -> w.VBox:
    prompt = texts.make(w.HTML, f'<p style="font-size:17px;margin:12px 0 4px"><b>{number}.</b> {html.escape(q["question"])}</p>')
    options = [(option, i) for i, option in enumerate(q["options"])]
    choices = radios.make(w.RadioButtons, options=options, value=None, css_class="psoas-quiz-choices")
    feedback = texts.make(w.HTML, "", css_class="psoas-quiz-feedback")

    def answer(change) -> None:
        if change["new"] is None:
            return
        right = change["new"] == q["answer"]
        verdict = text["quiz.correct"] if right else text["quiz.wrong"].format(answer=q["options"][q["answer"]])
        colour = "#2e7d32" if right else "#8a1c0c"
        feedback.value = (
            f'<div class="psoas-quiz-result" data-correct="{str(right).lower()}" role="status" '
            f'style="border-left:4px solid {colour};padding:6px 10px;background:#f7f5f0;font-size:16px">'
            f"<b>{html.escape(verdict)}</b> {html.escape(q['explanation'])}</div>"
        )

    choices.observe(answer, names="value")
    return texts.make(w.VBox, [prompt, choices, feedback])


def make_quiz(chapter: str, language: str = "nl") -> w.Widget:
    """The chapter's questions as widgets, or a Dutch message if they cannot be loaded."""
    try:
        text = strings(language)
        questions = load_questions(chapter, language)
        texts, radios = SharedParts(), SharedParts(width="auto")  # one layout and style each: fewer models
        title = texts.make(w.HTML, f'<h3 style="margin:16px 0 4px">{html.escape(text["quiz.title"])}</h3>')
        box = texts.make(w.VBox, [title] + [_question_widget(i, q, text, texts, radios) for i, q in enumerate(questions, start=1)])
    except ContentError:
        log.exception("questions for %s are missing or broken", chapter)
        return w.HTML(content_error_html(language))
    box.add_class("psoas-quiz")
    box.psoas_quiz = (questions, language)  # the static site writes the quiz for the page's script
    return box
