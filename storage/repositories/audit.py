"""The append-only audit log (the database refuses UPDATE and DELETE on it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from storage.models import AuditEvent, utcnow
from storage.models._base import table_of

AUDIT = table_of(AuditEvent)
_INSERT = insert(AUDIT)


def record_event(
    *,
    session: Session,
    actor: str,
    action: str,
    subject: str = "",
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> None:
    """Append one event. `subject` must identify nobody once erased ("participant:42")."""
    session.connection().execute(
        _INSERT,
        {
            "at": at or utcnow(),
            "actor": actor,
            "action": action,
            "subject": subject,
            "detail": detail,
        },
    )


def list_events(
    *, session: Session, action: str | None = None, subject: str | None = None
) -> list[AuditEvent]:
    stmt = select(AuditEvent).order_by(col(AuditEvent.id))
    if action is not None:
        stmt = stmt.where(col(AuditEvent.action) == action)
    if subject is not None:
        stmt = stmt.where(col(AuditEvent.subject) == subject)
    return list(session.exec(stmt).all())
