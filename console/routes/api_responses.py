"""REST API: the council's response to each theme ("you said, we did", theme by theme)."""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter
from pydantic import BaseModel

from bot.services import ServicesDep
from console.deps import ApiViewableConsultation
from storage.db import session_scope
from storage.models.responses import Decision, ResponseStatus
from storage.repositories import responses as responses_store

router = APIRouter(prefix="/api/v1", tags=["api"])


class ThemeResponsePublic(BaseModel):
    """What the council decided about one theme. `theme_id` is null once the theme
    was merged away or removed; the labels then say what was answered."""

    theme_id: int | None
    label: str
    label_cy: str
    # Answers carrying the theme now (0 when it is gone).
    answers: int
    theme_active: bool
    # Null when the council has not responded to this theme yet.
    decision: Decision | None
    detail_en: str
    detail_cy: str
    owner_service: str
    passed_to: str
    status: ResponseStatus | None
    status_date: date | None
    updated_at: datetime | None


@router.get("/consultations/{consultation_id}/responses", response_model=list[ThemeResponsePublic])
def list_responses(
    services: ServicesDep, consultation: ApiViewableConsultation
) -> list[ThemeResponsePublic]:
    """Every theme with the council's response to it, largest theme first."""
    with session_scope(services.db) as session:
        rows = responses_store.response_rows(session=session, consultation_id=consultation.id or 0)
        return [
            ThemeResponsePublic(
                theme_id=row.theme_id,
                label=row.label_en,
                label_cy=row.label_cy,
                answers=row.answers,
                theme_active=row.theme_active,
                decision=row.response.decision if row.response else None,
                detail_en=row.response.detail_en if row.response else "",
                detail_cy=row.response.detail_cy if row.response else "",
                owner_service=row.response.owner_service if row.response else "",
                passed_to=row.response.passed_to if row.response else "",
                status=row.response.status if row.response else None,
                status_date=row.response.status_date if row.response else None,
                updated_at=row.response.updated_at if row.response else None,
            )
            for row in rows
        ]
