"""Officer accounts: created the same way from the console and from `whatmatters user create`."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from storage.db import session_scope
from storage.models.accounts import Officer, Role
from storage.repositories import console_accounts as accounts

AccountError = accounts.AccountError


def create_account(
    *,
    engine: Engine,
    email: str,
    password_hash: str,
    role: Role,
    display_name: str,
    actor: str,
    via: str | None = None,
) -> Officer:
    """Create an account and record who created it, in one transaction.

    Raises:
        AccountError: the e-mail address is malformed or already has an account.
    """
    detail: dict[str, str] = {"role": role.value}
    if via is not None:
        detail["via"] = via
    with session_scope(engine) as session:
        officer = accounts.create_officer(
            session=session,
            email=email,
            password_hash=password_hash,
            role=role,
            display_name=display_name,
        )
        accounts.audit(
            session=session,
            actor=actor,
            action="account_created",
            subject=f"officer:{officer.id}",
            detail=detail,
        )
    return officer
