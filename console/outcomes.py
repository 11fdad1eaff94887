"""Outcomes for exports and the printable report: the council's response to each theme,
themes across linked rounds, and the accuracy statement, as plain data."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from console.accuracy import accuracy_statement
from console.trends import trend_table
from storage.repositories import responses as responses_store
from storage.repositories.feedback_themes import targeted_status


def targeted_feedback(*, session: Session, consultation_id: int) -> list[dict[str, Any]]:
    """Targeted "you said, we did" publications, newest first, with counts per theme."""
    return [
        {
            "publication_id": item.publication.id,
            "published_at": item.publication.published_at.isoformat(),
            "sent_at": item.publication.sent_at.isoformat() if item.publication.sent_at else None,
            "preparing": item.preparing,
            "themes": [
                {
                    "theme_id": t.line.theme_id if t.theme_active else None,
                    "label": t.line.label_en,
                    "label_cy": t.line.label_cy,
                    "theme_active": t.theme_active,
                    "decision": t.line.decision,
                    **t.counts,
                }
                for t in item.themes
            ],
        }
        for item in targeted_status(session=session, consultation_id=consultation_id)
    ]


def outcomes(*, session: Session, consultation_id: int) -> dict[str, Any]:
    """`responses`, `targeted_feedback`, `trends` and `accuracy`, JSON-ready (ISO dates)."""
    responses = [
        {
            "theme_id": row.theme_id,
            "label": row.label_en,
            "label_cy": row.label_cy,
            "theme_active": row.theme_active,
            "decision": str(row.response.decision),
            "detail_en": row.response.detail_en,
            "detail_cy": row.response.detail_cy,
            "owner_service": row.response.owner_service,
            "passed_to": row.response.passed_to,
            "status": str(row.response.status),
            "status_date": row.response.status_date.isoformat()
            if row.response.status_date
            else None,
        }
        for row in responses_store.response_rows(session=session, consultation_id=consultation_id)
        if row.response is not None
    ]
    table = trend_table(session=session, consultation_id=consultation_id)
    trends = {
        "rounds": [{"consultation_id": r.consultation_id, "title": r.title} for r in table.rounds],
        "themes": [
            {
                "theme_id": row.theme_id,
                "lineage_id": row.lineage_id,
                "label": row.label,
                "trend": str(row.trend),
                "answers": row.answers,
                "share": round(row.share, 4),
                "earlier_answers": [c.answers if c else None for c in row.earlier],
            }
            for row in table.rows
        ],
    }
    statement = accuracy_statement(session, consultation_id)
    accuracy = {
        "sample_size": statement.sample_size,
        "comparisons": [
            {
                "first": c.first,
                "second": c.second,
                "answers": c.n,
                "kappa": round(c.kappa, 3),
                "kappa_ci": [round(x, 3) for x in c.kappa_ci],
                "f1": round(c.f1, 3),
                "f1_ci": [round(x, 3) for x in c.f1_ci],
            }
            for c in statement.comparisons
        ],
        "methods_en": statement.methods("en"),
        "methods_cy": statement.methods("cy"),
    }
    return {
        "responses": responses,
        "targeted_feedback": targeted_feedback(session=session, consultation_id=consultation_id),
        "trends": trends,
        "accuracy": accuracy,
    }
