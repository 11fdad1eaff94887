"""Regrouping a consultation's themes: a full refit in the background, and the theme
tree's "about N" (a re-cut of the broad level now, or a regroup of the sub-themes)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from app.services import ServicesDep
from console.deps import CurrentOfficer, EditableConsultation, check_csrf
from console.i18n import Msg
from console.routes.theme_edits import board_url, run_edit
from console.templating import flash
from storage.db import session_scope
from storage.repositories import console_accounts as accounts
from storage.repositories import themes as themes_store

router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)


@router.post("/{consultation_id}/themes/refit")
def refit(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
) -> Response:
    """Ask the background worker to regroup every answer (officers' edits are kept)."""
    if "refit" not in services.job_registry.names():
        flash(request, "flash-theming-off", "error")
    else:
        services.jobs.enqueue("refit", consultation_id=consultation.id or 0)
        with session_scope(services.db) as session:
            accounts.audit(
                session=session,
                actor=f"officer:{officer.id}",
                action="themes_refit_requested",
                subject=f"consultation:{consultation.id}",
            )
        flash(request, "flash-regrouping")
    return RedirectResponse(board_url(consultation), status_code=303)


@router.post("/{consultation_id}/themes/about")
def about_n(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    level: Annotated[str, Form(max_length=8)],
    n: Annotated[int | None, Form(ge=1, le=300)] = None,
    reset: Annotated[str, Form(max_length=1)] = "",
) -> Response:
    """About N broad themes (a re-cut of the tree, done now) or sub-themes (a regroup).

    Either choice is kept for later refits until the officer goes back to the default.
    """
    from nlp.themes.broad import TreeError, rebuild_broad

    cid = consultation.id or 0
    back = f"{board_url(consultation)}?level={'broad' if level == 'broad' else 'sub'}"
    if level not in ("broad", "sub"):
        flash(request, "flash-tree-choose-level", "error")
        return RedirectResponse(back, status_code=303)
    if n is None and not reset:
        flash(request, "flash-tree-say-how-many", "error")
        return RedirectResponse(back, status_code=303)
    if level == "broad":

        def change(session: Session, actor: str) -> Msg:
            del actor
            try:
                done = rebuild_broad(
                    session=session,
                    consultation_id=cid,
                    about_broad=None if reset else n,
                    reset=bool(reset),
                )
            except TreeError as error:
                raise themes_store.ThemeEditError(str(error)) from error
            return Msg.of("flash-recut-done", broad=done.broad, default=done.default)

        return run_edit(
            request,
            services,
            officer,
            consultation,
            "recut",
            change,
            back,
            {"n": n, "reset": reset},
        )
    if "refit" not in services.job_registry.names():
        flash(request, "flash-theming-off", "error")
        return RedirectResponse(back, status_code=303)
    with session_scope(services.db) as session:
        themes_store.save_tree(session=session, consultation_id=cid, about_sub=None if reset else n)
        accounts.audit(
            session=session,
            actor=f"officer:{officer.id}",
            action="themes_about_sub",
            subject=f"consultation:{cid}",
            detail={"n": n, "reset": reset},
        )
    services.jobs.enqueue("refit", consultation_id=cid)
    flash(request, "flash-regrouping-sub")
    return RedirectResponse(back, status_code=303)
