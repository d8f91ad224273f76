"""The English translation in content/en/ keeps step with the Dutch original in content/nl/.

Every Dutch text has an English counterpart (and the other way round); UI strings have the same keys
and the same {placeholders}; quizzes have the same questions, options and answers; the chapter table
names the same notebooks and sections; and each Markdown text keeps its structure (headings,
paragraphs, bullets, emphasis), its numbers (2,6 becomes 2.6) and its citations (e.a. becomes et al.).
"""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from psoas.content import content_dir

CONTENT = content_dir()
NL = CONTENT / "nl"
EN = CONTENT / "en"


def files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() and p.suffix in {".md", ".json"}}


NL_FILES = sorted(files(NL))
NL_MARKDOWN = [name for name in NL_FILES if name.endswith(".md")]
ARTICLE = sorted(p.name for p in NL.glob("*.md"))
QUIZZES = sorted(p.name for p in (NL / "vragen").glob("*.json"))


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def load(path: Path):
    return json.loads(read(path))


def pair(name: str) -> tuple[str, str]:
    if not (EN / name).is_file():
        pytest.fail(f"{name} has no English counterpart in {EN}")
    return read(NL / name), read(EN / name)


# --- Markdown structure -------------------------------------------------------------------------

BULLET = re.compile(r"^\s*(?:[-*+]|\d+\.)\s+")
HEADING = re.compile(r"^(#{1,6})\s")


def unquoted_lines(text: str) -> list[str]:
    """The lines of a text with the block-quote marker taken off."""
    return [re.sub(r"^>\s?", "", line) for line in text.splitlines()]


def paragraphs(text: str) -> list[str]:
    """Blocks separated by blank lines (a whole list counts as one block)."""
    blocks, current = [], []
    for line in unquoted_lines(text):
        if line.strip():
            current.append(line)
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


def bullets(text: str) -> int:
    return sum(1 for line in unquoted_lines(text) if BULLET.match(line))


def headings(text: str) -> list[int]:
    return [len(m.group(1)) for line in unquoted_lines(text) if (m := HEADING.match(line))]


def markup(text: str) -> dict[str, int]:
    return {
        "bold": text.count("**"),
        "italic": len(re.findall(r"(?<!\*)\*(?!\*)", text)),
        "code": text.count("`"),
        "links": text.count("]("),
        "quoted lines": sum(1 for line in text.splitlines() if line.startswith(">")),
        "lines": len(text.splitlines()),
    }


# --- numbers and citations ----------------------------------------------------------------------

NUMBER_NL = re.compile(r"\d+(?:,\d+)?")
NUMBER_EN = re.compile(r"\d+(?:\.\d+)?")
CITATION_NL = re.compile(r"\b([A-Z][A-Za-z\-]+)(?: e\.a\.)?(?: en [A-Z][A-Za-z]+)? \(?((?:19|20)\d\d)\b")
CITATION_EN = re.compile(r"\b([A-Z][A-Za-z\-]+)(?: et al\.)?(?: and [A-Z][A-Za-z]+)? \(?((?:19|20)\d\d)\b")
DUTCH_WORDS = {"de", "het", "een", "en", "van", "niet", "wordt", "zijn", "bij", "naar", "ook", "maar", "dat", "wat"}


DOI = re.compile(r"\bdoi \S+")  # an identifier, the same in both languages: not a number to translate


SVG = re.compile(r"<svg .*?</svg>", re.S)  # an icon (the evidence box's): its numbers are drawing, not prose


def numbers_nl(text: str) -> Counter:
    return Counter(n.replace(",", ".") for n in NUMBER_NL.findall(DOI.sub("", SVG.sub("", text))))


def numbers_en(text: str) -> Counter:
    return Counter(NUMBER_EN.findall(DOI.sub("", SVG.sub("", text))))


def texts_of(value) -> list[str]:
    """Every piece of text in a JSON value, in order (keys left out)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [t for item in value for t in texts_of(item)]
    if isinstance(value, dict):
        return [t for item in value.values() for t in texts_of(item)]
    return []


def english_texts() -> dict[str, str]:
    found = {name: read(EN / name) for name in files(EN) if name.endswith(".md")}
    found.update({name: "\n".join(texts_of(load(EN / name))) for name in files(EN) if name.endswith(".json")})
    found["strings.en.json"] = "\n".join(load(CONTENT / "strings.en.json").values())
    chapters = load(CONTENT / "chapters.en.json")
    found["chapters.en.json"] = "\n".join(e["title"] + "\n" + e["description"] for e in chapters["chapters"] + chapters["appendices"])
    return found


# --- every file has its counterpart ------------------------------------------------------------


def test_every_dutch_file_has_an_english_counterpart_and_vice_versa():
    assert NL_FILES, "no Dutch content found"
    assert set(NL_FILES) - files(EN) == set(), "Dutch files without an English translation"
    assert files(EN) - set(NL_FILES) == set(), "English files without a Dutch original"
    assert (CONTENT / "strings.en.json").is_file()
    assert (CONTENT / "chapters.en.json").is_file()


@pytest.mark.parametrize("name", NL_FILES)
def test_no_english_file_is_empty(name):
    assert pair(name)[1].strip(), name


# --- UI strings ---------------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def test_strings_have_exactly_the_dutch_keys():
    dutch, english = load(CONTENT / "strings.nl.json"), load(CONTENT / "strings.en.json")
    assert sorted(set(dutch) - set(english)) == [], "keys still to translate"
    assert sorted(set(english) - set(dutch)) == [], "keys that the Dutch strings no longer have"
    assert all(isinstance(v, str) and v.strip() for v in english.values())


def test_strings_keep_their_placeholders():
    dutch, english = load(CONTENT / "strings.nl.json"), load(CONTENT / "strings.en.json")
    wrong = {
        key: (PLACEHOLDER.findall(dutch[key]), PLACEHOLDER.findall(english[key]))
        for key in dutch.keys() & english.keys()
        if Counter(PLACEHOLDER.findall(dutch[key])) != Counter(PLACEHOLDER.findall(english[key]))
    }
    assert not wrong, wrong


def test_strings_keep_their_numbers():
    dutch, english = load(CONTENT / "strings.nl.json"), load(CONTENT / "strings.en.json")
    wrong = [key for key in dutch.keys() & english.keys() if numbers_nl(dutch[key]) != numbers_en(english[key])]
    assert not wrong, wrong


def test_strings_use_the_english_landmark_names():
    english = load(CONTENT / "strings.en.json")
    assert english["figure.asis"] == english["landmark.ASIS"] == "ASIS"
    assert english["figure.psis"] == english["landmark.PSIS"] == "PSIS"
    assert not [key for key, value in english.items() if re.search(r"\bSI[AP]S\b", value)]


# --- quizzes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", QUIZZES)
def test_quiz_has_the_same_questions_options_and_answers(name):
    dutch, english = (json.loads(text) for text in pair(f"vragen/{name}"))
    assert english.keys() == dutch.keys()
    assert len(english["questions"]) == len(dutch["questions"])
    for nl_q, en_q in zip(dutch["questions"], english["questions"]):
        assert en_q.keys() == nl_q.keys()
        assert len(en_q["options"]) == len(nl_q["options"])
        assert en_q["answer"] == nl_q["answer"]
        assert 0 <= en_q["answer"] < len(en_q["options"])
        assert all(isinstance(t, str) and t.strip() for t in [en_q["question"], en_q["explanation"], *en_q["options"]])
        assert numbers_nl("\n".join(texts_of(nl_q))) == numbers_en("\n".join(texts_of(en_q)))


# --- chapter table ------------------------------------------------------------------------------


def test_chapter_table_names_the_same_notebooks_and_sections():
    dutch, english = load(CONTENT / "chapters.json"), load(CONTENT / "chapters.en.json")
    assert english.keys() == dutch.keys()
    assert english["language"] == "en"
    assert english["closing"] == dutch["closing"]
    assert [(c["notebook"], c["sections"]) for c in english["chapters"]] == [(c["notebook"], c["sections"]) for c in dutch["chapters"]]
    assert [a["notebook"] for a in english["appendices"]] == [a["notebook"] for a in dutch["appendices"]]
    for nl_entry, en_entry in zip(dutch["chapters"] + dutch["appendices"], english["chapters"] + english["appendices"]):
        assert en_entry.keys() == nl_entry.keys()
        assert en_entry["title"].strip() and en_entry["description"].strip()
    for slug in [s for c in english["chapters"] for s in c["sections"]] + [english["closing"]]:
        assert (EN / f"{slug}.md").is_file(), slug


# --- Markdown texts -----------------------------------------------------------------------------


def test_the_article_sections_are_all_there():
    assert len(ARTICLE) == 11
    assert sorted(p.name for p in EN.glob("*.md")) == ARTICLE


@pytest.mark.parametrize("name", NL_MARKDOWN)
def test_same_paragraphs_bullets_and_headings(name):
    dutch, english = pair(name)
    assert len(paragraphs(english)) == len(paragraphs(dutch)), "paragraphs"
    assert bullets(english) == bullets(dutch), "bullets"
    assert headings(english) == headings(dutch), "heading levels"
    assert [HEADING.match(b) is not None for b in paragraphs(english)] == [HEADING.match(b) is not None for b in paragraphs(dutch)]
    assert [bool(BULLET.match(b)) for b in paragraphs(english)] == [bool(BULLET.match(b)) for b in paragraphs(dutch)]


@pytest.mark.parametrize("name", NL_MARKDOWN)
def test_same_markdown_markup(name):
    dutch, english = pair(name)
    assert markup(english) == markup(dutch)
    assert english.endswith("\n") == dutch.endswith("\n")


@pytest.mark.parametrize("name", NL_MARKDOWN)
def test_same_numbers_with_a_decimal_point(name):
    dutch, english = pair(name)
    assert numbers_en(english) == numbers_nl(dutch)
    assert not re.search(r"\d,\d", english), "decimal comma in English text"


@pytest.mark.parametrize("name", [n for n in NL_MARKDOWN if n != "app/bronnen.md"])  # sources: see below
def test_same_citations(name):
    dutch, english = pair(name)
    assert Counter(CITATION_EN.findall(english)) == Counter(CITATION_NL.findall(dutch))


def test_the_site_name_is_kept():
    assert "psoas.be" in read(EN / "10-slot.md")


@pytest.mark.parametrize("name", sorted(p.name for p in (NL / "onderzoek").glob("*.md")))
def test_evidence_boxes_stay_block_quotes(name):
    english = read(EN / "onderzoek" / name)
    assert re.match(r"> #### <svg [^>]*>.*</svg> What does the research say\?\n", english)
    assert all(line.startswith(">") for line in english.strip().splitlines())


def test_sources_page_keeps_its_entries_in_order():
    def entries(text: str) -> list[str]:
        return [line[2:] for line in text.splitlines() if line.startswith("- ")]

    dutch, english = (entries(t) for t in pair("app/bronnen.md"))
    assert len(english) == len(dutch)
    tag = re.compile(r"\[(S|S2|R|C)\]$")
    assert [tag.search(e).group(0) for e in english] == [tag.search(e).group(0) for e in dutch]
    assert [e.split()[0] for e in english] == [e.split()[0] for e in dutch]
    assert [e.lower() for e in english] == sorted(e.lower() for e in english)


# --- no Dutch left in the English texts ---------------------------------------------------------


def test_no_dutch_citation_style_or_function_words_left():
    leftovers = {}
    for name, text in english_texts().items():
        words = set(re.findall(r"[A-Za-zÀ-ÿ]+", text.lower())) & DUTCH_WORDS
        if "e.a." in text or " en " in text or words:
            leftovers[name] = sorted(words) or text
    assert not leftovers, leftovers
