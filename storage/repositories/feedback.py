"""Feedback publications ("you said, we did"): one per distinct published text.

Publishing the same words again returns the existing publication, so nobody
is messaged twice for it; edited words make a new publication. Recipients
are queued in the same transaction: people who asked to hear back, have not
opted out, and talked to this consultation.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import insert, literal
from sqlmodel import Session, col, select

from storage.models import Consultation, Conversation, Participant, utcnow
from storage.models.playback import DeliveryState, FeedbackPublication, FeedbackRecipient


def text_hash(found_out_en: str, found_out_cy: str, difference_en: str, difference_cy: str) -> str:
    # Whitespace-only edits (a trailing newline from a form) are not new words.
    parts = [
        " ".join(p.split()) for p in (found_out_en, found_out_cy, difference_en, difference_cy)
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def publish_feedback(
    *, session: Session, consultation: Consultation
) -> tuple[FeedbackPublication, bool]:
    """The publication for the consultation's current text, and whether it is new.

    Raises ValueError when there is nothing published to tell people about.
    """
    assert consultation.id is not None
    words = (
        consultation.found_out_en,
        consultation.found_out_cy,
        consultation.difference_en,
        consultation.difference_cy,
    )
    if not any(w.strip() for w in words):
        raise ValueError("nothing published yet: write 'what we found out' first")
    digest = text_hash(*words)
    existing = session.exec(
        select(FeedbackPublication).where(
            FeedbackPublication.consultation_id == consultation.id,
            FeedbackPublication.text_hash == digest,
        )
    ).first()
    if existing is not None:
        return existing, False
    publication = FeedbackPublication(
        consultation_id=consultation.id,
        text_hash=digest,
        found_out_en=consultation.found_out_en,
        found_out_cy=consultation.found_out_cy,
        difference_en=consultation.difference_en,
        difference_cy=consultation.difference_cy,
    )
    session.add(publication)
    session.flush()
    assert publication.id is not None
    chosen = (
        select(
            literal(publication.id),
            col(Participant.id),
            literal(str(DeliveryState.PENDING)),
            literal(utcnow()),
        )
        .join(Conversation, col(Conversation.participant_id) == col(Participant.id))
        .where(
            Conversation.consultation_id == consultation.id,
            col(Participant.wants_feedback).is_(True),
            col(Participant.opted_out).is_(False),
        )
        .distinct()
    )
    session.execute(
        insert(FeedbackRecipient).from_select(
            ["publication_id", "participant_id", "state", "updated_at"], chosen
        )
    )
    return publication, True


def publications(*, session: Session, consultation_id: int) -> list[FeedbackPublication]:
    """Newest first: when feedback went out and to how many."""
    return list(
        session.exec(
            select(FeedbackPublication)
            .where(FeedbackPublication.consultation_id == consultation_id)
            .order_by(col(FeedbackPublication.published_at).desc())
        )
    )
