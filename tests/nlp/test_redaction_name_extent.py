"""How far a name reaches (nlp.redaction.name_extent), through the real redactor."""

from __future__ import annotations

import pytest

from nlp.redaction import Redactor


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # A patronymic's particle goes with the name, spaced or hyphened.
        ("Rhys ap Gwilym helped us", "en", "[name] helped us"),
        ("Rhys ap-Gwilym helped us", "en", "[name] helped us"),
        ("Dafydd ab-Owain rang back", "en", "[name] rang back"),
        ("Diolch i Rhys ap-Gwilym", "cy", "Diolch i [name]"),
        ("Mary-Jane O'Neill rang", "en", "[name] rang"),
        # A title and a Welsh verb before a name stay.
        ("Cllr Mary-Jane Hughes rang", "en", "Cllr [name] rang"),
        ("Ffoniwch Gareth Pritchard", "cy", "Ffoniwch [name]"),
        # A particle alone is a word.
        ("the de-icer was late again", "en", None),
    ],
)
def test_a_name_takes_in_its_parts(
    redactor: Redactor, text: str, language: str, expected: str | None
) -> None:
    assert redactor.redact(text, language=language).text == (expected or text)
