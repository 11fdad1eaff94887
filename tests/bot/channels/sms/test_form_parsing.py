"""The webhook's own urlencoded parser reads every body as strict ``parse_qsl`` does."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.sms.forms import MAX_FIELDS, strict_pairs
from tests.bot.channels.sms.twilio_requests import sms_fields

# Pieces that exercise every branch: separators, plus signs, escapes valid and
# not (a lone %, %zz, half of a UTF-8 sequence, an overlong one), plain text.
PIECES = st.sampled_from(
    ["&", "=", "+", "%", "%2", "%20", "%2B", "%26", "%3D", "%zz", "%C3", "%A9", "%C3%A9",
     "%E2%80%99", "%F0%9F%98%80", "%C0%AF", "%FF", "a", "Body", "x y", ";", "é", ""]
)  # fmt: skip


def reference(text: str) -> list[tuple[str, str]]:
    return parse_qsl(
        text,
        keep_blank_values=True,
        strict_parsing=bool(text),
        encoding="utf-8",
        errors="strict",
        max_num_fields=MAX_FIELDS,
    )


def outcome(parse: object, text: str) -> object:
    assert callable(parse)
    try:
        return parse(text)
    except ValueError as error:  # UnicodeDecodeError included
        return (type(error), str(error))


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=24).map("".join))
def test_any_body_parses_or_fails_exactly_as_parse_qsl(text: str) -> None:
    assert outcome(strict_pairs, text) == outcome(reference, text)


@pytest.mark.parametrize(
    "text",
    [
        urlencode(sms_fields("Mae'r bws yn hwyr & the 7:15 is *always* late 😀 100% + more")),
        "&" * (MAX_FIELDS - 1),
        "a=" + "&a=" * (MAX_FIELDS - 1),
        "a=" + "&a=" * MAX_FIELDS,
        "",
    ],
)
def test_real_and_limit_bodies_parse_exactly_as_parse_qsl(text: str) -> None:
    assert outcome(strict_pairs, text) == outcome(reference, text)
