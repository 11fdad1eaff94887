"""Hashtags are shown unless they name someone (nlp/redaction/hashtags.py)."""

from __future__ import annotations

import pytest

from nlp.redaction import Redactor
from nlp.redaction.hashtags import hashtags


@pytest.mark.parametrize(
    "text",
    [
        # Each hashtag's capitalised stretch was a [name] (Tweebank-NER's dev tweets).
        "Shoutout #FreeWeezy all day everyday",
        "#BieberFact 1793 : pretty soon",
        "Never Forget You #SoMoSunday",
        "Apart from #TaiChi most of day has been at home",
        # ... and a resident's campaign.
        "Save our library! #SaveLlayLibrary",
    ],
)
def test_a_hashtag_naming_no_one_is_shown(redactor: Redactor, text: str) -> None:
    assert redactor.redact(text, language="en").text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A given name and a surname, or a given name alone, name someone.
        ("RIP #DavidJones", "RIP #[name]"),
        ("Thanks #Sarah for everything", "Thanks #[name] for everything"),
        # A name outside the hashtag is judged as ever.
        ("Sarah started #SaveLlayLibrary", "[name] started #SaveLlayLibrary"),
    ],
)
def test_a_hashtag_naming_someone_or_a_name_beside_one_is_hidden(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor.redact(text, language="en").text == expected


def test_numbers_and_languages_are_no_hashtags() -> None:
    text = "The #4 bus, C# code and #FreeWeezy"
    assert [text[a:b] for a, b in hashtags(text)] == ["#FreeWeezy"]
