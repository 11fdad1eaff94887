"""The words re-identification hints are written with (nlp/moderation/hint_words.py)."""

from __future__ import annotations

import re

import pytest

from nlp.moderation.hint_words import JOBS_CY, NAMED, RARE_AGE


def test_welsh_jobs_are_read_as_yn_mutates_them() -> None:
    # "dw i'n feddyg", "mae hi'n brifathrawes": the soft mutation after the predicative "yn".
    assert {"meddyg", "feddyg", "prifathrawes", "brifathrawes"} <= set(JOBS_CY)
    # The longest first, so "athrawes" is read whole before "athro".
    assert JOBS_CY.index("athrawes") < JOBS_CY.index("athro")


@pytest.mark.parametrize(("text", "named"), [("Llay", True), ("Yr Wyddgrug", True)])
def test_a_named_place_is_a_capitalised_word(text: str, named: bool) -> None:
    assert bool(re.fullmatch(NAMED, text)) is named


@pytest.mark.parametrize("text", ["Tuesdays", "Christmas", "Gymraeg", "NHS", "llay"])
def test_days_festivals_languages_and_lower_case_are_no_named_place(text: str) -> None:
    assert not re.fullmatch(NAMED, text)


@pytest.mark.parametrize(
    ("text", "rare"),
    [
        ("94 and live alone", True),
        ("17 year old carer", True),
        ("94 oed", True),
        ("5 minutes from the park", False),
        ("8 months pregnant", False),
        ("45 years old", False),
    ],
)
def test_an_age_few_share_ends_its_clause(text: str, rare: bool) -> None:
    assert bool(re.match(RARE_AGE, text)) is rare
