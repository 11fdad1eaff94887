"""The append-only audit log (the database refuses UPDATE and DELETE on it)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert
from sqlmodel import Session, col, select

from storage.hot_sql import Executor, connection_of
from storage.models import AuditEvent, utcnow
from storage.models._base import table_of

AUDIT = table_of(AuditEvent)
_INSERT = insert(AUDIT)


def event_values(
    *,
    actor: str,
    action: str,
    subject: str = "",
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> dict[str, Any]:
    """An event's columns, checked by keyword (for `record_event` or the turn's end)."""
    return {
        "at": at or utcnow(),
        "actor": actor,
        "action": action,
        "subject": subject,
        "detail": detail,
    }


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
    values = event_values(actor=actor, action=action, subject=subject, detail=detail, at=at)
    insert_event(session=session, values=values)


def insert_event(*, session: Executor, values: dict[str, Any]) -> None:
    """Append one event from `event_values`."""
    connection_of(session).execute(_INSERT, values)


def list_events(
    *, session: Session, action: str | None = None, subject: str | None = None
) -> list[AuditEvent]:
    stmt = select(AuditEvent).order_by(col(AuditEvent.id))
    if action is not None:
        stmt = stmt.where(col(AuditEvent.action) == action)
    if subject is not None:
        stmt = stmt.where(col(AuditEvent.subject) == subject)
    return list(session.exec(stmt).all())
