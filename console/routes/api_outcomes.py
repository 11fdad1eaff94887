"""REST API for outcomes: the council's response to each theme, and themes across rounds."""

from __future__ import annotations

from datetime import date, datetime

from fastapi import APIRouter
from pydantic import BaseModel

from app.services import ServicesDep
from console.accuracy import accuracy_statement
from console.deps import ApiViewableConsultation
from console.outcomes import targeted_feedback
from console.trends import trend_table
from nlp.themes.lineage import Trend
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


class ThemeToldPublic(BaseModel):
    """One theme of a targeted "you said, we did": residents whose message named it.

    A resident in three themes had one message and counts under all three."""

    # Null once the theme was merged away or removed; the labels say what was sent.
    theme_id: int | None
    label: str
    label_cy: str
    theme_active: bool
    decision: Decision
    sent: int
    waiting: int
    failed: int
    # Texted STOP (or blocked the bot) before their turn: not messaged.
    opted_out: int
    # Still waiting when a later publication took them over.
    superseded: int


class TargetedFeedbackPublic(BaseModel):
    publication_id: int
    published_at: datetime
    # When sending finished (null while anyone is still waiting).
    sent_at: datetime | None
    # True until the send job has worked out who hears which theme (the counts are 0 till then).
    preparing: bool = False
    themes: list[ThemeToldPublic]


@router.get(
    "/consultations/{consultation_id}/responses/feedback",
    response_model=list[TargetedFeedbackPublic],
)
def list_targeted_feedback(
    services: ServicesDep, consultation: ApiViewableConsultation
) -> list[TargetedFeedbackPublic]:
    """Each theme's response as sent to the residents who raised it, newest first, with counts."""
    with session_scope(services.db) as session:
        found = targeted_feedback(session=session, consultation_id=consultation.id or 0)
    return [TargetedFeedbackPublic.model_validate(item) for item in found]


class RoundCellPublic(BaseModel):
    consultation_id: int
    theme_id: int
    label: str
    label_cy: str
    answers: int
    share: float
    # "suggested" (by meaning, not yet checked) or "confirmed" by an officer.
    match: str


class ThemeTrendPublic(BaseModel):
    theme_id: int
    # The same number for a theme in every linked round: the oldest matched theme's id.
    lineage_id: int
    label: str
    label_cy: str
    answers: int
    share: float
    # Against the most recent earlier round: new / growing / steady / fading.
    trend: Trend
    # One entry per earlier round, oldest first; null where the theme was not raised.
    earlier: list[RoundCellPublic | None]


class RoundPublic(BaseModel):
    consultation_id: int
    title: str
    answers: int


class TrendsPublic(BaseModel):
    rounds: list[RoundPublic]
    themes: list[ThemeTrendPublic]


@router.get("/consultations/{consultation_id}/trends", response_model=TrendsPublic)
def list_trends(services: ServicesDep, consultation: ApiViewableConsultation) -> TrendsPublic:
    """This consultation's themes beside the earlier rounds it is linked to."""
    with session_scope(services.db) as session:
        table = trend_table(session=session, consultation_id=consultation.id or 0)
    return TrendsPublic(
        rounds=[
            RoundPublic(consultation_id=r.consultation_id, title=r.title, answers=r.answers)
            for r in table.rounds
        ],
        themes=[
            ThemeTrendPublic(
                theme_id=row.theme_id,
                lineage_id=row.lineage_id,
                label=row.label,
                label_cy=row.label_cy,
                answers=row.answers,
                share=row.share,
                trend=row.trend,
                earlier=[
                    None
                    if cell is None
                    else RoundCellPublic(
                        consultation_id=table.rounds[index].consultation_id,
                        theme_id=cell.theme_id,
                        label=cell.label,
                        label_cy=cell.label_cy,
                        answers=cell.answers,
                        share=cell.share,
                        match=str(cell.state),
                    )
                    for index, cell in enumerate(row.earlier)
                ],
            )
            for row in table.rows
        ],
    )


class ComparisonPublic(BaseModel):
    """Agreement of two coders: "Automatic themes" or an officer (named A, B … not by name)."""

    first: str
    second: str
    answers: int
    kappa: float
    kappa_ci: tuple[float, float]
    f1: float
    f1_ci: tuple[float, float]


class AccuracyPublic(BaseModel):
    sample_size: int
    themes: int
    comparisons: list[ComparisonPublic]
    methods_en: str
    methods_cy: str


@router.get("/consultations/{consultation_id}/accuracy", response_model=AccuracyPublic)
def get_accuracy(services: ServicesDep, consultation: ApiViewableConsultation) -> AccuracyPublic:
    """The accuracy statement: automatic themes against officers' blind hand-coding."""
    with session_scope(services.db) as session:
        statement = accuracy_statement(session, consultation.id or 0)
    return AccuracyPublic(
        sample_size=statement.sample_size,
        themes=statement.themes,
        comparisons=[
            ComparisonPublic(
                first=c.first,
                second=c.second,
                answers=c.n,
                kappa=c.kappa,
                kappa_ci=c.kappa_ci,
                f1=c.f1,
                f1_ci=c.f1_ci,
            )
            for c in statement.comparisons
        ],
        methods_en=statement.methods("en"),
        methods_cy=statement.methods("cy"),
    )
