"""Officers' theme edits: rename, merge, split, move, pin, seed, regroup."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session

from app.services import ServicesDep
from console.deps import CurrentOfficer, EditableConsultation, check_csrf
from console.i18n import Msg
from console.scoping import owned, owned_ids
from console.templating import flash
from storage.db import session_scope
from storage.input_policy import parse_id
from storage.models import Answer, Consultation
from storage.models.accounts import Officer
from storage.models.themes import Theme
from storage.repositories import console_accounts as accounts
from storage.repositories import themes as themes_store
from storage.repositories.quotes import QuoteError, propose_quote

router = APIRouter(
    prefix="/console/consultations", dependencies=[Depends(check_csrf)], tags=["console"]
)


def run_edit(
    request: Request,
    services: ServicesDep,
    officer: Officer,
    consultation: Consultation,
    action: str,
    change: Callable[[Session, str], Msg],
    back: str,
    detail: dict[str, Any],
) -> Response:
    """Run one theme edit in a transaction, audit it, and say what happened."""
    actor = f"officer:{officer.id}"
    try:
        with session_scope(services.db) as session:
            message = change(session, actor)
            accounts.audit(
                session=session,
                actor=actor,
                action=f"theme_{action}",
                subject=f"consultation:{consultation.id}",
                detail=detail,
            )
    except (themes_store.ThemeEditError, QuoteError) as error:
        flash(request, Msg.of("flash-not-changed", reason=str(error)), "error")
    else:
        flash(request, message)
    return RedirectResponse(back, status_code=303)


def _check_owned(
    services: ServicesDep,
    consultation: Consultation,
    theme_id: int,
    answer_ids: list[int] | None = None,
) -> None:
    """404 for a theme or answers of another consultation (or none), before anything else."""
    with session_scope(services.db) as session:
        owned(session, Theme, theme_id, consultation.id or 0)
        owned_ids(session, Answer, answer_ids or [], consultation.id or 0)


def board_url(consultation: Consultation, theme_id: int | None = None) -> str:
    url = f"/console/consultations/{consultation.id}/themes"
    return f"{url}/{theme_id}" if theme_id else url


@router.post("/{consultation_id}/themes/{theme_id}/rename")
def rename(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    theme_id: int,
    label: Annotated[str, Form(max_length=200)],
    label_cy: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Give a theme the officer's own name in English and Welsh (kept across refits)."""
    from nlp.themes.edits import rename_theme

    _check_owned(services, consultation, theme_id)
    if not label_cy.strip():
        # Welsh residents hear this name in playback and feedback: it cannot be left out.
        flash(request, "flash-welsh-name-needed", "error")
        return RedirectResponse(board_url(consultation), status_code=303)

    def change(session: Session, actor: str) -> Msg:
        owned(session, Theme, theme_id, consultation.id or 0)
        rename_theme(
            session=session,
            consultation_id=consultation.id or 0,
            theme_id=theme_id,
            label=label,
            label_cy=label_cy,
            actor=actor,
        )
        return Msg("flash-theme-renamed")

    return run_edit(
        request,
        services,
        officer,
        consultation,
        "renamed",
        change,
        board_url(consultation),
        {"theme_id": theme_id, "label": label, "label_cy": label_cy},
    )


@router.post("/{consultation_id}/themes/{theme_id}/merge")
def merge(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    theme_id: int,
    target_id: Annotated[int, Form()],
) -> Response:
    """Fold this theme into another."""
    from nlp.themes.edits import merge_themes

    def change(session: Session, actor: str) -> Msg:
        owned(session, Theme, theme_id, consultation.id or 0)
        owned(session, Theme, target_id, consultation.id or 0)
        merged = merge_themes(
            session=session,
            consultation_id=consultation.id or 0,
            source_ids=[theme_id],
            target_id=target_id,
            actor=actor,
        )
        return Msg.of("flash-theme-merged", label=merged.display_label())

    return run_edit(
        request,
        services,
        officer,
        consultation,
        "merged",
        change,
        board_url(consultation),
        {"theme_id": theme_id, "into": target_id},
    )


@router.post("/{consultation_id}/themes/{theme_id}/split")
async def split(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    theme_id: int,
) -> Response:
    """Split a theme into two named parts chosen answer by answer."""
    from fastapi.concurrency import run_in_threadpool

    from nlp.themes.edits import split_theme

    form = await request.form()
    names = [str(form.get("part1", "")), str(form.get("part2", ""))]
    welsh = [str(form.get("part1_cy", "")), str(form.get("part2_cy", ""))]
    parts: list[tuple[str, list[int]]] = [(names[0], []), (names[1], [])]
    for key, value in form.multi_items():
        answer_id = parse_id(key[7:]) if key.startswith("answer_") else None
        if answer_id is not None and value in ("1", "2"):
            parts[int(str(value)) - 1][1].append(answer_id)
    # Another consultation's theme or answers are "not found" before any form check.
    _check_owned(services, consultation, theme_id, [a for _, ids in parts for a in ids])
    if all(ids for _, ids in parts) and not all(name.strip() for name in welsh):
        # New names reach Welsh residents as much as renamed ones do. (A split with a
        # part left empty is refused below, with that reason first.)
        flash(request, "flash-welsh-name-needed", "error")
        return RedirectResponse(board_url(consultation, theme_id), status_code=303)

    def change(session: Session, actor: str) -> Msg:
        cid = consultation.id or 0
        owned(session, Theme, theme_id, cid)
        owned_ids(session, Answer, [a for _, ids in parts for a in ids], cid)
        split_theme(
            session=session,
            consultation_id=consultation.id or 0,
            theme_id=theme_id,
            parts=parts,
            actor=actor,
            welsh_names=welsh,
        )
        return Msg("flash-theme-split")

    return await run_in_threadpool(
        run_edit,
        request,
        services,
        officer,
        consultation,
        "split",
        change,
        board_url(consultation),
        {"theme_id": theme_id, "parts": names, "parts_cy": welsh},
    )


@router.post("/{consultation_id}/themes/{theme_id}/pin")
def pin(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    theme_id: int,
    answer_id: Annotated[int, Form()],
    pinned: Annotated[bool, Form()] = True,
) -> Response:
    """Pin an answer as a quote for the theme; it joins the approval queue, redacted."""
    from nlp.themes.edits import pin_quote

    def change(session: Session, actor: str) -> Msg:
        owned(session, Theme, theme_id, consultation.id or 0)
        owned(session, Answer, answer_id, consultation.id or 0)
        pin_quote(
            session=session,
            consultation_id=consultation.id or 0,
            answer_id=answer_id,
            theme_id=theme_id,
            pinned=pinned,
            actor=actor,
        )
        if not pinned:
            return Msg("flash-unpinned")
        _propose(session, answer_id, theme_id)
        return Msg("flash-pinned")

    return run_edit(
        request,
        services,
        officer,
        consultation,
        "pinned" if pinned else "unpinned",
        change,
        board_url(consultation, theme_id),
        {"theme_id": theme_id, "answer_id": answer_id},
    )


def _propose(session: Session, answer_id: int, theme_id: int) -> None:
    from console.redact import redact_one
    from storage.models import Answer
    from storage.models.quotes import QuoteSource
    from storage.repositories.redaction_words import words_for_consultation

    answer = session.get(Answer, answer_id)
    redacted = (
        redact_one(
            answer.text,
            answer.language,
            words_for_consultation(session=session, consultation_id=answer.consultation_id),
        )
        if answer is not None
        else None
    )
    if redacted is None:
        raise QuoteError("quotes need the redactor installed")
    spans = redacted[1]
    propose_quote(
        session=session,
        answer_id=answer_id,
        spans=spans,
        theme_id=theme_id,
        source=QuoteSource.OFFICER_PICK,
    )


@router.post("/{consultation_id}/answers/{answer_id}/move")
def move(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    answer_id: int,
    theme_id: Annotated[int, Form()],
    back: Annotated[int, Form()] = 0,
) -> Response:
    """Put an answer in another theme (kept there across refits)."""
    from nlp.themes.edits import move_answer

    def change(session: Session, actor: str) -> Msg:
        owned(session, Answer, answer_id, consultation.id or 0)
        owned(session, Theme, theme_id, consultation.id or 0)
        if back:
            owned(session, Theme, back, consultation.id or 0)
        move_answer(
            session=session,
            consultation_id=consultation.id or 0,
            answer_id=answer_id,
            theme_id=theme_id,
            actor=actor,
        )
        return Msg("flash-answer-moved")

    return run_edit(
        request,
        services,
        officer,
        consultation,
        "answer_moved",
        change,
        board_url(consultation, back or theme_id),
        {"answer_id": answer_id, "theme_id": theme_id},
    )


@router.post("/{consultation_id}/themes/seed")
def seed(
    request: Request,
    services: ServicesDep,
    officer: CurrentOfficer,
    consultation: EditableConsultation,
    label: Annotated[str, Form(max_length=200)],
    examples: Annotated[str, Form(max_length=10_000)] = "",
    label_cy: Annotated[str, Form(max_length=200)] = "",
) -> Response:
    """Add a codebook theme from a name in both languages and example answers (one a line)."""
    from nlp.themes.edits import seed_theme

    if not label_cy.strip():
        flash(request, "flash-welsh-name-needed", "error")
        return RedirectResponse(board_url(consultation), status_code=303)
    lines = [line.strip() for line in examples.splitlines() if line.strip()][:50]

    def change(session: Session, actor: str) -> Msg:
        seed_theme(
            session=session,
            consultation_id=consultation.id or 0,
            label=label,
            label_cy=label_cy,
            examples=lines,
            embedder=services.embedder(),
            actor=actor,
        )
        return Msg("flash-seed-added")

    return run_edit(
        request,
        services,
        officer,
        consultation,
        "seeded",
        change,
        board_url(consultation),
        {"label": label, "label_cy": label_cy, "examples": len(lines)},
    )
