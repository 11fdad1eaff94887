"""Places named with hyphens around a linking word keep every word (hyphened_places.py)."""

from __future__ import annotations

import pytest

from nlp.redaction import Redactor
from nlp.redaction.hyphened_places import hyphened_places


@pytest.mark.parametrize(
    "text",
    [
        # Each was "Bangor-on-[name]", "Newcastle-under-[name]", "[name]-y-Bont" and so on.
        "Bangor-on-Dee needs a pavement to the school.",
        "We moved from Newcastle-under-Lyme last year.",
        "My sister lives in Barrow-in-Furness.",
        "The train to Berwick-upon-Tweed was cancelled.",
        "Chapel-en-le-Frith has a better market than ours.",
        "Ashby-de-la-Zouch is a long way to drive for a hospital bed.",
        "Tal-y-Bont school is closing.",
        "Henley-in-Arden and Wotton-under-Edge",
        # ... written in lower case, as a text message may.
        "we go to bangor-on-dee for the races",
    ],
)
def test_a_hyphened_place_keeps_its_words(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text, language="en").text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Double-barrelled names join names, with no linking word between: still people.
        ("Mary-Kate Evans rang me back.", "[name] rang me back."),
        ("Ask Sion Lloyd-Jones about it.", "Ask [name] about it."),
        # A person beside the place is hidden as before.
        ("Gareth from Bangor-on-Dee rang me.", "[name] from Bangor-on-Dee rang me."),
    ],
)
def test_names_beside_or_without_a_linking_word_are_hidden(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor.redact(text, language="en").text == expected


def test_the_stretch_is_the_whole_hyphened_word() -> None:
    text = "From Stoke-on-Trent to Betws-y-Coed, not Rees-Mogg."
    assert [text[a:b] for a, b in hyphened_places(text)] == ["Stoke-on-Trent", "Betws-y-Coed"]
