"""`whatmatters user ...`: console accounts from the command line (the first admin)."""

from __future__ import annotations

from typing import Annotated

import typer

from console.security import PasswordPolicyError, hash_password
from storage.db import session_scope
from storage.models.accounts import Role
from storage.repositories import console_accounts as accounts

user_app = typer.Typer(help="Console accounts.", no_args_is_help=True)


@user_app.command("create")
def create(
    email: Annotated[str, typer.Option(help="Sign-in e-mail address.")],
    role: Annotated[
        Role, typer.Option(help="admin, officer, facilitator or readonly.")
    ] = Role.ADMIN,
    name: Annotated[str, typer.Option(help="Name shown in the console.")] = "",
    password: Annotated[
        str,
        typer.Option(
            prompt=True,
            hide_input=True,
            confirmation_prompt=True,
            help="Asked for when not given (10 characters or more).",
        ),
    ] = "",
) -> None:
    """Create a console account (use --role admin for the first one)."""
    # The composition root owns settings; reuse its helpers rather than read them here.
    from bot.cli import _migrated_engine, _settings

    try:
        password_hash = hash_password(password)
    except PasswordPolicyError as error:
        typer.secho(str(error), fg="red", err=True)
        raise typer.Exit(2) from error
    with _migrated_engine(_settings()) as engine:
        try:
            with session_scope(engine) as session:
                officer = accounts.create_officer(
                    session=session,
                    email=email,
                    password_hash=password_hash,
                    role=role,
                    display_name=name,
                )
                accounts.audit(
                    session=session,
                    actor="system",
                    action="account_created",
                    subject=f"officer:{officer.id}",
                    detail={"role": role.value, "via": "cli"},
                )
        except accounts.AccountError as error:
            typer.secho(str(error), fg="red", err=True)
            raise typer.Exit(1) from error
    typer.echo(f"created {role.value} account {officer.email} (id {officer.id})")


@user_app.command("list")
def list_users() -> None:
    """List console accounts."""
    from bot.cli import _migrated_engine, _settings

    with _migrated_engine(_settings()) as engine, session_scope(engine) as session:
        for officer in accounts.list_officers(session=session):
            state = "" if officer.active else "  (inactive)"
            typer.echo(f"{officer.id:>4}  {officer.role:<11} {officer.email}{state}")
