"""Engines and sessions for SQLite (the embedded default) and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool
from sqlmodel import Session, create_engine


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def normalise_url(url: str) -> str:
    """Make `postgresql://` URLs use psycopg 3 rather than the absent psycopg2."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL lets the console read while the bot writes; NORMAL sync is durable
    # across application crashes (only an OS crash can lose the last commit).
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # Several web threads share one file: wait for the writer instead of failing.
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def make_engine(url: str, *, echo: bool = False, pool_size: int = 10) -> Engine:
    """Create an engine with the settings each backend needs."""
    url = normalise_url(url)
    if is_sqlite(url):
        engine = create_engine(url, echo=echo, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(
        url,
        echo=echo,
        pool_size=pool_size,
        max_overflow=pool_size,
        # No pre-ping: it is one more round trip on every checkout, i.e. on every
        # inbound message. A connection the server dropped fails its first
        # statement instead; SQLAlchemy then discards every pooled connection
        # older than that failure, and callers on the hot path retry once
        # (see `is_dropped_connection`). Recycling bounds how stale one can get.
        pool_pre_ping=False,
        pool_recycle=1800,
    )


def make_unpooled_engine(url: str) -> Engine:
    """An engine that opens a fresh connection each time (tests, one-off commands)."""
    url = normalise_url(url)
    if is_sqlite(url):
        engine = create_engine(url, poolclass=NullPool, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, poolclass=NullPool)


def is_dropped_connection(error: BaseException) -> bool:
    """True when `error` came from a pooled connection the server had closed.

    SQLAlchemy has already invalidated the pool, so the same work retried
    gets a fresh connection; nothing of the failed transaction was committed.
    """
    return isinstance(error, DBAPIError) and bool(error.connection_invalidated)


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


@contextmanager
def write_scope(engine: Engine) -> Iterator[Session]:
    """A :func:`session_scope` that takes SQLite's write lock when it begins.

    A plain SQLite transaction that reads and then writes fails at once with "database
    is locked" if another process wrote in between (in WAL mode the busy timeout does
    not apply to upgrading a stale snapshot); with the lock taken first, it waits its
    turn instead. Background jobs sharing the file with a busy web process need this.
    On PostgreSQL it is a plain session.
    """
    with session_scope(engine) as session:
        if engine.dialect.name == "sqlite":
            session.execute(text("BEGIN IMMEDIATE"))
        yield session
