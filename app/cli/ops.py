"""`whatmatters retention ...` and `whatmatters keys ...`: operators' maintenance commands."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from app.cli.startup import load_settings, open_engine
from app.settings import Settings

retention_app = typer.Typer(
    help="Forget residents' words and contact details.", no_args_is_help=True
)
keys_app = typer.Typer(help="Rotate the keys protecting stored addresses.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the operations commands to the main CLI (one line in app/cli/main.py)."""
    app.add_typer(retention_app, name="retention")
    app.add_typer(keys_app, name="keys")


@retention_app.command("run")
def retention_run(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Count what would go; change nothing.")
    ] = False,
    days: Annotated[
        int | None, typer.Option(min=1, max=36_500, help="Override RETENTION_DAYS for this run.")
    ] = None,
) -> None:
    """Apply the retention policy (RETENTION_DAYS); see docs/operations.md."""
    from bot.retention import run_retention
    from storage.db import session_scope
    from storage.repositories.console_jobs import expire_files

    settings = load_settings()
    if not dry_run:
        # Built exports past their day and uploads never imported go whatever the
        # retention period (they hold residents' words).
        with open_engine(settings, migrate=False) as engine, session_scope(engine) as session:
            typer.echo(
                f"expired exports and abandoned uploads removed: {expire_files(session=session)}"
            )
    days = days or settings.retention_days
    if days is None:
        typer.echo("RETENTION_DAYS is not set: everything is kept; nothing to do.")
        return
    # Retention, like key rotation, runs on the store as it is: no migration first.
    with open_engine(settings, migrate=False) as engine:
        report = run_retention(engine, days=days, dry_run=dry_run)
    verb = "would change" if dry_run else "changed"
    typer.echo(f"retention ({days} days) {verb} {report.total} rows:")
    for name, count in asdict(report).items():
        typer.echo(f"  {name.replace('_', ' ')}: {count}")


def _encryption_keys(settings: Settings) -> list[str]:
    if settings.address_encryption_keys is None:
        typer.secho(
            "ADDRESS_ENCRYPTION_KEYS is not set: addresses use a key derived from "
            "ADDRESS_HASH_KEY. Set ADDRESS_ENCRYPTION_KEYS=<new key>,<derived key> first "
            "(see docs/operations.md).",
            fg="red",
            err=True,
        )
        raise typer.Exit(2)
    from cryptography.fernet import Fernet

    raw = settings.address_encryption_keys.get_secret_value()
    keys = [key.strip() for key in raw.split(",") if key.strip()]
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError as error:
            typer.secho(
                f"ADDRESS_ENCRYPTION_KEYS: key {position} is not a Fernet key ({error}); "
                "see deploy/.env.example for how to generate one",
                fg="red",
                err=True,
            )
            raise typer.Exit(2) from error
    return keys


@keys_app.command("rotate")
def keys_rotate(
    batch_size: Annotated[int, typer.Option(min=1, max=100_000)] = 500,
) -> None:
    """Re-encrypt every stored address under the first ADDRESS_ENCRYPTION_KEYS key."""
    from bot.key_rotation import rotate_addresses

    settings = load_settings()
    keys = _encryption_keys(settings)
    with open_engine(settings, migrate=False) as engine:
        report = rotate_addresses(engine, keys=keys, batch_size=batch_size)
    typer.echo(
        f"re-encrypted {report.rotated} addresses; {report.already_current} already "
        f"under the newest key; {report.unreadable} unreadable"
    )
    if report.unreadable:
        typer.secho(
            "some addresses open with no configured key: keep every old key until they are "
            "explained (see the log for their rows)",
            fg="red",
            err=True,
        )
        raise typer.Exit(1)
    if len(keys) > 1:
        typer.echo("every address now needs only the first key: the others may be removed")


@keys_app.command("rehash")
def keys_rehash(
    old_hash_key_env: Annotated[
        str,
        typer.Option(help="Name of the environment variable holding the previous hash key."),
    ] = "OLD_ADDRESS_HASH_KEY",
    batch_size: Annotated[int, typer.Option(min=1, max=100_000)] = 500,
) -> None:
    """Recompute every lookup hash after ADDRESS_HASH_KEY changed (services stopped)."""
    import os

    from bot.key_rotation import rehash_addresses

    old_key = os.environ.get(old_hash_key_env, "")
    if not old_key:
        typer.secho(
            f"{old_hash_key_env} is not set: it must hold the previous ADDRESS_HASH_KEY", err=True
        )
        raise typer.Exit(2)
    settings = load_settings()
    # A derived encryption key would change with the hash key: refuse that mode.
    _encryption_keys(settings)
    if old_key == settings.address_hash_key.get_secret_value():
        typer.secho("the old and new hash keys are the same: nothing to do", err=True)
        raise typer.Exit(2)
    with open_engine(settings, migrate=False) as engine:
        report = rehash_addresses(
            engine,
            protector=settings.address_protector,
            old_hash_key=old_key.encode(),
            batch_size=batch_size,
        )
    typer.echo(
        f"rehashed {report.rehashed}; {report.already_current} already current; "
        f"{report.no_address} without a stored address (old hash kept); "
        f"{report.mismatched} matching neither key"
    )
    if report.mismatched:
        raise typer.Exit(1)
