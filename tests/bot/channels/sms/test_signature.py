"""The URL a Twilio signature is checked against."""

from __future__ import annotations

from bot.channels.sms.signature import public_url


def test_the_signed_url_under_a_proxy_prefix_holds_the_prefix_once() -> None:
    """uvicorn puts --root-path into the ASGI path itself; Twilio signed the full URL."""
    scope = {"path": "/wm/sms/twilio", "root_path": "/wm", "query_string": b"a=1"}
    assert public_url("https://consult.example.gov.uk/", scope) == (
        "https://consult.example.gov.uk/wm/sms/twilio?a=1"
    )
