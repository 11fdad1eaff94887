"""HSTS over https, CSP on the simulator and the docs, docs served locally, /metrics closed."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr

from app.settings import Settings
from app.web import create_app


def _client(app: FastAPI, address: str = "127.0.0.1") -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@pytest.fixture
def db_url(sqlite_url: str) -> str:
    """Headers do not depend on the database."""
    return sqlite_url


@pytest.fixture
async def https_app(db_url: str) -> AsyncIterator[FastAPI]:
    app = create_app(
        Settings(
            environment="test",
            database_url=db_url,
            seed_demo=False,
            public_base_url="https://consult.example.gov.uk",
            metrics_token=SecretStr("m" * 40),
        )
    )
    yield app
    app.state.services.db.dispose()


async def test_hsts_on_every_response_when_the_public_url_is_https(https_app: FastAPI) -> None:
    async with _client(https_app) as client:
        for path in ("/healthz", "/simulator", "/console/login", "/docs"):
            response = await client.get(path)
            assert "max-age=31536000" in response.headers["strict-transport-security"], path


async def test_no_hsts_over_plain_http(client: httpx.AsyncClient) -> None:
    assert "strict-transport-security" not in (await client.get("/healthz")).headers


@pytest.mark.parametrize("path", ["/simulator", "/docs", "/redoc"])
async def test_simulator_and_docs_cannot_be_framed_and_have_a_csp(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path)
    assert response.status_code == 200
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"


async def test_docs_load_their_scripts_from_this_server_only(client: httpx.AsyncClient) -> None:
    for page in ("/docs", "/redoc"):
        html = (await client.get(page)).text
        assert "cdn.jsdelivr" not in html and "fonts.googleapis" not in html
        assert "/docs-static/" in html
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js"):
        response = await client.get(f"/docs-static/{asset}")
        assert response.status_code == 200 and len(response.content) > 10_000


async def test_metrics_need_the_token_when_one_is_set(https_app: FastAPI) -> None:
    async with _client(https_app, "198.51.100.4") as client:
        assert (await client.get("/metrics")).status_code == 401
        wrong = await client.get("/metrics", headers={"authorization": "Bearer nope"})
        assert wrong.status_code == 401
        good = await client.get("/metrics", headers={"authorization": f"Bearer {'m' * 40}"})
        assert good.status_code == 200 and "whatmatters" in good.text


async def test_without_a_token_metrics_answer_loopback_only(app: FastAPI) -> None:
    async with _client(app, "198.51.100.4") as outside:
        assert (await outside.get("/metrics")).status_code == 401
    async with _client(app, "127.0.0.1") as local:
        assert (await local.get("/metrics")).status_code == 200
