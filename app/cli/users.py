"""`whatmatters user ...`: console accounts from the command line (the first admin)."""

from __future__ import annotations

from typing import Annotated

import typer

from app.cli.startup import load_settings, open_engine
from console.security import PasswordPolicyError, hash_password
from storage.db import session_scope
from storage.models.accounts import Role
from storage.repositories import console_accounts as accounts
from usecases.accounts import AccountError, create_account

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
    try:
        password_hash = hash_password(password)
    except PasswordPolicyError as error:
        typer.secho(str(error), fg="red", err=True)
        raise typer.Exit(2) from error
    with open_engine(load_settings()) as engine:
        try:
            officer = create_account(
                engine=engine,
                email=email,
                password_hash=password_hash,
                role=role,
                display_name=name,
                actor="system",
                via="cli",
            )
        except AccountError as error:
            typer.secho(str(error), fg="red", err=True)
            raise typer.Exit(1) from error
    typer.echo(f"created {role.value} account {officer.email} (id {officer.id})")


@user_app.command("list")
def list_users() -> None:
    """List console accounts."""
    with open_engine(load_settings()) as engine, session_scope(engine) as session:
        for officer in accounts.list_officers(session=session):
            state = "" if officer.active else "  (inactive)"
            typer.echo(f"{officer.id:>4}  {officer.role:<11} {officer.email}{state}")
