"""A channel that exists only in the tests: the whole of it is this folder.

It proves the channel contract (bot/channels/contract.py): one folder exporting a
`ChannelType`, plus one line in a registry, and the web app, the metrics, the
console's links and playback delivery all know it. Residents post JSON
({"from", "text", "id"}) and get the replies back as JSON; sending records.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from bot.conversation.messages import InboundMessage, Reply
from storage.models import Channel, utcnow
from usecases.delivery.sender import Outcome, SendResult, TokenBucket

NAME = "echo"
PATH = "/echo/inbound"
MAX_BODY = 4096


class EchoSender:
    """Records what it sends; an address starting "blocked" has left the channel."""

    serves: frozenset[str] = frozenset({NAME})

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def deliver(self, channel: Channel, address: str, reply: Reply) -> SendResult:
        if address.startswith("blocked"):
            return SendResult(outcome=Outcome.OPTED_OUT, attempts=1, error="left the channel")
        self.sent.append((address, reply.text))
        return SendResult(outcome=Outcome.SENT, attempts=1, sid=f"echo:{len(self.sent)}")

    def close(self) -> None:
        return None


def _refuse(status: int, problem: str) -> JSONResponse:
    return JSONResponse({"error": problem}, status_code=status)


def _router(services: Any) -> APIRouter:
    router = APIRouter()

    @router.post(PATH)
    async def inbound(request: Request) -> JSONResponse:
        body = await request.body()
        if len(body) > MAX_BODY:
            return _refuse(413, "too large")
        try:
            data = json.loads(body)
        except ValueError:
            return _refuse(400, "not JSON")
        fields = ("from", "text", "id")
        if not isinstance(data, dict) or not all(isinstance(data.get(f), str) for f in fields):
            return _refuse(400, "from, text and id are required strings")
        message = InboundMessage(
            channel=NAME,  # type: ignore[arg-type]  # a channel the enum does not list
            address=data["from"],
            text=data["text"],
            provider_message_id=f"echo:{data['id']}",
            received_at=utcnow(),
        )
        replies = await run_in_threadpool(services.conversation.handle_inbound, message)
        return JSONResponse({"replies": [reply.text for reply in replies]})

    return router


class EchoChannel:
    name = NAME
    serves: frozenset[str] = frozenset({NAME})
    plain_text = False
    always_on = False
    webhook_paths: Mapping[str, str] = {PATH: NAME}

    def __init__(self) -> None:
        self.outbox = EchoSender()

    def enabled(self, settings: Any) -> bool:
        return True

    def announce(self, settings: Any) -> str | None:
        return None

    def receive(self, app: FastAPI, services: Any) -> None:
        app.include_router(_router(services))

    def sender(
        self,
        settings: Any,
        *,
        bucket: TokenBucket,
        make_http_client: Callable[[], Any] | None = None,
    ) -> EchoSender:
        return self.outbox

    def links(self, settings: Any, slug: str) -> dict[str, str]:
        return {NAME: f"{settings.public_base_url.rstrip('/')}/echo?consultation={slug}"}


CHANNEL = EchoChannel()
