"""Plain factories for quote tests: a consultation, a resident and their answer."""

from __future__ import annotations

from sqlmodel import Session

from storage.models import Answer, Channel, Participant
from storage.models.quotes import Quote
from storage.repositories.consultations import create_consultation

TEXT = "I'm Dafydd, ring me on 07700 900123 about the buses in Gresford."


def ident(row: Answer | Quote) -> int:
    assert row.id is not None
    return row.id


def make_answer(session: Session, *, text: str = TEXT, slug: str = "buses") -> Answer:
    consultation = create_consultation(
        session=session,
        slug=slug,
        keyword=slug.upper(),
        title_en="Buses",
        title_cy="Bysiau",
        questions=[
            {"kind": "open", "prompt_en": "What matters?", "prompt_cy": "Beth sy'n bwysig?"}
        ],
    )
    participant = Participant(
        channel=Channel.SMS, address_hash=f"hash-{slug}", address_encrypted=b"sealed"
    )
    session.add(participant)
    session.flush()
    answer = Answer(
        consultation_id=consultation.id,  # type: ignore[arg-type]
        participant_id=participant.id,
        channel=Channel.SMS,
        text=text,
    )
    session.add(answer)
    session.flush()
    return answer
