"""The SMS webhook served by a real uvicorn on loopback, as in production."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from app.settings import Settings
from app.web import create_app
from storage.models import Answer
from tests.bot.channels.sms.twilio_requests import messages, signed_request, sms_fields
from tests.uvicorn_thread import uvicorn_on_a_thread


@pytest.fixture
def served(twilio_settings: Settings) -> Iterator[str]:
    with uvicorn_on_a_thread(
        create_app(twilio_settings), lifespan="on", proxy_headers=True
    ) as port:
        yield f"http://127.0.0.1:{port}"


def test_a_conversation_over_real_http(served: str, engine: Engine, consultation: str) -> None:
    with httpx.Client(base_url=served, timeout=30) as client:

        def say(text: str, sid: str | None = None) -> httpx.Response:
            target, body, headers = signed_request("/sms/twilio", sms_fields(text, sid=sid))
            return client.post(target, content=body, headers=headers)

        greeting = say("MATTERS")
        assert greeting.status_code == 200
        assert any("What matters to you" in m for m in messages(greeting.text))
        assert say("yes").status_code == 200
        answer = say("More bins in the park", sid="SM" + "a" * 32)
        retry = say("More bins in the park", sid="SM" + "a" * 32)
        assert answer.text == retry.text
        # Unsigned over the wire: refused.
        refused = client.post(
            "/sms/twilio",
            content=b"Body=hi&From=%2B447911123456&MessageSid=SM1",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert refused.status_code == 403
    with Session(engine) as session:
        assert [a.text for a in session.exec(select(Answer))] == ["More bins in the park"]
