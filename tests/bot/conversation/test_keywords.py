"""Whole-message keywords: case, accents, punctuation and emoji ignored; sentences never match."""

from __future__ import annotations

import pytest

from bot.conversation.keywords import (
    MAX_TEXT,
    Command,
    clean_text,
    command_of,
    is_skip,
    keyword_key,
)
from bot.conversation.steps import is_rich
from bot.conversation.yes_no import read


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("STOP", Command.STOP),
        ("stop", Command.STOP),
        ("  Stop!!  ", Command.STOP),
        ("stop 🛑", Command.STOP),
        ("S.T.O.P", Command.STOP),
        ("Stop all", Command.STOP),
        ("UNSUBSCRIBE", Command.STOP),
        ("Dad-danysgrifio", Command.STOP),
        ("stopio", Command.STOP),
        ("start", Command.START),
        ("Dechrau", Command.START),
        ("help?", Command.HELP),
        ("Cymorth", Command.HELP),
        ("DELETE", Command.DELETE),
        ("dileu", Command.DELETE),
        ("DILËU", Command.DELETE),
        ("Cymraeg", Command.WELSH),
        ("WELSH", Command.WELSH),
        ("english", Command.ENGLISH),
        ("Saesneg", Command.ENGLISH),
    ],
)
def test_whole_message_keywords_in_both_languages(text: str, command: Command) -> None:
    assert command_of(keyword_key(text)) is command


@pytest.mark.parametrize(
    "text",
    [
        "I want to stop the bus cuts",
        "Please help with the potholes",
        "Delete the new car park plans",
        "Stop the closure of the library!",
        "The end of the line needs a shelter",
        "welsh language signs",
        "x" * 200 + " stop",
    ],
)
def test_keywords_inside_a_sentence_are_not_commands(text: str) -> None:
    assert command_of(keyword_key(text)) is None


@pytest.mark.parametrize("text", ["yes", "Y", "ok", "Ie", "iawn", "Do", "ydw", "Cytuno", "YES!"])
def test_yes_words(text: str) -> None:
    assert read(text).yes


@pytest.mark.parametrize("text", ["no", "N", "Na", "Nac ydw", "dim", "no thanks", "Na, diolch"])
def test_no_words(text: str) -> None:
    assert read(text).no


@pytest.mark.parametrize(
    "text", ["skip", "Prefer not to say", "hepgor", "Gwell gen i beidio", "Gwell gen i beidio."]
)
def test_skip_words(text: str) -> None:
    assert is_skip(keyword_key(text), text)


def test_clean_text_strips_controls_keeps_newlines_and_caps_size() -> None:
    assert clean_text("\x00 a\x07b\r\nc\x1b\x7f\u0085 ") == "ab\nc"
    assert len(clean_text("y" * (MAX_TEXT + 50))) == MAX_TEXT


@pytest.mark.parametrize(
    ("text", "rich"),
    [
        ("Buses", False),
        ("Better buses please", False),
        ("I need the bus to get to work because I do not drive", False),
        (
            "The buses are always late, and I can't get to work because there is no other way",
            True,
        ),
        (" ".join(["word"] * 25), True),
        (
            "Mae'r bysiau'n hwyr bob dydd ac rydw i'n methu cyrraedd y gwaith achos does dim car",
            True,
        ),
    ],
)
def test_rich_answer_rule(text: str, rich: bool) -> None:
    assert is_rich(text) is rich
