"""An app configured for Twilio, and its HTTP client."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from sqlalchemy.engine import Engine

from app.settings import Settings
from app.web import create_app
from tests.bot.channels.sms.twilio_requests import ACCOUNT_SID, AUTH_TOKEN, PUBLIC_BASE_URL


@pytest.fixture
def twilio_settings(db_url: str) -> Settings:
    return Settings(
        environment="test",
        database_url=db_url,
        seed_demo=False,
        twilio_account_sid=ACCOUNT_SID,
        twilio_auth_token=SecretStr(AUTH_TOKEN),
        public_base_url=PUBLIC_BASE_URL,
    )


@pytest.fixture
def twilio_app(twilio_settings: Settings) -> FastAPI:
    return create_app(twilio_settings)


@pytest.fixture
async def twilio_client(twilio_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    # The app sees an internal http URL, as behind a TLS-terminating proxy.
    # No lifespan here: the store is already migrated, and the background
    # theming worker (exercised by the uvicorn test) only slows these down.
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=twilio_app), base_url="http://10.0.0.5:8000"
    ) as http:
        yield http
    twilio_app.state.services.db.dispose()


@pytest.fixture
def consultation(engine: Engine) -> str:
    """The sample bilingual consultation (open, keyword MATTERS)."""
    from bot.demo import seed_demo

    assert seed_demo(engine)
    return "what-matters"
