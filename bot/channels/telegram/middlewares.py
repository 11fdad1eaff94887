"""aiogram middlewares: each update handled once, and handlers given what they need."""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from bot.channels.telegram.relay import TelegramRelay

log = logging.getLogger(__name__)

Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]


class OncePerUpdateMiddleware(BaseMiddleware):
    """Lets each update_id through once, even when Telegram delivers it twice at once.

    The engine's receipt on the update id already makes a repeated message
    store nothing new, but it answers a repeat with the same replies (that is
    what an SMS retry needs), and on Telegram those replies are new messages
    the resident would see twice. So a repeat that arrives while the first
    delivery is in flight, or after it succeeded, is dropped here.

    A delivery that fails (engine or Bot API error) releases its claim, so
    Telegram's retry is processed again: the engine stores nothing new and
    its stored replies are sent, so nothing is lost.

    Claims live in this process: with several web workers, Telegram's
    one-connection-per-update retries rarely race, and the worst case is a
    reply sent twice, never an answer stored twice.
    """

    def __init__(self, *, remember: int = 10_000) -> None:
        self._remember = remember
        self._in_flight: set[int] = set()
        self._done: OrderedDict[int, None] = OrderedDict()

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if not isinstance(event, Update):
            return await handler(event, data)
        update_id = event.update_id
        if update_id in self._in_flight or update_id in self._done:
            log.info("telegram update %d already handled; repeat ignored", update_id)
            return None
        self._in_flight.add(update_id)
        try:
            result = await handler(event, data)
        finally:
            self._in_flight.discard(update_id)
        # Only reached on success: a failed delivery stays claimable for a retry.
        self._done[update_id] = None
        while len(self._done) > self._remember:
            self._done.popitem(last=False)
        return result


class ChannelContextMiddleware(BaseMiddleware):
    """Gives handlers the relay to the engine and a DB session for the update.

    The session is opened lazily by SQLAlchemy (no connection until the
    first query) and closed when the handler returns, so handlers that do not
    touch the store cost nothing.
    """

    def __init__(self, *, relay: TelegramRelay, db: Engine) -> None:
        self._relay = relay
        self._db = db

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        with Session(self._db, expire_on_commit=False) as session:
            data["relay"] = self._relay
            data["session"] = session
            return await handler(event, data)
