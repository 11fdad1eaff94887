"""The Welsh spaCy language: registration, clitic tokenisation, stop words."""

from __future__ import annotations

import csv
import json
import re

import pytest
import spacy
from spacy.language import Language

import nlp.lang  # noqa: F401  (registers "cy")
from nlp.lang.cy import Welsh
from nlp.lang.cy.lemmas import KNOWN_FORMS, singular
from tests.conftest import shared_data


@pytest.fixture(scope="module")
def cy() -> Language:
    return spacy.blank("cy")


def words(nlp: Language, text: str) -> list[str]:
    return [t.text for t in nlp(text)]


def test_blank_cy_is_the_project_welsh_class(cy: Language) -> None:
    assert isinstance(cy, Welsh)
    assert cy.lang == "cy"


def test_installed_spacy_entry_point_names_the_welsh_package() -> None:
    # `pip install .` registers Welsh for spaCy without importing nlp.lang first.
    from importlib.metadata import entry_points

    (point,) = [p for p in entry_points(group="spacy_languages") if p.name == "cy"]
    assert point.value == "nlp.lang.cy:Welsh"
    assert point.load() is Welsh


@pytest.mark.parametrize(
    ("text", "tokens", "norms"),
    [
        ("Mae'r ysgol ar gau", ["Mae", "'r", "ysgol", "ar", "gau"], ["mae", "yr"]),
        ("i'r dref", ["i", "'r", "dref"], ["i", "yr"]),
        ("o'r pentref", ["o", "'r", "pentref"], ["o", "yr"]),
        ("bara a'r menyn", ["bara", "a", "'r", "menyn"], ["bara", "a", "yr"]),
        (
            "maen nhw wedi'u cau",
            ["maen", "nhw", "wedi", "'u", "cau"],
            ["maen", "nhw", "wedi", "eu"],
        ),
        ("mynd i'w gweld", ["mynd", "i", "'w", "gweld"], ["mynd", "i", "ei"]),
        ("sy'n bwysig", ["sy", "'n", "bwysig"], ["sy", "yn"]),
        ("dw i'n byw", ["dw", "i", "'n", "byw"], ["ydw", "i", "yn"]),
        ("Dwi'n hapus", ["Dw", "i", "'n", "hapus"], ["ydw", "i", "yn"]),
        ("'dw i ddim yn siŵr", ["'dw", "i", "ddim", "yn", "siŵr"], ["ydw", "i"]),
        ("mae o 'di mynd", ["mae", "o", "'di", "mynd"], ["mae", "o", "wedi"]),
        ("MAE'R BWS YN HWYR", ["MAE", "'R", "BWS", "YN", "HWYR"], ["mae", "yr"]),
        # Phones type the typographic apostrophe.
        ("Mae\u2019r bws yn hwyr", ["Mae", "\u2019r", "bws", "yn", "hwyr"], ["mae", "yr"]),
        ("mae o 'r bws", ["mae", "o", "'r", "bws"], ["mae", "o", "yr"]),
    ],
)
def test_clitics_are_their_own_tokens_with_the_full_form_as_norm(
    cy: Language, text: str, tokens: list[str], norms: list[str]
) -> None:
    doc = cy(text)
    assert [t.text for t in doc] == tokens
    assert [t.norm_ for t in doc][: len(norms)] == norms
    assert doc.text == text


def test_english_contractions_inside_welsh_text_are_not_mangled(cy: Language) -> None:
    assert words(cy, "don't know") == ["don't", "know"]


def test_stop_words_cover_grammar_not_content(cy: Language) -> None:
    doc = cy("Mae'r bysus ysgol yn hwyr i'r plant")
    stops = {t.text for t in doc if t.is_stop}
    assert {"Mae", "'r", "yn", "i"} <= stops
    assert not {"bysus", "ysgol", "hwyr", "plant"} & stops
    assert cy("Mae\u2019r")[1].is_stop


def test_welsh_number_words_are_like_num(cy: Language) -> None:
    doc = cy("tri bws, dwy ysgol, 5ed tro, 1,000 o bobl a'r ail waith; ysgol")
    nums = [t.text for t in doc if t.like_num]
    assert nums == ["tri", "dwy", "5ed", "1,000", "ail"]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "👍👍", "ما هو", "x" * 1600, ("Mae'r " * 400).strip(), "'''", "'r'r'r", "\u2019"],
)
def test_hostile_input_tokenises_without_losing_text(cy: Language, text: str) -> None:
    doc = cy(text)
    assert doc.text == text


_ATTACHED_CLITIC = re.compile(r"[^\W\d_]['\u2019](?:r|n|u|w|i)$", re.IGNORECASE)


def _welsh_sentences() -> list[str]:
    texts: list[str] = []
    for rel in ("welsh/cy_lexicelt_short_phrases.csv", "welsh/cy_common_spoken_short.csv"):
        with shared_data(rel).open(encoding="utf8", newline="") as fh:
            texts += [row["text"] for row in csv.DictReader(fh)]
    with shared_data("welsh/ner_cy.jsonl").open(encoding="utf8") as fh:
        texts += [json.loads(line)["text"] for line in fh if line.strip()]
    return texts


def test_real_welsh_sentences_round_trip_and_leave_no_clitic_attached(cy: Language) -> None:
    texts = _welsh_sentences()
    with_clitics = 0
    for doc in cy.pipe(texts):
        assert doc.text in texts
        attached = [t.text for t in doc if _ATTACHED_CLITIC.search(t.text)]
        assert attached == [], doc.text
        with_clitics += any(t.text[:1] in "'\u2019" for t in doc)
    # The data really exercises the rule (over a tenth of sentences have clitics).
    assert with_clitics > len(texts) / 10


@pytest.mark.parametrize(
    ("plural", "expected"),
    [
        ("ysgolion", "ysgol"),
        ("siopau", "siop"),
        ("strydoedd", "stryd"),
        ("biniau", "bin"),
        ("gwasanaethau", "gwasanaeth"),
        ("tai", "tŷ"),
        ("ffyrdd", "ffordd"),
        ("bysus", "bws"),
        ("Ysgolion", "ysgol"),
        ("bins", "bin"),
    ],
)
def test_known_plurals_become_singular(plural: str, expected: str) -> None:
    assert singular(plural) == expected


@pytest.mark.parametrize(
    "word", ["mai", "heddiw", "cyngor", "gwirfoddolwyr", "xyzau", "bws", "nos", "pris", ""]
)
def test_words_that_only_look_plural_are_left_alone(word: str) -> None:
    # "mai" is not m + -ai; an unknown stem is never stripped.
    assert singular(word) == word.lower()


def test_known_forms_include_plurals_and_stop_words() -> None:
    assert "ysgolion" in KNOWN_FORMS
    assert "na" in KNOWN_FORMS
    assert "xyzau" not in KNOWN_FORMS
    assert 42 not in KNOWN_FORMS  # type: ignore[comparison-overlap]
