"""The request-text policy (:mod:`storage.input_policy`) applied to every request at the edge.

A pure ASGI middleware, so it sees the bytes before any route or form parser:

- the path (as decoded), the query string, form bodies and JSON bodies must be valid UTF-8
  without NUL, lone surrogates or control characters, and JSON numbers must be finite
  (``1e999`` is infinity, which no JSON response can echo back) -> 400 with the reason;
- other non-multipart bodies must at least be UTF-8 (a ``\\xff\\xfe`` body sent as
  text/plain made the JSON decoder guess UTF-16 and raise) -> 400.

Multipart bodies (CSV uploads) pass through: their text fields are checked by the
console's form check and the file by the importer. Webhook paths pass through too:
a provider's message is never refused for its characters (the provider would
retry it for ever or drop it); the channel cleans it instead (``clean_text``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storage.input_policy import unsafe_in, unsafe_reason

# Forms and JSON here are small; uploads are multipart and not buffered.
MAX_CHECKED_BODY = 2 * 1024 * 1024


class _Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(400, f"the number {text[:40]} is too large")
    return value


def _no_constant(name: str) -> Any:
    raise _Refused(400, f"{name} is not a JSON number")


def _check_pairs(text: str, where: str) -> None:
    try:
        pairs = parse_qsl(text, keep_blank_values=True, encoding="utf-8", errors="strict")
    except UnicodeDecodeError:
        raise _Refused(400, f"the {where} is not valid UTF-8") from None
    except ValueError as error:
        raise _Refused(400, f"the {where} is malformed: {error}") from None
    for name, value in pairs:
        reason = unsafe_reason(name) or unsafe_reason(value)
        if reason:
            raise _Refused(400, f"the {where} field {name[:40]!r} {reason}")


def check_body(content_type: str, body: bytes) -> None:
    """Raise _Refused when a non-multipart body breaks the policy."""
    if not body:
        return
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise _Refused(400, "the request body is not valid UTF-8") from None
    media = content_type.partition(";")[0].strip().lower()
    if media == "application/x-www-form-urlencoded":
        _check_pairs(text, "form")
    elif media == "application/json" or media.endswith("+json"):
        try:
            value = json.loads(text, parse_float=_finite, parse_constant=_no_constant)
        except json.JSONDecodeError:
            return  # the route's own parser answers 422 with the position
        found = unsafe_in(value)
        if found:
            raise _Refused(400, found)
    else:
        reason = unsafe_reason(text)
        if reason:
            raise _Refused(400, f"the request body {reason}")


class RequestTextPolicy:
    """Refuse, with a 400 that says why, requests whose text the store could not hold."""

    def __init__(self, app: ASGIApp, *, exempt_prefixes: Iterable[str] = ()) -> None:
        self.app = app
        self.exempt = tuple(exempt_prefixes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope["path"]).startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        try:
            # The decoded path too: "/chat/a%00b" reaches a route as "a\x00b", which
            # PostgreSQL refuses in a query's parameter (a 500, found by the fuzz test).
            reason = unsafe_reason(str(scope["path"]))
            if reason:
                raise _Refused(400, f"the address {reason}")
            query = bytes(scope.get("query_string", b"")).decode("latin-1")
            _check_pairs(query, "query string")
            headers = dict(scope.get("headers") or [])
            content_type = headers.get(b"content-type", b"").decode("latin-1")
            if content_type.lower().startswith("multipart/") or scope["method"] in ("GET", "HEAD"):
                await self.app(scope, receive, send)
                return
            body, more = await _read(receive)
            if more:
                raise _Refused(413, f"the request body is over {MAX_CHECKED_BODY} bytes")
            check_body(content_type, body)
        except _Refused as refused:
            await _refuse(send, refused)
            return
        await self.app(scope, _replay(body, receive), send)


async def _read(receive: Receive) -> tuple[bytes, bool]:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return b"".join(chunks), False
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_CHECKED_BODY:
            return b"", True
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks), False


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _refuse(send: Send, refused: _Refused) -> None:
    body = json.dumps({"detail": refused.reason}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": refused.status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
