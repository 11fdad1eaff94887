"""The real app with Telegram enabled, its Bot speaking to a recording session."""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func
from sqlmodel import Session, select

from app.services import Services
from app.settings import Settings
from app.web import create_app
from bot.demo import seed_demo
from storage.models import Answer, Participant
from tests.bot.channels.telegram.recording import RecordingSession
from tests.bot.channels.telegram.updates import callback_update

TOKEN = "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
SECRET = "s3cret-Token_for-the-tests"
BASE_URL = "https://consult.example.gov.uk"
WEBHOOK = "/telegram/webhook"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@dataclass
class Telegram:
    """The app under test, an HTTP client for it and what the bot sent."""

    app: FastAPI
    client: httpx.AsyncClient
    recorder: RecordingSession
    services: Services

    async def post(
        self,
        update: dict[str, Any] | bytes,
        *,
        secret: str | bytes | None = SECRET,
        headers: dict[str, Any] | None = None,
    ) -> httpx.Response:
        """POST a webhook call the way Telegram does (JSON body, secret header)."""
        all_headers: dict[str, Any] = {"Content-Type": "application/json", **(headers or {})}
        if secret is not None:
            all_headers[SECRET_HEADER] = secret
        body = update if isinstance(update, bytes) else json.dumps(update).encode()
        return await self.client.post(WEBHOOK, content=body, headers=all_headers)

    def button(self, update_id: int, chat_id: int, data: str, **kw: Any) -> dict[str, Any]:
        """A press on a button of the latest message the bot sent to `chat_id`."""
        message_id = self.recorder.latest[chat_id]
        return callback_update(update_id, chat_id, data, message_id=message_id, **kw)

    def answers(self) -> list[Answer]:
        with Session(self.services.db) as session:
            return list(session.exec(select(Answer).order_by(Answer.id)))  # type: ignore[arg-type]

    def participants(self) -> list[Participant]:
        with Session(self.services.db) as session:
            return list(session.exec(select(Participant)))

    def count_answers(self) -> int:
        with Session(self.services.db) as session:
            return int(session.exec(select(func.count()).select_from(Answer)).one())


def telegram_settings(db_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "environment": "test",
        "database_url": db_url,
        "seed_demo": False,
        "telegram_bot_token": TOKEN,
        "telegram_webhook_secret": SECRET,
        "public_base_url": BASE_URL,
    }
    values.update(overrides)
    return Settings(**values)


async def running(settings: Settings, *, lifespan: bool = False) -> AsyncIterator[Telegram]:
    """The app as `create_app` builds it, with the Bot's HTTP layer recorded.

    The app's lifespan (migrations, background job worker) is left out unless
    asked for: the fixtures migrate the database already, and the worker
    would start theming every stored answer, which these tests do not look at.
    """
    app = create_app(settings)
    recorder = RecordingSession()
    # aiogram's HTTP layer is the only thing replaced; nothing leaves the machine.
    app.state.telegram.bot.session = recorder
    services: Services = app.state.services
    async with contextlib.AsyncExitStack() as stack:
        if lifespan:
            await stack.enter_async_context(app.router.lifespan_context(app))
        seed_demo(services.db)
        transport = httpx.ASGITransport(app=app)
        client = await stack.enter_async_context(
            httpx.AsyncClient(transport=transport, base_url=BASE_URL)
        )
        yield Telegram(app=app, client=client, recorder=recorder, services=services)
        services.db.dispose()


@pytest.fixture
async def telegram(db_url: str) -> AsyncIterator[Telegram]:
    async for harness in running(telegram_settings(db_url)):
        yield harness


@pytest.fixture
async def telegram_sqlite(sqlite_url: str) -> AsyncIterator[Telegram]:
    """For checks that stop before the store (secret, size, JSON): SQLite is enough."""
    async for harness in running(telegram_settings(sqlite_url)):
        yield harness
