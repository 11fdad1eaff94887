"""What every `whatmatters` command does first: read the settings, then open a migrated store."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from sqlalchemy.engine import Engine

from app.settings import Settings


def load_settings() -> Settings:
    """The settings, or exit 2 with the problem (a bad value, a default secret in production)."""
    try:
        return Settings()
    except ValueError as error:
        typer.secho(f"configuration error: {error}", fg="red", err=True)
        raise typer.Exit(2) from error


@contextmanager
def open_engine(settings: Settings, *, migrate: bool = True) -> Iterator[Engine]:
    """The store for one command (migrated first unless `migrate` is False), disposed after."""
    from storage.db import make_engine
    from storage.migrate import upgrade

    if migrate:
        upgrade(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        yield engine
    finally:
        engine.dispose()
