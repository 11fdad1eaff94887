"""Shared fixtures: real SQLite and PostgreSQL databases, migrated by Alembic.

Each test gets a fresh database copied from a template migrated once per
session, so tests are isolated and still fast (PostgreSQL copies are made one
test ahead, on a background thread: tests/pg_clones.py). PostgreSQL comes from
scripts/test (WHATMATTERS_TEST_DATABASE_URL); without it the PostgreSQL
variants skip with a message saying how to run them, except under CI where a
missing server is a failure.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url

from app.settings import Settings
from storage.db import make_engine, make_unpooled_engine
from storage.migrate import upgrade
from tests.pg_clones import PgClones
from tests.type_gate import wait_for_mypy

PG_ENV = "WHATMATTERS_TEST_DATABASE_URL"
SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def shared_data(relative: str) -> Path:
    """A file from ../shared/data, or skip the test saying what is missing."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"development data not found at {path} (needs ../shared beside the repo)")
    return path


def _pg_admin_url() -> str | None:
    url = os.environ.get(PG_ENV)
    if url:
        return url
    if os.environ.get("CI"):
        pytest.fail(f"{PG_ENV} is not set under CI: run the suite with scripts/test")
    return None


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Real argon2, with the smallest cost, so the suite does not spend minutes hashing.

    The stand-in hash verified for unknown e-mails is made with the same cheap
    hasher: it carries its own cost, and at the default cost each verification
    took a quarter of a CPU-second.
    """
    import console.security

    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(console.security, "_hasher", cheap)
    monkeypatch.setattr(console.security, "_DUMMY_HASH", cheap.hash("not-a-real-password"))


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    admin_url = _pg_admin_url()
    if admin_url is None:
        pytest.skip(f"PostgreSQL tests need {PG_ENV}; run them with scripts/test")
    name = f"wm_tpl_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = make_unpooled_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    template_url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    upgrade(template_url)
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def pg_clones(pg_template: str) -> Iterator[PgClones]:
    """Copies of the template, each made while the test before runs (see tests/pg_clones.py)."""
    admin_url = _pg_admin_url()
    assert admin_url is not None
    admin = make_unpooled_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
    clones = PgClones(admin, pg_template)
    try:
        yield clones
    finally:
        clones.close()
        admin.dispose()


def _fresh_pg_database(clones: PgClones) -> Iterator[str]:
    admin_url = _pg_admin_url()
    assert admin_url is not None
    name = clones.take()
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        clones.give_back(name)


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A freshly migrated database URL, once for SQLite and once for PostgreSQL."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        path = tmp_path / "test.db"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
    else:
        yield from _fresh_pg_database(request.getfixturevalue("pg_clones"))


@pytest.fixture
def sqlite_url(sqlite_template: Path, tmp_path: Path) -> str:
    """A freshly migrated SQLite database only (for tests about the embedded default)."""
    path = tmp_path / "test.db"
    shutil.copyfile(sqlite_template, path)
    return f"sqlite:///{path}"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def settings(db_url: str) -> Settings:
    return Settings(environment="test", database_url=db_url, seed_demo=False)


@pytest.fixture
def app(settings: Settings) -> FastAPI:
    """The real application, wired from settings exactly as in production."""
    from app.web import create_app

    return create_app(settings)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """HTTP through the ASGI app, with its lifespan (start-up and shut-down) running."""
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://testserver"
        ) as http,
    ):
        yield http


@pytest.fixture
def demo_consultation(engine: Engine) -> str:
    """The sample bilingual consultation (open, keyword MATTERS); returns its slug."""
    from bot.demo import seed_demo

    assert seed_demo(engine)
    return "what-matters"


@pytest.fixture
def pg_url(pg_clones: PgClones) -> Iterator[str]:
    """A freshly migrated PostgreSQL database only (production-topology tests)."""
    yield from _fresh_pg_database(pg_clones)


@pytest.fixture
def redis_url() -> str:
    """The Redis started by scripts/test, emptied of this project's keys."""
    url = os.environ.get("WHATMATTERS_TEST_REDIS_URL")
    if not url:
        if os.environ.get("CI"):
            pytest.fail("WHATMATTERS_TEST_REDIS_URL is not set under CI: run scripts/test")
        pytest.skip("Redis tests need WHATMATTERS_TEST_REDIS_URL; run them with scripts/test")
    import redis

    client = redis.Redis.from_url(url)
    keys = list(client.scan_iter("whatmatters*"))
    if keys:
        client.delete(*keys)
    client.close()
    return url


def pytest_collection_finish(session: pytest.Session) -> None:
    """scripts/test's mypy ran in the background during collection: report it now."""
    wait_for_mypy(session.config)
