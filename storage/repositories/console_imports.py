"""Batch insertion of imported answers, skipping ones already stored."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlmodel import Session

from storage.models._base import table_of
from storage.models.participant import Answer

ANSWER = table_of(Answer)


def existing_message_ids(*, session: Session, ids: Sequence[str]) -> set[str]:
    if not ids:
        return set()
    rows = session.execute(
        select(ANSWER.c.provider_message_id).where(ANSWER.c.provider_message_id.in_(list(ids)))
    )
    return {row[0] for row in rows}


def insert_imported_answers(
    *, session: Session, consultation_id: int, rows: Sequence[dict[str, Any]], now: datetime
) -> list[int]:
    """Insert rows (text, language, received_at, provider_message_id); returns the new ids."""
    if not rows:
        return []
    values = [
        {
            "consultation_id": consultation_id,
            "kind": "import",
            "channel": "import",
            "created_at": now,
            **row,
        }
        for row in rows
    ]
    result = session.execute(insert(ANSWER).returning(ANSWER.c.id), values)
    return [int(row[0]) for row in result]
