"""`POST /telegram/webhook`: secret check, size limit, Update validation, Dispatcher.

Telegram calls this for every update once `whatmatters telegram set-webhook`
has registered it; the secret token given then comes back in the
`X-Telegram-Bot-Api-Secret-Token` header of each call.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Self

from aiogram import Bot, Dispatcher
from aiogram.types import Update
from aiogram.types.update import UpdateTypeLookupError
from fastapi import APIRouter, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from bot.channels.telegram.bot_factory import WEBHOOK_PATH, TelegramConfig
from bot.spool import STORE_DOWN, WebhookSpool

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass
class TelegramChannel:
    """The running Telegram channel: one Bot, one Dispatcher, their limits."""

    bot: Bot
    dispatcher: Dispatcher
    webhook_secret: str | None
    max_body_bytes: int

    @classmethod
    def from_config(cls, config: TelegramConfig, *, bot: Bot, dispatcher: Dispatcher) -> Self:
        return cls(
            bot=bot,
            dispatcher=dispatcher,
            webhook_secret=config.webhook_secret,
            max_body_bytes=config.max_body_bytes,
        )

    async def close(self) -> None:
        await self.bot.session.close()


def _refuse(status: int, reason: str, detail: str) -> JSONResponse:
    log.warning("telegram webhook refused (%d): %s", status, reason)
    return JSONResponse({"ok": False, "detail": detail}, status_code=status)


class _TooLarge(Exception):
    pass


async def _read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise _TooLarge
    # Count while streaming too: Content-Length can be absent (chunked) or lie.
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise _TooLarge
    return bytes(body)


def _secret_ok(given: str, expected: str) -> bool:
    # Bytes, not str: compare_digest refuses non-ASCII str, and a hostile
    # header (decoded as latin-1 by the server) must be a 403, not a crash.
    return secrets.compare_digest(given.encode("latin-1"), expected.encode("ascii"))


SPOOL_KIND = "telegram"


def spool_replayer(channel: TelegramChannel) -> Callable[[str, dict[str, Any]], Awaitable[None]]:
    """Feed a spooled update to the dispatcher (idempotent on the update id); replies are sent."""

    async def replay(_kind: str, data: dict[str, Any]) -> None:
        update = Update.model_validate(data, context={"bot": channel.bot})
        await channel.dispatcher.feed_update(channel.bot, update)

    return replay


def telegram_router(channel: TelegramChannel) -> APIRouter:
    """The webhook route bound to one running channel."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if channel.webhook_secret is None:
            log.error(
                "Telegram webhook refuses every call until TELEGRAM_WEBHOOK_SECRET is set "
                "(`whatmatters telegram poll` works without it)"
            )
        yield
        await channel.close()

    router = APIRouter(lifespan=lifespan)

    @router.post(WEBHOOK_PATH, include_in_schema=False)
    async def telegram_webhook(request: Request) -> JSONResponse:
        """Receive one Telegram update."""
        if channel.webhook_secret is None:
            return _refuse(403, "TELEGRAM_WEBHOOK_SECRET is not set", "webhook not configured")
        given = request.headers.get(SECRET_HEADER)
        if given is None:
            return _refuse(401, f"no {SECRET_HEADER} header", "secret token required")
        if not _secret_ok(given, channel.webhook_secret):
            return _refuse(403, f"wrong {SECRET_HEADER}", "wrong secret token")
        try:
            body = await _read_limited(request, channel.max_body_bytes)
        except _TooLarge:
            return _refuse(
                413,
                f"body over {channel.max_body_bytes} bytes",
                f"update larger than {channel.max_body_bytes} bytes",
            )
        try:
            data: Any = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            return _refuse(400, f"malformed JSON: {error}", "body is not valid JSON")
        except RecursionError:
            # "[[[[..." tens of thousands deep fits in the size limit.
            return _refuse(400, "JSON nested too deeply", "body is not valid JSON")
        if not isinstance(data, dict):
            return _refuse(400, "JSON body is not an object", "an Update must be a JSON object")
        try:
            update = Update.model_validate(data, context={"bot": channel.bot})
        except ValidationError as error:
            fields = ", ".join(
                ".".join(str(part) for part in problem["loc"]) or "(body)"
                for problem in error.errors()[:5]
            )
            return _refuse(400, f"invalid Update ({fields})", f"not a Telegram Update: {fields}")
        try:
            update.event_type  # noqa: B018 - raises for update kinds this aiogram predates
        except UpdateTypeLookupError:
            # Newer Bot API update kinds are not errors: acknowledge so
            # Telegram does not retry them forever.
            log.info("telegram update %d of an unknown kind ignored", update.update_id)
            return JSONResponse({"ok": True, "ignored": True})
        # Handled before answering: a failure becomes a 500 and Telegram
        # retries, and the update-id receipts make the retry safe.
        spool = getattr(request.app.state, "spool", None)
        if isinstance(spool, WebhookSpool) and spool.pending():
            # Earlier updates wait in the spool: this one queues behind them.
            await run_in_threadpool(spool.append, SPOOL_KIND, data)
            return JSONResponse({"ok": True, "spooled": True})
        try:
            await channel.dispatcher.feed_update(channel.bot, update)
        except STORE_DOWN:
            if not isinstance(spool, WebhookSpool):
                log.warning("telegram update %d: store down; Telegram will retry", update.update_id)
                return JSONResponse({"ok": False, "detail": "try again"}, status_code=500)
            await run_in_threadpool(spool.append, SPOOL_KIND, data)
            return JSONResponse({"ok": True, "spooled": True})
        except Exception:
            log.exception("telegram update %d failed; Telegram will retry", update.update_id)
            return JSONResponse({"ok": False, "detail": "try again"}, status_code=500)
        return JSONResponse({"ok": True})

    return router
