"""nlp/redaction/welsh_spelling.py: the spellings that make an unlisted word Welsh."""

from __future__ import annotations

import pytest

from nlp.redaction.gazetteer import name_lists
from nlp.redaction.welsh_spelling import (
    not_welsh_spelling,
    spelt_as_welsh,
    welsh_looking,
    welsh_place_shaped,
)


@pytest.mark.parametrize("word", ["Rhosddu", "Ffoniwch", "Bwlchgwyn", "Llay"])
def test_welsh_spelling_is_welsh(word: str) -> None:
    assert welsh_looking(word)


@pytest.mark.parametrize("word", ["Wisława", "Rościsław", "Sarah", "Kumar"])
def test_names_from_elsewhere_are_not_welsh_looking(word: str) -> None:
    assert not welsh_looking(word)


@pytest.mark.parametrize(
    "word", ["Dolywern", "Pontcysyllte", "Maesybont", "Penycae", "Rhostyllen", "Froncysyllte"]
)
def test_places_built_as_welsh_builds_them(word: str) -> None:
    assert welsh_place_shaped(word)


@pytest.mark.parametrize(
    "word",
    # Names that open with a place word, words too short, and shapes written in capitals or
    # lower case (the check is for a capitalised word in running text).
    ["Penrose", "Tremayne", "Phyllis", "Dreyfus", "Pentagon", "Penny", "Tyler", "DOLYWERN"],
)
def test_names_and_other_words_are_not_place_shaped(word: str) -> None:
    assert not welsh_place_shaped(word)


def test_only_one_listed_name_has_a_welsh_place_shape() -> None:
    # The rules read the name lists first, so this one is still hidden as a name.
    first, surnames = name_lists()
    shaped = sorted(n for n in first | surnames if welsh_place_shaped(n.capitalize()))
    assert shaped == ["bodyfelt"]


def test_sh_is_spelt_si_in_welsh() -> None:
    assert not_welsh_spelling("Ishawna") and not not_welsh_spelling("Rhosddu")


def test_either_spelling_or_shape_makes_a_word_welsh() -> None:
    assert spelt_as_welsh("Rhosddu") and spelt_as_welsh("Dolywern")
    assert not spelt_as_welsh("Penrose") and not spelt_as_welsh("Sarah")
