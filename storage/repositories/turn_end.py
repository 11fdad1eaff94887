"""The writes that end a conversation turn, as one statement on PostgreSQL.

A turn ends with up to three writes: the participant's changed columns, the
conversation's step and data, and the receipt for the provider's message id.
On PostgreSQL each separate statement is a network round trip, so they go as
one: the two updates as data-modifying CTEs of the receipt's INSERT (every
part runs, in one snapshot, and a duplicate receipt fails the whole statement
exactly as the separate INSERT did). SQLite has no network, and three small
statements are cheaper there than building one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import CTE, Insert, Table, bindparam, insert, update
from sqlmodel import Session

from storage.hot_sql import HotStatement
from storage.models._base import table_of
from storage.models.participant import InboundReceipt
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
# One statement per combination of columns a turn changes (a handful in practice).
_COMBINED: dict[tuple[tuple[str, ...], bool], HotStatement] = {}


def end_turn(
    *,
    session: Session,
    participant_id: int | None,
    participant_changes: dict[str, Any],
    conversation: ConversationRecord | None,
    receipt: dict[str, Any] | None,
) -> None:
    """Write what the turn changed; `receipt` holds create_receipt's arguments.

    Raises IntegrityError when the receipt exists already (a provider retry
    that raced the first delivery), like `create_receipt`.
    """
    combined = (
        receipt is not None
        and (participant_changes or conversation is not None)
        and session.get_bind().dialect.name == "postgresql"
    )
    if not combined:
        if participant_changes and participant_id is not None:
            update_participant(
                session=session, participant_id=participant_id, **participant_changes
            )
        if conversation is not None:
            save_conversation(session=session, conversation=conversation)
        if receipt is not None:
            create_receipt(session=session, **receipt)
        return
    assert receipt is not None
    changed = tuple(sorted(participant_changes)) if participant_id is not None else ()
    params: dict[str, Any] = {f"r_{name}": value for name, value in receipt.items()}
    if changed:
        params["p_id"] = participant_id
        params.update({f"p_{name}": participant_changes[name] for name in changed})
    if conversation is not None:
        params["c_id"] = conversation.id
        params.update({f"c_{name}": getattr(conversation, name) for name in _CONVERSATION_COLUMNS})
        params["c_data"] = dict(conversation.data)
    _statement(changed, conversation is not None).execute(session, params)


def _statement(participant_columns: tuple[str, ...], conversation: bool) -> HotStatement:
    key = (participant_columns, conversation)
    statement = _COMBINED.get(key)
    if statement is not None:
        return statement
    built: Insert = insert(RECEIPT).values(
        {
            name: bindparam(f"r_{name}", type_=RECEIPT.c[name].type)
            for name in ("channel", "provider_message_id", "participant_id", "replies")
        }
        | {"received_at": bindparam("r_received_at", type_=RECEIPT.c.received_at.type)}
    )
    if participant_columns:
        built = built.add_cte(
            _update_cte(PARTICIPANT, "p", participant_columns, "turn_participant")
        )
    if conversation:
        built = built.add_cte(
            _update_cte(CONVERSATION, "c", _CONVERSATION_COLUMNS, "turn_conversation")
        )
    statement = _COMBINED[key] = HotStatement(built)
    return statement


def receipt_values(
    *,
    channel: str,
    provider_message_id: str,
    participant_id: int | None,
    replies: list[dict[str, Any]],
    received_at: datetime,
) -> dict[str, Any]:
    """The receipt's arguments, checked by keyword."""
    return {
        "channel": channel,
        "provider_message_id": provider_message_id,
        "participant_id": participant_id,
        "replies": replies,
        "received_at": received_at,
    }


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
