"""Every stored time comes back as the same instant, in UTC and aware, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from storage.db import session_scope
from storage.models import AuditEvent

#: 10:30 on a clock two hours ahead of UTC (08:30 UTC).
AHEAD = datetime(2026, 7, 1, 10, 30, tzinfo=timezone(timedelta(hours=2)))


def _store(engine: Engine, at: datetime) -> int:
    with session_scope(engine) as session:
        event = AuditEvent(actor="test", action="timed", subject="clock", at=at)
        session.add(event)
        session.flush()
        assert event.id is not None
        return event.id


def test_an_aware_time_in_another_zone_is_stored_as_the_same_instant(engine: Engine) -> None:
    event_id = _store(engine, AHEAD)
    with Session(engine) as session:
        stored = session.get(AuditEvent, event_id)
        assert stored is not None
        assert stored.at == AHEAD and stored.at.utcoffset() == timedelta(0)
        # Core queries (the exports' iterators) get the same aware UTC value.
        table = AuditEvent.__table__  # type: ignore[attr-defined]
        (raw,) = session.execute(select(table.c.at).where(table.c.id == event_id)).one()
        assert raw == datetime(2026, 7, 1, 8, 30, tzinfo=UTC) and raw.tzinfo is not None


def test_a_naive_time_is_taken_as_utc(engine: Engine) -> None:
    event_id = _store(engine, datetime(2026, 1, 2, 3, 4, 5))
    with Session(engine) as session:
        stored = session.get(AuditEvent, event_id)
        assert stored is not None
        assert stored.at == datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
