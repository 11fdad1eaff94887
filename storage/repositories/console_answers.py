"""Reading a consultation's answers in pages (exports, API, answer list) and the redaction cache."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
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
    # Which consultation's words redact it (None: looked up from the answer).
    consultation_id: int | None = None
    # The cached redacted text and its version, when the page was read with the cache;
    # the text is used only when the version is the one its consultation's words make.
    redacted: str | None = None
    redacted_version: str | None = None

    @classmethod
    def of(cls, answer: Answer) -> AnswerRow:
        """A stored answer as a row to redact (no profile: pages that show one answer's
        text do not show its ward or age band)."""
        return cls(
            answer.id or 0,
            answer.received_at,
            answer.channel,
            answer.language,
            answer.kind,
            None,
            None,
            answer.text,
            consultation_id=answer.consultation_id,
        )


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
        ANSWER.c.consultation_id,
    ]
    joined = ANSWER.outerjoin(CONVERSATION, CONVERSATION.c.id == ANSWER.c.conversation_id)
    if version is not None:
        # One query per page brings the cached redaction along (no second IN-list lookup),
        # whatever its version: one row per answer, checked against its consultation's
        # version by the caller (console/redact.py).
        columns.extend((REDACTED.c.text, REDACTED.c.version))
        joined = joined.outerjoin(REDACTED, REDACTED.c.answer_id == ANSWER.c.id)
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
    *, session: Session, answer_ids: Sequence[int], version: str | Mapping[int, str]
) -> dict[int, str]:
    """Cached text of these answers made with `version` (one, or each answer's own)."""
    if not answer_ids:
        return {}
    wanted = version if isinstance(version, Mapping) else dict.fromkeys(answer_ids, version)
    rows = session.execute(
        select(REDACTED.c.answer_id, REDACTED.c.text, REDACTED.c.version).where(
            REDACTED.c.answer_id.in_(list(answer_ids))
        )
    )
    return {int(a): str(text) for a, text, found in rows if wanted.get(int(a)) == found}


def unredacted_answer_ids(*, session: Session, limit: int = 10_000) -> list[int]:
    """Answers with no cached redaction at all (the worker's sweep queues these)."""
    rows = session.execute(
        select(ANSWER.c.id)
        .select_from(ANSWER.outerjoin(REDACTED, REDACTED.c.answer_id == ANSWER.c.id))
        .where(REDACTED.c.answer_id.is_(None))
        .order_by(ANSWER.c.id)
        .limit(limit)
    )
    return [int(r[0]) for r in rows]


def cached_redaction_spans(
    *, session: Session, answer_ids: Sequence[int]
) -> dict[int, list[dict[str, Any]]]:
    """The cached spans of these answers, whatever redactor version found them."""
    found: dict[int, list[dict[str, Any]]] = {}
    ids = list(answer_ids)
    for start in range(0, len(ids), 1000):
        rows = session.execute(
            select(REDACTED.c.answer_id, REDACTED.c.spans).where(
                REDACTED.c.answer_id.in_(ids[start : start + 1000])
            )
        )
        found.update({int(answer_id): list(spans or []) for answer_id, spans in rows})
    return found


def store_redactions(
    *,
    session: Session,
    redactions: Sequence[tuple[int, str, list[dict[str, Any]]]],
    version: str | Mapping[int, str],
    now: datetime,
) -> None:
    """Keep redacted text made with `version` (one, or each answer's own); an older
    version's row for the same answer is replaced."""
    if not redactions:
        return
    ids = [answer_id for answer_id, _, _ in redactions]
    of = version if isinstance(version, Mapping) else dict.fromkeys(ids, version)
    session.execute(REDACTED.delete().where(REDACTED.c.answer_id.in_(ids)))
    session.execute(
        insert(REDACTED),
        [
            {"answer_id": a, "text": t, "spans": s, "version": of[a], "created_at": now}
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
            ANSWER.c.consultation_id,
        )
        .select_from(ANSWER.outerjoin(CONVERSATION, CONVERSATION.c.id == ANSWER.c.conversation_id))
        .where(ANSWER.c.id.in_(list(answer_ids)))
        .order_by(ANSWER.c.id)
    )
    return [AnswerRow(*row) for row in session.execute(query)]
