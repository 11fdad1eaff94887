"""Targeted "you said, we did": the responses page sends each theme's response to its residents.

Publishing stores the responses as sent (storage.repositories.feedback_themes),
as quickly as the summary; the feedback job then works out who hears which
theme (the page says "preparing" meanwhile) and sends at the usual rate, never
in quiet hours; "Resume sending" picks up whoever is still waiting.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.exc import IntegrityError

from app.services import ServicesDep
from console.deps import CurrentOfficer, EditableConsultation, check_csrf
from console.routes.insights import _queue_send
from console.templating import flash
from storage.db import session_scope
from storage.repositories import console_accounts as accounts
from storage.repositories.feedback_themes import (
    NothingToPublish,
    audience_count,
    publish_theme_feedback,
)

router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)


@router.post("/{consultation_id}/responses/publish")
def publish_responses(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
) -> Response:
    """Tell each resident who asked to hear back the council's response to their own themes."""
    cid = consultation.id or 0
    back = RedirectResponse(f"/console/consultations/{cid}/responses", status_code=303)
    try:
        with session_scope(services.db) as session:
            publication, created = publish_theme_feedback(session=session, consultation_id=cid)
            publication_id = publication.id or 0
            audience = audience_count(session=session, consultation_id=cid) if created else 0
            accounts.audit(
                session=session,
                actor=f"officer:{officer.id}",
                action="theme_responses_published",
                subject=f"consultation:{cid}",
                detail={"publication": publication_id, "new": created, "audience": audience},
            )
    except NothingToPublish:
        flash(request, "flash-targeted-nothing", "error")
        return back
    except IntegrityError:
        # A second click landed while the first was publishing the same responses:
        # the unique text hash kept one publication, and the first click queued it.
        flash(request, "flash-targeted-same")
        return back
    if not created:
        flash(request, "flash-targeted-same")
    elif not audience:
        flash(request, "flash-targeted-nobody")
        # Nobody to send to, but the run records that sending finished.
        _queue_send(request, services, publication_id, 0, consultation.results_url, quiet=True)
    else:
        # The send job works out who hears which theme (the page says "preparing"
        # until then): the same residents the page counted, unless one opts out.
        _queue_send(request, services, publication_id, audience, consultation.results_url)
    return back
