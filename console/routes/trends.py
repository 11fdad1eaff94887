"""Themes across rounds and years: link earlier consultations, confirm or refuse theme matches."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import Session

from app.services import ServicesDep
from console.deps import (
    Cap,
    CurrentOfficer,
    EditableConsultation,
    ViewableConsultation,
    check_csrf,
    load_consultation,
)
from console.i18n import LocalisedHTTPException, Msg
from console.scoping import FormId, PathId, owned
from console.templating import flash, render
from console.trends import TREND_LABELS, link_and_suggest, refresh_suggestions, trend_table
from storage.db import session_scope
from storage.models import Consultation
from storage.models.lineage import ConsultationLink, MatchState, ThemeMatch
from storage.models.themes import Theme
from storage.repositories import console_accounts as accounts
from storage.repositories import lineage as lineage_store
from storage.repositories import themes as themes_store

router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)


def _back(consultation: Consultation) -> RedirectResponse:
    return RedirectResponse(f"/console/consultations/{consultation.id}/trends", status_code=303)


def _audit(
    services: ServicesDep, officer_id: int | None, cid: int | None, action: str, **detail: object
) -> None:
    with session_scope(services.db) as session:
        accounts.audit(
            session=session,
            actor=f"officer:{officer_id}",
            action=action,
            subject=f"consultation:{cid}",
            detail=dict(detail),
        )


def _choices(session: Session, consultation_id: int) -> list[tuple[int, str]]:
    return [
        (t.id or 0, t.display_label("en"))
        for t in themes_store.list_themes(session=session, consultation_id=consultation_id)
        if not t.is_other
    ]


@router.get("/{consultation_id}/trends", response_class=HTMLResponse)
def trends_page(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: ViewableConsultation,
) -> Response:
    """This consultation's themes beside earlier rounds': new, growing, steady, fading."""
    with session_scope(services.db) as session:
        table = trend_table(session=session, consultation_id=consultation.id or 0)
        linked = {r.consultation_id for r in table.rounds}
        candidates = [
            c
            for c in accounts.consultations_for(session=session, officer=officer)
            if c.id != consultation.id and c.id not in linked
        ]
        own_themes = _choices(session, consultation.id or 0)
        round_themes = {r.link_id: _choices(session, r.consultation_id) for r in table.rounds}
        session.expunge_all()
    return render(
        request,
        "trends.html",
        officer=officer,
        consultation=consultation,
        section="trends",
        table=table,
        candidates=candidates,
        own_themes=own_themes,
        round_themes=round_themes,
        trend_labels=TREND_LABELS,
    )


@router.post("/{consultation_id}/trends/link")
def link(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    earlier_id: FormId,
) -> Response:
    """Link an earlier consultation (one the officer can see) and suggest theme matches."""
    load_consultation(services, officer, earlier_id, Cap.VIEW)
    try:
        with session_scope(services.db) as session:
            link_and_suggest(
                session=session, consultation_id=consultation.id or 0, earlier_id=earlier_id
            )
    except lineage_store.LinkError as error:
        flash(request, Msg.of("flash-not-linked", reason=str(error)), "error")
        return _back(consultation)
    _audit(services, officer.id, consultation.id, "consultation_linked", earlier_id=earlier_id)
    flash(request, "flash-linked")
    return _back(consultation)


@router.post("/{consultation_id}/trends/links/{link_id}/delete")
def unlink(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    link_id: PathId,
) -> Response:
    """Remove a link (and its matches)."""
    try:
        with session_scope(services.db) as session:
            lineage_store.unlink(
                session=session, consultation_id=consultation.id or 0, link_id=link_id
            )
    except lineage_store.LinkError as error:
        raise LocalisedHTTPException(404, "error-no-round-link") from error
    _audit(services, officer.id, consultation.id, "consultation_unlinked", link_id=link_id)
    flash(request, "flash-link-removed")
    return _back(consultation)


@router.post("/{consultation_id}/trends/refresh")
def refresh(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
) -> Response:
    """Suggest matches again (after a refit); confirmed and refused matches are kept."""
    with session_scope(services.db) as session:
        count = refresh_suggestions(session=session, consultation_id=consultation.id or 0)
    flash(request, Msg.of("flash-matches-suggested", count=count))
    return _back(consultation)


@router.post("/{consultation_id}/trends/matches/{match_id}/{decision}")
def decide_match(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    match_id: PathId,
    decision: str,
) -> Response:
    """Confirm a suggested match, or refuse it (never suggested again)."""
    states = {"confirm": MatchState.CONFIRMED, "refuse": MatchState.REFUSED}
    if decision not in states:
        raise LocalisedHTTPException(404, "error-confirm-or-refuse")
    with session_scope(services.db) as session:
        match = session.get(ThemeMatch, match_id)
        link = session.get(ConsultationLink, match.link_id) if match is not None else None
        if link is None or link.consultation_id != consultation.id:
            # Another consultation's match is "not found", as on every console route.
            raise LocalisedHTTPException(404, "error-no-round-link")
    try:
        with session_scope(services.db) as session:
            lineage_store.decide_match(
                session=session,
                consultation_id=consultation.id or 0,
                match_id=match_id,
                state=states[decision],
            )
    except lineage_store.LinkError as error:
        flash(request, Msg.of("flash-not-changed", reason=str(error)), "error")
        return _back(consultation)
    _audit(services, officer.id, consultation.id, f"theme_match_{decision}", match_id=match_id)
    if decision == "confirm":
        flash(request, "flash-match-confirmed")
    else:
        flash(request, "flash-match-refused")
    return _back(consultation)


@router.post("/{consultation_id}/trends/links/{link_id}/match")
def match_by_hand(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    link_id: PathId,
    theme_id: FormId,
    earlier_theme_id: FormId,
) -> Response:
    """The officer's own match between a theme and an earlier round's theme."""
    with session_scope(services.db) as session:
        found = session.get(ConsultationLink, link_id)
        if found is None or found.consultation_id != consultation.id:
            raise LocalisedHTTPException(404, "error-no-round-link")
        # Another consultation's themes are "not found", as on every console route.
        owned(session, Theme, theme_id, consultation.id or 0)
        owned(session, Theme, earlier_theme_id, found.earlier_id)
    try:
        with session_scope(services.db) as session:
            found = session.get(ConsultationLink, link_id)
            assert found is not None
            lineage_store.match_by_hand(
                session=session, link=found, theme_id=theme_id, earlier_theme_id=earlier_theme_id
            )
    except lineage_store.LinkError as error:
        flash(request, Msg.of("flash-not-matched", reason=str(error)), "error")
        return _back(consultation)
    _audit(
        services,
        officer.id,
        consultation.id,
        "theme_match_by_hand",
        theme_id=theme_id,
        earlier_theme_id=earlier_theme_id,
    )
    flash(request, "flash-matched")
    return _back(consultation)
