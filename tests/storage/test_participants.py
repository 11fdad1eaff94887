"""Participant, conversation, answer, receipt and audit repositories on both backends."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from storage.db import session_scope
from storage.models import ConsultationStatus
from storage.repositories import answers, audit, participants, receipts
from storage.repositories.consultations import create_consultation

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def _consultation(engine: Engine) -> int:
    with session_scope(engine) as session:
        consultation = create_consultation(
            session=session,
            slug="bins",
            keyword="BINS",
            title_en="Bins",
            title_cy="Biniau",
            status=ConsultationStatus.OPEN,
            questions=[{"kind": "open", "prompt_en": "What matters?", "prompt_cy": "Beth?"}],
        )
        assert consultation.id is not None
        return consultation.id


def test_participant_and_active_conversation_round_trip(engine: Engine) -> None:
    consultation_id = _consultation(engine)
    with session_scope(engine) as session:
        person = participants.create_participant(
            session=session,
            channel="sms",
            address_hash="h" * 64,
            address_encrypted=b"token",
            language="cy",
            now=NOW,
        )
        assert participants.find_with_active_conversation(
            session=session, channel="sms", address_hash="h" * 64
        ) == (person, None)
        conversation = participants.create_conversation(
            session=session,
            participant_id=person.id,
            consultation_id=consultation_id,
            step="consent",
            now=NOW,
            data={"held": [{"text": "hi"}]},
        )
        participants.update_participant(
            session=session, participant_id=person.id, active_consultation_id=consultation_id
        )
        conversation.step = "open"
        conversation.ward = "Gresford"
        participants.save_conversation(session=session, conversation=conversation)
    with session_scope(engine) as session:
        found = participants.find_with_active_conversation(
            session=session, channel="sms", address_hash="h" * 64, lock=True
        )
        assert found is not None
        person_again, active = found
        assert person_again.language == "cy" and person_again.last_seen_at == NOW
        assert active is not None and (active.step, active.ward) == ("open", "Gresford")
        assert active.data == {"held": [{"text": "hi"}]}
        assert (
            participants.find_with_active_conversation(
                session=session, channel="telegram", address_hash="h" * 64
            )
            is None
        )


def test_answers_are_unique_per_provider_message(engine: Engine) -> None:
    consultation_id = _consultation(engine)
    with session_scope(engine) as session:
        answers.create_answer(
            session=session,
            consultation_id=consultation_id,
            channel="sms",
            text="x" * 1600,
            received_at=NOW,
            provider_message_id="sms:SM1",
        )
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        answers.create_answer(
            session=session,
            consultation_id=consultation_id,
            channel="sms",
            text="again",
            received_at=NOW,
            provider_message_id="sms:SM1",
        )
    with session_scope(engine) as session:
        [stored] = answers.list_answers(session=session, consultation_id=consultation_id)
        assert stored.text == "x" * 1600
        assert answers.count_answers(session=session) == 1


def test_erasure_removes_answers_conversations_and_person_but_keeps_receipts(
    engine: Engine,
) -> None:
    consultation_id = _consultation(engine)
    with session_scope(engine) as session:
        person = participants.create_participant(
            session=session,
            channel="sms",
            address_hash="e" * 64,
            address_encrypted=b"token",
            language="en",
            now=NOW,
        )
        conversation = participants.create_conversation(
            session=session,
            participant_id=person.id,
            consultation_id=consultation_id,
            step="open",
            now=NOW,
        )
        for n in range(3):
            answers.create_answer(
                session=session,
                consultation_id=consultation_id,
                participant_id=person.id,
                conversation_id=conversation.id,
                channel="sms",
                text=f"answer {n}",
                received_at=NOW,
            )
        receipts.create_receipt(
            session=session,
            channel="sms",
            provider_message_id="SM9",
            participant_id=person.id,
            replies=[{"text": "Thanks", "key": "extra-added"}],
            received_at=NOW,
        )
    with session_scope(engine) as session:
        assert participants.erase_participant(session=session, participant_id=person.id) == 3
    with session_scope(engine) as session:
        assert participants.get_participant(session=session, participant_id=person.id) is None
        assert participants.conversations_of(session=session, participant_id=person.id) == []
        assert answers.count_answers(session=session) == 0
        # The receipt keeps the reply (so a late retry still gets it) but no owner.
        assert receipts.find_receipt(session=session, channel="sms", provider_message_id="SM9") == [
            {"text": "Thanks", "key": "extra-added"}
        ]
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        receipts.create_receipt(
            session=session,
            channel="sms",
            provider_message_id="SM9",
            participant_id=None,
            replies=[],
            received_at=NOW,
        )


def test_audit_events_are_recorded_and_cannot_be_rewritten(engine: Engine) -> None:
    with session_scope(engine) as session:
        audit.record_event(
            session=session,
            actor="participant",
            action="opted_out",
            subject="participant:7",
            detail={"source": "keyword"},
            at=NOW,
        )
        audit.record_event(
            session=session, actor="participant", action="erased", subject="participant:7"
        )
    with session_scope(engine) as session:
        events = audit.list_events(session=session, subject="participant:7")
        assert [e.action for e in events] == ["opted_out", "erased"]
        assert events[0].detail == {"source": "keyword"}
        assert [e.action for e in audit.list_events(session=session, action="erased")] == ["erased"]
    with pytest.raises(DBAPIError), session_scope(engine) as session:
        session.execute(text("UPDATE auditevent SET subject = 'participant:8'"))
