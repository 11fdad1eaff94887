"""Hostile requests for every route of the real app, generated with hypothesis.

Used by tests/test_fuzz.py (bounded, in the suite) and bench/fuzz.py (longer,
counts per route). Every route of the app is enumerated, so a new route is
fuzzed without anyone listing it: path parameters, query strings, form fields
(the route's own names and id-shaped extras), JSON bodies, correctly signed
Twilio webhooks and Telegram updates with the right secret. The one property:
no response is a 5xx.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI
from fastapi.routing import APIRoute
from hypothesis import strategies as st
from starlette.routing import BaseRoute
from starlette.testclient import TestClient

from tests.bot.channels.sms.twilio_requests import sign, sms_fields, status_fields

TELEGRAM_SECRET = "fuzz-secret-token"
SPECIAL = [
    "",
    "0",
    "1",
    "-1",
    "\x00",
    "a\x00b",
    "\ud800",
    "\udfff x",
    "\u00b2",
    "\u0661\u0662",
    "9" * 30,
    str(2**63),
    str(2**63 - 1),
    str(2**31),
    str(2**31 - 1),
    "1e999",
    "NaN",
    "%00",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "\x1b[31m",
    "\u202e",
    "x" * 5000,
]
hostile_text = st.one_of(st.sampled_from(SPECIAL), st.text(max_size=60))
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | hostile_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(hostile_text, inner, max_size=4),
    max_leaves=12,
)


@dataclass
class Tally:
    """Requests and 5xx answers per route."""

    requests: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def record(self, route: str, status: int, what: str) -> None:
        self.requests[route] += 1
        if status >= 500:
            self.errors[route] += 1
            self.examples.setdefault(route, what[:300])


def routes(app: FastAPI) -> list[tuple[str, APIRoute]]:
    """(method, route) for every GET/POST route of the app."""
    found: list[tuple[str, APIRoute]] = []

    def walk(items: list[BaseRoute]) -> None:
        for route in items:
            if isinstance(route, APIRoute):
                for method in sorted(route.methods or ()):
                    if method in ("GET", "POST"):
                        found.append((method, route))
            elif hasattr(route, "original_router"):
                walk(route.original_router.routes)

    walk(list(app.routes))
    return found


def _encode(value: str) -> str:
    return quote(value, safe="", errors="surrogatepass")


def _form(pairs: list[tuple[str, str]]) -> bytes:
    return urlencode(pairs, encoding="utf-8", errors="surrogatepass").encode("ascii")


@st.composite
def request_for(
    draw: st.DrawFn, method: str, route: APIRoute, known: dict[str, str], csrf: str
) -> tuple[str, str, dict[str, str], bytes]:
    """(method, url, headers, body) aimed at one route."""
    path = re.sub(
        r"\{(\w+)\}",
        lambda m: _encode(
            draw(st.one_of(st.just(known.get(m.group(1), "1")), hostile_text))
            if m.group(1) in known
            else draw(hostile_text) or "x"
        ),
        route.path,
    )
    query = draw(st.lists(st.tuples(hostile_text, hostile_text), max_size=3))
    url = path + ("?" + _form(query).decode() if query else "")
    if method == "GET":
        return method, url, {}, b""
    if route.path == "/sms/twilio" or route.path == "/sms/twilio/status":
        return _twilio(draw, route.path)
    if route.path == "/telegram/webhook":
        body = draw(json_values | st.builds(_telegram_update, hostile_text, st.integers()))
        headers = {
            "content-type": "application/json",
            "x-telegram-bot-api-secret-token": TELEGRAM_SECRET,
        }
        return method, url, headers, json.dumps(body).encode("utf-8", "surrogatepass")
    if draw(st.integers(0, 4)) == 0:
        raw = json.dumps(draw(json_values)).encode("utf-8", "surrogatepass")
        return method, url, {"content-type": "application/json"}, raw
    names = [p.alias for p in route.dependant.body_params] + [
        "answer_1",
        "code_1",
        "part1",
        "part2",
    ]
    pairs = [("csrf_token", csrf)] + [
        (name, draw(st.one_of(st.just(known.get(name, "1")), hostile_text)))
        for name in names
        if draw(st.booleans())
    ]
    pairs += draw(st.lists(st.tuples(hostile_text, hostile_text), max_size=2))
    headers = {"content-type": "application/x-www-form-urlencoded"}
    return method, url, headers, _form(pairs)


def _twilio(draw: st.DrawFn, path: str) -> tuple[str, str, dict[str, str], bytes]:
    if path.endswith("/status"):
        fields = status_fields("SM" + "a" * 32, "delivered")
    else:
        fields = sms_fields("MATTERS")
    fields = [(k, draw(st.one_of(st.just(v), hostile_text))) for k, v in fields]
    fields += draw(st.lists(st.tuples(hostile_text, hostile_text), max_size=2))
    url = "https://consult.example.gov.uk" + path
    try:
        signature = sign(url, fields)
    except UnicodeEncodeError:
        signature = "unsignable"
    headers = {"content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature}
    return "POST", path, headers, _form(fields)


def _telegram_update(text: str, number: int) -> dict[str, Any]:
    return {
        "update_id": number,
        "message": {
            "message_id": number,
            "date": 1,
            "chat": {"id": number, "type": "private"},
            "from": {"id": number, "is_bot": False, "first_name": text},
            "text": text,
        },
    }


def send(client: TestClient, request: tuple[str, str, dict[str, str], bytes]) -> int:
    method, url, headers, body = request
    response = client.request(method, url, headers=headers, content=body or None)
    return response.status_code
