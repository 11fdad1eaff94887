"""A webhook path as a plain ASGI route: matched by one string comparison, no FastAPI.

The Twilio webhook is the hottest path of the service and needs nothing of
FastAPI's request handling (no dependencies, no body model, no response model):
it reads a small urlencoded body, checks a signature and answers TwiML. Served
as an ``APIRoute`` it paid for route matching across the app, dependency
solving, a ``Request`` and a ``Response`` object per call (bench/RESULTS.md,
"issue 18, h-webhook"). This route sits in the same router, inside the same
middleware (request id, metrics, log line, security headers, the database-down
503 handler, the 500 handler), and answers a wrong method with the same 405.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

# Starlette's own (private) helper, so that under a root_path (a proxy's prefix) this route
# matches the same path its other routes would; the lock file pins the version it comes from.
from starlette._utils import get_route_path
from starlette.datastructures import URLPath
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect
from starlette.routing import BaseRoute, Match, NoMatchFound
from starlette.types import Receive, Scope, Send


@dataclass(frozen=True, slots=True)
class Answer:
    """A complete response: status, body and its media type (None for no body)."""

    status: int
    body: bytes = b""
    media_type: str | None = None


class WebhookCall:
    """The parts of one request a webhook handler reads, straight from the ASGI scope."""

    __slots__ = ("scope", "receive", "_headers")

    def __init__(self, scope: Scope, receive: Receive) -> None:
        self.scope = scope
        self.receive = receive
        self._headers: dict[bytes, str] | None = None

    def header(self, name: bytes) -> str | None:
        """The first value of a lower-case header name, as Starlette's ``Headers.get``."""
        if self._headers is None:
            found: dict[bytes, str] = {}
            for key, value in self.scope.get("headers") or ():
                if key not in found:
                    found[key] = value.decode("latin-1")
            self._headers = found
        return self._headers.get(name)

    @property
    def client_host(self) -> str:
        client = self.scope.get("client")
        return str(client[0]) if client else "?"

    @property
    def state(self) -> Any:
        """The application's ``state`` (the services container, the spool)."""
        return self.scope["app"].state


Handler = Callable[[WebhookCall], Awaitable[Answer]]


class WebhookRoute(BaseRoute):
    """POST to exactly `path` runs `handler`; any other method gets 405 with ``Allow: POST``."""

    methods = frozenset({"POST"})

    def __init__(self, path: str, handler: Handler, *, name: str) -> None:
        self.path = path
        self.name = name
        self.handler = handler

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] != "http" or get_route_path(scope) != self.path:
            return Match.NONE, {}
        child = {"route": self, "endpoint": self.handler, "path_params": {}}
        return (Match.FULL if scope["method"] == "POST" else Match.PARTIAL), child

    def url_path_for(self, name: str, /, **path_params: Any) -> URLPath:
        if name != self.name or path_params:
            raise NoMatchFound(name, path_params)
        return URLPath(path=self.path, protocol="http")

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["method"] != "POST":
            # As Starlette's Route: the app's exception handler writes the 405.
            raise HTTPException(status_code=405, headers={"Allow": "POST"})
        try:
            answer = await self.handler(WebhookCall(scope, receive))
        except ClientDisconnect:
            return  # the caller hung up mid-body: nothing was read, nobody to answer
        await send_answer(send, answer)


async def send_answer(send: Send, answer: Answer) -> None:
    """Send `answer` with the headers Starlette's ``Response`` would have written."""
    headers: list[tuple[bytes, bytes]] = []
    if answer.status not in (204, 304) and answer.status >= 200:
        headers.append((b"content-length", str(len(answer.body)).encode("latin-1")))
    if answer.media_type is not None:
        media_type = answer.media_type
        if media_type.startswith("text/") and "charset=" not in media_type.lower():
            media_type += "; charset=utf-8"
        headers.append((b"content-type", media_type.encode("latin-1")))
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body})
