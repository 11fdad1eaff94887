"""Messages the service started, on a simulated phone: playback questions and feedback.

A simulated phone has no provider to push to, so the deliverer marks its
row sent (usecases/delivery/deliverers.py) and the page asks the store what is
there. A playback question stays until the phone answers it; "you said, we
did" feedback stays (it asks nothing). The page remembers which ones it
already shows (each item's `ref`).

Each message is shown both ways an officer needs to check: as the SMS a
resident would get (plain text, with its segment count) and as the Telegram
message, with its numbered buttons for a question. Feedback is shown with
the consultation's results page as its link (the console's default; a link
typed for one send is not kept, so it may differ from what was sent).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import col, select

from bot.channels.sms.segments import segment_count
from bot.conversation.catalog import Catalog
from storage.db import session_scope
from storage.identity import AddressProtector
from storage.models import Channel, Consultation, Participant
from storage.models.playback import (
    DeliveryState,
    FeedbackPublication,
    FeedbackRecipient,
    PlaybackRecipient,
    PlaybackRound,
)
from storage.repositories.feedback_themes import lines_of_recipient
from usecases.feedback.publication import publication_reply
from usecases.playback.rounds import question_for

REF_PREFIX = "playback:"
FEEDBACK_PREFIX = "feedback:"
# Older feedback is history, not news: a fresh page shows the latest few.
MAX_FEEDBACK = 3


def waiting_messages(
    engine: Engine,
    protector: AddressProtector,
    catalog: Catalog,
    visitor: str,
    channel: Channel = Channel.WEB,
) -> list[dict[str, Any]]:
    """Transcript items: feedback sent to this phone, and questions it has not answered.

    `channel` is the simulator's (WEB) or the residents' web chat (WEBCHAT):
    both have no provider and read what was sent to them from here.
    """
    address_hash = protector.hash(str(channel), visitor)
    items = _feedback(engine, catalog, address_hash, channel)
    with session_scope(engine) as session:
        rows = session.exec(
            select(
                PlaybackRecipient.id, PlaybackRecipient.shown, PlaybackRound, Participant.language
            )
            .join(PlaybackRound, col(PlaybackRound.id) == col(PlaybackRecipient.round_id))
            .join(Participant, col(Participant.id) == col(PlaybackRecipient.participant_id))
            .where(
                Participant.channel == channel,
                Participant.address_hash == address_hash,
                col(Participant.opted_out).is_(False),
                PlaybackRecipient.state == DeliveryState.SENT,
                col(PlaybackRecipient.replied_at).is_(None),
            )
            .order_by(col(PlaybackRecipient.id))
        ).all()
        for row in rows:
            session.expunge(row[2])
    for recipient_id, shown, round_, language in rows:
        sms = question_for(catalog, round_, shown, str(language), Channel.SMS, bound=False)
        # Its buttons carry the round: a press counts there or hears it has closed.
        telegram = question_for(catalog, round_, shown, str(language), Channel.TELEGRAM)
        items.append(
            {
                "who": "bot",
                "ref": f"{REF_PREFIX}{recipient_id}",
                "text": telegram.text,
                "options": [{"value": o.value, "label": o.label} for o in telegram.options],
                "sms": {"text": sms.text, "segments": segment_count(sms.text)},
            }
        )
    return items


def _feedback(
    engine: Engine, catalog: Catalog, address_hash: str, channel: Channel
) -> list[dict[str, Any]]:
    with session_scope(engine) as session:
        rows = session.exec(
            select(FeedbackRecipient.id, FeedbackPublication, Consultation, Participant.language)
            .join(
                FeedbackPublication,
                col(FeedbackPublication.id) == col(FeedbackRecipient.publication_id),
            )
            .join(Consultation, col(Consultation.id) == col(FeedbackPublication.consultation_id))
            .join(Participant, col(Participant.id) == col(FeedbackRecipient.participant_id))
            .where(
                Participant.channel == channel,
                Participant.address_hash == address_hash,
                FeedbackRecipient.state == DeliveryState.SENT,
            )
            .order_by(col(FeedbackRecipient.id).desc())
            .limit(MAX_FEEDBACK)
        ).all()
        items = []
        for recipient_id, publication, consultation, language in reversed(rows):
            language = str(language) if language in ("en", "cy") else "en"
            title = consultation.title(language)
            link = consultation.results_url or None
            # A targeted publication names this person's own themes.
            lines = lines_of_recipient(session=session, recipient_id=recipient_id or 0)
            sms, telegram = (
                publication_reply(catalog, publication, lines, title, language, shown, link)
                for shown in (Channel.SMS, Channel.TELEGRAM)
            )
            items.append(
                {
                    "who": "bot",
                    "ref": f"{FEEDBACK_PREFIX}{recipient_id}",
                    "text": telegram.text,
                    "options": [],
                    "sms": {"text": sms.text, "segments": segment_count(sms.text)},
                }
            )
    return items


def refresh(
    transcript: list[dict[str, Any]], waiting: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The transcript with the waiting items it lacks added at the end.

    Questions already answered lose their buttons, as on Telegram where a
    used keyboard is removed: a second press would not be a vote any more.
    """
    waiting_refs = {item["ref"] for item in waiting}
    shown: set[str] = set()
    updated = []
    for item in transcript:
        ref = item.get("ref")
        if ref:
            shown.add(ref)
            if ref not in waiting_refs:
                item = {**item, "options": []}
        updated.append(item)
    return updated + [item for item in waiting if item["ref"] not in shown]
