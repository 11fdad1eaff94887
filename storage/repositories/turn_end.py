"""The writes that end a conversation turn, as one statement on PostgreSQL.

A turn ends with the writes it saved up: the participant's changed columns,
the conversation's step and data, the answers and audit events it recorded,
and the receipt for the provider's message id. On PostgreSQL each separate
statement is a network round trip, so they go as one: every write a
data-modifying CTE of one SELECT that returns the new answers' ids (every
part runs, in one snapshot, and a duplicate answer or receipt fails the whole
statement exactly as the separate INSERT did). SQLite has no network, and
small separate statements are cheaper there than building one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import CTE, Select, Table, bindparam, literal, select, update

from storage.hot_sql import Executor, HotStatement, dialect_name, insert_cte
from storage.models._base import table_of
from storage.models.participant import InboundReceipt
from storage.repositories.answers import ANSWER, insert_answer
from storage.repositories.audit import AUDIT, insert_event
from storage.repositories.participants import (
    CONVERSATION,
    PARTICIPANT,
    ConversationRecord,
    save_conversation,
    update_participant,
)
from storage.repositories.receipts import create_receipt

RECEIPT = table_of(InboundReceipt)
_CONVERSATION_COLUMNS = ("step", "ward", "age_band", "data", "updated_at", "completed_at")
_RECEIPT_COLUMNS = ("channel", "provider_message_id", "participant_id", "replies", "received_at")
_ANSWER_COLUMNS = tuple(column.name for column in ANSWER.columns if column.name != "id")
_AUDIT_COLUMNS = tuple(column.name for column in AUDIT.columns if column.name != "id")


@dataclass(frozen=True, slots=True)
class _Shape:
    """Which writes a turn makes: one statement is built and compiled per shape."""

    participant_columns: tuple[str, ...]
    conversation: bool
    answers: int
    events: int
    receipt: bool


# A handful of shapes in practice (which participant columns changed; 0 to MAX_HELD
# answers, MAX_HELD when a consent releases held text).
_COMBINED: dict[_Shape, HotStatement] = {}


@dataclass
class TurnWrites:
    """What a turn saves up to write at its end (`answers`, `events`: rows of
    `answer_values`, `event_values`; `receipt`: the arguments of `receipt_values`)."""

    participant_id: int | None = None
    participant_changes: dict[str, Any] = field(default_factory=dict)
    conversation: ConversationRecord | None = None
    answers: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    receipt: dict[str, Any] | None = None


def end_turn(*, session: Executor, writes: TurnWrites) -> list[int]:
    """Write what the turn changed; returns the new answers' ids, in order.

    Raises IntegrityError when an answer or the receipt exists already (a
    provider retry that raced the first delivery), like the separate INSERTs.
    """
    if dialect_name(session) != "postgresql":
        return _one_by_one(session, writes)
    changed = tuple(sorted(writes.participant_changes)) if writes.participant_id is not None else ()
    shape = _Shape(
        changed,
        writes.conversation is not None,
        len(writes.answers),
        len(writes.events),
        writes.receipt is not None,
    )
    parts = bool(changed) + shape.conversation + shape.answers + shape.events + shape.receipt
    if parts < 2:
        return _one_by_one(session, writes)
    params: dict[str, Any] = {}
    if changed:
        params["p_id"] = writes.participant_id
        params.update({f"p_{name}": writes.participant_changes[name] for name in changed})
    if writes.conversation is not None:
        conversation = writes.conversation
        params["c_id"] = conversation.id
        params.update({f"c_{name}": getattr(conversation, name) for name in _CONVERSATION_COLUMNS})
        params["c_data"] = dict(conversation.data)
    for index, values in enumerate(writes.answers):
        params.update({f"a{index}_{name}": values[name] for name in _ANSWER_COLUMNS})
    for index, values in enumerate(writes.events):
        params.update({f"e{index}_{name}": values[name] for name in _AUDIT_COLUMNS})
    if writes.receipt is not None:
        params.update({f"r_{name}": writes.receipt[name] for name in _RECEIPT_COLUMNS})
    rows = _statement(shape).execute(session, params)
    return [int(answer_id) for answer_id in rows[0][: shape.answers]]


def _one_by_one(session: Executor, writes: TurnWrites) -> list[int]:
    if writes.participant_changes and writes.participant_id is not None:
        update_participant(
            session=session, participant_id=writes.participant_id, **writes.participant_changes
        )
    if writes.conversation is not None:
        save_conversation(session=session, conversation=writes.conversation)
    answer_ids = [insert_answer(session=session, values=values) for values in writes.answers]
    for values in writes.events:
        insert_event(session=session, values=values)
    if writes.receipt is not None:
        create_receipt(session=session, **writes.receipt)
    return answer_ids


def _statement(shape: _Shape) -> HotStatement:
    statement = _COMBINED.get(shape)
    if statement is not None:
        return statement
    ctes: list[CTE] = []
    if shape.participant_columns:
        ctes.append(_update_cte(PARTICIPANT, "p", shape.participant_columns, "turn_participant"))
    if shape.conversation:
        ctes.append(_update_cte(CONVERSATION, "c", _CONVERSATION_COLUMNS, "turn_conversation"))
    answers = [
        insert_cte(ANSWER, f"a{index}", _ANSWER_COLUMNS, f"turn_answer_{index}")
        for index in range(shape.answers)
    ]
    ctes += [
        insert_cte(AUDIT, f"e{index}", _AUDIT_COLUMNS, f"turn_event_{index}")
        for index in range(shape.events)
    ]
    if shape.receipt:
        ctes.append(insert_cte(RECEIPT, "r", _RECEIPT_COLUMNS, "turn_receipt"))
    # The answers' ids come back as one row; every other CTE runs unreferenced.
    built: Select[Any] = (
        select(*(answer.c.id for answer in answers)) if answers else select(literal(1))
    )
    built = built.add_cte(*answers, *ctes)
    statement = _COMBINED[shape] = HotStatement(built)
    return statement


def _update_cte(table: Table, prefix: str, columns: Sequence[str], name: str) -> CTE:
    """``UPDATE table SET column = :prefix_column ... WHERE id = :prefix_id`` as a CTE."""
    return (
        update(table)
        .where(table.c.id == bindparam(f"{prefix}_id"))
        .values(
            {
                column: bindparam(f"{prefix}_{column}", type_=table.c[column].type)
                for column in columns
            }
        )
        .returning(table.c.id)
        .cte(name)
    )
