"""Console fixtures: the console mounted on a FastAPI app over a real migrated database."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.engine import Engine

from app.container import build_services
from app.services import Services
from app.settings import Settings
from console.app import include_console


@pytest.fixture
def services(settings: Settings) -> Iterator[Services]:
    services = build_services(settings)
    yield services
    services.db.dispose()


@pytest.fixture
def db(services: Services) -> Engine:
    return services.db


@pytest.fixture
def app(services: Services) -> FastAPI:
    app = FastAPI()
    app.state.services = services
    include_console(app, services)
    return app


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
