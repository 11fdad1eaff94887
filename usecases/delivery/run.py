"""Paced, resumable delivery of one message per recipient row (playback and feedback).

The same at-most-once rule as invitation waves (usecases.invitations.waves): a row
is claimed (pending -> sending) and committed *before* the provider is
called, and finished after. A row found in "sending" when a run starts had
its fate lost in a crash; it is marked failed, never resent. Opted-out
people are checked per message, since someone may text STOP mid-send.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import col, select

from bot.conversation.messages import Reply
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Channel, Participant, utcnow
from storage.models.playback import DeliveryState, FeedbackRecipient, PlaybackRecipient
from usecases.delivery.sender import Outcome, SendResult
from usecases.invitations.waves import QuietHours

log = logging.getLogger(__name__)

INTERRUPTED = "interrupted: delivery unknown, not resent (at-most-once)"
RecipientTable = type[PlaybackRecipient] | type[FeedbackRecipient]


class Deliverer(Protocol):
    """Sends one reply to one address, at the configured pace."""

    def wait_turn(self) -> None: ...

    def deliver(self, channel: Channel, address: str, reply: Reply) -> SendResult: ...


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    interrupted: int = 0
    paused_until: datetime | None = None
    finished: bool = False


def _parent_column(table: RecipientTable) -> str:
    return "round_id" if table is PlaybackRecipient else "publication_id"


def run_deliveries(
    *,
    engine: Engine,
    protector: AddressProtector,
    table: RecipientTable,
    parent_id: int,
    compose: Callable[[Participant], Reply],
    deliverer: Deliverer,
    quiet_hours: QuietHours,
    now: Callable[[], datetime] = utcnow,
    batch_size: int = 500,
    only_channels: Collection[str] | None = None,
) -> DeliveryReport:
    """Send to every pending row of one round or publication; safe to call again.

    `only_channels` leaves everyone else pending (a server with no SMS or
    Telegram sender can still reach web chat phones).
    """
    report = DeliveryReport()
    parent = getattr(table, _parent_column(table))
    with session_scope(engine) as session:
        result = session.execute(
            update(table)
            .where(parent == parent_id, col(table.state) == DeliveryState.SENDING)
            .values(state=DeliveryState.FAILED, error=INTERRUPTED, updated_at=utcnow())
        )
        report.interrupted = int(getattr(result, "rowcount", 0) or 0)
    if report.interrupted:
        log.warning(
            "%s %s: %s interrupted sends not retried", table.__name__, parent_id, report.interrupted
        )
    last_id = 0
    while True:
        with session_scope(engine) as session:
            query = (
                select(table.id, table.participant_id)
                .where(parent == parent_id, table.state == DeliveryState.PENDING)
                .where(col(table.id) > last_id)
            )
            if only_channels is not None:
                query = query.join(
                    Participant, col(Participant.id) == col(table.participant_id)
                ).where(col(Participant.channel).in_(list(only_channels)))
            rows = session.exec(query.order_by(col(table.id)).limit(batch_size)).all()
        if not rows:
            break
        for row_id, participant_id in rows:
            assert row_id is not None
            last_id = row_id
            deliverer.wait_turn()
            moment = now()
            if quiet_hours.contains(moment):
                report.paused_until = quiet_hours.ends_after(moment)
                return report
            _deliver_one(
                engine, protector, table, row_id, participant_id, compose, deliverer, report
            )
    report.finished = True
    return report


def _finish(
    engine: Engine,
    table: RecipientTable,
    row_id: int,
    state: DeliveryState,
    sid: str | None = None,
    error: str | None = None,
) -> None:
    with session_scope(engine) as session:
        session.execute(
            update(table)
            .where(col(table.id) == row_id)
            .values(state=state, provider_sid=sid, error=error, updated_at=utcnow())
        )


def _deliver_one(
    engine: Engine,
    protector: AddressProtector,
    table: RecipientTable,
    row_id: int,
    participant_id: int,
    compose: Callable[[Participant], Reply],
    deliverer: Deliverer,
    report: DeliveryReport,
) -> None:
    with session_scope(engine) as session:
        person = session.get(Participant, participant_id)
        if person is None or person.opted_out:
            session.execute(
                update(table)
                .where(col(table.id) == row_id, col(table.state) == DeliveryState.PENDING)
                .values(state=DeliveryState.SKIPPED, updated_at=utcnow())
            )
            report.skipped += 1
            return
        claimed = session.execute(
            update(table)
            .where(col(table.id) == row_id, col(table.state) == DeliveryState.PENDING)
            .values(state=DeliveryState.SENDING, updated_at=utcnow())
        )
        if not getattr(claimed, "rowcount", 0):
            return  # another runner has it
        channel = Channel(person.channel)
        address = protector.decrypt(person.address_encrypted)
        reply = compose(person)
    # Committed above: from here a crash leaves "sending", never a resend.
    result = deliverer.deliver(channel, address, reply)
    if result.outcome == Outcome.SENT:
        _finish(engine, table, row_id, DeliveryState.SENT, sid=result.sid)
        report.sent += 1
    elif result.outcome == Outcome.OPTED_OUT:
        _finish(engine, table, row_id, DeliveryState.SKIPPED, error=result.error)
        report.skipped += 1
    else:
        _finish(engine, table, row_id, DeliveryState.FAILED, error=result.error)
        report.failed += 1
