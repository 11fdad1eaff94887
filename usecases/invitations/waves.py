"""Invitation waves: create from a CSV, send at a steady pace, resume after a crash.

At-most-once: each recipient is claimed (pending -> sending) and committed
*before* Twilio is called, and marked sent with the SID (or failed) after.
A crash between the two leaves the row in "sending": we cannot know whether
Twilio accepted it, so a resumed wave does NOT send it again; it is marked
failed as "interrupted" and reported. Inviting someone twice is worse for a
public service than missing one invitation in a crash; an officer who has
checked Twilio's log can resend those rows deliberately
(``whatmatters invite <slug> --resume <id> --resend-interrupted``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine

from bot.channels.sms.segments import gsm_friendly, segment_count
from bot.conversation.catalog import Catalog
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Channel, Consultation, utcnow
from storage.models.outbound import (
    InvitationRecipient,
    OutboundStatus,
    RecipientState,
    WaveStatus,
)
from storage.repositories import outbound as repo
from usecases.delivery.sender import Outcome, SendResult
from usecases.invitations.csv_numbers import NumberList

log = logging.getLogger(__name__)

INTERRUPTED = "interrupted: delivery unknown, not resent (at-most-once)"
MAX_INVITATION_SEGMENTS = 2


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A local-time window with no sending; may wrap midnight (21:00-08:00)."""

    start: time
    end: time
    zone: ZoneInfo

    @classmethod
    def parse(cls, start: str, end: str, zone: str = "Europe/London") -> QuietHours:
        return cls(time.fromisoformat(start), time.fromisoformat(end), ZoneInfo(zone))

    def contains(self, moment: datetime) -> bool:
        local = moment.astimezone(self.zone).time()
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end

    def ends_after(self, moment: datetime) -> datetime:
        """When sending may resume (in UTC) if `moment` is inside the window."""
        local = moment.astimezone(self.zone)
        end = datetime.combine(local.date(), self.end, tzinfo=self.zone)
        if end <= local:
            end = datetime.combine(local.date() + timedelta(days=1), self.end, tzinfo=self.zone)
        return end.astimezone(moment.tzinfo)


class Sender(Protocol):
    """What a wave needs from a sender (TwilioSender, or a dry run)."""

    def wait_turn(self) -> None: ...

    def send(self, to: str, body: str) -> SendResult: ...


@dataclass
class WaveReport:
    wave_id: int
    sent: int = 0
    failed: int = 0
    invalid: int = 0
    skipped_opted_out: int = 0
    interrupted: int = 0
    paused_until: datetime | None = None
    finished: bool = False
    errors: list[str] = field(default_factory=list)


def invitation_text(catalog: Catalog, consultation: Consultation) -> str:
    """Bilingual invitation (language unknown yet) in at most 2 segments when possible."""

    def part(language: str, message_id: str) -> str:
        return catalog.text(
            language,
            message_id,
            title=consultation.title(language),
            keyword=consultation.keyword,
        )

    stop = f"{part('en', 'sms-invitation-stop')} / {part('cy', 'sms-invitation-stop')}"
    candidates = [
        f"{part('en', 'sms-invitation')}\n{part('cy', 'sms-invitation')}\n{stop}",
        f"{part('en', 'sms-invitation-short')}\n{part('cy', 'sms-invitation-short')}\n{stop}",
        f"{part('en', 'sms-invitation-short')}\n{part('cy', 'sms-invitation-short')}\n"
        + part("en", "sms-invitation-stop"),
    ]
    texts = [gsm_friendly(c) for c in candidates]
    for text in texts:
        if segment_count(text) <= MAX_INVITATION_SEGMENTS:
            return text
    return texts[-1]


def create_wave(
    *,
    engine: Engine,
    protector: AddressProtector,
    consultation: Consultation,
    numbers: NumberList,
    body: str,
    lawful_basis: str,
    consent_source: str = "",
    created_by: str = "system",
    rate: float,
) -> int:
    assert consultation.id is not None
    recipients = [
        repo.NewRecipient(
            row_number=row,
            address_hash=protector.hash(Channel.SMS, number),
            address_encrypted=protector.encrypt(number),
        )
        for row, number in numbers.numbers
    ]
    with session_scope(engine) as session:
        wave = repo.create_wave(
            session=session,
            consultation_id=consultation.id,
            body=body,
            lawful_basis=lawful_basis,
            consent_source=consent_source,
            created_by=created_by,
            rate=rate,
            recipients=recipients,
            invalid_count=len(numbers.invalid),
            duplicate_count=len(numbers.duplicates),
        )
        assert wave.id is not None
        return wave.id


def run_wave(
    *,
    engine: Engine,
    protector: AddressProtector,
    wave_id: int,
    sender: Sender,
    quiet_hours: QuietHours,
    now: Callable[[], datetime] = utcnow,
    batch_size: int = 200,
) -> WaveReport:
    """Send every pending recipient of the wave; safe to call again after a crash."""
    report = WaveReport(wave_id=wave_id)
    with session_scope(engine) as session:
        wave = repo.get_wave(session=session, wave_id=wave_id)
        if wave is None:
            raise LookupError(f"no invitation wave {wave_id}")
        if wave.status in (WaveStatus.DONE, WaveStatus.CANCELLED):
            report.finished = True
            return report
        body = wave.body
        for row in repo.recipients_in_state(
            session=session, wave_id=wave_id, state=RecipientState.SENDING
        ):
            assert row.id is not None
            repo.finish_recipient(
                session=session, recipient_id=row.id, state=RecipientState.FAILED, error=INTERRUPTED
            )
            report.interrupted += 1
        repo.set_wave_status(session=session, wave_id=wave_id, status=WaveStatus.SENDING)
    if report.interrupted:
        log.warning("wave %s: %s interrupted sends not retried", wave_id, report.interrupted)

    while True:
        with session_scope(engine) as session:
            batch = repo.recipients_in_state(
                session=session, wave_id=wave_id, state=RecipientState.PENDING, limit=batch_size
            )
        if not batch:
            break
        for recipient in batch:
            sender.wait_turn()
            moment = now()
            if quiet_hours.contains(moment):
                report.paused_until = quiet_hours.ends_after(moment)
                with session_scope(engine) as session:
                    repo.set_wave_status(session=session, wave_id=wave_id, status=WaveStatus.PAUSED)
                return report
            assert recipient.id is not None
            _send_one(engine, protector, sender, wave_id, recipient.id, recipient, body, report)

    with session_scope(engine) as session:
        repo.set_wave_status(session=session, wave_id=wave_id, status=WaveStatus.DONE)
    report.finished = True
    return report


def _send_one(
    engine: Engine,
    protector: AddressProtector,
    sender: Sender,
    wave_id: int,
    recipient_id: int,
    recipient: InvitationRecipient,
    body: str,
    report: WaveReport,
) -> None:
    number = protector.decrypt(recipient.address_encrypted)
    hashes = [protector.hash(Channel.SMS, number), protector.hash(Channel.WHATSAPP, number)]
    with session_scope(engine) as session:
        # Checked per message, not per batch: someone may text STOP mid-wave.
        opted_out = repo.opted_out_hashes(session=session, channel=Channel.SMS, hashes=hashes[:1])
        opted_out |= repo.opted_out_hashes(
            session=session, channel=Channel.WHATSAPP, hashes=hashes[1:]
        )
        if opted_out:
            repo.finish_recipient(
                session=session, recipient_id=recipient_id, state=RecipientState.SKIPPED_OPTED_OUT
            )
            report.skipped_opted_out += 1
            return
        if not repo.claim_recipient(session=session, recipient_id=recipient_id):
            return  # another runner has it
    # Committed above: from here a crash leaves "sending", never a resend.
    result = sender.send(number, body)
    state = {
        Outcome.SENT: RecipientState.SENT,
        Outcome.FAILED: RecipientState.FAILED,
        Outcome.INVALID: RecipientState.INVALID,
        Outcome.OPTED_OUT: RecipientState.SKIPPED_OPTED_OUT,
    }[result.outcome]
    with session_scope(engine) as session:
        repo.finish_recipient(
            session=session,
            recipient_id=recipient_id,
            state=state,
            provider_sid=result.sid,
            error_code=result.error_code,
            error=result.error,
        )
        status = OutboundStatus.FAILED
        if result.outcome == Outcome.SENT:
            try:
                status = OutboundStatus(result.status or "queued")
            except ValueError:
                status = OutboundStatus.QUEUED
        repo.record_outbound(
            session=session,
            channel=Channel.SMS,
            address_hash=hashes[0],
            address_encrypted=recipient.address_encrypted,
            body=body,
            provider_sid=result.sid,
            status=status,
            error_code=result.error_code,
            attempts=result.attempts,
            wave_id=wave_id,
            participant_id=repo.participant_id_for(
                session=session, channel=Channel.SMS, address_hash=hashes[0]
            ),
        )
    match result.outcome:
        case Outcome.SENT:
            report.sent += 1
        case Outcome.INVALID:
            report.invalid += 1
        case Outcome.OPTED_OUT:
            report.skipped_opted_out += 1
        case _:
            report.failed += 1
            if result.error:
                report.errors.append(f"row {recipient.row_number}: {result.error}")
