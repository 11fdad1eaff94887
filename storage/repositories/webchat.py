"""Web chat transcripts: what a resident saw, kept so they can come back and continue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.models import utcnow
from storage.models.webchat import WebchatLine


@dataclass(frozen=True, slots=True)
class NewLine:
    who: str  # "resident" or "bot"
    text: str
    options: Sequence[dict[str, str]] = field(default=())
    ref: str | None = None


def transcript(
    *, session: Session, participant_id: int, consultation_id: int, limit: int
) -> list[WebchatLine]:
    """The latest `limit` lines for one consultation, oldest first."""
    rows = session.exec(
        select(WebchatLine)
        .where(
            WebchatLine.participant_id == participant_id,
            WebchatLine.consultation_id == consultation_id,
        )
        .order_by(col(WebchatLine.id).desc())
        .limit(limit)
    ).all()
    return list(reversed(rows))


def refs(*, session: Session, participant_id: int) -> set[str]:
    found = session.exec(
        select(WebchatLine.ref).where(
            WebchatLine.participant_id == participant_id, col(WebchatLine.ref).is_not(None)
        )
    ).all()
    return {ref for ref in found if ref}


def append_lines(
    *,
    session: Session,
    participant_id: int,
    consultation_id: int,
    lines: Sequence[NewLine],
    now: datetime | None = None,
) -> bool:
    """Add lines in order; False (nothing added) when a line's ref is already stored.

    A savepoint keeps the caller's transaction usable when a double tap races
    this one to the same ref.
    """
    moment = now or utcnow()
    try:
        with session.begin_nested():
            for line in lines:
                options: list[dict[str, Any]] | None = [dict(o) for o in line.options] or None
                session.add(
                    WebchatLine(
                        participant_id=participant_id,
                        consultation_id=consultation_id,
                        who=line.who,
                        text=line.text,
                        options=options,
                        ref=line.ref,
                        created_at=moment,
                    )
                )
            session.flush()
    except IntegrityError:
        return False
    return True


def prune(*, session: Session, before: datetime) -> int:
    """Forget lines older than `before` (the web chat keeps them as long as its cookie)."""
    result = session.execute(delete(WebchatLine).where(col(WebchatLine.created_at) < before))
    return int(getattr(result, "rowcount", 0) or 0)
