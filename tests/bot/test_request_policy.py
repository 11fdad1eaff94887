"""Hostile text and numbers at the public edges: a clear 4xx, never a 500, nothing stored wrong.

Each case here was a 500 found by a fuzzer against the running service (issue 16):
NUL bytes, lone surrogates, infinite numbers, undecodable bodies and ids past 2^63.
"""

from __future__ import annotations

import json

import httpx
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from bot.demo import seed_demo
from storage.models import Answer

SIMULATOR_API = "/simulator/api/messages"


@pytest.fixture
def demo(engine: Engine) -> None:
    seed_demo(engine)


async def test_simulator_api_refuses_unstorable_text_with_a_reason(
    client: httpx.AsyncClient, engine: Engine, demo: None
) -> None:
    cases: list[tuple[bytes, str]] = [
        (b'{"text": "\\ud800", "message_id": "abcdefgh1"}', "application/json"),
        (b'{"text": "a\\u0000b", "message_id": "abcdefgh2"}', "application/json"),
        (b'{"text": 1e999, "message_id": "abcdefgh3"}', "application/json"),
        (b'{"text": NaN, "message_id": "abcdefgh4"}', "application/json"),
        (b"\xff\xfe{\x00}", "text/plain"),
        (b"\xff\xfe{\x00}", "application/json"),
    ]
    for body, content_type in cases:
        response = await client.post(
            SIMULATOR_API, content=body, headers={"content-type": content_type}
        )
        assert response.status_code == 400, (body, response.text)
        assert response.json()["detail"]
    with Session(engine) as session:
        assert session.exec(select(Answer)).all() == []
    # The connection is still usable: a good message goes through after the bad ones.
    good = await client.post(SIMULATOR_API, json={"text": "MATTERS", "message_id": "abcdefgh9"})
    assert good.status_code == 200 and good.json()["replies"]


async def test_simulator_page_survives_a_tampered_transcript(
    client: httpx.AsyncClient, demo: None
) -> None:
    hostile = [
        json.dumps([{"who": "me", "text": "x", "options": None}]),
        json.dumps([{"who": "bot", "text": "\ud800", "options": [{"value": "\ud800"}]}]),
        json.dumps([{"who": "me", "text": "x", "options": "abc", "sms": {"text": None}}]),
    ]
    for transcript in hostile:
        response = await client.post(
            "/simulator",
            data={"text": "MATTERS", "message_id": "m" * 12, "transcript": transcript},
        )
        assert response.status_code == 200, response.text
        assert "\ud800" not in response.text


async def test_simulator_form_refuses_nul_and_bad_utf8(client: httpx.AsyncClient) -> None:
    for body in (b"text=a%00b&message_id=mmmmmmmmmm", b"text=%ED%A0%80&message_id=mmmmmmmmmm"):
        response = await client.post(
            "/simulator",
            content=body,
            headers={"content-type": "application/x-www-form-urlencoded"},
        )
        assert response.status_code == 400, response.text


async def test_console_sign_in_with_a_nul_is_a_400_on_every_database(
    client: httpx.AsyncClient,
) -> None:
    page = await client.get("/console/login")
    token = page.text.split('name="csrf_token" value="')[1].split('"')[0]
    response = await client.post(
        "/console/login",
        data={"email": "a\x00@council.example", "password": "x\x00y", "csrf_token": token},
    )
    assert response.status_code == 400
    assert "NUL" in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/console/consultations/9223372036854775808",
        "/console/consultations/99999999999999999999999/themes/1",
        "/workshop/9223372036854775808",
    ],
)
async def test_ids_past_two_to_the_63_are_not_found_not_a_crash(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path, follow_redirects=False)
    assert response.status_code in (303, 404)  # not signed in -> sign-in page; never 500


async def test_api_page_cursor_past_two_to_the_63_is_a_422(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/api/v1/consultations/1/answers?after_id=9223372036854775808",
        headers={"authorization": "Bearer nonsense"},
    )
    assert response.status_code in (401, 422)


async def test_query_strings_with_nul_are_refused(client: httpx.AsyncClient) -> None:
    response = await client.get("/simulator?consultation=%00")
    assert response.status_code == 400


async def test_paths_with_nul_are_refused_on_every_database(client: httpx.AsyncClient) -> None:
    """A NUL in a path parameter reached PostgreSQL as a query value and gave a 500."""
    response = await client.get("/chat/a%00b")
    assert response.status_code == 400
    assert "NUL" in response.text
    assert (await client.get("/chat/NOSUCH")).status_code == 404
