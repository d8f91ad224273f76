"""Issue 16: what the biomechanics review asked of the texts (NL and EN)."""

import json
import re
from pathlib import Path

import pytest

from psoas.content import chapters, content_dir

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
LANGUAGES = ("nl", "en")


def text(language: str, name: str) -> str:
    return (content_dir() / language / name).read_text(encoding="utf-8")


def sources(language: str) -> list[str]:
    return [line for line in text(language, "app/bronnen.md").splitlines() if line.startswith("- ")]


def entry(language: str, start: str) -> str:
    (found,) = [line for line in sources(language) if line.startswith(f"- {start}")]
    return found


def all_texts(language: str) -> str:
    folder = content_dir() / language
    parts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.md"))]
    parts.append((content_dir() / f"strings.{language}.json").read_text(encoding="utf-8"))
    return "\n".join(parts)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_model_file_is_not_cited_as_a_paper(language):
    # Item 2: "Lai, Uhlrich (2023)" is the OpenSim model RajagopalLaiUhlrich2023, not a paper.
    assert not re.search(r"Lai, Uhlrich|Lai AKM, Uhlrich", all_texts(language))
    assert "Annals of Biomedical Engineering* 45(12)" in entry(language, "Lai AKM, Arnold AS, Wakeling JM (2017)")
    assert "10.1038/s41598-022-13386-9" in entry(language, "Uhlrich SD")
    assert "(software)" in entry(language, "RajagopalLaiUhlrich2023.osim")
    rajagopal = entry(language, "Rajagopal A,")
    assert "63(10): 2068–2079" in rajagopal and "10.1109/TBME.2016.2586891" in rajagopal


@pytest.mark.parametrize("language", LANGUAGES)
def test_recalled_values_that_were_checked_are_upgraded(language):
    # Item 10: Harvey 1998 (grand mean -11.9 deg, 117 athletes) and Delp 2007 in full.
    harvey = entry(language, "Harvey D (1998)")
    assert harvey.endswith("[S]") and "117" in harvey and re.search(r"11[.,]9", harvey)
    delp = entry(language, "Delp SL, Anderson FC")
    assert "54(11): 1940–1950" in delp and delp.endswith("[S]")


def test_dois_are_the_same_in_both_languages():
    doi = re.compile(r"\bdoi \S+")
    assert doi.findall(text("nl", "app/bronnen.md")) == doi.findall(text("en", "app/bronnen.md"))


@pytest.mark.parametrize(
    "language, words",
    [
        ("nl", {"found": "is gevonden", "inferred": "af", "validity": "validiteit", "calculated": "berekend met",
                "no_cause": "Geen enkele studie laat zien dat een strakke psoas rugpijn veroorzaakt"}),
        ("en", {"found": "has been found", "inferred": "inferred", "validity": "validity", "calculated": "calculated with",
                "no_cause": "No study shows that a tight psoas causes back pain"}),
    ],
)  # fmt: skip
def test_evidence_boxes_say_no_more_than_the_studies(language, words):
    # Item 7.
    summary, gait = text(language, "onderzoek/08-samenvatting.md"), text(language, "onderzoek/03-looppatroon.md")
    assert words["found"] not in summary  # Kerrigan inferred contracture; nobody "found" the chain
    assert words["inferred"] in gait and "Watt" in gait and re.search(r"p = 0[.,]10", gait)
    flexibility = text(language, "onderzoek/05-flexibiliteit.md")
    assert words["validity"] in flexibility and "rectus femoris" in flexibility
    for box in ("02-onderrugpijn", "06-sport", "07-zittend-werk"):
        assert words["calculated"] in text(language, f"onderzoek/{box}.md"), box
    assert words["no_cause"] in text(language, "onderzoek/02-onderrugpijn.md")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_gait_box_caps_the_sacroiliac_twist(language):
    # Item 6: measured sacroiliac motion is about 2-4 deg at most.
    gait = text(language, "onderzoek/03-looppatroon.md")
    assert "Jacob" in gait and "Kibsgård" in gait and re.search(r"3[.,]6°", gait)


@pytest.mark.parametrize("language", LANGUAGES)
def test_chapter_1_names_both_readings(language):
    # Item 4: the text must say which reading the picture shows; "kantelt maar een beetje" is gone.
    box, tryit = text(language, "onderzoek/01-houding.md"), text(language, "app/01-probeer-het-zelf.md")
    assert "Heino" in box and "Preece" in box
    assert "maar een beetje" not in tryit and "only a little" not in tryit


@pytest.mark.parametrize("notebook", [c["notebook"] for c in chapters()])
@pytest.mark.parametrize("folder", ["", "en/"])
def test_every_chapter_page_carries_the_disclaimer(notebook, folder):
    # Item 9: the disclaimer was on only four pages.
    cells = json.loads((NOTEBOOKS / folder / notebook).read_text(encoding="utf-8"))["cells"]
    keys = [c["metadata"].get("psoas", {}).get("content", "") for c in cells]
    assert any(key.endswith("app/00-disclaimer.md") for key in keys)


def test_the_summary_quiz_quotes_the_model_s_step_lengths():
    # The old explanation said 63 -> 43 cm at 4 %; the quiz must follow the model.
    from psoas.model import standing_posture

    explanation = json.loads(text("nl", "vragen/08-samenvatting.json"))["questions"][1]["explanation"]
    start, end = map(int, re.search(r"(\d+) naar (\d+) cm", explanation).groups())
    assert (start, end) == (round(standing_posture(0.0).step_length_cm), round(standing_posture(4.0).step_length_cm))
    top = int(re.search(r"(\d+) cm bij 7,5 %", explanation).group(1))
    assert top == round(standing_posture(7.5).step_length_cm)
