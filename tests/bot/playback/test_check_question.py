"""The check question itself: one or two SMS in GSM-7, in English and Welsh, buttons elsewhere."""

from __future__ import annotations

import pytest

from bot.channels.sms.segments import encoding, segment_count
from bot.conversation.catalog import default_catalog
from storage.models import Channel
from usecases.playback.checks import MAX_SHOWN, check_reply

CATALOG = default_catalog()
# Long names on purpose: the question must still fit two texts.
LABELS = [
    {"theme_id": 1, "en": "Buses and public transport", "cy": "Bysiau a thrafnidiaeth gyhoeddus"},
    {"theme_id": 2, "en": "Housing repairs and damp", "cy": "Atgyweirio tai a lleithder"},
    {"theme_id": 3, "en": "Parks and green spaces", "cy": "Parciau a mannau gwyrdd"},
]


@pytest.mark.parametrize("language", ["en", "cy"])
def test_three_long_themes_fit_two_texts_in_gsm7(language: str) -> None:
    reply = check_reply(CATALOG, LABELS, [1, 2, 3], language, Channel.SMS)
    assert segment_count(reply.text) <= 2 and encoding(reply.text) == "GSM-7"
    assert "1 " in reply.text and "3 " in reply.text  # numbered: "no 2" answers for one
    assert "STOP" in reply.text


def test_buttons_where_the_channel_has_them_and_no_stop_line() -> None:
    reply = check_reply(CATALOG, LABELS, [2], "cy", Channel.TELEGRAM, round_id=7)
    assert "Atgyweirio tai a lleithder" in reply.text and "STOP" not in reply.text
    assert [(o.value, o.label) for o in reply.options] == [
        ("pc-7-a", "Ydy"),
        ("pc-7-p", "Yn rhannol"),
        ("pc-7-n", "Nid dyna oedd gen i"),
    ]


def test_positions_never_shown_are_left_out() -> None:
    reply = check_reply(CATALOG, LABELS, [2, 9, 0], "en", Channel.SMS)
    assert "under: Housing repairs and damp." in reply.text
    assert MAX_SHOWN == 3
