"""Accounts (admin), personal API tokens and the audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.services import ServicesDep
from console.deps import AdminOfficer, CurrentOfficer, check_csrf
from console.i18n import LocalisedHTTPException, Msg, supported
from console.scoping import in_id_range
from console.security import PasswordPolicyError, hash_password, new_api_token
from console.templating import flash, render
from storage.db import session_scope
from storage.models.accounts import Role
from storage.repositories import console_accounts as accounts
from usecases.accounts import create_account

router = APIRouter(prefix="/console", dependencies=[Depends(check_csrf)], tags=["console"])


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, services: ServicesDep, officer: AdminOfficer) -> Response:
    """Every account, with a form to add one."""
    with session_scope(services.db) as session:
        officers = accounts.list_officers(session=session)
    return render(request, "users.html", officer=officer, officers=officers, roles=list(Role))


@router.post("/users")
def create_user(
    request: Request,
    services: ServicesDep,
    officer: AdminOfficer,
    email: Annotated[str, Form(max_length=254)],
    role: Annotated[Role, Form()],
    password: Annotated[str, Form(max_length=1024)],
    display_name: Annotated[str, Form(max_length=120)] = "",
) -> Response:
    """Add an account."""
    try:
        created = create_account(
            engine=services.db,
            email=email,
            password_hash=hash_password(password),
            role=role,
            display_name=display_name,
            actor=f"officer:{officer.id}",
        )
    except (accounts.AccountError, PasswordPolicyError) as error:
        # The reason is English; pages word it in their language where they know it.
        flash(request, Msg.of("flash-account-not-created", reason=str(error)), "error")
    else:
        flash(request, Msg.of("flash-account-created", email=created.email))
    return RedirectResponse("/console/users", status_code=303)


@router.post("/users/{officer_id}")
def update_user(
    request: Request,
    services: ServicesDep,
    officer: AdminOfficer,
    officer_id: int,
    role: Annotated[Role, Form()],
    active: Annotated[bool, Form()] = False,
    language: Annotated[str, Form(max_length=35)] = "",
) -> Response:
    """Change an account's role, console language, or switch it off."""
    chosen = supported(language)
    if language and chosen != language:
        raise LocalisedHTTPException(400, "error-unknown-language")
    if officer_id == officer.id and (role != Role.ADMIN or not active):
        flash(request, "flash-own-admin", "error")
        return RedirectResponse("/console/users", status_code=303)
    with session_scope(services.db) as session:
        target = (
            accounts.get_officer(session=session, officer_id=officer_id)
            if in_id_range(officer_id)
            else None
        )
        if target is None:
            raise LocalisedHTTPException(404, "error-no-account")
        accounts.update_officer(
            session=session,
            officer=target,
            role=role,
            active=active,
            language=chosen,
            follow_browser=chosen is None,
        )
        accounts.audit(
            session=session,
            actor=f"officer:{officer.id}",
            action="account_changed",
            subject=f"officer:{officer_id}",
            detail={"role": role.value, "active": active, "language": chosen},
        )
    flash(request, Msg.of("flash-account-saved", email=target.email))
    return RedirectResponse("/console/users", status_code=303)


@router.get("/tokens", response_class=HTMLResponse)
def tokens_page(request: Request, services: ServicesDep, officer: CurrentOfficer) -> Response:
    """Your API tokens (for a council website pulling results)."""
    if officer.role == Role.FACILITATOR:
        raise LocalisedHTTPException(403, "error-facilitator-api")
    with session_scope(services.db) as session:
        tokens = accounts.tokens_of(session=session, officer_id=officer.id or 0)
    new_token = request.session.pop("new_token", None)
    return render(request, "tokens.html", officer=officer, tokens=tokens, new_token=new_token)


@router.post("/tokens")
def create_token(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    name: Annotated[str, Form(max_length=120)] = "",
) -> Response:
    """Make a token; it is shown once and only its hash is kept."""
    if officer.role == Role.FACILITATOR:
        raise LocalisedHTTPException(403, "error-facilitator-api")
    token, token_hash = new_api_token()
    with session_scope(services.db) as session:
        created = accounts.create_api_token(
            session=session, officer_id=officer.id or 0, token_hash=token_hash, name=name
        )
        accounts.audit(
            session=session,
            actor=f"officer:{officer.id}",
            action="api_token_created",
            subject=f"apitoken:{created.id}",
        )
    request.session["new_token"] = token
    return RedirectResponse("/console/tokens", status_code=303)


@router.post("/tokens/{token_id}/revoke")
def revoke_token(
    request: Request, services: ServicesDep, officer: CurrentOfficer, token_id: int
) -> Response:
    """Stop a token working."""
    with session_scope(services.db) as session:
        if not in_id_range(token_id) or not accounts.revoke_api_token(
            session=session, token_id=token_id, officer_id=officer.id or 0
        ):
            raise LocalisedHTTPException(404, "error-no-token")
        accounts.audit(
            session=session,
            actor=f"officer:{officer.id}",
            action="api_token_revoked",
            subject=f"apitoken:{token_id}",
        )
    flash(request, "flash-token-revoked")
    return RedirectResponse("/console/tokens", status_code=303)


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, services: ServicesDep, officer: AdminOfficer) -> Response:
    """The latest audit events."""
    with session_scope(services.db) as session:
        events = accounts.recent_audit(session=session)
    return render(request, "audit.html", officer=officer, events=events)
