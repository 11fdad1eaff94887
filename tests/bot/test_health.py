from __future__ import annotations

import httpx
from sqlalchemy import text
from sqlalchemy.engine import Engine


async def test_liveness(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_ready_when_database_is_at_head(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "ready"


async def test_not_ready_when_migrations_are_pending(
    client: httpx.AsyncClient, engine: Engine
) -> None:
    # Pretend the database was left at the foundation schema by an older release.
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM alembic_version"))
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES ('0000')"))
    response = await client.get("/readyz")
    body = response.json()
    assert response.status_code == 503
    assert body["status"] == "migrations pending"
    assert "whatmatters db upgrade" in body["fix"]
