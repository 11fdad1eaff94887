"""The yes/no grammar: Welsh responsive forms in every person and tense; English slang."""

from __future__ import annotations

import pytest

from bot.conversation.yes_no import Verdict, language_of, read

# fmt: off
WELSH_YES = [
    "Ydw", "Ydy", "Ydi", "Ydyn", "Ydan", "Ydych", "Yndw", "Oes", "Oedd", "Oeddwn",
    "Bydd", "Byddaf", "Bydda i", "Byddwn", "Baswn", "Basai", "Byswn i", "Fyswn i",
    "Gallaf", "Galla i", "Medraf", "Medra", "Hoffwn", "Hoffwn i, diolch", "Liciwn",
    "Moyn", "Isio", "Gwnaf", "Gwna i", "Mi wna i", "Caf", "Cei", "Cewch", "Do", "Ie",
    "Ia", "Iawn", "Wrth gwrs", "Ydw, plîs.", "Iawn, dim problem", "Ydw wir",
    "Hoffwn glywed mwy", "Ydyn ni", "Cytuno", "IE",
]
WELSH_NO = [
    "Na", "Nage", "Naddo", "Nac ydw", "Nag ydw", "Nac ydy, Tad!", "Nag oes", "Nac oedd",
    "Na fydd", "Na fyddaf", "Fydda i ddim", "Na faswn", "Na hoffwn", "Na allaf",
    "Na fedraf", "Na wnaf", "Wna i ddim", "Na chaf", "Cha i ddim", "Dim diolch",
    "Na, dim diolch", "Na diolch", "Nadw", "Sa i'n moyn", "Dw i ddim isio",
    "Nac ydw; dw i'n gyfreithiwr.", "NA",
]
ENGLISH_YES = [
    "yes", "Yes!", "YES please", "yes ok", "Aye", "ya", "yep", "Yeah go on", "definitely",
    "why not", "go on then", "sure", "of course", "ok thank you", "I would like that",
    "Yes, but keep it short", "yesss", "👍", "👍🏽",
]
ENGLISH_NO = [
    "no", "NO!", "nope", "nah", "not really", "no ta", "no way", "Nah thanks",
    "no thank you", "No, thank you.", "I'd rather not", "i dont think so", "👎", "NOOO",
]
UNCLEAR = [
    "Helo", "Parks", "thank you", "Diolch", "maybe", "efallai", "yes no", "Do more for buses",
    "No buses after 6pm", "1", "LL11", "", "🤷", "Ydych chi?" * 40,
]
# fmt: on


@pytest.mark.parametrize("text", WELSH_YES + ENGLISH_YES)
def test_yes(text: str) -> None:
    assert read(text).verdict is Verdict.YES


@pytest.mark.parametrize("text", WELSH_NO + ENGLISH_NO)
def test_no(text: str) -> None:
    assert read(text).verdict is Verdict.NO


@pytest.mark.parametrize("text", UNCLEAR)
def test_neither_yes_nor_no(text: str) -> None:
    assert read(text).verdict is Verdict.UNCLEAR


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ydw", "cy"),
        ("Na fydd", "cy"),
        ("Hoffwn", "cy"),
        ("yep", "en"),
        ("no ta", "en"),
        ("y", None),
        ("n", None),
        ("ok", None),
        ("na", None),
        ("Parks", None),
    ],
)
def test_language_a_reply_shows(text: str, language: str | None) -> None:
    assert language_of(text) == language


def test_garbled_yes_no_is_an_attempt_not_a_message() -> None:
    assert read("yes no").attempted
    assert not read("The buses are late").attempted
