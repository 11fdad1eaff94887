"""Who is asking, what they may do, and the CSRF check on every console form.

Dependencies are `Annotated` aliases so routes read as their signature:
`def board(consultation: EditableConsultation, officer: CurrentOfficer)`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from enum import StrEnum
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from app.services import ServicesDep
from console.i18n import LocalisedHTTPException
from console.scoping import in_id_range
from console.security import (
    SESSION_MAX_AGE,
    csrf_matches,
    hash_api_token,
    hash_session_token,
    new_csrf_token,
)
from storage.db import session_scope
from storage.input_policy import parse_int, unsafe_reason
from storage.models import Consultation, utcnow
from storage.models.accounts import Officer, Role
from storage.repositories import console_accounts as accounts

# Uploads (CSV imports) may be this large; anything else is a small form.
UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024


class NotSignedIn(Exception):
    """Raised by dependencies; the console turns it into a redirect to the sign-in page."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class Cap(StrEnum):
    """What a route needs to do with a consultation."""

    VIEW = "view"
    EDIT = "edit"
    WORKSHOP = "workshop"


_ROLE_CAPS: dict[Role, frozenset[Cap]] = {
    Role.ADMIN: frozenset(Cap),
    Role.OFFICER: frozenset(Cap),
    Role.READONLY: frozenset({Cap.VIEW, Cap.WORKSHOP}),
    # Facilitators run workshops and see nothing else.
    Role.FACILITATOR: frozenset({Cap.WORKSHOP}),
}


def role_allows(role: Role, cap: Cap) -> bool:
    return cap in _ROLE_CAPS[role]


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = new_csrf_token()
        request.session["csrf"] = token
    return token


async def check_csrf(request: Request) -> None:
    """Refuse any console POST without the session's CSRF token (and oversized bodies)."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    length = request.headers.get("content-length")
    if length is None:
        raise LocalisedHTTPException(411, "error-length-required")
    declared = parse_int(length)
    if declared is None or declared > UPLOAD_LIMIT_BYTES:
        raise LocalisedHTTPException(413, "error-upload-limit", mb=UPLOAD_LIMIT_BYTES // 2**20)
    form = await request.form()
    for name, value in form.multi_items():
        # Uploaded files are the importer's to check; every typed field is checked here.
        reason = unsafe_reason(name) or (unsafe_reason(value) if isinstance(value, str) else None)
        if reason:
            raise LocalisedHTTPException(400, "error-form-field", field=name[:40], reason=reason)
    given = form.get("csrf_token")
    if not csrf_matches(request.session.get("csrf"), given if isinstance(given, str) else None):
        raise LocalisedHTTPException(403, "error-csrf")


def _signed_in_officer(request: Request, services: ServicesDep) -> Officer | None:
    token = request.session.get("sid")
    if not isinstance(token, str):
        return None
    # The cookie is signed and expires, but only the stored session can be ended
    # (sign-out, password change, account switched off), so both must agree.
    not_before = utcnow() - timedelta(seconds=SESSION_MAX_AGE)
    with session_scope(services.db) as session:
        return accounts.officer_for_console_session(
            session=session, token_hash=hash_session_token(token), not_before=not_before
        )


def current_officer(request: Request, services: ServicesDep) -> Officer:
    officer = _signed_in_officer(request, services)
    if officer is None:
        request.session.pop("sid", None)
        raise NotSignedIn(request.url.path)
    return officer


CurrentOfficer = Annotated[Officer, Depends(current_officer)]
OptionalOfficer = Annotated[Officer | None, Depends(_signed_in_officer)]


def require_role(*roles: Role) -> Callable[[Officer], Officer]:
    def dependency(officer: CurrentOfficer) -> Officer:
        if officer.role not in roles:
            raise LocalisedHTTPException(403, "error-cannot-do")
        return officer

    return dependency


AdminOfficer = Annotated[Officer, Depends(require_role(Role.ADMIN))]
CreatorOfficer = Annotated[Officer, Depends(require_role(Role.ADMIN, Role.OFFICER))]


def load_consultation(
    services: ServicesDep, officer: Officer, consultation_id: int, cap: Cap
) -> Consultation:
    with session_scope(services.db) as session:
        consultation = (
            session.get(Consultation, consultation_id) if in_id_range(consultation_id) else None
        )
        shared = officer.role == Role.ADMIN or (
            consultation is not None
            and accounts.is_shared_with(
                session=session, consultation_id=consultation_id, officer_id=officer.id or 0
            )
        )
    # Not shared looks the same as not there: no hint that it exists.
    if consultation is None or not shared:
        raise LocalisedHTTPException(404, "error-no-consultation")
    if not role_allows(officer.role, cap):
        raise LocalisedHTTPException(403, "error-cannot-do")
    return consultation


def _consultation(cap: Cap) -> Callable[[ServicesDep, CurrentOfficer, int], Consultation]:
    def dependency(
        services: ServicesDep, officer: CurrentOfficer, consultation_id: int
    ) -> Consultation:
        return load_consultation(services, officer, consultation_id, cap)

    return dependency


ViewableConsultation = Annotated[Consultation, Depends(_consultation(Cap.VIEW))]
EditableConsultation = Annotated[Consultation, Depends(_consultation(Cap.EDIT))]
WorkshopConsultation = Annotated[Consultation, Depends(_consultation(Cap.WORKSHOP))]


# --- REST API: bearer tokens, same roles ------------------------------------------

_bearer = HTTPBearer(auto_error=False, description="An API token created in the console")


def api_officer(
    services: ServicesDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Officer:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise HTTPException(
            401,
            "Send an API token: Authorization: Bearer <token>",
            headers={"WWW-Authenticate": "Bearer"},
        )
    with session_scope(services.db) as session:
        officer = accounts.officer_for_token(
            session=session, token_hash=hash_api_token(credentials.credentials)
        )
    if officer is None:
        raise HTTPException(
            401, "This API token is unknown or revoked.", headers={"WWW-Authenticate": "Bearer"}
        )
    return officer


ApiOfficer = Annotated[Officer, Depends(api_officer)]


def _api_consultation(cap: Cap) -> Callable[[ServicesDep, ApiOfficer, int], Consultation]:
    def dependency(
        services: ServicesDep, officer: ApiOfficer, consultation_id: int
    ) -> Consultation:
        return load_consultation(services, officer, consultation_id, cap)

    return dependency


ApiViewableConsultation = Annotated[Consultation, Depends(_api_consultation(Cap.VIEW))]
