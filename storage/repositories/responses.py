"""The council's response to each theme: saved, listed with the theme's current state.

A response belongs to one theme of one consultation. Saving checks the theme is
this consultation's and still active, and copies its labels so the response
still says what it answered when the theme is later merged away or removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from storage.models import utcnow
from storage.models.responses import (
    TEXT_LIMIT,
    Decision,
    ResponseStatus,
    ThemeResponse,
)
from storage.models.themes import Theme, ThemeAssignment, ThemeStatus

NAME_LIMIT = 200


class ResponseError(ValueError):
    """A response that cannot be saved; the message says what to fix."""


@dataclass(frozen=True)
class ResponseDraft:
    """What an officer typed, before it is checked."""

    decision: Decision
    detail_en: str = ""
    detail_cy: str = ""
    owner_service: str = ""
    passed_to: str = ""
    status: ResponseStatus = ResponseStatus.PLANNED
    status_date: date | None = None

    def checked(self) -> ResponseDraft:
        """The draft with spaces trimmed; raises :class:`ResponseError` when it cannot stand."""
        draft = ResponseDraft(
            decision=self.decision,
            detail_en=self.detail_en.strip(),
            detail_cy=self.detail_cy.strip(),
            owner_service=self.owner_service.strip(),
            passed_to=self.passed_to.strip(),
            status=self.status,
            status_date=self.status_date,
        )
        for name in ("detail_en", "detail_cy"):
            if len(getattr(draft, name)) > TEXT_LIMIT:
                raise ResponseError(f"Keep each text under {TEXT_LIMIT} characters.")
        for name in ("owner_service", "passed_to"):
            if len(getattr(draft, name)) > NAME_LIMIT:
                raise ResponseError(f"Keep names under {NAME_LIMIT} characters.")
        if not (draft.detail_en or draft.detail_cy) and draft.decision != Decision.PASSED_ON:
            raise ResponseError(
                "Say why in English or Welsh."
                if draft.decision == Decision.NOT_DOING
                else "Say what the council will do, in English or Welsh."
            )
        if draft.decision == Decision.PASSED_ON and not draft.passed_to:
            raise ResponseError("Name the body the theme was passed to.")
        closed = draft.decision in (Decision.NOT_DOING, Decision.PASSED_ON)
        if closed != (draft.status == ResponseStatus.CLOSED):
            raise ResponseError(
                "A theme the council is not acting on itself has the status 'closed'."
                if closed
                else "'Closed' is for themes the council is not acting on itself."
            )
        return draft


@dataclass(frozen=True)
class ResponseRow:
    """A theme with its response (if any), as the console and the API show it."""

    theme_id: int | None
    label_en: str
    label_cy: str
    # Answers in the theme now; 0 when the theme is gone.
    answers: int
    # False when the theme was merged away or removed after the response was written.
    theme_active: bool
    response: ThemeResponse | None


def save_response(
    *,
    session: Session,
    consultation_id: int,
    theme_id: int,
    draft: ResponseDraft,
    updated_by: str,
) -> ThemeResponse:
    """Create or replace the response to one active theme of this consultation."""
    theme = session.get(Theme, theme_id)
    if theme is None or theme.consultation_id != consultation_id:
        raise ResponseError("No such theme in this consultation.")
    if theme.status != ThemeStatus.ACTIVE:
        raise ResponseError("This theme was merged or removed; answer the theme it is now part of.")
    checked = draft.checked()
    response = session.exec(
        select(ThemeResponse)
        .where(ThemeResponse.consultation_id == consultation_id)
        .where(ThemeResponse.theme_id == theme_id)
    ).first() or ThemeResponse(
        consultation_id=consultation_id, theme_id=theme_id, decision=checked.decision
    )
    response.theme_label_en = theme.display_label("en")[:NAME_LIMIT]
    response.theme_label_cy = theme.display_label("cy")[:NAME_LIMIT]
    response.decision = checked.decision
    response.detail_en = checked.detail_en
    response.detail_cy = checked.detail_cy
    response.owner_service = checked.owner_service
    response.passed_to = checked.passed_to
    response.status = checked.status
    response.status_date = checked.status_date
    response.updated_by = updated_by[:254]
    response.updated_at = utcnow()
    session.add(response)
    session.flush()
    return response


def delete_response(*, session: Session, consultation_id: int, theme_id: int) -> bool:
    """Remove a theme's response; False when it had none."""
    response = session.exec(
        select(ThemeResponse)
        .where(ThemeResponse.consultation_id == consultation_id)
        .where(ThemeResponse.theme_id == theme_id)
    ).first()
    if response is None:
        return False
    session.delete(response)
    session.flush()
    return True


def response_rows(*, session: Session, consultation_id: int) -> list[ResponseRow]:
    """Every active theme (largest first, "other" last) with its response, then the
    responses whose theme has gone."""
    themes = list(
        session.exec(
            select(Theme)
            .where(Theme.consultation_id == consultation_id)
            .where(Theme.status == ThemeStatus.ACTIVE)
        )
    )
    sizes: dict[int | None, int] = {
        theme_id: int(count)
        for theme_id, count in session.execute(
            select(ThemeAssignment.theme_id, func.count())
            .where(col(ThemeAssignment.theme_id).in_([t.id for t in themes]))
            .group_by(col(ThemeAssignment.theme_id))
        )
    }
    responses = list(
        session.exec(
            select(ThemeResponse)
            .where(ThemeResponse.consultation_id == consultation_id)
            .order_by(col(ThemeResponse.id))
        )
    )
    by_theme: dict[int | None, ThemeResponse] = {
        r.theme_id: r for r in responses if r.theme_id is not None
    }
    themes.sort(key=lambda t: (t.is_other, -sizes.get(t.id, 0), t.id or 0))
    rows = [
        ResponseRow(
            theme_id=theme.id,
            label_en=theme.display_label("en"),
            label_cy=theme.display_label("cy"),
            answers=int(sizes.get(theme.id, 0)),
            theme_active=True,
            response=by_theme.get(theme.id),
        )
        for theme in themes
    ]
    active_ids = {t.id for t in themes}
    rows += [
        ResponseRow(
            theme_id=r.theme_id,
            label_en=r.theme_label_en,
            label_cy=r.theme_label_cy,
            answers=0,
            theme_active=False,
            response=r,
        )
        for r in responses
        if r.theme_id not in active_ids
    ]
    return rows
