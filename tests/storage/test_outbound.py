"""Outbound messages and invitation waves in the store (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from storage.db import session_scope
from storage.models import Channel, Consultation
from storage.models.outbound import (
    InvitationRecipient,
    OutboundMessage,
    OutboundStatus,
    RecipientState,
)
from storage.repositories import outbound as repo


@pytest.fixture
def consultation_id(engine: Engine) -> int:
    with session_scope(engine) as session:
        consultation = Consultation(slug="bins", keyword="BINS", title_en="Bins", title_cy="Biniau")
        session.add(consultation)
        session.flush()
        assert consultation.id is not None
        return consultation.id


def _wave(engine: Engine, consultation_id: int, n: int = 3) -> int:
    with session_scope(engine) as session:
        wave = repo.create_wave(
            session=session,
            consultation_id=consultation_id,
            body="hello",
            lawful_basis="public task",
            rate=1.0,
            recipients=[
                repo.NewRecipient(row_number=i + 2, address_hash=f"h{i}", address_encrypted=b"x")
                for i in range(n)
            ],
        )
        assert wave.id is not None
        return wave.id


def test_a_recipient_can_be_claimed_once(engine: Engine, consultation_id: int) -> None:
    wave_id = _wave(engine, consultation_id)
    with Session(engine) as session:
        first = session.exec(select(InvitationRecipient)).first()
    assert first is not None and first.id is not None
    with session_scope(engine) as session:
        assert repo.claim_recipient(session=session, recipient_id=first.id)
    with session_scope(engine) as session:
        assert not repo.claim_recipient(session=session, recipient_id=first.id)
    with session_scope(engine) as session:
        counts = repo.state_counts(session=session, wave_id=wave_id)
        assert counts[RecipientState.SENDING] == 1 and counts[RecipientState.PENDING] == 2
        repo.finish_recipient(
            session=session, recipient_id=first.id, state=RecipientState.FAILED, error="lost"
        )
    with session_scope(engine) as session:
        assert repo.requeue_failed(session=session, wave_id=wave_id, error="other") == 0
        assert repo.requeue_failed(session=session, wave_id=wave_id, error="lost") == 1
    with Session(engine) as session:
        again = session.get(InvitationRecipient, first.id)
        assert again is not None and again.state == "pending" and again.attempts == 1


def test_a_number_appears_once_per_wave(engine: Engine, consultation_id: int) -> None:
    wave_id = _wave(engine, consultation_id, n=1)
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(InvitationRecipient(wave_id=wave_id, address_hash="h0", address_encrypted=b"y"))


def test_a_wave_needs_a_lawful_basis_and_a_rate(engine: Engine, consultation_id: int) -> None:
    with session_scope(engine) as session:
        with pytest.raises(ValueError, match="lawful basis"):
            repo.create_wave(
                session=session,
                consultation_id=consultation_id,
                body="x",
                lawful_basis="  ",
                rate=1,
                recipients=[],
            )
        with pytest.raises(ValueError, match="rate"):
            repo.create_wave(
                session=session,
                consultation_id=consultation_id,
                body="x",
                lawful_basis="consent",
                rate=0,
                recipients=[],
            )


def test_status_callbacks_move_forward_only_and_sids_are_unique(engine: Engine) -> None:
    with session_scope(engine) as session:
        repo.record_outbound(
            session=session,
            channel=Channel.SMS,
            address_hash="h",
            address_encrypted=None,
            body="hi",
            provider_sid="SM1",
            status=OutboundStatus.QUEUED,
        )
    steps = [
        (OutboundStatus.DELIVERED, None, True),
        (OutboundStatus.SENT, None, False),  # late, out of order
        (OutboundStatus.DELIVERED, None, False),  # duplicate
        (OutboundStatus.READ, None, True),
    ]
    for status, code, changed in steps:
        with session_scope(engine) as session:
            message, did_change = repo.apply_status_callback(
                session=session,
                provider_sid="SM1",
                status=status,
                error_code=code,
                channel=Channel.SMS,
                address_hash="h",
            )
        assert did_change is changed, status
    with Session(engine) as session:
        (message,) = session.exec(select(OutboundMessage)).all()
    assert message.status == "read"
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(
            OutboundMessage(channel=Channel.SMS, address_hash="h", provider_sid="SM1", body="")
        )
