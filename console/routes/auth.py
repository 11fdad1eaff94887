"""Sign in, sign out and the console's home page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.services import ServicesDep
from console.deps import CurrentOfficer, OptionalOfficer, check_csrf
from console.i18n import Msg, supported
from console.security import (
    SignInThrottled,
    authenticate,
    hash_session_token,
    new_csrf_token,
    new_session_token,
)
from console.templating import SESSION_LANGUAGE, flash, render
from storage.db import session_scope
from storage.repositories import console_accounts as accounts

router = APIRouter(prefix="/console", dependencies=[Depends(check_csrf)], tags=["console"])


def safe_next(candidate: str | None) -> str:
    """Only ever redirect within the console after sign-in (no open redirect)."""
    if (
        candidate
        and candidate.startswith(("/console", "/workshop"))
        and not candidate.startswith("//")
        and "\\" not in candidate
    ):
        return candidate
    return "/console/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, officer: OptionalOfficer, next: str | None = None) -> Response:
    """The sign-in form."""
    if officer is not None:
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html", next=safe_next(next), email="")


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    services: ServicesDep,
    email: Annotated[str, Form(max_length=254)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form()] = "/console/",
) -> Response:
    """Check the password; throttle repeated failures."""
    # The real client address: uvicorn takes it from X-Forwarded-For when the
    # proxy is trusted (--forwarded-allow-ips, see docs/operations.md).
    client = request.client.host if request.client else "unknown"
    try:
        officer = authenticate(engine=services.db, email=email, password=password, client=client)
    except SignInThrottled as throttled:
        if throttled.first:
            # One audit row per client and window, however hard it knocks.
            with session_scope(services.db) as session:
                accounts.audit(
                    session=session,
                    actor="system",
                    action="sign_in_throttled",
                    subject=f"ip:{client}",
                    detail={"client": client},
                )
        return render(
            request,
            "login.html",
            status_code=429,
            next=safe_next(next),
            email=email,
            error=Msg("login-throttled"),
        )
    with session_scope(services.db) as session:
        if officer is None:
            # Bounded by the throttle: at most its limit of rows per client and window.
            accounts.audit(
                session=session,
                actor="system",
                action="sign_in_failed",
                detail={"client": client},
            )
        else:
            accounts.audit(
                session=session,
                actor=f"officer:{officer.id}",
                action="signed_in",
                subject=f"officer:{officer.id}",
                detail={"client": client},
            )
    if officer is None:
        return render(
            request,
            "login.html",
            status_code=400,
            next=safe_next(next),
            email=email,
            error=Msg("login-failed"),
        )
    token, token_hash = new_session_token()
    with session_scope(services.db) as session:
        accounts.create_console_session(
            session=session, officer_id=officer.id or 0, token_hash=token_hash
        )
    # A fresh session on sign-in, so a cookie planted before cannot ride along.
    # The account's language wins; else the one picked on the sign-in page carries over.
    language = supported(officer.console_language) or supported(
        request.session.get(SESSION_LANGUAGE)
    )
    request.session.clear()
    request.session.update(sid=token, csrf=new_csrf_token())
    if language:
        request.session[SESSION_LANGUAGE] = language
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, services: ServicesDep, officer: OptionalOfficer) -> Response:
    """End the session here and on the server, so a copied cookie stops working too."""
    token = request.session.get("sid")
    with session_scope(services.db) as session:
        if isinstance(token, str):
            accounts.revoke_console_session(session=session, token_hash=hash_session_token(token))
        if officer is not None:
            accounts.audit(
                session=session,
                actor=f"officer:{officer.id}",
                action="signed_out",
                subject=f"officer:{officer.id}",
            )
    language = request.session.get(SESSION_LANGUAGE)
    request.session.clear()
    if supported(language):
        # Signing out forgets who you were, not which language you read.
        request.session[SESSION_LANGUAGE] = language
    flash(request, "flash-signed-out")
    return RedirectResponse("/console/login", status_code=303)


@router.get("/", response_class=HTMLResponse)
def home(request: Request, services: ServicesDep, officer: CurrentOfficer) -> Response:
    """Consultations this account can see (workshop links only, for facilitators)."""
    with session_scope(services.db) as session:
        consultations = accounts.consultations_for(session=session, officer=officer)
    return render(request, "home.html", officer=officer, consultations=consultations)
