"""Playback rounds in the console: open a round, see its results, see feedback sent.

Sending itself runs on the server (`whatmatters playback send <slug>`), paced
and outside quiet hours, like invitation waves.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import col, select

from app.services import ServicesDep
from console.deps import CurrentOfficer, EditableConsultation, ViewableConsultation, check_csrf
from console.i18n import Msg
from console.templating import flash, render
from storage.db import session_scope
from storage.models.playback import MAX_PLAYBACK_THEMES, RoundKind
from storage.models.themes import Theme, ThemeStatus
from storage.repositories import console_accounts as accounts
from storage.repositories.feedback import publications
from storage.repositories.playback_results import round_results, rounds_for
from usecases.playback.rounds import PlaybackError, close_round, open_round

router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)


@router.get("/{consultation_id}/playback", response_class=HTMLResponse)
def playback_page(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: ViewableConsultation,
) -> Response:
    """Rounds with their results, the themes an officer may offer, feedback publications."""
    assert consultation.id is not None
    with session_scope(services.db) as session:
        results = [
            round_results(session=session, round_id=r.id)
            for r in rounds_for(session=session, consultation_id=consultation.id)
            if r.id is not None
        ]
        themes = list(
            session.exec(
                select(Theme)
                .where(
                    Theme.consultation_id == consultation.id,
                    Theme.status == ThemeStatus.ACTIVE,
                    col(Theme.is_other).is_(False),
                )
                .order_by(col(Theme.size).desc())
            )
        )
        sent_feedback = publications(session=session, consultation_id=consultation.id)
        for item in [*themes, *sent_feedback]:
            session.expunge(item)
        for result in results:
            session.expunge(result.round)
    return render(
        request,
        "playback.html",
        officer=officer,
        consultation=consultation,
        section="playback",
        results=results,
        themes=themes,
        publications=sent_feedback,
        max_themes=MAX_PLAYBACK_THEMES,
        any_open=any(r.round.status == "open" for r in results),
    )


@router.post("/{consultation_id}/playback")
def open_playback(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    theme_ids: Annotated[list[int], Form(max_length=MAX_PLAYBACK_THEMES + 1)],
    kind: Annotated[RoundKind, Form()] = RoundKind.VOTE,
) -> Response:
    """Open a round with the chosen themes (in the order ticked) and queue its recipients."""
    assert consultation.id is not None
    try:
        round_id = open_round(
            engine=services.db,
            consultation_id=consultation.id,
            theme_ids=theme_ids,
            created_by=f"officer:{officer.id}",
            kind=kind,
        )
    except PlaybackError as error:
        flash(request, Msg.of("flash-round-not-opened", reason=str(error)), "error")
    else:
        with session_scope(services.db) as session:
            accounts.audit(
                session=session,
                actor=f"officer:{officer.id}",
                action="playback_opened",
                subject=f"consultation:{consultation.id}",
            )
        flash(
            request,
            Msg.of(
                "flash-round-opened",
                round=round_id,
                command=f"whatmatters playback send {consultation.slug}",
            ),
        )
    return RedirectResponse(f"/console/consultations/{consultation.id}/playback", status_code=303)


@router.post("/{consultation_id}/playback/close")
def close_playback(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
) -> Response:
    assert consultation.id is not None
    round_id = close_round(engine=services.db, consultation_id=consultation.id)
    flash(request, Msg.of("flash-round-closed", round=round_id) if round_id else "flash-no-round")
    return RedirectResponse(f"/console/consultations/{consultation.id}/playback", status_code=303)
