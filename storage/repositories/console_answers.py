"""Reading a consultation's answers in pages (exports, API, answer list) and the redaction cache."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from storage.db import session_scope
from storage.models._base import table_of
from storage.models.participant import Answer, Conversation
from storage.models.redacted import RedactedAnswer

ANSWER = table_of(Answer)
CONVERSATION = table_of(Conversation)
REDACTED = table_of(RedactedAnswer)


# Not frozen: a frozen dataclass's __init__ costs several times more, and
# exports build 100,000 of these.
@dataclass(slots=True)
class AnswerRow:
    """An answer with its profile, as exports need it. `text` is the ORIGINAL: redact it."""

    id: int
    received_at: datetime
    channel: str
    language: str
    kind: str
    ward: str | None
    age_band: str | None
    text: str
    # The cached redacted text when the page was read with a redaction version.
    redacted: str | None = None


def _query(consultation_id: int, after_id: int, limit: int, version: str | None) -> Any:
    columns = [
        ANSWER.c.id,
        ANSWER.c.received_at,
        ANSWER.c.channel,
        ANSWER.c.language,
        ANSWER.c.kind,
        CONVERSATION.c.ward,
        CONVERSATION.c.age_band,
        ANSWER.c.text,
    ]
    joined = ANSWER.outerjoin(CONVERSATION, CONVERSATION.c.id == ANSWER.c.conversation_id)
    if version is not None:
        # One query per page brings the cached redaction along (no second IN-list lookup).
        columns.append(REDACTED.c.text)
        joined = joined.outerjoin(
            REDACTED, (REDACTED.c.answer_id == ANSWER.c.id) & (REDACTED.c.version == version)
        )
    return (
        select(*columns)
        .select_from(joined)
        .where(ANSWER.c.consultation_id == consultation_id, ANSWER.c.id > after_id)
        .order_by(ANSWER.c.id)
        .limit(limit)
    )


def answer_page(
    *,
    session: Session,
    consultation_id: int,
    after_id: int = 0,
    limit: int = 1000,
    redaction_version: str | None = None,
) -> list[AnswerRow]:
    query = _query(consultation_id, after_id, limit, redaction_version)
    return [AnswerRow(*row) for row in session.execute(query).all()]


def iter_answer_pages(
    *,
    engine: Engine,
    consultation_id: int,
    page_size: int = 2000,
    after_id: int = 0,
    max_rows: int | None = None,
    redaction_version: str | None = None,
) -> Iterator[list[AnswerRow]]:
    """Every answer in id order, a page at a time, each page in its own short transaction.

    Keyset paging keeps memory flat for any size and never holds a
    transaction open while a slow client downloads an export.
    """
    remaining = max_rows
    while remaining is None or remaining > 0:
        size = page_size if remaining is None else min(page_size, remaining)
        with session_scope(engine) as session:
            page = answer_page(
                session=session,
                consultation_id=consultation_id,
                after_id=after_id,
                limit=size,
                redaction_version=redaction_version,
            )
        if not page:
            return
        yield page
        after_id = page[-1].id
        if remaining is not None:
            remaining -= len(page)


def cached_redactions(
    *, session: Session, answer_ids: Sequence[int], version: str
) -> dict[int, str]:
    if not answer_ids:
        return {}
    rows = session.execute(
        select(REDACTED.c.answer_id, REDACTED.c.text).where(
            REDACTED.c.answer_id.in_(list(answer_ids)), REDACTED.c.version == version
        )
    )
    return {int(answer_id): str(text) for answer_id, text in rows}


def store_redactions(
    *,
    session: Session,
    redactions: Sequence[tuple[int, str, list[dict[str, Any]]]],
    version: str,
    now: datetime,
) -> None:
    """Keep redacted text; an older version's row for the same answer is replaced."""
    if not redactions:
        return
    ids = [answer_id for answer_id, _, _ in redactions]
    session.execute(REDACTED.delete().where(REDACTED.c.answer_id.in_(ids)))
    session.execute(
        insert(REDACTED),
        [
            {"answer_id": a, "text": t, "spans": s, "version": version, "created_at": now}
            for a, t, s in redactions
        ],
    )


def answers_by_id(*, session: Session, answer_ids: Sequence[int]) -> list[AnswerRow]:
    if not answer_ids:
        return []
    query = (
        select(
            ANSWER.c.id,
            ANSWER.c.received_at,
            ANSWER.c.channel,
            ANSWER.c.language,
            ANSWER.c.kind,
            CONVERSATION.c.ward,
            CONVERSATION.c.age_band,
            ANSWER.c.text,
        )
        .select_from(ANSWER.outerjoin(CONVERSATION, CONVERSATION.c.id == ANSWER.c.conversation_id))
        .where(ANSWER.c.id.in_(list(answer_ids)))
        .order_by(ANSWER.c.id)
    )
    return [AnswerRow(*row) for row in session.execute(query)]
