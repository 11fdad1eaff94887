"""Feedback publications ("you said, we did"): what counts as one, and who hears it.

"The same publication" is decided per section: a person is told about "what
we found out" once and about "what difference it made" once. So:

- publishing the same words again returns the existing publication (nobody
  new is queued; resuming it sends only to people still pending);
- edited words make a new publication (the record keeps what was sent), but
  it is queued only for people not already told about every section it
  carries: fixing a typo in "what we found out" messages nobody again, while
  adding "what difference it made" later is news and is sent;
- people still pending for an earlier publication (a send paused for quiet
  hours) are moved to the newest one, so they hear the current words once.

Recipients are queued in the same transaction: people who asked to hear
back, have not opted out, and talked to this consultation.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy import and_, func, insert, literal, or_, update
from sqlalchemy.sql import ColumnElement, Select
from sqlmodel import Session, col, select

from storage.models import Consultation, Conversation, Participant, utcnow
from storage.models.playback import (
    DeliveryState,
    FeedbackKind,
    FeedbackPublication,
    FeedbackRecipient,
)

SECTIONS = ("found_out", "difference")
# Pending rows moved to a newer publication end "skipped" with this reason,
# which tells them apart from people who opted out.
SUPERSEDED = "superseded by a later publication"
# usecases.delivery.run marks a send whose fate a crash lost as failed with an
# error starting with this word: the person may have been told.
_INTERRUPTED_PREFIX = "interrupted"


class _Texts(Protocol):
    found_out_en: str
    found_out_cy: str
    difference_en: str
    difference_cy: str


def text_hash(found_out_en: str, found_out_cy: str, difference_en: str, difference_cy: str) -> str:
    # Whitespace-only edits (a trailing newline from a form) are not new words.
    parts = [
        " ".join(p.split()) for p in (found_out_en, found_out_cy, difference_en, difference_cy)
    ]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def sections_of(texts: _Texts) -> frozenset[str]:
    """The sections with words in either language."""
    return frozenset(
        name
        for name in SECTIONS
        if getattr(texts, f"{name}_en").strip() or getattr(texts, f"{name}_cy").strip()
    )


def _covering(
    session: Session, consultation_id: int, sections: frozenset[str], *, but: int | None = None
) -> list[int]:
    """Earlier publications that carried every one of `sections`."""
    earlier = session.exec(
        select(FeedbackPublication).where(
            FeedbackPublication.consultation_id == consultation_id,
            FeedbackPublication.kind == FeedbackKind.SUMMARY,
        )
    )
    return [
        p.id for p in earlier if p.id is not None and p.id != but and sections <= sections_of(p)
    ]


def was_told() -> ColumnElement[bool]:
    """A recipient row whose message went, or may have gone (a crash lost its fate)."""
    return or_(
        col(FeedbackRecipient.state).in_([DeliveryState.SENT, DeliveryState.SENDING]),
        and_(
            col(FeedbackRecipient.state) == DeliveryState.FAILED,
            col(FeedbackRecipient.error).startswith(_INTERRUPTED_PREFIX),
        ),
    )


def _audience(consultation_id: int, covering: Collection[int]) -> Select[Any]:
    """Participant ids to tell: asked to hear back, not opted out, not already told."""
    told = select(FeedbackRecipient.participant_id).where(
        col(FeedbackRecipient.publication_id).in_(list(covering) or [-1]), was_told()
    )
    return (
        select(col(Participant.id))
        .join(Conversation, col(Conversation.participant_id) == col(Participant.id))
        .where(
            Conversation.consultation_id == consultation_id,
            col(Participant.wants_feedback).is_(True),
            col(Participant.opted_out).is_(False),
            col(Participant.id).not_in(told),
        )
        .distinct()
    )


def audience_count(*, session: Session, consultation_id: int, sections: frozenset[str]) -> int:
    """How many people a new publication carrying `sections` would message."""
    covering = _covering(session, consultation_id, sections)
    ids = _audience(consultation_id, covering).subquery()
    return int(session.exec(select(func.count()).select_from(ids)).one())


def asked_count(*, session: Session, consultation_id: int) -> int:
    """People who asked to hear back and have not opted out, told before or not."""
    ids = _audience(consultation_id, []).subquery()
    return int(session.exec(select(func.count()).select_from(ids)).one())


def pending_count(*, session: Session, publication_id: int) -> int:
    """Recipients of one publication a send run still has to settle.

    Includes rows a crash left "sending": the next run marks them failed
    (their fate is unknown, so they are never resent).
    """
    return int(
        session.exec(
            select(func.count())
            .select_from(FeedbackRecipient)
            .where(
                FeedbackRecipient.publication_id == publication_id,
                col(FeedbackRecipient.state).in_([DeliveryState.PENDING, DeliveryState.SENDING]),
            )
        ).one()
    )


def supersede_pending(
    *, session: Session, consultation_id: int, kind: FeedbackKind, publication_id: int
) -> None:
    """Move the people still waiting on earlier publications of `kind` to `publication_id`.

    Only rows nobody has claimed: a row a sender holds ("sending") counts as told, and
    a claim after this commit finds the row no longer pending.
    """
    earlier = select(FeedbackPublication.id).where(
        FeedbackPublication.consultation_id == consultation_id,
        FeedbackPublication.kind == kind,
        col(FeedbackPublication.id) != publication_id,
    )
    session.execute(
        update(FeedbackRecipient)
        .where(
            col(FeedbackRecipient.publication_id).in_(earlier),
            col(FeedbackRecipient.state) == DeliveryState.PENDING,
        )
        .values(state=DeliveryState.SKIPPED, error=SUPERSEDED, updated_at=utcnow())
    )


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
    # Targeted publications (theme by theme) are news of another kind: theirs stay queued.
    supersede_pending(
        session=session,
        consultation_id=consultation.id,
        kind=FeedbackKind.SUMMARY,
        publication_id=publication.id,
    )
    covering = _covering(session, consultation.id, sections_of(publication), but=publication.id)
    people = _audience(consultation.id, covering).subquery()
    chosen = select(
        literal(publication.id),
        people.c.id,
        literal(str(DeliveryState.PENDING)),
        literal(utcnow()),
    )
    session.execute(
        insert(FeedbackRecipient).from_select(
            ["publication_id", "participant_id", "state", "updated_at"], chosen
        )
    )
    return publication, True


def publications(
    *, session: Session, consultation_id: int, kind: FeedbackKind = FeedbackKind.SUMMARY
) -> list[FeedbackPublication]:
    """Newest first: when feedback went out and to how many."""
    return list(
        session.exec(
            select(FeedbackPublication)
            .where(FeedbackPublication.consultation_id == consultation_id)
            .where(FeedbackPublication.kind == kind)
            .order_by(
                col(FeedbackPublication.published_at).desc(), col(FeedbackPublication.id).desc()
            )
        )
    )


@dataclass
class FeedbackStatus:
    """One publication and where its recipients are."""

    publication: FeedbackPublication
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def sections(self) -> list[str]:
        return [s for s in SECTIONS if s in sections_of(self.publication)]


STATUS_KEYS = ("sent", "pending", "failed", "opted_out", "superseded")


def feedback_status(*, session: Session, consultation_id: int) -> list[FeedbackStatus]:
    """Newest first, with recipients counted as sent / pending / failed / opted out / superseded.

    "pending" includes a row a sender holds right now; "opted out" is people
    skipped because they texted STOP (or blocked the bot) before their turn.
    """
    listed = publications(session=session, consultation_id=consultation_id)
    ids = [p.id for p in listed if p.id is not None]
    # Grouped by the label: PostgreSQL does not match two bound copies of the
    # comparison, and grouping by raw error text would split on provider messages.
    superseded = (col(FeedbackRecipient.error) == SUPERSEDED).label("superseded")
    rows = session.exec(
        select(FeedbackRecipient.publication_id, FeedbackRecipient.state, superseded, func.count())
        .where(col(FeedbackRecipient.publication_id).in_(ids or [-1]))
        .group_by(col(FeedbackRecipient.publication_id), col(FeedbackRecipient.state), superseded)
    ).all()
    counts: dict[int, Counter[str]] = {i: Counter() for i in ids}
    for publication_id, state, moved, n in rows:
        if state == DeliveryState.SKIPPED:
            key = "superseded" if moved else "opted_out"
        elif state == DeliveryState.SENDING:
            key = "pending"
        else:
            key = str(state)
        counts[publication_id][key] += int(n)
    return [
        FeedbackStatus(publication=p, counts={k: counts[p.id or 0].get(k, 0) for k in STATUS_KEYS})
        for p in listed
    ]
