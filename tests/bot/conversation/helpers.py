"""Reading the store back the way an officer (or an auditor) would see it."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import select

from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Answer, AuditEvent, Conversation, Participant
from storage.repositories.answers import list_answers
from storage.repositories.audit import list_events


def answers(engine: Engine) -> list[Answer]:
    with session_scope(engine) as session:
        return list_answers(session=session)


def answer_texts(engine: Engine) -> list[tuple[str, str]]:
    return [(a.kind, a.text) for a in answers(engine)]


def events(engine: Engine) -> list[AuditEvent]:
    with session_scope(engine) as session:
        return list_events(session=session)


def participant(
    engine: Engine, protector: AddressProtector, address: str, channel: str = "sms"
) -> Participant | None:
    with session_scope(engine) as session:
        return session.exec(
            select(Participant).where(Participant.address_hash == protector.hash(channel, address))
        ).first()


def conversations(engine: Engine) -> list[Conversation]:
    with session_scope(engine) as session:
        return list(session.exec(select(Conversation)).all())
