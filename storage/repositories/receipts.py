"""Inbound receipts: the replies given to each provider message, for idempotent retries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlmodel import Session

from storage.hot_sql import Executor, HotStatement
from storage.models._base import table_of
from storage.models.participant import InboundReceipt

RECEIPT = table_of(InboundReceipt)
# Built once: a receipt is written for every inbound message.
_INSERT = HotStatement(insert(RECEIPT))


def find_receipt(
    *, session: Session, channel: str, provider_message_id: str
) -> list[dict[str, Any]] | None:
    """The replies stored for a provider message, or None when it was never handled."""
    row = session.execute(
        select(RECEIPT.c.replies).where(
            RECEIPT.c.channel == channel, RECEIPT.c.provider_message_id == provider_message_id
        )
    ).first()
    return None if row is None else list(row[0] or [])


def create_receipt(
    *,
    session: Executor,
    channel: str,
    provider_message_id: str,
    participant_id: int | None,
    replies: list[dict[str, Any]],
    received_at: datetime,
) -> None:
    """Record a handled message; IntegrityError when it was already handled."""
    _INSERT.execute(
        session,
        receipt_values(
            channel=channel,
            provider_message_id=provider_message_id,
            participant_id=participant_id,
            replies=replies,
            received_at=received_at,
        ),
    )


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
