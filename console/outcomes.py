"""Outcomes for exports and the printable report: the council's response to each theme,
themes across linked rounds, and the accuracy statement, as plain data."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from console.accuracy import accuracy_statement
from console.trends import trend_table
from storage.repositories import responses as responses_store


def outcomes(*, session: Session, consultation_id: int) -> dict[str, Any]:
    """`responses`, `trends` and `accuracy`, JSON-ready (dates as ISO strings)."""
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
    return {"responses": responses, "trends": trends, "accuracy": accuracy}
