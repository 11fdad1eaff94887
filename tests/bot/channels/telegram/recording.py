"""A recording aiogram session: what the bot would put on the wire, with real API answers.

Like aiogram's own tests/mocked_bot.py, it replaces the HTTP layer
(BaseSession.make_request) only. Each call is recorded with the parameters
aiogram's aiohttp session would send (prepared by the same
`prepare_value`), and answered with a JSON body shaped like the Bot API's,
parsed by aiogram's own `check_response`, so errors raise the real
aiogram exceptions.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import AsyncGenerator, Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType

BOT_USERNAME = "WhatMattersTestBot"


@dataclass(frozen=True)
class Call:
    """One Bot API request: the method name and its wire parameters."""

    method: str
    params: dict[str, Any]

    @property
    def text(self) -> str:
        return str(self.params["text"])

    @property
    def chat_id(self) -> int:
        return int(self.params["chat_id"])

    @property
    def buttons(self) -> list[list[tuple[str, str]]]:
        """Inline keyboard rows as (label, callback_data), [] when there is none."""
        markup = self.params.get("reply_markup")
        if not markup:
            return []
        rows = json.loads(markup)["inline_keyboard"]
        return [[(b["text"], b["callback_data"]) for b in row] for row in rows]


class RecordingSession(BaseSession):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[Call] = []
        self._message_ids = itertools.count(5000)
        # chat id -> id of the latest message the bot sent there.
        self.latest: dict[int, int] = {}
        # method name -> (HTTP status, description) for the next calls of it.
        self._failures: dict[str, list[tuple[int, str]]] = {}
        # method name -> exceptions the next calls of it raise instead of answering.
        self._raises: dict[str, list[Exception]] = {}
        # Served to getUpdates (long polling); `when_drained` runs once they are gone.
        self.updates: list[dict[str, Any]] = []
        self.when_drained: Callable[[], Coroutine[Any, Any, Any]] | None = None
        self._background: set[asyncio.Task[Any]] = set()

    def raise_next(self, method: str, error: Exception) -> None:
        """Make the next `method` call raise `error` (a timeout, a dropped connection)."""
        self._raises.setdefault(method, []).append(error)

    def fail_next(self, method: str, *, status: int, description: str) -> None:
        """Make the next `method` call fail the way the Bot API reports it."""
        self._failures.setdefault(method, []).append((status, description))

    def sent(self, chat_id: int | None = None) -> list[Call]:
        """Messages sent (sendMessage), optionally to one chat."""
        return [
            c
            for c in self.calls
            if c.method == "sendMessage" and (chat_id is None or c.chat_id == chat_id)
        ]

    def of(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def clear(self) -> None:
        self.calls.clear()

    async def close(self) -> None:
        return None

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        raise AssertionError(f"the bot must not download files ({url})")
        yield b""  # pragma: no cover

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,
    ) -> TelegramType:
        files: dict[str, Any] = {}
        params = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files)
            if prepared:  # the aiohttp session drops empty fields the same way
                params[key] = prepared
        name = method.__api_method__
        self.calls.append(Call(method=name, params=params))
        if name == "getUpdates" and not self.updates:
            # A real long poll waits for news; yielding here lets the test's
            # stop signal run instead of spinning on empty answers.
            await asyncio.sleep(0.01)
        raises = self._raises.get(name)
        if raises:
            raise raises.pop(0)
        failures = self._failures.get(name)
        if failures:
            status, description = failures.pop(0)
            body = {"ok": False, "error_code": status, "description": description}
        else:
            status, body = 200, {"ok": True, "result": self._result(bot, name, params)}
        response = self.check_response(
            bot=bot, method=method, status_code=status, content=json.dumps(body)
        )
        return response.result  # type: ignore[return-value]

    def _result(self, bot: Bot, name: str, params: dict[str, Any]) -> Any:
        if name == "sendMessage":
            message_id = next(self._message_ids)
            self.latest[int(params["chat_id"])] = message_id
            result: dict[str, Any] = {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "from": self._me(bot),
                "text": params["text"],
            }
            if "reply_markup" in params:
                result["reply_markup"] = json.loads(params["reply_markup"])
            return result
        if name == "getUpdates":
            batch, self.updates = self.updates, []
            if not batch and self.when_drained is not None:
                task: asyncio.Task[Any] = asyncio.get_running_loop().create_task(
                    self.when_drained()
                )
                self._background.add(task)
                task.add_done_callback(self._background.discard)
            return batch
        if name == "getMe":
            return self._me(bot)
        if name == "getWebhookInfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        if name in {
            "answerCallbackQuery",
            "editMessageReplyMarkup",
            "setWebhook",
            "deleteWebhook",
            "setMyCommands",
        }:
            return True
        raise AssertionError(f"unexpected Bot API call {name} {params}")

    @staticmethod
    def _me(bot: Bot) -> dict[str, Any]:
        return {
            "id": bot.id,
            "is_bot": True,
            "first_name": "What Matters",
            "username": BOT_USERNAME,
        }
