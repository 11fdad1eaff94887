"""Outbound messages, delivery statuses and invitation waves.

Every function that moves a recipient between states commits on its own so
that the store, not the sender's memory, says where a wave stands.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from storage.models import Channel, Participant, utcnow
from storage.models.outbound import (
    InvitationRecipient,
    InvitationWave,
    OutboundMessage,
    OutboundStatus,
    RecipientState,
    WaveStatus,
)

# How far along a message is; a late "sent" callback must not undo "delivered"
# (Twilio does not promise callbacks arrive in order).
_STATUS_RANK = {
    OutboundStatus.ACCEPTED: 0,
    OutboundStatus.SCHEDULED: 0,
    OutboundStatus.QUEUED: 1,
    OutboundStatus.SENDING: 2,
    OutboundStatus.SENT: 3,
    OutboundStatus.RECEIVING: 3,
    OutboundStatus.RECEIVED: 4,
    OutboundStatus.DELIVERED: 4,
    OutboundStatus.UNDELIVERED: 4,
    OutboundStatus.FAILED: 4,
    OutboundStatus.CANCELED: 4,
    OutboundStatus.READ: 5,
}


@dataclass(frozen=True, slots=True)
class NewRecipient:
    row_number: int
    address_hash: str
    address_encrypted: bytes


def create_wave(
    *,
    session: Session,
    consultation_id: int,
    body: str,
    lawful_basis: str,
    consent_source: str = "",
    created_by: str = "system",
    rate: float,
    recipients: Sequence[NewRecipient],
    invalid_count: int = 0,
    duplicate_count: int = 0,
) -> InvitationWave:
    """Store a wave and its recipients (already de-duplicated by hash) as pending."""
    if not lawful_basis.strip():
        raise ValueError("a wave needs its lawful basis / consent source noted")
    if rate <= 0:
        raise ValueError("rate must be positive")
    wave = InvitationWave(
        consultation_id=consultation_id,
        body=body,
        lawful_basis=lawful_basis.strip(),
        consent_source=consent_source.strip(),
        created_by=created_by,
        rate=rate,
        total_count=len(recipients),
        invalid_count=invalid_count,
        duplicate_count=duplicate_count,
    )
    session.add(wave)
    session.flush()
    assert wave.id is not None
    session.add_all(
        InvitationRecipient(
            wave_id=wave.id,
            row_number=r.row_number,
            address_hash=r.address_hash,
            address_encrypted=r.address_encrypted,
        )
        for r in recipients
    )
    session.flush()
    return wave


def get_wave(*, session: Session, wave_id: int) -> InvitationWave | None:
    return session.get(InvitationWave, wave_id)


def set_wave_status(*, session: Session, wave_id: int, status: WaveStatus) -> None:
    values: dict[str, object] = {"status": status}
    now = utcnow()
    if status == WaveStatus.SENDING:
        values["started_at"] = func.coalesce(col(InvitationWave.started_at), now)
    if status in (WaveStatus.DONE, WaveStatus.CANCELLED):
        values["finished_at"] = now
    session.execute(
        update(InvitationWave).where(col(InvitationWave.id) == wave_id).values(**values)
    )


def recipients_in_state(
    *, session: Session, wave_id: int, state: RecipientState, limit: int | None = None
) -> list[InvitationRecipient]:
    query = (
        select(InvitationRecipient)
        .where(InvitationRecipient.wave_id == wave_id, InvitationRecipient.state == state)
        .order_by(col(InvitationRecipient.id))
    )
    if limit is not None:
        query = query.limit(limit)
    return list(session.exec(query))


def state_counts(*, session: Session, wave_id: int) -> dict[RecipientState, int]:
    rows = session.exec(
        select(InvitationRecipient.state, func.count())
        .where(InvitationRecipient.wave_id == wave_id)
        .group_by(InvitationRecipient.state)
    )
    counts = dict.fromkeys(RecipientState, 0)
    for state, count in rows:
        counts[RecipientState(state)] = int(count)
    return counts


def claim_recipient(*, session: Session, recipient_id: int) -> bool:
    """Move pending -> sending; False when someone else (or an earlier run) got there first."""
    result = session.execute(
        update(InvitationRecipient)
        .where(
            col(InvitationRecipient.id) == recipient_id,
            col(InvitationRecipient.state) == RecipientState.PENDING,
        )
        .values(
            state=RecipientState.SENDING,
            attempts=InvitationRecipient.attempts + 1,
            updated_at=utcnow(),
        )
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def finish_recipient(
    *,
    session: Session,
    recipient_id: int,
    state: RecipientState,
    provider_sid: str | None = None,
    error_code: int | None = None,
    error: str | None = None,
) -> None:
    session.execute(
        update(InvitationRecipient)
        .where(col(InvitationRecipient.id) == recipient_id)
        .values(
            state=state,
            provider_sid=provider_sid,
            error_code=error_code,
            error=error[:300] if error else None,
            updated_at=utcnow(),
        )
    )


def requeue_failed(*, session: Session, wave_id: int, error: str) -> int:
    """Move failed rows carrying exactly this error back to pending (an operator's decision)."""
    result = session.execute(
        update(InvitationRecipient)
        .where(
            col(InvitationRecipient.wave_id) == wave_id,
            col(InvitationRecipient.state) == RecipientState.FAILED,
            col(InvitationRecipient.error) == error,
        )
        .values(state=RecipientState.PENDING, error=None, updated_at=utcnow())
    )
    count = int(result.rowcount)  # type: ignore[attr-defined]
    if count:
        # A finished wave with work to do again is resumable, not done.
        set_wave_status(session=session, wave_id=wave_id, status=WaveStatus.PAUSED)
    return count


def opted_out_hashes(*, session: Session, channel: Channel, hashes: Iterable[str]) -> set[str]:
    """Which of these address hashes belong to participants who opted out."""
    wanted = list(hashes)
    if not wanted:
        return set()
    rows = session.exec(
        select(Participant.address_hash).where(
            Participant.channel == channel,
            col(Participant.address_hash).in_(wanted),
            col(Participant.opted_out).is_(True),
        )
    )
    return set(rows)


def participant_id_for(*, session: Session, channel: Channel, address_hash: str) -> int | None:
    return session.exec(
        select(Participant.id).where(
            Participant.channel == channel, Participant.address_hash == address_hash
        )
    ).first()


def participant_language(*, session: Session, channel: Channel, address_hash: str) -> str | None:
    return session.exec(
        select(Participant.language).where(
            Participant.channel == channel, Participant.address_hash == address_hash
        )
    ).first()


def record_outbound(
    *,
    session: Session,
    channel: Channel,
    address_hash: str,
    address_encrypted: bytes | None,
    body: str,
    provider_sid: str | None,
    status: OutboundStatus,
    error_code: int | None = None,
    attempts: int = 1,
    wave_id: int | None = None,
    participant_id: int | None = None,
) -> OutboundMessage:
    now = utcnow()
    message = OutboundMessage(
        channel=channel,
        address_hash=address_hash,
        address_encrypted=address_encrypted,
        body=body,
        provider_sid=provider_sid,
        status=status,
        error_code=error_code,
        attempts=attempts,
        wave_id=wave_id,
        participant_id=participant_id,
        sent_at=now if provider_sid else None,
        updated_at=now,
    )
    session.add(message)
    session.flush()
    return message


def apply_status_callback(
    *,
    session: Session,
    provider_sid: str,
    status: OutboundStatus,
    error_code: int | None,
    channel: Channel,
    address_hash: str,
) -> tuple[OutboundMessage, bool]:
    """Record a delivery status; returns (message, changed).

    A callback for a SID we did not send (a message sent from Twilio's
    console, or before this store existed) is kept as a bodiless row, so no
    delivery failure goes unrecorded. Statuses never move backwards.
    """
    message = session.exec(
        select(OutboundMessage).where(OutboundMessage.provider_sid == provider_sid)
    ).first()
    if message is None:
        try:
            with session.begin_nested():
                message = record_outbound(
                    session=session,
                    channel=channel,
                    address_hash=address_hash,
                    address_encrypted=None,
                    body="",
                    provider_sid=provider_sid,
                    status=status,
                    error_code=error_code,
                    attempts=0,
                )
            return message, True
        except IntegrityError:
            # A concurrent callback for the same SID inserted it first.
            message = session.exec(
                select(OutboundMessage).where(OutboundMessage.provider_sid == provider_sid)
            ).one()
    current = _STATUS_RANK.get(OutboundStatus(message.status), 0)
    if _STATUS_RANK.get(status, 0) < current:
        return message, False
    changed = message.status != status or (
        error_code is not None and error_code != message.error_code
    )
    message.status = status
    if error_code is not None:
        message.error_code = error_code
    message.updated_at = utcnow()
    session.add(message)
    session.flush()
    return message, changed
