"""`whatmatters retention ...` and `whatmatters keys ...`: operators' maintenance commands."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from bot.settings import Settings

retention_app = typer.Typer(
    help="Forget residents' words and contact details.", no_args_is_help=True
)
keys_app = typer.Typer(help="Rotate the keys protecting stored addresses.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the operations commands to the main CLI (one line in bot/cli.py)."""
    app.add_typer(retention_app, name="retention")
    app.add_typer(keys_app, name="keys")


def _settings() -> Settings:
    try:
        return Settings()
    except ValueError as error:
        typer.secho(f"configuration error: {error}", fg="red", err=True)
        raise typer.Exit(2) from error


@retention_app.command("run")
def retention_run(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Count what would go; change nothing.")
    ] = False,
    days: Annotated[
        int | None, typer.Option(min=1, help="Override RETENTION_DAYS for this run.")
    ] = None,
) -> None:
    """Apply the retention policy (RETENTION_DAYS); see docs/operations.md."""
    from bot.retention import run_retention
    from storage.db import make_engine

    settings = _settings()
    days = days or settings.retention_days
    if days is None:
        typer.echo("RETENTION_DAYS is not set: everything is kept; nothing to do.")
        return
    engine = make_engine(settings.database_url)
    try:
        report = run_retention(engine, days=days, dry_run=dry_run)
    finally:
        engine.dispose()
    verb = "would change" if dry_run else "changed"
    typer.echo(f"retention ({days} days) {verb} {report.total} rows:")
    for name, count in asdict(report).items():
        typer.echo(f"  {name.replace('_', ' ')}: {count}")
