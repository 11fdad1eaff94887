"""Residents and their conversations.

The conversation engine runs these once or twice per inbound message, so they
are plain Core statements returning small records (no ORM identity map, no
lazy loads); the hot path is one joined read and a few narrow writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import and_, bindparam, delete, insert, select, update
from sqlmodel import Session, col
from sqlmodel import select as orm_select

from storage.hot_sql import Executor, HotStatement
from storage.models import Conversation, Participant, as_utc
from storage.models._base import table_of
from storage.models.participant import Answer, InboundReceipt
from storage.models.playback import DeliveryState, PlaybackRecipient, ThemeAgreement
from storage.repositories.console_jobs import forget_exports_of
from storage.repositories.derived_text import forget_derived_text

PARTICIPANT = table_of(Participant)
CONVERSATION = table_of(Conversation)


def aware(moment: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; every stored time is UTC."""
    return None if moment is None else as_utc(moment)


@dataclass(slots=True)
class ParticipantRecord:
    id: int
    channel: str
    language: str
    consent: str
    opted_out: bool
    wants_feedback: bool | None
    active_consultation_id: int | None
    erasure_requested_at: datetime | None
    last_seen_at: datetime
    data: dict[str, Any] = field(default_factory=dict)
    # Whether a playback round was ever sent to them: only then can a message be
    # a playback reply, so everyone else skips that lookup (read with the row).
    playback_sent: bool = False


@dataclass(slots=True)
class ConversationRecord:
    id: int
    participant_id: int
    consultation_id: int
    step: str
    ward: str | None
    age_band: str | None
    data: dict[str, Any] = field(default_factory=dict)
    updated_at: datetime | None = None
    completed_at: datetime | None = None


_P_COLS = (
    PARTICIPANT.c.id,
    PARTICIPANT.c.channel,
    PARTICIPANT.c.language,
    PARTICIPANT.c.consent,
    PARTICIPANT.c.opted_out,
    PARTICIPANT.c.wants_feedback,
    PARTICIPANT.c.active_consultation_id,
    PARTICIPANT.c.erasure_requested_at,
    PARTICIPANT.c.last_seen_at,
    PARTICIPANT.c.data,
)
_C_COLS = (
    CONVERSATION.c.id,
    CONVERSATION.c.participant_id,
    CONVERSATION.c.consultation_id,
    CONVERSATION.c.step,
    CONVERSATION.c.ward,
    CONVERSATION.c.age_band,
    CONVERSATION.c.data,
    CONVERSATION.c.updated_at,
    CONVERSATION.c.completed_at,
)


def _participant(row: Any) -> ParticipantRecord:
    return ParticipantRecord(
        id=row[0],
        channel=row[1],
        language=row[2],
        consent=row[3],
        opted_out=bool(row[4]),
        wants_feedback=row[5],
        active_consultation_id=row[6],
        erasure_requested_at=aware(row[7]),
        last_seen_at=cast(datetime, aware(row[8])),
        data=dict(row[9] or {}),
    )


def _conversation(row: Any, offset: int = 0) -> ConversationRecord | None:
    if row[offset] is None:
        return None
    return ConversationRecord(
        id=row[offset],
        participant_id=row[offset + 1],
        consultation_id=row[offset + 2],
        step=row[offset + 3],
        ward=row[offset + 4],
        age_band=row[offset + 5],
        data=dict(row[offset + 6] or {}),
        updated_at=aware(row[offset + 7]),
        completed_at=aware(row[offset + 8]),
    )


_JOINED = PARTICIPANT.outerjoin(
    CONVERSATION,
    and_(
        CONVERSATION.c.participant_id == PARTICIPANT.c.id,
        CONVERSATION.c.consultation_id == PARTICIPANT.c.active_consultation_id,
    ),
)
# Statements are built once: building and cache-keying a statement costs more
# than running it on SQLite, and these run for every inbound message.
_RECIPIENT = table_of(PlaybackRecipient)
_PLAYBACK_SENT = (
    select(_RECIPIENT.c.id)
    .where(
        _RECIPIENT.c.participant_id == PARTICIPANT.c.id,
        _RECIPIENT.c.state == str(DeliveryState.SENT),
    )
    .exists()
    .label("playback_sent")
)
_FIND = (
    select(*_P_COLS, *_C_COLS, _PLAYBACK_SENT)
    .select_from(_JOINED)
    .where(
        PARTICIPANT.c.channel == bindparam("channel"),
        PARTICIPANT.c.address_hash == bindparam("address_hash"),
    )
)
_FIND_LOCKED = HotStatement(_FIND.with_for_update(of=PARTICIPANT))
_FIND_UNLOCKED = HotStatement(_FIND)
_INSERT_PARTICIPANT = HotStatement(insert(PARTICIPANT).returning(PARTICIPANT.c.id))
_UPDATE_PARTICIPANT = HotStatement(
    update(PARTICIPANT).where(PARTICIPANT.c.id == bindparam("participant_id"))
)
_FIND_CONVERSATION = HotStatement(
    select(*_C_COLS).where(
        CONVERSATION.c.participant_id == bindparam("participant_id"),
        CONVERSATION.c.consultation_id == bindparam("consultation_id"),
    )
)
_INSERT_CONVERSATION = HotStatement(insert(CONVERSATION).returning(CONVERSATION.c.id))
_SAVE_CONVERSATION = HotStatement(
    update(CONVERSATION)
    .where(CONVERSATION.c.id == bindparam("conversation_id"))
    .values(
        step=bindparam("step"),
        ward=bindparam("ward"),
        age_band=bindparam("age_band"),
        data=bindparam("data", type_=CONVERSATION.c.data.type),
        updated_at=bindparam("updated_at", type_=CONVERSATION.c.updated_at.type),
        completed_at=bindparam("completed_at", type_=CONVERSATION.c.completed_at.type),
    )
)


def find_with_active_conversation(
    *, session: Executor, channel: str, address_hash: str, lock: bool = False
) -> tuple[ParticipantRecord, ConversationRecord | None] | None:
    """The participant for an address and the conversation they are in, in one read.

    `lock` takes a row lock on the participant (PostgreSQL) so that two messages
    from one person are handled one after the other, never interleaved.
    """
    rows = (_FIND_LOCKED if lock else _FIND_UNLOCKED).execute(
        session, {"channel": channel, "address_hash": address_hash}
    )
    if not rows:
        return None
    row = rows[0]
    participant = _participant(row)
    participant.playback_sent = bool(row[len(_P_COLS) + len(_C_COLS)])
    return participant, _conversation(row, len(_P_COLS))


def create_participant(
    *,
    session: Executor,
    channel: str,
    address_hash: str,
    address_encrypted: bytes,
    language: str,
    now: datetime,
    opted_out: bool = False,
    active_consultation_id: int | None = None,
    data: dict[str, Any] | None = None,
) -> ParticipantRecord:
    values = participant_values(
        channel=channel,
        address_hash=address_hash,
        address_encrypted=address_encrypted,
        language=language,
        now=now,
        opted_out=opted_out,
        active_consultation_id=active_consultation_id,
        data=data,
    )
    return participant_record(insert_participant(session=session, values=values), values)


def insert_participant(*, session: Executor, values: dict[str, Any]) -> int:
    """Store a participant from `participant_values`; returns the new id."""
    return int(_INSERT_PARTICIPANT.execute(session, values)[0][0])


def participant_values(
    *,
    channel: str,
    address_hash: str,
    address_encrypted: bytes,
    language: str,
    now: datetime,
    opted_out: bool,
    active_consultation_id: int | None,
    data: dict[str, Any] | None,
) -> dict[str, Any]:
    """A new participant's columns, checked by keyword."""
    return {
        "channel": channel,
        "address_hash": address_hash,
        "address_encrypted": address_encrypted,
        "language": language,
        "consent": "unknown",
        "opted_out": opted_out,
        "opted_out_at": now if opted_out else None,
        "wants_feedback": None,
        "active_consultation_id": active_consultation_id,
        "erasure_requested_at": None,
        "created_at": now,
        "last_seen_at": now,
        "data": data or None,
    }


def participant_record(participant_id: int, values: dict[str, Any]) -> ParticipantRecord:
    """The record of a participant just stored from `participant_values`."""
    return ParticipantRecord(
        id=participant_id,
        channel=values["channel"],
        language=values["language"],
        consent="unknown",
        opted_out=values["opted_out"],
        wants_feedback=None,
        active_consultation_id=values["active_consultation_id"],
        erasure_requested_at=None,
        last_seen_at=values["last_seen_at"],
        data=dict(values["data"] or {}),
    )


def update_participant(*, session: Executor, participant_id: int, **values: Any) -> None:
    """Set columns of one participant (only the ones given)."""
    _UPDATE_PARTICIPANT.execute(session, {"participant_id": participant_id, **values})


def get_participant(*, session: Session, participant_id: int) -> Participant | None:
    """The full row, for the console and feedback sending (not the hot path)."""
    return session.get(Participant, participant_id)


def find_conversation(
    *, session: Executor, participant_id: int, consultation_id: int
) -> ConversationRecord | None:
    rows = _FIND_CONVERSATION.execute(
        session, {"participant_id": participant_id, "consultation_id": consultation_id}
    )
    return _conversation(rows[0]) if rows else None


def create_conversation(
    *,
    session: Executor,
    participant_id: int,
    consultation_id: int,
    step: str,
    now: datetime,
    data: dict[str, Any] | None = None,
) -> ConversationRecord:
    rows = _INSERT_CONVERSATION.execute(
        session,
        {
            "participant_id": participant_id,
            "consultation_id": consultation_id,
            "step": step,
            "data": data or {},
            "started_at": now,
            "updated_at": now,
        },
    )
    return conversation_record(int(rows[0][0]), participant_id, consultation_id, step, now, data)


def conversation_record(
    conversation_id: int,
    participant_id: int,
    consultation_id: int,
    step: str,
    now: datetime,
    data: dict[str, Any] | None,
) -> ConversationRecord:
    """The record of a conversation just started (no ward or age band yet)."""
    return ConversationRecord(
        id=conversation_id,
        participant_id=participant_id,
        consultation_id=consultation_id,
        step=step,
        ward=None,
        age_band=None,
        data=dict(data or {}),
        updated_at=now,
    )


def save_conversation(*, session: Executor, conversation: ConversationRecord) -> None:
    """Write back the mutable fields of a conversation record."""
    _SAVE_CONVERSATION.execute(
        session,
        {
            "conversation_id": conversation.id,
            "step": conversation.step,
            "ward": conversation.ward,
            "age_band": conversation.age_band,
            "data": dict(conversation.data),
            "updated_at": conversation.updated_at,
            "completed_at": conversation.completed_at,
        },
    )


def conversations_of(*, session: Session, participant_id: int) -> list[Conversation]:
    return list(
        session.exec(
            orm_select(Conversation)
            .where(col(Conversation.participant_id) == participant_id)
            .order_by(col(Conversation.id))
        ).all()
    )


def erase_participant(*, session: Session, participant_id: int) -> int:
    """Delete every answer, conversation and the participant row; returns answers deleted.

    Explicit deletes rather than relying on ON DELETE CASCADE, so erasure does
    not depend on SQLite's foreign_keys pragma being on for this connection.
    """
    answer = table_of(Answer)
    # Built exports may hold this resident's words (redacted, but theirs): they go too.
    forget_exports_of(
        session=session,
        consultation_ids=list(
            session.execute(
                select(answer.c.consultation_id)
                .where(answer.c.participant_id == participant_id)
                .distinct()
            ).scalars()
        ),
    )
    # Theme labels and keywords that only this resident's words carried go first.
    forget_derived_text(
        connection=session,
        erased_ids=select(answer.c.id).where(answer.c.participant_id == participant_id),
    )
    answers = session.execute(delete(answer).where(answer.c.participant_id == participant_id))
    session.execute(delete(CONVERSATION).where(CONVERSATION.c.participant_id == participant_id))
    receipts = table_of(InboundReceipt)
    session.execute(
        update(receipts)
        .where(receipts.c.participant_id == participant_id)
        .values(participant_id=None)
    )
    # Their "did we hear you right?" verdicts say what they meant: theirs to erase too.
    agreements = table_of(ThemeAgreement)
    session.execute(delete(agreements).where(agreements.c.participant_id == participant_id))
    session.execute(delete(PARTICIPANT).where(PARTICIPANT.c.id == participant_id))
    return int(getattr(answers, "rowcount", 0) or 0)
