"""A new resident's first message: their row and their first conversation.

On PostgreSQL the two INSERTs go as one statement (the conversation's INSERT
takes the participant's new id from a data-modifying CTE): one round trip
where there were two, for about one message in six on a busy evening
(bench/conversation.py). SQLite runs the two INSERTs.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select

from storage.hot_sql import Executor, HotStatement, dialect_name, insert_cte
from storage.repositories import participants
from storage.repositories.participants import (
    CONVERSATION,
    PARTICIPANT,
    ConversationRecord,
    ParticipantRecord,
    conversation_record,
    participant_record,
    participant_values,
)

_CONVERSATION_START = ("consultation_id", "step", "data", "started_at", "updated_at")
# Every column participant_values sets, from the table: a column added to the table and
# not to participant_values fails loudly here (KeyError) instead of being left out.
_PARTICIPANT_COLUMNS = tuple(
    column.name for column in PARTICIPANT.columns if column.name not in ("id", "consent_at")
)
_NEW_PARTICIPANT = insert_cte(PARTICIPANT, "p", _PARTICIPANT_COLUMNS, "new_participant")
_INSERT_BOTH = HotStatement(
    insert(CONVERSATION)
    .from_select(
        ["participant_id", *_CONVERSATION_START],
        select(
            _NEW_PARTICIPANT.c.id,
            *(
                bindparam(f"c_{name}", type_=CONVERSATION.c[name].type)
                for name in _CONVERSATION_START
            ),
        ),
    )
    .returning(CONVERSATION.c.participant_id, CONVERSATION.c.id)
    .add_cte(_NEW_PARTICIPANT)
)


def create_participant_in(
    *,
    session: Executor,
    channel: str,
    address_hash: str,
    address_encrypted: bytes,
    language: str,
    now: datetime,
    consultation_id: int,
    step: str,
    conversation_data: dict[str, Any],
) -> tuple[ParticipantRecord, ConversationRecord]:
    """A new resident and their conversation in `consultation_id` (one statement on
    PostgreSQL); IntegrityError when the address has a participant already."""
    values = participant_values(
        channel=channel,
        address_hash=address_hash,
        address_encrypted=address_encrypted,
        language=language,
        now=now,
        opted_out=False,
        active_consultation_id=consultation_id,
        data=None,
    )
    if dialect_name(session) != "postgresql":
        participant_id = participants.insert_participant(session=session, values=values)
        participant = participant_record(participant_id, values)
        conversation = participants.create_conversation(
            session=session,
            participant_id=participant.id,
            consultation_id=consultation_id,
            step=step,
            now=now,
            data=conversation_data,
        )
        return participant, conversation
    params = {f"p_{name}": values[name] for name in _PARTICIPANT_COLUMNS}
    params.update(
        c_consultation_id=consultation_id,
        c_step=step,
        c_data=conversation_data,
        c_started_at=now,
        c_updated_at=now,
    )
    participant_id, conversation_id = _INSERT_BOTH.execute(session, params)[0]
    conversation = conversation_record(
        int(conversation_id), int(participant_id), consultation_id, step, now, conversation_data
    )
    return participant_record(int(participant_id), values), conversation
