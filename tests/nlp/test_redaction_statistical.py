"""What the contextual finder's runs are checked against (nlp.redaction.statistical)."""

from __future__ import annotations

import pytest

from nlp.redaction import Redactor


@pytest.mark.parametrize("answer", ["Faith", "Mercy", "Faith!", "Kindness", "asjdfoijasoidfj"])
def test_a_one_word_answer_that_is_a_word_is_shown(redactor: Redactor, answer: str) -> None:
    """Asked what matters, residents answer in one word; with no words around it the finder
    took "Faith" and "Mercy" for people, and keyboard mash too."""
    assert redactor.redact(answer, language="en").text == answer


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        # A one-word name still goes, even one that is also a word: a resident signs off
        # in a text of its own.
        ("Sarah", "[name]"),
        ("Gareth", "[name]"),
        ("Sally", "[name]"),
        ("Bill", "[name]"),
        ("JB", "[name]"),
        # With words around it the finder reads the word as before.
        ("Thanks Faith, you were brilliant", "Thanks [name], you were brilliant"),
    ],
)
def test_a_one_word_name_is_still_hidden(redactor: Redactor, answer: str, expected: str) -> None:
    assert redactor.redact(answer, language="en").text == expected
