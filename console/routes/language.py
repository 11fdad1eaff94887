"""The header's language switch: saved on the account when signed in, in the session otherwise."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response

from app.services import ServicesDep
from console.deps import OptionalOfficer, check_csrf
from console.i18n import LocalisedHTTPException, supported
from console.routes.auth import safe_next
from console.templating import SESSION_LANGUAGE
from storage.db import session_scope
from storage.repositories import console_accounts as accounts

router = APIRouter(prefix="/console", dependencies=[Depends(check_csrf)], tags=["console"])


@router.post("/language")
def choose_language(
    request: Request,
    services: ServicesDep,
    officer: OptionalOfficer,
    language: Annotated[str, Form(max_length=35)],
    next: Annotated[str, Form(max_length=2000)] = "/console/",
) -> Response:
    """Show the console in English or Welsh from now on."""
    chosen = supported(language)
    if chosen is None or chosen != language.strip().lower():
        raise LocalisedHTTPException(400, "error-unknown-language")
    request.session[SESSION_LANGUAGE] = chosen
    if officer is not None:
        with session_scope(services.db) as session:
            target = accounts.get_officer(session=session, officer_id=officer.id or 0)
            if target is not None:
                accounts.update_officer(session=session, officer=target, language=chosen)
    return RedirectResponse(safe_next(next), status_code=303)
