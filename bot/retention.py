"""Data retention: forget residents' own words and contact details after a set period.

What goes (for data older than the cutoff, ``now - days``):

* ``answer.text`` becomes "" (the row stays, so theme assignments, theme
  sizes, ward/age breakdowns and every count in the console and exports stay
  exactly as they were);
* the cached redacted text of those answers, and their quotes that an officer
  has not approved (approved quotes are redacted, checked by a person and
  meant for publication, so they are kept as published material);
* words a resident wrote before consenting, held in ``conversation.data``;
* stored replies of handled provider messages (``inboundreceipt``: they can
  repeat a resident's words and only matter while a provider may retry);
* the encrypted phone number / chat id of residents not seen since the cutoff,
  of invitation recipients whose sending finished before it, and of outbound
  messages created before it.

What stays: the keyed address hash (it identifies nobody without the key and
is what keeps an opted-out number from ever being texted again), answer
embeddings (vectors, needed to recount and refit themes), themes with their
labels and sizes (minus any keyword or label that only the cleared answers' words
carried), hand codes, and the append-only audit log.

Each step is one UPDATE/DELETE with a condition that is false once done, so a
run is idempotent and an interrupted run is finished by the next. A dry run
executes the same statements and rolls back, so its counts are exact.
"""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, delete, func, insert, select, update
from sqlalchemy.engine import Engine

from app.jobs.queue import JobRegistry
from storage.models import (
    Answer,
    AuditEvent,
    Conversation,
    InboundReceipt,
    Participant,
    table_of,
    utcnow,
)
from storage.models.outbound import InvitationRecipient, OutboundMessage
from storage.models.quotes import Quote
from storage.models.redacted import AnswerFlags, RedactedAnswer
from storage.repositories.console_jobs import expire_files
from storage.repositories.derived_text import forget_derived_text

log = logging.getLogger(__name__)

ANSWER = table_of(Answer)
REDACTED = table_of(RedactedAnswer)
QUOTE = table_of(Quote)
CONVERSATION = table_of(Conversation)
RECEIPT = table_of(InboundReceipt)
PARTICIPANT = table_of(Participant)
RECIPIENT = table_of(InvitationRecipient)
OUTBOUND = table_of(OutboundMessage)
AUDIT = table_of(AuditEvent)
FLAGS = table_of(AnswerFlags)

# Recipients still to be sent (or whose fate is being reconciled) keep their number.
_UNFINISHED_RECIPIENT = ("pending", "sending")
_BATCH = 1000
# A century: anything longer is a typo (and overflows datetime arithmetic).
MAX_DAYS = 36_500


@dataclass(frozen=True)
class RetentionReport:
    """How many rows each step changed (or would change, on a dry run)."""

    answers_cleared: int = 0
    redacted_deleted: int = 0
    quotes_deleted: int = 0
    held_texts_cleared: int = 0
    receipts_deleted: int = 0
    participant_addresses_cleared: int = 0
    recipient_addresses_cleared: int = 0
    outbound_addresses_cleared: int = 0
    themes_scrubbed: int = 0
    # Built exports past their 24 hours and uploads never imported (console jobs).
    job_files_removed: int = 0

    @property
    def total(self) -> int:
        return sum(asdict(self).values())


def cutoff_for(days: int, *, now: datetime | None = None) -> datetime:
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"retention must be at least one day and at most {MAX_DAYS}")
    return (now or utcnow()) - timedelta(days=days)


def run_retention(
    engine: Engine, *, days: int, now: datetime | None = None, dry_run: bool = False
) -> RetentionReport:
    """Apply the retention policy in one transaction; write an audit event unless dry."""
    cutoff = cutoff_for(days, now=now)
    with engine.connect() as connection:
        transaction = connection.begin()
        try:
            report = _apply(connection, cutoff)
            if dry_run:
                transaction.rollback()
            else:
                connection.execute(
                    insert(AUDIT).values(
                        at=utcnow(),
                        actor="system",
                        action="retention",
                        subject="",
                        # Counts and the policy only: the event itself must identify nobody.
                        detail={"days": days, "cutoff": cutoff.isoformat(), **asdict(report)},
                    )
                )
                transaction.commit()
        except BaseException:
            if transaction.is_active:
                transaction.rollback()
            raise
    log.info("retention (%s days, dry_run=%s): %s", days, dry_run, asdict(report))
    return report


def _apply(connection: Connection, cutoff: datetime) -> RetentionReport:
    old_answers = select(ANSWER.c.id).where(ANSWER.c.received_at < cutoff)
    # Labels and keywords only these answers carried go with their words.
    themes_scrubbed = forget_derived_text(
        connection=connection,
        erased_ids=select(ANSWER.c.id).where(ANSWER.c.received_at < cutoff, ANSWER.c.text != ""),
    )
    redacted = connection.execute(
        delete(REDACTED).where(REDACTED.c.answer_id.in_(old_answers))
    ).rowcount
    quotes = connection.execute(
        delete(QUOTE).where(QUOTE.c.answer_id.in_(old_answers), QUOTE.c.status != "approved")
    ).rowcount
    # The flags' kinds stay (spam stays out of themes); their reasons may quote the
    # resident ("link to an unknown site (…)") and go with the words.
    connection.execute(update(FLAGS).where(FLAGS.c.answer_id.in_(old_answers)).values(reasons=[]))
    answers = connection.execute(
        update(ANSWER).where(ANSWER.c.received_at < cutoff, ANSWER.c.text != "").values(text="")
    ).rowcount
    receipts = connection.execute(delete(RECEIPT).where(RECEIPT.c.received_at < cutoff)).rowcount
    participants = connection.execute(
        update(PARTICIPANT)
        .where(
            PARTICIPANT.c.last_seen_at < cutoff, func.length(PARTICIPANT.c.address_encrypted) > 0
        )
        .values(address_encrypted=b"")
    ).rowcount
    recipients = connection.execute(
        update(RECIPIENT)
        .where(
            and_(
                RECIPIENT.c.updated_at < cutoff,
                RECIPIENT.c.state.not_in(_UNFINISHED_RECIPIENT),
                func.length(RECIPIENT.c.address_encrypted) > 0,
            )
        )
        .values(address_encrypted=b"")
    ).rowcount
    outbound = connection.execute(
        update(OUTBOUND)
        .where(OUTBOUND.c.created_at < cutoff, OUTBOUND.c.address_encrypted.is_not(None))
        .values(address_encrypted=None)
    ).rowcount
    job_files = expire_files(session=connection)
    return RetentionReport(
        job_files_removed=job_files,
        answers_cleared=answers,
        redacted_deleted=redacted,
        quotes_deleted=quotes,
        held_texts_cleared=_clear_held_texts(connection, cutoff),
        receipts_deleted=receipts,
        participant_addresses_cleared=participants,
        recipient_addresses_cleared=recipients,
        outbound_addresses_cleared=outbound,
        themes_scrubbed=themes_scrubbed,
    )


def _clear_held_texts(connection: Connection, cutoff: datetime) -> int:
    """Drop words held before consent from idle conversations (JSON edited in Python,
    because SQLite and PostgreSQL spell JSON updates differently)."""
    cleared = 0
    last_id = 0
    while True:
        rows = connection.execute(
            select(CONVERSATION.c.id, CONVERSATION.c.data)
            .where(CONVERSATION.c.updated_at < cutoff, CONVERSATION.c.id > last_id)
            .order_by(CONVERSATION.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return cleared
        for conversation_id, data in rows:
            if isinstance(data, dict) and "held" in data:
                kept = {key: value for key, value in data.items() if key != "held"}
                connection.execute(
                    update(CONVERSATION)
                    .where(CONVERSATION.c.id == conversation_id)
                    .values(data=kept)
                )
                cleared += 1
        last_id = int(rows[-1][0])


def register_retention_job(registry: JobRegistry, engine: Engine, *, days: int | None) -> None:
    """Register the "retention" job (a no-op when no period is configured)."""

    def retention() -> None:
        if days is not None:
            run_retention(engine, days=days)

    registry.register("retention", retention)
