"""Deep links, QR codes for posters, and inline keyboards built from engine replies."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
import segno

from bot.channels.telegram.keyboards import options_keyboard, parse_option, reply_keyboard
from bot.channels.telegram.links import DeepLinkError, deep_link, parse_start_code
from bot.channels.telegram.qr import consultation_qr, qr_code
from bot.conversation.messages import Reply, ReplyOption


def test_deep_link_opens_the_bot_on_the_consultation() -> None:
    assert deep_link("WhatMattersBot", "what-matters") == (
        "https://t.me/WhatMattersBot?start=what-matters"
    )
    assert deep_link("@WhatMattersBot", "Bus_2026") == "https://t.me/WhatMattersBot?start=Bus_2026"


@pytest.mark.parametrize(
    "slug", ["", "bus routes", "bws/llwybrau", "caffi-café", "a" * 65, "x?start=evil"]
)
def test_slugs_telegram_cannot_carry_are_refused_with_the_rule(slug: str) -> None:
    with pytest.raises(DeepLinkError, match="A-Z, a-z, 0-9"):
        deep_link("WhatMattersBot", slug)


@pytest.mark.parametrize("username", ["", "ab", "bad name", "9starts_with_digit", "a" * 40])
def test_impossible_bot_usernames_are_refused(username: str) -> None:
    with pytest.raises(DeepLinkError, match="username"):
        deep_link(username, "what-matters")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (None, None),
        ("", None),
        ("what-matters", "what-matters"),
        ("  what-matters ", "what-matters"),
        ("a" * 64, "a" * 64),
        ("a" * 65, None),
        ("two words", None),
        ("<script>", None),
        ("ünïcode", None),
    ],
)
def test_start_codes_from_telegram_are_validated(args: str | None, code: str | None) -> None:
    assert parse_start_code(args) == code


def test_qr_codes_are_real_svg_and_png_encoding_the_link() -> None:
    url = deep_link("WhatMattersBot", "what-matters")
    svg = consultation_qr("WhatMattersBot", "what-matters")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}title").text == url  # type: ignore[union-attr]
    png = qr_code(url, kind="png", scale=4)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    # Same symbol as an independent encode at the poster's error correction.
    expected = segno.make(url, error="q", micro=False)
    width = (expected.symbol_size(scale=8, border=4))[0]
    assert root.get("width") == str(width)


def test_qr_refuses_a_slug_that_cannot_be_linked() -> None:
    with pytest.raises(DeepLinkError):
        consultation_qr("WhatMattersBot", "bus routes")
    with pytest.raises(ValueError, match="scale"):
        qr_code("https://t.me/x", scale=0)


def _rows(options: list[ReplyOption]) -> list[list[tuple[str, str | None]]]:
    markup = options_keyboard(options)
    assert markup is not None
    return [[(b.text, b.callback_data) for b in row] for row in markup.inline_keyboard]


def test_short_options_sit_two_a_row_long_ones_one_a_row() -> None:
    yes_no = [ReplyOption("YES", "Yes"), ReplyOption("NO", "No")]
    assert _rows(yes_no) == [[("Yes", "opt:YES"), ("No", "opt:NO")]]
    long_labels = [ReplyOption("1", "Mae'n well gen i beidio â dweud"), ReplyOption("SKIP", "Skip")]
    assert _rows(long_labels) == [
        [("Mae'n well gen i beidio â dweud", "opt:1")],
        [("Skip", "opt:SKIP")],
    ]


def test_no_options_means_no_keyboard() -> None:
    assert reply_keyboard(Reply(text="What really matters to you?", key="ask-open")) is None


def test_an_option_that_cannot_be_a_button_drops_the_whole_keyboard() -> None:
    # 64 bytes is Telegram's limit for callback data; ':' is the separator.
    for bad in ("v" * 70, "a:b"):
        assert options_keyboard([ReplyOption("YES", "Yes"), ReplyOption(bad, "Other")]) is None


def test_button_data_round_trips_and_foreign_data_is_rejected() -> None:
    markup = options_keyboard([ReplyOption("65-plus", "65 or over")])
    assert markup is not None
    data = markup.inline_keyboard[0][0].callback_data
    assert parse_option(data) == "65-plus"
    for foreign in (None, "", "YES", "opt", "other:YES", "opt:a:b"):
        assert parse_option(foreign) is None
    # What Telegram receives is JSON it accepts: every button has text and data.
    wire = json.loads(markup.model_dump_json(exclude_none=True))
    assert wire == {"inline_keyboard": [[{"text": "65 or over", "callback_data": "opt:65-plus"}]]}
