"""Reading replies to "did we hear you right?": verdicts, which themes, and the resident's words."""

from __future__ import annotations

import pytest

from bot.playback.agreement import parse_agreement
from storage.models.playback import Verdict

A, P, N = Verdict.AGREE, Verdict.PARTLY, Verdict.DISAGREE


@pytest.mark.parametrize(
    ("reply", "verdicts", "words"),
    [
        ("YES", {1: A, 2: A}, ""),
        ("Yes!", {1: A, 2: A}, ""),
        ("y", {1: A, 2: A}, ""),
        ("👍", {1: A, 2: A}, ""),
        ("Partly", {1: P, 2: P}, ""),
        ("sort of, it is more the fares", {1: P, 2: P}, "it is more the fares"),
        ("Yes but also parking", {1: P, 2: P}, "also parking"),
        ("not what I meant", {1: N, 2: N}, ""),
        ("No, I meant the bus times", {1: N, 2: N}, "I meant the bus times"),
        ("no 2", {2: N}, ""),
        ("2 no", {2: N}, ""),
        ("yes to 1, no to 2", {1: A, 2: N}, ""),
        ("1 yes 2 no", {1: A, 2: N}, ""),
        # Welsh, whatever language the question was in.
        ("Ie", {1: A, 2: A}, ""),
        ("Do", {1: A, 2: A}, ""),
        ("Ydy", {1: A, 2: A}, ""),
        ("Naddo", {1: N, 2: N}, ""),
        ("Nac ydy", {1: N, 2: N}, ""),
        ("yn rhannol", {1: P, 2: P}, ""),
        ("Naddo, y llyfrgell", {1: N, 2: N}, "y llyfrgell"),
        ("1 ie 2 na", {1: A, 2: N}, ""),
    ],
)
def test_verdicts_per_theme_and_own_words(
    reply: str, verdicts: dict[int, Verdict], words: str
) -> None:
    parsed = parse_agreement(reply, 2)
    assert parsed.by_position(2) == verdicts
    assert parsed.words == words


@pytest.mark.parametrize(
    "reply",
    [
        # Sentences that only look like verdicts: Welsh "y" is "the", "do" opens a request.
        "Y llyfrgell",
        "do more for buses",
        "the library",
        "maybe",
        "efallai",
        "",
        "   ",
        "thanks",
    ],
)
def test_no_verdict_is_not_guessed(reply: str) -> None:
    parsed = parse_agreement(reply, 2)
    assert parsed.by_position(2) == {}


def test_numbers_never_shown_and_numbers_inside_the_words() -> None:
    assert parse_agreement("no 7", 2).out_of_range
    # "15" belongs to the sentence after the verdict, not to the themes.
    parsed = parse_agreement("no, buses every 15 minutes", 2)
    assert parsed.by_position(2) == {1: N, 2: N} and parsed.words == "buses every 15 minutes"


def test_a_long_or_hostile_reply_keeps_every_word() -> None:
    words = "<b>fares</b> " * 2000
    parsed = parse_agreement(f"no, {words}", 1)
    assert parsed.verdict is N and parsed.words == words.strip()
    assert parse_agreement("\x00\u202e no", 1).verdict is N
