"""Reading replies to "which matters most to you?" in English and Welsh."""

from __future__ import annotations

import pytest

from bot.playback.parse import MAX_VOTE_TEXT, ReplyKind, parse_playback_reply

LABELS = [("Buses", "Bysiau"), ("Housing repairs", "Atgyweirio tai"), ("Parks", "Parciau")]


@pytest.mark.parametrize(
    ("text", "positions"),
    [
        ("2", (2,)),
        (" 2. ", (2,)),
        ("2 and 3", (2, 3)),
        ("2,3", (2, 3)),
        ("2 a 3", (2, 3)),
        ("3 2 2", (2, 3)),
        ("buses", (1,)),
        ("BYSIAU!", (1,)),
        ("housing repairs and parks", (2, 3)),
        ("Atgyweirio tai", (2,)),
        ("number 1 please", (1,)),
        ("rhif 3", (3,)),
    ],
)
def test_votes(text: str, positions: tuple[int, ...]) -> None:
    parsed = parse_playback_reply(text, 3, LABELS)
    assert parsed.kind is ReplyKind.VOTE
    assert parsed.positions == positions
    assert parsed.free_text == ""


@pytest.mark.parametrize("text", ["12", "0", "4", "-1", "99999999999"])
def test_numbers_we_did_not_offer_ask_again(text: str) -> None:
    assert parse_playback_reply(text, 3, LABELS).kind is ReplyKind.OUT_OF_RANGE


def test_a_vote_with_something_new_keeps_both() -> None:
    parsed = parse_playback_reply("2 but also parking", 3, LABELS)
    assert parsed.kind is ReplyKind.VOTE_AND_TEXT
    assert parsed.positions == (2,)
    assert parsed.free_text == "2 but also parking"


@pytest.mark.parametrize(
    "text",
    ["You missed litter on the high street", "Mae sbwriel yn broblem", "buses every 15 minutes"],
)
def test_free_text_is_what_we_missed(text: str) -> None:
    parsed = parse_playback_reply(text, 3, LABELS)
    assert parsed.kind is ReplyKind.TEXT
    assert parsed.positions == ()
    assert parsed.free_text == text


def test_oversized_reply_is_kept_whole_as_text() -> None:
    text = "2 " + "the buses are late " * 100
    parsed = parse_playback_reply(text, 3, LABELS)
    assert len(text) > MAX_VOTE_TEXT
    assert parsed.kind is ReplyKind.TEXT and parsed.free_text == " ".join(text.split())


@pytest.mark.parametrize("text", ["", "   ", "ok", "🙂", "diolch"])
def test_nothing_to_count_or_keep(text: str) -> None:
    assert parse_playback_reply(text, 3, LABELS).kind is ReplyKind.EMPTY


def test_hostile_label_text_is_matched_literally() -> None:
    labels = [("a.*b", "(x"), ("Parks", "Parciau")]
    assert parse_playback_reply("anything but", 2, labels).kind is ReplyKind.TEXT
    assert parse_playback_reply("a.*b", 2, labels).positions == (1,)
